"""Which damage a French text shows (deleted, stripped or ?-replaced accents, vanished
apostrophes), from the evidence of its words: how many out-of-lexicon words become frequent words
once an accent or an apostrophe is put back, and whether accented letters survived.

    >>> diagnose_damage("la mdaille a t reconnue dans lenvironnement").kinds
    ('deleted', 'deleted_apostrophe')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import compress

from esgtext.repair.classes import class_names, known_only_as
from esgtext.repair.memo import make_room
from esgtext.repair.spacing import glued_spaces
from esgtext.repair.lexicon import FrenchLexicon, french_lexicon


from esgtext.repair.french.elision import _APOSTROPHE_WORDS, _GLUED_ELISION, _elision_splits
from esgtext.repair.french.question_marks import _question_mark_words
from esgtext.repair.french.tokens import (
    ELIDED, WORD, Token, _ASCII_ELISION, _TYPOGRAPHIC_ELISION, _columns,
)


# --- diagnosis --------------------------------------------------------------------------------

# A damaged form is "fixable" when an accented word it could come from is this many times (in
# Zipf units, log10) more frequent than the form itself.
_FIXABLE_MARGIN = 1.0
_MISSPELLING_MARGIN = 1.5
_MIN_EVIDENCE_ZIPF = 2.5
_MIN_RARE_EVIDENCE_ZIPF = 1.5
_MIN_STRIPPED_EVIDENCE_ZIPF = 2.0
_WORD_LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class DamageDiagnosis:
    """Which damage a text shows, with the evidence counted.

    >>> diagnose_damage("la mdaille a t reconnue dans lenvironnement").kinds
    ('deleted', 'deleted_apostrophe')
    """

    words: int
    accented_lowercase: int
    deleted_evidence: int
    stripped_evidence: int
    apostrophe_evidence: int
    question_mark_evidence: int
    typographic_elisions: int = 0  # "l’avenir" with U+2019 intact: apostrophes were not lost
    apostrophe_words: int = 0  # distinct words behind apostrophe_evidence
    ascii_elisions: int = 0  # "s'il" with a straight apostrophe: the source's own, it survives
    unknown_words: int = 0  # unaccented words that are no French word and show no damage

    @cached_property
    def _deletion_evidence(self) -> int:
        """The deleted accents, and the vanished apostrophes where no typographic one survived:
        stripping accents keeps "’", only a conversion that deletes non-ASCII characters loses
        it ("dOstrava", "Cest")."""
        if (self.typographic_elisions or self.ascii_elisions  # "Lavez les plats s'il ..."
                or self.unknown_words > UNKNOWN_SHARE * self.words):  # "sipita lastic"
            return self.deleted_evidence
        return self.deleted_evidence + self.apostrophe_evidence

    @cached_property
    def _tie_is_both(self) -> bool:
        """A tie between deletion and stripping reads the text both ways: the words of a short
        line often say both ("envoyes" is "envoyées" deleted or "envoyés" stripped), and the
        decoder chooses among the readings of both. Not where the text kept straight
        apostrophes of its own: a tie is thin evidence, and such a text may be clean ("je
        m'affilie")."""
        return not self.ascii_elisions

    @cached_property
    def deleted(self) -> bool:
        # (a tie goes to deletion where a vanished apostrophe is part of its evidence: stripping
        # never loses one, while a word that reads as stripped may be a misspelling or a name:
        # "Independant")
        if self._dominant(self._deletion_evidence, self.stripped_evidence,
                          ties=self._tie_is_both
                          or self._deletion_evidence > self.deleted_evidence):
            return True
        # A short text whose apostrophes vanished and that has no accented letter left went
        # through the same conversion: its accents were deleted too ("lanne coule ne sest pas").
        return (self.words >= 6 and self.apostrophe_words >= 2 and not self.accented_lowercase
                and not self.stripped_evidence and self.question_mark_evidence < 2
                and self.typographic_elisions == 0)

    @cached_property
    def stripped(self) -> bool:
        return self._dominant(self.stripped_evidence, self._deletion_evidence,
                              ties=self._tie_is_both)

    @cached_property
    def deleted_apostrophe(self) -> bool:
        if self.typographic_elisions > 0.25 * self.apostrophe_evidence:
            return False
        if (self.deleted and not self.typographic_elisions and not self.ascii_elisions
                and not self.question_mark_evidence):
            # The conversion that deleted the accents deleted "’" as well, and no apostrophe
            # survived: the elisions are gone too, even where each glued pair is also a word
            # ("quelle", "larme", "lan": the decoder reads which)
            return True
        return self.apostrophe_evidence >= 1 and (
            self._dominant(self._deletion_evidence, self.stripped_evidence)
            # (a short text with no accented letter left needs less evidence: two words)
            or self.apostrophe_evidence >= max(3, 0.02 * self.words)
            or (self.words < 40 and not self.accented_lowercase and self.apostrophe_words >= 2)
        )

    @cached_property
    def question_marks(self) -> bool:
        return self.question_mark_evidence >= 1

    @cached_property
    def kinds(self) -> tuple[str, ...]:
        names = ("deleted", "stripped", "deleted_apostrophe", "question_marks")
        return tuple(n for n in names if getattr(self, n))

    def _dominant(self, evidence: int, rival: int, ties: bool = False) -> bool:
        if (evidence < 1 or evidence < rival or (evidence == rival and not ties)
                or self.question_mark_evidence >= 2):
            return False
        # Surviving lower-case accents mean the document was not run through the damage; tolerate
        # a few (a quoted name, a mixed document).
        if self.accented_lowercase > 0.25 * evidence:
            return False
        return evidence >= 0.01 * self.words or evidence >= 3


# Above this share of unknown words a text is no plain French, and a word that looks like a glued
# elision in it ("den" in "En den tic, sipita lastic") is no evidence of deleted accents.
UNKNOWN_SHARE = 0.25


# (deleted, stripped, apostrophe, weakly stripped) evidence of an unaccented word, or the number
# of accented lower-case letters of an accented one; per process, keyed by the word as written.
_EVIDENCE: dict[str, tuple[int, int, int, int] | int] = {}


# The "word" tokens of tokens._SCAN, found by one C-level scan: an elided article matches first
# (and captures nothing), as it does there; digits and punctuation are skipped, as their tokens
# hold no letter.
_WORD_TOKEN = re.compile(f"{ELIDED}|({WORD})", re.IGNORECASE)


# Ligatures are no accents: stripping keeps them ("sœur", "cœur"), deletion takes them
_LIGATURES = frozenset("œæ")


# The forms of avoir that stand before a past participle.
_HAVE_FORMS = "a|ai|as|avons|avez|ont|avait|avaient|aura|auront|aurait|auraient"
# An auxiliary, then a lone "t": "été" without its letters ("a t reconnu"; not "a-t-il").
_AUXILIARY_T = re.compile(
    rf"(?<![^\W\d_])(?:{_HAVE_FORMS}) t(?![\w'’-])", re.IGNORECASE)


# An auxiliary, then a lower-case word: "a tir" may be "a tiré" without its "é".
_AUXILIARY_WORD = re.compile(rf"(?<![^\W\d_])(?:{_HAVE_FORMS}) ([a-z]{{3,}})(?![\w'’-])")
_MIN_PARTICIPLE_ZIPF = 3.0
_HAVE_THEN_WORD = re.compile(
    rf"(?:(?<![^\W\d_])([^\W\d_]+) |(?<![^\W\d_]))({_HAVE_FORMS}) ([a-z]{{3,}}e)(?![\w'’-])")
# ... not where "a" may be "ça" whose "ç" was deleted: after these, or with no word before it
# ("et a marche": "et ça marche")
_BEFORE_CA = frozenset("et si mais que qu comme quand car donc alors ou oui non".split()) | {""}


def _stripped_participle(word: str, lexicon: FrenchLexicon) -> bool:
    """Whether ``word`` (as written, ending in "e") is a stripped past participle, a frequent
    one once its accents are back ("declare", "signe", "ete"): after avoir, clean French has
    the participle, never the word as written."""
    zipf = lexicon.zipf
    return any(reading.endswith("é") and zipf.get(reading, 0.0) >= _MIN_PARTICIPLE_ZIPF
               for reading in lexicon.candidates(word, "stripped"))


_A_THEN_WORD = re.compile(r"(?<![^\W\d_])(?<!['’-])a ([a-z]{3,})(?![\w'’-])")


def _infinitive_only(word: str, lexicon: FrenchLexicon) -> bool:
    """Whether ``word``, or each of its stripped readings, is only an infinitive by the word
    classes ("chercher", "etre": "être")."""
    readings = lexicon.candidates(word, "stripped") if class_names(word) == ("U",) else (word,)
    return bool(readings) and all(known_only_as(reading, "Y") for reading in readings)


# "ce temps-l", "celle-l", "soi-mme", "eux-mmes": "-là" and "-même(s)" without their accents
_HYPHENATED_TRACE = re.compile(r"(?<=[^\W\d_]-)(?:l|mmes?)(?![\w'’-])")


def diagnose_damage(text: str, tokens: list[Token] | None = None) -> DamageDiagnosis:
    """Count the evidence for each kind of accent damage in ``text``."""
    lexicon = french_lexicon()
    # Each distinct word once: most words of a text repeat, and their evidence is cached.
    if tokens is None:
        counts = Counter(_WORD_TOKEN.findall(text))  # the "word" tokens, without making tokens
        del counts[""]
    else:
        kinds, _, _, surfaces, _ = _columns(tokens)
        counts = Counter(compress(surfaces, map("word".__eq__, kinds)))
    deleted = stripped = apostrophe = apostrophe_words = weak_stripped = 0
    accented_lowercase = 0
    words = sum(counts.values())
    zipf = lexicon.zipf
    evidence_of = _EVIDENCE
    make_room(evidence_of)
    for surface, n in counts.items():
        evidence = evidence_of.get(surface)
        if evidence is None:
            lower = surface.lower()
            if lower.isascii():
                evidence = _word_evidence(surface, lower, lexicon)
            else:
                evidence = sum(1 for c in surface if c.islower() and not c.isascii()
                               and c not in _LIGATURES)
                if not evidence and _GLUED_ELISION.match(surface):
                    evidence = (0, 0, 1, 0)  # "lÉtat": the capital survived, the apostrophe not
            evidence_of[surface] = evidence
        if isinstance(evidence, int):
            accented_lowercase += n * evidence
            continue
        deleted += n * evidence[0]
        stripped += n * evidence[1]
        apostrophe += n * evidence[2]
        apostrophe_words += evidence[2]
        weak_stripped += n * evidence[3]
    if not deleted and not apostrophe:
        # (weak evidence, as sources misspell too: it breaks the silence of words that say
        # nothing else, and never competes with a word's evidence of deletion)
        stripped += weak_stripped
    if not stripped and not accented_lowercase:
        # (Only where no word says "stripped" and no accented letter is left: once repaired,
        # this evidence is gone, and a second repair must not then read the text otherwise.)
        if "M" in text or any(c.isdigit() for c in text):
            # "en2020", "15pour", "M.Kriegler": the no-break spaces went with the accents (one
            # word alone may be a name, "Mr2", "Drive4", unless it is a frequent word: "38pour")
            glued, frequent, titles = glued_spaces(text, lexicon)
            deleted += (glued if glued >= 2 else frequent) + titles
        if " t" in text:
            deleted += len(_AUXILIARY_T.findall(text))  # "a t reconnu": "a été"
        if "-" in text:
            deleted += len(_HYPHENATED_TRACE.findall(text))  # "temps-l", "soi-mme": "-là", "-même"
        # "a tir sur", "a appel des": a word after an auxiliary that is a frequent participle
        # once its final "é" is back
        deleted += sum(1 for word in _AUXILIARY_WORD.findall(text)
                       if zipf.get(word + "é", 0.0) >= _MIN_PARTICIPLE_ZIPF)
    if not accented_lowercase and " " in text:
        # "a declare", "ont ete": after an avoir form, a word whose stripped reading is a
        # frequent participle lost its accents (clean French writes "a déclaré")
        stripped += sum(1 for before, have, word in _HAVE_THEN_WORD.findall(text)
                        if (have != "a" or before.lower() not in _BEFORE_CA)
                        and _stripped_participle(word, lexicon))
        if " a " in text:
            # "a chercher", "le seul a avoir": "à" before an infinitive lost its accent (the
            # LM and tune splits and Tatoeba's first half: 882 "à" before a word that is only
            # an infinitive, 14 "a", each a typing error). Tatoeba's first half, stripped
            # 0.534 -> 0.501 % (three documents of short sentences had said nothing before)
            stripped += sum(1 for word in _A_THEN_WORD.findall(text)
                            if _infinitive_only(word, lexicon))
    question = sum(1 for _ in _question_mark_words(text, lexicon))
    typographic = len(_TYPOGRAPHIC_ELISION.findall(text)) if "’" in text else 0
    ascii_elisions = len(_ASCII_ELISION.findall(text)) if "'" in text else 0
    unknown = 0
    if apostrophe:  # (only read where it can decide: see DamageDiagnosis._deletion_evidence)
        unknown = sum(n for surface, n in counts.items()
                      if evidence_of.get(surface) == (0, 0, 0)
                      and zipf.get(surface.lower(), 0.0) < 1.6)
    return DamageDiagnosis(words, accented_lowercase, deleted, stripped, apostrophe, question,
                           typographic, apostrophe_words, ascii_elisions, unknown)


def _word_evidence(surface: str, lower: str, lexicon: FrenchLexicon) -> tuple[int, int, int, int]:
    """(deleted, stripped, deleted apostrophe, weakly stripped): what one unaccented word says
    about the damage."""
    zipf = lexicon.zipf
    own = zipf.get(lower, 0.0)
    if len(lower) < 2:
        return 0, 0, 0, 0
    if own >= 4.5:
        # a frequent word is itself, unless the web's misspelling of a far more frequent one
        # that lost its accents: "tres", "etre", "meme" (not "sur", "des", "ou"); weak evidence,
        # as forum writers type it so too
        weak = int(lexicon.best_zipf(lower, "stripped") - own >= _MISSPELLING_MARGIN)
        return 0, 0, 0, weak
    readings = lexicon.candidates(lower, "deleted")
    best = zipf.get(readings[0], 0.0) if readings else 0.0
    # (a rare accented reading is no evidence, "flipe" is no damaged "félipe", unless two
    # letters or more went: "rfrne" is "réfrène", "dlocaliss" "délocalisés")
    deleted = int(best - own >= _FIXABLE_MARGIN and (best >= _MIN_EVIDENCE_ZIPF or (
        not own and best >= _MIN_RARE_EVIDENCE_ZIPF and len(readings[0]) >= len(lower) + 2)))
    if surface[0].isupper():
        # An unaccented capital is how much French is written ("Etait-ce", "Economiser"): only
        # an accent lost further in says the accents were stripped.
        stripped = int(max((zipf.get(w, 0.0) for w in lexicon.candidates(lower, "stripped")
                            if w[0] == lower[0]), default=0.0) - own >= _FIXABLE_MARGIN)
    else:
        # (a rare reading is no evidence: "europennes" is "européennes", not the web's
        # "europénnes")
        best_stripped = lexicon.best_zipf(lower, "stripped")
        stripped = int(best_stripped - own >= _FIXABLE_MARGIN
                       and best_stripped >= _MIN_STRIPPED_EVIDENCE_ZIPF)
    apostrophe = 0
    rest = ""
    if surface[0].islower() or (surface[1:].islower() and not _GLUED_ELISION.match(surface)):
        # (capitalised too: "Laugmentation", "Cest" at the start of a sentence)
        splits = _elision_splits(lower, lexicon, True)
        if splits and (own < 2.5 or max(zipf.get(w, 0.0) for _, w in splits) - own >= 2.5):
            apostrophe = 1  # "lenvironnement", and "dun", "quil" (also seen on the web)
            rest = lower[len(splits[0][0]):]
        elif lower in _APOSTROPHE_WORDS:
            apostrophe = 1
    else:
        glued = _GLUED_ELISION.match(surface)
        if glued:
            apostrophe = 1
            rest = lower[len(glued.group()):]
    if rest and not deleted and len(rest) >= 2 and zipf.get(rest, 0.0) < 4.5:
        # the word after a glued elision says what its own accents say, as it will once the
        # apostrophe is back ("dUnit" -> "d’Unit": "Unit" lost an accent): repair is idempotent
        deleted = int(lexicon.best_zipf(rest, "deleted") - zipf.get(rest, 0.0) >= _FIXABLE_MARGIN)
        stripped = stripped or int(lexicon.best_zipf(rest, "stripped") - zipf.get(rest, 0.0)
                                   >= _FIXABLE_MARGIN)
    return deleted, stripped, apostrophe, 0


