"""``?`` that stood for something other than a letter.

``encode("ascii", "replace")`` turns **every** non-ASCII character into ``?``: the accented
letters (handled by ``esgtext.repair.french``), and also the typographic apostrophe, the no-break
spaces of French typography, guillemets and the degree sign. This pass reads those first, from
where the ``?`` stands, so that the letter pass only sees the ``?`` that are letters:

- an elided word: ``n?a`` -> ``n’a``, ``l??quipe`` -> ``l’?quipe`` (the second ``?`` is a letter),
  ``aujourd?hui`` -> ``aujourd’hui``, ``jusqu??`` -> ``jusqu’à``; English ``don?t``, ``company?s``;
- a no-break space next to a number or after a title: ``20?ans``, ``en?2020``, ``1?233?000``,
  ``67,7?%``, ``M.?Dupont``, before ``: ; !`` (``mot?:``) and the minutes of a time (``14 h?30``);
  ``2026???14`` is ``2026 à 14``, every space of a date and its time no-break ones;
- guillemets with their no-break spaces: ``??texte??`` -> ``« texte »``; and without them, a
  lone ``?`` before a word and one after it on the same line (``? Nous avons tenu ?,`` ->
  ``« Nous avons tenu »,``), or a lone ``?`` that opens a sentence before a capitalised pronoun
  or determiner (``? Cette certification``: "À Cette" is no French);
- the degree sign: ``n?1`` (``n°1``), ``20??C``.

    >>> from esgtext.repair.edits import apply_edits
    >>> text = "Le PDG n?a pas dit ??oui?? ; il a vendu 1?233?000 voitures en?2020 ? 20?%."
    >>> apply_edits(text, restore_question_mark_symbols(text)).replace("\\u00a0", "_").replace("\\u202f", "^")
    'Le PDG n’a pas dit «_oui_» ; il a vendu 1^233^000 voitures en_2020 ? 20_%.'
"""

from __future__ import annotations

import re

from esgtext.damage import is_accented_letter
from esgtext.repair.edits import Edit
from esgtext.repair.lexicon import ELISIONS, FrenchLexicon, _strip_char, french_lexicon
from esgtext.repair.spacing import NARROW_NBSP, NBSP, YEAR

__all__ = ["restore_question_mark_symbols"]

APOSTROPHE = "\u2019"
_VOWELS = "aeiouyhAEIOUYH?"
_ELISION_PREFIXES = tuple(sorted(ELISIONS + ("aujourd", "quelqu", "presqu"), key=len, reverse=True))

# The multiples of an amount before a euro sign ("412 M€", "1,8 Md€", "50 k€")
EURO_MULTIPLES = "(?:M|Md|Mds|k)"
_SYMBOL = re.compile(
    r"(?P<a_after_elision>(?<![^\W\d_])(?i:jusqu|lorsqu|puisqu|qu)\?\?(?![\w?]))"
    # elided word: a short prefix, "?", then a vowel, "h" or another "?"
    r"|(?P<elision>(?<![^\W\d_])(?:(?<!\?)|(?<=\b[dD]\?)(?=aujourd))(?i:"
    + "|".join(_ELISION_PREFIXES) + r")\?(?=[" + _VOWELS + r"]))"  # ("d?aujourd?hui" too)
    r"|(?P<english>(?<=[a-z])\?(?=(?:s|t|re|ve|ll|d|m)\b))"
    r"|(?P<irish>(?<=\bO)\?(?=[A-Z][a-z]))"
    r"|(?P<a_between_numbers>(?<=\d)\?\?\?(?=\d))"
    r"|(?P<a_before_number>(?<![^\W\d_?])\?\?(?=\d))"
    r"|(?P<open_quote>(?:(?<=\s)|(?<=^)|(?<=[(\"']))\?\??(?=[A-Z][a-z])"
    r"|(?:(?<=\s)|(?<=^)|(?<=[(\"']))\?\?(?=\??[^\W\d_]|\?[ \t]))"
    r"|(?P<euro>(?<=\d)\?\?(?=[ \t.,;:)]|$))"
    rf"|(?P<euro_multiple>(?<=\d[ ?]){EURO_MULTIPLES}\?(?=[ \t.,;:)]|$))"
    # "62 000 m? de", "5,8 km?,": a square (or cubic) metre's superscript
    r"|(?P<superscript>(?:(?<=\d[ ?]m)|(?<=\d[ ?]km))\?(?=[ \t.,;:)]|$))"
    r"|(?P<close_quote>(?<=[^\W_.])\?\?(?=[\s.,;:)]|$)|(?<=[^\W_.]\?)\?\?(?=[\s.,;:)]|$))"
    r"|(?P<close_after_period>(?<=[^\W_][.!]|\?[.!])\?\?(?=\s|,|$))"
    r"|(?P<degree>(?<![^\W\d_])[nN]\?(?=\s?\d)|(?<=\d)\?\?(?=C\b)|(?<=\d)\?(?=C\b))"
    r"|(?P<space>(?<=\d)\?(?=[^\W_]|[%$]|\?[^\W\d_])|(?<=[^\W\d_]{2}|\?[^\W\d_]|[^\W\d_]\?)\?(?=\d)"
    r"|(?:(?<=\bM\.)|(?<=\bMme)|(?<=\bDr)|(?<=\bPr)|(?<=\bMe))\?(?=[A-Z?])"
    r"|(?:(?<=[^\W_])|(?<=[^\W\d_]\?)|(?<=[^\W\d_]\.)|(?<=%))\?(?=[:;!])"  # ("Tél.?:")
    r"|(?:(?<=\d h)|(?<=\dh)|(?<=\d\?h))\?(?=[0-5]\d(?!\d)))",
    re.MULTILINE,
)


_ORDINAL_AFTER = re.compile(r"(?:me|mes|re|res)\b")
# What follows a volume in cubic metres ("m? par an", "m? de neige", "m? ?conomis?s"): the words
# of both steps that put a vanished "³" back, this one and the French step's for deleted text
# (esgtext.repair.french), each with what its damage leaves of their accented letters
VOLUME_PER = ("an", "jour", "foyer", "habitant", "personne", "mois", "ménage", "lit", "nuit")
VOLUME_OF = ("neige", "eau", "béton", "terre", "gaz", "déchets", "boues", "sédiments", "déblais")
VOLUME_PARTICIPLES = ("économis", "consomm", "prélev", "stock", "trait", "rejet", "récupér")


def damaged_alternatives(words: tuple[str, ...], accented: str) -> str:
    """``words`` as a regular expression's alternatives, each accented letter written
    ``accented``: what a damage leaves of it, with ``{letter}`` the letter and ``{base}`` the
    letter without its accent.

        >>> damaged_alternatives(("béton", "eau"), ".?")  # a "?" took its place
        'b.?ton|eau'
        >>> damaged_alternatives(("béton", "eau"), "[{letter}{base}]?")  # deleted or stripped
        'b[ée]?ton|eau'
    """
    return "|".join("".join(accented.format(letter=c, base=_strip_char(c))
                            if is_accented_letter(c) else c for c in word) for word in words)


_VOLUME_AFTER = re.compile(
    rf"[ \t](?:par (?:{damaged_alternatives(VOLUME_PER, '.?')})\b"
    rf"|d(?:e |\?|’|')(?:{damaged_alternatives(VOLUME_OF, '.?')})\b"
    rf"|{damaged_alternatives(VOLUME_PARTICIPLES, '.?')})")
_NUMBER_AFTER = re.compile(r"[ \t]\d")
# a year, or a code ending in digits ("A7", "L-159"), just before the "??"
_A_AFTER_NUMBER = re.compile(rf"(?:(?<!\d){YEAR}|[^\W\d_]-?\d+)$")
# an article that "à" may precede ("à le" is "au") or a capitalised name after "??" and a space
_NAME_OR_ARTICLE = re.compile(r"[ \t](?:[A-Z]|(?:la|l|un|une)\b)")
_INSIDE_WORD = re.compile(r"[^\W_]\?+[^\W_]")
_OPENING_GUILLEMET = re.compile(r"(?:^|(?<=\s))\?\?[^\W\d_]", re.MULTILINE)


def _elision_rest(text: str, end: int, lexicon: FrenchLexicon, rest: str | None = None) -> float:
    """Zipf frequency of the word after an elision's ``?`` (at ``end``), with its own ``?`` read
    as letters ("a" of "n?a", "?quipe" of "l??quipe"); 0 when it is no French word. (``rest``:
    that word, where already read.)"""
    if rest is None:
        m = re.match(r"[^\W\d_?]*(?:\?[^\W\d_]*)*", text[end:end + 40])
        rest = (m.group() if m else "").lower()
    if rest in ("a", "y"):
        return 7.0
    if rest.startswith("aujourd?hui"):  # "d?aujourd?hui": the word's own "?" is its apostrophe
        return 5.5
    if len(rest) < 2:
        return 0.0
    if "?" in rest:
        found = lexicon.candidates(rest, "question_mark")
        if not found and rest.endswith("?"):  # "aujourd?hui?;": the last "?" a no-break space
            return _elision_rest(text, end, lexicon, rest.rstrip("?"))
        return lexicon.zipf.get(found[0], 0.0) if found else 0.0
    zipf = lexicon.zipf.get(rest, 0.0)
    return zipf if zipf >= 2.0 else 0.0


def _letter_reading(text: str, start: int, lexicon: FrenchLexicon, *,
                    ends_word: bool = False) -> float:
    """Zipf frequency of the whole word around the ``?`` at ``start`` read as letters ("léon");
    ``ends_word``: of the word that this ``?`` ends ("ajout?" of "ajout??:" is "ajouté")."""
    # (the letters on the left may hide others behind a "?" too: "d?clar" of "d?clar?:")
    left = re.search(r"(?:[^\W\d_]+\?)*[^\W\d_]*$", text[max(0, start - 20):start])
    right = None if ends_word else re.match(r"[^\W\d_?]*(?:\?[^\W\d_]*)*",
                                            text[start + 1:start + 40])
    word = ((left.group() if left else "") + "?" + (right.group() if right else "")).lower()
    found = lexicon.candidates(word, "question_mark") if len(word) > 2 or not ends_word else ()
    return lexicon.zipf.get(found[0], 0.0) if found else 0.0


# A "?" between spaces (or at a line's ends): before a word it may open a quotation, after one
# (before punctuation or the line's end) close it.
_LONE = re.compile(r"(?:^|(?<=[ \t]))\?(?=[ \t,.;:!)]|$)", re.MULTILINE)
_WORD_AFTER = re.compile(r"[ \t]+(?:\?[ \t]+)?([^\W\d_][^\W\d_?'’-]*)")
# Words that never follow "À" with a capital (pronouns, determiners, conjunctions: "À Cette" and
# "À Nous" are no French, where "À Vienne", "À Bad Homburg", "À La Haye" are)
_NEVER_AFTER_A = frozenset(
    "ce cet cette ces c nous vous il ils elle elles on je j notre nos votre vos mon ma mes son "
    "sa ses leur leurs un une des du aux quand si mais et or donc car pour avec dans en "
    "tout tous toute toutes chaque plusieurs aucun aucune nul qui que quoi".split())


def _lone_guillemets(text: str) -> list[Edit]:
    """The lone "?" that stood for guillemets typed with plain spaces: an opening one (before a
    word) paired with the next closing one on its line (after a word, before punctuation or the
    line's end), or an opening one before a sentence's capitalised pronoun or determiner."""
    edits: list[Edit] = []
    opening: int | None = None
    opened = False  # whether the opening "?" is already read as a guillemet
    line_end = skip_to = -1
    for m in _LONE.finditer(text):
        q = m.start()
        if q < skip_to:
            continue  # the "?" after an opening one: a letter ("« À terme"), for the letter pass
        if q > line_end:  # a new line: an opening "?" does not pair across lines
            opening = None
            line_end = text.find("\n", q)
            line_end = len(text) if line_end == -1 else line_end
        after = text[q + 1:q + 3].lstrip(" \t")
        word = _WORD_AFTER.match(text, q + 1)
        if word is not None:  # before a word (or a "?" and a word): it may open
            skip_to = word.start(1)
            if opening is None and _opens_quoted_sentence(text, q, word.group(1)):
                edits.append(Edit("question_mark", q, q + 1, "?", "«", 0.8,
                                  "'?' before a sentence's capitalised word stands for an "
                                  "opening guillemet"))
                opening, opened = q, True
                continue
            opening, opened = q, False
        elif opening is not None and (not after or after[0] in ",.;:!)") and (
                text[q - 1:q].isspace() and text[opening + 1:q].strip()):
            if not opened:
                edits.append(Edit("question_mark", opening, opening + 1, "?", "«", 0.8,
                                  "'?' before a word, with a closing '?' after it on its "
                                  "line, stands for an opening guillemet"))
            edits.append(Edit("question_mark", q, q + 1, "?", "»", 0.8,
                              "'?' after a word, closing the guillemet opened before it, "
                              "stands for a closing guillemet"))
            opening = None
    return edits


def _opens_quoted_sentence(text: str, q: int, word: str) -> bool:
    """Whether the lone "?" at ``q`` starts a sentence (a line, or after ". ") and ``word`` after
    it is a capitalised word that no "À" precedes ("À Cette" is no French)."""
    before = text[max(0, q - 3):q].rstrip(" \t")
    if before and before[-1] not in ".!\n":
        return False
    return word[:1].isupper() and word.lower() in _NEVER_AFTER_A


def restore_question_mark_symbols(text: str, lexicon: FrenchLexicon | None = None, *,
                                  french: bool = True) -> list[Edit]:
    """Edits for the ``?`` of ``text`` that stood for an apostrophe, a no-break space, a
    guillemet or a degree sign (see the module's docstring); the ``?`` that are letters, and real
    question marks, are left for the letter pass. English contractions (``don?t``) are read
    only in text that is not French (``french=False``): in French "?s" is a letter ("apr?s")."""
    if "?" not in text:
        return []
    damaged = bool(_INSIDE_WORD.search(text))
    if not damaged and not _OPENING_GUILLEMET.search(text):
        return []  # no "?" inside a word, no "??" opening one: the text was not damaged
    lexicon = lexicon or french_lexicon()
    edits: list[Edit] = _lone_guillemets(text) if french else []
    open_quotes = 0
    last_end = 0
    for m in _SYMBOL.finditer(text):
        kind = m.lastgroup
        start, end = m.start(), m.end()
        if "\n" in text[last_end:start]:
            open_quotes = 0  # a guillemet left open on an earlier line closes nothing here
        last_end = end
        if kind == "elision":
            q = end - 1
            rest_zipf = _elision_rest(text, end, lexicon)
            if not rest_zipf and text[end:end + 1].isupper():
                # "d?Anlong", "l?ODS": a name or an acronym after the elision
                rest_zipf = 1.0 if _letter_reading(text, q, lexicon) < 2.0 else 0.0
            if not rest_zipf or _letter_reading(text, q, lexicon) > rest_zipf + 1.0:
                continue  # a letter after all: "c?ur" is "cœur", "s?isme" "séisme"
            edits.append(Edit("question_mark", q, q + 1, "?", APOSTROPHE, 0.9,
                              "'?' after an elided word stands for an apostrophe"))
        elif kind == "irish":
            edits.append(Edit("question_mark", start, end, "?", APOSTROPHE, 0.9,
                              "'?' between 'O' and a capitalised name stands for an apostrophe"))
        elif kind == "a_after_elision":
            q = end - 2
            edits.append(Edit("question_mark", q, end, "??", APOSTROPHE + "à", 0.9,
                              "'??' after 'jusqu' stands for '’à'"))
        elif kind == "a_between_numbers":  # "le 21 mai 2026???14 h": every space no-break
            edits.append(Edit("question_mark", start, end, "???", NBSP + "à" + NBSP, 0.75,
                              "'???' between two numbers stands for 'à' between no-break "
                              "spaces"))
        elif kind == "a_before_number":
            edits.append(Edit("question_mark", start, end, "??", "à" + NBSP, 0.75,
                              "'??' before a number stands for 'à' and a no-break space"))
        elif kind == "english":
            if french or _letter_reading(text, start, lexicon) > 0:
                continue  # "apr?s", "gr?ve": a French letter
            edits.append(Edit("question_mark", start, end, "?", APOSTROPHE, 0.995,
                              "'?' in an English contraction stands for an apostrophe"))
        elif kind == "open_quote":
            open_quotes += 1
            edits.append(Edit("question_mark", start, end, m.group(),
                              "«" + NBSP if end - start == 2 else "«", 0.75,
                              "'?' before a word stands for an opening guillemet"))
        elif kind == "close_after_period":
            if open_quotes <= 0:
                continue  # "Really.??": no guillemet to close
            open_quotes -= 1
            edits.append(Edit("question_mark", start, end, "??", NBSP + "»", 0.75,
                              "'??' after a sentence's end stands for a closing guillemet"))
        elif kind == "close_quote":
            if open_quotes <= 0 and text[end:end + 1] in (":", ";") and _letter_reading(
                    text, start, lexicon, ends_word=True) >= 2.0:
                # "ajout??:": the first "?" is the letter of "ajouté", the second the no-break
                # space before ":" (a real question mark is followed by no colon)
                edits.append(Edit("question_mark", start + 1, end, "?", NBSP, 0.85,
                                  "'?' before ':' or ';' stands for a no-break space"))
                continue
            if open_quotes <= 0:
                if not damaged or _letter_reading(text, start, lexicon) >= 2.0:
                    continue  # "Really??"; "cr?? en 2022": both are letters ("créé")
                # no guillemet open: "quoi??" is a no-break space and a real question mark
                edits.append(Edit("question_mark", start, start + 1, "?", NARROW_NBSP, 0.55,
                                  "'?' before a question mark stands for a no-break space"))
                continue
            open_quotes -= 1
            edits.append(Edit("question_mark", start, end, "??", NBSP + "»", 0.75,
                              "'??' after a word stands for a closing guillemet"))
        elif kind == "euro":
            if _NUMBER_AFTER.match(text, end) or _A_AFTER_NUMBER.search(
                    text, max(0, start - 8), start) or _NAME_OR_ARTICLE.match(text, end):
                # "de 15?? 20": a range; "en 2009?? la suite", "l’A7?? Flensburg": after a year
                # or a code, before an article or a name: "à" after the no-break space
                edits.append(Edit("question_mark", start, end, "??", NBSP + "à", 0.75,
                                  "'??' after a number stands for a no-break space and 'à' "
                                  "(a range, or after a year or a code)"))
            else:
                edits.append(Edit("question_mark", start, end, "??", NBSP + "€", 0.75,
                                  "'??' after a number stands for a no-break space and '€'"))
        elif kind == "euro_multiple":  # "412 M?, dont": "412 M€"
            edits.append(Edit("question_mark", end - 1, end, "?", "€", 0.8,
                              "'?' after the 'M', 'Md' or 'k' of an amount stands for '€'"))
        elif kind == "superscript":  # a volume's "³" where its words say one, else "²"
            cubic = _VOLUME_AFTER.match(text, end) is not None
            edits.append(Edit("question_mark", start, end, "?", "³" if cubic else "²", 0.7,
                              "'?' after a metre's 'm' after a number stands for its "
                              + ("'³'" if cubic else "'²'")))
        elif kind == "degree":
            after = "°" if len(m.group()) == 1 or m.group()[0] in "nN" else NBSP + "°"
            if m.group()[0] in "nN":
                edits.append(Edit("question_mark", start + 1, end, "?", "°", 0.45,
                                  "'n?' before a number stands for 'n°'"))
            else:
                edits.append(Edit("question_mark", start, end, m.group(), after, 0.45,
                                  "'?' before 'C' after a number stands for '°'"))
        else:  # space
            edit = _no_break_space(text, start, end, lexicon)
            if edit is not None:
                edits.append(edit)
        if "\n" in text[start:end]:
            open_quotes = 0
    return edits


# the "h" of a time before the "?" ("de 8 h 30 à 10 h?:": "10 h :", not "hé")
_HOUR_BEFORE = re.compile(r"\d[ ?\u00a0]?h$")


def _no_break_space(text: str, start: int, end: int, lexicon: FrenchLexicon) -> Edit | None:
    """The no-break space that the "?" at ``start`` (a match of the ``space`` kind) stood for,
    or None where it is a letter after all."""
    if text[end:end + 1].isalpha() and _ORDINAL_AFTER.match(text, end):
        return None  # "93?me": "93ème"
    if text[end:end + 1] in (":", ";", "!") and text[start - 1:start].isalpha() and not (
            _HOUR_BEFORE.search(text, max(0, start - 4), start)) and (
            _letter_reading(text, start, lexicon) >= 2.0):
        # "d?clar?:": the letter of "déclaré", no space before ":" (but "2019?;": no letter
        # after a digit; "contact?:" too is "contacté:", as news most often glues ":" to its
        # word)
        return None
    if text[start - 1:start] == "?" and _letter_reading(
            text, start - 1, lexicon, ends_word=True) < 2.0:
        return None  # "lev??50" is "levé 50"; a word no letter makes known is left
    between_digits = text[start - 1:start].isdigit() and text[end:end + 1].isdigit()
    # (French typography: a narrow one in digit groups and before ";" and "!", a full one else)
    narrow = between_digits or text[end:end + 1] in (";", "!")
    return Edit("question_mark", start, end, "?", NARROW_NBSP if narrow else NBSP, 0.85,
                "'?' next to a number, a title or ': ; !' stands for a no-break space")
