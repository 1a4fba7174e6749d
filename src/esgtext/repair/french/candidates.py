"""The readings of each damaged word: the accented words the diagnosed damage could have
produced it from (from wordfreq's French list), an elided article split off, "jusqu" for
"jusqu’à"; and the words that must keep their spelling (titles, inverted subjects, a euphonic
"t").

    >>> from esgtext.repair.french.diagnosis import diagnose_damage
    >>> from esgtext.repair.french.tokens import _VOWEL_START, _tokens
    >>> from esgtext.repair.lexicon import news_capitals, french_lexicon
    >>> text = "la mdaille a t reconnue dans lenvironnement"
    >>> token = _tokens(text)[1]
    >>> [c.output for c in _word_candidates(token, diagnose_damage(text), french_lexicon(), "word")]
    ['mdaille', 'médaille', 'médaillée']
"""

from __future__ import annotations

import re

from esgtext.repair.classes import class_names, is_name
from esgtext.repair.lexicon import FrenchLexicon, context_tokens, news_capitals


from esgtext.repair.french.diagnosis import DamageDiagnosis
from esgtext.repair.french.elision import (
    _APOSTROPHE_WORDS, _GLUED_ELISION, _OFTEN_ELIDED_WORDS, _elision_splits,
)
from esgtext.repair.french.tokens import TYPOGRAPHIC_APOSTROPHE, Token, _Candidate, _VOWEL_START


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


# Candidates far rarer than the word itself only cost time: the context never rescues them.
_CANDIDATE_FLOOR = 3.0
CHANGE_KNOWN_WORD_BIAS = 0.0  # replacing a word that is itself French ("mission" -> "émission")
GLUED_ELISION_BONUS = 2.0
# log10: keeping a lower-case word that is no word ("nobtiendraient") where the text lost its
# accents or apostrophes, against its readings (tuned on newstest2011: 1.0 -> 2.714 %,
# 2.0 -> 2.704 %, 3.0 and more -> 2.700 %, none 2.725 %)
KEEP_NON_WORD_PENALTY = 3.0
KEEP_PENALTY_MIN_ZIPF = 2.0
_LOWER_CASE_TITLES = frozenset(("mme", "mmes", "mlle", "mlles", "mgr"))
# ... and more where a lower-case elision is glued to a capitalised word ("dEulen", "lIrak"): no
# French word is written that way (an acronym after it may be a code: "mRNA", "cDNA"). Tune
# split, deleted: 2.0 -> 1.907 %, 3.0 and 4.0 -> 1.904 % ("dOlot", "dIeng": a name the bigram
# model has never seen after "d’" had kept its damage; LM split the same)
CAMEL_CASE_ELISION_BONUS = 3.0
ACRONYM_MIN_ZIPF = 3.0  # an acronym after a glued elided article is at least this frequent
_ELIDED_BEFORE_ACRONYMS = frozenset(("l", "d", "qu", "jusqu", "lorsqu", "puisqu"))
_CAPITALISED_REST = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]{2}")
# A capitalised word that is also a word as written keeps it unless its accented reading is
# this much more frequent (log10; or news capitalises it accented): "Guerini" is "Guérini",
# "Meteo" "Météo", "Energie" "Énergie", "Ruben" stays (wordfreq: "ruben" 3.2, "rubén" 2.2).
# Tune split: stripped 1.110 -> 1.091 % (1.092 % at 1.0, 1.110 % without), deleted 2.240 ->
# 2.234 %, capitals too 2.296 -> 2.290 %.
CAPITALISED_ACCENTED_MARGIN = 0.5
# A capitalised non-word inside a sentence prefers the readings news capitalises there (log10;
# tune split deleted 2.204 -> 2.198 %, the same at 2.0)
NEWS_CAPITAL_BONUS = 1.0
_RIVAL_FLOOR = 2.0  # log10: candidates this much rarer than the most frequent one are dropped
# A reading of a French word that is rarer than it by more than the slack (log10) costs this much
# per unit beyond it ("empreinte carbone" is not "carbonée" on agreement alone). Tune split:
# deleted 2.177 -> 2.176 %, stripped 1.071 -> 1.065 %, capitals too 2.233 -> 2.232 % at 0.3 and
# 1.0; at 0.5 and 1.0: 2.174 / 1.071 %; at 0.3 and 0.5: 2.173 / 1.077 %; at 1.0: 2.184 / 1.077 %.
RARER_READING_PENALTY = 0.3
RARER_READING_SLACK = 1.0
_ONE_LETTER_FLOOR = 4.5  # Zipf: the readings of a word of one letter must be this frequent
_ONE_LETTER_READINGS = frozenset(("âgé",))  # ... or be one of these ("un homme g de 45 ans")


def _word_candidates(
    tok: Token, diagnosis: DamageDiagnosis, lexicon: FrenchLexicon, previous_kind: str = ""
) -> list[_Candidate]:
    out = _readings(tok, diagnosis, lexicon, previous_kind)
    lower = tok.context
    zipf = lexicon.zipf
    # A lower-case word that is no word, where the text lost its accents or apostrophes, is far
    # likelier damaged than rare, if one of its readings is a word of some frequency ("tocade"
    # is a rare word, not "t’océade"); so is a title in lower case ("tout de mme": "même").
    # So is a glued elision that the web writes (wordfreq has "lassociation" at Zipf 2.3) where
    # its reading is far more frequent (tune split: one "l’association" mended, none broken).
    if (len(out) > 1 and tok.surface[:1].islower()
            and (diagnosis.deleted or diagnosis.deleted_apostrophe)):
        own = zipf.get(lower, 0.0)
        best = max(zipf.get(c.output, 0.0) for c in out[1:])
        web_elision = (own < _WEB_ELISION_ZIPF and best - own >= _WEB_ELISION_GAIN
                       and any(c.elision for c in out[1:]))
        # (a name in lower case is no word either, where a reading is a word of some frequency:
        # "anne" is "année", "laval" "l’aval"; with the elided readings of such a name, see
        # _split_elisions: tune split, deleted 1.883 -> 1.879 %, capitals too 1.925 -> 1.921 %,
        # LM split 1.668 -> 1.667 %)
        name = is_name(lower) and any(
            zipf.get(c.output, 0.0) >= _NAME_READING_ZIPF for c in out[1:])
        if (not own or lower in _LOWER_CASE_TITLES or web_elision or name) and (
                best >= KEEP_PENALTY_MIN_ZIPF):
            out[0] = out[0]._replace(prior=out[0].prior - KEEP_NON_WORD_PENALTY)
    elif (len(out) > 1 and diagnosis.stripped and not tok.surface.isupper()
          and class_names(lower) == ("U",)):
        # a word the web writes without its accents ("ca", "deja"), which French does not know,
        # and one reading far more frequent than the others
        best, *rivals = sorted(((zipf.get(c.output, 0.0), c.output) for c in out[1:]),
                               reverse=True)
        if (best[0] - zipf.get(lower, 0.0) >= WEB_STRIPPED_GAIN
                and all(best[0] - rival >= WEB_STRIPPED_RIVAL for rival, _ in rivals)
                and (tok.surface[:1].islower() or best[1][:1] == "ç")):
            out[0] = out[0]._replace(prior=out[0].prior - WEB_STRIPPED_PENALTY)
    return out


# Where the text lost its accents to stripping, a word that the word classes do not know as French
# but wordfreq counts, because the web writes it stripped too ("ca" 5.6 for "ça" 6.5, "deja",
# "etre"), costs this much (log10) against a reading this much more frequent (Zipf), where the
# other readings are rarer still by WEB_STRIPPED_RIVAL ("declare": "déclaré" 4.6, "déclare" 4.5
# is left to the cues); in lower case, or a capital "C" whose reading is "Ç" ("Ca va"; the LM and
# tune splits and Tatoeba's first half write "Ça" 81 times to "Ca" once; capitals otherwise keep
# their policy, see CAPITALISED_ACCENTED_MARGIN: "Rhenanie", "Karate"). The bigram tables had
# learnt "ca va" (-1.1; "ça va" -3.1). Stripped: tune 0.931 -> 0.927 % at 1.0, 0.924 % at 2.0
# and 3.0; Tatoeba's first half 0.732 -> 0.716 / 0.701 / 0.701 %; LM 0.672 -> 0.672 / 0.673 /
# 0.673 % ("Ca va être", as its source wrote it)
WEB_STRIPPED_PENALTY = 2.0
WEB_STRIPPED_GAIN = 0.5
WEB_STRIPPED_RIVAL = 1.0


_NAME_READING_ZIPF = 3.0  # (the Zipf frequency a reading of a lower-case name must have)
# A known word capitalised at a sentence's start is a name less often than it is an elided
# article glued to its noun: its elided readings take back this much of the name's prior ("Lan
# dernier" is "L’an dernier", not "Élan"). Tune split, deleted: 1.878 -> 1.876 % at 0.5 and 1.0,
# capitals too 1.921 -> 1.918 %; LM split 1.667 -> 1.665 % (1.666 % at 1.0)
SENTENCE_START_ELISION = 0.5
_WEB_ELISION_ZIPF = 2.5
_WEB_ELISION_GAIN = 2.5  # (as for the web's "dun", "quil" below)


def _readings(
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
            if zipf.get(rest, 0.0) >= 1.6 or (
                    glued.group() in ("d", "l") and not tok.surface[1].isascii()):
                # (an accented capital after a lower-case "d" or "l" is an elided name's:
                # "dÉolia Mobilités", no word of French begins so)
                out.append(_Candidate(rest, (elision + "'", rest), "deleted_apostrophe",
                                      GLUED_ELISION_BONUS, len(elision)))
        return out
    if len(lower) == 1 and lower != "a" and (tok.surface.isupper() or previous_kind == "num"):
        if tok.surface == "L" and previous_kind == "" and diagnosis.deleted:
            # "L, ils ont lancé", "L-bas": a sentence that starts with "Là" (not "L." nor "L’")
            out.append(_Candidate("là", ("là",), "deleted_accent", 0.0))
        return out  # "Super-G", "5 g": a letter, not a word that lost its accents
    if tok.surface == "A" and previous_kind:
        return out  # "le plan A": "À" only starts a sentence (or follows punctuation)
    change_prior = CHANGE_KNOWN_WORD_BIAS if known else 0.0
    # (a capitalised "A" is no name: "A la suite" is "À la suite")
    capitalised = tok.surface[:1].isupper() and known and lower != "a"
    capitals = news_capitals() if capitalised else frozenset()
    # a capitalised word that is no word, inside a sentence: a name, so a reading news writes
    # with a capital there ("la Grce" is "la Grèce", not "la Grâce")
    named = news_capitals() if (tok.surface[:1].isupper() and not known
                                and previous_kind in ("word", "elided", "num")) else frozenset()
    if capitalised:
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
            if len(lower) == 1:  # "ça", "où", "là", "été", "dû", "né"; not the web's "çe", "éu"
                word_floor = max(word_floor, _ONE_LETTER_FLOOR)
            # (the lexicon drops the Littré's old spellings: "complétement", "manége")
            for word in found:
                if zipf[word] >= word_floor or word in _ONE_LETTER_READINGS:
                    # (but "Etats" is "États": news writes that one with a capital)
                    if capitalised and (word in capitals
                                        or zipf[word] - own >= CAPITALISED_ACCENTED_MARGIN):
                        prior = 0.0  # "Guérini", "Juppé", "Énergie": a name written accented
                    else:
                        prior = change_prior
                    if word in named:
                        prior += NEWS_CAPITAL_BONUS
                    if known and own - zipf[word] > RARER_READING_SLACK:
                        # (a word far rarer than the French word as written must earn it)
                        prior -= RARER_READING_PENALTY * (own - zipf[word] - RARER_READING_SLACK)
                    out.append(_Candidate(word, (word,), edit_kind, prior))
    if diagnosis.deleted_apostrophe:
        glued = not tok.surface.isupper() and _GLUED_ELISION.match(tok.surface)
        if glued and (glued.group().lower() in _ELIDED_BEFORE_ACRONYMS
                      or not tok.surface[glued.end():glued.end() + 2].isupper()):
            # ("lUE", "dEDF" are elided; "mRNA", "cDNA", "tRNA", "SBTi" are codes)
            elision = glued.group().lower()
            rest = lower[len(elision):]
            rest_surface = tok.surface[len(elision):]
            if glued.group() in ("O", "N") and _CAPITALISED_REST.match(rest_surface):
                # "ODonovan", "NGuessan": a name ("O’Donovan", "N’Guessan"), one word to the
                # bigram model, as its damaged form is; French writes no word that way
                out.append(_Candidate(rest, (rest,), "deleted_apostrophe",
                                      GLUED_ELISION_BONUS + CAMEL_CASE_ELISION_BONUS, 1))
                return out
            options = [rest] if zipf.get(rest, 0.0) >= 1.6 or not diagnosis.deleted else []
            if diagnosis.deleted:
                options += list(lexicon.candidates(rest, "deleted")[:2])
            options = options or [rest]
            bonus = GLUED_ELISION_BONUS
            if tok.surface[:1].islower() and (
                    _CAPITALISED_REST.match(rest_surface)
                    or (elision in _ELIDED_BEFORE_ACRONYMS and len(rest_surface) >= 2
                        and rest_surface.isupper())):
                # "dEulen", "lINDEC", "dAENA": French writes no word that way (tune split, the
                # acronyms: 1.904 -> 1.902 %, LM split the same)
                bonus += CAMEL_CASE_ELISION_BONUS
            for word in options:
                out.append(_Candidate(word, (elision + "'", word), "deleted_apostrophe",
                                      bonus, len(elision)))
        elif (tok.surface.isupper() and tok.surface[:1] in "LD" and len(lower) >= 3
              and previous_kind == ""  # (where a sentence may start: see the decoder)
              and lower[1] in _VOWEL_START
              and zipf.get(lower[1:], 0.0) >= max(ACRONYM_MIN_ZIPF, own)):
            # "LONU", "LUE", "DEDF" at a sentence's start: "L’ONU", "L’UE", "D’EDF" (not
            # "LONG": "long" is the commoner word; "DVD" stays. Tune split, deleted: 2.044 ->
            # 2.041 %, capitals too 2.099 -> 2.096 %)
            out.append(_Candidate(lower[1:], (lower[0] + "'", lower[1:]), "deleted_apostrophe",
                                  GLUED_ELISION_BONUS, 1))
        elif own < 5.5 and (tok.surface[:1].islower() or previous_kind == ""):
            # (a capitalised word inside a sentence is a name: "Samis", "Mangola")
            out += _split_elisions(tok, own, lexicon, diagnosis.deleted,
                                   change_prior + (SENTENCE_START_ELISION if capitalised else 0.0))
    return out


def _split_elisions(tok: Token, own: float, lexicon: FrenchLexicon, deleted: bool,
                    prior: float) -> list[_Candidate]:
    """The readings of a word as an elided article glued to the next word ("dune" -> "d’une",
    "quelle" -> "qu’elle"), but never "dans" -> "d’ans" nor a common word like "don" ->
    "d’on"; a name in lower case is no word ("laval" is "l’aval", "davis" "d’avis"), where
    that reading is a word of some frequency ("line" of "on-line" is no "l’ine")."""
    lower, zipf = tok.context, lexicon.zipf
    name = tok.surface[:1].islower() and is_name(lower)
    out = []
    for elision, word in _elision_splits(lower, lexicon, deleted)[:4]:
        if name and zipf.get(word, 0.0) >= _NAME_READING_ZIPF:
            own = 0.0
        gain = zipf.get(word, 0.0) - own
        if own < 2.5 or (gain >= 0.5 and (own < 3.5 or lower in _OFTEN_ELIDED_WORDS)) or (
            gain >= 2.5  # "dun", "quil", "na": damaged forms common on the web
        ):
            inner = _APOSTROPHE_WORDS.get(word)  # "daujourdhui": "d’aujourd’hui"
            out.append(_Candidate(inner or word, (elision + "'", word), "deleted_apostrophe",
                                  prior, len(elision)))
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
    """"Mme Dupont" is a title; "Mme si" (a lower-case word next) is "Même si", and so are "Mme
    la Mort" and "Mme," ("Mme la ministre", "Mme le maire" are titles)."""
    surface = tokens[index].surface
    if surface not in _TITLES:
        return False
    nxt = tokens[index + 1] if index + 1 < len(tokens) else None
    if nxt is None:
        return True
    if surface == "Mme" and nxt.surface == "," and nxt.start == tokens[index].end:
        return False  # "Même, l’éloge de soi-même"
    if not (nxt.kind == "word" and nxt.surface[:1].islower()
            and nxt.start == tokens[index].end + 1):
        return True
    after = tokens[index + 2] if index + 2 < len(tokens) else None
    return (nxt.context in ("la", "le") and after is not None
            and after.context in _FUNCTIONS_AFTER_TITLE)


# the functions "Mme la" and "Mme le" name ("Mme la ministre", "Mme le maire")
_FUNCTIONS_AFTER_TITLE = frozenset(
    "ministre présidente président directrice directeur maire députée député sénatrice "
    "sénateur juge rapporteure rapporteur procureure procureur secrétaire commissaire "
    "préfète préfet ambassadrice ambassadeur gouverneure gouverneur conseillère doyenne "
    "générale rectrice recteur première".split())


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
