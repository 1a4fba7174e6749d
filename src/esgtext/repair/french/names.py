"""Names whose accents the damage took: Spanish names in French news ("Fernndez" was "Fernández",
"Mazatlan" "Mazatlán", where the text around them is about a Spanish-speaking place), and the
names a press release spells in its own addresses ("Solrian" is "Solérian" where the contact is
``presse@solerian.fr``: :func:`address_names`).

French writes many Spanish names without their accents ("Sanchez" outnumbers "Sánchez" in
wordfreq's French list), so a name alone says nothing; news from a Spanish-speaking country names
several, and writes them as Spanish does. A capitalised word the decoder left as it was is read
as the Spanish word it may be (``scripts/build_spanish_names.py``: a word Spanish writes accented
far more often than as damaged, that French does not write otherwise as a word of its own,
"Japon" for "Japón") when another such name stands within :data:`WINDOW_LINES` lines of it.
Tune split (newstest2011): deleted documents 2.088 -> 2.067 %, stripped 1.046 -> 1.035 %. A
stripped text that names :data:`MANY_NAMES` of them or more writes those French writes its own
way as Spanish does too ("Lopez", "Ruben" below, which French writes without their accents).

    >>> text = "Le maire de Mazatln, Jorge Abel Lpez, a rencontr Rubn Snchez."
    >>> [(e.before, e.after) for e in spanish_names(text, _tokens(text), "deleted", set())]
    [('Mazatln', 'Mazatlán'), ('Lpez', 'López'), ('Rubn', 'Rubén'), ('Snchez', 'Sánchez')]
    >>> text = "Le maire de Mazatlan, Jorge Abel Lopez, a rencontre Ruben Davalos."
    >>> [(e.before, e.after) for e in spanish_names(text, _tokens(text), "stripped", set())]
    [('Mazatlan', 'Mazatlán'), ('Lopez', 'López'), ('Ruben', 'Rubén'), ('Davalos', 'Dávalos')]
    >>> text = "Le maire de Mazatlan a rencontre Ruben Davalos."  # three: French usage
    >>> [(e.before, e.after) for e in spanish_names(text, _tokens(text), "stripped", set())]
    [('Mazatlan', 'Mazatlán'), ('Davalos', 'Dávalos')]
    >>> text = "M. Lpez a rencontr le maire."  # a name alone
    >>> spanish_names(text, _tokens(text), "deleted", set())
    []
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate

from esgtext.repair.addresses import address_spans
from esgtext.repair.calibration import ADDRESS_NAME_REASON, SPANISH_NAME_REASON, TYPOGRAPHY_REASON
from esgtext.repair.edits import Edit
from esgtext.repair.lexicon import FrenchLexicon, french_lexicon
from esgtext.repair.tables import data_text
from esgtext.repair.french.tokens import Token, _tokens  # noqa: F401 (_tokens: the doctest)

__all__ = ["accented_capitals", "address_names", "english_possessives", "spanish_names",
           "SPANISH_NAME_REASON"]

# (tune split, deleted / stripped documents with the margins below: 2.0 -> 2.064 / 0.956 % (a
# table of words down to 2.0: scripts/build_spanish_names.py now stops at 2.5),
# 2.5 -> 2.067 / 1.035 %, 3.0 -> 2.074 / 0.983 % with a French margin of 2.0 for both; an
# accent margin of 0.0 -> 0.984 %, of 1.0 nothing passes: "Fernández" is 0.8)
MIN_SPANISH_ZIPF = 2.5  # the Spanish word is at least this frequent in Spanish
SPANISH_ACCENT_MARGIN = 0.5  # ... and this much more frequent (Zipf) than its damaged form
# No Spanish reading for a word French writes as damaged this much more often (Zipf) than
# accented. What a deletion leaves is rarely French ("Mazatln"; "Los" is no "líos": it fails
# the accent margin); what stripping leaves often is, and French names Spanish places and people
# its own way ("Mexico", "Panama", "Chavez"): 0.5 there. Tune split, stripped: 2.0 -> 0.959 %,
# 1.5 -> 0.966, 1.0 -> 1.018, 0.5 -> 1.035, 0.0 -> 1.046 % (none); on the LM split (news
# 2008-2010, which this module never read) 0.680, 0.681, 0.681, 0.678, 0.678 %: "Panamá",
# "Chávez", "Raúl" where the French source wrote them without. Deleted: 3.0 and 2.0 -> 2.067 %,
# 1.0 -> 2.074, 0.5 -> 2.075 % (LM split 1.765 % for each).
FRENCH_WORD_MARGIN = {"deleted": 2.0, "stripped": 0.5, "stripped_many": 2.0}
# ... but a stripped text that names at least this many Spanish people and places (read with the
# margin of 2.0) is a text from a Spanish-speaking country, and writes them all as Spanish does
# ("Fernández", "Chávez" where a French text on Venezuela may write "Chavez"). Tune split,
# stripped: 1.026 -> 1.004 % (3 names: 0.975 %, 5: 1.007 %); LM split 0.678 % (3 names: 0.680 %).
# A margin of 1.5 for these: 1.005 %, 1.0: 1.019 % (LM split 0.678 % for each).
MANY_NAMES = 4
# A name is read as Spanish only with another one within this many lines of it: a French text
# on Venezuela may write "Chavez"; a text from a Spanish-speaking country names several people
# and places as Spanish does. (Without it: tune split 2.064 / 1.028 %, LM split 1.766 / 0.679 %;
# with it 2.067 / 1.035 % and 1.765 / 0.678 %; 3 lines: 2.071 / 0.983 %, 6: 2.068 / 0.968 %, 24
# the same as 12, all with a stripped French margin of 2.0.)
WINDOW_LINES = 12
CONFIDENCE = 0.9  # the raw score (see esgtext.repair.calibration: its own row of the table)


def _table() -> Iterator[tuple[str, str, str, int, int, list[int]]]:
    """The rows of ``es_accented.txt.gz`` (read by the two tables below, each once): the word, its
    stripped and deleted forms, its Zipf numbers in tenths (in Spanish, in French, then those of
    its damaged forms); none in a build without the table."""
    try:
        text = data_text("es_accented.txt.gz")
    except OSError:
        return
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        word, stripped, deleted, *numbers = line.split("\t")
        own, french, *damaged = map(int, numbers)
        yield word, stripped, deleted, own, french, damaged


@lru_cache(maxsize=1)
def _readings() -> dict[str, dict[str, str]]:
    """Per kind of damage, the damaged form of each Spanish word to the word."""
    out: dict[str, dict[str, str]] = {"deleted": {}, "stripped": {}, "stripped_many": {}}
    best: dict[tuple[str, str], int] = {}
    for word, stripped, deleted, own, french, damaged in _table():
        if own < MIN_SPANISH_ZIPF * 10:
            continue
        for kind, key, spanish, damaged_french in (("stripped", stripped, *damaged[:2]),
                                                   ("stripped_many", stripped, *damaged[:2]),
                                                   ("deleted", deleted, *damaged[2:])):
            # Spanish writes it accented far more often than as damaged, and French does not
            # write the damaged form as a word of its own far more often ("Japon", "Los")
            if (own - spanish < SPANISH_ACCENT_MARGIN * 10
                    or damaged_french - french >= FRENCH_WORD_MARGIN[kind] * 10):
                continue
            if own > best.get((kind, key), 0):
                best[kind, key] = own
                out[kind][key] = word
    return out


# A Spanish name in French news: a Spanish word of the table that French writes too (a name that
# French news quotes, "Álvarez", "José", "Perú"), though far less often than Spanish does (so not
# a French word, "élites", nor a Spanish word French never writes, "última")
MIN_FRENCH_ZIPF_OF_NAME = 1.5
NAME_SPANISH_MARGIN = 1.0


@lru_cache(maxsize=1)
def spanish_names_in_french() -> frozenset[str]:
    """The Spanish words of the table that read as names in French text (see above): a reading
    among them whose first letter vanished with the capitals' accents was a capital
    ("lvarez" is "Álvarez")."""
    return frozenset(
        word for word, _, _, own, french, _ in _table()
        if own >= MIN_SPANISH_ZIPF * 10 and french >= MIN_FRENCH_ZIPF_OF_NAME * 10
        and french <= own - NAME_SPANISH_MARGIN * 10)


def _is_name(surface: str) -> bool:
    return (len(surface) >= 3 and surface.isascii() and surface[:1].isupper()
            and surface[1:].islower())


def spanish_names(text: str, tokens: list[Token], kind: str, edited: set[int]) -> list[Edit]:
    """Edits that put back the accents of Spanish names (see the module) among ``tokens`` of
    ``text`` damaged as ``kind`` ("deleted" or "stripped"). A word the decoder changed (one that
    starts at an offset of ``edited``) is read as Spanish only where the Spanish word is a name
    French news quotes (:func:`spanish_names_in_french`): among other Spanish names, "Jesus" is
    "Jesús", not the decoder's "Jésus", but "Interrog" stays "Interrogé" (the caller drops the
    decoder's edit of each word read here)."""
    readings = _readings()
    if not readings[kind]:
        return []
    found = []
    if kind == "stripped":
        found = _found(tokens, readings["stripped_many"], edited)
        if len({word for _, _, word in found}) < MANY_NAMES:
            found = []
    if not found:
        found = _found(tokens, readings[kind], edited)
    if len({word for _, _, word in found}) < 2:
        return []
    before = _nearest_other(found)
    after = _nearest_other(found[::-1])[::-1]
    return [Edit(f"{kind}_accent", tok.start, tok.end, tok.surface, word[0].upper() + word[1:],
                 CONFIDENCE, f"{SPANISH_NAME_REASON}, and other Spanish names are near it")
            for (line, tok, word), back, on in zip(found, before, after)
            if abs(line - back) <= WINDOW_LINES or abs(on - line) <= WINDOW_LINES]


def _found(tokens: list[Token], table: dict[str, str],
           edited: set[int]) -> list[tuple[int, Token, str]]:
    """(line, token, its Spanish reading) for each name among ``tokens`` that ``table`` reads;
    of those that start at one of the offsets ``edited``, only the names French news quotes."""
    found = []
    line = 0
    quoted = spanish_names_in_french()
    for tok in tokens:
        if tok.kind == "newline":
            line += 1
        elif tok.kind == "word" and _is_name(tok.surface):
            word = table.get(tok.context)
            if word is not None and (tok.start not in edited or word in quoted):
                found.append((line, tok, word))
    return found


_FAR = 1 << 30


def _nearest_other(found: list[tuple[int, Token, str]]) -> list[int]:
    """For each name, the line of the nearest one before it (in the order given) that is
    another word (a line far away where there is none)."""
    out = []
    latest = ("", _FAR)  # the latest name seen, and its line
    other = ("", _FAR)  # the latest one seen that is another word than ``latest``
    for line, _, word in found:
        out.append(latest[1] if word != latest[0] else other[1])
        if word != latest[0]:
            other = latest
        latest = (word, line)
    return out


# -- names the document's addresses spell ----------------------------------------------------------
#
# A release names its company and its press contact in words and in addresses: "Solérian" and
# "presse@solerian.fr", "Émilie Guérin" and "e.guerin@…". Addresses are ASCII, so the conversion
# left their letters, and a name the lexicon does not know ("Solrian", "Lcuyer", "Sol?rian")
# spelled there with one or two more letters where French puts its accents ("e", "c" before a,
# o, u) gets them back: "é" ("è" before a consonant and a final mute "e": "Hélène", "Lefèvre"),
# "ç".
_ADDRESS_WORD = re.compile(r"[a-z]{4,}")
_NAME = re.compile(r"(?<![\w?@.’'-])[^\W\d_](?:[^\W\d_]|\?(?=[^\W\d_]))+(?![\w?@-])")
# "è" before a consonant and a final mute "e" ("Hélène", "Valmère", "Lefèvre", "Mèche")
_GRAVE_BEFORE = re.compile(r"(?:[bcdfgjklmnpqrstvxz]|[bcdfgptv][rl]|ch|gn|qu)es?")
MAX_ADDED = 2  # letters an address may spell that the damaged name lost


def address_names(text: str, taken: list[tuple[int, int]], deleted: bool) -> list[Edit]:
    """Edits that give the names of ``text`` the accents its addresses spell (see above): words
    whose accented letters were deleted (``deleted``) or turned into "?" that no edit already
    covers (``taken``: spans of other edits)."""
    spans = address_spans(text)
    if not spans:
        return []
    spelled = {word for start, end in spans
               for word in _ADDRESS_WORD.findall(text[start:end].lower())}
    zipf = french_lexicon().zipf
    by_length: dict[int, list[str]] = {}  # the address words a word of each length may match
    for address_word in spelled:
        for lost in range(MAX_ADDED + 1):
            by_length.setdefault(len(address_word) - lost, []).append(address_word)
    # the spans no edit may overlap, by where they start, and the furthest any reaches so far
    blocked = sorted(spans + taken)
    starts = [start for start, _ in blocked]
    reach = list(accumulate((end for _, end in blocked), max))
    edits = []
    for m in _NAME.finditer(text):
        word = m.group()
        candidates = by_length.get(len(word))
        if candidates is None or (
                "?" not in word and (not deleted or zipf.get(word.lower(), 0.0) > 0.0)):
            continue
        readings = {}  # reading: the address word that spells it
        for address_word in candidates:
            reading = _spelled(word, address_word)
            if reading is not None:
                readings[reading] = address_word
        if len(readings) != 1:
            continue
        before_end = bisect_left(starts, m.end())
        if before_end and reach[before_end - 1] > m.start():
            continue  # (an address, or a word another edit changed)
        [(reading, address_word)] = readings.items()
        edits.append(Edit("question_mark" if "?" in word else "deleted_accent", m.start(),
                          m.end(), word, reading, CONFIDENCE,
                          f"{ADDRESS_NAME_REASON} ({address_word!r})"))
    return edits


def _spelled(word: str, address: str) -> str | None:
    """``word`` with the accented letters ``address`` spells where it has more letters ("é"
    for an "e", "ç" for a "c"), or with its "?" read so; None where the two do not match so."""
    lower = word.lower()
    skips = len(address) - len(lower)  # letters the deletion took
    if not (0 < skips <= MAX_ADDED if "?" not in word else skips == 0):
        return None
    out, j = [], 0
    for i, letter in enumerate(address):
        here = lower[j] if j < len(lower) else ""
        if here == letter:
            out.append(word[j])
            j += 1
            continue
        if here != "?":  # a letter the deletion took, if any is left to take
            if not skips:
                return None
            skips -= 1
        accented = _accented(letter, address, i)
        if accented is None:
            return None
        out.append(accented.upper() if j == 0 or word.isupper() else accented)
        j += here == "?"
    return "".join(out) if j == len(lower) else None


def _accented(letter: str, address: str, index: int) -> str | None:
    """What a letter of an address was in the name, accented: "é" or "è" for "e", "ç" for "c"
    before a, o, u; None for any other letter."""
    if letter == "e":
        return "è" if _GRAVE_BEFORE.fullmatch(address, index + 1) else "é"
    if letter == "c" and address[index + 1:index + 2] in ("a", "o", "u"):
        return "ç"
    return None


# -- English possessives whose apostrophe vanished ---------------------------------------------
#
# French news names English firms and places by their possessive: "McDonald’s", "Sotheby’s",
# "London’s Round House". A lossy conversion deletes the "’" ("McDonalds"), and French has no
# word so written; English writes the possessive far more often than the plural
# (``scripts/build_english_possessives.py``, from wordfreq: not "Lloyds", "Queens", "Americas").
POSSESSIVE_REASON = "an English possessive whose apostrophe vanished"
_MAX_FRENCH_ZIPF = 2.5  # (French writes "mens", "Americas" often enough to be words of its own)


@lru_cache(maxsize=1)
def _possessives() -> frozenset[str]:
    try:
        text = data_text("en_possessives.txt.gz")
    except OSError:
        return frozenset()
    return frozenset(line.split("\t", 1)[0] for line in text.splitlines()
                     if line and not line.startswith("#"))


def english_possessives(tokens: list[Token], edited: set[int],
                        zipf: dict[str, float]) -> list[Edit]:
    """Edits that give a capitalised English possessive its "’s" back ("McDonalds" ->
    "McDonald’s") among ``tokens`` of a text whose apostrophes vanished, but the words that start
    at an offset of ``edited`` (the decoder's) and those French knows (``zipf``, the lexicon's).

        >>> text = "Le chiffre de McDonalds, de Sothebys, de Lloyds, de Billy Childs, des Americas."
        >>> [(e.before, e.after) for e in english_possessives(_tokens(text), set(), {})]
        [('McDonalds', 'McDonald’s'), ('Sothebys', 'Sotheby’s')]
    """
    table = _possessives()
    out = []
    previous = None
    for tok in tokens:
        surface = tok.surface
        if (tok.kind == "word" and len(surface) >= 5 and surface[-1] == "s" and surface.isascii()
                and surface[:1].isupper() and not surface.isupper() and tok.start not in edited
                and tok.context[:-1] in table and zipf.get(tok.context, 0.0) < _MAX_FRENCH_ZIPF
                # (after a first name, a surname: "Billy Childs")
                and not (previous is not None and previous.kind == "word"
                         and previous.surface[:1].isupper())):
            out.append(Edit("deleted_apostrophe", tok.start, tok.end, surface,
                            surface[:-1] + "’s", CONFIDENCE, POSSESSIVE_REASON))
        previous = tok
    return out


# A known word at most this frequent (Zipf) may be a name read the same way as elsewhere
# ("Lige" is the old "homme lige", Zipf 2.4, and the town "Liège" once its accent is back)
_MAX_SAME_NAME_ZIPF = 3.0
SAME_NAME_REASON = "the same name as elsewhere in the text, where its accent came back"


def same_name_readings(tokens: list[Token], decoded: list[Edit],
                       zipf: dict[str, float]) -> list[Edit]:
    """Edits that read a capitalised word the decoder left as it was as it read the same word
    elsewhere in the text, where that word was capitalised too and got the letters back that
    a deletion took (``decoded``: the decoder's edits; a name is spelled one way in a document:
    the dateline's ``Lige, le 5 février`` is the heading's ``Liège``). Not a word French writes
    often (``zipf``: the lexicon's), nor one read two ways, nor a stripped name: "Gaudi" is how
    French writes "Gaudí" too (tune split, stripped: 0.976 -> 0.986 % where it was read so).

        >>> text = "Le groupe lance Lige un pilote.\\nLige, le 5 fvrier 2026."
        >>> decoded = [Edit("deleted_accent", 16, 20, "Lige", "Liège", 0.8)]
        >>> [(e.start, e.after) for e in same_name_readings(_tokens(text), decoded, {})]
        [(32, 'Liège')]
    """
    readings: dict[str, set[str]] = {}
    sample: dict[str, Edit] = {}
    for edit in decoded:
        if (edit.kind == "deleted_accent" and edit.before[:1].isupper()
                and not edit.before.isupper() and edit.after[:1].isupper()):
            readings.setdefault(edit.before, set()).add(edit.after)
            sample[edit.before] = edit
    if not readings:
        return []
    edited = {edit.start for edit in decoded}
    out = []
    for tok in tokens:
        found = readings.get(tok.surface)
        if (found is None or len(found) != 1 or tok.start in edited
                or zipf.get(tok.context, 0.0) > _MAX_SAME_NAME_ZIPF):
            continue
        edit = sample[tok.surface]
        out.append(Edit(edit.kind, tok.start, tok.end, tok.surface, edit.after,
                        edit.confidence, SAME_NAME_REASON))
    return out


# A capitalised name read accented in a release whose accents were stripped: the accented reading
# at least this frequent (Zipf) and at most this much rarer than the word as written ("Etienne"
# 4.2, "Étienne" 4.0; "Evry" 3.2, "Évry" 2.7)
MIN_CAPITAL_ZIPF = 2.0
CAPITAL_MARGIN = 0.5
_DATELINE_AFTER = re.compile(r"(?:, (?:le[ \u00a0])?\d| \()")  # (a no-break space too)
ACCENTED_CAPITAL_REASON = (TYPOGRAPHY_REASON + ": a name inside a sentence, written accented as "
                           "French typography writes capitals (\"Étienne\", \"l’Éducation\")")


def accented_capitals(text: str, tokens: list[Token], edits: list[Edit],
                      lexicon: FrenchLexicon) -> list[Edit]:
    """Edits that write accented the capitalised names a stripping left plain and the decoder
    left as they were, in a press release (its capitals accented: ``Étienne``, ``Évreux``,
    ``l’Éducation nationale``, ``Nîmes``, where news drops the accent of a capital as often as
    not: ``Etat``): a word inside a sentence (after a word, an elided article, a comma or a
    bracket), or a dateline's place, whose accented reading French writes (see
    :data:`MIN_CAPITAL_ZIPF`). Not a word in capitals, nor one an edit touches.

        >>> text = "Une rencontre avec Etienne Rochat, a Evreux.\\nNimes, le 5 mai 2026."
        >>> [e.after for e in accented_capitals(text, _tokens(text), [], french_lexicon())]
        ['Étienne', 'Évreux', 'Nîmes']
    """
    touched = [(edit.start, edit.end) for edit in edits]
    zipf = lexicon.zipf
    out = []
    for index, tok in enumerate(tokens):
        if (tok.kind != "word" or not tok.surface[:1].isupper() or tok.surface.isupper()
                or not tok.surface.isascii()):
            continue
        previous = tokens[index - 1] if index else None
        if not (previous is not None and (previous.kind in ("word", "elided", "num")
                                          or previous.surface in (",", "("))
                or _DATELINE_AFTER.match(text, tok.end)):
            continue  # (a sentence's first word is no name)
        found = lexicon.candidates(tok.context, "stripped")
        if not found:
            continue
        word = found[0]
        if zipf[word] < max(MIN_CAPITAL_ZIPF, zipf.get(tok.context, 0.0) - CAPITAL_MARGIN):
            continue
        if any(start <= tok.end and tok.start <= end for start, end in touched):
            continue
        out.append(Edit("stripped_accent", tok.start, tok.end, tok.surface,
                        word[:1].upper() + word[1:], 0.7, ACCENTED_CAPITAL_REASON))
    return out
