"""Put back spaces that a lossy conversion or a careless layout took away.

Two kinds of damage glue words together:

- **vanished no-break spaces.** French typography puts a no-break space (U+00A0, or the narrow
  U+202F) in ``20 ans``, ``en 2020``, ``1 233 000``, ``67,7 %`` and ``M. Dupont``. A conversion to
  ASCII that deletes every non-ASCII character deletes those too: ``20ans``, ``en2020``,
  ``1233000``, ``67,7%``, ``M.Dupont``. :func:`restore_no_break_spaces` puts them back, in text
  already diagnosed as French whose non-ASCII characters were deleted, only where French writes a
  space without exception (a word of the lexicon glued to a number, five digits or more in one
  run, a title glued to a name); ``22e``, ``1er``, ``CO2``, ``G20``, ``2020``, ``75008 Paris`` stay.
- **a sentence glued to the next** ("sociales.Aujourd'hui", "category).In the global"), in any
  Latin-script text: :func:`restore_sentence_spaces`.

    >>> from esgtext.repair.edits import apply_edits
    >>> text = "En2020, la part a atteint 67,7%, soit 1233000 voitures.M.Dupont a 20ans."
    >>> fixed = apply_edits(text, restore_sentence_spaces(text))
    >>> fixed
    'En2020, la part a atteint 67,7%, soit 1233000 voitures. M.Dupont a 20ans.'
    >>> apply_edits(fixed, restore_no_break_spaces(fixed)).replace("\\u00a0", "_").replace("\\u202f", "^")
    'En_2020, la part a atteint 67,7_%, soit 1^233^000 voitures. M._Dupont a 20_ans.'
"""

from __future__ import annotations

import re

from esgtext.repair.calibration import TYPOGRAPHY_REASON
from esgtext.repair.edits import Edit
from esgtext.repair.lexicon import FrenchLexicon, french_lexicon

__all__ = ["glued_spaces", "restore_no_break_spaces", "restore_sentence_spaces",
           "words_glued_to_numbers"]

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
# A year, 1800 to 2099: the one definition the steps that read years share (a token that is
# one: YEAR_TOKEN.fullmatch)
YEAR = r"(?:1[89]|20)\d\d"
YEAR_TOKEN = re.compile(YEAR)

# The months, as a conversion to ASCII may leave them ("aot", "dcembre")
MONTHS = (r"janvier|f[ée]?vrier|mars|avril|mai|juin|juillet|ao[ûu]?t|septembre|octobre"
          r"|novembre|d[ée]?cembre")
# A word glued to a number on either side (or between two: "2011et2012", "25et45", and any
# frequent short word, "2020entre40"), a long digit run, a title glued to a name, "%".
_GLUE = re.compile(
    rf"(?P<between>(?<=\d)(?:et|ou|au|aux|en|sur|sous|de|du|mille|{MONTHS}"
    r"|(?P<w3>[a-zà-öø-ÿ]{2,5}))(?=\d))"
    r"|(?P<word_number>(?<![\w.’'-])(?P<w1>[^\W\d_]{2,20})(?=\d))"
    r"|(?P<number_word>(?<=\d)(?P<w2>[^\W\d_]{2,20})(?![\w]))"
    r"|(?P<digits>(?<![\d.,/-])[1-9]\d{4,}(?![\d/-]|[.,]\d))"
    r"|(?P<title>(?<![^\W\d_])(?:M\.|MM\.|Mme|Mmes|Mlle|Mlles|Me(?!Too)|Mgr|Dr|Pr)(?=[A-Z][a-z]))"
    r"|(?P<percent>(?<=\d)[%$])"
    rf"|(?P<year_a>(?<![\d.,]){YEAR}(?=a [a-z]))"
    r"|(?P<a_number>(?<![\w'’./-])[aÀ](?=\d{1,4}(?![\d.,]\d|[^\W\d_])))"  # ("À44 ans")
    r"|(?P<minutes>(?<=\d h)[0-5]\d(?!\d))"
    # (after number_word, which takes the units of two letters or more: see UNITS)
    r"|(?P<unit>(?<=\d)(?:m|l|m2|m3|km2|tCO2e?|teqCO2|MtCO2e?|GtCO2e?)(?![\w²³-]))"
)
# a unit's symbol after a count of four digits, which French typography groups ("1 200 MW")
_UNIT_AFTER_FOUR = r"(?:[kMGT]?W[hc]?|k?m[23]?|ha|t|[kMG]t|t?CO2e?|tCO2eq|teqCO2)\b"
_UNIT_AFTER = re.compile(_UNIT_AFTER_FOUR)
# ... and with RepairConfig.french_typography, those that sources differ on: a count of four digits
# before a plural word or a unit, a word (a number, a closing bracket, "%") glued to ": ; ! ?", a
# time
_TYPOGRAPHY = re.compile(
    rf"(?P<four>(?<![\d.,/-])[1-9]\d{{3}}(?= ?(?:[a-zà-öø-ÿ]{{3,}}[sx]\b|{_UNIT_AFTER_FOUR})))"
    r"|(?P<high>(?<=[^\W_]|[)\]%])(?:[:;!?](?=[ \t\n]|$)|[!?](?=,))"  # ("fatalit!, a lanc":
    # a quotation's "! »," lost its guillemet too)
    r"|(?<=[^\W\d_]\.):(?=[ \t\n]|$))"  # (after an abbreviation: "Tél. :", "N. F. :")
    r"|(?P<hour>(?<![\d,.:])(?:[01]?\d|2[0-3])(?=h(?:[0-5]\d)?\b))"
)
# What French writes right after a number without a space: ordinals, "h" of times, units' codes.
_ORDINAL_OR_CODE = frozenset(
    "e er re es ers res me eme ieme nd nde nds ndes bis ter quater h min mn s ans".split()
) - {"ans"}
# The symbols of units that French separates from their number with a no-break space ("1 200 MW",
# "49 Gt", "8 Go"), and the codes of currencies and time zones ("190 GBP", "17h00 GMT"), in
# letters only (a glued unit is no evidence of the conversion: sources glue them too)
UNITS = frozenset(
    "mm cm km ha ml cl hl kg mg kt Mt Gt kW MW GW TW Wh kWh MWh GWh TWh kWc MWc GWc kV MHz GHz"
    " Ko Mo Go To GB TB GBP USD EUR CHF CAD GMT UTC".split())
# an amount in dollars or pounds, whose "m" is millions
_AMOUNT_BEFORE = re.compile(r"(?:[$£]|[^\W\d_]-)[\d.,]+$")  # (and "5m-6m": a range of them)
# A capitalised word in Latin letters ("Octobre"; not "月发布的Passport", which istitle() takes)
_LATIN_TITLE = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+")
_MIN_WORD_ZIPF = 3.0
_MIN_LONG_WORD_ZIPF = 1.5
_SPACED_PERCENT = re.compile(r"\d [%$]")
_UNIT_WORD = re.compile(r"[^\W\d_]*")
_SPACED_GROUP = re.compile(r"(?<![\d.,])\d{1,3} \d{3}(?!\d)")


def _is_word(lower: str, lexicon: FrenchLexicon, elided: bool = True,
             floor: float = _MIN_WORD_ZIPF) -> bool:
    """A French word, or one whose accents were deleted ("dcembre"), or either after an elided
    word whose apostrophe went with them ("lanne" for "l’année", "jusquen" for "jusqu’en",
    "quaprs" for "qu’après"), of Zipf frequency ``floor`` or more."""
    if lexicon.zipf.get(lower, 0.0) >= floor:
        return True
    if lower.isascii() and lexicon.best_zipf(lower, "deleted") >= floor + 0.5:
        return True
    if elided:
        m = _ELIDED_START.match(lower)
        if m and len(lower) > max(3 if m.group() in "ld" else 2, m.end() + 1):
            return _is_word(lower[m.end():], lexicon, False, floor)
    return False


def _elided_article(lower: str, lexicon: FrenchLexicon) -> bool:
    """"lt" ("l’été"), "lan" ("l’an"): "l" or "d" and a frequent word that starts with a vowel,
    as written or once its deleted letters are back."""
    rest = lower[1:]
    if lower[:1] not in ("l", "d") or not rest:
        return False
    readings = [rest, *lexicon.candidates(rest, "deleted")[:2]] if rest.isascii() else [rest]
    return any(w[:1] in "aeiouyhéèêâîôû" and lexicon.zipf.get(w, 0.0) >= _MIN_TITLE_ZIPF
               for w in readings)


# The elided words an apostrophe's deletion glues to the next word ("lanne", "jusquen", "jai";
# "l" and "d" only before three letters or more: "lan2" is no "l’an 2")
_ELIDED_START = re.compile(r"(?:jusqu|lorsqu|puisqu|qu|[ldj])(?=[aeiouyh])")
_MIN_TITLE_ZIPF = 4.0
_YEAR_AT = re.compile(YEAR + r"(?![\d²³]|[.,]\d)")


def _glued_to_a_number(m: re.Match, lexicon: FrenchLexicon) -> bool:
    """Whether a ``word_number`` / ``number_word`` match of :data:`_GLUE` is a French word glued
    to a number ("en2020", "20ans"), not an ordinal, a unit's code or a name ("22e", "CO2")."""
    if m.lastgroup == "word_number":
        word = m.group("w1")
        if word.islower():
            return _is_word(word, lexicon)
        # a capitalised word is a frequent one ("En2020", "Jai13" at a sentence's start) or an
        # elided article and one ("Lt2025": "L’été 2025", whose "é"s vanished too); a rarer one
        # is a name and its model ("Mazda3", "Mp3": LM split, 10 such written glued)
        # ... or a name glued to a year ("Forez2030", "Horizon2020": a plan or a programme)
        lower = word.lower()
        return word.istitle() and (_is_word(lower, lexicon, floor=_MIN_TITLE_ZIPF)
                                   or _elided_article(lower, lexicon)
                                   or (len(word) >= 3 and _YEAR_AT.match(m.string, m.end())
                                       is not None))
    word = m.group("w2")
    if len(word) >= 3 and _LATIN_TITLE.fullmatch(word):
        return True  # "27Octobre", "14Euros", "140Palestiniens": news glues no name to a number
    # (a word of four letters or more after a number is rarely a unit: a rarer word will do,
    # "200consortiums", "8mgapixels")
    return word.islower() and word not in _ORDINAL_OR_CODE and _is_word(
        word, lexicon, floor=_MIN_WORD_ZIPF if len(word) < 4 else _MIN_LONG_WORD_ZIPF)


# A short word glued between two numbers, other than those :data:`_GLUE` names, is a frequent
# French word ("2020entre40", "12dans15"), not a unit or a code ("3km5")
_MIN_BETWEEN_ZIPF = 5.0


def _between_numbers(m: re.Match, lexicon: FrenchLexicon) -> bool:
    """Whether a ``between`` match of :data:`_GLUE` is a word whose no-break spaces vanished."""
    word = m.group("w3")
    return word is None or lexicon.zipf.get(word, 0.0) >= _MIN_BETWEEN_ZIPF


def words_glued_to_numbers(text: str, lexicon: FrenchLexicon | None = None) -> int:
    """How many French words are glued to a number, as a lossy conversion leaves them
    ("en2020", "15pour", "de44000"): evidence that the no-break spaces of French typography were
    deleted with the rest of the non-ASCII characters.

    >>> words_glued_to_numbers("Le loyer augmente de 15pour cent en2011, soit 22e et CO2.")
    2
    """
    return glued_spaces(text, lexicon)[0]


def glued_spaces(text: str, lexicon: FrenchLexicon | None = None) -> tuple[int, int, int]:
    """The places where a no-break space of French typography vanished, in one scan: (French
    words glued to a number, those of them that no name or code is made of, French titles glued
    to a name). The second are a frequent lower-case word after the number ("38pour",
    "1500personnes") or a grammatical word before it ("en6000", "de60"); the third "M.Kriegler",
    "MmeDavis" (not "DrSam": a glued "Dr" or "Pr" may be a typo of any language).

    >>> glued_spaces("Le modle Drive4 et 38pour cent, selon M.Kriegler et M. Hayes.")
    (1, 1, 1)
    >>> glued_spaces("Le modle Service4 et 38pour cent")  # (a capitalised frequent word)
    (2, 1, 0)
    """
    lexicon = lexicon or french_lexicon()
    glued = frequent = titles = 0
    for m in _GLUE.finditer(text):
        kind = m.lastgroup
        if kind == "title":
            titles += m.group()[:1] == "M"  # ("DrSmith" may be a typo of any language)
        elif kind == "between":  # "2011et2012": no name or code is written so
            if _between_numbers(m, lexicon):
                glued += 1
                frequent += 1
        elif kind in ("word_number", "number_word") and _glued_to_a_number(m, lexicon):
            glued += 1
            frequent += _frequent_glued(m, lexicon)
        elif kind == "digits" and _LONG_NUMBER_THEN_WORD.match(text, m.end()):
            # "40000 tonnes", "25000 explosions": a count of five digits or more whose groups
            # lost their no-break spaces (not a postcode or a code: a word of quantity follows)
            glued += 1
            frequent += 1
    return glued, frequent, titles


def _frequent_glued(m: re.Match, lexicon: FrenchLexicon) -> bool:
    if m.lastgroup == "word_number":
        word = m.group("w1")
        # ("Le17", "En2020": a grammatical word that starts a sentence; "Drive4" is a name)
        return (word.islower() or word in _STARTS_BEFORE_NUMBER) and lexicon.zipf.get(
            word.lower(), 0.0) >= 5.0
    word = m.group("w2")
    # ("28aot 2009": a month, as the conversion left it)
    return (len(word) >= 3 and lexicon.zipf.get(word, 0.0) >= 4.0) or bool(
        _MONTH.fullmatch(word))


_LONG_NUMBER_THEN_WORD = re.compile(r" (?:de )?[a-z]{4,}")
_STARTS_BEFORE_NUMBER = frozenset(
    "Le La Les En De Du Des Au Aux Dans Sur Pour Par Depuis Entre".split())
_MONTH = re.compile(MONTHS)


# Plural words after a number of four digits that it does not count ("en 2024 dans", "2020
# nous": a year)
_NOT_COUNTED = frozenset(
    "les des ses ces nos vos leurs mais dans sous sans vers puis plus alors depuis après apres "
    "tous toutes nous vous moins jamais toujours lors deux ceux auprès aupres auprs près pres "
    "prs très tres trs dès ds aprs hors plusieurs".split())  # (and as deletion leaves them)
_PLURAL_WORD = re.compile(r"[a-zà-öø-ÿ]+")


def _counted(text: str, start: int, lexicon: FrenchLexicon) -> bool:
    """Whether the word at ``start`` is a plural word that a number of four digits counts
    ("1200 salaris": "1 200 salariés")."""
    word = _PLURAL_WORD.match(text, start)
    if word is None or word.group() in _NOT_COUNTED:
        return False
    return _is_word(word.group(), lexicon, elided=False)


# A month, then the year of a date glued to the hour of a time after it ("le 21 mai 2026 à 14 h
# 30" in French typography, where every space is a no-break one: "21 mai202614 h30")
_MONTH_BEFORE = re.compile(rf"(?<![^\W\d_])(?:{MONTHS})[ \u00a0]?$")
_HOUR_AFTER = re.compile(r" ?h(?:[ \u00a0]?[0-5]\d)?(?![^\W\d_])")


def _year_then_hour(text: str, m: re.Match) -> bool:
    """Whether the digit run ``m`` is a year (19xx, 20xx) after a month, glued to the hour of a
    time ("202614 h30")."""
    digits = m.group()
    return (len(digits) in (5, 6) and digits[:2] in ("19", "20") and int(digits[4:]) <= 23
            and _HOUR_AFTER.match(text, m.end()) is not None
            and _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None)


def _digit_groups(digits: str) -> list[int]:
    """Offsets inside ``digits`` where a thousands separator goes: "1233000" -> [1, 4]."""
    first = len(digits) % 3 or 3
    return list(range(first, len(digits), 3))


# The level of French typography that only puts back the spaces before ": ; ! ?" (a conversation
# typed in French, see esgtext.repair.releases.reads_as_conversation)
MARKS_ONLY = "marks"


def restore_no_break_spaces(text: str, lexicon: FrenchLexicon | None = None, *,
                            typography: bool | str = False) -> list[Edit]:
    """Insertions of the no-break spaces that French typography had and a conversion to ASCII
    deleted. Only for French text known to have lost its non-ASCII characters.

    ``typography``: also those that sources differ on, as French typography has them (see
    :attr:`esgtext.repair.RepairConfig.french_typography`): before ``: ; ! ?`` (a full one before
    ":", a narrow one before the others), in the thousands of a count of four digits
    (``1200 salaris`` → ``1 200``) and around the "h" of a time (``14h30`` → ``14 h 30``);
    :data:`MARKS_ONLY`: only those before ``: ; ! ?``. News
    often writes none of them (the WMT news sets glue 72 % of their ``: ; ! ?`` and half their
    four-digit counts); releases written in a word processor's French mode have them.

    >>> [e.after for e in restore_no_break_spaces("du24dcembre et les 13pays, la G20 et le 22e")]
    ['\\xa0', '\\xa0', '\\xa0']
    >>> [e.after for e in restore_no_break_spaces("Bilan: 1200 salaris", typography=True)]
    ['\\xa0', '\\u202f']
    >>> len(restore_no_break_spaces("de 14h30 et 10h, un 3h", typography=True))
    4
    """
    lexicon = lexicon or french_lexicon()
    # A source that wrote these with ordinary spaces kept them ("12 %", "15 000"): its glued
    # ones were glued from the start.
    spaced_percent = bool(_SPACED_PERCENT.search(text))
    spaced_groups = bool(_SPACED_GROUP.search(text))
    edits = []
    matches = _GLUE.finditer(text)
    if typography:  # (in text order, the two scans' matches never overlap)
        typographic = _TYPOGRAPHY.finditer(text)
        if typography == MARKS_ONLY:  # (only the spaces before ": ; ! ?")
            typographic = (m for m in typographic if m.lastgroup == "high")
        matches = sorted([*matches, *typographic], key=lambda m: m.start())
    for m in matches:
        kind = m.lastgroup
        if (kind == "percent" and spaced_percent) or (kind == "digits" and spaced_groups):
            continue
        if kind == "between":
            if not _between_numbers(m, lexicon):
                continue
            for position in (m.start(), m.end()):
                edits.append(Edit("no_break_space", position, position, "", NBSP, 0.9,
                                  f"no-break spaces around {m.group()!r} between two numbers vanished"))
        elif kind == "word_number":
            if _glued_to_a_number(m, lexicon):
                edits.append(Edit("no_break_space", m.end(), m.end(), "", NBSP, 0.9,
                                  f"a no-break space between {m.group('w1')!r} and the number vanished"))
        elif kind == "number_word":
            if _glued_to_a_number(m, lexicon):
                edits.append(Edit("no_break_space", m.start(), m.start(), "", NBSP, 0.9,
                                  f"a no-break space between the number and {m.group('w2')!r} vanished"))
            elif m.group("w2") in UNITS:  # "1200MW", "49Gt": French spaces a unit's symbol
                edits.append(Edit("no_break_space", m.start(), m.start(), "", NBSP, 0.85,
                                  f"a no-break space between the number and its unit "
                                  f"{m.group('w2')!r} vanished"))
        elif kind == "unit":  # "2m", "100m2", "12tCO2": a unit's symbol of one letter or digits
            if _AMOUNT_BEFORE.search(text, max(0, m.start() - 24), m.start()):
                continue  # "$1.3m", "5m-6m": millions, in English
            edits.append(Edit("no_break_space", m.start(), m.start(), "", NBSP, 0.85,
                              f"a no-break space between the number and its unit "
                              f"{m.group()!r} vanished"))
        elif kind == "digits":
            following = text[m.end():m.end() + 8].lstrip(" ")
            if following[:1].isupper() and _UNIT_WORD.match(following)[0] not in UNITS:
                continue  # "75008 Paris": a postal code (but "31000 MWh" counts its unit)
            if _year_then_hour(text, m):  # "le 21 mai202614 h30": "mai 2026 à 14 h 30"
                edits.append(Edit("no_break_space", m.start() + 4, m.start() + 4, "", NBSP, 0.85,
                                  "a no-break space between the year of a date and the time "
                                  "after it vanished"))
                continue
            for offset in _digit_groups(m.group()):
                position = m.start() + offset
                edits.append(Edit("no_break_space", position, position, "", NARROW_NBSP, 0.85,
                                  "French separates thousands with a narrow no-break space"))
        elif kind == "four":
            # (the word may be glued to it as well: "9800collaborateurs"; or a unit: "1200 MW")
            after = m.end() + (text[m.end()] == " ")
            if not spaced_groups and (_counted(text, after, lexicon)
                                      or _UNIT_AFTER.match(text, after)):
                edits.append(Edit("no_break_space", m.start() + 1, m.start() + 1, "",
                                  NARROW_NBSP, 0.8, f"{TYPOGRAPHY_REASON} separates the thousands "
                                  "of a count with a narrow no-break space"))
        elif kind == "hour":  # "14h30" -> "14 h 30", "10h" -> "10 h"
            for position in (m.end(), m.end() + 1) if text[m.end() + 1:m.end() + 2].isdigit() else (
                    m.end(),):
                edits.append(Edit("no_break_space", position, position, "", NBSP, 0.8,
                                  f"{TYPOGRAPHY_REASON} spaces the 'h' of a time"))
        elif kind == "high":
            mark = m.group()
            edits.append(Edit("no_break_space", m.start(), m.start(), "",
                              NBSP if mark == ":" else NARROW_NBSP, 0.8,
                              f"{TYPOGRAPHY_REASON} puts a no-break space before {mark!r}"))
        elif kind == "title":
            edits.append(Edit("no_break_space", m.end(), m.end(), "", NBSP, 0.95,
                              f"a no-break space after {m.group()!r} vanished"))
        elif kind == "a_number":  # "il y a14 ans", "Sarah K. a16 ans": the verb
            edits.append(Edit("no_break_space", m.end(), m.end(), "", NBSP, 0.75,
                              f"a no-break space between {m.group()!r} and the number vanished"))
        elif kind == "year_a":  # "en 2008a été": the verb after a year
            edits.append(Edit("no_break_space", m.end(), m.end(), "", NBSP, 0.75,
                              "a no-break space between the year and 'a' vanished"))
        elif kind == "minutes":  # "14 h30": "14 h 30" (news writes "14h30" or "14 h 30")
            edits.append(Edit("no_break_space", m.start(), m.start(), "", NBSP, 0.85,
                              "a no-break space between the 'h' of a time and its minutes "
                              "vanished"))
        else:  # percent, dollar
            edits.append(Edit("no_break_space", m.start(), m.start(), "", NBSP, 0.75,
                              f"French puts a no-break space before {m.group()!r}"))
    return edits


# A sentence end glued to the next sentence: two lower-case letters (or a closing bracket or
# quote) and ".!?", then a capital and a lower-case letter. Not inside a domain or an
# abbreviation written with dots ("www.Example", "e.g.The").
_GLUED_SENTENCE = re.compile(
    r"(?:(?<=[a-zà-öø-ÿ]{2}[.!?])|(?<=[)\"”»][.!?]))(?=[A-ZÀ-ÖØ-Ý](?:[a-zà-öø-ÿ]|\.[ A-Z])|À )"
)
_DOMAIN = re.compile(r"(?:Net|Com|Org|Info|Io)\b")
_NEXT_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_STARTERS = frozenset(
    "the this that these those it its in on at as we he she they there then but and a an our "
    "his her their for with after when while however also le la les l un une des il elle ils "
    "elles ce cette ces cela on nous en dans pour par avec mais et selon depuis lors son sa ses "
    "leur leurs notre nos".split()
)
_WORD_BEFORE = re.compile(r"[\w.@/:-]*$")
# A frequent French word that English seldom uses starts a sentence after a name too
# ("Pakistan.Surtout", "Chery.À l’avenir"; "Arch.Design" stays a name)
_FRENCH_STARTER_ZIPF = 5.0
_ENGLISH_MAX_ZIPF = 4.0


def _starts_sentences(word: str) -> bool:
    """Whether ``word`` (lower case) usually starts a sentence, or is a frequent French word."""
    if word in _SENTENCE_STARTERS:
        return True
    from wordfreq import zipf_frequency

    return (french_lexicon().zipf.get(word, 0.0) >= _FRENCH_STARTER_ZIPF
            and zipf_frequency(word, "en") < _ENGLISH_MAX_ZIPF)


def restore_sentence_spaces(text: str) -> list[Edit]:
    """Insert the space after a sentence end that a layout lost.

    >>> [(e.start, e.after) for e in restore_sentence_spaces("sociales.Aujourd'hui, cf. www.Site.Com")]
    [(9, ' ')]
    """
    if "." not in text and "!" not in text and "?" not in text:
        return []
    edits = []
    for m in _GLUED_SENTENCE.finditer(text):
        position = m.start()
        before = _WORD_BEFORE.search(text, max(0, position - 40), position - 1)
        head = before.group() if before else ""
        if any(c in head for c in ".@/:") or head.lower().startswith("www"):
            continue
        if any(c.isupper() for c in head[1:]) or _DOMAIN.match(text, position):
            continue  # "HowMuch.Net", "Booking.Com": a name, not two sentences
        if head[:1].isupper():
            # "Arch.Design" is a name, "Beach.This" two sentences: after a capitalised word,
            # only a word that usually starts a sentence starts one
            following = _NEXT_WORD.match(text, position)
            if not following or not _starts_sentences(following.group().lower()):
                continue
        edits.append(Edit("sentence_space", position, position, "", " ", 0.9,
                          "a sentence end glued to the next sentence"))
    return edits
