"""Paragraph and sentence splitting with exact character offsets, for a known language.

:func:`split_sentences` returns :class:`Segment` objects such that
``text[s.start:s.end] == s.text``. It is told the language (one for the text, or a function that
gives each paragraph's): this module knows no language identification, so that
:mod:`esgtext.language` can split Latin text into sentences and :mod:`esgtext.segmentation`
(the public :func:`~esgtext.segmentation.segment`) can identify paragraphs with it, without an
import circle.

Paragraphs are split at blank lines and after lines that stand alone (a headline or a caption
has no full stop; a line that ends a sentence ends its paragraph too), unless the next line
visibly continues the sentence (it starts with a lower-case letter, or the block is hard-wrapped).

Sentences inside a paragraph:

* French and English use pysbd (a maintained port of the Golden Rules segmenter), then fix what
  it misses: offsets are re-aligned on the original text (pysbd may drop whitespace); splits
  after abbreviations it does not know (``Dr.``, ``St.``, ``No.``) or inside a sentence are
  undone; missing spaces (``sociales.Aujourd'hui``) and closing quotes (``« Bonjour. » Puis``)
  are split. Long paragraphs are cut at safe points first, so that 10 MB of text stays linear.
* Chinese (and Japanese) split after 。！？ and ellipses with their closing quotes ”」』）,
  and after Latin sentences written inside the paragraph.

Segments never include surrounding whitespace or newlines; whitespace-only segments are not made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from esgtext.charsets import CJK_RE, HAN

__all__ = ["Segment", "split_sentences", "paragraph_spans"]


@dataclass(frozen=True)
class Segment:
    """One sentence: ``text[start:end]``, in paragraph number ``paragraph`` (0-based)."""

    start: int
    end: int
    text: str
    paragraph: int


# ---------------------------------------------------------------------------------------------
# Paragraphs

_LINE_RE = re.compile(r"[^\n]*(?:\n|$)")
_CLOSERS = "\"'”’»」』）)】》]"
_TERMINAL_RE = re.compile(r"(?:[.!?…。！？]+|\.\.\.)[" + re.escape(_CLOSERS) + r"\s]*$")
_CONTINUES_RE = re.compile(r"[,;\-–(/&+]\s*$")
_WRAP_MIN_CHARS = 40  # a hard-wrapped block has lines at least this long ...
_WRAP_SPREAD = 0.25  # ... whose lengths differ by at most this share of the longest


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its line break (``\\n`` or ``\\r\\n``)."""
    out = []
    for m in _LINE_RE.finditer(text):
        s, e = m.span()
        if s == e and s == len(text):
            break
        if e > s and text[e - 1] == "\n":
            e -= 1
        if e > s and text[e - 1] == "\r":
            e -= 1
        out.append((s, e))
    return out


def _is_hard_wrapped(text: str, block: list[tuple[int, int]]) -> bool:
    """Lines of one length (but the last) in a block: text wrapped at a fixed width."""
    if len(block) < 3:
        return False
    lengths = [len(text[s:e].strip()) for s, e in block[:-1]]
    longest = max(lengths)
    return min(lengths) >= _WRAP_MIN_CHARS and longest - min(lengths) <= _WRAP_SPREAD * longest


def _starts_lowercase(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and stripped[0].islower()


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed of surrounding whitespace.

    >>> t = "Headline\\nFirst sentence. Second.\\n\\nNext paragraph."
    >>> [t[s:e] for s, e in paragraph_spans(t)]
    ['Headline', 'First sentence. Second.', 'Next paragraph.']
    """
    blocks: list[list[tuple[int, int]]] = [[]]
    for s, e in _lines(text):
        if text[s:e].strip():
            blocks[-1].append((s, e))
        elif blocks[-1]:
            blocks.append([])
    out: list[tuple[int, int]] = []
    for block in blocks:
        if not block:
            continue
        wrapped = _is_hard_wrapped(text, block)
        start = block[0][0]
        for i, (s, e) in enumerate(block):
            last = i == len(block) - 1
            if not last and (wrapped or _line_continues(text[s:e], text[slice(*block[i + 1])])):
                continue
            out.append(_trim(text, start, e))
            if not last:
                start = block[i + 1][0]
    return [span for span in out if span[0] < span[1]]


def _line_continues(line: str, next_line: str) -> bool:
    """Whether ``next_line`` carries on the sentence of ``line`` (no paragraph break between)."""
    if _TERMINAL_RE.search(line):
        return False
    return _starts_lowercase(next_line) or bool(_CONTINUES_RE.search(line))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------------
# Sentences: Latin-script languages (pysbd + fixes)

_PYSBD_LANGS = {"en", "fr", "de", "es", "it", "nl", "da", "pl", "ru", "el", "bg", "ar", "fa"}
#: Words that end with a full stop without ending a sentence (compared without the stop).
ABBREVIATIONS = frozenset(
    "M MM Mme Mmes Mlle Mlles Dr Dre Pr Mgr St Ste Sts No Nos Nr Mr Mrs Ms Messrs Prof Sr Jr "
    "Gen Gov Sen Rep Lt Col Capt Cmdr Sgt Mt Ft Rev Hon Fig fig pp cf Cf vs e.g i.e approx "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
_ABBREV_END_RE = re.compile(r"(?:^|[\s(«“\"'])([^\W\d_][\w.-]*)\.$")
_SENTENCE_END_RE = re.compile(r"(?:[.!?…]|\.\.\.)[" + re.escape(_CLOSERS) + r"]*$")
# "sociales.Aujourd'hui", "worked!Then" -- but not "e.g.", "U.S.", "3.5", "chery.com", "No.2"
_MISSING_SPACE_RE = re.compile(
    r"(?<=[^\W\d_A-Z]{2})[.!?]+[" + re.escape(_CLOSERS) + r"]*(?=[A-ZÀ-ÖØ-Þ][^\W\d_A-Z]+\b(?!\.\w))"
)
# « Bonjour. » Puis / "It works." The -- a closing quote after the stop, then a capital
_QUOTE_END_RE = re.compile(r"[.!?…][\s\u00a0\u202f]*[»”\"](?=[\s\u00a0\u202f]+[«“\"]?[A-ZÀ-ÖØ-Þ])")
_CHUNK_CHARS = 2000  # pysbd is slow on long paragraphs: it gets pieces of about this size
_SAFE_CUT_RE = re.compile(r"[.!?][\"”»)]?\s+(?=[A-ZÀ-ÖØ-Þ\"“«])")


@lru_cache(maxsize=None)
def _pysbd_segmenter(lang: str):
    import pysbd

    return pysbd.Segmenter(language=lang if lang in _PYSBD_LANGS else "en", clean=False)


def _pysbd_ends(chunk: str, lang: str) -> list[int]:
    """Sentence end offsets in ``chunk`` found by pysbd, aligned on the chunk itself.

    pysbd's own ``char_span`` searches sentences again in the text (wrong for repeated sentences)
    and it may drop or alter whitespace; we walk the non-space characters instead, which pysbd
    keeps. If they ever disagree we trust nothing from it and return no splits.
    """
    pieces = _pysbd_segmenter(lang).segment(chunk)
    ends: list[int] = []
    pos = 0
    n = len(chunk)
    for piece in pieces:
        for ch in piece:
            if ch.isspace():
                continue
            while pos < n and chunk[pos].isspace():
                pos += 1
            if pos >= n or chunk[pos] != ch:
                return []
            pos += 1
        ends.append(pos)
    while pos < n and chunk[pos].isspace():
        pos += 1
    return ends[:-1] if pos == n else []


def _chunks(para: str) -> list[tuple[int, int]]:
    """Cut a long paragraph at safe sentence ends (not after an abbreviation)."""
    if len(para) <= 2 * _CHUNK_CHARS:
        return [(0, len(para))]
    out = []
    start = 0
    for m in _SAFE_CUT_RE.finditer(para):
        if m.start() - start < _CHUNK_CHARS or _ends_with_abbreviation(para[max(0, m.start() - 40) : m.start() + 1]):
            continue
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(para)))
    return out


def _ends_with_abbreviation(left: str) -> bool:
    m = _ABBREV_END_RE.search(left.rstrip(_CLOSERS + " "))
    if not m:
        return False
    word = m.group(1)
    # single capitals are initials (J. K. Rowling, M. Dupont); "4892 m." ends a sentence
    return word in ABBREVIATIONS or (len(word) == 1 and word.isupper()) or _is_dotted(word)


def _is_dotted(word: str) -> bool:
    """French dates ``av. J.-C.`` and ``apr. J.-C.``."""
    return word in ("J.-C", "av", "apr")


# A sure sentence end needs no pysbd: a lower-case word (not an abbreviation), the stop, maybe a
# closing quote, a space, then a capital or an opening quote: "early days. Like", "said!" The"
_SURE_END_RE = re.compile(
    r"(?<![^\s(«“\"'])([a-zà-öø-ÿ]{2,})[.!?]+[" + re.escape(_CLOSERS) + r"]*(?=\s+[«“\"(]?[A-ZÀ-ÖØ-Þ])"
)
#: Lower-case abbreviations that may be followed by a capital ("et al. Smith", "env. Paris").
LOWERCASE_ABBREVIATIONS = frozenset(
    "al etc approx ca cf vs fig figs vol vols ed eds no nos pp op cit ibid resp dept est env "
    "av apr jr sr ex art chap ch sq tel".split()
)
# a stop followed by a space inside a piece: something pysbd must decide
_AMBIGUOUS_RE = re.compile(r"[.!?…][" + re.escape(_CLOSERS) + r"]*\s+\S")
_WINDOW = 80  # characters looked at around a boundary (keeps every check O(1))


def _latin_boundaries(para: str, lang: str) -> list[int]:
    """Sentence end offsets inside one paragraph of Latin-script text.

    Sure ends are taken directly; pysbd decides only the pieces between them that still hold a
    stop followed by a space (an abbreviation, an initial, a number, a quote...). This keeps
    pysbd's per-call cost off the common case without changing its decisions much.
    """
    flat = para.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    ends: set[int] = {
        m.end() for m in _SURE_END_RE.finditer(flat) if m.group(1) not in LOWERCASE_ABBREVIATIONS
    }
    cuts = [0, *sorted(ends), len(flat)]
    for ps, pe in zip(cuts, cuts[1:]):
        piece = flat[ps:pe]
        if not _AMBIGUOUS_RE.search(piece.rstrip()):
            continue
        for cs, ce in _chunks(piece):
            ends.update(ps + cs + e for e in _pysbd_ends(piece[cs:ce], lang))
            if ce < len(piece):
                ends.add(ps + ce)
    ends = {e for e in ends if _keep_boundary(flat, e)}
    for m in _MISSING_SPACE_RE.finditer(flat):
        if not _ends_with_abbreviation(flat[max(0, m.start() + 1 - _WINDOW) : m.start() + 1]):
            ends.add(m.end())
    for m in _QUOTE_END_RE.finditer(flat):
        ends.add(m.end())
    return sorted(e for e in ends if 0 < e < len(flat))


def _keep_boundary(flat: str, end: int) -> bool:
    """Undo pysbd splits that cannot be sentence ends."""
    left = flat[max(0, end - _WINDOW) : end].rstrip()
    right = flat[end : end + _WINDOW].lstrip()
    if not left or not right:
        return False
    if not _SENTENCE_END_RE.search(left[-12:]):
        return False  # "Guangzhou No.2 | Middle School": no sentence ends without punctuation
    if right[0].islower() or right[0] in ",;:!?.»)]\u00a0\u202f":
        return False
    if left.endswith(".") and _ends_with_abbreviation(left[-40:]):
        return False  # "Le Dr. | Ehud Ur", "St. | Louis"
    return True


# ---------------------------------------------------------------------------------------------
# Sentences: Chinese and Japanese

_CJK_END_RE = re.compile(
    rf"(?:[。！？]+|[!?]+(?=[{HAN}“「])|…+(?=[{HAN}“「])"
    rf"|(?<=[{HAN}])\.(?=\s*[{HAN}“「])|(?<=[^\W\d_]{{2}})[.!?](?=\s+[A-Z]))"
    r"[”’」』）)》】]*"
)
_CJK_OPEN = "“「『"
_CJK_CLOSE = "”」』"
_QUOTE_SPAN_MAX = 400  # an opening quote not closed within this many characters is a typo


def _cjk_boundaries(para: str) -> list[int]:
    """Ends after 。！？ (and ! ? …) with their closing quotes, but not inside “quoted speech”.

    A straight ``"`` after the stop closes a quote only when one is open (odd count before it);
    otherwise it opens the next sentence.
    """
    ends = []
    for m in _CJK_END_RE.finditer(para):
        end = m.end()
        if end < len(para) and para[end] == '"' and para.count('"', 0, end) % 2 == 1:
            end += 1
        if end >= len(para) or _inside_quote(para, end):
            continue
        ends.append(end)
    return ends


def _inside_quote(para: str, pos: int) -> bool:
    """Whether ``pos`` lies in an open “quotation” that closes ahead (misused quotes: no)."""
    depth = 0
    for ch in para[max(0, pos - _QUOTE_SPAN_MAX) : pos]:
        if ch in _CJK_OPEN:
            depth += 1
        elif ch in _CJK_CLOSE and depth:
            depth -= 1
    if not depth:
        return False
    for ch in para[pos : pos + _QUOTE_SPAN_MAX]:
        if ch in _CJK_CLOSE:
            return True
        if ch in _CJK_OPEN:
            return False
    return False


# ---------------------------------------------------------------------------------------------


def split_sentences(text: str, lang: str | None = None,
                    paragraph_language: Callable[[str], str] | None = None) -> list[Segment]:
    """Sentences of ``text`` with exact offsets and paragraph numbers.

    ``lang`` is an ISO 639-1 code (``fr``, ``en``, ``zh``, ...) used for the abbreviation rules
    of Latin-script paragraphs; when it is None, ``paragraph_language(paragraph)`` gives each
    paragraph's (English rules without either). Paragraphs written mostly in CJK characters use
    the Chinese rules whatever ``lang`` says, and the other way round.

    >>> [s.text for s in split_sentences("M. Dupont a vendu 1 233 000 unités.Aujourd'hui, 67,7 %.", "fr")]
    ['M. Dupont a vendu 1 233 000 unités.', "Aujourd'hui, 67,7 %."]
    >>> [s.text for s in split_sentences("他说：“好。”我们走吧！", "zh")]
    ['他说：“好。”', '我们走吧！']
    """
    if lang is not None:  # "fr-FR", "FR", "zh_Hans" -> "fr", "zh"
        lang = lang.strip().lower().replace("_", "-").split("-")[0] or None
    segments: list[Segment] = []
    paragraph = 0
    for p_start, p_end in paragraph_spans(text):
        para = text[p_start:p_end]
        if _mostly_cjk(para):  # by what the paragraph is written in, whatever ``lang`` says
            ends = _cjk_boundaries(para)
        else:
            para_lang = lang or (paragraph_language(para) if paragraph_language else "en")
            ends = _latin_boundaries(para, "en" if para_lang in ("zh", "ja") else para_lang)
        before = len(segments)
        cursor = 0
        for end in [*ends, len(para)]:
            s, e = _trim(para, cursor, end)
            if s < e:
                segments.append(Segment(p_start + s, p_start + e, para[s:e], paragraph))
            cursor = end
        if len(segments) > before:
            paragraph += 1
    return segments


_CJK_CHAR_RE = CJK_RE


def _mostly_cjk(para: str) -> bool:
    """Whether a paragraph is written in Chinese/Japanese (a CJK character weighs ~3 letters)."""
    sample = para[:2000]
    cjk = len(_CJK_CHAR_RE.findall(sample))
    letters = sum(1 for c in sample if c.isalpha())
    return cjk * 3 > letters
