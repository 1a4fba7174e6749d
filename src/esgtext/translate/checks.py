"""Checks on a finished translation: what the model may have lost or invented.

Each check returns flag names; a flagged translation is kept and shown, never hidden or "fixed".

* ``number_mismatch``: a number of the source is missing from the translation (digits compared
  without separators, so ``1 000,5`` matches ``1,000.5``; a number before 万/亿/千/百/milliard(s)/
  million(s) matches by its significant digits, so ``3,5亿`` matches ``350 million``).
* ``url_mismatch``: a URL or e-mail address of the source is not in the translation verbatim.
* ``name_mismatch``: a product or company name is lost: in Chinese sources every Latin-script word
  (``ESG``, ``iPhone 15``), in French ones words with inner capitals or mixed letters and digits
  (``EcoVadis``, ``A320``) -- French acronyms are not checked because they are translated (RSE -> CSR).
* ``repetition``: the translation repeats itself (the known OPUS-MT hallucination on short input):
  a word or phrase three or more times in a row, or a long output made of few distinct words.
* ``empty_output``: a non-empty source gave an empty translation.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.,'’]\d+)*")
_MULTIPLIER_AFTER = re.compile(r"\s*(?:万|亿|千|百|milliards?|millions?|billions?|mds?|mrds?|k€|m€)", re.I)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'，。、（）]+", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+&._-]*[A-Za-z0-9+]|[A-Za-z]")
_FR_NAME = re.compile(r"\b(?:[A-Za-z]+[a-z][A-Z][A-Za-z]*|[A-Za-z]+\d[A-Za-z0-9]*|\d+[A-Za-z]+[A-Za-z0-9]*)\b")
_WORDS = re.compile(r"\w+|[^\w\s]")
_CHAR_LOOP = re.compile(r"([^\W\d_]{1,6}?)\1{5,}")
_TRAILING_PUNCT = ".,;:!?)]}>»”’'\""


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def numbers_of(text: str) -> list[tuple[str, bool]]:
    """``(digits, before_multiplier)`` for each number of ``text`` (full-width digits included)."""
    text = unicodedata.normalize("NFKC", text)
    found = []
    for m in _NUMBER.finditer(text):
        found.append((_digits(m.group()), bool(_MULTIPLIER_AFTER.match(text, m.end()))))
    return found


def _significant(digits: str) -> str:
    return digits.rstrip("0") or "0"


def lost_numbers(source: str, target: str) -> list[str]:
    """Numbers of ``source`` that are not in ``target`` (each occurrence counted)."""
    available = Counter(d for d, _ in numbers_of(target))
    lost = []
    for digits, scaled in numbers_of(source):
        if available[digits] > 0:
            available[digits] -= 1
            continue
        if scaled:
            sig = _significant(digits)
            match = next((d for d in available if available[d] > 0 and _significant(d).startswith(sig)), None)
            if match is not None:
                available[match] -= 1
                continue
        lost.append(digits)
    return lost


def urls_of(text: str) -> list[str]:
    found = [m.group().rstrip(_TRAILING_PUNCT) for m in _URL.finditer(text)]
    found += [m.group().rstrip(_TRAILING_PUNCT) for m in _EMAIL.finditer(text)]
    return found


def names_of(text: str, src: str) -> list[str]:
    if src.startswith("zh"):
        return [m.group() for m in _LATIN_WORD.finditer(text)]
    return [m.group() for m in _FR_NAME.finditer(text)]


def is_repetitive(text: str, source: str = "") -> bool:
    """True when ``text`` repeats a word or phrase 3+ times in a row, or a few letters 6+ times
    (and ``source`` does not), or is long and made of very few distinct words."""

    def repeats(tokens: list[str]) -> bool:
        for n in range(1, 5):
            need = 4 if n == 1 else 3
            for i in range(0, len(tokens) - n * need + 1):
                gram = tokens[i : i + n]
                if all(tokens[i + k * n : i + (k + 1) * n] == gram for k in range(1, need)):
                    if any(t.isalnum() for t in gram):
                        return True
        return False

    tokens = _WORDS.findall(text.lower())
    if repeats(tokens) and not repeats(_WORDS.findall(source.lower())):
        return True
    # the same few characters again and again inside words ("urururur", "的的的的的的")
    if _CHAR_LOOP.search(text) and not _CHAR_LOOP.search(source):
        return True
    words = [t for t in tokens if t.isalnum()]
    return len(words) >= 16 and len(set(words)) / len(words) < 0.3


def check_translation(source: str, target: str, src: str, *, skip_names: tuple[str, ...] = ()) -> list[str]:
    """Flag names for ``target`` as a translation of ``source`` (language ``src``), in a fixed order."""
    if not source.strip():
        return []
    if not target.strip():
        return ["empty_output"]
    flags = []
    if lost_numbers(source, target):
        flags.append("number_mismatch")
    lowered = target.lower()
    if any(u.lower() not in lowered for u in urls_of(source)):
        flags.append("url_mismatch")
    url_text = " ".join(urls_of(source))
    names = [n for n in names_of(source, src) if n not in url_text and n not in skip_names]
    if any(n.lower() not in lowered for n in names):
        flags.append("name_mismatch")
    if is_repetitive(target, source):
        flags.append("repetition")
    return flags
