"""Does a document look like a press release? The parts every release has, read in damaged text.

French typography spaces ``: ; ! ?`` and the inside of ``« »`` with no-break spaces; a word
processor in French mode puts them in as one types. A lossy ASCII conversion deletes them, and
nothing left in the text says whether a source had them: many news sites glue these marks
(WMT news French: 1,378 glued against 536 spaced), while releases are written in a word
processor. So :attr:`esgtext.repair.RepairConfig.french_typography` ``"auto"`` puts them back in
a document that reads as a release: one with at least :data:`MIN_MARKERS` of the parts of one
(:func:`press_release_markers`), read as they survive any of the damage (``COMMUNIQU DE
PRESSE``, ``f?vrier``, `` propos de``):

- ``header``: a line that says what the document is (``COMMUNIQUÉ DE PRESSE``, ``Information
  presse``, ``Dossier de presse``);
- ``dateline``: a line that opens with a place and a date (``Nantes, le 12 mars 2026 –``,
  ``Sète (Hérault), 8 juillet 2026``);
- ``press_contact``: a line that opens with the press contact (``Contact presse``, ``Relations
  médias``, ``Presse :``);
- ``about``: a short line that opens the boilerplate (``À propos de Terres d’Armor``);
- ``contact_details``: an e-mail address or a French telephone number.

A release typed without the French mode shows it, since plain ASCII survives the conversion: a
straight apostrophe inside a word (``l'avenir``; the French mode types ``’``), or a plain space
before ``: ; !`` (the French mode makes it a no-break one); where two such traces are seen
(:func:`typed_plain`), nothing is added (a wire's ``Communiqué de presse`` scraped from the web).

    >>> press_release_markers("Paris, le 3 fvrier 2026 Solrian annonce...\\n\\nContact presse\\n"
    ...                       "Sophie Arnaud 01 42 68 33 20")
    ('dateline', 'press_contact', 'contact_details')
    >>> looks_like_press_release("Paris, le 3 février 2026, le gouvernement a annoncé...")
    False
    >>> typed_plain("Contact presse : Laure Roux, l'agence")
    True
"""

from __future__ import annotations

import re

from esgtext.repair.addresses import phone_pattern
from esgtext.repair.spacing import YEAR

MIN_MARKERS = 2  # parts of a release a document must show to read as one

# A month as the damage leaves it: "février", "fvrier", "f?vrier", "fevrier"; "août", "aot", "a?t"
_MONTH = (r"(?:janv\w*|f\W?\w?vr\w*|mars|avr\w*|mai|juin|juil\w*|ao\w*|a\?\w+|sept\w*|oct\w*"
          r"|nov\w*|d\W?\w?c\w*)")
# Spaces where the date's no-break spaces were: none left, or a "?" for each
_SPACE = r"(?:[^\S\n]|\?)*"
_MARKERS = (
    ("header", re.compile(
        r"^[^\S\n]*(?:communiqu[\w?]*(?:[^\S\n]+de[^\S\n]+presse)?|(?:information|dossier)"
        r"[^\S\n]+(?:de[^\S\n]+)?presse)[^\S\n]*$", re.IGNORECASE | re.MULTILINE)),
    ("dateline", re.compile(
        rf"^[^\S\n]*[A-Z][\w?'’-]*(?:[^\S\n-][\w?'’]+){{0,3}}"
        # (and the place's department or country in brackets: "Sète (Hérault), 8 juillet 2026")
        rf"(?:[^\S\n]*\([A-Z][\w?'’ -]{{1,30}}\))?[^\S\n]*,[^\S\n]*(?:le{_SPACE})?"
        rf"(?:1er|\d{{1,2}}){_SPACE}{_MONTH}{_SPACE}{YEAR}(?!\d)", re.MULTILINE)),
    ("press_contact", re.compile(
        r"^[^\S\n]*(?:(?:contacts?|relations?|service|attach[\w?]*)[^\S\n]+(?:de[^\S\n]+)?"
        r"(?:presse|m[\w?]{0,2}dias?)\b|presse(?:[^\S\n]|\?)*:)", re.IGNORECASE | re.MULTILINE)),
    ("about", re.compile(
        r"^[^\S\n]*(?:À|A|\?)?[^\S\n]*propos[^\S\n]+d[\w?'’]*(?:[^\n.!?]|\?(?=\w)){0,60}$",
        re.MULTILINE)),
    ("contact_details", re.compile(
        rf"(?<=[\w.+-])@[\w-]+\.[a-z]{{2,}}|(?<!\d){phone_pattern(' .?')}(?!\d)")),
)


# Where the parts of a release stand: the header and the dateline open it, the boilerplate and
# the contacts close it (a long text is read at both ends only)
HEAD, TAIL = 4_000, 6_000


def _found(pattern: re.Pattern, text: str) -> bool:
    if len(text) <= HEAD + TAIL:
        return pattern.search(text) is not None
    return bool(pattern.search(text, 0, HEAD) or pattern.search(text, len(text) - TAIL))


def press_release_markers(text: str) -> tuple[str, ...]:
    """The parts of a press release found in ``text`` (names as in the module's list), in order."""
    return tuple(name for name, pattern in _MARKERS if _found(pattern, text))


def looks_like_press_release(text: str) -> bool:
    """Whether ``text`` shows at least :data:`MIN_MARKERS` parts of a press release (in its first
    :data:`HEAD` and last :data:`TAIL` characters)."""
    found = 0
    for _, pattern in _MARKERS:
        if _found(pattern, text):
            found += 1
            if found >= MIN_MARKERS:
                return True
    return False


# What a release typed without a word processor's French mode keeps through the conversion
_STRAIGHT_APOSTROPHE = re.compile(r"[^\W\d_]'[^\W\d_]")
# (not "?": a lone "?" the `?` pass left may stand for "à" between spaces)
_PLAIN_SPACE_BEFORE_MARK = re.compile(r"[\w)»] [:;!](?=\s|$)", re.MULTILINE)
PLAIN_TRACES = 2  # traces of plain typing that rule the French mode out


def typed_plain(text: str) -> bool:
    """Whether ``text`` shows :data:`PLAIN_TRACES` traces or more of plain ASCII typing: straight
    apostrophes inside words, plain spaces before ``: ; !``."""
    found = 0
    for pattern in (_STRAIGHT_APOSTROPHE, _PLAIN_SPACE_BEFORE_MARK):
        for _ in pattern.finditer(text):
            found += 1
            if found >= PLAIN_TRACES:
                return True
    return False


_SAID = {"header": "a header", "dateline": "a dateline", "press_contact": "a press contact",
         "about": "an 'À propos de' line", "contact_details": "contact details"}


def release_reason(markers: tuple[str, ...]) -> str:
    """What an edit of French typography put back by default adds to its reason: why its text
    read as a release (``markers``: :func:`typography_markers`).

    >>> release_reason(typography_markers("COMMUNIQUÉ DE PRESSE\\nContact presse : presse@x.fr"))
    ' (by default: the text reads as a press release: a header, a press contact, contact details)'
    """
    parts = ", ".join(_SAID[name] for name in markers)
    return f" (by default: the text reads as a press release: {parts})"


def typography_markers(text: str) -> tuple[str, ...]:
    """The parts of a press release that make French typography come back in ``text`` by
    default (the ``"auto"`` of :attr:`esgtext.repair.RepairConfig.french_typography`): those of
    :func:`press_release_markers` where there are at least :data:`MIN_MARKERS` and the text was
    not :func:`typed_plain`; ``()`` elsewhere."""
    markers = press_release_markers(text)
    return markers if len(markers) >= MIN_MARKERS and not typed_plain(text) else ()


def wants_french_typography(text: str) -> bool:
    """Whether French typography should be put back in ``text`` by default: a press release,
    typed in a word processor's French mode (see :func:`typography_markers`)."""
    return bool(typography_markers(text))


# A conversation typed in French: the spaces before "? !" are French typography's, which
# conversational French keeps (Tatoeba's sentences space all their "?" and "!"); the news that
# glues them reports, in the third person. A text reads as one where it asks or exclaims at
# least once and :data:`CONVERSATION_PRONOUNS` of its words at least are the first and second
# persons' ("je", "tu", "vous", "moi", "ton" …, as a deletion leaves them: "jai", "jaime").
# Tatoeba's first half in documents of 12 sentences: 143 of the 267 that ask or exclaim; WMT
# news: none of the tune split's 33 that do, none of the LM split's 118 (at 0.06, seven of them,
# a magazine's interviews and advice column, which glue their marks as often as not: LM split
# deleted 1.660 -> 1.685 %, Tatoeba's first half 9.26 -> 3.42 %; at 0.15, 1.660 % and 4.91 %).
CONVERSATION_PRONOUNS = 0.15
MIN_CONVERSATION_WORDS = 40  # (a title, a caption, a line of dialogue alone says too little)
CONVERSATION_REASON = " (by default: the text reads as a conversation typed in French)"
_PERSONAL = re.compile(
    r"\b(?:je|j|jai|jaime|jen|jy|tu|t|toi|moi|me|m|te|vous|votre|vos|ton|ta|tes|mon|ma|mes)\b",
    re.IGNORECASE)
_ASKS_OR_EXCLAIMS = re.compile(r"[^\W_][?!]")


def reads_as_conversation(text: str) -> bool:
    """Whether ``text`` reads as a conversation typed in French (see
    :data:`CONVERSATION_PRONOUNS`) and not :func:`typed_plain`: the ``"auto"`` of
    :attr:`esgtext.repair.RepairConfig.french_typography` puts back the spaces before its ``: ;
    ! ?`` (and nothing else of French typography).

        >>> chat = "Tu viens ce soir? Je ne sais pas encore, jai du travail. Et toi? "
        >>> reads_as_conversation(chat * 4), reads_as_conversation(chat)  # (a line is too short)
        (True, False)
        >>> reads_as_conversation("Le gouvernement a-t-il tort? Le ministre a rpondu hier. " * 5)
        False
    """
    if not _ASKS_OR_EXCLAIMS.search(text):
        return False
    words = len(text.split())
    if words < MIN_CONVERSATION_WORDS:
        return False
    personal = sum(1 for _ in _PERSONAL.finditer(text))
    return personal >= CONVERSATION_PRONOUNS * words and not typed_plain(text)
