"""Generate ``src/esgtext/data/fr_a_gaps.txt.gz``: where news French had an "à" that a lossy
conversion deletes, as counts per view of a gap, and the weights of the logistic model of
``esgtext.repair.french.gaps``.

Source: the WMT news test sets in ``../shared/data/wmt-news`` (research licence), read at run
time, never copied. Each sentence is dressed in French typography and damaged as the benchmark
does it (``lossy_ascii``, accented capitals kept), with every lower-case "à" word marked before
the damage; the runtime's tokenizer reads the damaged text, the marks are taken out, and every
gap before a word, an elided article or a number is one example (an "à" there or not).

- Counts: the *LM split* (the files ``build_french_news_counts.py`` counts), one table per view.
  A key seen once without an "à" is dropped (the table stays small; the model is fitted with the
  same pruning).
- Weights: fitted on the *tune split* (newstest2011), whose gaps are read with the LM split's
  counts, as the check split's and a user's will be (Newton's method, L2 penalty 1).

Only counts and weights are written, never text; the check split (newstest2012, newstest2013,
newsdiscusstest2015) is never read. (Counts of the Littré as a second table per view, ten
million gaps, were tried: newstest2011 deleted-mode WER 2.94 % with the news counts alone, 2.95 %
with both.) Run::

    .venv/bin/python scripts/build_french_a_gaps.py [--data PATH]

(needs numpy, which the ``translate`` extra brings.)
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
from esgtext.damage import french_typography, lossy_ascii  # noqa: E402
from esgtext.repair.french.gaps import OUTSIDE, VIEWS, evidence, gap_keys, shape_of  # noqa: E402
from esgtext.repair.french.tokens import _GAP_KINDS, _tokens  # noqa: E402

LM_SPLIT = ("news-test2008", "newssyscomb2009", "newstest2009", "newstest2010")
TUNE_SPLIT = ("newstest2011",)
OUTPUT = REPO / "src" / "esgtext" / "data" / "fr_a_gaps.txt.gz"
_A_WORD = re.compile(r"(?<![^\W\d_'’])à(?![^\W\d_])")
_MARK = "QQAGAPQQ"  # ASCII: survives the damage, a word token of its own
L2_PENALTY = 1.0


def sentence_gaps(line: str, seed: int) -> list[tuple[tuple[str, ...], bool]]:
    """The (view keys, had an "à") of each gap of one damaged sentence."""
    damaged = lossy_ascii(_A_WORD.sub(_MARK, french_typography(line, seed=seed)), capitals=False)
    tokens, marked, after_mark = [], [], False
    for tok in _tokens(damaged):
        if tok.surface == _MARK:
            after_mark = True
            continue
        tokens.append(tok)
        marked.append(after_mark)
        after_mark = False
    out = []
    for j in range(1, len(tokens)):
        if tokens[j].kind not in _GAP_KINDS:
            continue
        l2 = tokens[j - 2].context if j >= 2 else OUTSIDE
        r2 = tokens[j + 1].context if j + 1 < len(tokens) else OUTSIDE
        keys = gap_keys(l2, tokens[j - 1].context, tokens[j].context, r2,
                        shape_of(tokens[j].kind, tokens[j].surface))
        out.append((keys, marked[j]))
    return out


def split_lines(data: Path, names: tuple[str, ...]):
    """(seed, line) for each French line of the split's files: the seed of its French
    typography, its number in its file, as the benchmark dresses it."""
    for name in names:
        path = data / f"{name}.fra-eng.fra"
        if not path.is_file():
            raise SystemExit(f"missing {path}")
        yield from enumerate(path.read_text(encoding="utf-8").splitlines())


def split_gaps(data: Path, names: tuple[str, ...]) -> list[tuple[tuple[str, ...], bool]]:
    gaps = []
    for seed, line in split_lines(data, names):
        gaps += sentence_gaps(line, seed)
    return gaps


class Table:
    """The counts of one view of the gaps: key -> (with an "à", all), without the keys seen once
    without an "à"."""

    def __init__(self, view: int, gaps, rate: float):
        self.view, self.rate = view, rate
        totals: Counter = Counter()
        positives: Counter = Counter()
        for keys, had_a in gaps:
            totals[keys[view]] += 1
            if had_a:
                positives[keys[view]] += 1
        self.counts = {key: (positives[key], n) for key, n in totals.items()
                       if n >= 2 or positives[key]}

    def evidence(self, key: str) -> tuple[float, float]:
        """(evidence, unseen) features of a key."""
        positive, total = self.counts.get(key, (0, 0))
        return evidence(positive, total, self.rate), 0.0 if total else 1.0


def fit(gaps, tables: list[Table]):
    """Weights (seen, unseen) per table and a bias, by Newton's method on the log loss."""
    import numpy as np

    x = np.array([[f for table in tables for f in table.evidence(keys[table.view])] + [1.0]
                  for keys, _ in gaps])
    y = np.array([1.0 if had_a else 0.0 for _, had_a in gaps])
    w = np.zeros(x.shape[1])
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + L2_PENALTY * np.eye(len(w))
        w += np.linalg.solve(hessian, x.T @ (y - p) - L2_PENALTY * w)
    p = 1.0 / (1.0 + np.exp(-(x @ w)))
    loss = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    return [(float(w[2 * i]), float(w[2 * i + 1])) for i in range(len(tables))], float(w[-1]), loss


def write_model(output: Path, generator: str, views: tuple[str, ...], tables: list[Table],
                weights, bias: float, rate: float) -> int:
    """Write a model of :class:`esgtext.repair.french.gaps.GapModel`'s form (its weights, then
    each view's counts) to ``output``, gzipped and byte-reproducible; the number of keys."""
    lines = [f"# generated by {generator}: counts of the WMT news test sets "
             f"{', '.join(LM_SPLIT)}; weights fitted on {', '.join(TUNE_SPLIT)}",
             "@model", f"bias\t{bias:.6f}"]
    lines += [f"{view}\t{seen:.6f}\t{unseen:.6f}\t{rate:.6f}"
              for view, (seen, unseen) in zip(views, weights)]
    for view, table in zip(views, tables):
        lines.append(f"@counts {view}")
        lines += [f"{key}\t{positive}\t{total}"
                  for key, (positive, total) in sorted(table.counts.items())]
    output.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    return sum(len(table.counts) for table in tables)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "wmt-news")
    args = parser.parse_args(argv)
    news = split_gaps(args.data, LM_SPLIT)
    rate = sum(had_a for _, had_a in news) / len(news)
    tables = [Table(i, news, rate) for i in range(len(VIEWS))]
    tune = split_gaps(args.data, TUNE_SPLIT)
    weights, bias, loss = fit(tune, tables)
    keys = write_model(OUTPUT, "scripts/build_french_a_gaps.py", VIEWS, tables, weights, bias,
                       rate)
    print(f"wrote {OUTPUT}: {keys} keys; 'à' at {rate:.2%} of {len(news)} news gaps; "
          f"tune log loss {loss:.4f} over {len(tune)} gaps ({sum(a for _, a in tune)} with 'à')")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
