"""The noisy-channel decoder: a beam Viterbi over the readings of a text's words, scored by
the bigram model and the cues, where a vanished "à" may be re-inserted between two tokens; its
edits carry the odds of each choice against the next reading (the raw confidence that
:mod:`esgtext.repair.calibration` maps to a measured one), measured twice: on the words up to
the choice, and through the word after it (``société créée un environnement``: "créée" wins on
its left but its right neighbour wants "crée"); the smaller margin is the one an edit carries.
"""

from __future__ import annotations

import re
from itertools import compress, repeat
from operator import add, is_not

from esgtext.repair.addresses import phone_pattern
from esgtext.repair.calibration import margin_confidence, odds_reason
from esgtext.repair.classes import class_names, is_name, known_only_as, word_classes
from esgtext.repair.edits import Edit
from esgtext.repair.memo import make_room
from esgtext.repair.lexicon import ARTICLES_AFTER_A, BigramModel, FrenchLexicon, news_capitals
from esgtext.repair.question_marks import _NEVER_AFTER_A
from esgtext.repair.spacing import _MONTH, NBSP, UNITS, YEAR_TOKEN  # (_MONTH: the months as a conversion to ASCII leaves them)


from esgtext.repair.french.candidates import (
    ELIDED_BEFORE_SPACE_BONUS, _ACCENTED_CAPITAL, _ELIDED_BEFORE_A, _case_like,
    _TITLES, _elided_before_space, _is_euphonic_t, _is_inverted_subject, _is_title,
    _second_person_verb, _word_candidates,
)
from esgtext.repair.french.cues import (
    BEAM, DOUBLE_SPACE_BONUS, ELISION_BEFORE_CONSONANT_PENALTY, GAP_MODEL_OFFSET, GAP_MODEL_WEIGHT,
    MID_SENTENCE_DOUBLE_SPACE_BONUS,
    GAP_ANY_CONTEXT, GAP_OPEN, GAP_SCREEN, HAVE_PARTICIPLE_NUMBER_PENALTY, INSERT_A_BIAS,
    MIN_ARTICLE_CUE, MIN_A_LIFT, MIN_LOG_P_A, PREPOSITIONS_BEFORE_NO_A, SENTENCE_START_A_BONUS,
    SHORT_WORDS, VERB_A_PENALTY,
    _ADVERBS, _AUXILIARIES, _NOT_BEFORE_A, _TWO_WORD_ADVERBS,
    _SUBJECTS, _a_cue, _a_cue_max, _a_lift, _after_a_cue, _article_cue, _governs_a,
    _A_GOVERNING_STEMS, _A_LOCUTION_WORDS, _CLITICS_BEFORE_INFINITIVE, _HAVE, _RANGE_WORDS,
    _named_range, _noun_only, _REFLEXIVE_OBJECT_A_STEMS,
    _NEGATIONS_BEFORE_A, _a_cue_opens_gap, _a_locution_cue, _is_adverb, _is_infinitive,
    _IRREGULAR_PARTICIPLES, _adjective_rival, _agent_par_cue, _clitic_en_cue, _participle_cue,
    _short_word_cue, _subject_cue, _subject_phrase_cue, _EMISSION_FORMS, _emission_cue,
    _present_before_object, _sentence_start_participle, _noun_or_adjective_only,
    after_release_heading,
    _verb_a_cue, _where_cue, a_time_follows, a_time_follows_a_date, _denied_cue,
)
from esgtext.repair.french.diagnosis import DamageDiagnosis
from esgtext.repair.french.gaps import AFTER, BEFORE, OUTSIDE, gap_model, shape_of
from esgtext.repair.french.names import spanish_names_in_french
from esgtext.repair.french.participles import participle_cue
from esgtext.repair.french.tokens import (
    TYPOGRAPHIC_APOSTROPHE, Token, _Candidate, _GAP_KINDS, _SENTENCE_END, _VOWEL_START, _columns,
    capitalised_part_follows, list_item,
)


# per damage flags: {kind of the token before: {surface: candidates}}
_CANDIDATE_MEMO: dict[tuple[bool, bool, bool], dict[str, dict[str, list[_Candidate]]]] = {}
MAX_CANDIDATE_MEMO = 50_000
class _AGivenTable(dict):
    """log10 P(à | v) for each context v after which an "à" may come at all, None for the others
    ("le", "de", "des" never precede "à", nor a preposition such as "vers", whatever the bigrams
    saw): ``table[v]``, computed on first look-up."""

    def __init__(self, model: BigramModel):
        super().__init__()
        self.model = model

    def __missing__(self, last: str) -> float | None:
        value = _a_after(self.model, last)
        if value is not None and value <= MIN_LOG_P_A and not _governs_a(last):
            value = None
        self[last] = value
        return value


def _a_after(model: BigramModel, last: str) -> float | None:
    """log10 P(à | last), None after a preposition no "à" follows ("vers à Francfort")."""
    return None if last in PREPOSITIONS_BEFORE_NO_A else model.logprob("à", last)


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
    kinds, _, _, _, contexts = _columns(tokens)
    options = _ambiguous_words(text, tokens, contexts, diagnosis, lexicon)
    # shared by the gaps and the lattice, and kept for the next text decoded with this model
    a_given_after = _A_GIVEN_TABLES.get(model)
    if a_given_after is None:
        a_given_after = _A_GIVEN_TABLES[model] = _AGivenTable(model)
    make_room(a_given_after, MAX_CANDIDATE_MEMO)  # bounded
    gap_odds = None
    if diagnosis.deleted:
        insertion = _a_gaps(text, tokens, kinds, contexts, options, lexicon, model, a_given_after)
        gap_odds = _gap_odds(text, tokens, kinds, contexts, insertion)
    else:
        insertion = [0] * len(tokens)
    states, history = _lattice(text, tokens, contexts, options, insertion, lexicon, model,
                               a_given_after, gap_odds)
    return _best_path_edits(text, tokens, states, history, lexicon, gap_odds)


TEL_BONUS = 3.0  # (log10)
_TELEPHONE_AFTER = re.compile(rf"\.[ \u00a0]?:?[ \u00a0]?(?:\+\d|{phone_pattern()})")


def _ambiguous_words(text: str, tokens: list[Token], contexts: tuple[str, ...],
                     diagnosis: DamageDiagnosis,
                     lexicon: FrenchLexicon) -> list[list[_Candidate] | None]:
    """The candidates of each word that has more than one, None for every other token."""
    allow_insertion = diagnosis.deleted
    count = len(tokens)
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
            # after punctuation or a line break a sentence may start, and after a dateline's
            # year ("Paris, le 22 mai 2026 Lentreprise": its dash vanished)
            previous_kind = "" if tok.kind in ("punct", "newline") or (
                tok.kind == "num" and index and _MONTH.fullmatch(contexts[index - 1])
                and len(tok.surface) == 4) else tok.kind
            continue
        memo = memos[previous_kind]
        candidates = memo.get(tok.surface)
        if candidates is None:
            candidates = memo[tok.surface] = _word_candidates(tok, diagnosis, lexicon,
                                                              previous_kind)
        previous_kind = "word"
        if tok.surface.isupper() and len(candidates) > 1 and candidates[-1].elision and not (
                index == 0 or tokens[index - 1].kind == "newline"
                or tokens[index - 1].surface in ".!?"):
            # "L’ONU" from "LONU" where a sentence starts only ("(DSH)", '"LED"' are acronyms)
            candidates = [c for c in candidates if not c.elision]
        if tok.context in ("tl", "tel") and _TELEPHONE_AFTER.match(text, tok.end):
            # "Tl. : 02 38 51 44 20", "Tel. :": a contact's "Tél.", not "Télé", nor "Tel."
            candidates = [c if c.output != "tél" else c._replace(prior=c.prior + TEL_BONUS)
                          for c in candidates if c.output in ("tl", "tel", "tél")]
        if len(candidates) > 1:
            if (not _is_euphonic_t(text, tok) and not _is_inverted_subject(text, tok)
                    and not text[tok.end:tok.end + 1].isdigit()  # "A380", "G20": a code
                    and not (tok.surface == "L" and text[tok.end:tok.end + 1] == ".")  # "L. Roy"
                    and not (tok.surface in UNITS and index  # "49 Gt", "1 200 MW": a unit
                             and tokens[index - 1].kind == "num")
                    and not _second_person_verb(text, tok, contexts[max(0, index - 4):index])
                    and (text[tok.end:tok.end + 1] not in ("'", TYPOGRAPHIC_APOSTROPHE)
                         or tok.context in _ELIDED_BEFORE_A)  # "d’«" is elided, "jusqu' 10" too
                    and not _is_title(tokens, index)
                    and (not _is_acronym(tokens, index) or candidates[-1].elision)):
                options[index] = candidates
        elif allow_insertion and tok.context in _ELIDED_BEFORE_A and _elided_before_space(text, tok):
            # "jusqu' 2001", "qu' la": the apostrophe survived, the "à" after it did not.
            options[index] = [_Candidate(tok.context, (tok.context,), "", 0.0),
                              _Candidate(tok.context + "’à", (tok.context + "'", "à"),
                                         "inserted_word", ELIDED_BEFORE_SPACE_BONUS)]
    if diagnosis.deleted_apostrophe:
        _elided_auxiliaries(tokens, contexts, options)
        _elided_before_inversion(text, tokens, contexts, options)
        _of_them(contexts, options)
        _born(tokens, contexts, options)
    _adjectives_after_nouns(tokens, contexts, options)
    return options


# After a word the classes know only as a noun, a word read as a noun or as an adjective (a
# participle) is the adjective more often than the classes' chain says: "des taux élevés",
# "niveaux élevés d’arsenic", "le vocabulaire codé" had read "élèves", "code" (French seldom
# sets two nouns side by side). Tune split: stripped 1.031 -> 1.026 % at 1.0 (0.5 and 2.0:
# 1.029 %), deleted 1.963 -> 1.959 % (1.962, 1.965 %), capitals too 2.005 -> 2.001 %; LM split
# the same.
NOUN_ADJECTIVE_BONUS = 1.0


# ... and after an adverb of degree, which no noun follows ("les plus peuplés", "bien plus âpre",
# "la plus visée" had read "peuples", "père", "vise")
_DEGREE_ADVERBS = frozenset("plus moins mieux très trop aussi assez".split())


def _adjectives_after_nouns(tokens: list[Token], contexts: tuple[str, ...],
                            options: list[list[_Candidate] | None]) -> None:
    """Give the adjective readings of a word after a noun their bonus (``options``, in place:
    see :data:`NOUN_ADJECTIVE_BONUS`), where its readings are a noun and an adjective."""
    classes = word_classes()
    if classes is None:
        return
    names_of = classes.names_of
    for index in compress(range(1, len(tokens)), options[1:]):
        if (options[index - 1] is not None or tokens[index - 1].kind != "word"
                or (index > 1 and tokens[index - 2].surface in _OPENING_MARKS)):
            continue  # ("(green bond)": a gloss, often English, is no French noun phrase)
        degree = contexts[index - 1] in _DEGREE_ADVERBS
        if not (degree or _noun_only(contexts[index - 1])):
            continue
        candidates = options[index]
        found = [names_of(c.output) if len(c.contexts) == 1 else () for c in candidates]
        adjectives = [bool(k) and all(name[0] in "AQ" for name in k) for k in found]
        # (after a noun, the others are nouns; after an adverb of degree, no adjective at all)
        other = "N" if not degree else "NVY"
        if any(adjectives) and any(k and all(name[0] in other for name in k) for k in found):
            options[index] = [c._replace(prior=c.prior + NOUN_ADJECTIVE_BONUS) if adjective
                              else c for c, adjective in zip(candidates, adjectives)]


def _is_acronym(tokens: list[Token], index: int) -> bool:
    """"PRI", "MF DNES": a short word in capitals among words that are not is an acronym, no
    word that lost its accents (a headline in capitals keeps its readings: "LE PRSIDENT")."""
    surface = tokens[index].surface
    if not (2 <= len(surface) <= 4 and surface.isupper()):
        return False
    for near in (index - 1, index + 1):
        if 0 <= near < len(tokens) and tokens[near].kind == "word":
            other = tokens[near].surface
            if len(other) >= 5 and other.isupper():
                return False
    return True


# "la", "ma" that were "l’a", "m’a" before the apostrophe vanished ("on la déjà entendu",
# "il ma dit"): read both ways where a participle or an adverb follows.
_ELIDED_AUXILIARY = {"la": "l'", "ma": "m'", "ta": "t'"}  # ("il ta dit": "il t’a dit")
_SUBJECTS_OR_NEGATION = _SUBJECTS | frozenset(("ne", "qui", "quon", "lon", "on"))
_PARTICIPLE_LIKE = ("é", "ée", "és", "ées", "i", "is", "it", "u", "us", "ue", "ert", "int")
# ... but "-ité" is a noun ("dans la nervosité"), and after these the "la" is an article
_NOUN_LIKE = ("ité", "ités")
_ARTICLE_BEFORE = frozenset(
    "de du des dans par pour sur sous avec sans vers chez à au aux en entre contre selon depuis "
    "pendant après avant".split())


def _elided_auxiliaries(tokens: list[Token], contexts: tuple[str, ...],
                        options: list[list[_Candidate] | None]) -> None:
    """Give "la"/"ma" the reading "l’a"/"m’a" (``options``, in place) where the next word may be
    a past participle or an adverb, as written or once repaired; the bigram model and the
    participle cue choose."""
    count = len(tokens)
    for index in compress(range(count - 1), map(_ELIDED_AUXILIARY.__contains__, contexts)):
        elision = _ELIDED_AUXILIARY[contexts[index]]
        if tokens[index].kind != "word" or (options[index] is not None and index and (
                contexts[index - 1] not in _SUBJECTS_OR_NEGATION)):  # ("ta": "ôta", "éta")
            continue
        following = tokens[index + 1]
        if (following.kind != "word" or following.start != tokens[index].end + 1
                or (index and contexts[index - 1] in _ARTICLE_BEFORE)):
            continue
        readings = [c.output for c in options[index + 1] or ()] or [following.context]
        if not any(r in _ADVERBS or (r.endswith(_PARTICIPLE_LIKE) and not r.endswith(_NOUN_LIKE))
                   for r in readings):
            continue
        options[index] = [*(options[index] or [_Candidate(contexts[index], (contexts[index],),
                                                          "", 0.0)]),
                          _Candidate("a", (elision, "a"), "deleted_apostrophe", 0.0, 1)]


# "a" before the end of a clause ("vu a.", "faites pas a!", "Rends-moi a, s’il te plaît") is "ça"
# whose "ç" a deletion took: the verb "a" ends no clause but after "y", "en" or a subject ("il y
# en a.", "qui en a,"), and "à" never does
THAT_AT_CLAUSE_END_BONUS = 2.0
_CLAUSE_END = frozenset(".!?,;:")
_BEFORE_A_AT_CLAUSE_END = frozenset("y en il elle on qui ce cela".split())


def _that_at_clause_end(tokens: list[Token], contexts: tuple[str, ...], index: int) -> bool:
    """Whether token ``index`` ("a") stands right before the punctuation that ends a clause,
    after a word that is not "y", "en" or a subject pronoun."""
    if not index or index + 1 >= len(tokens) or contexts[index - 1] in _BEFORE_A_AT_CLAUSE_END:
        return False
    after = tokens[index + 1]
    return (after.kind == "punct" and after.surface[:1] in _CLAUSE_END
            and tokens[index - 1].kind == "word")


# ... and "a" after a word that the verb "a" cannot follow: "que", "de" or "si" (before it they
# would elide: "qu’a", "d’a", "s’il a"), a verb that is neither a participle nor "être" or
# "avoir" ("faire a", "je fais a", "ils font a là"), or "comme", "comment", "pas", "tout" ("comme
# a", "pas a chez toi"), unless a participle follows ("tout a été fait", "comme a assuré
# Giuseppe") or "priori" ("devrait a priori"), nor after a verb that governs "à" ("aider a
# limiter": an "à" its writer wrote "a", tune split). Tatoeba's first half: 134 "ça" after such
# words, 2 "a"; the WMT news LM and tune splits: 12 "ça", no "a" but a speaker's "suivre a
# déclaré" whose comma the writer left out
_BEFORE_THAT_ONLY = frozenset(("que", "de", "si", "comme", "comment", "pas", "tout"))
_VERB_NOT_PARTICIPLE = ("V", "Y")


def _that_as_object(tokens: list[Token], contexts: tuple[str, ...], index: int) -> bool:
    """Whether token ``index`` ("a") follows a word the verb "a" cannot follow (see above)."""
    if not index or index + 1 >= len(tokens) or tokens[index - 1].kind != "word":
        return False
    previous, previous_context = tokens[index - 1], contexts[index - 1]
    if not previous.surface.islower() or tokens[index + 1].surface[:1] == "-":
        return False  # (a name, "États-Unis"; "comment a-t-elle")
    following = contexts[index + 1]
    if following == "priori" or any(name[0] in "QE" for name in class_names(following)):
        return False
    if previous_context in _BEFORE_THAT_ONLY:
        return True
    if previous_context.startswith(_A_GOVERNING_STEMS):
        return False  # ("aider a limiter": an "à" its writer wrote "a")
    names = class_names(previous_context)
    return bool(names) and all(name.startswith(_VERB_NOT_PARTICIPLE) for name in names)


# "Tes-tu", "Las-tu", "Nes-tu": a determiner or a pronoun before an inverted subject is an elided
# pronoun or negation glued to the verb ("T’es-tu lavé les mains ?", "L’as-tu vu ?"): only a
# verb comes before "-tu"
_ELIDED_BEFORE_INVERSION = {
    word: (word[0] + "'", word[1:]) for word in "tes mes les nes tas mas las nas".split()}
_INVERTED_PRONOUNS = frozenset(("tu", "il", "elle", "on"))


def _elided_before_inversion(text: str, tokens: list[Token], contexts: tuple[str, ...],
                             options: list[list[_Candidate] | None]) -> None:
    """Read "tes", "las", … before a hyphen and an inverted subject pronoun as "t’es", "l’as",
    …, and after "je" or "tu" a verb that an elided pronoun or "ne" was glued to as that pair
    ("tu las fait": "tu l’as fait"; see :func:`_verb_after_subject`), and give "jaime" before a
    word in lower case the reading "j’aime" (``options``, in place)."""
    for index in compress(range(len(tokens) - 1),
                          map(_ELIDED_BEFORE_INVERSION.__contains__, contexts[:-1])):
        after = tokens[index + 1]
        if after.context not in _INVERTED_PRONOUNS or text[tokens[index].end:after.start] != "-":
            continue
        elision, verb = _ELIDED_BEFORE_INVERSION[contexts[index]]
        options[index] = [_Candidate(verb, (elision, verb), "deleted_apostrophe", 0.0, 1)]
    # after "tu" or "je", a pronoun or "ne" elided before the verb: "tu tes trompé", "tu las
    # fait", "tu nes pas", "tu laimes", "je lai vu", "je mappelle" ("t’es", "l’as", "l’ai", …):
    # no word of these follows "tu" or "je" as it stands but a verb ("tu tailles", "je taille")
    for index in compress(range(1, len(tokens)), map(_SINGULAR_SUBJECTS.__contains__,
                                                     contexts[:-1])):
        tok = tokens[index]
        verb = _verb_after_subject(tok.context) if tok.kind == "word" and tok.surface.islower(
        ) else ""
        if verb and text[tokens[index - 1].end:tok.start] == " ":
            options[index] = [_Candidate(verb, (tok.context[0] + "'", verb),
                                         "deleted_apostrophe", 0.0, 1)]
    # "Jaime le chocolat", "jaime beaucoup": "J’aime" (the Spanish name has a surname after it:
    # "Jaime Guardiola")
    for index in compress(range(len(tokens) - 1), map("jaime".__eq__, contexts[:-1])):
        after = tokens[index + 1]
        if after.kind == "word" and after.surface[:1].islower():
            options[index] = [*(options[index] or [_Candidate("jaime", ("jaime",), "", 0.0)]),
                              _Candidate("aime", ("j'", "aime"), "deleted_apostrophe", 0.0, 1)]


_SINGULAR_SUBJECTS = frozenset(("je", "tu"))
_ELIDED_AFTER_SUBJECT = ("t", "l", "m", "n")  # (not "s": "tu sais")
_PERSON_CLASSES = frozenset(("V12", "Es", "Hs"))  # (first or second person singular)


def _verb_after_subject(word: str) -> str:
    """The verb in ``word`` after "je" or "tu", an elided "t’", "l’", "m’" or "n’" glued to it
    ("tes": "es", "laimes": "aimes", "lai": "ai"), or "" (also where ``word`` is such a verb
    itself: "tailles")."""
    if word[:1] not in _ELIDED_AFTER_SUBJECT or word in ("les", "mes", "me", "te", "le", "ne"):
        return ""
    verb = word[1:]
    if verb == "a" or verb[:1] not in _VOWEL_START or _PERSON_CLASSES.intersection(
            class_names(word)):  # ("je la vois": "a" is of the third person)
        return ""
    return verb if _PERSON_CLASSES.intersection(class_names(verb)) else ""


# "un d’eux", "chacun d’eux", "aucun d’eux": after these a "deux" whose apostrophe vanished was
# "d’eux" (LM split: 9 "d’eux" after them, no "deux"; "un deux-pièces" is one word). Its
# reading "d’eux" gets this much: tune split, deleted 1.927 -> 1.924 % at 1.0 and 2.0 (LM split
# 1.687 -> 1.684 %: five mended, none broken), without it 1.927 %.
OF_THEM_BONUS = 1.0
# ... and "lune des", "lune d’entre" whose apostrophe vanished were "l’une des", "l’une d’entre"
# (LM split: 22 "l’une des/d’entre", no "lune des"; "lune de miel" keeps its moon)
UNE_DES_BONUS = 2.0
_ONE_OF = frozenset("un une chacun chacune aucun aucune premier première dernier dernière".split())


# "ne" before a vowel is no negation, which elides there ("n’en", "n’a"): where the text lost its
# apostrophes, it is "née" that lost its "é"s ("la diplomatie climatique, ne en 1992"; LM split:
# 4 such "née", no "ne"). The kept "ne" costs this much.
NEGATION_BEFORE_VOWEL_PENALTY = 3.0
_VOWEL_LETTERS = tuple("aeiouyAEIOUY")


def _born(tokens: list[Token], contexts: tuple[str, ...],
          options: list[list[_Candidate] | None]) -> None:
    """Make the kept "ne" before a word that starts with a vowel costly (``options``, in
    place), where "née" is one of its readings."""
    for index in compress(range(len(contexts) - 1), map("ne".__eq__, contexts[:-1])):
        following = tokens[index + 1]
        if (options[index] is None or following.kind != "word"
                or not following.surface.startswith(_VOWEL_LETTERS)
                or not any(c.output == "née" for c in options[index])):
            continue
        options[index] = [c._replace(prior=c.prior - NEGATION_BEFORE_VOWEL_PENALTY)
                          if not c.kind else c for c in options[index]]


def _of_them(contexts: tuple[str, ...], options: list[list[_Candidate] | None]) -> None:
    """Give "deux" after "un", "chacun", "aucun", … the reading "d’eux" (``options``, in place),
    where the text lost its apostrophes; and "dores et" the reading "d’ores et" ("a dores et
    dj rduit": "d’ores et déjà", not "dorées")."""
    for index in compress(range(1, len(contexts)), map("deux".__eq__, contexts[1:])):
        if options[index] is None and contexts[index - 1] in _ONE_OF:
            options[index] = [_Candidate("deux", ("deux",), "", 0.0),
                              _Candidate("eux", ("d'", "eux"), "deleted_apostrophe",
                                         OF_THEM_BONUS, 1)]
    for index in compress(range(len(contexts) - 2), map("dores".__eq__, contexts[:-2])):
        if contexts[index + 1] == "et" and contexts[index + 2] in ("dj", "déjà", "deja"):
            options[index] = [_Candidate("dores", ("dores",), "", 0.0),
                              _Candidate("ores", ("d'", "ores"), "deleted_apostrophe",
                                         OF_THEM_BONUS, 1)]


def _a_gaps(text: str, tokens: list[Token], kinds: tuple[str, ...], contexts: tuple[str, ...],
           options: list[list[_Candidate] | None], lexicon: FrenchLexicon, model: BigramModel,
           a_given_after: _AGivenTable) -> list[int]:
    """Between which tokens a vanished "à" may have stood: 0 no, 1 yes, 2 yes and the gap is a
    doubled space, 3 yes and a sentence starts in lower case there, 5 yes, between two numbers
    ("de 15 38 pour cent": a range; 4, set by :func:`_gap_odds`: yes, the gap model says so),
    6 yes and a line starts with a space (" Vienne, on affirme": its first word vanished), 7 yes,
    a locution or a governed infinitive after its pronoun (see :func:`_a_cue_opens_gap`: the gap
    model, which reads counts of single words, is not asked), 8 yes, an opening quotation mark
    or parenthesis that a space follows ('" la plus grande', "( hauteur de")."""
    count = len(tokens)
    insertion = [0] * count
    # A sentence that starts in lower case where no accented capital survived lost its
    # first letter or its first word: "l'avenir, Chery..." was "À l'avenir, Chery...".
    capitals_lost = not _ACCENTED_CAPITAL.search(text)
    # (only before a word, an elided article or a number)
    for index in compress(range(count), map(_GAP_KINDS.__contains__, kinds)):
        tok = tokens[index]
        if _never_a_before(text, tokens, kinds, index):
            continue
        opened = None  # whether a cue opens this gap (see _opens_gap), once asked
        if index == 0 or kinds[index - 1] in ("newline", "punct"):
            if _percent_range(text, tokens, kinds, index):
                insertion[index] = 5  # "de 58 % 71 %": "de 58 % à 71 %"
                continue
            if (kinds[index] == "num" and index > 1
                    and a_time_follows_a_date(text, tok, tokens[index - 1], contexts[index - 2])):
                insertion[index] = 7  # "le 7 mai, 14 h": "le 7 mai, à 14 h"
                continue
            if index and _opening_mark_then_space(text, tokens[index - 1], tok):
                # '" la plus grande', '( hauteur de': an opening quotation mark or parenthesis
                # that a space follows lost the word after it, most often "à"; not where the
                # word after it starts the quotation with its capital ('" Tout était parfait':
                # an "À" gone would have left "tout"; LM split: 6 such spaced quotations)
                if not _starts_in_capital(tok):
                    insertion[index] = 8
                continue
            line_start = tokens[index - 1].end if index else 0
            if (index == 0 or kinds[index - 1] == "newline") and text[
                    line_start:tok.start] == " " and list_item(text, line_start):
                continue  # " rduction de 32 % ;": the bullet of a list item vanished
            if capitals_lost and (index == 0 or kinds[index - 1] == "newline") and text[
                    line_start:tok.start] == " " and not (
                    tok.surface[:1].isupper() and tok.context in _NEVER_AFTER_A):
                # " Vienne, on affirme", " cet effet, il": a line that starts with the space
                # that its vanished first word left ("À Vienne"), where no capital survived
                insertion[index] = 6
                continue
            if capitals_lost and tok.surface[:1].islower() and (
                index == 0 or kinds[index - 1] == "newline" or tokens[index - 1].surface in ".!?"
            ):
                insertion[index] = 3
                continue
            if index == 0:
                continue
        elif (kinds[index] == "num" and kinds[index - 1] in ("word", "num")
              and a_time_follows(text, tok, contexts[index - 1])
              and tok.start - tokens[index - 1].end == 1):
            insertion[index] = 7  # "le 21 mai 14h30": a time (see cues.TIME_A_BONUS)
            continue
        elif (kinds[index - 1] == "num" and kinds[index] == "num"
              and tok.start - tokens[index - 1].end == 1):
            if _number_range(text, tokens, kinds, index):
                insertion[index] = 5
            continue
        elif (options[index - 1] is None and a_given_after[contexts[index - 1]] is None
              and tok.start - tokens[index - 1].end == 1
              and not (opened := _opens_gap(tokens, contexts, options, index, lexicon))):
            continue  # the usual case: no "à" after the word before, and no doubled space
        prev_end = tokens[index - 1].end
        if tok.start - prev_end == 1 and text[prev_end] == " ":
            double_space = False
        else:
            gap = text[prev_end:tok.start]
            if not gap or gap.strip(" \t\u00a0"):
                continue
            double_space = "  " in gap
        if opened is None:
            opened = not double_space and _opens_gap(tokens, contexts, options, index, lexicon)
        if not double_space and options[index - 1] is None:
            last = contexts[index - 1]
            first = tok.context
            if a_given_after[last] is None and not opened:
                continue
            if (options[index] is None and kinds[index] == "word"
                    and _a_lift(first, model) < MIN_A_LIFT  # "est", "et", "ne" never follow
                    and not tok.surface[:1].isupper()
                    # ... unless a cue may say otherwise (see _a_cue)
                    and not _governs_a(last)
                    and not opened
                    and not _is_infinitive(first, lexicon)
                    and (first not in ARTICLES_AFTER_A or _article_cue(
                        first, contexts[index + 1] if index + 1 < count else "<p>", model
                    ) < MIN_ARTICLE_CUE)):
                continue
        insertion[index] = 7 if opened else 2 if double_space else 1
    return insertion


# "d" glued to the word it was elided before: "dAlpitech", "dÉnergies", "denvironnement"
_GLUED_D = re.compile(r"d(?:[A-ZÀ-Ý]|[aeiouyhéèêàâîôû])")


def _never_a_before(text: str, tokens: list[Token], kinds: tuple[str, ...], index: int) -> bool:
    """Whether no "à" vanished before token ``index``: the first word of "vis--vis",
    "face--face" (its "à" vanished between the hyphens, see ``_EMPTY_HYPHENATION``); a word after
    a capital "A", itself the "à" ("A partir du moment", as some sources write "À"); a code after
    a word ("l’autoroute D5", "les L-159"); a number after a capitalised word ("la Formule 1",
    "Peugeot 207"); the word after "rapport" but in "par rapport à" ("le rapport annuel");
    "propos" but before "de" ("le dividende proposé s’élève"); the
    second capitalised word of a name inside a sentence ("la Société du
    Grand Paris", "M. Russell Travers"). On the LM split: a code after a lower-case word 39
    times, never after "à"; a number after a capitalised word inside a sentence 47 times, 2 with
    an "à" between them ("Khartoum à 15"); two capitalised words inside a sentence 2,474 times,
    41 with an "à" between them ("de Prague à Beroun")."""
    tok = tokens[index]
    if text.startswith("--", tok.end) or (index and tokens[index - 1].surface == "A"):
        return True
    if tok.kind == "num" and index and kinds[index - 1] == "word" and tokens[
            index - 1].surface[:1].isupper():
        return True  # "la Formule 1", "Peugeot 207", "Samedi 25"
    if index and tokens[index - 1].context in ("presse", "communiqu", "communiqué") and (
            after_release_heading(text, tok.start)):
        return True  # "Communiqué de presse – Lyon": the heading, then its dash
    if tok.context == "propos" and (index + 1 == len(tokens) or (
            tokens[index + 1].context not in ("de", "du", "des", "d'")
            and not _GLUED_D.match(tokens[index + 1].surface)
            and not ((index == 0 or kinds[index - 1] == "newline")
                     and tokens[index + 1].context[:1] == "d"))):
        # "le dividende propos s’élève": "à propos" is "à propos de" (LM: 22 in 22), or "d’"
        # glued to its word ("À propos dAlpitech", "dÉnergies"; where a line starts, a release's
        # heading, also "dnergies": its "É" vanished too)
        return True
    if index and tokens[index - 1].context == "rapport" and (
            index < 2 or tokens[index - 2].context != "par"):
        return True  # "le rapport annuel": "rapport à" is "par rapport à" (LM split: 47 in 48)
    if index < 2 or not tok.surface[:1].isupper() or kinds[index - 1] != "word":
        return False
    if tok.context in _TITLE_STARTS:
        return True  # "sur le site, rubrique « Nos engagements »": a title's guillemet vanished
    if (len(tok.surface) <= 3 and tok.surface.isupper() and index + 1 < len(tokens)
            and kinds[index + 1] == "num" and text[tok.end:tokens[index + 1].start] in ("", "-")):
        return True
    before = tokens[index - 1].surface
    if not (before[:1].isupper() and before[1:2].islower()):
        return False
    # (the first capital may be a sentence's: "Réunion à Paris"; "M. Russell" is no sentence)
    mark = tokens[index - 2]
    return kinds[index - 2] != "newline" and (mark.surface not in ".!?" or (
        mark.surface == "." and index > 2 and tokens[index - 3].surface in _TITLES_BEFORE_A_DOT))


# Determiners that start a title inside a sentence, written with its capital ("rubrique « Nos
# engagements »", "le film « Une vie »"); never a name after "à" (LM split: none after "à", and
# "Ma", "Des", "Son" were names: "Ma Ying-jeou", "Des Browne")
_TITLE_STARTS = frozenset(
    "nos notre vos votre mon mes ses leur leurs un une ce cet cette ces".split())
_TITLES_BEFORE_A_DOT = _TITLES | {"M"}  # ("M. Russell": the candidates' titles, and "M")


def _city_after_noun(tokens: list[Token], contexts: tuple[str, ...], index: int) -> bool:
    """Whether token ``index`` is a city the word classes know, after a word they know only as
    a noun ("son anniversaire Dublin"; "la banque Bradford" is a name, and "Temecula", which
    the classes do not know, is none)."""
    tok = tokens[index]
    if tok.kind != "word" or not tok.surface[:1].isupper() or tokens[index - 1].kind != "word":
        return False
    return "MC" in class_names(tok.context) and _noun_only(contexts[index - 1])


def _starts_in_capital(tok: Token) -> bool:
    """Whether ``tok`` is a word capitalised where it starts a sentence: a capital, then lower
    case, and in lower case a word the classes know, and never as a name ("Tout", "Vous"; not
    "Paris", "Amiens", nor a word they do not know, "Eatonville")."""
    surface = tok.surface
    if tok.kind != "word" or not surface[:1].isupper() or not surface[1:].islower():
        return False
    names = class_names(surface.lower())
    return bool(names) and not any(name in _NAME_CLASSES for name in names)


_NAME_CLASSES = frozenset(("M", "MC", "U"))
_OPENING_MARKS = frozenset('"«“(')  # (a quotation or a gloss opens after them)


def _opening_mark_then_space(text: str, mark: Token, tok: Token) -> bool:
    """Whether ``mark`` is an opening quotation mark or parenthesis with one space between it
    and ``tok`` (a straight quotation mark opens when an even number of them precede it on its
    line)."""
    if mark.surface not in ('"', "(") or text[mark.end:tok.start] != " ":
        return False
    if mark.surface == "(":
        return True
    line_start = text.rfind("\n", 0, mark.start) + 1
    return text.count('"', line_start, mark.start) % 2 == 0


def _opens_gap(tokens: list[Token], contexts: tuple[str, ...],
               options: list[list[_Candidate] | None], index: int, lexicon: FrenchLexicon) -> bool:
    """Whether a cue of :func:`_a_cue_opens_gap` opens the gap before token ``index``, for any
    reading of the word before it, or a city follows a noun there (:func:`_city_after_noun`)."""
    if _city_after_noun(tokens, contexts, index) or _place_after_year(tokens, index):
        return True
    first = contexts[index]
    lasts = ([c.contexts[-1] for c in options[index - 1]] if options[index - 1]
             else (contexts[index - 1],))
    # (a reading of two words, an elided article glued to its noun, "lissue": "l’issue")
    glued = [c.contexts[:2] for c in options[index] or () if len(c.contexts) > 1]
    if not (first in _A_LOCUTION_WORDS or first in _CLITICS_BEFORE_INFINITIVE or glued
            or first in _RANGE_WORDS
            or any(last in _NEGATIONS_BEFORE_A or _is_adverb(last)
                   or last.startswith(_REFLEXIVE_OBJECT_A_STEMS) or last == "part"
                   for last in lasts)):
        return False  # (the usual case, at every token: none of the cues can apply)
    following = contexts[index + 1] if index + 1 < len(contexts) else "<p>"
    before_last = _context_two_back(contexts, options, index)
    if first in _RANGE_WORDS and any(  # "davril fin septembre": "d’avril à fin septembre"
            _named_range(c.contexts[-2], c.contexts[-1], first, following)
            for c in options[index - 1] or () if len(c.contexts) > 1):
        return True
    # (a reading of two words before the gap reads its first as the word two back: "sattaque"
    # is "s’attaque")
    pairs = [(c.contexts[-1], c.contexts[-2] if len(c.contexts) > 1 else before_last)
             for c in options[index - 1]] if options[index - 1] else [(lasts[0], before_last)]
    return any(_a_cue_opens_gap(last, word, after, lexicon, two_back)
               for last, two_back in pairs for word, after in [(first, following), *glued])


def _place_after_year(tokens: list[Token], index: int) -> bool:
    """Whether token ``index`` is a capitalised word right after "en" and a year ("fondée en 1958
    Lille": see cues.YEAR_PLACE_BONUS)."""
    previous, current = tokens[index - 1], tokens[index]
    return (previous.kind == "num" and current.kind == "word" and current.surface[:1].isupper()
            # (not a date's year, "5 mars 2026 Le", nor "En 2025 Renault")
            and index > 1 and tokens[index - 2].surface == "en"
            # (the cue's own test of a year, so that the gap opens wherever the bonus is given)
            and current.start - previous.end == 1
            and YEAR_TOKEN.fullmatch(previous.surface) is not None)


def _context_two_back(contexts: tuple[str, ...], options: list[list[_Candidate] | None],
                      index: int) -> str:
    """The context token two before token ``index``, as the cues of a vanished "à" read it: the
    reading that is an avoir form or a verb that governs "à", where it has one ("na pas" is
    "n’a pas", "nhsitent pas" "n’hésitent pas")."""
    if index < 2:
        return ""
    for cand in options[index - 2] or ():
        if cand.contexts[-1] in _HAVE or cand.contexts[-1].startswith(_A_GOVERNING_STEMS):
            return cand.contexts[-1]
    return contexts[index - 2]


def _number_range(text: str, tokens: list[Token], kinds: tuple[str, ...], index: int) -> bool:
    """Two numbers, one space apart, that are no thousands group ("1 233"), nor part of a run of
    numbers (a telephone number, "01 45 67 89 00"): a range whose "à" vanished ("15 38")."""
    previous, current = tokens[index - 1], tokens[index]
    if current.start - previous.end != 1 or text[previous.end] != " ":
        return False
    if len(current.surface) == 3 and len(previous.surface) <= 3:
        return False  # "1 233 000"
    if index > 1 and kinds[index - 2] == "num" and tokens[index - 2].end + 1 == previous.start:
        return False
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    return not (after is not None and after.kind == "num" and after.start == current.end + 1)


def _percent_range(text: str, tokens: list[Token], kinds: tuple[str, ...], index: int) -> bool:
    """A number after a percentage, one space apart, and a percentage itself: a range whose "à"
    vanished ("passée de 58 % 71 %")."""
    if index < 2 or kinds[index] != "num" or tokens[index - 1].surface != "%" or (
            kinds[index - 2] != "num" or index + 1 >= len(tokens)):
        return False
    after = tokens[index + 1]
    return (after.surface == "%" and text[tokens[index - 1].end:tokens[index].start] == " "
            and after.start - tokens[index].end <= 1)


def _gap_odds(text: str, tokens: list[Token], kinds: tuple[str, ...], contexts: tuple[str, ...],
              insertion: list[int]) -> list[float] | None:
    """The gap model's log10 odds of a vanished "à" (see :mod:`.gaps`) at each gap inside a
    sentence where one may go, 0.0 elsewhere; None where the build has no gap model. A gap
    between two words that the bigram model passed over ("une boisson base de plantes") and the
    gap model finds likely (above :data:`GAP_OPEN`) becomes one (``insertion`` set to 4), and so
    does a gap of the bigram model where it finds an "à" likelier still (above
    :data:`GAP_ANY_CONTEXT`), so that any word may precede it."""
    model = gap_model()
    if model is None:
        return None
    count = len(tokens)
    odds = [0.0] * count
    # The cheap part of the model first, for every token: what the words on either side say.
    after = model.contributions(AFTER, contexts)
    before = model.contributions(BEFORE, contexts)
    # gaps already found (not a sentence start: the model reads gaps inside sentences) ...
    gaps = [i for i in compress(range(count), insertion) if insertion[i] not in (3, 6, 7, 8)]
    # ... and single spaces between two words, or after a comma (", à propos de"), where the words
    # on either side say "à"
    for index in compress(range(1, count), map(GAP_SCREEN.__le__, map(add, after[1:], before))):
        if (insertion[index] or kinds[index] not in _GAP_KINDS
                or (kinds[index - 1] != "word" and tokens[index - 1].surface != ",")
                or contexts[index - 1] in _NOT_BEFORE_A  # ("de", "la": never before "à")
                or _never_a_before(text, tokens, kinds, index)):
            continue
        prev_end = tokens[index - 1].end
        if tokens[index].start - prev_end == 1 and text[prev_end] == " ":
            gaps.append(index)
    if not gaps:
        return odds
    values = model.log_odds_of_gaps(
        [contexts[i - 2] if i > 1 else OUTSIDE for i in gaps], [contexts[i - 1] for i in gaps],
        [contexts[i] for i in gaps], [contexts[i + 1] if i + 1 < count else OUTSIDE for i in gaps],
        [shape_of(kinds[i], tokens[i].surface) for i in gaps],
        [after[i] for i in gaps], [before[i - 1] for i in gaps])
    for index, value in zip(gaps, values):
        odds[index] = value
        if (not insertion[index] and value > GAP_OPEN) or (
                insertion[index] == 1 and value > GAP_ANY_CONTEXT):
            insertion[index] = 4  # (then any word may precede the "à": "passé à travers")
    return odds


def _lattice(text: str, tokens: list[Token], contexts: tuple[str, ...],
             options: list[list[_Candidate] | None], insertion: list[int],
             lexicon: FrenchLexicon, model: BigramModel, a_given_after: _AGivenTable,
             gap_odds: list[float] | None = None,
             ) -> tuple[list[tuple[float, str, int]], list[tuple]]:
    """The beam Viterbi: the states left after the last token, and the history the best of them
    points into (``gap_odds``: the gap model's log10 odds at each gap, see :func:`_gap_odds`)."""
    logprob = model.logprob
    cache = model.cache  # log10 P(w | v) by "v w", where already computed
    zipf_of = lexicon.zipf
    count = len(tokens)
    interesting = _interesting(options, insertion)
    # Each state: (score, last context token, back-pointer index into history).
    states: list[tuple[float, str, int]] = [(0.0, "<p>", -1)]
    # (token idx, parent, inserted, cand, margin of the candidate, margin of the inserted "à"):
    # a margin is how much (log10) the choice beat the best alternative at its token, and at
    # the token after it where that says less (see ``ahead`` below)
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
        # the best score each state reaches through this token: a candidate of the token before
        # is only as sure as the weaker of its margins before and after its right neighbour
        ahead = [-1e9] * len(states) if len(states) > 1 else None
        candidates = options[index] or unchanged.get(tok.surface)
        if candidates is None:
            candidates = unchanged[tok.surface] = [
                _Candidate(tok.surface, (tok.context,), "", 0.0)]
        insertion_here = insertion[index] > 0
        before_last = _context_two_back(contexts, options, index) if insertion_here else ""
        following = contexts[index + 1] if index + 1 < count else "<p>"
        auxiliary_before_adverb, subject, short_word_here, reading_cue, adjective = _neighbours(
            text, tokens, contexts, options, index, len(candidates) > 1, zipf_of)
        year_follows = short_word_here and _year_follows(tokens, index)
        if insertion_here:
            a_given, gap_bonus = _insertion_terms(insertion[index], states, model, a_given_after,
                                                  gap_odds, index, contexts, tok.kind)
        new_states = []
        scored: list[tuple[float, int, bool, _Candidate, float]] = []
        for cand in candidates:
            best_score, best_back, best_inserted = -1e9, -1, False
            best_plain = -1e9
            cand_contexts = cand.contexts
            first = cand_contexts[0]
            prior = cand.prior
            chain_a = None
            reading_bonus = _reading_bonus(reading_cue, cand.output)  # (once, not per state)
            for state_index, (score, last, back) in enumerate(states):
                lp = cache.get(last + " " + first)
                plain = score + (logprob(first, last) if lp is None else lp) + prior
                if len(cand_contexts) > 1:
                    plain += _chain(logprob, first, cand_contexts[1:])
                if last[-1] == "'" and cand.output[:1] not in _VOWEL_START and cand.output[:1]:
                    plain -= ELISION_BEFORE_CONSONANT_PENALTY  # "l'le" is no French: "l'île"
                if last in _AUXILIARIES:
                    plain += _participle_cue(last, cand, own_zipf, zipf_of, adjective)
                elif auxiliary_before_adverb:  # "a également réglé", "avait d'abord montré"
                    plain += _participle_cue(  # ("ne sera pas prêt", "sommes-nous prêtes")
                        auxiliary_before_adverb, cand, own_zipf, zipf_of,
                        adjective if last in _BEFORE_ADJECTIVE else 0.0)
                elif last == "à":
                    plain += _after_a_cue(tok, cand, previous_token, lexicon,
                                          tokens[index - 2] if index > 1 else None)
                elif subject and (subject != "pronoun" or last in _SUBJECTS):
                    plain += _subject_cue(cand, tok.context, subject)
                if reading_bonus:
                    plain += reading_bonus
                if short_word_here:
                    plain += _short_word_cue(
                        cand, last in _AUXILIARIES or auxiliary_before_adverb in _AUXILIARIES,
                        following, lexicon, year_follows)
                if plain > best_plain:
                    best_plain = plain
                if ahead is not None and plain > ahead[state_index]:
                    ahead[state_index] = plain
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
                                             cand_contexts[1] if len(cand_contexts) > 1
                                             else following, model, before_last)
                    if inserted > best_score:
                        best_score, best_back, best_inserted = inserted, back, True
                    if ahead is not None and inserted > ahead[state_index]:
                        ahead[state_index] = inserted
            scored.append((best_score, best_back, best_inserted, cand, best_plain))
        if ahead is not None:
            _look_ahead(history, states, ahead)
        rivals = _rivals([item[0] for item in scored])
        for (best_score, best_back, best_inserted, cand, best_plain), rival in zip(scored, rivals):
            history.append((index, best_back, best_inserted, cand, best_score - rival,
                            best_score - best_plain if best_inserted else 0.0))
            new_states.append((best_score, cand.contexts[-1], len(history) - 1))
        # Keep the beam small: candidates of one token rarely need more than a few survivors.
        new_states.sort(reverse=True)
        states = new_states[:BEAM]
    return states, history


# The adverbs of negation and degree between être and a word whose readings are a participle and
# an adjective: the adjective is as likely as it is frequent ("ne sera pas prêt", "est plus
# fréquent"; but "sont déjà fixées")
# (stop 39: "encore", "toujours", "je ne suis pas encore prêt"; and an inverted subject,
# "sommes-nous prêtes", "es-tu prête")
_HYPHENATED_SUBJECTS = _SUBJECTS | {"tu"}  # (inverted after a hyphen: "a-t-il", "as-tu")
_BEFORE_ADJECTIVE = _HYPHENATED_SUBJECTS | frozenset(
    "pas plus jamais très trop si moins aussi assez tellement encore toujours".split())


def _reading_bonus(reading_cue: tuple, output: str) -> float:
    """What a reading cue of :func:`_neighbours` (a reading, its bonus, and after the bonus any
    more readings that earn it) gives the reading ``output``."""
    if reading_cue[1] and (output == reading_cue[0] or output in reading_cue[2:]):
        return reading_cue[1]
    return 0.0


def _year_follows(tokens: list[Token], index: int) -> bool:
    """Whether a year follows token ``index``, and no plural word it would count ("dès 2024,",
    "dès 2022 une politique"; not "des 2000 salariés")."""
    if index + 1 >= len(tokens) or not YEAR_TOKEN.fullmatch(tokens[index + 1].surface):
        return False
    after = tokens[index + 2] if index + 2 < len(tokens) else None
    return after is None or after.kind != "word" or not after.surface.endswith(("s", "x"))


def _interesting(options: list[list[_Candidate] | None], insertion: list[int]) -> list[int]:
    """The tokens that matter to the lattice: ambiguous words, possible "à" gaps and the token
    after an ambiguous word. Elsewhere a single path runs on and its score need not be known."""
    count = len(options)
    ambiguous = list(compress(range(count), map(is_not, options, repeat(None))))
    return sorted({*ambiguous, *[i + 1 for i in ambiguous if i + 1 < count],
                   *compress(range(count), insertion)})


def _insertion_terms(gap: int, states: list[tuple[float, str, int]], model: BigramModel,
                     a_given_after: _AGivenTable, gap_odds: list[float] | None, index: int,
                     contexts: tuple[str, ...], kind: str) -> tuple[list[float | None], float]:
    """For an "à" put back at a gap of kind ``gap`` (see :func:`_a_gaps`) before token ``index``
    (of kind ``kind``): log10 P(à | last) for each state (None where no "à" may follow it), and
    the bonus the gap itself earns (``gap_odds``: the gap model's, see :func:`_gap_odds`)."""
    # (6: a line that starts with the space its first word left, both a sentence start and a
    # doubled space)
    # (8, an opening quotation mark or parenthesis then a space, is scored as a doubled space:
    # tune split 2.198 -> 2.191 %; 2.194 % with a bonus of 3.0)
    double_space, sentence_start = gap in (2, 6, 8), gap in (3, 6)
    if double_space or sentence_start or gap >= 4:
        # (rare, or the gap model's own) any context may precede the "à"
        a_given: list[float | None] = [_a_after(model, last) for _, last, _ in states]
    else:
        a_given = [a_given_after[last] for _, last, _ in states]
    bonus = ((DOUBLE_SPACE_BONUS if double_space else 0.0)
             + (SENTENCE_START_A_BONUS if sentence_start else 0.0)
             + (MID_SENTENCE_DOUBLE_SPACE_BONUS if gap == 2 else 0.0))
    if gap_odds is not None and not sentence_start:  # (the model reads gaps inside sentences)
        bonus += GAP_MODEL_WEIGHT * gap_odds[index] + GAP_MODEL_OFFSET
    if kind == "num" and index > 1 and contexts[index - 2] in _HAVE:
        bonus -= HAVE_PARTICIPLE_NUMBER_PENALTY  # "a vendu 15 000 voitures": the object
    return a_given, bonus


def _look_ahead(history: list[tuple], states: list[tuple[float, str, int]],
                ahead: list[float]) -> None:
    """Lower the margin of each state's candidate to its margin through the next token
    (``ahead``: the best score each state reached there) where that is the smaller."""
    for (_, _, back), reach, rival in zip(states, ahead, _rivals(ahead)):
        node = history[back]
        history[back] = node[:4] + (min(node[4], reach - rival),) + node[5:]


def _auxiliary_before(text: str, tokens: list[Token], contexts: tuple[str, ...],
                      options: list[list[_Candidate] | None], index: int) -> str:
    """The word whose participle token ``index`` may be though it does not follow it: the word
    before one or two adverbs ("a également réglé", "avait d'abord montré", "n'a absolument pas
    respecté"), the auxiliary before an inverted subject ("avait-il lancé", "a-t-elle
    demandé"), or the avoir form earlier in the sentence before an "et" ("a remporté un grand
    succès et attiré des visiteurs"); "" where there is none. (The caller's participle cue reads
    only an auxiliary.) Tune split, stripped / deleted: 1.091 -> 1.075 / 2.234 -> 2.230 %, each
    of the three and the adverbs added to the list (même, aussitôt, ni, guère, vraiment) a step
    of it."""
    if index < 2:
        return ""
    previous_context = contexts[index - 1]
    if _is_adverb(previous_context):
        before = contexts[index - 2]
        if index > 2 and (previous_context, before) in _TWO_WORD_ADVERBS:
            return contexts[index - 3]  # "a d'abord montré", "a en outre mené"
        if index > 2 and _is_adverb(before):
            return contexts[index - 3]  # "n'a absolument pas respecté"
        return before
    previous_start = tokens[index - 1].start
    if (previous_context in _HYPHENATED_SUBJECTS
            and text[previous_start - 1:previous_start] == "-"):  # ("as-tu mangé")
        k = index - 2  # (the "t" of "a-t-elle" is a token of its own)
        if contexts[k] == "t" and k and text[tokens[k].start - 1:tokens[k].start] == "-":
            k -= 1
        return contexts[k]
    if previous_context == "et":
        for k in range(index - 2, max(index - _COORDINATED_REACH, -1), -1):
            if contexts[k] == "<p>":
                break
            if contexts[k] in _HAVE:
                # (an auxiliary: its participle follows it; "a une maison et utilise" is no
                # compound tense)
                return contexts[k] if _participle_follows(contexts, options, k + 1) else ""
    return ""


def _participle_follows(contexts: tuple[str, ...], options: list[list[_Candidate] | None],
                        index: int) -> bool:
    """Whether token ``index`` (or the one after an adverb there) may be a past participle."""
    if index < len(contexts) and _is_adverb(contexts[index]):
        index += 1
    if index >= len(contexts):
        return False
    readings = [c.output for c in options[index]] if options[index] else [contexts[index]]
    return any(r.endswith(_PARTICIPLE_LIKE) or r in _IRREGULAR_PARTICIPLES for r in readings)


_COORDINATED_REACH = 12  # tokens back from a coordinated participle to its avoir form


def _neighbours(text: str, tokens: list[Token], contexts: tuple[str, ...],
                options: list[list[_Candidate] | None], index: int, ambiguous: bool,
                zipf: dict[str, float]) -> tuple[str, str, bool, tuple[str, float], float]:
    """What the cues of the lattice read around token ``index``: the word whose participle it
    may be though it does not follow it (see :func:`_auxiliary_before`), what subject precedes
    it ("pronoun", not an inverted one: "a-t-il déclaré"; "name" or "quote", see
    :func:`_name_or_quotation_before`; else ""), whether it is an ambiguous "du", "des" or "la"
    (see :func:`_short_word_cue`), and a reading and what it gets from the words around it: for
    an ambiguous stripped "a", its reading "à" (:func:`_verb_a_cue` before an adverb,
    :func:`_a_locution_cue`, the verb after "en"/"y"), for "ou" its reading "où"
    (:func:`_where_cue`), before "par" its participle (:func:`_agent_par_cue`), and where none
    of these speaks, for a stripped word in "-e", its participle as the words around it say
    (:func:`participle_cue`); ("", 0.0) elsewhere; and the frequency of the likeliest adjective
    among its readings, against which a participle after être gets no bonus (see
    :func:`_adjective_rival`; 0.0 where there is none)."""
    previous_context = contexts[index - 1] if index else ""
    previous_start = tokens[index - 1].start if index else 0
    auxiliary_before_adverb = _auxiliary_before(text, tokens, contexts, options, index)
    subject = ""
    if previous_context in _SUBJECTS and text[previous_start - 1:previous_start] != "-":
        subject = "pronoun"
    elif ambiguous:
        subject = _name_or_quotation_before(text, tokens, contexts, index)
    context = contexts[index]
    reading_cue = ("", 0.0)
    if ambiguous and context == "a" and (
            _that_at_clause_end(tokens, contexts, index)
            or (_that_as_object(tokens, contexts, index)  # (a reading of deleted text only)
                and any(cand.output == "ça" for cand in options[index]))):
        reading_cue = ("ça", THAT_AT_CLAUSE_END_BONUS)  # "je n’ai jamais vu ça.", "faire ça"
    elif ambiguous and context == "a" and index + 1 < len(tokens):
        after = contexts[index + 1]
        after_two = contexts[index + 2] if index + 2 < len(tokens) else "<p>"
        a_reading_cue = _a_locution_cue(previous_context, after, after_two)
        if previous_context in ("en", "y"):  # "il en a 25", "il y a 5 ans": the verb
            a_reading_cue = -VERB_A_PENALTY
        elif not a_reading_cue and A_BEFORE_INFINITIVE_BONUS and _infinitive_after(
                contexts, options, index + 1):
            a_reading_cue = A_BEFORE_INFINITIVE_BONUS
        elif not a_reading_cue and _is_adverb(after) and index + 2 < len(tokens):
            a_reading_cue = _verb_a_cue([c.output for c in options[index + 2] or ()]
                                        or [after_two])
        if not a_reading_cue:
            a_reading_cue = _subject_phrase_cue(contexts, index)
        reading_cue = ("à", a_reading_cue)
    elif ambiguous and context == "ou":
        reading_cue = ("où", _where_cue(tokens, contexts, index))
    elif ambiguous and index + 1 < len(tokens) and contexts[index + 1] == "par":
        reading_cue = _agent_par_cue(context, previous_context, options[index])
    elif ambiguous and any(c.contexts[1:] == ("en",) for c in options[index]):
        # "men", "sen": "m’en", "s’en" before a verb only
        reading_cue = ("en", _clitic_en_cue(contexts[index + 1] if index + 1 < len(tokens)
                                            else "<p>"))
    elif ambiguous and context in _EMISSION_FORMS:  # "missions de CO2"
        reading_cue = _emission_cue(contexts, index, options[index])
    elif ambiguous and context == "ni":  # "a ni les accusations": "a nié"
        reading_cue = ("nié", _denied_cue(tokens, contexts, options, index))
    elif ambiguous and context in _MINISTER and _apposed_name(tokens, index):
        reading_cue = (context, MINISTER_BONUS)  # "le ministre de l’Économie, Jean Dupont"
    elif ambiguous and context in _COAST and _names_a_coast(tokens, index):
        reading_cue = (_COAST[context], COAST_BONUS)  # "Cote d’Ivoire": "Côte", not "Côté"
    elif (ambiguous and context == "lune" and index + 1 < len(tokens)
          and contexts[index + 1] in ("des", "d'")):
        reading_cue = ("une", UNE_DES_BONUS)  # "lune des raisons": "l’une des raisons"
    elif ambiguous and tokens[index].surface == "Mme":  # (no title: see _is_title)
        reading_cue = ("même", SAME_NOT_TITLE_BONUS, "Même")  # "Mme la Mort": "Même la Mort"
    elif ambiguous and context in _QUELLE and _interrogative_quelle(tokens, contexts, options,
                                                                   index):
        surface = tokens[index].surface  # "Quelles seront les conséquences ?"
        reading_cue = (context, QUELLE_BONUS, surface, surface.lower())
    elif ambiguous and (given_name := _given_name_before_surname(text, tokens, index,
                                                                 options[index])):
        reading_cue = (given_name, GIVEN_NAME_BONUS)  # "Ins Hrault": "Inès Hérault"
    elif ambiguous and (surname := _surname_after_given_name(text, tokens, options, index,
                                                                    zipf)):
        reading_cue = (surname, SURNAME_BONUS)  # "Marc-Antoine Ferrire": "Ferrière"
    elif ambiguous and not auxiliary_before_adverb:  # "la catégorie récompense les firmes"
        reading_cue = _present_before_object(contexts, index, options[index], tokens)
        if not reading_cue[1]:  # "Interrog sur la question": "Interrogé sur"
            reading_cue = _sentence_start_participle(tokens, contexts, index, options[index])
    if ambiguous and not reading_cue[1]:  # "un distributeur base a Lyon": "basé à"
        reading_cue = participle_cue(contexts, index, options[index], tokens, options)
    adjective = _adjective_rival(options[index], zipf, contexts[index - 2] if index > 1 else "",
                                 contexts[index - 3] if index > 2 else ""
                                 ) if ambiguous else 0.0
    return (auxiliary_before_adverb, subject, ambiguous and context in SHORT_WORDS, reading_cue,
            adjective)


# A stripped "a" before a word that is only an infinitive is "à" ("suffira-t-elle à redorer",
# "arrives-tu à te concentrer"): the LM and tune splits and Tatoeba's first half write "à" before
# such a word 882 times, "a" 14 times, each a typing error ("A partir de", "qu'a éviter"). Its
# reading "à" gets this (log10). Tune split, stripped 0.924 -> 0.923 %, Tatoeba's first half
# 0.536 -> 0.534 % (the same at 1.0 and 4.0); the bigrams decide most of them already
A_BEFORE_INFINITIVE_BONUS = 2.0


def _infinitive_after(contexts: tuple[str, ...], options: list[list[_Candidate] | None],
                      index: int) -> bool:
    """Whether token ``index`` (or the one after an object pronoun there: "à te concentrer") is
    only an infinitive by the word classes, in each of its readings."""
    if index < len(contexts) and contexts[index] in _CLITICS_BEFORE_INFINITIVE:
        index += 1
    if index >= len(contexts):
        return False
    readings = [c.output for c in options[index]] if options[index] else [contexts[index]]
    return all(known_only_as(reading, "Y") for reading in readings)


# "quelle" is also what a deletion leaves of "qu’elle", which the bigrams prefer almost everywhere
# ("elle" after "qu’" is far more frequent). A sentence that starts with it asks a question (LM
# and tune splits: 7 sentences open with "Quelle(s)", none with "Qu’elle(s)"), and a noun after it
# is its noun ("quelle méthode", "quelle chance": no verb, so no "elle" before it)
QUELLE_BONUS = 2.0
# ... and "Mme" where it is no title (a lower-case word or a comma after it: see
# candidates._is_title) is "Même" ("Mme la Mort aime jouer", "Mme les enfants")
SAME_NOT_TITLE_BONUS = 3.0
_QUELLE = frozenset(("quelle", "quelles"))


def _interrogative_quelle(tokens: list[Token], contexts: tuple[str, ...],
                          options: list[list[_Candidate] | None], index: int) -> bool:
    """Whether token ``index`` ("quelle", "quelles") opens a sentence, or precedes a word every
    reading of which the word classes know only as a noun or an adjective."""
    if index == 0 or tokens[index - 1].kind == "newline" or (
            tokens[index - 1].surface[-1:] in _SENTENCE_END):
        return True
    if index + 1 >= len(tokens) or tokens[index + 1].kind != "word":
        return False
    readings = [c.output for c in options[index + 1] or ()] or [contexts[index + 1]]
    return all(_noun_or_adjective_only(reading.lower()) for reading in readings)


# "ministre" is also what a deletion leaves of "ministère": a name set beside it by commas says
# the minister ("le ministre de l’Immigration, Jason Kenney", "Amado Boudou, le ministre de
# l’Économie"; LM split: 15 such names beside "ministre(s)", none beside "ministère(s)")
MINISTER_BONUS = 2.0
_MINISTER = frozenset(("ministre", "ministres"))
_APPOSITION_REACH = 8  # tokens after the word, to the comma before the name


def _apposed_name(tokens: list[Token], index: int) -> bool:
    """Whether a capitalised word follows token ``index`` after a comma within a few words
    ("ministre de la Justice, Rachida"), or precedes it before a comma and an article ("Amado
    Boudou, le ministre")."""
    if (index > 2 and tokens[index - 1].surface in ("le", "la", "les")
            and tokens[index - 2].surface == "," and tokens[index - 3].kind == "word"
            and tokens[index - 3].surface[:1].isupper()
            and tokens[index - 3].surface[1:].islower()):  # (a name, not "la NASA, le")
        return True
    for k in range(index + 1, min(index + _APPOSITION_REACH, len(tokens) - 1)):
        tok = tokens[k]
        if tok.surface == ",":
            after = tokens[k + 1]
            return after.kind == "word" and after.surface[:1].isupper()
        if tok.kind in ("punct", "newline"):
            return False
    return False


# A capitalised word before another is a given name where one of its readings is a name the
# word classes know and it is no name as written: "Ins Hrault", "No Berthlemy" were "Inès
# Hérault", "Noé Berthélemy" (read as "ins", "no": words of their own, far more frequent than
# the name). Development releases, deleted: dev2 3.548 -> 3.512 %, dev3 3.420 -> 3.405 %, dev4
# 3.233 -> 3.171 %; tune and LM splits the same (3.0: dev4 3.139 %, tune 1.872 -> 1.874 %)
GIVEN_NAME_BONUS = 2.0


def _given_name_before_surname(text: str, tokens: list[Token], index: int,
                               candidates: list[_Candidate]) -> str:
    """The name reading of token ``index`` where it is capitalised, a space and a capitalised
    word (a surname) follow it, and the token as written is no name; "" elsewhere. (The reading
    keeps the first letter: the damage keeps a capital, so "Ros Eeles" is no "Éros".)"""
    tok = tokens[index]
    if (not tok.surface[:1].isupper() or index + 1 >= len(tokens)
            or tokens[index + 1].kind != "word" or not tokens[index + 1].surface[:1].isupper()
            or text[tok.end:tokens[index + 1].start] != " " or "M" in class_names(tok.context)):
        return ""
    for cand in candidates:
        if (len(cand.contexts) == 1 and cand.output != tok.context
                and cand.output[:1] == tok.context[:1] and "M" in class_names(cand.output)):
            return cand.output
    return ""


# ... and a capitalised word after a given name, that is no word as written, a surname whose
# letters a deletion took: "Marc-Antoine Ferrire", "Thrse Hbrard" were "Ferrière", "Hébrard"
# (dev4 3.171 -> 3.155 %; the rest the same, and the same at 2.0)
SURNAME_BONUS = 1.0


def _surname_after_given_name(text: str, tokens: list[Token],
                              options: list[list[_Candidate] | None], index: int,
                              zipf: dict[str, float]) -> str:
    """The one reading of token ``index`` that keeps its first letter, where it is a capitalised
    word that neither the lexicon (``zipf``) nor the classes know, after a given name (a name
    to the classes, as written or in one of its readings) and a space; "" elsewhere."""
    tok = tokens[index]
    if (index < 1 or not tok.surface[:1].isupper() or tok.surface.isupper()
            or text[tokens[index - 1].end:tok.start] != " " or class_names(tok.context) != ("U",)
            or tok.context in zipf):
        return ""
    before = tokens[index - 1]
    if before.kind != "word" or not before.surface[:1].isupper() or not any(
            "M" in class_names(reading)
            for reading in [before.context, *(c.output for c in options[index - 1] or ())]):
        return ""
    readings = [c.output for c in options[index]
                if len(c.contexts) == 1 and c.output != tok.context
                and c.output[:1] == tok.context[:1]]
    return readings[0] if len(readings) == 1 else ""


# "Côte d’Ivoire", "Côtes d’Armor", "Côte d’Azur": a capitalised "Cote" before "d’" and a
# capitalised word names a coast, whatever the pair "côté d’" says ("du côté d’Israël": in lower
# case). Stripped text had read "en Côté d’Ivoire" (tune split: 3 such words, all mended).
COAST_BONUS = 3.0
_COAST = {"cote": "côte", "cotes": "côtes"}


def _names_a_coast(tokens: list[Token], index: int) -> bool:
    """Whether token ``index`` is capitalised inside a sentence and "d’" and a capitalised word
    follow it ("Côté d’Israël, …" may start a sentence)."""
    if (index + 2 >= len(tokens) or not index or tokens[index - 1].kind == "newline"
            or tokens[index - 1].surface[-1:] in _SENTENCE_END
            or not tokens[index].surface[:1].isupper()):
        return False
    elision, name = tokens[index + 1], tokens[index + 2]
    return (elision.kind == "elided" and elision.context == "d'" and name.kind == "word"
            and name.surface[:1].isupper())


_CLOSING_QUOTES = frozenset('"»”')
_NOT_NAMES = frozenset(("le", "la", "les", "l'", "un", "une", "des", "du", "ce", "cette", "ces",
                        "son", "sa", "ses", "leur", "leurs", "mais", "et", "en", "au", "aux"))


def _name_or_quotation_before(text: str, tokens: list[Token], contexts: tuple[str, ...],
                              index: int) -> str:
    """"name" where token ``index`` follows a name inside a sentence ("Mme Hilbeck affirme",
    "La Biélorussie accepte"), "quote" where it follows the end of a quotation (`", declare M.
    Gibbs`), else "". There, a word that could be a verb or its participle is the verb; not
    before "par" ("Vega Sicilia demandé par ses fils")."""
    if index < 2 or (index + 1 < len(tokens) and contexts[index + 1] == "par"):
        return ""
    before = tokens[index - 1]
    after_comma = before.surface == "," and before.kind == "punct"
    if after_comma:
        before = tokens[index - 2]
    if before.surface in _CLOSING_QUOTES:  # (a closing one: glued to what it closes)
        return "quote" if text[before.start - 1:before.start] not in (" ", "") else ""
    if after_comma:
        return ""
    return ("name" if before.kind == "word" and before.surface[:1].isupper()
            and before.context not in _NOT_NAMES
            and tokens[index - 2].kind in ("word", "num", "elided") else "")


def _rivals(scores: list[float]) -> list[float]:
    """For each score, the best of the others (what a candidate's margin is measured against).

    >>> _rivals([1.0, 3.0, 2.0])
    [3.0, 2.0, 3.0]
    """
    if len(scores) == 1:
        return [-1e9]
    top = max(scores)
    first_top = scores.index(top)
    rivals = [top] * len(scores)
    rivals[first_top] = max(scores[:first_top] + scores[first_top + 1:])
    return rivals


def _best_path_edits(text: str, tokens: list[Token], states: list[tuple[float, str, int]],
                     history: list[tuple], lexicon: FrenchLexicon,
                     gap_odds: list[float] | None = None) -> list[Edit]:
    """The edits along the best path of the lattice (``gap_odds``: see :func:`_gap_odds`)."""
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
                                         a_margin, gap_odds[index] if gap_odds else 0.0))
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
                        capitals_lost and (cand.output in capitals or is_name(cand.output)
                                           or cand.output in spanish_names_in_french()))):
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
                     _reason(tok.surface, after, cand, lexicon) + odds_reason(margin))
            )
    return edits


def _capital_lost(text: str, tok: Token) -> bool:
    """Was the deleted first letter a capital? At a sentence start, or in a name whose later
    part has one ("tats-Unis", "le-de-France")."""
    head = text[max(0, tok.start - 12):tok.start].rstrip(" \u00a0\"«“(")  # a window: linear time
    if not head and tok.start > 12:
        return False
    if head[-1:] == "\n" and text[tok.start - 1] == " " and text[tok.start - 2] == "\n" and (
            list_item(text, tok.start - 1)):
        return False  # " cart de rmunration ;": a list item's first word, after its bullet
    if not head or head[-1] in ".!?\n":
        return True
    return capitalised_part_follows(text, tok.end)


def _chain(logprob, last: str, contexts: tuple[str, ...]) -> float:
    total = 0.0
    for c in contexts:
        total += logprob(c, last)
        last = c
    return total


# an elided word that only "à" follows, at the end of what is before a gap ("jusqu", "lorsqu":
# the candidates' elisions before "à", less "qu")
_ELIDED_END = re.compile(
    rf"(?<![^\W\d_])(?i:{'|'.join(sorted(_ELIDED_BEFORE_A - {'qu'}))})\Z")


def _insertion_edit(text: str, prev_end: int, tok: Token, margin: float = 1.0,
                    gap_odds: float = 0.0) -> Edit:
    """The edit that puts back an "à" before ``tok`` (``gap_odds``: the gap model's log10 odds
    there, said in the reason when they favour it)."""
    gap = text[prev_end:tok.start]
    head = text[max(0, prev_end - 12):prev_end].rstrip()  # a window: linear time
    if head[-1:] in _OPENING_MARKS:  # '"À tout point de vue', ': « À ce rythme'
        head = head[:-1].rstrip(" \u00a0\u202f")
        if not head and prev_end > 12:
            head = "x"  # (a long run of spaces: read as inside a sentence)
    sentence_start = (prev_end == 0 or text[prev_end - 1] == "\n"
                      or (head[-1:] in _SENTENCE_END if head else prev_end <= 12))
    word = "À" if sentence_start else "à"
    if gap_odds > 0.0:
        reason = ("a vanished 'à' put back: news French often has one between such words "
                  f"({10 ** gap_odds:.3g} to 1)" + odds_reason(margin))
    else:
        reason = "a vanished 'à' put back from the context" + odds_reason(margin)
    confidence = margin_confidence(margin)
    if "  " in gap:  # "collations  80": the vanished word left its two spaces
        middle = gap.index("  ") + 1
        return Edit("inserted_word", prev_end + middle, prev_end + middle, "", word, confidence,
                    reason)
    if gap in (" ", NBSP) and not sentence_start and _ELIDED_END.search(
            text, max(0, prev_end - 8), prev_end):
        # "jusqu 2030": the elided word lost its apostrophe with the "à" ("jusqu’à 2030")
        return Edit("inserted_word", prev_end, prev_end, "", TYPOGRAPHIC_APOSTROPHE + "à",
                    confidence, reason)
    if gap == " " and (prev_end == 0 or text[prev_end - 1] in '\n"('):
        # " Vienne, on affirme", '" la plus grande': the first word of the line, of the quotation
        # or of the parenthesis vanished and left its space
        return Edit("inserted_word", prev_end, prev_end, "", word, confidence, reason)
    return Edit("inserted_word", tok.start, tok.start, "", word + " ", confidence, reason)


_REASONS: dict[tuple[str, str, str], str] = {}


def _reason(before: str, after: str, cand: _Candidate, lexicon: FrenchLexicon) -> str:
    key = (before, after, cand.contexts[-1])
    reason = _REASONS.get(key)
    if reason is None:
        make_room(_REASONS)
        reason = _REASONS[key] = _reason_uncached(before, after, cand, lexicon)
    return reason


def _reason_uncached(before: str, after: str, cand: _Candidate, lexicon: FrenchLexicon) -> str:
    own = lexicon.zipf.get(before.lower(), 0.0)
    new = lexicon.zipf.get(cand.contexts[-1], 0.0)
    if own < 1.6:
        return f"{before!r} is not a French word; {after!r} is (frequency {10 ** (new - 9):.1e})"
    return f"the context prefers {after!r} (frequency {10 ** (new - 9):.1e}) to {before!r}"


