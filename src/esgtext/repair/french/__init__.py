"""Restore French accents that were deleted, replaced by ``?`` or stripped.

Three kinds of damage reach us (see ``esgtext.damage`` for simulators):

- **deleted** — a lossy ASCII conversion dropped every accented letter, the typographic apostrophe
  and so the whole word "à": "Communiqu de Presse", "a t reconnue", "lenvironnement",
  "des collations 80 enfants Pretoria";
- **?-replaced** — ``encode("ascii", "replace")``: "C?te d'Ivoire", "r?alis?";
- **stripped** — accents removed, letters kept: "developpement", "a la maison".

The repair first *diagnoses* the document (which damage is present, from how many out-of-lexicon
words become frequent words once an accent is put back, and whether any accented letter survived),
then decodes the word sequence with a noisy-channel model: every word that the diagnosed damage could
have produced from an accented word gets those words as candidates (from wordfreq's French list),
and a word-bigram model picks the sequence, possibly re-inserting a vanished "à". Clean text is
diagnosed as undamaged and returned unchanged; a word that is already right only changes when the
context says so in a document known to be damaged.

The bigram counts come from French technical manuals and the Littré (``scripts/build_french_bigrams.py``)
and from news French (``scripts/build_french_news_counts.py``); a few explainable cues carry what
they lack (:mod:`.cues`), and a gap model fitted on news French (:mod:`.gaps`,
``scripts/build_french_a_gaps.py``) reads the words on both sides of a gap where an "à" may have
vanished.

One idea per module, in the order a text goes through them:

- :mod:`.tokens` — the tokens and the readings of a word;
- :mod:`.diagnosis` — which damage the text shows (with :mod:`.elision` for vanished apostrophes);
- :mod:`.question_marks` — ``?`` that stand for accented letters;
- :mod:`.candidates` — the readings of each damaged word;
- :mod:`.cues`, :mod:`.gaps` and :mod:`.decoder` — the choice among them in context, with the odds
  of each;
- :mod:`.names` — Spanish names among other Spanish names, whose accents the damage took;
- :mod:`.score` — how French a text reads (``repair_text(lang=None)`` asks it).

    >>> from esgtext.repair.edits import apply_edits
    >>> text = "Communiqu de Presse : la mdaille a t reconnue"
    >>> apply_edits(text, restore_french(text))
    'Communiqué de Presse : la médaille a été reconnue'
    >>> restore_french("Le développement durable reste une priorité.")
    []
"""

from __future__ import annotations

import re
from bisect import bisect_left


from esgtext.repair.addresses import (
    ADDRESS_START, address_spans, outside_addresses, phone_pattern,
)
from esgtext.repair.calibration import DELETED_BULLET_REASON, TYPOGRAPHY_REASON
from esgtext.repair.edits import Edit, apply_edits
from esgtext.repair.question_marks import (
    EURO_MULTIPLES, VOLUME_OF, VOLUME_PARTICIPLES, VOLUME_PER, damaged_alternatives,
)
from esgtext.repair.spacing import MARKS_ONLY, MONTHS, NBSP, restore_no_break_spaces
from esgtext.repair.lexicon import FrenchLexicon, bigram_model, french_lexicon

__all__ = ["restore_french", "restore_french_spacing", "restore_question_marks", "french_score",
           "diagnose_damage", "DamageDiagnosis"]

from esgtext.repair.french.candidates import _EMPTY_HYPHENATION
from esgtext.repair.french.cues import (
    DELETED_CLASS_WEIGHT, DELETED_DISCOUNT, DELETED_MODERN_WEIGHT, DELETED_UNSEEN_CONTEXT_WEIGHT,
    STRIPPED_CLASS_WEIGHT,
    STRIPPED_DISCOUNT, STRIPPED_UNSEEN_CONTEXT_WEIGHT, RELEASE_HEADING,
)
from esgtext.repair.french.decoder import _CANDIDATE_MEMO, _decode  # noqa: F401 (_CANDIDATE_MEMO: for tests)
from esgtext.repair.french.diagnosis import _EVIDENCE, DamageDiagnosis, _WORD_LETTERS, diagnose_damage  # noqa: F401
from esgtext.repair.french.names import (
    accented_capitals, address_names, english_possessives, same_name_readings, spanish_names,
)
from esgtext.repair.french.question_marks import BULLET_CONFIDENCE, restore_question_marks
from esgtext.repair.french.quotations import named_titles, vanished_guillemets
from esgtext.repair.french.score import french_score
from esgtext.repair.french.tokens import Token, _tokens, list_bullet, list_item


MAX_PIECE = 100_000  # characters repaired at once


def _pieces(text: str, size: int):
    """(start, end) ranges of about ``size`` characters, cut at a line break, else after a
    sentence, else at a space (never inside a word)."""
    start = 0
    while len(text) - start > size:
        window_end = start + size
        cut = text.rfind("\n", start + size // 2, window_end) + 1
        if cut <= 0:
            cut = max(text.rfind(". ", start + size // 2, window_end),
                      text.rfind(" ", start + size // 2, window_end)) + 1
        if cut <= 0:
            cut = window_end
        yield start, cut
        start = cut
    yield start, len(text)


def restore_french(text: str, *, spacing: bool = False,
                   typography: bool | str = False) -> list[Edit]:
    """Edits that restore deleted / ?-replaced / stripped French accents (and deleted typographic
    apostrophes, and the vanished word "à") in text already known to be French. Offsets relative
    to `text`, sorted, non-overlapping; never touches line breaks; clean text -> [].

    ``spacing``: also put back the vanished no-break spaces (as :func:`restore_french_spacing`),
    from the same diagnosis of the text; ``typography``: with those that sources differ on
    (see :attr:`esgtext.repair.RepairConfig.french_typography`), or only those before ``: ; ! ?``
    (``spacing.MARKS_ONLY``).

    >>> from esgtext.repair.edits import apply_edits
    >>> damaged = "Chery continuera pratiquer le dveloppement de lenvironnement"
    >>> apply_edits(damaged, restore_french(damaged))
    'Chery continuera à pratiquer le développement de l’environnement'
    >>> stripped = "Il est alle a la gare pour accueillir les eleves de l'ecole."
    >>> apply_edits(stripped, restore_french(stripped))
    "Il est allé à la gare pour accueillir les élèves de l'école."
    """
    if not text or not _WORD_LETTERS.search(text):
        return []
    if len(text) > MAX_PIECE:
        # A long text (a 10 MB single line) is repaired piece by piece, each piece diagnosed on
        # its own, so that memory stays bounded and time linear.
        pieces: list[Edit] = []
        for start, end in _pieces(text, MAX_PIECE):
            pieces += [e.shifted(start) for e in restore_french(text[start:end], spacing=spacing,
                                                                typography=typography)]
        return pieces
    lexicon = french_lexicon()
    diagnosis = diagnose_damage(text)
    if spacing and _lost_no_break_spaces(text, diagnosis, typography):
        spaces = restore_no_break_spaces(text, lexicon, typography=typography)
        if spaces:
            # (the diagnosis holds: a no-break space is no word, and no evidence of any damage)
            spaced = apply_edits(text, spaces)
            accents = _restore_accents(spaced, _tokens(spaced), diagnosis, lexicon)
            return _final(text, _before_insertions(spaces, accents), diagnosis, typography)
    tokens = _tokens(text)
    return _final(text, _restore_accents(text, tokens, diagnosis, lexicon), diagnosis,
                  typography, tokens)


_QUOTATION_MARKS = re.compile("[\"«»“”]")


def _final(text: str, edits: list[Edit], diagnosis: DamageDiagnosis,
           typography: bool | str, tokens: list[Token] | None = None) -> list[Edit]:
    """``edits`` with the vanished guillemets of French typography where asked for (deleted
    damage; not where quotation marks survived: the source wrote straight ones) and the accented
    capitals of a stripped release's names, and without those that would change a web or
    e-mail address (read as words, as context, never changed). (``tokens``: those of ``text``,
    where already made.) (``spacing.MARKS_ONLY`` adds none of these.)"""
    if typography == MARKS_ONLY:
        return outside_addresses(text, edits)
    if typography and diagnosis.deleted and not _QUOTATION_MARKS.search(text):
        quotes = vanished_guillemets(text)
        names = named_titles(text)
        if names:
            # (a name's guillemet, not an "à", is what vanished before it: "programme Zro gchis")
            opened = {edit.start for edit in names}
            edits = [edit for edit in edits
                     if not (edit.start == edit.end and edit.start in opened
                             and edit.after.strip() in ("à", "À"))]
            quotes = sorted(quotes + names, key=_position)
        if quotes:
            edits = sorted(edits + quotes, key=_position)
    if typography and diagnosis.deleted:
        minus = [Edit("deleted_symbol", m.end(), m.end(), "", "–", 0.8,
                      f"{TYPOGRAPHY_REASON}: the minus sign of a percentage vanished")
                 for m in _MINUS_IN_BRACKETS.finditer(text)]
        if minus:
            edits = sorted(edits + minus, key=_position)
    if typography and diagnosis.stripped:
        if tokens is None:
            tokens = _tokens(text)
        edits = sorted(edits + accented_capitals(text, tokens, edits, french_lexicon()),
                       key=_position)
    return outside_addresses(text, edits)


def _before_insertions(spaces: list[Edit], edits: list[Edit]) -> list[Edit]:
    """``spaces`` (insertions of one character, sorted) and ``edits`` of the text they made,
    as edits of the text before them. No edit of a word touches an inserted space (a word token
    never holds one), so each edit only moves back by the insertions before it; at the same
    point, the space comes first ("en 2020", then "à" before "2020")."""
    points = [edit.start + i for i, edit in enumerate(spaces)]  # where each one sits, inserted
    at_a_space = set(points)
    # (at the same point, an insertion made before a space stays before it: "jusqu" + "’à"
    # + the space of "jusqu’à 23 h"; any other edit comes after the space)
    keyed = [((edit.start, edit.end, 1), edit) for edit in spaces] + [
        ((moved.start, moved.end, 0 if edit.start == edit.end and edit.start in at_a_space else 2),
         moved)
        for edit in edits for moved in (edit.shifted(-bisect_left(points, edit.start)),)]
    return [edit for _, edit in sorted(keyed, key=lambda pair: pair[0])]


def _position(edit: Edit) -> tuple[int, int]:
    return (edit.start, edit.end)


# "Paris, le 12 mars 2026 Le groupe annonce": the dash after a press release's dateline (a
# place, a date, then the first sentence) vanished with the other non-ASCII characters
_DATELINE = re.compile(
    r"(?m)^[^\S\n]*[A-ZÀ-Ý][^\W\d_]+"
    r"(?:[ -][A-ZÀ-Ý][^\W\d_]+|-(?:de|du|des|la|le|les|sur|sous|en|aux|l[eè]s)(?=-))*"
    r"(?: \([^()\n]{1,40}\))?, "  # ("La Chaux-de-Fonds", "Aix-en-Provence")
    r"(?:le[ \u00a0])?\d{1,2}(?:er)?"  # (the place's region or country in brackets: "Sète (Hérault)")
    rf"[ \u00a0](?:{MONTHS})[ \u00a0]\d{{4}}(?: \([^()\n]{{1,60}}\))?(?= [A-ZÀ-Ý])")
# (no-break spaces: ours, where they vanished; the bracket after the date names a wire service)
# "Communiqu de presse Lyon": the dash after the heading too (see cues.RELEASE_HEADING)
_HEADING_THEN_NAME = re.compile(
    RELEASE_HEADING.pattern + r"(?! (?:de presse|DE PRESSE))(?= [A-ZÀ-Ý][^\W\d_]*[a-zà-ÿ])")
# A contact line's separators, where a dash vanished between a name and a telephone number, or
# before an address after one ("Camille Roux 02 40 18 56 78 presse@exemple.fr": an ASCII one
# would have survived)
_PHONE = phone_pattern()
_CONTACT_GAP = re.compile(
    rf"(?<=[^\W\d_]{{2}}) (?={_PHONE}(?!\d))"  # a name, then the number
    rf"|(?<=\d\d) (?={ADDRESS_START})"  # a number, then an address
    rf"|(?<=[^\W\d_]{{2}}) (?={ADDRESS_START})"  # a name, then an address
)
_NAME_BEFORE = re.compile(r"[A-ZÀ-Ý][^\W\d_]+$")
_PHONE_AFTER = re.compile(rf"{_PHONE}(?!\d)")
# a line that opens with a space, where a bullet ("• rduction de 32 %") may have vanished
_SPACE_OPENS_LINE = re.compile(r"(?m)^ (?=[^\W_])")
# A vanished euro sign ("$" would have survived, and "£" is rare in French releases): after an
# amount with cents per share ("1,20 par action"), and after the "M", "Md", "Mds" or "k" of an
# amount ("412 M, dont", "1,8 Md en 2025"). The WMT news sets write "euros" (none of these).
_EURO_PER_SHARE = re.compile(r"(?<![\d,.])\d{1,4},\d\d(?= par action\b)")
# (" /": a table's "650 M / 712 M", its target and its result)
_AFTER_MULTIPLE = r"(?:[,.;:)]|$| /| (?:de|en|soit|contre|au|pour|et|dont|sur)\b)"
_EURO_MULTIPLE = re.compile(rf"(?<=\d[ \u00a0]){EURO_MULTIPLES}(?={_AFTER_MULTIPLE})",
                            re.MULTILINE)
# ... where the no-break space before the "M" vanished too ("202,5M", "412M, dont"): the space
# goes back after the amount, then the sign after its "M" (an amount: a decimal or two digits
# at least, "3M" is a company; not after a hyphen, "C-295M")
_GLUED_AMOUNT = r"(?<![\w,./-])(?:\d+,\d+|\d{2,})"
_GLUED_EURO_MULTIPLE = re.compile(rf"{_GLUED_AMOUNT}(?=(?:M|Md|Mds){_AFTER_MULTIPLE})",
                                  re.MULTILINE)
_GLUED_MULTIPLE_EURO = re.compile(rf"{_GLUED_AMOUNT}(?:M|Md|Mds)(?={_AFTER_MULTIPLE})",
                                  re.MULTILINE)
# ... and after an amount per month, per inhabitant ... ("42 par habitant", "15 par mois"; the
# WMT news sets, which write "euros", have two such counts in 400,000 words)
_EURO_PER = re.compile(
    r"(?<![\w,.])\d{1,3}(?: \d{3})*(?:,\d\d?)?(?= par (?:mois|an|habitant|personne|ménage|mnage|"
    r"foyer|salarié|salari|élève|lve|nuit|nuitée|nuite|mètre|mtre|m2|m3|tonne|MWh|kWh)\b)")
# "1,9 million de m par an", "480 000 m de neige", "9 000 m économisés", "112 000 m de toitures":
# a volume's "³" and an area's "²" vanished (a length per year, of snow or of roofs is no
# measure releases give). The space before the "m" may be one the spacing put back.
_SPACE = "[ \u00a0\u202f]"  # (a space, or a no-break space the spacing put back)
_BEFORE_UNIT = rf"(?:(?<=\d)|(?<=\d{_SPACE})|(?<=\bde )|(?<=\bpremiers ))"
_DELETED = "[{letter}{base}]?"  # (an accented letter, once deleted or stripped)
_CUBIC_METRE = re.compile(
    _BEFORE_UNIT + rf"m(?= (?:par (?:{damaged_alternatives(VOLUME_PER, _DELETED)})\b"
    rf"|d(?:e |’|')?(?:{damaged_alternatives(VOLUME_OF, _DELETED)})\b"
    rf"|(?:{damaged_alternatives(VOLUME_PARTICIPLES, _DELETED)})[ée]?s?\b))")
_SQUARE_METRE = re.compile(
    _BEFORE_UNIT + r"m(?= d(?:e |’|')(?:toitures?|surfaces?|bureaux|panneaux|plancher|serres?|"
    r"locaux|entrep[ôo]?ts?|parkings?|ombri[èe]?res?|b[âa]?timents|logements|terrains?|espaces?|"
    r"friches?|halles?|ateliers?|fa[çc]?ades?|vitrages?)\b)")
# ... an area's, after "surface" or "superficie" ("une surface de 5,8 km", "une superficie de
# 14 000 m")
_AREA = re.compile(
    rf"\b(?:surfaces?|superficies?)(?: totale| utile)?(?: de| d(?:’|')?environ)?{_SPACE}"
    rf"\d[\d \u00a0\u202f]*(?:,\d+)?{_SPACE}?k?m(?![\w²³])")
# ... a quantity per square metre of floor or per square kilometre ("310 kWh/m par an", "12 kg
# CO2e/m", "85 habitants/km"): an energy, a mass of CO2 or people per metre or kilometre is no
# measure releases give; and a concentration per normal cubic metre ("10 mg/Nm": a newton-metre
# divides nothing)
_PER_AREA = re.compile(
    r"(?:\b[kMGT]?Wh(?:ep|EP|EF|ef)?|\bkg ?(?:CO2|éq\.? ?CO2|eq\.? ?CO2|CO2e|CO2eq)"
    r"|\bhabitants|\bhab\.?)/k?m(?![\w²³])")
_PER_NORMAL_CUBIC_METRE = re.compile(r"\b[mµnk]?g/Nm(?![\w³])")
# ... and before "HT" or "TTC", an amount before or with tax ("350 HT": "350 € HT")
_EURO_BEFORE_TAX = re.compile(r"(?<![\d,.])\d+(?:,\d+)?(?= (?:HT|TTC)\b)")
# "1,5C": a temperature with a decimal lost its degree sign and the no-break space before it
# ("limiter le réchauffement à 1,5 °C"); a whole number where the words around it speak of
# temperature ("des températures de -31C", "chauffer le calcaire 1450C"; not "la route 23C")
_DEGREES = re.compile(r"(?<![\d,.])\d{1,2},\d(?=C\b)")
_WHOLE_DEGREES = re.compile(
    r"(?<![\w,.])(?<!\broute )(?<!\bligne )(?<!\bsalle )(?<!\bporte )(?<!\bbus )(?<!\bquai )"
    r"(?<!\blot )(?<!\bbâtiment )(?<!\bbtiment )-?\d{1,4}(?=C\b)")  # (not "la route 23C")
_TEMPERATURE_WORDS = re.compile(
    r"temp[ée]?rature|chaleur|canicul|chauff|froid|refroidi|climatis|r[ée]?chauffement|degr[ée]?s",
    re.IGNORECASE)
_TEMPERATURE_REACH = 100  # characters on either side, within the sentence


class _Near:
    """The matches of ``pattern`` with a match of ``words`` within ``reach`` characters."""

    def __init__(self, pattern: re.Pattern, words: re.Pattern, reach: int) -> None:
        self.pattern, self.words, self.reach = pattern, words, reach

    def finditer(self, text: str):
        for m in self.pattern.finditer(text):
            start = max(0, m.start() - self.reach)
            end = m.end() + self.reach
            # (within the sentence)
            before = _SENTENCE_BREAK.search(text[start:m.start()][::-1])
            if before:
                start = m.start() - before.start()
            after = _SENTENCE_BREAK.search(text, m.end(), end)
            if after:
                end = after.start()
            if self.words.search(text, start, end):
                yield m


_SENTENCE_BREAK = re.compile(r"[.!?\n]")


# "( 29 % par rapport à 2021)": an opening bracket, a space, then a percentage: in a release, a
# minus sign (an en dash, "(– 29 %") vanished before its space (news has such spaces of its own:
# "( 13 % en plus)", so only with French typography)
_MINUS_IN_BRACKETS = re.compile(r"\((?= \d[\d,\u202f]*[ \u00a0]?%)")
# The symbols a deleted text lost after each match of a pattern: (pattern, what goes back,
# confidence, reason)
_VANISHED_SYMBOLS = (
    (_DATELINE, " –", 0.85, "the dash after a press release's dateline vanished"),
    (_HEADING_THEN_NAME, " –", 0.85, "the dash after a press release's heading vanished"),
    (_DEGREES, NBSP + "°", 0.8, "the degree sign of a temperature vanished"),
    (_Near(_WHOLE_DEGREES, _TEMPERATURE_WORDS, _TEMPERATURE_REACH), NBSP + "°", 0.7,
     "the degree sign of a temperature vanished"),
    (_EURO_PER_SHARE, NBSP + "€", 0.8, "the euro sign of an amount per share vanished"),
    (_EURO_BEFORE_TAX, NBSP + "€", 0.8, "the euro sign of an amount before or with tax vanished"),
    (_EURO_PER, NBSP + "€", 0.7, "the euro sign of an amount per month, per person vanished"),
    (_CUBIC_METRE, "³", 0.7, "the '³' of a volume in cubic metres vanished"),
    (_SQUARE_METRE, "²", 0.7, "the '²' of an area in square metres vanished"),
    (_AREA, "²", 0.7, "the '²' of an area vanished"),
    (_PER_AREA, "²", 0.8, "the '²' of a quantity per square metre or kilometre vanished"),
    (_PER_NORMAL_CUBIC_METRE, "³", 0.8, "the '³' of a concentration per normal cubic metre "
                                        "vanished"),
    (_GLUED_EURO_MULTIPLE, NBSP, 0.8, "the no-break space before the 'M' of an amount in "
                                      "millions vanished"),
    (_GLUED_MULTIPLE_EURO, "€", 0.8, "the euro sign of an amount in millions or billions "
                                     "vanished"),
    (_EURO_MULTIPLE, "€", 0.8, "the euro sign of an amount in millions, billions or thousands "
                               "vanished"),
)
# "n4", "n 3": a lone lower-case "n" before a number lost its "°" ("n°4", "n° 3")
_NUMERO = re.compile(r"(?<![\w.'’-])n(?= ?\d)")


def _restore_accents(text: str, tokens: list[Token], diagnosis: DamageDiagnosis,
                     lexicon: FrenchLexicon) -> list[Edit]:
    edits: list[Edit] = []
    if diagnosis.deleted:  # (first: where the decoder reads the "n" too, this edit stays)
        edits += [Edit("deleted_symbol", m.start(), m.end(), "n", "n°", 0.9,
                       "'n' before a number is 'n°' (numéro) whose '°' vanished")
                  for m in _NUMERO.finditer(text)]
        edits += [Edit("deleted_symbol", m.end(), m.end(), "", inserted, confidence, reason)
                  for pattern, inserted, confidence, reason in _VANISHED_SYMBOLS
                  for m in pattern.finditer(text)]
        edits += _contact_separators(text)
        edits += [Edit("deleted_symbol", m.start(), m.start(), "", list_bullet(text, m.start()),
                       BULLET_CONFIDENCE, DELETED_BULLET_REASON)
                  for m in _SPACE_OPENS_LINE.finditer(text) if list_item(text, m.start())]
    if diagnosis.question_marks:
        edits += restore_question_marks(text, _lexicon=lexicon, french=True)
    if diagnosis.deleted or diagnosis.stripped or diagnosis.deleted_apostrophe:
        if diagnosis.stripped:
            model = bigram_model(STRIPPED_DISCOUNT, STRIPPED_UNSEEN_CONTEXT_WEIGHT,
                                 STRIPPED_CLASS_WEIGHT)
        else:
            model = bigram_model(DELETED_DISCOUNT, DELETED_UNSEEN_CONTEXT_WEIGHT,
                                 DELETED_CLASS_WEIGHT, DELETED_MODERN_WEIGHT)
        decoded = _decode(text, tokens, diagnosis, lexicon, model)
        edited = {edit.start for edit in decoded if edit.end > edit.start}
        for kind in ("deleted", "stripped"):
            if getattr(diagnosis, kind):
                names = spanish_names(text, tokens, kind, edited)
                if names:  # (a name read as Spanish replaces the decoder's reading of it)
                    spans = [(name.start, name.end) for name in names]
                    decoded = [edit for edit in decoded if edit.end == edit.start or not any(
                        edit.start < end and start < edit.end for start, end in spans)]
                decoded += names
                edited.update(name.start for name in names)
                break
        if diagnosis.deleted_apostrophe:
            decoded += english_possessives(tokens, edited, lexicon.zipf)
        decoded += same_name_readings(tokens, decoded, lexicon.zipf)
        edits += decoded
    if diagnosis.deleted or "?" in text:  # "Solrian", "Sol?rian" beside "presse@solerian.fr"
        edits += address_names(text, [(e.start, e.end) for e in edits], diagnosis.deleted)
    if diagnosis.deleted and "--" in text:
        edits += [  # "c'est--dire", "vis--vis": the "à" between the hyphens vanished
            Edit("inserted_word", m.start() + 1, m.start() + 1, "", "à", 0.9,
                 "'à' between hyphens ('c'est-à-dire')")
            for m in _EMPTY_HYPHENATION.finditer(text)
        ]
    edits.sort(key=lambda e: (e.start, e.end))
    kept: list[Edit] = []
    for edit in edits:  # the ?-pass and the decoder never touch the same word, but be sure
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept


def _contact_separators(text: str) -> list[Edit]:
    """The dashes of a press contact's line that vanished ("Camille Roux – 02 40 18 56 78 –
    presse@exemple.fr"): before a telephone number after a name, before an address after a
    number (after a telephone number's last digits: "+33 1 …" or "01 …")."""
    if "@" not in text and not re.search(_PHONE, text):
        return []
    edits = []
    for m in _CONTACT_GAP.finditer(text):
        position = m.end()
        if text[position].isdigit() or text[position] == "+":
            if not _NAME_BEFORE.search(text, max(0, position - 41), position - 1):
                continue  # ("le 12 mars 2026 01 …" is no contact)
        elif text[position - 2].isdigit():
            if not re.search(_PHONE + r"$", text[max(0, position - 21):position - 1]):
                continue  # (an address after a number that is no telephone number)
        elif not _NAME_BEFORE.search(text, max(0, position - 41), position - 1):
            continue  # ("écrivez presse@…": no name before the address)
        edits.append(Edit("deleted_symbol", position, position, "", "– ", 0.6,
                          "the dash between a press contact's name, number and address vanished"))
    spans = address_spans(text)  # ... and between two addresses ("presse@exemple.fr www.…")
    for (_, end), (start, _) in zip(spans, spans[1:]):
        if start - end == 1 and text[end] == " ":
            edits.append(Edit("deleted_symbol", start, start, "", "– ", 0.6,
                              "the dash between a press contact's addresses vanished"))
    for _, end in spans:  # ... and after an e-mail address, before a number ("@exemple.fr 05 …")
        if text[end:end + 1] == " " and "@" in text[max(0, end - 80):end] and (
                _PHONE_AFTER.match(text, end + 1)):
            edits.append(Edit("deleted_symbol", end + 1, end + 1, "", "– ", 0.6,
                              "the dash between a press contact's address and number vanished"))
    return sorted(edits, key=_position)


def _may_hold_no_break_spaces(text: str, typography: bool | str = False) -> bool:
    """Whether ``text`` has a place for one: a digit, or an "M" (``M. Dupont``); with
    ``typography``, also ": ; ! ?"."""
    return any(c.isdigit() or c == "M" for c in text) or (
        typography and any(c in ":;!?" for c in text))


def _lost_no_break_spaces(text: str, diagnosis: DamageDiagnosis,
                          typography: bool | str = False) -> bool:
    """Whether ``text`` may have lost the no-break spaces of French typography: it has a place
    for one, and lost its non-ASCII characters."""
    if not _may_hold_no_break_spaces(text, typography):
        return False
    # (a text that kept its accented letters lost at most its apostrophes, as a conversion to
    # Latin-1 does, which keeps U+00A0)
    return diagnosis.deleted or (diagnosis.deleted_apostrophe and not diagnosis.accented_lowercase)


def restore_french_spacing(text: str) -> list[Edit]:
    """The no-break spaces of French typography (``20 ans``, ``en 2020``, ``1 233 000``,
    ``M. Dupont``) put back in French text whose non-ASCII characters were deleted: see
    :mod:`esgtext.repair.spacing`. Text with no such damage gets no edit.

    >>> from esgtext.repair.edits import apply_edits
    >>> text = "En2020, le groupe a t reconnu pour son dveloppement et ses 20ans de prsence."
    >>> apply_edits(text, restore_french_spacing(text)).replace("\u00a0", "_")
    'En_2020, le groupe a t reconnu pour son dveloppement et ses 20_ans de prsence.'
    >>> restore_french_spacing("En2020, le groupe a été reconnu.")
    []
    """
    if not _may_hold_no_break_spaces(text):  # (before the cost of a diagnosis)
        return []
    if not _lost_no_break_spaces(text, diagnose_damage(text)):
        return []
    return restore_no_break_spaces(text, french_lexicon())


