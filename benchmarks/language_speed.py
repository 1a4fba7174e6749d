"""Throughput of language detection, language spans and segmentation (sentences per second).

    .venv/bin/python benchmarks/language_speed.py            # FLORES devtest from ../shared
    .venv/bin/python benchmarks/language_speed.py --big 10   # also a 10 MB document

Uses FLORES-200 devtest (fr, en, zh; read from ../shared, never copied) when present, else a
built-in generated text. One process, one thread, timed in CPU seconds (the machine may be shared);
start-up (loading word lists and langdetect profiles) is timed apart. Prints a table and, last, one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

from esgtext import __version__
from esgtext.language import detect_language, language_spans
from esgtext.segmentation import segment

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "flores200-devtest"
FILES = {"fr": "fra_Latn.devtest", "en": "eng_Latn.devtest", "zh": "zho_Hans.devtest"}


def sentences(lang: str) -> list[str]:
    path = SHARED / FILES[lang]
    if path.is_file():
        return [s.strip() for s in path.read_text(encoding="utf-8").splitlines() if s.strip()]
    rng = random.Random(0)  # without ../shared: a generated stand-in, so the script still runs
    words = {"fr": "le la des une entreprise a livré plus de bouteilles eau potable".split(),
             "en": "the company delivered more than bottles of drinking water to".split(),
             "zh": list("公司向受灾地区运送了三万多瓶饮用水以缓解供水问题")}[lang]
    joiner = "" if lang == "zh" else " "
    end = "。" if lang == "zh" else "."
    return [joiner.join(rng.choice(words) for _ in range(20)).capitalize() + end for _ in range(1000)]


def paragraphs(lines: list[str], lang: str) -> str:
    joiner = "" if lang == "zh" else " "
    return "\n\n".join(joiner.join(lines[i : i + 5]) for i in range(0, len(lines), 5))


def cpu() -> float:
    """CPU seconds of this process: steadier than wall time on a shared machine (one thread)."""
    return time.process_time()


def rate(fn, items) -> float:
    t0 = cpu()
    for item in items:
        fn(item)
    return len(items) / (cpu() - t0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", type=float, default=0, help="also segment a document of this many MB")
    args = parser.parse_args()

    t0 = cpu()
    detect_language("Le Groupe Chery a livré des bouteilles.")
    detect_language("Дата")  # langdetect profiles
    segment("Un. Deux.", "fr")
    segment("One. Two.", "en")
    startup = cpu() - t0

    rows = []
    for lang in FILES:
        lines = sentences(lang)
        doc = paragraphs(lines, lang)
        n_sent = len(lines)
        t = cpu()
        n_seg = len(segment(doc, lang))
        seg_rate = n_sent / (cpu() - t)
        t = cpu()
        segment(doc)
        seg_auto_rate = n_sent / (cpu() - t)
        rows.append({
            "lang": lang,
            "sentences": n_sent,
            "detect_per_s": rate(detect_language, lines),
            "spans_per_s": rate(language_spans, lines),
            "segment_per_s": seg_rate,
            "segment_auto_lang_per_s": seg_auto_rate,
            "segments_found": n_seg,
        })

    big = None
    if args.big:
        unit = paragraphs(sentences("en"), "en") + "\n\n"
        text = unit * max(1, int(args.big * 1_000_000 / len(unit.encode("utf-8"))))
        t, wall = cpu(), time.perf_counter()
        found = len(segment(text, "en"))
        seconds, wall = cpu() - t, time.perf_counter() - wall
        t = cpu()
        guess = detect_language(text)
        detect_seconds = cpu() - t
        big = {"mb": round(len(text.encode("utf-8")) / 1e6, 1), "segment_s": round(seconds, 1), "segment_wall_s": round(wall, 1),
               "segments": found, "segments_per_s": found / seconds,
               "detect_s": round(detect_seconds, 2), "lang": guess.lang}

    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    print(f"esgtext {__version__} language speed on {machine}: sentences per CPU-second, one thread")
    print(f"start-up (word lists, langdetect profiles, pysbd): {startup:.1f} s\n")
    print(f"{'':4} {'sentences':>9} {'detect/s':>10} {'spans/s':>10} {'segment/s':>10} {'seg auto/s':>11}")
    for r in rows:
        print(f"{r['lang']:4} {r['sentences']:9d} {r['detect_per_s']:10.0f} {r['spans_per_s']:10.0f} "
              f"{r['segment_per_s']:10.0f} {r['segment_auto_lang_per_s']:11.0f}")
    if big:
        print(f"\n{big['mb']} MB English document: segmented in {big['segment_s']} CPU-s "
              f"({big['segment_wall_s']} s wall; {big['segments_per_s']:.0f} sentences/s), "
              f"language detected in {big['detect_s']} CPU-s")
    print(json.dumps({"version": __version__, "machine": machine, "startup_s": round(startup, 2),
                      "rows": rows, "big": big}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
