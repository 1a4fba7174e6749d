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
société a participé`` ``société à``).

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


@lru_cache(maxsize=2)
def term_pairs(context_tokens: Callable[[str], list[str]]) -> frozenset[str]:
    """"v w" for each pair of consecutive tokens of a term as ``context_tokens`` (the bigram
    model's tokeniser) splits it, as the model keys its cache; but the pairs said above. Empty
    in a build without the terms."""
    try:
        with resources.files("esgtext").joinpath("data", "fr_terms.txt").open("rb") as fh:
            lines = fh.read().decode("utf-8").splitlines()
    except OSError:
        return frozenset()
    pairs = set()
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        tokens = context_tokens(line)
        for v, w in zip(tokens, tokens[1:]):
            if v not in _FUNCTION_WORDS and w != "à":
                pairs.add(v + " " + w)
    return frozenset(pairs)
