"""The terms of corporate, financial and ESG reporting that French releases write and news
French rarely does: ``neutralité carbone``, ``fonds levés``, ``sociétés mères``, ``information
presse`` (``esgtext/data/fr_terms.txt``, written by the esgtext developers).

The bigram model counts news and manuals, where ``neutralité carbone`` is never seen: it then
falls back on each word's frequency and word classes, and a feminine noun calls for a feminine
adjective (``neutralité carbonée``). Each pair of words of a term is a pair releases write: the
model gives it at least :data:`TERM_PAIR_LOGPROB` (log10; see
:meth:`esgtext.repair.lexicon.BigramModel.logprob`). A pair that starts with a function word
(``l’égalité``, ``de serre``) or ends with "à" (``société à``) is left to the counts: the
floor would hold it wherever the word occurs (``la légalité`` had read ``l’a l’égalité``, ``cette
société a participé`` ``société à``). The exception: the locutions of releases whose first word
news never has after "à" (:data:`RELEASE_A_LOCUTIONS`, ``à faibles émissions``).

    >>> from esgtext.repair.lexicon import context_tokens
    >>> pairs = term_pairs(context_tokens)
    >>> "neutralité carbone" in pairs, "l' égalité" in pairs
    (True, False)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from importlib import resources

# log10 P(w | v) a term's pair gets at least. Press releases of the development set (8, about
# 3,000 words; see the README), deleted: 7.88 % without, 7.49 % at -2.0 and -1.5, 7.46 % at -1.0
# and -0.5 with pairs of function words (7.49 % without them); news tune split unchanged.
TERM_PAIR_LOGPROB = -1.0

_FUNCTION_WORDS = frozenset(
    "de d' du des la le les l' un une à au aux en et ou pour par sur dans avec".split())


# Locutions with "à" that releases write and news seldom does ("des bâtiments à haute
# performance énergétique", "des véhicules à faible émission", "à bas coût", "à grande
# échelle"): each first word, then the words after it (read as locutions by
# esgtext.repair.french.cues, where a vanished "à" before them gets a bonus). The LM split has
# too few to count (after a noun: "à grande échelle" 1, "à faible revenu" 1, "à bas frais" 1,
# never one of these without "à"); tune split unchanged (2.050 %)
RELEASE_A_LOCUTIONS = (
    ("haute", "performance performances tension valeur qualité intensité résolution"),
    ("haut", "niveau risque rendement débit"),
    ("faible", "émission émissions teneur coût intensité impact consommation revenu revenus"),
    ("faibles", "émissions émission revenus teneurs"), ("mobilité", "réduite"),
    ("titre", "consultatif indicatif gracieux exceptionnel personnel expérimental"),
    ("bas", "coût coûts prix"), ("basse", "consommation tension température"),
    ("grande", "échelle"), ("zéro", "émission émissions déchet déchets carbone"),
    ("périmètre", "constant comparable"), ("changes", "constants"),
    ("données", "comparables"), ("compter", "de du d'"), ("condition", "que qu'"),
    ("proximité", "de du des d'"),
    # (stop 34, from the dev4 releases: "représentent à eux seuls", "à elle seule, cette mesure",
    # "plastiques à usage unique", "à plein régime", "produits à marque propre"; the LM split
    # has "à lui seul" 2 times in 3 and none of the others)
    ("eux", "seuls"), ("elle", "seule"), ("elles", "seules"), ("lui", "seul"),
    ("usage", "unique"), ("plein", "régime"), ("marque", "propre"),
    # (not "bas carbone" since stop 36: the development releases write "un plan bas carbone",
    # "le lait bas carbone", 9 times of 9 without "à", as the Stratégie nationale bas carbone
    # does; dev 1.700 -> 1.668 %, dev2 3.249 -> 3.214 %, dev3 3.342 -> 3.311 %, dev4 3.029 ->
    # 2.967 %, dev5 4.432 -> 4.418 %, with a time after a date and a comma; the news splits the
    # same)
)
# Those whose first word news and manuals never have after "à" (log10 P(w | à) below -6.5: "à
# faibles" -7.3, "à données" -7.1): their pairs, "à" and the first word included, get the
# floor, or a locution's bonus alone could not put their "à" back ("des véhicules faibles
# émissions"). Not the others, which the counts saw ("à haut" -4.2, "à grande" -3.4): with the
# floor, "son plus haut niveau" and "en grande vitesse" read "à" (tune split, deleted 1.993 ->
# 2.002 %; unchanged with these only). Development releases, deleted 6.44 -> 6.41 %.
_UNSEEN_AFTER_A = frozenset(("faibles", "mobilité", "périmètre", "changes", "données"))


def _locution_pairs() -> set[str]:
    """"à faibles", "faibles émissions": the pairs of the locutions of :data:`_UNSEEN_AFTER_A`."""
    return {pair for first, followers in RELEASE_A_LOCUTIONS if first in _UNSEEN_AFTER_A
            for pair in ("à " + first, *(first + " " + following
                                         for following in followers.split()))}


@lru_cache(maxsize=2)
def term_pairs(context_tokens: Callable[[str], list[str]]) -> frozenset[str]:
    """"v w" for each pair of consecutive tokens of a term as ``context_tokens`` (the bigram
    model's tokeniser) splits it, as the model keys its cache; but the pairs said above. With
    them, the pairs of the release locutions that news never has after "à" (see
    :data:`_UNSEEN_AFTER_A`)."""
    pairs = _locution_pairs()
    try:
        with resources.files("esgtext").joinpath("data", "fr_terms.txt").open("rb") as fh:
            lines = fh.read().decode("utf-8").splitlines()
    except OSError:
        return frozenset(pairs)
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        tokens = context_tokens(line)
        for v, w in zip(tokens, tokens[1:]):
            if v not in _FUNCTION_WORDS and w != "à":
                pairs.add(v + " " + w)
    return frozenset(pairs)
