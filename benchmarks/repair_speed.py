"""Speed of ``repair_text`` and ``esgtext repair`` against ftfy, on damaged French news.

    .venv/bin/python benchmarks/repair_speed.py                 # table, then one JSON line
    .venv/bin/python benchmarks/repair_speed.py --json          # the JSON line only
    .venv/bin/python benchmarks/repair_speed.py --no-10mb       # skip the 10 MB single line
    .venv/bin/python benchmarks/repair_speed.py --data flores   # FLORES, accented letters deleted

Data (default ``news``): the check split of the WMT news test sets (newstest2012, newstest2013,
newsdiscusstest2015: 7,503 French sentences) from ../shared, dressed in French typography and put
through the whole lossy conversion (``esgtext.damage.lossy_ascii``: every non-ASCII character
deleted, accented capitals kept); or FLORES-200 devtest French damaged with ``delete_accents``.
Nothing is copied; without ../shared the script says so and exits 0.

Measured, in the same run and on the same text:

1. ``ftfy.fix_text`` (defaults) -- the reference cost of "fixing text";
2. ``repair_text(text)`` (French detected) and ``repair_text(text, lang="fr")``; bar: <= 12x ftfy.
   ftfy and repair_text alternate run by run and the ratio is the median of the per-run ratios,
   so a shared machine slowing down mid-run weighs on both alike; the same ratio in CPU time
   (``time.process_time``) is reported beside it, since on a shared machine it moves less. Before
   the timings, the caches of ``repair_text`` are warmed on *other* news (newstest2011, damaged
   the same way), as a bulk run's are by the documents before;
3. ``repair_text`` on the clean French text (nothing to repair; must stay cheap);
4. ``esgtext repair FILE`` as a subprocess on a one-line file, wall time including Python start-up
   and the lexicon load; bar: <= 1 s;
5. ``repair_text`` once in a fresh process (after the lexicon load), where the per-process caches
   of word candidates and bigram scores are still empty -- the cost of a first document;
6. one 10 MB single line (the damaged text repeated) through ``repair_text`` in a fresh process:
   wall time and peak RSS, with ftfy on the same line for reference.

Timings: ``--repeat`` runs each (default 9), min and median reported.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FLORES_FR = SHARED / "data" / "flores200-devtest" / "fra_Latn.devtest"
WMT = SHARED / "data" / "wmt-news"
CHECK_SPLIT = ("newstest2012", "newstest2013", "newsdiscusstest2015")
EXE = Path(sys.executable).with_name("esgtext")

BAR_RATIO = 12.0
BAR_CLI_S = 1.0


def paired(first, second, repeat: int) -> dict:
    """Time ``first`` and ``second`` alternately; the ratio is the median of second/first."""
    a, b, cpu = [], [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        first()
        t1, c1 = time.perf_counter(), time.process_time()
        second()
        t2, c2 = time.perf_counter(), time.process_time()
        a.append(t1 - t0)
        b.append(t2 - t1)
        cpu.append((c2 - c1) / max(c1 - c0, 1e-9))
    ratios = sorted(y / x for x, y in zip(a, b))
    return {
        "cpu_ratio_median": statistics.median(cpu),
        "first": {"min_s": min(a), "median_s": statistics.median(a), "runs": repeat},
        "second": {"min_s": min(b), "median_s": statistics.median(b), "runs": repeat},
        "ratio_median": statistics.median(ratios),
        "ratio_range": [ratios[0], ratios[-1]],
    }


def cli_wall(path: Path, repeat: int) -> dict:
    command = [str(EXE)] if EXE.exists() else [sys.executable, "-m", "esgtext.cli"]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([*command, "repair", str(path)], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return {"min_s": min(times), "median_s": statistics.median(times), "runs": repeat}


_BIG_LINE_SCRIPT = r"""
import json, resource, sys, time
text = open(sys.argv[1], encoding="utf-8").read()
mode = sys.argv[2]
t0 = time.perf_counter()
if mode == "ftfy":
    import ftfy
    out = ftfy.fix_text(text)
    edits = None
else:
    from esgtext.repair import repair_text
    result = repair_text(text, lang=None if mode == "auto" else mode)
    out, edits = result.text, len(result.edits)
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "edits": edits, "chars": len(text),
                  "lines_out": out.count("\n") + 1,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


_FIRST_CALL_SCRIPT = r"""
import json, sys, time
text = open(sys.argv[1], encoding="utf-8").read()
import ftfy
from esgtext.repair import repair_text
repair_text(text[:2000])  # the lexicon and bigram model loaded, as in the main timings
t0 = time.perf_counter()
ftfy.fix_text(text)
t1 = time.perf_counter()
repair_text(text)
t2 = time.perf_counter()
print(json.dumps({"ftfy_s": t1 - t0, "repair_text_s": t2 - t1}))
"""


def first_call(path: Path) -> dict:
    """One repair_text call in a fresh process: the per-word caches start empty."""
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_CALL_SCRIPT, str(path)], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def big_line(path: Path, mode: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _BIG_LINE_SCRIPT, str(path), mode], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print only the final JSON line")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--no-10mb", dest="big", action="store_false", help="skip the 10 MB single line")
    parser.add_argument("--data", choices=("news", "flores"), default="news")
    args = parser.parse_args(argv)

    source = FLORES_FR if args.data == "flores" else WMT
    if not source.exists():
        print(f"repair_speed: {source} not found (../shared is not available); nothing to measure")
        return 0

    import ftfy

    from esgtext.damage import delete_accents, french_typography, lossy_ascii
    from esgtext.repair import repair_text

    if args.data == "flores":
        clean = FLORES_FR.read_text(encoding="utf-8")
        damaged = delete_accents(clean)
        described = "FLORES-200 devtest fra_Latn, delete_accents"
    else:
        lines = []
        for name in CHECK_SPLIT:
            lines += (WMT / f"{name}.fra-eng.fra").read_text(encoding="utf-8").splitlines()
        clean = "\n".join(french_typography(line, seed=i) for i, line in enumerate(lines)) + "\n"
        damaged = lossy_ascii(clean, capitals=False)
        described = "WMT news check split (fr), French typography, lossy_ascii(capitals=False)"
    results: dict = {
        "data": f"{described}, {clean.count(chr(10))} sentences, {len(damaged):,} chars",
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "ftfy_version": ftfy.__version__,
    }
    repair_text(damaged[:2000])  # load the lexicon and the bigram model once, outside the timings
    if args.data == "news":  # and warm the per-word caches on other news (a first call: below)
        warm = (WMT / "newstest2011.fra-eng.fra").read_text(encoding="utf-8").splitlines()
        repair_text(lossy_ascii("\n".join(french_typography(line, seed=i)
                                          for i, line in enumerate(warm)), capitals=False))
    else:
        repair_text(damaged)

    pair = paired(lambda: ftfy.fix_text(damaged), lambda: repair_text(damaged), args.repeat)
    results["ftfy_fix_text"], results["repair_text_auto"] = pair["first"], pair["second"]
    results["ratio_auto_vs_ftfy"], results["ratio_auto_range"] = pair["ratio_median"], pair["ratio_range"]
    results["cpu_ratio_auto_vs_ftfy"] = pair["cpu_ratio_median"]
    pair = paired(lambda: ftfy.fix_text(damaged), lambda: repair_text(damaged, lang="fr"), args.repeat)
    results["repair_text_fr"], results["ratio_fr_vs_ftfy"] = pair["second"], pair["ratio_median"]
    pair = paired(lambda: ftfy.fix_text(clean), lambda: repair_text(clean), args.repeat)
    results["ftfy_clean_fr"], results["repair_text_clean_fr"] = pair["first"], pair["second"]
    results["ratio_clean_vs_ftfy"] = pair["ratio_median"]

    with tempfile.TemporaryDirectory() as tmp:
        one_line = Path(tmp) / "one-line.txt"
        one_line.write_text(damaged.splitlines()[0] + "\n", encoding="utf-8")
        results["cli_one_line"] = cli_wall(one_line, args.repeat)
        damaged_path = Path(tmp) / "damaged.txt"
        damaged_path.write_text(damaged, encoding="utf-8")
        results["first_call"] = first_call(damaged_path)
        if args.big:
            line = " ".join(damaged.splitlines())
            big = (line + " ") * (10_000_000 // (len(line) + 1) + 1)
            big_path = Path(tmp) / "ten-mb.txt"
            big_path.write_text(big[:10_000_000], encoding="utf-8")
            results["ten_mb_line_repair"] = big_line(big_path, "auto")
            results["ten_mb_line_ftfy"] = big_line(big_path, "ftfy")

    results["bars"] = {
        "repair_text <= 12x ftfy": results["ratio_auto_vs_ftfy"] <= BAR_RATIO,
        "esgtext repair one line <= 1 s": results["cli_one_line"]["median_s"] <= BAR_CLI_S,
    }
    if not args.json:
        print_table(results)
    print(json.dumps(results))
    return 0


def print_table(r: dict) -> None:
    print(f"data:    {r['data']}")
    print(f"machine: {r['machine']}, ftfy {r['ftfy_version']}")
    print()
    print(f"{'measurement':44} {'min':>9} {'median':>9}  note")
    rows = [
        ("ftfy.fix_text (damaged French)", "ftfy_fix_text", ""),
        ("repair_text (damaged French, detected)", "repair_text_auto",
         f"{r['ratio_auto_vs_ftfy']:.1f}x ftfy (per-run {r['ratio_auto_range'][0]:.1f}-{r['ratio_auto_range'][1]:.1f}; "
         f"CPU time {r['cpu_ratio_auto_vs_ftfy']:.1f}x)"),
        ("repair_text lang='fr'", "repair_text_fr", f"{r['ratio_fr_vs_ftfy']:.1f}x ftfy"),
        ("ftfy.fix_text (clean French)", "ftfy_clean_fr", ""),
        ("repair_text (clean French)", "repair_text_clean_fr", f"{r['ratio_clean_vs_ftfy']:.1f}x ftfy"),
        ("esgtext repair one-line file (subprocess)", "cli_one_line", "wall, incl. start-up + lexicon"),
    ]
    for label, key, note in rows:
        print(f"{label:44} {r[key]['min_s']:8.3f}s {r[key]['median_s']:8.3f}s  {note}")
    if "first_call" in r:
        x = r["first_call"]
        label = "repair_text first call, fresh process"
        print(f"{label:44} {x['repair_text_s']:8.3f}s {'':>9}  "
              f"{x['repair_text_s'] / x['ftfy_s']:.1f}x ftfy ({x['ftfy_s']:.3f}s); per-word caches empty")
    for key, label in (("ten_mb_line_repair", "repair_text, 10 MB single line"), ("ten_mb_line_ftfy", "ftfy, 10 MB single line")):
        if key in r:
            x = r[key]
            print(f"{label:44} {x['seconds']:8.2f}s {'':>9}  peak RSS {x['peak_rss_mb']:.0f} MB")
    print()
    for bar, ok in r["bars"].items():
        print(f"{'PASS' if ok else 'FAIL'}  {bar}")


if __name__ == "__main__":
    sys.exit(main())
