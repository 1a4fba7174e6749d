"""Repair damaged press releases: encodings, mojibake, HTML entities, lost French accents.

One verb for text, one for bytes, one for files; each returns a :class:`RepairResult` carrying the
repaired text *and* the edits that explain it (in the spirit of ftfy's ``fix_and_explain``):

    >>> from esgtext.repair import repair_text
    >>> result = repair_text("la mÃ©daille &amp; le trophée", lang="en")
    >>> result.text
    'la médaille & le trophée'
    >>> [(e.kind, e.start, e.end, e.before, e.after) for e in result.edits]
    [('mojibake', 3, 12, 'mÃ©daille', 'médaille'), ('html_entity', 13, 18, '&amp;', '&')]

Steps, in order (each one pure; offsets always refer to the input):

1. ``mojibake``/``html_entity``/``control_char``/``ligature``: ftfy, configured to keep curly
   quotes, full-width CJK punctuation, line breaks and the normalisation of clean text;
   ``decomposed_accent``: "e" + U+0301 composed to "é" where it occurs.
2. ``question_mark``: "C?te d'Ivoire" -> "Côte d'Ivoire", on any Latin text.
3. French accents (``deleted_accent``, ``stripped_accent``, ``deleted_apostrophe``,
   ``inserted_word``, ``deleted_symbol``) when ``lang="fr"``, or when ``lang`` is None and the text reads as French.
   ``lang="en"`` or ``"zh"`` never touches accents.

Line breaks are never added or removed: the output has one line per input line.
"""

from __future__ import annotations

import importlib
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from esgtext.repair.calibration import TYPOGRAPHY_REASON, calibrate
from esgtext.repair.compose import compose_edits
from esgtext.repair.decode import Decoded, UndecodableInput, decode_bytes
from esgtext.repair.edits import Edit, apply_edits
from esgtext.repair.lexicon import french_lexicon
from esgtext.repair.memo import collector_paused
from esgtext.repair.question_marks import restore_question_mark_symbols
from esgtext.repair.spacing import MARKS_ONLY, restore_sentence_spaces
from esgtext.charsets import CJK, FULL_WIDTH

if TYPE_CHECKING:  # (the French restorer is imported on first use)
    from esgtext.repair.french.diagnosis import DamageDiagnosis


__all__ = [
    "DEFAULT_CONFIG",
    "Edit",
    "RepairConfig",
    "RepairResult",
    "UndecodableInput",
    "repair_bytes",
    "repair_file",
    "repair_text",
]


@dataclass(frozen=True, slots=True)
class RepairConfig:
    """Every repair setting in one immutable object, passed down to the steps.

    ``calibrate``: edit confidences mapped to the share of such edits found right on news
    (:mod:`esgtext.repair.calibration`); then edits below ``min_confidence`` are not made,
    except where the word they mend is no word as it stands ("rserves": left alone, it is
    always wrong).
    ``restore_spacing``: glued sentences split, and in damaged French the vanished no-break
    spaces put back (:mod:`esgtext.repair.spacing`). ``french_typography``: in French that lost
    its non-ASCII characters, also those that sources differ on, as French typography has them
    (before ``: ; ! ?``, in the thousands of a four-digit count: ``1 200 salariés``, the
    guillemets of a quotation): releases written in a word processor's French mode have them,
    many news sites do not. ``"auto"`` (the default) puts them back in a document that reads as
    a press release typed in that mode (:func:`esgtext.repair.releases.wants_french_typography`:
    a dateline, a press contact, "À propos de", no straight apostrophes), and only the spaces
    before ``: ; ! ?`` in one that reads as a conversation typed in French
    (:func:`esgtext.repair.releases.reads_as_conversation`: it asks or exclaims, in the first and
    second persons); True or False forces it.

    ``restore_french``: ``"auto"`` (the ``lang`` argument, else :func:`french_score`), or
    True/False to force it. ``french_threshold``: the score from which a text with no ``lang``
    counts as French. In a French text, a line of ``french_line_min_words`` words or more that
    scores below ``french_line_threshold`` is an English paragraph and keeps its spelling.
    """

    fix_mojibake: bool = True
    compose_accents: bool = True
    restore_question_marks: bool = True
    restore_french: bool | str = "auto"
    restore_spacing: bool = True
    french_typography: bool | str = "auto"
    calibrate: bool = True
    min_confidence: float = 0.5
    french_threshold: float = 0.5
    french_line_min_words: int = 8
    french_line_threshold: float = 0.25

    def __post_init__(self) -> None:
        if not (isinstance(self.french_typography, bool) or self.french_typography == "auto"):
            raise ValueError("french_typography must be True, False or 'auto', "
                             f"not {self.french_typography!r}")

    def signature(self) -> str:
        """A short, reproducible description, e.g. for bilingual records."""
        flags = [
            f"mojibake:{'yes' if self.fix_mojibake else 'no'}",
            f"compose:{'yes' if self.compose_accents else 'no'}",
            f"qmark:{'yes' if self.restore_question_marks else 'no'}",
            f"french:{self.restore_french}@{self.french_threshold:g}",
        ]
        if self.restore_spacing:
            flags.append("spacing:yes")
        if self.french_typography is True:
            flags.append("typography:fr")
        elif self.french_typography == "auto":
            flags.append("typography:auto")
        if self.calibrate:
            flags.append(f"calib:{self.min_confidence:g}")
        return "|".join(flags)


DEFAULT_CONFIG = RepairConfig()


@dataclass(frozen=True, slots=True)
class RepairResult:
    """The repaired ``text`` and the ``edits`` (offsets into ``original``) that produced it.

    From bytes or files also: ``encoding`` detected, ``undecodable_bytes`` (replaced by U+FFFD)
    and human-readable ``warnings``. ``lang`` is the language the accents were repaired as
    (``"fr"`` when French accents were restored, else the ``lang`` given).
    """

    text: str
    edits: tuple[Edit, ...] = ()
    lang: str | None = None
    encoding: str | None = None
    undecodable_bytes: int = 0
    warnings: tuple[str, ...] = ()
    original: str = field(default="", repr=False)

    @property
    def changed(self) -> bool:
        return bool(self.edits) or self.text != self.original

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: text, lang, encoding, warnings and edits (without the original text)."""
        return {
            "text": self.text,
            "lang": self.lang,
            "encoding": self.encoding,
            "undecodable_bytes": self.undecodable_bytes,
            "warnings": list(self.warnings),
            "edits": [edit.to_dict() for edit in self.edits],
        }


def _normalise_lang(lang: str | None) -> str | None:
    if lang is None:
        return None
    lang = lang.strip().lower().replace("_", "-")
    if lang in ("", "auto"):
        return None
    return lang.split("-")[0]


def repair_text(text: str, lang: str | None = None, config: RepairConfig = DEFAULT_CONFIG) -> RepairResult:
    """Repair ``text`` and explain every change; pure and deterministic.

    ``lang``: ``"fr"``, ``"en"``, ``"zh"`` (or a tag like ``"fr-FR"``), or None to let the
    French score decide whether French accents are restored.

    >>> repair_text("“Net zero” by 2050，中文。", lang="en").edits
    ()
    """
    if not isinstance(text, str):
        raise TypeError(f"repair_text expects str, got {type(text).__name__} (use repair_bytes)")
    with collector_paused():  # see esgtext.repair.memo: a third of the time on long texts
        return _repair_text(text, _normalise_lang(lang), config)


def _repair_text(text: str, lang: str | None, config: RepairConfig) -> RepairResult:
    run = _Run(lang, config)
    edits: list[Edit] = []
    current = text
    for _name, fixer in FIXERS:
        step = fixer(current, run)
        if step:
            edits = compose_edits(text, edits, current, step)
            current = apply_edits(current, step)
    if config.calibrate and edits:
        edits = calibrate(edits)
        # An edit more often wrong than right (a doubtful re-inserted "à") is not made, unless
        # what it replaces is no word at all ("rserves"): left as it is, that is always wrong.
        kept = [e for e in edits if e.confidence >= config.min_confidence or _mends_a_non_word(e)]
        if len(kept) < len(edits):
            edits = kept
            current = apply_edits(text, edits)
    return RepairResult(current, tuple(edits), run.repaired_as, warnings=tuple(run.warnings),
                        original=text)


_WORD_REPAIRS = frozenset(("deleted_accent", "stripped_accent", "deleted_apostrophe"))


def _mends_a_non_word(edit: Edit) -> bool:
    """Does ``edit`` restore a lower-case word that is no French word as it stands ("rserves",
    "prsentes"; a capitalised one may be a name), or a word with a "?" for a letter?

        >>> _mends_a_non_word(Edit("deleted_accent", 0, 7, "rserves", "réservées", 0.46))
        True
        >>> _mends_a_non_word(Edit("deleted_accent", 0, 6, "portes", "portées", 0.46))
        False
    """
    before = edit.before
    if edit.kind == "question_mark":
        return "?" in before and any(c.isalpha() for c in before)  # "r?gnera" is never right
    return (edit.kind in _WORD_REPAIRS and before[:1].islower()
            and french_lexicon().zipf.get(before.lower(), 0.0) == 0.0)


class _Run:
    """What the steps of one repair share: the settings, the warnings, and whether the text is
    French, decided once, by the first step that asks, on the text it sees."""

    __slots__ = ("lang", "config", "warnings", "repaired_as", "_is_french")

    def __init__(self, lang: str | None, config: RepairConfig):
        self.lang = lang
        self.config = config
        self.warnings: list[str] = []
        self.repaired_as = lang  # "fr" once French accents were restored
        self._is_french: bool | None = None

    @property
    def french(self):
        """The French restorer, imported on first use (``import esgtext.repair`` stays light)."""
        return importlib.import_module("esgtext.repair.french")

    def is_french(self, text: str) -> bool:
        if self._is_french is None:
            self._is_french = _should_restore_french(text, self.lang, self.config, self.french)
        return self._is_french


def _fix_mojibake(text: str, run: _Run) -> list[Edit]:
    if not run.config.fix_mojibake:
        return []
    from esgtext.repair.mojibake import fix_mojibake

    return fix_mojibake(text)


def _compose_accents(text: str, run: _Run) -> list[Edit]:
    if not run.config.compose_accents or text.isascii():
        return []
    from esgtext.repair.mojibake import compose_decomposed_accents

    return compose_decomposed_accents(text)


def _question_mark_symbols(text: str, run: _Run) -> list[Edit]:
    """A "?" that stood for an apostrophe, a no-break space, a guillemet or a degree sign."""
    if not run.config.restore_question_marks or run.lang == "zh" or "?" not in text:
        return []
    return restore_question_mark_symbols(text, french=run.is_french(text))


def _question_mark_letters(text: str, run: _Run) -> list[Edit]:
    """A "?" that stood for a letter ("C?te")."""
    if not run.config.restore_question_marks or not _letter_question_mark(text):
        return []
    french = run.is_french(text)
    return [
        edit
        for start, end in _bounded_pieces(text, 0, len(text))
        for edit in _shift(run.french.restore_question_marks(
            text[start:end], french=french, deleted=french and _deleted_more_than_replaced(
                run.french.diagnose_damage(text[start:end]))), start)
    ]


def _deleted_more_than_replaced(diagnosis: DamageDiagnosis) -> bool:
    """Whether a text lost more accented letters to a deletion than its "?" may stand for."""
    return diagnosis.deleted and diagnosis.deleted_evidence > diagnosis.question_mark_evidence


def _french_accents(text: str, run: _Run) -> list[Edit]:
    """Deleted, stripped or ?-replaced French accents, apostrophes, the vanished "à", and (with
    ``restore_spacing``) the vanished no-break spaces, in the French lines of a French text."""
    if not run.is_french(text):
        return []
    run.repaired_as = "fr"
    spacing = run.config.restore_spacing
    setting = run.config.french_typography
    markers: tuple[str, ...] = ()  # (the parts of a release that "auto" read off the text)
    typography: bool | str = spacing and bool(setting)
    if spacing and setting == "auto":
        from esgtext.repair.releases import reads_as_conversation, typography_markers

        markers = typography_markers(text)
        typography = True if markers else MARKS_ONLY if reads_as_conversation(text) else False
    edits = _restore_french_paragraphs(
        text, run.config, lambda piece: run.french.restore_french(piece, spacing=spacing,
                                                                  typography=typography))
    if setting == "auto" and typography:
        # (--explain says why the default put French typography back)
        from esgtext.repair.releases import CONVERSATION_REASON, release_reason

        why = release_reason(markers) if markers else CONVERSATION_REASON
        edits = [replace(e, reason=e.reason + why) if e.reason.startswith(TYPOGRAPHY_REASON)
                 else e for e in edits]
    return edits


def _sentence_spaces(text: str, run: _Run) -> list[Edit]:
    # (last: a capital restored above may be what shows a sentence glued to the next)
    if not run.config.restore_spacing or run.lang == "zh":
        return []
    return restore_sentence_spaces(text)


# The steps of repair_text, in order (as ftfy's FIXERS): each gets the text the previous ones
# left and returns its edits of that text; repair_text composes them into edits of the input.
FIXERS = (
    ("mojibake", _fix_mojibake),
    ("decomposed_accent", _compose_accents),
    ("question_mark_symbols", _question_mark_symbols),
    ("question_mark_letters", _question_mark_letters),
    ("french", _french_accents),
    ("sentence_space", _sentence_spaces),
)


# A "?" touching a letter ("C?te", "r?duit"): the only place a lost letter can hide. Real
# question marks follow a space in French ("quoi ?") or end a word in English ("ready? No").
_LETTER_QUESTION_MARK = re.compile(r"[^\W\d_]\?|\?[^\W\d_]")

def _letter_question_mark(text: str) -> bool:
    """Whether ``_LETTER_QUESTION_MARK`` occurs, looked for around each "?" only."""
    q = text.find("?")
    while q != -1:
        if _LETTER_QUESTION_MARK.search(text, max(0, q - 1), q + 2):
            return True
        q = text.find("?", q + 1)
    return False


# French detection reads this much of the text: enough for a stable score, bounded on 10 MB.
FRENCH_SCORE_SAMPLE = 20_000


_LINE = re.compile(r"[^\n]*\n|[^\n]+")
# Han, kana, Hangul and their full-width punctuation
_NON_LATIN_SCRIPT = re.compile(f"[{CJK}{FULL_WIDTH}]+")
_WORD = re.compile(r"[^\W\d_]+")


def _restore_french_paragraphs(text: str, config: RepairConfig, restore) -> list[Edit]:
    """``restore`` (a French fixer of ``esgtext.repair.french``) on the runs of lines that are
    French, skipping English paragraphs.

    French releases carry English boilerplate ("About Valmont: ... has a presence in eleven
    countries"), where French accents would be damage ("a présence", "à 12% cut"). A line of
    at least ``french_line_min_words`` words that scores below ``french_line_threshold`` is left
    alone; shorter lines (titles, names, datelines) go with the document.
    """
    from esgtext.repair.french import french_score

    runs: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        line = match.group()
        words = _WORD.findall(line[:2000])
        english = len(words) >= config.french_line_min_words and (
            # the words just found are the score's own words when the line is that short
            french_score(line, words=words) if len(line) <= 2000
            else french_score(line[:FRENCH_SCORE_SAMPLE])
        ) < config.french_line_threshold
        if english:
            continue
        if runs and runs[-1][1] == match.start():
            runs[-1] = (runs[-1][0], match.end())
        else:
            runs.append((match.start(), match.end()))
    edits: list[Edit] = []
    for run_start, run_end in runs:
        for start, end in _bounded_pieces(text, run_start, run_end):
            edits.extend(_shift(restore(text[start:end]), start))
    return edits


# The French restorer keeps a token list and a lattice for the text it is given: feed it pieces
# of about this many characters (cut at a line break, else after a sentence) so that a 10 MB
# single-line file costs time in proportion and memory in bounds.
FRENCH_PIECE = 50_000
_SENTENCE_END = re.compile(r"[.!?…]\s+")


def _bounded_pieces(text: str, start: int, end: int, size: int | None = None):
    """Split ``text[start:end]`` into ranges of about ``size`` chars at natural boundaries."""
    size = size or FRENCH_PIECE
    while end - start > size:
        cut = text.rfind("\n", start + size // 2, start + size) + 1
        if cut <= 0:
            ends = [m.end() for m in _SENTENCE_END.finditer(text, start + size // 2, start + size)]
            cut = ends[-1] if ends else text.find(" ", start + size, end) + 1
        if cut <= start:
            break
        yield start, cut
        start = cut
    if start < end:
        yield start, end


def _shift(edits, delta: int) -> list[Edit]:
    return [e.shifted(delta) for e in edits] if delta else list(edits)


def _should_restore_french(text: str, lang: str | None, config: RepairConfig, french) -> bool:
    if config.restore_french is True:
        return True
    if config.restore_french is False:
        return False
    if lang is not None:
        return lang == "fr"
    if not any("a" <= c <= "z" for c in text[:2000].lower()):
        return False  # no Latin letters to speak of (Chinese): never French
    # Score the Latin-script words only: a Chinese source line in a French release says nothing
    # about whether its French is French. A text mostly in Chinese is no French text, whatever its
    # few Latin words ("SONY", "Passport") score.
    sample = text[:FRENCH_SCORE_SAMPLE]
    latin = _NON_LATIN_SCRIPT.sub(" ", sample)
    if sum(map(len, _NON_LATIN_SCRIPT.findall(sample))) > sum(c.isalpha() for c in latin):
        return False
    return french.french_score(latin) >= config.french_threshold


def repair_bytes(
    data: bytes,
    *,
    lang: str | None = None,
    encoding: str | None = None,
    config: RepairConfig = DEFAULT_CONFIG,
) -> RepairResult:
    """Decode ``data`` (BOM, UTF-8, UTF-16, cp1252, GB18030, ...) and repair it.

    ``encoding`` forces a codec instead of detecting one. Raises :class:`UndecodableInput` for
    binary data; bytes that are broken inside otherwise valid UTF-8 become U+FFFD and are
    counted in ``undecodable_bytes`` with a warning.

    >>> r = repair_bytes("Communiqué : la société réduit ses émissions".encode("cp1252"), lang="fr")
    >>> r.encoding, r.text
    ('cp1252', 'Communiqué : la société réduit ses émissions')
    """
    decoded: Decoded = decode_bytes(data, encoding)
    result = repair_text(decoded.text, lang=lang, config=config)
    return replace(
        result,
        encoding=decoded.encoding,
        undecodable_bytes=decoded.undecodable_bytes,
        warnings=decoded.warnings + result.warnings,
    )


def repair_file(
    path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    encoding: str | None = None,
    config: RepairConfig = DEFAULT_CONFIG,
) -> RepairResult:
    """Read ``path`` as bytes and :func:`repair_bytes` it.

    Raises :class:`OSError` (missing, unreadable, a directory) or :class:`UndecodableInput`.
    """
    data = Path(path).read_bytes()
    return repair_bytes(data, lang=lang, encoding=encoding, config=config)
