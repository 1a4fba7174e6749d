"""``?`` that stand for accented letters ("C?te d'Ivoire", "r?alis?"), read back with the
lexicon and, in French, the bigram model; capitals put back where news French writes them
("?gypte" -> "Égypte"). (A ``?`` for an apostrophe, a no-break space or a guillemet is
:mod:`esgtext.repair.question_marks`.)

    >>> from esgtext.repair.edits import apply_edits
    >>> text = "La C?te d'Ivoire a r?alis? un projet."
    >>> apply_edits(text, restore_question_marks(text))
    "La Côte d'Ivoire a réalisé un projet."
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from esgtext.repair.addresses import ADDRESS_START, phone_pattern
from esgtext.repair.calibration import (
    GUESSED_LETTER_REASON, QUESTION_BULLET_REASON, margin_confidence, odds_reason,
)
from esgtext.repair.classes import is_name, word_classes
from esgtext.repair.spacing import MONTHS
from esgtext.repair.edits import Edit
from esgtext.repair.lexicon import (
    ELISIONS,
    BigramModel,
    FrenchLexicon,
    bigram_model,
    french_lexicon,
    news_capitals,
)


from esgtext.repair.french.cues import (
    _INFINITIVE_ENDINGS, _IRREGULAR_PARTICIPLES, _PARTICIPLE_ENDINGS, after_release_heading,
)
from esgtext.repair.french.tokens import (
    TYPOGRAPHIC_APOSTROPHE, _VOWEL_START, capitalised_part_follows, list_bullet, list_item,
)


# --- ?-replaced letters -----------------------------------------------------------------------

_QUESTION_WORD = re.compile(r"(?:[^\W\d_]|\?)*[^\W\d_](?:[^\W\d_]|\?)*")
_URL_MARK = re.compile(r"://|www\.|\?[\w%-]+=")
_NON_SPACE_RUN = re.compile(r"\S*")
# how much the bigram back-off listens to the word classes here (lexicon.BigramModel);
# newstest2011, "?" for every non-ASCII character: 0.703 % without, 0.701 % at 0.5, 0.710 % at 1
QUESTION_MARK_CLASS_WEIGHT = 0.5


def _in_url(text: str, position: int) -> bool:
    """Whether the run of non-spaces around ``position`` looks like a URL (has "://", "www." or a
    "?key=" query); read locally, so a text with few "?" costs no scan of the whole text."""
    start = position
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    run = _NON_SPACE_RUN.match(text, position)  # (always matches, maybe empty)
    end = run.end() if run else position
    return _URL_MARK.search(text, start, end) is not None


def _question_mark_words(text: str, lexicon: FrenchLexicon, french: bool = False,
                         deleted: bool = False):
    """(start, end, word, lower-case replacement, margin) for each word whose ``?`` hide accented
    letters; the margin (log10) is how much the replacement beat the next reading, in context
    where the bigram model reads it, else by frequency (``SURE_MARGIN`` where it has none).
    (``deleted``: the text lost accented letters to a deletion, see
    :func:`restore_question_marks`.)"""
    if "?" not in text:
        return
    zipf = lexicon.zipf
    model = bigram_model(class_weight=QUESTION_MARK_CLASS_WEIGHT) if french else None
    urlish = "=" in text or "/" in text
    # (a text that lost its accented letters to a deletion, none of whose "?" stands where no
    # question mark does, lost none to a "?": its "?" after a word asks a question, "Es-tu
    # fatigu?" lost its "é" to the deletion)
    letters_lost = not deleted or _INSIDE_OR_BEFORE_A_WORD.search(text) is not None
    for m in _words_with_question_marks(text):
        word = m.group()
        if urlish and _in_url(text, m.start()):
            continue
        lower = word.lower()
        core = lower.strip("?")
        if not core:
            continue
        candidates = lexicon.candidates(lower, "question_mark")
        if lower.endswith("?") and "?" not in lower.rstrip("?") and candidates:
            # "appel?" (appelé) or "What?" / "Pourquoi?" (a real question mark)?
            if not _trailing_mark_is_a_letter(text, m.end(), core, candidates[0], zipf, french,
                                              questions=not letters_lost):
                continue
        if candidates:
            if _before_elided_word(text, m.end()):
                # "?l’énergie": an elided article, whose reading can only be one ("l", "qu")
                candidates = tuple(c for c in candidates if c in ELISIONS)
                if not candidates:
                    continue
            best, margin = candidates[0], SURE_MARGIN
            if len(candidates) > 1:
                margin = zipf.get(candidates[0], 0.0) - zipf.get(candidates[1], 0.0)
                if model is not None:
                    best, margin = _best_in_context(text, m.start(), m.end(), candidates[:6],
                                                    model, margin)
            yield m.start(), m.end(), word, best, margin
            continue
        if french and "?" in lower[1:-1]:
            # "l?environnement": the typographic apostrophe became "?" too.
            prefix, _, rest = lower.partition("?")
            if prefix in ELISIONS and rest and rest[0] in _VOWEL_START:
                if "?" not in rest and zipf.get(rest, 0.0) >= 2.0:
                    yield (m.start(), m.end(), word, prefix + TYPOGRAPHIC_APOSTROPHE + rest,
                           SURE_MARGIN)
                elif lexicon.candidates(rest, "question_mark"):
                    restored = lexicon.candidates(rest, "question_mark")[0]
                    yield (m.start(), m.end(), word, prefix + TYPOGRAPHIC_APOSTROPHE + restored,
                           SURE_MARGIN)


# A "?" no question mark leaves: inside or before a word ("r?duit", "?cosse", "l??quipe"), before
# a word in lower case or a number ("propos? ? ses": "proposé à ses"), doubled, or before a
# full stop, a comma … ("annonc?.")
_INSIDE_OR_BEFORE_A_WORD = re.compile(r"\?(?:[^\W\d_]|[ \u00a0]?[^\W_A-ZÀ-Þ]|[?.,;:)-])")


def _before_elided_word(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` is followed by an apostrophe and a letter."""
    return text[end:end + 1] in ("'", TYPOGRAPHIC_APOSTROPHE) and text[end + 1:end + 2].isalpha()


def _words_with_question_marks(text: str):
    """The ``_QUESTION_WORD`` matches that contain a "?", found from the "?" (linear, and fast on
    a text with few of them)."""
    position = text.find("?")
    while position != -1:
        start = position
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "?"):
            start -= 1
        m = _QUESTION_WORD.match(text, start)
        if m and m.end() > position:
            yield m
            position = text.find("?", m.end())
        else:
            position = text.find("?", position + 1)


# an avoir or être form right before a word (the word's "?" then hides a participle's ending)
_AUXILIARY_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:a|ont|avait|avaient|aura|auront|est|sont|été|ete|\?t\?)\s$", re.IGNORECASE)


def _trailing_mark_is_a_letter(text, end, core, candidate, zipf, french,
                               questions: bool = False) -> bool:
    """Whether the "?" that ends the word ``core`` at ``end`` stands for a letter of its reading
    ``candidate`` (else it asks a question). ``questions``: the text's other "?" are question
    marks (see :func:`restore_question_marks`), so only a participle after its auxiliary reads
    one as a letter ("a estim? Jandura")."""
    following = text[end:end + 3].lstrip(" \u00a0")
    nxt = following[:1]
    own = zipf.get(core, 0.0)
    spaced = text[end:end + 1] in (" ", "\u00a0")
    question = own >= 3.0 and zipf.get(candidate, 0.0) < own  # a frequent word, a rarer reading
    if (french and nxt and nxt != "\n" and candidate.endswith(_PARTICIPLE_ENDINGS)
            and core not in _IRREGULAR_PARTICIPLES
            and _AUXILIARY_BEFORE.search(text, max(0, end - len(core) - 12), end - len(core) - 1)):
        # "a vers? 4 millions": a participle after its auxiliary, no question (but "Qui lui
        # avait dit?" asks one: "dit" is the participle, and nothing follows on its line)
        return True
    if questions:
        return False
    if nxt.isdigit() and spaced and question:
        return False  # "durant son mandat? 89 % ...": a question, then a number
    if nxt.islower() or nxt.isdigit() or (nxt and nxt in ".,;:-"):
        return True  # "r?alis? par", "ajout?." : no question ends there
    if question:
        return False  # "qui sait?)": a frequent word and a real question mark
    if nxt == ")":
        return True
    if not french:
        # "Do you take digitalis?" ends a question; "at Universit? Félix" goes on with a name
        return own < 2.0 and nxt.isupper()
    if own < 2.0:
        return True  # "r?alis?" : "r?alis" is no word
    return french and zipf.get(candidate, 0.0) > own + 0.5


_CONTEXT_WORD_BEFORE = re.compile(r"([^\W_]+)['’]?[^\w\n]{0,3}$")
_CONTEXT_WORD_AFTER = re.compile(r"^[^\w\n]{0,3}([^\W_]+)")


def _context_word(match) -> str:
    if not match:
        return "<p>"
    word = match.group(1).lower()
    return "<num>" if word[:1].isdigit() else word


SURE_MARGIN = 6.0  # a "?" word with one reading (see margin_confidence)


def _best_in_context(text: str, start: int, end: int, candidates, model: BigramModel,
                     margin: float) -> tuple[str, float]:
    """The likeliest of ``candidates`` between the words around it, with its margin over the
    next (``margin``, the frequencies', where a neighbour is itself hidden by a "?")."""
    before = _CONTEXT_WORD_BEFORE.search(text[max(0, start - 40):start])
    after = _CONTEXT_WORD_AFTER.search(text[end:end + 40])
    prev = _context_word(before)
    nxt = "à" if text[end:end + 3] == " ? " else _context_word(after)  # "gr?ce ? la" -> "à"
    # (a neighbour of a letter or two that a "?" cuts short is hidden too: "l? o?" is "là où",
    # not "lé" before "o"; a longer one still says something, "93?me kilom")
    if after and len(nxt) <= 2 and text[end + after.end():end + after.end() + 1] == "?":
        nxt += "?"
    if "?" in prev or "?" in nxt:
        return candidates[0], margin
    scores = [model.logprob(c, prev) + model.logprob(nxt, c) for c in candidates]
    ranked = sorted(range(len(candidates)), key=scores.__getitem__, reverse=True)
    return candidates[ranked[0]], scores[ranked[0]] - scores[ranked[1]]


def _case_question_word(text: str, start: int, original: str, replacement: str) -> str:
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    out = []
    for i, c in enumerate(replacement):
        source = original[i] if i < len(original) else ""
        out.append(c.upper() if source.isupper() else c)
    if original[0] == "?" and (_capital_expected(text, start, original)
                               or _news_capital(text, start, replacement)
                               or is_name(replacement)
                               or _surname_after_first_name(text, start, replacement)):
        out[0] = out[0].upper()
    return "".join(out)


_CAPITALISED_BEFORE = re.compile(r"(?<![.!?:\n] )(?<![^\W\d_])[A-Z][a-z]+ $")


def _surname_after_first_name(text: str, start: int, word: str) -> bool:
    """Whether ``word`` (a leading "?" restored) follows a capitalised word inside a sentence and
    is no common French word: a surname ("David ?lvarez" is "David Álvarez")."""
    if not _CAPITALISED_BEFORE.search(text, max(0, start - 20), start):
        return False
    classes = word_classes()
    return classes is not None and classes.names_of(word) == ("U",)


def _news_capital(text: str, start: int, word: str) -> bool:
    """Whether news French writes ``word`` with a capital here ("l’?tat" -> "l’État")."""
    capitals = news_capitals()
    if word in capitals:
        return True
    elided = text[max(0, start - 3):start]
    return (len(elided) >= 2 and elided[-1] in "'’" and not elided[-3:-2].isalpha()
            and elided[-2].lower() + "' " + word in capitals)


# first parts of hyphenated words that are no names: the second part keeps its lower case
_LOWER_CASE_HEADS = frozenset(
    "peut avant arrière demi semi sous vice ex non anti post auto extra ultra mi contre entre "
    "grand grande".split())


def _capital_expected(text: str, start: int, original: str) -> bool:
    """A leading "?" is a capital (É, À) at a sentence start, in a name ("Nouvelle-?cosse")."""
    before = text[max(0, start - 4):start].rstrip(" \u00a0\"«“(")
    if not before or before[-1] in ".!\n":  # (after ":" French goes on in lower case)
        return True
    if before[-1] == "?" and not before[:-1].endswith((" ", "'", "’")):
        # a real question mark ("quoi? Établi"), not a lone "?" standing for "à", nor the last
        # letter of a word with other "?" ("a ?t? ?tabli") or of a word it ends ("l’efficacit?
        # ?nerg?tique")
        word = re.search(r"[^\W\d_?]*(?:\?[^\W\d_]*)*$", text[max(0, start - 40):start].rstrip())
        return not (word and ("?" in word.group()[:-1] or french_lexicon().candidates(
            word.group().lower(), "question_mark")))
    if before[-1] == "-" and len(before) >= 2 and before[-2].isalpha():
        word_start = text.rfind(" ", 0, start - 1) + 1
        # a name's parts all take capitals ("Nouvelle-?cosse"); "Peut-?tre" starts a sentence
        return (text[word_start:word_start + 1].isupper()
                and text[word_start:start - 1].lower() not in _LOWER_CASE_HEADS)
    # a name whose next or later part takes a capital: "?le-de-France", "?pinay-sur-Seine"
    return capitalised_part_follows(text, start + len(original))


def restore_question_marks(text: str, *, _lexicon: FrenchLexicon | None = None,
                           french: bool = False, deleted: bool = False) -> list[Edit]:
    """Safe on ANY Latin-script text (an English release with "C?te d'Ivoire",
    "Université Félix Houphou?t-Boigny"): only a `?` inside a word whose letters match a known
    word is replaced. "What?" / "Why?No" / URLs with ?query= are untouched. ``deleted``: the
    text lost accented letters to a deletion (``diagnose_damage``), so a "?" after a word is a
    question mark unless another "?" stands where no question mark does ("Es-tu fatigu?": the
    "é" was deleted, the question mark kept).

    >>> from esgtext.repair.edits import apply_edits
    >>> text = "In C?te d'Ivoire, at Universit? F?lix Houphou?t-Boigny. What? See x.com/a?id=3"
    >>> apply_edits(text, restore_question_marks(text))
    "In Côte d'Ivoire, at Université Félix Houphouët-Boigny. What? See x.com/a?id=3"
    """
    lexicon = _lexicon or french_lexicon()
    edits = []
    for start, end, word, replacement, margin in _question_mark_words(text, lexicon, french,
                                                                      deleted):
        after = _case_question_word(text, start, word, replacement)
        if after == word:
            continue
        edits.append(
            Edit("question_mark", start, end, word, after, margin_confidence(margin),
                 f"'?' stands for a lost letter; {replacement!r} is a French word"
                 + odds_reason(margin))
        )
    if french:
        edits += _question_mark_a(text, edits)
        edits += _guessed_letters(text, edits)
    return sorted(edits, key=lambda e: e.start)


# A lower-case word with "?" between its letters that no reading explains ("ars?nique",
# "l?ars?nique", "d?ragulation"): an elided article's "?" is the apostrophe, and the others
# are read as "é", the commonest accented letter of French (tune split: right about half the
# time; a capitalised word, a name, far less often: "Puigcerc?s", "St?be", left as they are).
_UNEXPLAINED = re.compile(r"(?<![^\W\d_?])[^\W\d_]+(?:\?[^\W\d_]+)+(?![^\W\d_?])")
_ELIDED_START = re.compile(r"(?i:qu|[ldsnjmtc])\?(?=[aeiouyhAEIOUYH?])")


def _guessed_letters(text: str, done: list[Edit]) -> list[Edit]:
    """Edits for the words of :data:`_UNEXPLAINED` that no other edit touched."""
    # The edits by where they start, and the furthest any of them up to each reaches: a word
    # overlaps one of them when the furthest reach of those starting before its end passes its
    # start (a bisection per word, where a scan of every edit made a long text quadratic).
    spans = sorted((e.start, e.end) for e in done)
    starts = [start for start, _ in spans]
    reach = list(accumulate((end for _, end in spans), max))
    edits = []
    for m in _UNEXPLAINED.finditer(text):
        word = m.group()
        elided = _ELIDED_START.match(word)
        rest = word[elided.end():] if elided else word
        before_end = bisect_left(starts, m.end())
        if not rest[:1].islower() or (before_end and reach[before_end - 1] > m.start()):
            continue
        guess = ((word[:elided.end() - 1] + TYPOGRAPHIC_APOSTROPHE) if elided else "") + (
            rest.replace("?", "é"))
        edits.append(Edit("question_mark", m.start(), m.end(), word, guess,
                          margin_confidence(0.0), GUESSED_LETTER_REASON))
    return edits


_LONE_QUESTION_MARK = re.compile(
    r"(?<=\S)(?: \?(?= )|(?<=['’])\?(?= )|(?<=[^\W\d_]-)\?(?=-[^\W\d_]))|(?:^|(?<=\n))\?(?= )"
    r"|(?<=«\u00a0)\?(?= )"  # "«\u00a0? terme": after an opening guillemet and its space
    r"|(?:(?<=\s[\"(])|(?<=^[\"(]))\?(?= )"  # '"? la', "(? hauteur": after an opening mark
)


def _lone_question_marks(text: str):
    """Positions of the "?" that ``_LONE_QUESTION_MARK`` matches, tried at each "?" only (a
    pattern that opens with a look-behind is otherwise tried at every character of the text)."""
    q = text.find("?")
    while q != -1:
        m = (q and _LONE_QUESTION_MARK.match(text, q - 1)) or _LONE_QUESTION_MARK.match(text, q)
        if m and m.end() == q + 1:
            yield q
        q = text.find("?", q + 1)


_INTERROGATIVE = re.compile(
    r"\b(?:pourquoi|comment|quand|quel|quelle|quels|quelles|combien|est-ce|lequel|laquelle)\b"
    r"|\w-(?:t-)?(?:il|elle|ils|elles|on|je|tu|nous|vous)\b",
    re.IGNORECASE,
)


def _question_mark_a(text: str, done: list[Edit]) -> list[Edit]:
    """A lone "?" inside a sentence of a damaged French text is the word "à": "aller ? Paris",
    "jusqu'? 10" — unless the bigram model prefers a real question mark there."""
    taken = {e.start for e in done}
    model = bigram_model(class_weight=QUESTION_MARK_CLASS_WEIGHT)
    # the words the "?" pass restored, by where they end and where they start
    ends, starts = {e.end: e.after for e in done}, {e.start: e.after for e in done}
    edits = []
    for q in _lone_question_marks(text):
        if q in taken:
            continue
        if not _CONTEXT_WORD_AFTER.search(text[q + 1:q + 41]):
            continue
        following = text[q + 1:q + 3].lstrip(" ")[:1]
        if not (following.islower() or following.isdigit() or following in ("?", "-")):
            # "Pourquoi ? Parce que" is how French writes a question; "aller ? Paris" is not.
            sentence = re.split(r"[.!:\n]|\S\?", text[max(0, q - 300):q])[-1]
            if _INTERROGATIVE.search(sentence):
                continue
        if (q == 0 or text[q - 1] == "\n") and list_item(text, q, "?"):
            edits.append(Edit("question_mark", q, q + 1, "?", list_bullet(text, q, "?"),
                              BULLET_CONFIDENCE,
                              QUESTION_BULLET_REASON))
            continue
        if _dash_of_a_release(text, q):
            edits.append(Edit("question_mark", q, q + 1, "?", "–", 0.9, _RELEASE_DASH_REASON))
            continue
        # (a window: linear time; an opening guillemet or quotation mark starts a sentence too)
        window = text[max(0, q - 12):q]
        head = window.rstrip(" \t\u00a0\u202f«\"“(")
        capital = not head or head[-1] in ".!:\n"
        if not capital and head[-1:] == "?":  # "2026 ? ? l’occasion": after a dateline's dash,
            dash = q - 1 - (len(window) - len(window.rstrip(" \t\u00a0\u202f")))
            capital = _dash_of_a_release(text, dash)  # a sentence starts ("– À l’occasion")
        if head and not capital and (_never_after_a(text, q) or after_release_heading(text, q)):
            # "partout ? indique", "le procès ? ainsi que": no "à" comes before these words
            edits.append(Edit("question_mark", q, q + 1, "?", "–", 0.9, _DASH_REASON))
            continue
        margin = _a_against_a_dash(text, q, model, ends, starts)
        if margin is None:
            confidence, reason = 0.65, ""
        else:
            # (shifted: "à" is right even where a dash is likelier by up to this much; the
            # calibration table says how often at each margin)
            confidence = margin_confidence(margin + LONE_A_SHIFT)
            reason = (f"; the context favours it {10 ** margin:.3g} to 1 over a dash"
                      if margin >= 0 else
                      f"; a dash or a quotation mark would fit {10 ** -margin:.3g} times better")
        edits.append(Edit("question_mark", q, q + 1, "?", "À" if capital else "à", confidence,
                          "'?' between words stands for 'à'" + reason))
    return edits


# "? rduction de 32 % ;" on a line of a list (see tokens.list_item): the "?" was its bullet
# (a "–" or a "•": tokens.list_bullet chooses; no news set has lists to count them on)
BULLET_CONFIDENCE = 0.7
# A lone "?" that was the dash of a press release's dateline ("Paris, le 3 f?vrier 2026 ?
# Sol?rian, groupe ..."), or of a contact's line, between a name and a telephone number, between
# the number and an address, or between two addresses ("Camille Roux ? 02 40 18 56 78 ?
# presse@exemple.fr ? www.exemple.fr")
_MONTHS_Q = MONTHS.replace("[ée]?", "[ée?]?").replace("[ûu]?", "[ûu?]?")
_DATELINE_BEFORE = re.compile(
    rf"[^\S\n]*[A-ZÀ-Ý?][^\W\d_]*(?:[?’'-][^\W\d_]*)*"
    rf"(?:[ -][A-ZÀ-Ý?][^\W\d_?’'-]*(?:[?’'-][^\W\d_]*)*)*"  # ("La Chaux-de-Fonds")
    r"(?: \([^()\n]{1,40}\))?, "  # (the place's region or country: "Montbrison (Loire)")
    rf"(?:le[ ?\u00a0])?\d{{1,2}}(?:er)?[ ?\u00a0](?:{_MONTHS_Q})[ ?\u00a0]\d{{4}}"
    r"(?: \([^()\n]{1,60}\))? $")  # (a wire service's name in brackets after the date)
_PHONE_Q = phone_pattern(" .?")
_NAME_THEN_PHONE = re.compile(rf"(?<=[^\W\d_?]) \?(?= {_PHONE_Q}(?!\d))")
_PHONE_BEFORE = re.compile(rf"{_PHONE_Q} $")
_ADDRESS_AFTER = re.compile(rf" {ADDRESS_START}")
_ADDRESS_BEFORE = re.compile(r"(?:^|\s)(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|www\.\S+|https?://\S+) $")
_NAME_BEFORE = re.compile(  # "Sophie Arnaud ? s.arnaud@…", "Moussa Gu?ye ? presse@…"
    r"(?<![^\W\d_?])[A-ZÀ-Ý](?:[^\W\d_?]|\?(?=[^\W\d_]))+ $")
_RELEASE_DASH_REASON = ("'?' after a dateline or between a contact's name, number and address "
                        "is a dash")


def _dash_of_a_release(text: str, q: int) -> bool:
    """Whether the lone "?" at ``q`` stood for the dash after a dateline or between the parts of
    a press contact's line (see :data:`_DATELINE_BEFORE`)."""
    line_start = text.rfind("\n", 0, q) + 1
    if q - line_start <= 80 and _DATELINE_BEFORE.fullmatch(text, line_start, q):
        return True
    return bool(_NAME_THEN_PHONE.match(text, q - 1) or (
        _ADDRESS_AFTER.match(text, q + 1) and (
            _PHONE_BEFORE.search(text, max(line_start, q - 24), q)
            or _ADDRESS_BEFORE.search(text, max(line_start, q - 80), q)
            or _NAME_BEFORE.search(text, max(line_start, q - 41), q))))


_DASH_REASON = "'?' between words, before a word that never follows 'à', stands for a dash"
# Words that never follow "à": "le", "les" (it would be "au", "aux"; but "à le faire"), subject
# pronouns (not "elle", "cela": "quant à elles", "réagit à cela"),
# conjunctions and prepositions, and the verbs "être" and "avoir" in the third person
_NEVER_AFTER_LOWER_A = frozenset(
    "le les il ils on je tu ainsi avec pour pendant dans sur sans selon et "
    "mais ou donc car comme voire soit est sont était étaient sera seront a ont avait avaient "
    "sous chez contre vers parmi depuis lorsque lorsqu puisque quand tandis que dont surtout "
    "notamment cependant toutefois néanmoins".split())
# ... nor an elided "c’", "j’", "qu’" ("? c?est le résultat", "? j?ai exhibé": a dash)
_ELIDED_NEVER_AFTER_A = re.compile(
    r"[ \t]+(?:[cC]\?est|[jJ]\?ai|[qQ]u\?(?:ils?|elles?|on))\b")  # (not "c?t?": "côté")
_FOLLOWING_WORD = re.compile(r"[ \t]+([^\W\d_?]+)(?![?\w])(?:[ \t]+([^\s,.;:!]+))?")


def _never_after_a(text: str, q: int) -> bool:
    """Whether the word after the lone "?" at ``q`` is one that no "à" precedes (see
    :data:`_NEVER_AFTER_LOWER_A`), or a finite verb by the word classes ("transmettent")."""
    if _ELIDED_NEVER_AFTER_A.match(text, q + 1):
        return True
    m = _FOLLOWING_WORD.match(text, q + 1)
    if m is None:
        return False
    word = m.group(1)
    lower = word.lower()
    if lower in _NEVER_AFTER_LOWER_A:
        # ("à le faire", "à les protéger": an object pronoun before an infinitive)
        after = m.group(2) or ""
        return not (lower in ("le", "les") and ("?" in after or after.endswith(_INFINITIVE_ENDINGS)))
    classes = word_classes()
    return classes is not None and word[:1].islower() and sum(
        share for c, share in classes.classes_of(lower)
        if classes.names[c] in ("V3s", "V3p")) >= 0.9


# How much likelier a dash may be than "à" at a lone "?" where "à" is still right, as the
# calibration table's scores reach it (log10; tune split: of the 1,369 lone "?" read as "à",
# 33 were wrong, 21 of them among the 212 where a dash was 100 times likelier or more)
LONE_A_SHIFT = 3.0
_WORD_AT_END = re.compile(r"[^\W_]+$")
_WORD_AT_START = re.compile(r"[^\W_]+")
_HIDDEN_AT_END = re.compile(r"(?:^|[\s\"(])([^\W\d_]+\?+)$")  # a word, then its "?"


def _a_against_a_dash(text: str, q: int, model: BigramModel, ends: dict[int, str],
                      starts: dict[int, str]) -> float | None:
    """log10 of how much likelier "à" is at the lone "?" at ``q`` than a dash (scored as a
    punctuation mark: "partout ? demande", "Amazon ? Menaces" were "–"), by the bigram model;
    ``ends``, ``starts``: the words the "?" pass restored, by where they end and where they
    start ("all?" is "allé"); None where a neighbour is still hidden by a "?"."""
    head = text[max(0, q - 40):q].rstrip(" ")
    tail = text[q + 1:q + 41].lstrip(" ")
    end, start = q - (len(text[max(0, q - 40):q]) - len(head)), q + 1 + (
        len(text[q + 1:q + 41]) - len(tail))
    if end in ends:
        prev = ends[end].split()[-1].lower()
    elif head.endswith("?"):
        # "all? ? Paris": a word whose last letter is a "?" too (read later, by the decoder)
        hidden = _HIDDEN_AT_END.search(head)
        readings = model.lexicon.candidates(hidden.group(1).lower(), "question_mark") if (
            hidden) else ()
        if not readings:
            return None
        prev = readings[0]
    else:
        before = _WORD_AT_END.search(head)
        prev = before.group().lower() if before else "<p>"
    if start in starts:
        nxt = _WORD_AT_START.match(starts[start]).group().lower()
    elif tail.startswith("?"):
        return None
    else:
        after = _WORD_AT_START.match(tail)
        nxt = after.group().lower() if after else "<p>"
        if nxt in ELISIONS and tail[len(nxt):len(nxt) + 1] in ("?", "'", "’"):
            nxt += "'"  # "? l??cole": "à l’école"
    if prev[:1].isdigit():
        prev = "<num>"
    if nxt[:1].isdigit():
        nxt = "<num>"
    return (model.logprob("à", prev) + model.logprob(nxt, "à")
            - model.logprob("<p>", prev) - model.logprob(nxt, "<p>"))


