"""Time per MB of ``process_document`` from 0.1 to 10 MB: it must stay flat (linear time).

    .venv/bin/python benchmarks/document_scaling.py                 # 0.1 .. 10 MB, table + JSON
    .venv/bin/python benchmarks/document_scaling.py --sizes 0.25,0.5,1,2,4
    .venv/bin/python benchmarks/document_scaling.py --json          # the JSON line only

The document is built from the sample corpus's reference releases (``corpus/reference/``, in the
repository): the French ones with their accents deleted (``esgtext.damage.delete_accents``, the
damage that gives the most repair edits, hence the most provenance to map back per record), the
English and Chinese ones as they are, a vertical tab before a word now and then (a control
character ftfy deletes), all repeated until the document has the size asked for. Each size runs
``process_document(text, allow_untranslated=True)`` (repair, languages, segments and records; no
model) in a fresh process, so that one size's caches do not speed up the next; one warm-up call
on a small document in that process first loads the lexicon and the language tables.

The bar (issue #15): seconds per MB at every size within 1.5x of the smallest size's. Time is
CPU time of the process (``time.process_time``): on a shared machine, wall time mostly measures
the other jobs (it is printed too).
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = (0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 10.0)
BAR = 1.5


def build_document(megabytes: float) -> str:
    """A realistic mixed release of about ``megabytes`` MB of UTF-8 (deterministic)."""
    from esgtext.damage import delete_accents

    pieces = []
    for path in sorted((REPO / "corpus" / "reference").glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        if path.name.startswith("fr-"):
            text = delete_accents(text)
        pieces.append(text)
    unit = "\n\n".join(pieces) + "\n\n"
    # a control character before a word, once per unit: kept in every record's provenance
    unit = unit.replace(" ", " \x0b", 1)
    target = int(megabytes * 1_000_000)
    size = len(unit.encode("utf-8"))
    return unit * max(1, round(target / size))


def _child(megabytes: float) -> None:
    import esgtext

    esgtext.process_document(build_document(0.01), allow_untranslated=True)  # warm-up: tables
    text = build_document(megabytes)
    mb = len(text.encode("utf-8")) / 1_000_000
    started, cpu_started = time.perf_counter(), time.process_time()
    doc = esgtext.process_document(text, allow_untranslated=True)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    with_raw = sum(r.source_raw is not None for r in doc.records)
    import resource

    print(json.dumps({"mb": round(mb, 3), "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
                      "s_per_mb": round(cpu / mb, 3), "wall_s_per_mb": round(seconds / mb, 3),
                      "records": len(doc.records),
                      "records_with_source_raw": with_raw,
                      "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES),
                        help="comma-separated sizes in MB")
    parser.add_argument("--json", action="store_true", help="print the JSON summary line only")
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        _child(args.child)
        return 0
    rows = []
    for size in (float(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--child", str(size)], capture_output=True,
                             text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        if not args.json:
            print(f"{row['mb']:7.2f} MB  CPU {row['cpu_seconds']:8.2f} s  {row['s_per_mb']:6.2f} s/MB  "
                  f"(wall {row['seconds']:.2f} s)  "
                  f"{row['records']:7d} records ({row['records_with_source_raw']} with source_raw)  "
                  f"peak {row['peak_rss_mib']} MiB", flush=True)
    base = rows[0]["s_per_mb"]
    worst = max(r["s_per_mb"] for r in rows) / base
    summary = {"benchmark": "document_scaling", "python": platform.python_version(), "rows": rows,
               "worst_ratio_to_smallest": round(worst, 2), "bar": BAR, "met": worst <= BAR}
    if not args.json:
        print(f"time per MB, worst / smallest size: {worst:.2f}x (bar: <= {BAR}x: "
              f"{'met' if worst <= BAR else 'NOT met'})")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
