"""The tokens of a French text as the restorer reads them, and the readings a word may have.

A token is a word, an elided article ("l'", "qu’"), a number, a line break or a punctuation mark,
with its offsets and the form the bigram model counts (``context``: lower case, ``<num>``,
``<p>``). A :class:`_Candidate` is one reading of a word token: what the decoder may write.

    >>> [(t.kind, t.context) for t in _tokens("L’an 2020 : la mdaille")]
    [('elided', "l'"), ('word', 'an'), ('num', '<num>'), ('punct', '<p>'), ('word', 'la'), ('word', 'mdaille')]
"""

from __future__ import annotations

import re
from typing import NamedTuple


TYPOGRAPHIC_APOSTROPHE = "\u2019"
_VOWEL_START = frozenset("aeiouyhàâäéèêëîïôöùûüœæ")

# --- tokenisation ---------------------------------------------------------------------------

# An elided article before a letter ("l'", "qu’"): a token of its own.
_ELISION = r"(?<![^\W\d_])(?:jusqu|lorsqu|puisqu|quoiqu|qu|[ldnsjcmt]){apostrophe}(?=[^\W\d_])"
ELIDED = _ELISION.format(apostrophe="['’]")
WORD = r"[^\W\d_]+"
_SCAN = re.compile(
    rf"(?P<elided>{ELIDED})"
    rf"|(?P<word>{WORD})"
    r"|(?P<num>\d+(?:[.,]\d+)*)"
    r"|(?P<newline>\n)"
    r"|(?P<punct>[^\w\s'’\-])",
    re.IGNORECASE,
)
_SENTENCE_END = frozenset(".!?:;\n")
# The "elided" tokens of _SCAN written with a typographic apostrophe ("l’avenir") or a straight one
# ("s'il"), counted without a pass over the tokens.
_TYPOGRAPHIC_ELISION = re.compile(_ELISION.format(apostrophe="’"), re.IGNORECASE)
_ASCII_ELISION = re.compile(_ELISION.format(apostrophe="'"), re.IGNORECASE)


class Token(NamedTuple):
    kind: str  # "word", "elided", "num", "newline", "punct"
    start: int
    end: int
    surface: str
    context: str  # the bigram model's token


class _Candidate(NamedTuple):
    """One reading of a word token: what the decoder may write for it."""

    output: str  # lower-case replacement of the token's surface (without the elision)
    contexts: tuple[str, ...]  # the bigram tokens it stands for
    kind: str  # edit kind, "" for the unchanged token
    prior: float  # log10 bias
    elision: int = 0  # letters of the surface that are an elided article ("l" of "lenvironnement")


def _tokens(text: str) -> list[Token]:
    out: list[Token] = []
    append = out.append
    make = tuple.__new__  # a NamedTuple without the cost of its keyword-aware constructor
    for m in _SCAN.finditer(text):
        kind = m.lastgroup
        surface = m.group()
        if kind == "word":
            context = surface.lower()
        elif kind == "elided":
            context = surface[:-1].lower() + "'"
        elif kind == "num":
            context = "<num>"
        else:
            context = "<p>"
        start, end = m.span()
        append(make(Token, (kind, start, end, surface, context)))
    return out


_GAP_KINDS = frozenset(("word", "elided", "num"))


def _columns(tokens: list[Token]) -> tuple[tuple, ...]:
    """(kinds, starts, ends, surfaces, contexts) of ``tokens``, transposed at C speed."""
    return tuple(zip(*tokens)) if tokens else ((), (), (), (), ())


# the parts of a hyphenated word after one of them ("-de-France" after "le")
_HYPHENATED_TAIL = re.compile(r"(?:-[^\W\d_?]+){1,4}")


def capitalised_part_follows(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` goes on, after hyphens, with a part that takes a
    capital: it is then a name whose parts all do ("le-de-France" is "Île-de-France",
    "tats-Unis" "États-Unis"; "peut-tre" is no name)."""
    tail = _HYPHENATED_TAIL.match(text, end)
    return tail is not None and any(part[:1].isupper() for part in tail.group().split("-"))


def list_item(text: str, line_start: int, marker: str = "") -> bool:
    """Whether the line at ``line_start``, which starts with ``marker`` then a space (what a
    lossy conversion leaves of a bullet: "" or "?"), is an item of a list: the line before it
    ends with a colon, or the line before or after starts the same way and one of the two ends
    as list items do, with ";" or "," or no full stop at all. Its first word then follows a
    bullet, not a vanished "À" (two sentences in a row that lost their "À", " Vienne, on
    affirme que...", " vrai dire, ...", are no list).

        >>> text = "Nos indicateurs :\\n rduction de 32 % ;\\n 78 % d'lectricit verte."
        >>> list_item(text, text.index(" rduction")), list_item(" Vienne, on affirme", 0)
        (True, False)
        >>> list_item(" Vienne, on affirme.\\n vrai dire, rien.", 0)
        False
    """
    head = marker + " "
    line_end = text.find("\n", line_start)
    if line_end < 0:
        line_end = len(text)
    neighbours = []
    if line_start > 0:
        previous_start = text.rfind("\n", 0, line_start - 1) + 1
        previous = text[previous_start:line_start - 1]
        if previous.rstrip().endswith(":"):
            return True
        neighbours.append(previous)
    if line_end < len(text):
        following_end = text.find("\n", line_end + 1)
        neighbours.append(text[line_end + 1:following_end if following_end >= 0 else len(text)])
    line = text[line_start:line_end]
    return any(other.startswith(head) and (_ends_like_an_item(line) or _ends_like_an_item(other))
               for other in neighbours)


def list_bullet(text: str, line_start: int, marker: str = "") -> str:
    """The bullet that went with the item of a list at ``line_start`` (see :func:`list_item`):
    "–" where most items of its list end bare, with no punctuation ("– Émetteur : CRC",
    "– Banques : 8 %"), as the development releases' key-and-value lists are dashed (6 such lists
    of 6, by three writers); "•" otherwise, the likelier of the two there (19 lists against 15).

        >>> text = "Conditions :\\n Montant : 750 M\\n Coupon : 3,125 %\\n\\nObjectifs :\\n rduire ;\\n agir."
        >>> list_bullet(text, text.index(" Montant")), list_bullet(text, text.index(" agir"))
        ('–', '•')
    """
    head = marker + " "
    lines = []
    start = line_start  # this line and the item lines before it
    while True:
        end = text.find("\n", start)
        lines.append(text[start:end if end >= 0 else len(text)])
        if start == 0:
            break
        previous = text.rfind("\n", 0, start - 1) + 1
        if not text.startswith(head, previous):
            break
        start = previous
    end = text.find("\n", line_start)
    while end >= 0 and text.startswith(head, end + 1):  # ... and after it
        following = text.find("\n", end + 1)
        lines.append(text[end + 1:following if following >= 0 else len(text)])
        end = following
    bare = sum(1 for line in lines
               if line.rstrip(" \t\u00a0\u202f")[-1:] not in ("", ".", ";", ",", "!", "?", ":", "…"))
    return "–" if 2 * bare > len(lines) else "•"


def _ends_like_an_item(line: str) -> bool:
    """Whether ``line`` ends as an item of a list does: with ";" or ",", or with no mark that
    ends a sentence."""
    end = line.rstrip(" \t\u00a0\u202f")[-1:]
    return end in (";", ",") or (end != "" and end not in ".!?:»\"”)")
