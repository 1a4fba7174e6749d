"""Bulk-run benchmark of ``esgtext translate``: files/s and peak memory on a generated inbox.

    .venv/bin/python benchmarks/bulk_run.py                 # 1,000 files, table + JSON line
    .venv/bin/python benchmarks/bulk_run.py --files 200 --model-files 50 --json

The inbox is generated from this file's own templates (fictional companies; nothing from
../shared): French releases (a third with their accents deleted, some in cp1252), English ones
with web chrome and a Chinese ``Source:`` line, Chinese ones (some GB18030), Markdown and HTML
releases, plus one empty and one binary ``.txt`` per 100 files, in nested folders.

Runs, each a fresh ``esgtext translate`` subprocess (so start-up is included):

1. repair only (``--allow-untranslated``), ``--jobs 1`` and ``--jobs N`` -- repair, language,
   segmentation, boilerplate, JSONL+TMX+Moses writing;
2. the same command again: the resume path (hash every file, skip all);
3. with a random-weight MarianMT model for fr-en and zh-en (built by ``tests/tiny_models.py``;
   ``--model-size tiny`` by default, ``full`` = the real OPUS-MT sizes, needs ../shared), on the
   first ``--model-files`` files. Random weights never emit end-of-sentence, so every segment is
   decoded to the length cap: this is a worst case for decoding time, not a quality number.

Peak memory is ``ru_maxrss`` of the run's process tree as reported by
``resource.getrusage(RUSAGE_CHILDREN)`` in a fresh wrapper process: the largest single process
(main or worker), not the sum. The last line printed is one JSON object with every number.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

COMPANIES = ["Helvia Énergie", "Northwind Foods", "Kestrel Ports", "Lianhe Battery", "Meridian Paper",
             "Sainte-Croix Agri", "Camex Logistics", "Avenir Ciment", "Blue Delta Water", "Orion Textiles"]
FR_SENTENCES = [
    "{c} a réduit ses émissions de gaz à effet de serre de {p} % entre 2019 et {y}.",
    "La centrale solaire de {c} produira {n} mégawattheures par an dès l'été {y}.",
    "Le groupe prévoit d'investir {n} millions d'euros dans l'efficacité énergétique de ses usines.",
    "« Nous voulons atteindre la neutralité carbone avant 2040 », a déclaré la directrice générale.",
    "Les salariés ont bénéficié de {p} heures de formation à la sécurité au cours de l'année.",
    "Le rapport de durabilité est vérifié par un organisme tiers indépendant.",
    "La consommation d'eau par tonne produite a baissé de {p} % grâce au recyclage.",
]
EN_SENTENCES = [
    "{c} cut its scope 1 and 2 emissions by {p}% compared with its 2019 baseline.",
    "The new heat pumps will save {n} megawatt hours of gas every year from {y}.",
    "The company published its third sustainability report, assured by an external auditor.",
    "\u201cWater is a shared resource,\u201d said the head of operations.",
    "Women now hold {p}% of management positions across the group.",
    "The programme trained {n} suppliers in responsible sourcing in {y}.",
]
ZH_SENTENCES = [
    "{c}二〇二三年的碳排放量比上年下降了百分之{p}。",
    "公司计划在{y}年前投资{n}亿元用于可再生能源项目。",
    "我们致力于可持续发展和绿色能源转型。",
    "董事会批准了新的环境、社会和治理战略。",
    "该项目每年可减少二氧化碳排放约{n}吨。",
]
CHROME_TOP = "Sign into your account\nMember ID or Email\nJoin Free\n\nHome > News > Member News > Content\n\n"
CHROME_BOTTOM = "\n\nShare to: WeChat Weibo LinkedIn\n\nCopyright © {y} {c}. All rights reserved.\n"


def _delete_accents(text: str) -> str:
    return "".join(ch for ch in text if ord(ch) < 128 or ch in "«»’€")


def _paragraphs(rng: random.Random, sentences: list[str], company: str, k: int, sep: str = " ") -> list[str]:
    out = []
    for _ in range(k):
        picks = rng.sample(sentences, rng.randint(1, 3))
        out.append(sep.join(s.format(c=company, p=rng.randint(3, 60), n=rng.randint(10, 900),
                                     y=rng.randint(2020, 2030)) for s in picks))
    return out


def make_release(i: int, rng: random.Random) -> tuple[str, bytes]:
    """(relative path, bytes) of the i-th generated input file."""
    company = COMPANIES[i % len(COMPANIES)]
    folder = f"{2020 + i % 5}/{['q1', 'q2', 'q3', 'q4'][i % 4]}"
    if i % 100 == 98:
        return f"{folder}/empty_{i:04d}.txt", b""
    if i % 100 == 99:
        return f"{folder}/scan_{i:04d}.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(512))
    kind = i % 6
    k = rng.randint(4, 9)
    if kind == 0:  # French, accents deleted
        text = f"Communiqué de presse — {company}\n\n" + "\n\n".join(_paragraphs(rng, FR_SENTENCES, company, k))
        return f"{folder}/fr_{i:04d}.txt", _delete_accents(text).encode("utf-8")
    if kind == 1:  # French in cp1252
        text = f"{company} : bilan climat\n\n" + "\n\n".join(_paragraphs(rng, FR_SENTENCES, company, k))
        return f"{folder}/fr_{i:04d}_cp1252.txt", text.replace("’", "'").encode("cp1252", "replace")
    if kind == 2:  # English with chrome and a Chinese source line
        body = "\n\n".join(_paragraphs(rng, EN_SENTENCES, company, k))
        text = (CHROME_TOP + f"{company} Sustainability Update\n\nPublish Time: {2020 + i % 5}-03-11 "
                f"Source: 中国机械出口协会\n\n{body}" + CHROME_BOTTOM.format(y=2024, c=company))
        return f"{folder}/en_{i:04d}.txt", text.encode("utf-8")
    if kind == 3:  # Chinese, GB18030 for every other one
        text = f"{company}发布可持续发展报告\n\n" + "\n\n".join(_paragraphs(rng, ZH_SENTENCES, company, k, sep=""))
        return f"{folder}/zh_{i:04d}.txt", text.encode("gb18030" if i % 12 == 3 else "utf-8")
    if kind == 4:  # Markdown
        items = "\n".join(f"- {s}" for s in _paragraphs(rng, EN_SENTENCES, company, 3))
        text = f"# {company} climate report\n\n" + "\n\n".join(_paragraphs(rng, EN_SENTENCES, company, k)) + f"\n\n{items}\n"
        return f"{folder}/report_{i:04d}.md", text.encode("utf-8")
    paras = "".join(f"<p>{p}</p>\n" for p in _paragraphs(rng, FR_SENTENCES, company, k))
    html = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{company}</title></head><body>"
            "<nav><a href='/'>Accueil</a> | <a href='/news'>Actualités</a> | <a>Se connecter</a></nav>"
            "<div class='cookies'>Nous utilisons des cookies. <button>Accepter</button></div>"
            f"<article><h1>{company} publie son rapport climat</h1>\n{paras}</article>"
            f"<footer>© 2024 {company}. Tous droits réservés. <a>Mentions légales</a></footer></body></html>")
    return f"{folder}/release_{i:04d}.html", html.encode("utf-8")


def make_inbox(root: Path, n: int, seed: int = 0) -> int:
    rng = random.Random(seed)
    total = 0
    for i in range(n):
        rel, data = make_release(i, rng)
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
    return total


def error_kinds(out: Path) -> dict[str, int]:
    """How many files of a run failed, by kind (``errors.jsonl``), e.g. {"undecodable": 10}."""
    kinds: dict[str, int] = {}
    path = out / ".esgtext" / "errors.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else []:
        kind = json.loads(line)["error"]
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def measure(args: list[str], env: dict[str, str]) -> dict:
    """Run ``esgtext translate ARGS`` in a fresh wrapper process; wall time, peak RSS, summary."""
    wrapper = (
        "import json, resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "wall = time.perf_counter() - t\n"
        "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'rc': p.returncode, 'wall_s': wall, 'peak_rss_mib': ru.ru_maxrss / 1024,"
        " 'cpu_s': ru.ru_utime + ru.ru_stime, 'stderr': p.stderr[-2000:]}))\n"
    )
    cmd = [sys.executable, "-c", wrapper, sys.executable, "-c", "from esgtext.cli import main; main()",
           "translate", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    summary = [line for line in result.pop("stderr").splitlines() if " files (" in line]
    result["summary"] = summary[-1].removeprefix("esgtext: ") if summary else ""
    return result


def build_models(where: Path, size: str) -> dict[str, Path]:
    sys.path.insert(0, str(REPO / "tests"))
    from tiny_models import build_tiny_marian  # noqa: E402 (tests helper, imports torch)

    shared = REPO.parent / "shared"
    if size == "full" and not (shared / "models").is_dir():
        raise SystemExit("--model-size full needs ../shared/models (the real configs and tokenizers)")
    kwargs = {"shared_dir": shared if size == "full" else None, "full_size": size == "full"}
    return {src: build_tiny_marian(where / f"{src}-en", source=src, **kwargs) for src in ("fr", "zh")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=1000, help="generated input files (default 1000)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="--jobs of the parallel run")
    ap.add_argument("--model-files", type=int, default=100,
                    help="files translated with the random-weight model (0: skip the model run)")
    ap.add_argument("--model-size", choices=["tiny", "full"], default="tiny")
    ap.add_argument("--engine", choices=["transformers", "ctranslate2"], default="transformers")
    ap.add_argument("--formats", default="jsonl,tmx,moses")
    ap.add_argument("--json", action="store_true", help="print only the final JSON line")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    opts = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="esgtext-bulk-"))
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ESGTEXT_MODELS_DIR": str(tmp / "no-models")}
    report: dict = {"files": opts.files, "cpus": os.cpu_count(), "formats": opts.formats,
                    "engine_threads": os.environ.get("ESGTEXT_THREADS", "all CPUs")}
    rows = []
    try:
        inbox = tmp / "inbox"
        report["input_mib"] = round(make_inbox(inbox, opts.files) / 2**20, 2)
        base = [str(inbox), "--format", opts.formats, "--no-progress", "--allow-untranslated"]
        for label, extra, out in [
            ("repair-only jobs=1", ["--jobs", "1"], "out1"),
            (f"repair-only jobs={opts.jobs}", ["--jobs", str(opts.jobs)], "outN"),
            ("resume (unchanged)", ["--jobs", "1"], "out1"),
        ]:
            r = measure([*base, "-o", str(tmp / out), *extra], env)
            r["errors"] = error_kinds(tmp / out)
            rows.append((label, opts.files, r))
        if opts.model_files > 0:
            models = build_models(tmp / "models", opts.model_size)
            subset = tmp / "subset"
            for i, path in enumerate(sorted(p for p in inbox.rglob("*") if p.is_file())):
                if i >= opts.model_files:
                    break
                target = subset / path.relative_to(inbox)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, target)
            args = [str(subset), "-o", str(tmp / "outM"), "--format", opts.formats, "--no-progress",
                    "--engine", opts.engine, "--model", f"fr-en={models['fr']}",
                    "--model", f"zh-en={models['zh']}", "--jobs", str(opts.jobs)]
            r = measure(args, env)  # engine threads: $ESGTEXT_THREADS, else every CPU
            r["errors"] = error_kinds(tmp / "outM")
            rows.append((f"{opts.model_size} model ({opts.engine}) jobs={opts.jobs}", opts.model_files, r))
    finally:
        if not opts.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}", file=sys.stderr)

    runs = []
    for label, n, r in rows:
        runs.append({"run": label, "files": n, "rc": r["rc"], "wall_s": round(r["wall_s"], 2),
                     "files_per_s": round(n / r["wall_s"], 1), "peak_rss_mib": round(r["peak_rss_mib"], 1),
                     "cpu_s": round(r["cpu_s"], 1), "errors": r["errors"], "summary": r["summary"]})
    report["runs"] = runs
    if not opts.json:
        print(f"{opts.files} generated files ({report['input_mib']} MiB), {report['cpus']} CPUs, formats {opts.formats}")
        print(f"{'run':<40} {'files':>6} {'wall s':>8} {'files/s':>8} {'peak MiB':>9}  rc")
        for r in runs:
            print(f"{r['run']:<40} {r['files']:>6} {r['wall_s']:>8} {r['files_per_s']:>8} {r['peak_rss_mib']:>9}  {r['rc']}")
            print(f"    {r['summary']}; errors by kind: {r['errors'] or 'none'}")
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
