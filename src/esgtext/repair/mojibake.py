"""Mojibake, HTML entities and decomposed accents, fixed by ftfy and explained as precise edits.

ftfy's own explanation lists *steps* ("encode sloppy-windows-1252, decode utf-8"), not where the
text changed. We run ftfy line by line (as ftfy itself does), skip lines that cannot need it, and
diff each changed line word by word, so every :class:`~esgtext.repair.edits.Edit` says exactly
which characters of the input became what.

ftfy is configured for press releases, where typography is content:

- ``uncurl_quotes=False``: ’ “ ” stay curly;
- ``fix_character_width=False``: full-width CJK punctuation (，。！？：) stays full-width;
- ``fix_line_breaks=False``: one output line per input line, CRLF stays CRLF;
- ``normalization=None``: clean text is never re-normalised (NFC would also rewrite CJK
  compatibility ideographs); decomposed Latin accents are composed by
  :func:`compose_decomposed_accents`, only where they occur.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from esgtext.repair.edits import Edit

if TYPE_CHECKING:
    from ftfy import TextFixerConfig


def default_ftfy_config() -> TextFixerConfig:
    """ftfy settings that fix mojibake and entities and leave typography alone (see module doc)."""
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        uncurl_quotes=False,
        fix_character_width=False,
        fix_line_breaks=False,
        normalization=None,
        explain=True,
    )


# A line made only of these characters cannot be changed by ftfy with the settings above:
# ASCII without "&" (entities) and without control characters (terminal escapes, C0 controls).
_NOTHING_FOR_FTFY = re.compile(r"[\t\x20-\x25\x27-\x7e]*")
_LINES = re.compile(r"[^\n]*\n|[^\n]+")
_TOKENS = re.compile(r"\s+|\S+")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x1b]")
_LIGATURES = frozenset("ĲĳĿŀǄǅǆǇǈǉǊǋǌǱǲǳﬀﬁﬂﬃﬄﬅﬆ")

# Lines longer than this are fixed in pieces cut at spaces (bounded ftfy and diff cost on a
# 10 MB single-line file). A cut never separates "Ã" from the space that stands for its NBSP.
LONG_LINE = 4096


def fix_mojibake(text: str, config: TextFixerConfig | None = None) -> list[Edit]:
    """Edits that undo mojibake and HTML entities, with offsets into ``text``.

    >>> [(e.before, e.after, e.kind) for e in fix_mojibake("la mÃ©daille d’or &amp; l’été")]
    [('mÃ©daille', 'médaille', 'mojibake'), ('&amp;', '&', 'html_entity')]
    >>> fix_mojibake("“Clean” text, 中文，标点！")
    []
    """
    if config is None:
        config = default_ftfy_config()
    needs_ftfy = _ftfy_trigger()
    edits: list[Edit] = []
    for line_match in _LINES.finditer(text):
        line = line_match.group()
        if _NOTHING_FOR_FTFY.fullmatch(line.rstrip("\r\n")) or not needs_ftfy(line):
            continue
        for start, piece in _pieces(line.rstrip("\r\n"), line_match.start()):
            edits.extend(_fix_piece(piece, start, config))
    return edits


@lru_cache(maxsize=1)
def _ftfy_trigger():
    """A cheap test for "ftfy could change this line" with our settings.

    Mirrors ftfy's own guards: its encoding fixer returns text unchanged unless ``is_bad``
    finds mojibake; the other fixers need "&", a control or C1 character, a ligature or a
    surrogate. Running ftfy only on such lines makes clean French text (accents on every line)
    cost a regex search per line instead of a full ftfy pass.
    """
    from ftfy import chardata
    from ftfy.badness import is_bad

    chars = set(chardata.CONTROL_CHARS) | set(chardata.LIGATURES)
    singles = "".join(re.escape(chr(c)) for c in sorted(chars))
    trigger = re.compile(f"[&{singles}\\x80-\\x9f\\ud800-\\udfff]")

    def needs_ftfy(line: str) -> bool:
        return trigger.search(line) is not None or is_bad(line)

    return needs_ftfy


def _pieces(line: str, offset: int):
    """Yield (offset, piece) cutting ``line`` at spaces into pieces of about LONG_LINE chars."""
    if len(line) <= LONG_LINE:
        yield offset, line
        return
    pos = 0
    while pos < len(line):
        cut = min(len(line), pos + LONG_LINE)
        if cut < len(line):
            space = line.rfind(" ", pos + LONG_LINE // 2, cut)
            # the space must follow an ASCII character, else it may be a mangled NBSP ("Ã ")
            while space > pos and not line[space - 1].isascii():
                space = line.rfind(" ", pos + LONG_LINE // 2, space)
            if space > pos:
                cut = space + 1
        yield offset + pos, line[pos:cut]
        pos = cut


def _fix_piece(piece: str, offset: int, config: TextFixerConfig) -> list[Edit]:
    import ftfy

    fixed, steps = ftfy.fix_and_explain(piece, config)
    if fixed == piece:
        return []
    return [
        _classify(Edit("mojibake", offset + start, offset + end, before, after), steps)
        for start, end, before, after in diff_words(piece, fixed)
    ]


def diff_words(before: str, after: str) -> list[tuple[int, int, str, str]]:
    """Changed regions between two versions of a line, as whole words, with offsets in ``before``.

    Surrounding whitespace common to both sides is trimmed from each region.

    >>> diff_words("la mÃ©daille dâ€™or", "la médaille d’or")
    [(3, 12, 'mÃ©daille', 'médaille'), (13, 19, 'dâ€™or', 'd’or')]
    >>> diff_words("Ã  la", "à la")
    [(0, 2, 'Ã ', 'à')]
    """
    a = _TOKENS.findall(before)
    b = _TOKENS.findall(after)
    a_pos = _positions(a)
    b_pos = _positions(b)
    regions = []
    for i1, i2, j1, j2 in align_tokens(a, b):
        old = before[a_pos[i1] : a_pos[i2]]
        new = after[b_pos[j1] : b_pos[j2]]
        start = a_pos[i1]
        # trim whitespace shared by both ends ("Ã  " -> "à " becomes "Ã " -> "à")
        while old and new and old[0] == new[0] and old[0].isspace():
            old, new, start = old[1:], new[1:], start + 1
        while old and new and old[-1] == new[-1] and old[-1].isspace():
            old, new = old[:-1], new[:-1]
        regions.append((start, start + len(old), old, new))
    return regions


def _positions(tokens: list[str]) -> list[int]:
    positions = [0]
    for token in tokens:
        positions.append(positions[-1] + len(token))
    return positions


# How far (in tokens) to look for the next place where both versions agree again.
_RESYNC_WINDOW = 24
# (di, dj) shifts to try, fewest tokens first, and for the same number the most diagonal first.
_SHIFTS = sorted(
    ((di, dj) for di in range(_RESYNC_WINDOW + 1) for dj in range(_RESYNC_WINDOW + 1) if di + dj),
    key=lambda d: (d[0] + d[1], abs(d[0] - d[1]), d[0]),
)


def align_tokens(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """Differing regions ``(i1, i2, j1, j2)`` of two token lists, in linear time.

    ftfy changes text locally (a word, an entity, a word and the space after it), so after each
    difference the two versions agree again within a few tokens: resynchronise at the nearest
    token that is equal on both sides. (difflib's SequenceMatcher is quadratic on the repeated
    space tokens of a long line.)

    >>> align_tokens(["a", " ", "Ã©", " ", "b"], ["a", " ", "é", " ", "b"])
    [(2, 3, 2, 3)]
    >>> align_tokens(["Ã", "  ", "la"], ["à", " ", "la"])
    [(0, 2, 0, 2)]
    """
    regions = []
    i = j = 0
    n, m = len(a), len(b)
    while i < n and j < m:
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        ii, jj = _resync(a, b, i, j)
        regions.extend(_split_parallel(a, b, i, ii, j, jj))
        i, j = ii, jj
    if i < n or j < m:
        regions.extend(_split_parallel(a, b, i, n, j, m))
    return regions


def _resync(a: list[str], b: list[str], i: int, j: int) -> tuple[int, int]:
    """The nearest (i', j') where a word (not a space: spaces are everywhere) is equal again."""
    n, m = len(a), len(b)
    for di, dj in _SHIFTS:
        ii, jj = i + di, j + dj
        if ii < n and jj < m and a[ii] == b[jj] and not a[ii].isspace():
            return ii, jj
    return n, m  # no agreement in sight: the rest of the piece is one change


def _split_parallel(a, b, i1, i2, j1, j2):
    """Split a region word by word when both sides have the same shape: "mÃ©daille dâ€™or"."""
    if i2 - i1 != j2 - j1 or i2 - i1 < 2:
        return [(i1, i2, j1, j2)]
    if any(a[i1 + k].isspace() and a[i1 + k] != b[j1 + k] for k in range(i2 - i1)):
        return [(i1, i2, j1, j2)]
    return [(i, i + 1, j1 + i - i1, j1 + i - i1 + 1) for i in range(i1, i2) if a[i] != b[j1 + i - i1]]


_NOT_ENCODING_STEPS = frozenset(
    {"unescape_html", "remove_terminal_escapes", "remove_control_chars", "fix_latin_ligatures", "fix_surrogates"}
)


def _classify(edit: Edit, steps) -> Edit:
    before = edit.before
    names = [name for _, name in (steps or ())]
    if _ENTITY.search(before) and "unescape_html" in names:
        kind, reason = "html_entity", "HTML entity written out as text"
    elif _CONTROL.search(before) and not any(c.isalpha() and not c.isascii() for c in before):
        kind, reason = "control_char", "invisible control characters or terminal escapes removed"
    elif any(c in _LIGATURES for c in before) and "fix_latin_ligatures" in names:
        kind, reason = "ligature", "typographic ligature split into its letters"
    else:
        kind, reason = "mojibake", "text decoded with the wrong encoding"
        how = ", ".join(f"{action} {name}" for action, name in steps or () if name not in _NOT_ENCODING_STEPS)
        if how:
            reason = f"{reason} (ftfy: {how})"
    return Edit(kind, edit.start, edit.end, edit.before, edit.after, 1.0, reason)


_DECOMPOSED = re.compile(r"[A-Za-z][\u0300-\u036f]+")


def compose_decomposed_accents(text: str) -> list[Edit]:
    """Compose a Latin letter followed by combining accents into one character (NFC), locally.

    Text from macOS file names or some PDFs writes "é" as "e" + U+0301; word matching and the
    French lexicon expect the composed form. Nothing else in the text is normalised.

    >>> [(e.start, e.end, e.after) for e in compose_decomposed_accents("cafe\\u0301 ok")]
    [(3, 5, 'é')]
    """
    edits = []
    for match in _DECOMPOSED.finditer(text):
        composed = unicodedata.normalize("NFC", match.group())
        if composed != match.group():
            edits.append(
                Edit(
                    "decomposed_accent",
                    match.start(),
                    match.end(),
                    match.group(),
                    composed,
                    1.0,
                    "letter and combining accent composed into one character (NFC)",
                )
            )
    return edits
