"""Quality of language identification, language spans and sentence segmentation.

Data: FLORES-200 devtest and Tatoeba test from ../shared (read only; nothing is copied).
Baselines run in the same process: plain seeded langdetect, and a plain regex sentence splitter.

    .venv/bin/python benchmarks/language_quality.py            # Tatoeba sampled (fast)
    .venv/bin/python benchmarks/language_quality.py --full     # every Tatoeba sentence

Prints a table and, last, one JSON line with every number.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import unicodedata
from pathlib import Path

from esgtext import __version__
from esgtext.language import detect_language, language_spans
from esgtext.segmentation import segment

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FLORES = {"fr": "fra_Latn.devtest", "en": "eng_Latn.devtest", "zh": "zho_Hans.devtest"}
TATOEBA = {"fr": "fra-eng.fra", "en": "fra-eng.eng", "zh": "zho-eng.zho"}


def load(name: str) -> list[str]:
    path = SHARED / name
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- accent damage: the colleague's simulators when they exist, else tiny local ones ----------
try:  # pragma: no cover - depends on what has landed
    from esgtext.damage import delete_accents, question_mark_accents, strip_accents  # type: ignore

    DAMAGE_SOURCE = "esgtext.damage"
except ImportError:  # pragma: no cover
    DAMAGE_SOURCE = "local"

    def delete_accents(text: str) -> str:
        """Lower-case accented letters and typographic apostrophes vanish (seed 000)."""
        return "".join(c for c in text if not (c.islower() and not c.isascii()) and c != "’")

    def question_mark_accents(text: str) -> str:
        return "".join("?" if c.isalpha() and not c.isascii() else c for c in text)

    def strip_accents(text: str) -> str:
        decomposed = unicodedata.normalize("NFD", text)
        return unicodedata.normalize(
            "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
        )


# --- language identification --------------------------------------------------------------


def langdetect_baseline(text: str) -> str:
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        code = detect(text)
    except LangDetectException:
        return "und"
    return "zh" if code.startswith("zh") else code


def accuracy(sentences: list[str], gold: str, fn) -> float:
    return sum(fn(s) == gold for s in sentences) / len(sentences)


def language_rows(sample: int | None, rng: random.Random, baseline: bool):
    sets: list[tuple[str, str, list[str]]] = []
    for lang, name in FLORES.items():
        sets.append((f"FLORES {lang}", lang, load(f"flores200-devtest/{name}")))
    fr = load(f"flores200-devtest/{FLORES['fr']}")
    sets.append(("FLORES fr, accents deleted", "fr", [delete_accents(s) for s in fr]))
    sets.append(("FLORES fr, accents stripped", "fr", [strip_accents(s) for s in fr]))
    sets.append(("FLORES fr, accents as ?", "fr", [question_mark_accents(s) for s in fr]))
    for lang, name in TATOEBA.items():
        lines = load(f"tatoeba-test/{name}")
        if sample and len(lines) > sample:
            lines = rng.sample(lines, sample)
        sets.append((f"Tatoeba {lang}", lang, lines))
    tat_fr = [s for n, _, ss in sets if n == "Tatoeba fr" for s in ss]
    sets.append(("Tatoeba fr, accents deleted", "fr", [delete_accents(s) for s in tat_fr]))
    rows = []
    confidences: list[tuple[float, bool]] = []
    for name, gold, sentences in sets:
        guesses = [detect_language(s) for s in sentences]
        ours = sum(g.lang == gold for g in guesses) / len(sentences)
        confidences.extend((g.confidence, g.lang == gold) for g in guesses)
        base = accuracy(sentences, gold, langdetect_baseline) if baseline else None
        rows.append({"set": name, "n": len(sentences), "esgtext": ours, "langdetect": base})
    return rows, calibration(confidences)


def calibration(pairs: list[tuple[float, bool]]) -> list[dict]:
    """Accuracy per confidence bin: does 0.9 mean right nine times in ten?"""
    bins = [(0.0, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 0.99), (0.99, 1.01)]
    out = []
    for lo, hi in bins:
        inside = [ok for c, ok in pairs if lo <= c < hi]
        if inside:
            out.append({"bin": f"[{lo:.2f},{min(hi, 1):.2f})", "n": len(inside),
                        "accuracy": sum(inside) / len(inside)})
    return out


# --- Chinese names inside English sentences -----------------------------------------------

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{4,}")


def name_insertion(rng: random.Random, n: int = 1012) -> dict:
    zh = load(f"flores200-devtest/{FLORES['zh']}")
    en = load(f"flores200-devtest/{FLORES['en']}")
    runs = [m.group() for s in zh for m in _HAN_RUN.finditer(s)]
    exact = 0
    for i in range(n):
        sentence = en[i % len(en)]
        run = rng.choice(runs)
        size = rng.randint(4, min(12, len(run)))
        offset = rng.randint(0, len(run) - size)
        name = run[offset : offset + size]
        spaces = [m.start() for m in re.finditer(" ", sentence)]
        cut = rng.choice(spaces) if spaces else len(sentence)
        text = sentence[:cut] + " " + name + sentence[cut:]
        start = cut + 1
        zh_spans = [s for s in language_spans(text) if s.lang == "zh"]
        if len(zh_spans) == 1 and (zh_spans[0].start, zh_spans[0].end) == (start, start + size):
            exact += 1
    return {"n": n, "exact_one_span": exact / n}


# --- sentence boundaries --------------------------------------------------------------------


def build_documents(sentences: list[str], lang: str, rng: random.Random):
    """Consecutive sentences joined into paragraphs of 3-8, paragraphs split by blank lines.

    Returns (document, gold sentence end offsets); an end is taken after the sentence's own
    trailing spaces are dropped (FLORES has some), since segments never end in whitespace.
    """
    joiner = "" if lang == "zh" else " "
    sentences = [s.strip() for s in sentences]
    docs = []
    i = 0
    while i < len(sentences):
        paragraphs = []
        ends: list[int] = []
        offset = 0
        for _ in range(rng.randint(2, 5)):
            group = sentences[i : i + rng.randint(3, 8)]
            i += len(group)
            if not group:
                break
            if paragraphs:
                offset += 2  # "\n\n"
            pos = offset
            for k, s in enumerate(group):
                if k:
                    pos += len(joiner)
                pos += len(s)
                ends.append(pos)
            paragraphs.append(joiner.join(group))
            offset = pos
        docs.append(("\n\n".join(paragraphs), ends))
    return docs


_LATIN_INTERNAL_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bSt)(?<!\bNo)(?<!Mrs)"
    r"[.!?]+[\"”»\u00a0 ]*\s[«\"“]?[A-ZÀ-Ý]"
)
_CJK_INTERNAL_END = re.compile(r"[。！？]+[”」』）]*(?=.)")


def single_sentence_lines(flores: dict[str, list[str]], lang: str) -> list[str]:
    """Lines of ``lang`` whose translations in the *other* two languages are one sentence each.

    About one FLORES line in ten holds two or more sentences, which a line-based gold would count
    as false splits. Selecting lines by the other languages keeps the choice independent of the
    text being segmented (and of both splitters measured on it).
    """
    keep = []
    for i, line in enumerate(flores[lang]):
        others = [k for k in flores if k != lang]
        if all(
            not (_CJK_INTERNAL_END if k == "zh" else _LATIN_INTERNAL_END).search(flores[k][i].strip())
            for k in others
        ):
            keep.append(line)
    return keep


def regex_split_ends(text: str, lang: str) -> list[int]:
    pattern = r"[。！？]+[”」』）]*" if lang == "zh" else r"[.!?]+[\"”»)]*(?=\s|$)"
    ends = []
    for para in re.finditer(r"[^\n]+", text):
        found = [para.start() + m.end() for m in re.finditer(pattern, para.group())]
        if not found or found[-1] != para.end():
            found.append(para.end())
        ends.extend(found)
    return ends


def f1(pred: set, gold: set) -> dict:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def boundary_rows(rng: random.Random) -> list[dict]:
    flores = {lang: load(f"flores200-devtest/{name}") for lang, name in FLORES.items()}
    rows = []
    for subset in ("all lines", "single-sentence lines"):
        for lang in FLORES:
            lines = flores[lang] if subset == "all lines" else single_sentence_lines(flores, lang)
            docs = build_documents(lines, lang, rng)
            if lang == "fr":
                variants = [("", docs), (", accents deleted", [_delete(d, e) for d, e in docs])]
            else:
                variants = [("", docs)]
            for label, variant in variants:
                gold: set = set()
                ours: set = set()
                base: set = set()
                for k, (doc, ends) in enumerate(variant):
                    gold |= {(k, e) for e in ends}
                    ours |= {(k, s.end) for s in segment(doc, lang)}
                    base |= {(k, e) for e in regex_split_ends(doc, lang)}
                rows.append({"set": f"FLORES {lang}{label}", "subset": subset, "n": len(gold),
                             "esgtext": f1(ours, gold), "regex": f1(base, gold)})
    return rows


def _delete(doc: str, ends: list[int]) -> tuple[str, list[int]]:
    """A document with accents deleted, and its sentence ends moved accordingly."""
    return delete_accents(doc), [len(delete_accents(doc[:e])) for e in ends]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="every Tatoeba sentence (slow)")
    parser.add_argument("--sample", type=int, default=2000, help="Tatoeba sentences per language")
    parser.add_argument("--no-baseline", action="store_true", help="skip plain langdetect")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"error: {SHARED} not found (../shared is needed for this benchmark)", file=sys.stderr)
        return 2
    rng = random.Random(0)
    t0 = time.perf_counter()
    lang_rows, calib = language_rows(None if args.full else args.sample, rng, not args.no_baseline)
    names = name_insertion(random.Random(1))
    seg_rows = boundary_rows(random.Random(2))

    print(f"esgtext {__version__} language quality (damage simulators: {DAMAGE_SOURCE})\n")
    print(f"{'language identification':34} {'n':>6} {'esgtext':>9} {'langdetect':>11}")
    for r in lang_rows:
        base = "" if r["langdetect"] is None else f"{100 * r['langdetect']:10.2f}%"
        print(f"{r['set']:34} {r['n']:6d} {100 * r['esgtext']:8.2f}% {base:>11}")
    print("\nconfidence calibration (all sets above)")
    for c in calib:
        print(f"  {c['bin']:14} n={c['n']:6d} accuracy {100 * c['accuracy']:.2f}%")
    print(f"\nChinese name (4-12 Han chars) in FLORES English: exactly one zh span covering it "
          f"{100 * names['exact_one_span']:.2f}% of {names['n']}")
    print(f"\n{'sentence boundaries (F1)':34} {'subset':22} {'n':>6} {'esgtext':>9} {'regex':>9}")
    for r in seg_rows:
        print(f"{r['set']:34} {r['subset']:22} {r['n']:6d} "
              f"{100 * r['esgtext']['f1']:8.2f}% {100 * r['regex']['f1']:8.2f}%")
    summary = {"version": __version__, "damage": DAMAGE_SOURCE, "language": lang_rows,
               "calibration": calib, "names": names, "boundaries": seg_rows,
               "seconds": round(time.perf_counter() - t0, 1)}
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
