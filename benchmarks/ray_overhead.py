"""What ``--ray`` costs against ``--jobs N`` on one machine (issue #14): a repair-only bulk run.

    .venv/bin/python benchmarks/ray_overhead.py                 # 1,000 files, --jobs 2, table + JSON
    .venv/bin/python benchmarks/ray_overhead.py --files 200 --json

The inbox is ``benchmarks/bulk_run.py``'s (French with deleted accents and cp1252, English with web
chrome, Chinese in GB18030, Markdown, HTML; one empty and one binary file per 100), repaired,
language-tagged and segmented without a model (``--allow-untranslated``), JSONL written. Runs:

1. ``esgtext translate IN -o A --jobs N`` -- a fresh process, start-up included;
2. ``esgtext translate IN -o B --ray`` -- a fresh process that starts a local Ray with the
   machine's CPUs and stops it: what a one-off ``--ray`` run on a laptop costs;
3. ``translate_dataset`` in a process whose local Ray is already running (started outside the
   timing), twice on fresh outputs: the cost of Ray Data itself, without Ray's start-up; the
   second run finds the CPU workers warm;
4. the same ``--ray`` command again on B: the resume path (every file hashed, none sent).

Runs 1-3 alternate ``--repeat`` times (default 2) and the best time of each is kept: on a shared
machine the other jobs' load changes from one minute to the next. Every Ray run's records are
checked byte for byte against run 1's. The last line is one JSON object with every number.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from bulk_run import make_inbox, measure  # noqa: E402 (the same inbox and measurement)


def records(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".esgtext" not in p.relative_to(out).parts}


def warm_runs(inbox: Path, base: Path, n: int) -> list[float]:
    """Seconds of ``translate_dataset`` on a Ray started beforehand (a fresh process)."""
    code = (
        "import json, sys, time, ray\n"
        "from esgtext.distributed import translate_dataset\n"
        "ray.init(include_dashboard=False, log_to_driver=False, logging_level='WARNING')\n"
        "times = []\n"
        f"for i in range({n}):\n"
        "    t = time.perf_counter()\n"
        f"    translate_dataset({str(inbox)!r}, {str(base)!r} + f'/warm{{i}}', allow_untranslated=True, progress=False)\n"
        "    times.append(time.perf_counter() - t)\n"
        "ray.shutdown()\n"
        "print(json.dumps(times))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=1000, help="generated input files (default 1000)")
    ap.add_argument("--jobs", type=int, default=2, help="--jobs of the local run (default 2)")
    ap.add_argument("--repeat", type=int, default=2, help="alternating rounds, best of each kept (default 2)")
    ap.add_argument("--json", action="store_true", help="print only the final JSON line")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    try:
        import ray  # noqa: F401
    except ImportError:
        raise SystemExit("needs the ray extra: pip install 'esgtext[ray]'") from None

    tmp = Path(tempfile.mkdtemp(prefix="esgtext-ray-bench-"))
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ESGTEXT_MODELS_DIR": str(tmp / "no-models")}
    env.pop("RAY_ADDRESS", None)
    try:
        inbox = tmp / "inbox"
        size = make_inbox(inbox, args.files)
        common = ["--allow-untranslated", "--no-progress", "--no-cache"]
        jobs_runs, cold_runs, warm_pairs = [], [], []
        for r in range(args.repeat):  # alternating, the best of each kept (a shared machine is noisy)
            for name in ("jobs", "ray", "warm0", "warm1"):
                shutil.rmtree(tmp / name, ignore_errors=True)
            jobs_runs.append(measure([str(inbox), "-o", str(tmp / "jobs"), "--jobs", str(args.jobs), *common], env))
            cold_runs.append(measure([str(inbox), "-o", str(tmp / "ray"), "--ray", *common], env))
            warm_pairs.append(warm_runs(inbox, tmp, 2))
        jobs = min(jobs_runs, key=lambda m: m["wall_s"])
        ray_cold = min(cold_runs, key=lambda m: m["wall_s"])
        warm = [min(pair[i] for pair in warm_pairs) for i in range(2)]
        resume = measure([str(inbox), "-o", str(tmp / "ray"), "--ray", *common], env)
        reference = records(tmp / "jobs")
        identical = all(records(tmp / name) == reference for name in ("ray", "warm0", "warm1"))
        result = {
            "files": args.files, "input_mib": round(size / 2**20, 2), "cpus": os.cpu_count(),
            "jobs": args.jobs, "identical_records": identical,
            "jobs_s": round(jobs["wall_s"], 2), "ray_cold_s": round(ray_cold["wall_s"], 2),
            "ray_warm_s": [round(t, 2) for t in warm], "ray_resume_s": round(resume["wall_s"], 2),
            "jobs_files_per_s": round(args.files / jobs["wall_s"], 1),
            "ray_warm_files_per_s": round(args.files / min(warm), 1),
            "jobs_peak_rss_mib": round(jobs["peak_rss_mib"]), "rounds": args.repeat,
            "all_jobs_s": [round(m["wall_s"], 2) for m in jobs_runs],
            "all_ray_cold_s": [round(m["wall_s"], 2) for m in cold_runs],
            "all_ray_warm_s": [[round(t, 2) for t in pair] for pair in warm_pairs],
            "load_average": [round(x, 2) for x in os.getloadavg()], "summary": jobs["summary"],
            "ray_summary": ray_cold["summary"],
        }
        if not args.json:
            print(f"{args.files} files ({result['input_mib']} MiB), {result['cpus']} CPUs, repair only")
            print(f"  --jobs {args.jobs}                 {result['jobs_s']:7.2f} s  "
                  f"({result['jobs_files_per_s']} files/s)")
            print(f"  --ray (starts a local Ray) {result['ray_cold_s']:7.2f} s")
            print(f"  translate_dataset, Ray up  {warm[0]:7.2f} s, then {warm[1]:.2f} s "
                  f"({result['ray_warm_files_per_s']} files/s)")
            print(f"  --ray again (resume)       {result['ray_resume_s']:7.2f} s")
            print(f"  records identical to --jobs: {identical}")
        print(json.dumps(result))
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
