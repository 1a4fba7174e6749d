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

The bigram counts come from French technical manuals (see ``scripts/build_french_bigrams.py``), so
a few explainable cues, each a named constant below, carry what they lack: a past participle after
an auxiliary ("a été réalisé"), words that govern "à" ("mettre fin à", "continuer à"), "à" before
an infinitive, a number range or a place name, "à" + article + noun counts ("à la fin"), no
consonant after an elided article ("l'île", not "l'le").

    >>> from esgtext.repair.edits import apply_edits
    >>> text = "Communiqu de Presse : la mdaille a t reconnue"
    >>> apply_edits(text, restore_french(text))
    'Communiqué de Presse : la médaille a été reconnue'
    >>> restore_french("Le développement durable reste une priorité.")
    []
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import compress, repeat
from operator import is_not
from typing import NamedTuple

from esgtext.repair.compose import compose_edits
from esgtext.repair.edits import Edit, apply_edits
from esgtext.repair.memo import make_room
from esgtext.repair.spacing import restore_no_break_spaces
from esgtext.repair.lexicon import (
    ARTICLES_AFTER_A,
    context_tokens,
    ELISIONS,
    BigramModel,
    FrenchLexicon,
    bigram_model,
    french_lexicon,
    news_capitals,
)

__all__ = ["restore_french", "restore_french_spacing", "restore_question_marks", "french_score",
           "diagnose_damage", "DamageDiagnosis"]

TYPOGRAPHIC_APOSTROPHE = "\u2019"
_VOWEL_START = frozenset("aeiouyhàâäéèêëîïôöùûüœæ")

# --- tokenisation ---------------------------------------------------------------------------

_SCAN = re.compile(
    r"(?P<elided>(?<![^\W\d_])(?:jusqu|lorsqu|puisqu|quoiqu|qu|[ldnsjcmt])['’](?=[^\W\d_]))"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<num>\d+(?:[.,]\d+)*)"
    r"|(?P<newline>\n)"
    r"|(?P<punct>[^\w\s'’\-])",
    re.IGNORECASE,
)
_SENTENCE_END = frozenset(".!?:;\n")
# The "elided" tokens of _SCAN written with a typographic apostrophe ("l’avenir"), counted without
# a pass over the tokens.
_TYPOGRAPHIC_ELISION = re.compile(
    r"(?<![^\W\d_])(?:jusqu|lorsqu|puisqu|quoiqu|qu|[ldnsjcmt])’(?=[^\W\d_])", re.IGNORECASE
)


class Token(NamedTuple):
    kind: str  # "word", "elided", "num", "newline", "punct"
    start: int
    end: int
    surface: str
    context: str  # the bigram model's token


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


# --- diagnosis --------------------------------------------------------------------------------

# A damaged form is "fixable" when an accented word it could come from is this many times (in
# Zipf units, log10) more frequent than the form itself.
_FIXABLE_MARGIN = 1.0
_MIN_EVIDENCE_ZIPF = 2.5
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

    @cached_property
    def deleted(self) -> bool:
        if self._dominant(self.deleted_evidence, self.stripped_evidence):
            return True
        # A short text whose apostrophes vanished and that has no accented letter left went
        # through the same conversion: its accents were deleted too ("lanne coule ne sest pas").
        return (self.words >= 6 and self.apostrophe_words >= 2 and not self.accented_lowercase
                and not self.stripped_evidence and self.question_mark_evidence < 2
                and self.typographic_elisions == 0)

    @cached_property
    def stripped(self) -> bool:
        return self._dominant(self.stripped_evidence, self.deleted_evidence)

    @cached_property
    def deleted_apostrophe(self) -> bool:
        if self.typographic_elisions > 0.25 * self.apostrophe_evidence:
            return False
        return self.apostrophe_evidence >= 1 and (
            self._dominant(self.deleted_evidence, self.stripped_evidence)
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

    def _dominant(self, evidence: int, rival: int) -> bool:
        if evidence < 1 or evidence <= rival or self.question_mark_evidence >= 2:
            return False
        # Surviving lower-case accents mean the document was not run through the damage; tolerate
        # a few (a quoted name, a mixed document).
        if self.accented_lowercase > 0.25 * evidence:
            return False
        return evidence >= 0.01 * self.words or evidence >= 3


# Entries of each per-process cache below before it is emptied: memory stays flat in a long run
# (benchmarks/repair_memory.py).
CACHE_LIMIT = 50_000

# (deleted, stripped, apostrophe) evidence of an unaccented word, or the number of accented
# lower-case letters of an accented one; per process, keyed by the word as written.
_EVIDENCE: dict[str, tuple[int, int, int] | int] = {}


def diagnose_damage(text: str, tokens: list[Token] | None = None) -> DamageDiagnosis:
    """Count the evidence for each kind of accent damage in ``text``."""
    lexicon = french_lexicon()
    if tokens is None:
        tokens = _tokens(text)
    deleted = stripped = apostrophe = apostrophe_words = 0
    accented_lowercase = 0
    # Each distinct word once: most words of a text repeat, and their evidence is cached.
    kinds, _, _, surfaces, _ = _columns(tokens)
    counts = Counter(compress(surfaces, map("word".__eq__, kinds)))
    words = sum(counts.values())
    evidence_of = _EVIDENCE
    make_room(evidence_of, CACHE_LIMIT)
    for surface, n in counts.items():
        evidence = evidence_of.get(surface)
        if evidence is None:
            lower = surface.lower()
            if lower.isascii():
                evidence = _word_evidence(surface, lower, lexicon)
            else:
                evidence = sum(1 for c in surface if c.islower() and not c.isascii())
                if not evidence and _GLUED_ELISION.match(surface):
                    evidence = (0, 0, 1)  # "lÉtat": the capital survived, the apostrophe not
            evidence_of[surface] = evidence
        if isinstance(evidence, int):
            accented_lowercase += n * evidence
            continue
        deleted += n * evidence[0]
        stripped += n * evidence[1]
        apostrophe += n * evidence[2]
        apostrophe_words += evidence[2]
    question = sum(1 for _ in _question_mark_words(text, lexicon))
    typographic = len(_TYPOGRAPHIC_ELISION.findall(text)) if "’" in text else 0
    return DamageDiagnosis(words, accented_lowercase, deleted, stripped, apostrophe, question,
                           typographic, apostrophe_words)


_ELISIONS_BY_LETTER: dict[str, tuple[str, ...]] = {}
for _elision in ELISIONS:
    _ELISIONS_BY_LETTER[_elision[0]] = _ELISIONS_BY_LETTER.get(_elision[0], ()) + (_elision,)


def _word_evidence(surface: str, lower: str, lexicon: FrenchLexicon) -> tuple[int, int, int]:
    """(deleted, stripped, deleted apostrophe): what one unaccented word says about the damage."""
    zipf = lexicon.zipf
    own = zipf.get(lower, 0.0)
    if own >= 4.5 or len(lower) < 2:
        return 0, 0, 0
    best = lexicon.best_zipf(lower, "deleted")
    # (a rare accented reading is no evidence: "flipe" is no damaged "félipe")
    deleted = int(best - own >= _FIXABLE_MARGIN and best >= _MIN_EVIDENCE_ZIPF)
    stripped = int(lexicon.best_zipf(lower, "stripped") - own >= _FIXABLE_MARGIN)
    apostrophe = 0
    rest = ""
    if surface[0].islower():
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
    return deleted, stripped, apostrophe


def _elision_splits(lower: str, lexicon: FrenchLexicon, deleted: bool) -> list[tuple[str, str]]:
    """("l", "environnement") for "lenvironnement": an elided article whose apostrophe vanished."""
    out = []
    for elision in _ELISIONS_BY_LETTER.get(lower[:1], ()):
        if not lower.startswith(elision):
            continue
        rest = lower[len(elision):]
        if len(rest) < 2 and rest not in ("a", "y") and not (deleted and rest == "t"):
            continue  # ("na" -> "n’a", "sy" -> "s’y", "lt" -> "l’été")
        options = []
        if rest[0] in _VOWEL_START and lexicon.zipf.get(rest, 0.0) >= 2.0:
            options.append(rest)
        if deleted:
            options += [w for w in lexicon.candidates(rest, "deleted") if w[0] in _VOWEL_START][:2]
        out += [(elision, w) for w in options]
    return out


# --- scoring ----------------------------------------------------------------------------------

# log10 bonuses and penalties of the decoder, tuned on the first 500 FLORES devtest sentences
# (Tatoeba and the rest of FLORES kept as checks; the held-out news never seen).
INSERT_A_BIAS = -0.3  # re-inserting a vanished "à" must beat the plain bigram by this much
DOUBLE_SPACE_BONUS = 2.0  # a doubled space is where a one-word "à" vanished
SENTENCE_START_A_BONUS = 1.5  # a sentence that starts in lower case may have lost its "À"
MIN_A_LIFT = 1.0  # below this log10 P(w | à) / P(w), no "à" is considered before w (speed)
DELETED_DISCOUNT = 1.5  # bigram discounts (see lexicon.BigramModel), tuned per kind of damage
STRIPPED_DISCOUNT = 4.0
STRIPPED_UNSEEN_CONTEXT_WEIGHT = 0.2
ELISION_BEFORE_CONSONANT_PENALTY = 3.0
MIN_ARTICLE_CUE = 0.0  # "la" after a word is only a gap for "à" when "à la X" beats "la X"
BEAM = 2  # paths kept after each ambiguous word
MIN_LOG_P_A = -2.0  # below this log10 P(à | previous word), no "à" is considered (speed)
CHANGE_KNOWN_WORD_BIAS = 0.0  # replacing a word that is itself French ("mission" -> "émission")


# Verbs that govern "à" + infinitive ("continuera à pratiquer"), as accent-free stems so that they
# match damaged text too ("russi" from "réussi").
_A_GOVERNING_STEMS = (
    "continu", "aid", "parvien", "parvin", "parven", "commen", "cherch", "contribu", "russi",
    "reussi", "consist", "invit", "encourag", "autoris", "hsit", "hesit", "vis", "apprend", "appri",
    "arriv", "pens", "engag", "sert", "servi", "tien", "tenu", "tenir", "incit", "pouss", "oblig",
    "prpar", "prepar", "habitu", "rsist", "resist", "renon", "destin", "prt", "pret", "apte",
    "dispos", "dcid", "decid", "tend", "particip", "s'attach", "travaill", "veill", "lutt",
)
_INFINITIVE_ENDINGS = ("er", "ir", "re", "oir")
A_GOVERNED_INFINITIVE_BONUS = 2.5


_NOT_BEFORE_A = frozenset(
    "de du des la le les l' d' en et à au aux par pour sur avec dans un une ce cette ces son sa ses "
    "leur leurs notre nos votre vos mon ma mes qui que qu' ne n' se s' il elle ils elles on".split()
)
NEXT_NAME_BONUS = 1.5
NUMBER_RANGE_BONUS = 2.0


_A_LIFT_CACHE: dict[tuple[str, float, float], float] = {}


def _a_lift(word: str, model: BigramModel) -> float:
    """log10 P(word | à) / P(word): how much more often ``word`` follows "à" than it occurs."""
    key = (word, model.discount, model.unseen_weight)
    lift = _A_LIFT_CACHE.get(key)
    if lift is None:
        make_room(_A_LIFT_CACHE, CACHE_LIMIT)
        lift = _A_LIFT_CACHE[key] = model.logprob(word, "à") - math.log10(model.unigram(word))
    return lift


# Words whose complement takes "à" ("mettre fin à", "par rapport à", "a réussi à", "arrivé à
# Rome"), in the masculine singular: "consacrées" matches through _governs_a.
_A_GOVERNORS = frozenset(
    "fin rapport suite grâce face quant tendance capacité droit accès recours appel attention "
    "référence hommage contribution participation réponse aptitude propension consacré destiné "
    "lié réservé adapté habitué prêt apte ouvert confronté exposé soumis attaché favorable "
    "supérieur inférieur égal identique similaire conforme relatif arrivé réussi survécu échappé "
    "renoncé succédé participé contribué assisté résisté répondu parvenu consisté appartenu "
    "envoyé transporté rendu installé né mort décédé situé basé hospitalisé emprisonné détenu "
    "retourné rentré lieu vit vivent vivait habite habitait séjourne condamné".split()
)
A_GOVERNOR_BONUS = 1.5


def _governs_a(word: str) -> bool:
    """Whether ``word`` (or its feminine/plural form) usually takes "à" after it."""
    if word in _A_GOVERNORS:
        return True
    if word.endswith("es") and word[:-2] in _A_GOVERNORS:
        return True
    return word[-1:] in ("e", "s") and word[:-1] in _A_GOVERNORS


def _article_cue(article: str, following: str, model: BigramModel) -> float:
    """log10 of how much likelier "à" is before ``article`` when ``following`` comes next than
    before that article in general: "la fin" is often "à la fin", "la guerre" seldom "à la guerre"."""
    with_a, a_article = model.count(following, "à " + article)
    plain, article_total = model.count(following, article)
    if not article_total or not a_article:
        return 0.0
    base = model.count(article, "à")[0] / article_total
    if base <= 0:
        return 0.0
    smoothed = (with_a + ARTICLE_SMOOTHING * base) / (plain + ARTICLE_SMOOTHING)
    return max(-1.5, min(_ARTICLE_CUE_MAX, math.log10(smoothed / base)))


ARTICLE_SMOOTHING = 3.0


def _a_cue(last: str, first: str, nxt: Token, prev: Token | None, text: str,
           lexicon: FrenchLexicon, following: str = "<p>", model: BigramModel | None = None
           ) -> float:
    """Extra log10 odds that a vanished "à" stood between ``last`` and ``first`` (the candidate
    context tokens around the gap; ``prev``/``nxt`` the tokens of the text, ``following`` the
    context token after ``nxt``)."""
    value, infinitive_after_word, name_possible = _a_cue_words(last, first, following, lexicon,
                                                               model)
    if value is not None:
        return value
    if prev is None:
        return 0.0
    return _a_cue_tokens(nxt, prev, infinitive_after_word, name_possible)


def _a_cue_tokens(nxt: Token, prev: Token, infinitive_after_word: bool,
                  name_possible: bool) -> float:
    """The part of :func:`_a_cue` read from the tokens around the gap."""
    if prev.kind == "word" and infinitive_after_word:
        return INFINITIVE_AFTER_WORD_BONUS  # "sa capacité limiter" -> "sa capacité à limiter"
    if nxt.kind == "num":
        if prev.kind == "num":
            if len(nxt.surface) == 3 and len(prev.surface) <= 3:
                return -9.0  # "1 233 000": a thousands group, not "10 à 15"
            return NUMBER_RANGE_BONUS
        return 0.0
    if (name_possible and nxt.kind == "word" and nxt.surface[:1].isupper() and prev.kind == "word"
            and prev.surface[:1].islower()):
        return NEXT_NAME_BONUS  # "arrivé Singapour" -> "arrivé à Singapour"
    return 0.0


_A_CUE_WORDS: dict[tuple, tuple[float | None, bool, bool]] = {}


def _a_cue_words(last: str, first: str, following: str, lexicon: FrenchLexicon,
                 model: BigramModel | None) -> tuple[float | None, bool, bool]:
    """The part of :func:`_a_cue` that depends on the words only, cached per process: (the cue
    when the words decide it, else None; whether ``first`` is an infinitive that ``last`` may
    govern through "à"; whether a name after ``last`` may follow "à")."""
    article = model is not None and first in ARTICLES_AFTER_A
    key = ((last, first, following, (model.discount, model.unseen_weight))
           if article and model is not None else (last, first, "", None))
    found = _A_CUE_WORDS.get(key)
    if found is None:
        make_room(_A_CUE_WORDS, CACHE_LIMIT)
        found = _A_CUE_WORDS[key] = _a_cue_words_uncached(last, first, following, lexicon,
                                                          model if article else None)
    return found


def _a_cue_words_uncached(last, first, following, lexicon, model):
    bonus = A_GOVERNOR_BONUS if _governs_a(last) and not _is_adverb(first) else 0.0
    if model is not None and first in ARTICLES_AFTER_A:
        return bonus + _article_cue(first, following, model), False, False
    if bonus:
        return bonus, False, False
    if first.endswith(_INFINITIVE_ENDINGS) and last.startswith(_A_GOVERNING_STEMS):
        if lexicon.zipf.get(first, 0.0) >= 2.5:
            return A_GOVERNED_INFINITIVE_BONUS, False, False
    infinitive_after_word = (last not in _NOT_BEFORE_A and last not in _BARE_INFINITIVE_BEFORE
                             and not last.startswith(_BARE_INFINITIVE_STEMS)
                             and _is_infinitive(first, lexicon))
    return None, infinitive_after_word, last not in _NOT_BEFORE_A


# Words after which an infinitive needs no "à": prepositions, modal and perception verbs.
_BARE_INFINITIVE_BEFORE = frozenset(
    "pour sans par après avant afin de d' ou et mais pas plus jamais rien tout même aussi bien "
    "faut fallait faudra faudrait va vont allait allaient ira iront irait vais vas allons allez "
    "aller fait faire font faisait laisser laisse laissé voir vu entendre sembler semble semblait "
    "paraît compte comptait ose sait savait savent veut voulait veulent vouloir voudrait "
    "souhaite souhaitait espère espérait aime aimait préfère préférait doit doivent devait "
    "devaient devrait devraient devoir peut peuvent pouvait pouvaient pourrait pourraient pouvoir "
    "pu dû su voulu ne n' se s' te t' me m' nous vous lui leur les la le l' y en comment où "
    "quoi que qu' qui".split()
)
_BARE_INFINITIVE_STEMS = ("pourr", "devr", "voudr", "saur", "fer", "ir")
INFINITIVE_AFTER_WORD_BONUS = 2.0
_INFINITIVE_CACHE: dict[str, bool] = {}
_IRREGULAR_INFINITIVES = frozenset(
    "faire prendre mettre dire voir être avoir aller venir tenir obtenir devenir permettre produire "
    "réduire construire répondre rendre vendre atteindre résoudre maintenir offrir ouvrir couvrir "
    "découvrir recevoir croire lire écrire vivre suivre battre combattre promouvoir soutenir "
    "poursuivre comprendre apprendre entreprendre reprendre surprendre admettre transmettre "
    "remettre soumettre commettre introduire conduire traduire détruire fournir courir mourir "
    "partir sortir servir dormir sentir mentir connaître paraître naître boire plaire craindre "
    "peindre joindre rejoindre éteindre étendre attendre entendre défendre dépendre descendre "
    "perdre répandre prévoir revoir pourvoir concevoir percevoir décevoir apercevoir".split()
)


_ER_VERB_ENDINGS = ("ait", "ons", "é", "ent", "ez", "ée", "era", "aient")


def _is_infinitive(word: str, lexicon: FrenchLexicon) -> bool:
    """"limiter", "choisir", "prendre" — told from "hiver", "premier", "désir" by their conjugated
    forms being French words too ("limitait", "choisissait")."""
    known = _INFINITIVE_CACHE.get(word)
    if known is None:
        make_room(_INFINITIVE_CACHE, CACHE_LIMIT)
        zipf = lexicon.zipf
        if word in _IRREGULAR_INFINITIVES:
            known = True
        elif word.endswith("er") and len(word) > 4:
            stem = word[:-2]
            forms = sum(zipf.get(stem + ending, 0.0) >= 1.0 for ending in _ER_VERB_ENDINGS)
            known = forms >= 3
        elif word.endswith("ir") and len(word) > 4:
            stem = word[:-2]
            known = zipf.get(stem + "issait", 0.0) >= 1.5 or zipf.get(stem + "issons", 0.0) >= 1.5
        else:
            known = False
        _INFINITIVE_CACHE[word] = known
    return known


AFTER_A_BONUS = 1.0


def _after_a_cue(tok: Token, cand: "_Candidate", previous: Token | None,
                 lexicon: FrenchLexicon, before_previous: Token | None = None) -> float:
    """Stripped "a" is "à" before a place name, a number or an infinitive ("a Paris", "a 80 %",
    "continuer a pratiquer"), and always between two numbers ("de 1977 a 1981")."""
    if tok.kind == "num":
        if before_previous is not None and before_previous.kind == "num":
            return NUMBER_RANGE_BONUS
        return AFTER_A_BONUS
    if _is_infinitive(cand.output, lexicon):
        return AFTER_A_BONUS
    if tok.kind == "word" and tok.surface[:1].isupper() and previous is not None and (
        previous.surface[:1].islower()
    ):
        return AFTER_A_BONUS
    return 0.0


_AUXILIARIES = frozenset(
    "a ai as avons avez ont avait avaient aura auront aurait auraient eu avoir ayant été est sont "
    "était étaient sera seront serait être étant fut t tre ait aient soit soient eût fût".split()
)
_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées")
PARTICIPLE_AFTER_AUXILIARY_BONUS = 2.5


_ADVERBS = frozenset(
    "également aussi déjà toujours jamais pas plus bien encore ensuite enfin alors abord souvent "
    "longtemps beaucoup peu trop très récemment finalement outre".split()
)
# (last word, word before it) of adverbs written in two words
_TWO_WORD_ADVERBS = frozenset({("abord", "d'"), ("outre", "en")})


def _is_adverb(word: str) -> bool:
    return word in _ADVERBS or (word.endswith("ment") and len(word) > 6)


_IRREGULAR_PARTICIPLES = frozenset(
    "fait dit mis pris eu vu pu dû su été ouvert offert écrit produit permis reçu connu perdu rendu "
    "vendu tenu obtenu atteint conduit construit réduit souffert découvert appris compris soumis "
    "promis remis transmis commis admis élu lu cru vécu suivi entrepris repris détruit introduit "
    "fini choisi réussi établi saisi agi investi fourni maintenu soutenu retenu contribué".split()
)


def _participle_cue(last: str, cand: "_Candidate", own_zipf: float = 0.0,
                    zipf: dict[str, float] | None = None) -> float:
    """"a été réalisé", not "a été réalise"; "a fait", not "à fait": a past participle follows an
    auxiliary -- unless the word as written is a far more frequent word of its own ("est
    clair" is no "est éclairé", "a été chaud" no "échaudé"; ``own_zipf``: its frequency)."""
    output = cand.output
    if last in _AUXILIARIES and (output.endswith(_PARTICIPLE_ENDINGS)
                                 or output in _IRREGULAR_PARTICIPLES):
        if (cand.kind and zipf is not None
                and own_zipf - _PARTICIPLE_RIVAL_MARGIN > zipf.get(output, 0.0)):
            return 0.0
        return PARTICIPLE_AFTER_AUXILIARY_BONUS
    return 0.0


_PARTICIPLE_RIVAL_MARGIN = 1.0


class _Candidate(NamedTuple):
    output: str  # lower-case replacement of the token's surface (without the elision)
    contexts: tuple[str, ...]  # the bigram tokens it stands for
    kind: str  # edit kind, "" for the unchanged token
    prior: float  # log10 bias
    elision: int = 0  # letters of the surface that are an elided article ("l" of "lenvironnement")


def _case_like(word: str, model: str) -> str:
    """Give ``word`` the capitalisation of ``model``: "Dbut" -> "Début", "DBUT" -> "DÉBUT"."""
    if model.islower():
        return word  # no capital in the model (the usual case)
    letters = [c for c in model if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if letters and letters[0].isupper():
        return word[:1].upper() + word[1:]
    return word


# "lAustralie", "dIvoire", "LAfrique": a lower-case elided article glued to a capitalised word.
_GLUED_ELISION = re.compile(r"^(?:[LDNSJCMT]|Qu|Jusqu|Lorsqu|Puisqu|[ldnsjcmt]|qu|jusqu|lorsqu|puisqu)"
                            r"(?=[A-ZÀ-Ý][^\W\d_])")
# Real words that, in text whose apostrophes vanished, are usually an elided pair.
_OFTEN_ELIDED_WORDS = frozenset(
    "dune dunes quelle quelles lune nest quon sil sils lun larme larmes mont lest".split())
# Words that keep an apostrophe inside: "aujourdhui" -> "aujourd’hui".
_APOSTROPHE_WORDS = {
    "aujourdhui": "aujourd’hui",
    "quelquun": "quelqu’un",
    "quelquune": "quelqu’une",
    "presquile": "presqu’île",
}
# Candidates far rarer than the word itself only cost time: the context never rescues them.
_CANDIDATE_FLOOR = 3.0
GLUED_ELISION_BONUS = 2.0
_RIVAL_FLOOR = 2.0  # log10: candidates this much rarer than the most frequent one are dropped


def _word_candidates(
    tok: Token, diagnosis: DamageDiagnosis, lexicon: FrenchLexicon, previous_kind: str = ""
) -> list[_Candidate]:
    lower = tok.context
    zipf = lexicon.zipf
    own = zipf.get(lower, 0.0)
    known = own >= 1.6
    out = [_Candidate(lower, (lower,), "", 0.0)]
    if not lower.isascii():
        glued = diagnosis.deleted_apostrophe and _GLUED_ELISION.match(tok.surface)
        if glued and not tok.surface.isupper():
            # "lÉtat", "dÉgypte": the accented capital survived, the apostrophe did not
            elision = glued.group().lower()
            rest = lower[len(elision):]
            if zipf.get(rest, 0.0) >= 1.6:
                out.append(_Candidate(rest, (elision + "'", rest), "deleted_apostrophe",
                                      GLUED_ELISION_BONUS, len(elision)))
        return out
    if len(lower) == 1 and lower != "a" and (tok.surface.isupper() or previous_kind == "num"):
        return out  # "Super-G", "5 g": a letter, not a word that lost its accents
    change_prior = CHANGE_KNOWN_WORD_BIAS if known else 0.0
    if tok.surface[:1].isupper() and known:
        change_prior -= 1.0  # a capitalised known word is often a name ("Anne", "Mme", "All")
    if diagnosis.deleted_apostrophe and lower in _APOSTROPHE_WORDS:
        word = _APOSTROPHE_WORDS[lower]
        out.append(_Candidate(word, tuple(context_tokens(word)), "deleted_apostrophe", 1.0))
    if (lower == "jusqu" or (lower == "qu" and tok.surface[:1].islower())) and diagnosis.deleted:
        # "jusqu" alone: both the apostrophe and the "à" after it vanished.
        out.append(_Candidate("jusqu’à" if lower == "jusqu" else "qu’à", (lower + "'", "à"),
                              "deleted_apostrophe", 1.0))
    floor = own - _CANDIDATE_FLOOR
    for kind, active in (("deleted", diagnosis.deleted), ("stripped", diagnosis.stripped)):
        if active:
            edit_kind = kind + "_accent"
            found = lexicon.candidates(lower, kind)[:6]
            # the most frequent first: one far rarer than it is a misspelling ("trèèès", "ètre")
            # that the context never makes win
            word_floor = max(floor, zipf[found[0]] - _RIVAL_FLOOR) if found else floor
            for word in found:
                if zipf[word] >= word_floor:
                    out.append(_Candidate(word, (word,), edit_kind, change_prior))
    if diagnosis.deleted_apostrophe:
        glued = not tok.surface.isupper() and _GLUED_ELISION.match(tok.surface)
        if glued:
            elision = glued.group().lower()
            rest = lower[len(elision):]
            options = [rest] if zipf.get(rest, 0.0) >= 1.6 or not diagnosis.deleted else []
            if diagnosis.deleted:
                options += list(lexicon.candidates(rest, "deleted")[:2])
            options = options or [rest]
            for word in options:
                out.append(_Candidate(word, (elision + "'", word), "deleted_apostrophe",
                                      GLUED_ELISION_BONUS, len(elision)))
        elif own < 5.5 and (tok.surface[:1].islower() or previous_kind == ""):
            # (a capitalised word inside a sentence is a name: "Samis", "Mangola")
            for elision, word in _elision_splits(lower, lexicon, diagnosis.deleted)[:4]:
                # "dune" -> "d’une", "quelle" -> "qu’elle", but never "dans" -> "d’ans" nor a
                # common word like "don" -> "d’on".
                gain = zipf.get(word, 0.0) - own
                if own < 2.5 or (gain >= 0.5 and (own < 3.5 or lower in _OFTEN_ELIDED_WORDS)) or (
                    gain >= 2.5  # "dun", "quil", "na": damaged forms common on the web
                ):
                    out.append(_Candidate(word, (elision + "'", word), "deleted_apostrophe",
                                          change_prior, len(elision)))
    return out


ELIDED_BEFORE_SPACE_BONUS = 3.0
_ELIDED_BEFORE_A = frozenset(("qu", "jusqu", "lorsqu", "puisqu"))


def _elided_before_space(text: str, tok: Token) -> bool:
    return (tok.context in ("qu", "jusqu", "lorsqu", "puisqu")
            and text[tok.end:tok.end + 1] in ("'", TYPOGRAPHIC_APOSTROPHE)
            and text[tok.end + 1:tok.end + 2] == " ")


# Abbreviated titles are no damaged words: "Mme" is not "même".
_TITLES = frozenset("Mme Mmes Mlle Mlles Me Mgr Dr Pr St Ste".split())


def _is_title(tokens: list[Token], index: int) -> bool:
    """"Mme Dupont" is a title; "Mme si" (a lower-case word next) is "Même si"."""
    if tokens[index].surface not in _TITLES:
        return False
    nxt = tokens[index + 1] if index + 1 < len(tokens) else None
    return not (nxt is not None and nxt.kind == "word" and nxt.surface[:1].islower()
                and nxt.start == tokens[index].end + 1)


_INVERTED_SUBJECTS = frozenset("je tu il elle on nous vous ils elles ce".split())


def _is_inverted_subject(text: str, tok: Token) -> bool:
    """The "tu" of "As-tu" is no deleted "tué", the "il" of "dit-il" no "œil"."""
    return tok.context in _INVERTED_SUBJECTS and text[tok.start - 1:tok.start] == "-"


def _second_person_verb(text: str, tok: Token, previous: tuple[str, ...]) -> bool:
    """"Consommes-tu", "tu utilises", "tu ne m'en donnes": a verb of the second person, never a
    participle (``previous``: the context tokens of the four tokens before)."""
    if not tok.context.endswith("es"):
        return False
    return "tu" in previous or text[tok.end:tok.end + 3] == "-tu"


def _is_euphonic_t(text: str, tok: Token) -> bool:
    """The "t" of "a-t-il" is no deleted "été"."""
    return tok.surface in ("t", "T") and text[tok.start - 1:tok.start] == "-" == text[tok.end:tok.end + 1]


_ACCENTED_CAPITAL = re.compile(r"[ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒ]")
_EMPTY_HYPHENATION = re.compile(r"(?<=[^\W\d_])--(?=[^\W\d_])")
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


def restore_french(text: str, *, spacing: bool = False) -> list[Edit]:
    """Edits that restore deleted / ?-replaced / stripped French accents (and deleted typographic
    apostrophes, and the vanished word "à") in text already known to be French. Offsets relative
    to `text`, sorted, non-overlapping; never touches line breaks; clean text -> [].

    ``spacing``: also put back the vanished no-break spaces (as :func:`restore_french_spacing`),
    from the same diagnosis of the text.

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
            pieces += [e.shifted(start) for e in restore_french(text[start:end], spacing=spacing)]
        return pieces
    lexicon = french_lexicon()
    tokens = _tokens(text)
    diagnosis = diagnose_damage(text, tokens)
    if spacing and _lost_no_break_spaces(text, diagnosis):
        spaces = restore_no_break_spaces(text, lexicon)
        if spaces:
            # (the diagnosis holds: a no-break space is no word, and no evidence of any damage)
            spaced = apply_edits(text, spaces)
            accents = _restore_accents(spaced, _tokens(spaced), diagnosis, lexicon)
            return compose_edits(text, spaces, spaced, accents)
    return _restore_accents(text, tokens, diagnosis, lexicon)


def _restore_accents(text: str, tokens: list[Token], diagnosis: DamageDiagnosis,
                     lexicon: FrenchLexicon) -> list[Edit]:
    edits: list[Edit] = []
    if diagnosis.question_marks:
        edits += restore_question_marks(text, _lexicon=lexicon, french=True)
    if diagnosis.deleted or diagnosis.stripped or diagnosis.deleted_apostrophe:
        if diagnosis.stripped:
            model = bigram_model(STRIPPED_DISCOUNT, STRIPPED_UNSEEN_CONTEXT_WEIGHT)
        else:
            model = bigram_model(DELETED_DISCOUNT)
        edits += _decode(text, tokens, diagnosis, lexicon, model)
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


def _lost_no_break_spaces(text: str, diagnosis: DamageDiagnosis) -> bool:
    """Whether ``text`` may have lost the no-break spaces of French typography: it has a digit
    or an "M" (``M. Dupont``), and lost its non-ASCII characters."""
    if not any(c.isdigit() or c == "M" for c in text):
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
    if not any(c.isdigit() or c == "M" for c in text):
        return []
    if not _lost_no_break_spaces(text, diagnose_damage(text)):
        return []
    return restore_no_break_spaces(text, french_lexicon())


# per damage flags: {kind of the token before: {surface: candidates}}
_CANDIDATE_MEMO: dict[tuple[bool, bool, bool], dict[str, dict[str, list[_Candidate]]]] = {}
MAX_CANDIDATE_MEMO = 50_000
# The largest value _a_cue can return: a governing word, then an article cue (capped at 2.0).
_ARTICLE_CUE_MAX = 2.0


def _a_cue_max() -> float:
    return max(A_GOVERNOR_BONUS + max(_ARTICLE_CUE_MAX, 0.0), A_GOVERNED_INFINITIVE_BONUS,
               INFINITIVE_AFTER_WORD_BONUS, NUMBER_RANGE_BONUS, NEXT_NAME_BONUS)


class _AGivenTable(dict):
    """log10 P(à | v) for each context v after which an "à" may come at all, None for the others
    ("le", "de", "des" never precede "à"): ``table[v]``, computed on first look-up."""

    def __init__(self, model: BigramModel):
        super().__init__()
        self.model = model

    def __missing__(self, last: str) -> float | None:
        logprob = self.model.logprob("à", last)
        value = None if logprob <= MIN_LOG_P_A and not _governs_a(last) else logprob
        self[last] = value
        return value


# One table per bigram model (there are at most a few: see lexicon.bigram_model).
_A_GIVEN_TABLES: dict[BigramModel, _AGivenTable] = {}


def _decode(
    text: str,
    tokens: list[Token],
    diagnosis: DamageDiagnosis,
    lexicon: FrenchLexicon,
    model: BigramModel,
) -> list[Edit]:
    """Viterbi over the token sequence: states are the candidates of each token; between two
    tokens a vanished "à" may be re-inserted (deleted damage only)."""
    logprob = model.logprob
    zipf_of = lexicon.zipf
    allow_insertion = diagnosis.deleted
    count = len(tokens)
    kinds, _, _, _, contexts = _columns(tokens)

    # 1. Which words are ambiguous (more than one candidate)?
    # A word's candidates depend on its spelling, the kind of token before it and the damage
    # diagnosed: computed once per process for each (most words repeat across texts).
    flags = (diagnosis.deleted, diagnosis.stripped, diagnosis.deleted_apostrophe)
    # {previous kind: {surface: candidates}}
    memos = _CANDIDATE_MEMO.get(flags)
    if memos is None:
        memos = _CANDIDATE_MEMO[flags] = {kind: {} for kind in ("", "word", "elided", "num")}
    for memo in memos.values():  # bounded
        make_room(memo, MAX_CANDIDATE_MEMO // 4)
    options: list[list[_Candidate] | None] = [None] * count
    previous_kind = ""
    for index, tok in enumerate(tokens):
        if tok.kind != "word":
            # after punctuation or a line break a sentence may start
            previous_kind = "" if tok.kind in ("punct", "newline") else tok.kind
            continue
        memo = memos[previous_kind]
        candidates = memo.get(tok.surface)
        if candidates is None:
            candidates = memo[tok.surface] = _word_candidates(tok, diagnosis, lexicon,
                                                              previous_kind)
        previous_kind = "word"
        if len(candidates) > 1:
            if (not _is_euphonic_t(text, tok) and not _is_inverted_subject(text, tok)
                    and not _second_person_verb(text, tok, contexts[max(0, index - 4):index])
                    and (text[tok.end:tok.end + 1] not in ("'", TYPOGRAPHIC_APOSTROPHE)
                         or tok.context in _ELIDED_BEFORE_A)  # "d’«" is elided, "jusqu' 10" too
                    and not _is_title(tokens, index)):
                options[index] = candidates
        elif allow_insertion and tok.context in _ELIDED_BEFORE_A and _elided_before_space(text, tok):
            # "jusqu' 2001", "qu' la": the apostrophe survived, the "à" after it did not.
            options[index] = [_Candidate(tok.context, (tok.context,), "", 0.0),
                              _Candidate(tok.context + "’à", (tok.context + "'", "à"),
                                         "inserted_word", ELIDED_BEFORE_SPACE_BONUS)]

    # 2. Between which tokens may a vanished "à" have stood?
    insertion = [0] * count  # 0: no, 1: yes, 2: yes, and the gap is a doubled space
    # shared by steps 2 and 3, and kept for the next text decoded with this model
    a_given_after = _A_GIVEN_TABLES.get(model)
    if a_given_after is None:
        a_given_after = _A_GIVEN_TABLES[model] = _AGivenTable(model)
    make_room(a_given_after, MAX_CANDIDATE_MEMO)  # bounded
    cache = model.cache  # log10 P(w | v) by "v w", where already computed
    if allow_insertion:
        # A sentence that starts in lower case where no accented capital survived lost its
        # first letter or its first word: "l'avenir, Chery..." was "À l'avenir, Chery...".
        capitals_lost = not _ACCENTED_CAPITAL.search(text)
        # (only before a word, an elided article or a number)
        for index in compress(range(count), map(_GAP_KINDS.__contains__, kinds)):
            tok = tokens[index]
            if index == 0 or kinds[index - 1] in ("newline", "punct"):
                if capitals_lost and tok.surface[:1].islower() and (
                    index == 0 or kinds[index - 1] == "newline" or tokens[index - 1].surface in ".!?"
                ):
                    insertion[index] = 3
                    continue
                if index == 0:
                    continue
            elif (options[index - 1] is None and a_given_after[contexts[index - 1]] is None
                  and tok.start - tokens[index - 1].end == 1):
                continue  # the usual case: no "à" after the word before, and no doubled space
            prev_end = tokens[index - 1].end
            if tok.start - prev_end == 1 and text[prev_end] == " ":
                double_space = False
            else:
                gap = text[prev_end:tok.start]
                if not gap or gap.strip(" \t\u00a0"):
                    continue
                double_space = "  " in gap
            if not double_space and options[index - 1] is None:
                last = contexts[index - 1]
                if a_given_after[last] is None:
                    continue
                first = tok.context
                if (options[index] is None and kinds[index] == "word"
                        and _a_lift(first, model) < MIN_A_LIFT  # "est", "et", "ne" never follow
                        and not tok.surface[:1].isupper()
                        # ... unless a cue may say otherwise (see _a_cue)
                        and not _governs_a(last)
                        and not _is_infinitive(first, lexicon)
                        and (first not in ARTICLES_AFTER_A or _article_cue(
                            first, contexts[index + 1] if index + 1 < count else "<p>", model
                        ) < MIN_ARTICLE_CUE)):
                    continue
            insertion[index] = 2 if double_space else 1

    # 3. Viterbi over the tokens that matter: ambiguous words, possible "à" gaps and the token
    # after an ambiguous word. Elsewhere a single path runs on and its score need not be known.
    ambiguous = list(compress(range(count), map(is_not, options, repeat(None))))
    interesting = sorted({*ambiguous, *[i + 1 for i in ambiguous if i + 1 < count],
                          *compress(range(count), insertion)})
    # Each state: (score, last context token, back-pointer index into history).
    states: list[tuple[float, str, int]] = [(0.0, "<p>", -1)]
    # (token idx, parent, inserted, cand, margin of the candidate, margin of the inserted "à"):
    # a margin is how much (log10) the choice beat the best alternative at its token
    history: list[tuple[int, int, bool, _Candidate, float, float]] = []
    processed = -1
    unchanged: dict[str, list[_Candidate]] = {}  # the single candidate of a plain token
    # An inserted "à" is scored in full only when it can still beat the best score so far: its
    # cue (_a_cue, the costly part) is at most this much.
    cue_max = _a_cue_max() + 1e-6
    for index in interesting:
        tok = tokens[index]
        previous_token = tokens[index - 1] if index else None
        own_zipf = zipf_of.get(tok.context, 0.0)
        if index - 1 > processed:
            score, _, back = states[0]  # a single state: see above
            states = [(score, contexts[index - 1], back)]
        processed = index
        candidates = options[index]
        if candidates is None:
            candidates = unchanged.get(tok.surface)
            if candidates is None:
                candidates = unchanged[tok.surface] = [
                    _Candidate(tok.surface, (tok.context,), "", 0.0)]
        insertion_here = insertion[index] > 0
        double_space = insertion[index] == 2
        sentence_start = insertion[index] == 3
        following = contexts[index + 1] if index + 1 < count else "<p>"
        auxiliary_before_adverb = ""
        previous_context = contexts[index - 1] if index else ""
        if index > 1 and (previous_context in _ADVERBS or (
                previous_context.endswith("ment") and len(previous_context) > 6)):
            auxiliary_before_adverb = contexts[index - 2]
            if (index > 2 and (previous_context, auxiliary_before_adverb)
                    in _TWO_WORD_ADVERBS):  # "a d'abord montré", "a en outre mené"
                auxiliary_before_adverb = contexts[index - 3]
        if insertion_here:
            # log10 P(à | last) for each state, None where no "à" may follow it
            if double_space or sentence_start:  # (rare) any context may precede the "à"
                a_given: list[float | None] = [logprob("à", last) for _, last, _ in states]
            else:
                a_given = [a_given_after[last] for _, last, _ in states]
            # (a gap is a doubled space or a sentence start, never both: one term is 0.0)
            gap_bonus = ((DOUBLE_SPACE_BONUS if double_space else 0.0)
                         + (SENTENCE_START_A_BONUS if sentence_start else 0.0))
        if len(states) == 1 and len(candidates) == 1:
            # One path in, one word out (a plain word at a possible "à" gap, the most common
            # case): the same scores as below, without the beam's bookkeeping.
            score, last, back = states[0]
            cand = candidates[0]
            first = cand.contexts[0]
            lp = cache.get(last + " " + first)
            best_score = score + (logprob(first, last) if lp is None else lp) + cand.prior
            if last[-1] == "'" and cand.output[:1] not in _VOWEL_START and cand.output[:1]:
                best_score -= ELISION_BEFORE_CONSONANT_PENALTY
            if last in _AUXILIARIES:
                best_score += _participle_cue(last, cand, own_zipf, zipf_of)
            elif auxiliary_before_adverb:
                best_score += _participle_cue(auxiliary_before_adverb, cand, own_zipf, zipf_of)
            elif last == "à":
                best_score += _after_a_cue(tok, cand, previous_token, lexicon,
                                           tokens[index - 2] if index > 1 else None)
            a_given_last = a_given[0] if insertion_here else None
            if a_given_last is not None and len(cand.contexts) == 1 and not cand.kind:
                chain_a = cache.get("à " + first)
                if chain_a is None:
                    chain_a = logprob(first, "à")
                base = score + a_given_last + chain_a + cand.prior + INSERT_A_BIAS + gap_bonus
                if base + cue_max >= best_score:
                    inserted = base + _a_cue(last, first, tok, previous_token, text, lexicon,
                                             following, model)
                    if inserted > best_score:
                        history.append((index, back, True, cand, 0.0, inserted - best_score))
                        states = [(inserted, first, len(history) - 1)]
                        continue
                # an unchanged word that needs no "à": nothing for the trace-back to record
                states = [(best_score, first, back)]
                continue
            if a_given_last is None and len(cand.contexts) == 1 and not cand.kind:
                states = [(best_score, first, back)]
                continue
        new_states = []
        scored: list[tuple[float, int, bool, _Candidate, float]] = []
        for cand in candidates:
            best_score, best_back, best_inserted = -1e9, -1, False
            best_plain = -1e9
            cand_contexts = cand.contexts
            first = cand_contexts[0]
            prior = cand.prior
            chain_a = None
            for state_index, (score, last, back) in enumerate(states):
                lp = cache.get(last + " " + first)
                plain = score + (logprob(first, last) if lp is None else lp) + prior
                if len(cand_contexts) > 1:
                    plain += _chain(logprob, first, cand_contexts[1:])
                if last[-1] == "'" and cand.output[:1] not in _VOWEL_START and cand.output[:1]:
                    plain -= ELISION_BEFORE_CONSONANT_PENALTY  # "l'le" is no French: "l'île"
                if last in _AUXILIARIES:
                    plain += _participle_cue(last, cand, own_zipf, zipf_of)
                elif auxiliary_before_adverb:  # "a également réglé", "avait d'abord montré"
                    plain += _participle_cue(auxiliary_before_adverb, cand, own_zipf, zipf_of)
                elif last == "à":
                    plain += _after_a_cue(tok, cand, previous_token, lexicon,
                                          tokens[index - 2] if index > 1 else None)
                if plain > best_plain:
                    best_plain = plain
                if plain > best_score:
                    best_score, best_back, best_inserted = plain, back, False
                if insertion_here:
                    a_given_last = a_given[state_index]
                    if a_given_last is None:
                        continue
                    if chain_a is None:
                        if len(cand_contexts) == 1:
                            chain_a = cache.get("à " + first)
                            if chain_a is None:
                                chain_a = logprob(first, "à")
                        else:
                            chain_a = _chain(logprob, "à", cand_contexts)
                    base = score + a_given_last + chain_a + prior + INSERT_A_BIAS + gap_bonus
                    if base + cue_max < best_score:
                        continue  # even the largest cue would not make it win
                    inserted = base + _a_cue(last, first, tok, previous_token, text, lexicon,
                                             following, model)
                    if inserted > best_score:
                        best_score, best_back, best_inserted = inserted, back, True
            scored.append((best_score, best_back, best_inserted, cand, best_plain))
        for best_score, best_back, best_inserted, cand, best_plain in scored:
            rival = max((other[0] for other in scored if other[3] is not cand), default=-1e9)
            history.append((index, best_back, best_inserted, cand, best_score - rival,
                            best_score - best_plain if best_inserted else 0.0))
            new_states.append((best_score, cand.contexts[-1], len(history) - 1))
        # Keep the beam small: candidates of one token rarely need more than a few survivors.
        new_states.sort(reverse=True)
        states = new_states[:BEAM]
    # Trace back the best path.
    edits: list[Edit] = []
    # no accented capital survived: a lost first letter may have been one ("tat" -> "État")
    capitals_lost = not _ACCENTED_CAPITAL.search(text)
    capitals = news_capitals()
    node = max(states)[2]
    path = []
    while node >= 0:
        index, parent, a_inserted, cand, margin, a_margin = history[node]
        path.append((index, a_inserted, cand, margin, a_margin))
        node = parent
    path.reverse()
    for index, a_inserted, cand, margin, a_margin in path:
        tok = tokens[index]
        if a_inserted:
            edits.append(_insertion_edit(text, tokens[index - 1].end if index else 0, tok,
                                         a_margin))
        if cand.kind:
            if cand.elision:
                head, tail = tok.surface[:cand.elision], tok.surface[cand.elision:]
                restored = _case_like(cand.output, tail)
                if (capitals_lost and restored[:1] != tail[:1] and restored[:1].islower()
                        and head.lower() + "' " + cand.output in capitals):
                    restored = restored[0].upper() + restored[1:]  # "ltat" -> "l’État"
                after = head + TYPOGRAPHIC_APOSTROPHE + restored
            else:
                after = _case_like(cand.output, tok.surface)
                if after[0] != tok.surface[0] and (_capital_lost(text, tok) or (
                        capitals_lost and cand.output in capitals)):
                    after = after[0].upper() + after[1:]  # "tats-Unis" -> "États-Unis"
            apostrophe = text[tok.end:tok.end + 1]
            if cand.output.endswith("’à") and apostrophe in ("'", TYPOGRAPHIC_APOSTROPHE):
                # "jusqu' 2001": the apostrophe survived, only the "à" vanished.
                edits.append(Edit("inserted_word", tok.end + 1, tok.end + 1, "", "à",
                                  margin_confidence(margin),
                                  f"{tok.surface + apostrophe!r} needs its 'à'"))
                continue
            edits.append(
                Edit(cand.kind, tok.start, tok.end, tok.surface, after, margin_confidence(margin),
                     _reason(tok.surface, after, cand, lexicon) + _odds(margin))
            )
    return edits


def _capital_lost(text: str, tok: Token) -> bool:
    """Was the deleted first letter a capital? At a sentence start, or in "tats-Unis"."""
    head = text[max(0, tok.start - 12):tok.start].rstrip(" \u00a0\"«“(")  # a window: linear time
    if not head and tok.start > 12:
        return False
    if not head or head[-1] in ".!?\n":
        return True
    return bool(re.match(r"-[A-Z]", text[tok.end:tok.end + 2]))


def _chain(logprob, last: str, contexts: tuple[str, ...]) -> float:
    total = 0.0
    for c in contexts:
        total += logprob(c, last)
        last = c
    return total


def margin_confidence(margin: float) -> float:
    """The uncalibrated confidence of a choice that beat its best rival by ``margin`` (log10):
    the odds of the two, as a probability, 0.5 for a tie (``esgtext.repair.calibration`` maps it
    to the share of such edits found right)."""
    if margin >= 6.0:
        return 0.999999
    return round(1.0 / (1.0 + 10.0 ** -max(margin, 0.0)), 6)


def _odds(margin: float) -> str:
    if margin >= 6.0:
        return "; no other reading comes close"
    return f"; the context favours it {10 ** max(margin, 0.0):.3g} to 1 over the next reading"


def _insertion_edit(text: str, prev_end: int, tok: Token, margin: float = 1.0) -> Edit:
    gap = text[prev_end:tok.start]
    head = text[max(0, prev_end - 12):prev_end].rstrip()  # a window: linear time
    sentence_start = (prev_end == 0 or text[prev_end - 1] == "\n"
                      or (head[-1:] in _SENTENCE_END if head else prev_end <= 12))
    word = "À" if sentence_start else "à"
    reason = "a vanished 'à' put back from the context" + _odds(margin)
    confidence = margin_confidence(margin)
    if "  " in gap:  # "collations  80": the vanished word left its two spaces
        middle = gap.index("  ") + 1
        return Edit("inserted_word", prev_end + middle, prev_end + middle, "", word, confidence,
                    reason)
    return Edit("inserted_word", tok.start, tok.start, "", word + " ", confidence, reason)


_REASONS: dict[tuple[str, str, str], str] = {}


def _reason(before: str, after: str, cand: _Candidate, lexicon: FrenchLexicon) -> str:
    key = (before, after, cand.contexts[-1])
    reason = _REASONS.get(key)
    if reason is None:
        make_room(_REASONS, CACHE_LIMIT)
        reason = _REASONS[key] = _reason_uncached(before, after, cand, lexicon)
    return reason


def _reason_uncached(before: str, after: str, cand: _Candidate, lexicon: FrenchLexicon) -> str:
    own = lexicon.zipf.get(before.lower(), 0.0)
    new = lexicon.zipf.get(cand.contexts[-1], 0.0)
    if own < 1.6:
        return f"{before!r} is not a French word; {after!r} is (frequency {10 ** (new - 9):.1e})"
    return f"the context prefers {after!r} (frequency {10 ** (new - 9):.1e}) to {before!r}"


# --- ?-replaced letters -----------------------------------------------------------------------

_QUESTION_WORD = re.compile(r"(?:[^\W\d_]|\?)*[^\W\d_](?:[^\W\d_]|\?)*")
_URL_MARK = re.compile(r"://|www\.|\?[\w%-]+=")
_NON_SPACE_RUN = re.compile(r"\S*")


def _in_url(text: str, position: int) -> bool:
    """Whether the run of non-spaces around ``position`` looks like a URL (has "://", "www." or a
    "?key=" query); read locally, so a text with few "?" costs no scan of the whole text."""
    start = position
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    run = _NON_SPACE_RUN.match(text, position)  # (always matches, maybe empty)
    end = run.end() if run else position
    return _URL_MARK.search(text, start, end) is not None


def _question_mark_words(text: str, lexicon: FrenchLexicon, french: bool = False):
    """(start, end, word, lower-case replacement) for each word whose ``?`` hide accented letters."""
    if "?" not in text:
        return
    zipf = lexicon.zipf
    model = bigram_model() if french else None
    urlish = "=" in text or "/" in text
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
            if not _trailing_mark_is_a_letter(text, m.end(), core, candidates[0], zipf, french):
                continue
        if candidates:
            best = candidates[0]
            if model is not None and len(candidates) > 1:
                best = _best_in_context(text, m.start(), m.end(), candidates[:6], model)
            yield m.start(), m.end(), word, best
            continue
        if french and "?" in lower[1:-1]:
            # "l?environnement": the typographic apostrophe became "?" too.
            prefix, _, rest = lower.partition("?")
            if prefix in ELISIONS and rest and rest[0] in _VOWEL_START:
                if "?" not in rest and zipf.get(rest, 0.0) >= 2.0:
                    yield m.start(), m.end(), word, prefix + TYPOGRAPHIC_APOSTROPHE + rest
                elif lexicon.candidates(rest, "question_mark"):
                    restored = lexicon.candidates(rest, "question_mark")[0]
                    yield m.start(), m.end(), word, prefix + TYPOGRAPHIC_APOSTROPHE + restored


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


def _trailing_mark_is_a_letter(text, end, core, candidate, zipf, french) -> bool:
    following = text[end:end + 3].lstrip(" \u00a0")
    nxt = following[:1]
    own = zipf.get(core, 0.0)
    if nxt.islower() or nxt.isdigit() or (nxt and nxt in ".,;:-"):
        return True  # "r?alis? par", "ajout?." : no question ends there
    if own >= 3.0 and zipf.get(candidate, 0.0) < own:
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


def _best_in_context(text: str, start: int, end: int, candidates, model: BigramModel) -> str:
    before = _CONTEXT_WORD_BEFORE.search(text[max(0, start - 40):start])
    after = _CONTEXT_WORD_AFTER.search(text[end:end + 40])
    prev = _context_word(before)
    nxt = "à" if text[end:end + 3] == " ? " else _context_word(after)  # "gr?ce ? la" -> "à"
    if "?" in prev or "?" in nxt:
        return candidates[0]
    return max(candidates, key=lambda c: model.logprob(c, prev) + model.logprob(nxt, c))


def _case_question_word(text: str, start: int, original: str, replacement: str) -> str:
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    out = []
    for i, c in enumerate(replacement):
        source = original[i] if i < len(original) else ""
        out.append(c.upper() if source.isupper() else c)
    if original[0] == "?" and (_capital_expected(text, start, original)
                               or _news_capital(text, start, replacement)):
        out[0] = out[0].upper()
    return "".join(out)


def _news_capital(text: str, start: int, word: str) -> bool:
    """Whether news French writes ``word`` with a capital here ("l’?tat" -> "l’État")."""
    capitals = news_capitals()
    if word in capitals:
        return True
    elided = text[max(0, start - 3):start]
    return (len(elided) >= 2 and elided[-1] in "'’" and not elided[-3:-2].isalpha()
            and elided[-2].lower() + "' " + word in capitals)


def _capital_expected(text: str, start: int, original: str) -> bool:
    """A leading "?" is a capital (É, À) at a sentence start, in a name ("Nouvelle-?cosse")."""
    before = text[max(0, start - 4):start].rstrip(" \u00a0\"«“(")
    if not before or before[-1] in ".!\n":  # (after ":" French goes on in lower case)
        return True
    if before[-1] == "?" and not before[:-1].endswith((" ", "'", "’")):
        # a real question mark ("quoi? Établi"), not a lone "?" standing for "à", nor the last
        # letter of a word with other "?" ("a ?t? ?tabli")
        word = re.search(r"[^\W\d_?]*(?:\?[^\W\d_]*)*$", text[max(0, start - 40):start].rstrip())
        return not (word and "?" in word.group()[:-1])
    if before[-1] == "-" and len(before) >= 2 and before[-2].isalpha():
        word_start = text.rfind(" ", 0, start - 1) + 1
        return text[word_start:word_start + 1].isupper()
    after = text[start + len(original):start + len(original) + 2]
    return after[:1] == "-" and after[1:2].isupper()


def restore_question_marks(text: str, *, _lexicon: FrenchLexicon | None = None,
                           french: bool = False) -> list[Edit]:
    """Safe on ANY Latin-script text (an English release with "C?te d'Ivoire",
    "Université Félix Houphou?t-Boigny"): only a `?` inside a word whose letters match a known
    word is replaced. "What?" / "Why?No" / URLs with ?query= are untouched.

    >>> from esgtext.repair.edits import apply_edits
    >>> text = "In C?te d'Ivoire, at Universit? F?lix Houphou?t-Boigny. What? See x.com/a?id=3"
    >>> apply_edits(text, restore_question_marks(text))
    "In Côte d'Ivoire, at Université Félix Houphouët-Boigny. What? See x.com/a?id=3"
    """
    lexicon = _lexicon or french_lexicon()
    edits = []
    for start, end, word, replacement in _question_mark_words(text, lexicon, french):
        after = _case_question_word(text, start, word, replacement)
        if after == word:
            continue
        edits.append(
            Edit("question_mark", start, end, word, after, 0.95,
                 f"'?' stands for a lost letter; {replacement!r} is a French word")
        )
    if french:
        edits += _question_mark_a(text, edits)
    return sorted(edits, key=lambda e: e.start)


_LONE_QUESTION_MARK = re.compile(
    r"(?<=\S)(?: \?(?= )|(?<=['’])\?(?= )|(?<=[^\W\d_]-)\?(?=-[^\W\d_]))|(?:^|(?<=\n))\?(?= )"
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
        head = text[max(0, q - 12):q].rstrip()  # a window: linear time
        capital = not head or head[-1] in ".!:\n"
        edits.append(Edit("question_mark", q, q + 1, "?", "À" if capital else "à", 0.65,
                          "'?' between words stands for 'à'"))
    return edits



# --- language score ---------------------------------------------------------------------------

_FRENCH_MARKERS = frozenset(
    "le la les de des du et est un une que qui dans pour sur par avec au aux en ce cette il elle "
    "ils elles ne pas plus son sa ses leur leurs nous vous se sont ont été t tre entre mais ou "
    "comme aussi lors afin ainsi selon chez sous dont".split()
)
_ENGLISH_MARKERS = frozenset(
    "the of and to in is for on with that by as at from was are be it this an which has have "
    "its their were will been or not but also into more than after about said you i do does did "
    "can could would should my your we they he she his him them our what how why who when there "
    "here just any some yes".split()
)
# English contractions ("doesn't", "it's"): their "t" and "s" are no French words ("a t reconnue")
_ENGLISH_CONTRACTION = re.compile(r"(?<=[a-z])(?:n['’]t|['’](?:s|re|ve|ll|d|m))\b", re.IGNORECASE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_LATIN_WORD = re.compile(r"[^\W\d_]+")


def _deleted_french_words(words: list[str]) -> int:
    """How many of ``words`` are no word of French or English but French words with their
    deleted accents put back."""
    from wordfreq import zipf_frequency

    lexicon = french_lexicon()
    found = 0
    for word in words:
        lower = word.lower()
        if len(lower) < 4 or not lower.isascii() or lexicon.zipf.get(lower, 0.0) >= 1.6:
            continue
        if lexicon.best_zipf(lower, "deleted") >= 3.0 and zipf_frequency(lower, "en") < 1.5:
            found += 1
    return found


def french_score(text: str, *, words: list[str] | None = None) -> float:
    """0..1: how French a possibly damaged text looks (deleted/stripped accents included);
    used by repair_text(lang=None) to decide whether to run restore_french. English and
    Chinese news must score low, damaged French high.

    >>> french_score("La mdaille a t reconnue dans le monde entier") > 0.8
    True
    >>> french_score("The medal was awarded to the company in Pretoria") < 0.2
    True
    >>> french_score("中国汽车出口增长了百分之六十七") < 0.1
    True

    ``words``: the Latin-script words of ``text`` (the matches of ``_LATIN_WORD``), when the
    caller has found them already.
    """
    contractions = 0
    if "'" in text or "’" in text:
        contractions = len(_ENGLISH_CONTRACTION.findall(text))
        if contractions:
            text = _ENGLISH_CONTRACTION.sub(" ", text)
            words = None
    if words is None:
        words = _LATIN_WORD.findall(text)
    cjk = len(_CJK.findall(text))
    if cjk:
        words = [word for word in words if not _CJK.search(word)]
    latin_letters = sum(map(len, words))
    french, english = 0, contractions
    for lower in map(str.lower, words):
        if lower in _FRENCH_MARKERS:
            french += 1
        elif lower in _ENGLISH_MARKERS:
            english += 1
    if french + english < 3 and len(words) >= 3:
        # Few markers (a title, a short line): words that are French once their deleted
        # accents come back ("videmment", "deuxime") and no English word count as French.
        french += _deleted_french_words(words)
    if french + english == 0:
        return 0.0
    share = (french + 0.25) / (french + english + 0.5)
    latin_share = latin_letters / (latin_letters + 2 * cjk) if latin_letters + cjk else 0.0
    evidence = 1.0 if french + english >= 3 else 0.75  # one or two markers are weak evidence
    return round(share * latin_share * evidence, 4)
