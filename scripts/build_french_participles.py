"""Generate ``src/esgtext/data/fr_participles.txt.gz``: whether a word of stripped French that
ends in "e" or "es" was a past participle in "é"/"és" ("base" for "basé") or not ("propose"), as
counts per view of the word, and the weights of the logistic model of
``esgtext.repair.french.participles``.

Source: the WMT news test sets in ``../shared/data/wmt-news`` (research licence), read at run
time, never copied. Each sentence is dressed in French typography and its accents stripped as
the benchmark does it (``strip_accents``); the runtime's tokenizer reads the clean and the
stripped text (the same tokens), and every stripped word that ends in "e"/"es" and whose
readings (``FrenchLexicon.candidates``) end both in "é"/"és" and otherwise is one example (a
participle there or not).

- Counts: the *LM split* (the files ``build_french_news_counts.py`` counts), one table per view,
  every key kept (see ``WordTable``).
- Weights: fitted on the *tune split* (newstest2011), whose words are read with the LM split's
  counts, as a user's will be (Newton's method, L2 penalty 1). A key no table holds adds the
  view's "unseen" weight for the three views of one word only; for the five views of two, an
  unseen pair says nothing (with a weight of its own, an unseen "l1 w" spoke for the participle,
  and the development releases read "Le groupe précisé que").

Only counts and weights are written, never text; the check split (newstest2012, newstest2013,
newsdiscusstest2015) is never read. Run::

    .venv/bin/python scripts/build_french_participles.py [--data PATH]

(needs numpy, which the ``translate`` extra brings.)
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))
from build_french_a_gaps import (  # noqa: E402
    LM_SPLIT, TUNE_SPLIT, Table, fit, split_lines, write_model)
from esgtext.damage import french_typography, strip_accents  # noqa: E402
from esgtext.repair.french.gaps import OUTSIDE  # noqa: E402
from esgtext.repair.french.participles import (  # noqa: E402
    PARTICIPLE_ENDINGS, PARTICIPLE_VIEWS, participle_keys)
from esgtext.repair.french.tokens import _tokens  # noqa: E402
from esgtext.repair.lexicon import french_lexicon  # noqa: E402

OUTPUT = REPO / "src" / "esgtext" / "data" / "fr_participles.txt.gz"
SINGLE_WORD_VIEWS = 3  # word, before, after: an unseen key has a weight of its own


def ambiguous(word: str, lexicon) -> bool:
    """Whether the stripped ``word`` ends in "e"/"es" and reads both as a participle in "é"/"és"
    and as something else."""
    if not word.endswith(("e", "es")):
        return False
    readings = lexicon.candidates(word, "stripped")
    return (any(r.endswith(PARTICIPLE_ENDINGS) for r in readings)
            and any(not r.endswith(PARTICIPLE_ENDINGS) for r in readings))


def split_words(data: Path, names: tuple[str, ...], lexicon) -> list[tuple[tuple[str, ...], bool]]:
    """The (view keys, was a participle) of each ambiguous word of the split's stripped text."""
    out = []
    for seed, line in split_lines(data, names):
        clean = french_typography(line, seed=seed)
        clean_tokens, stripped = _tokens(clean), _tokens(strip_accents(clean))
        if len(clean_tokens) != len(stripped):
            continue
        contexts = [OUTSIDE, OUTSIDE] + [t.context for t in stripped] + [OUTSIDE, OUTSIDE]
        for j, (truth, tok) in enumerate(zip(clean_tokens, stripped)):
            if tok.kind != "word" or not ambiguous(tok.context, lexicon):
                continue
            i = j + 2
            keys = participle_keys(contexts[i - 2], contexts[i - 1], contexts[i],
                                   contexts[i + 1], contexts[i + 2])
            out.append((keys, truth.surface.lower().endswith(PARTICIPLE_ENDINGS)))
    return out


class WordTable(Table):
    """A table of a view: every key, even one seen once and never as a participle (the words seen
    once as presents are what tells "exploite des" from "basé à" in other text: with them pruned,
    as the gap tables are, the development releases were 12 words worse and Tatoeba's first
    half 0.015 % worse)."""

    def __init__(self, view: int, words, rate: float):
        super().__init__(view, words, rate)
        totals: Counter = Counter(keys[view] for keys, _ in words)
        positives: Counter = Counter(keys[view] for keys, was in words if was)
        self.counts = {key: (positives[key], n) for key, n in totals.items()}


class PairTable(WordTable):
    """A table of a view of two words: an unseen key says nothing."""

    def evidence(self, key: str) -> tuple[float, float]:
        return super().evidence(key)[0], 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "wmt-news")
    args = parser.parse_args(argv)
    lexicon = french_lexicon()
    news = split_words(args.data, LM_SPLIT, lexicon)
    rate = sum(was for _, was in news) / len(news)
    tables = [(WordTable if i < SINGLE_WORD_VIEWS else PairTable)(i, news, rate)
              for i in range(len(PARTICIPLE_VIEWS))]
    tune = split_words(args.data, TUNE_SPLIT, lexicon)
    weights, bias, loss = fit(tune, tables)
    keys = write_model(OUTPUT, "scripts/build_french_participles.py", PARTICIPLE_VIEWS, tables,
                       weights, bias, rate)
    print(f"wrote {OUTPUT}: {keys} keys; participles {rate:.2%} of {len(news)} news words; "
          f"tune log loss {loss:.4f} over {len(tune)} words ({sum(w for _, w in tune)} "
          "participles)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
