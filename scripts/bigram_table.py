"""Word-pair counting and the table format shared by ``build_french_bigrams.py`` and
``build_french_news_counts.py`` (one line per left context ``v``)::

    v<TAB>c(v)<TAB>w1:c(v,w1) w2:c(v,w2) ...

Tokens are ``esgtext.repair.lexicon.context_tokens`` (the runtime's own), each text framed by
``<p>``; contexts "à la", "à l'", … (``ARTICLES_AFTER_A``) also count the word after "à" + article.
"""

from __future__ import annotations

import gzip
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from esgtext.repair.lexicon import ARTICLES_AFTER_A, context_tokens  # noqa: E402


class PairCounts:
    """c(v, w) and c(v) over the texts given to :meth:`add`."""

    def __init__(self) -> None:
        self.pairs: Counter[tuple[str, str]] = Counter()
        self.contexts: Counter[str] = Counter()
        self.tokens = 0

    def add(self, text: str) -> None:
        tokens = ["<p>"] + context_tokens(text) + ["<p>"]
        self.tokens += len(tokens)
        self.contexts.update(tokens[:-1])
        self.pairs.update(zip(tokens, tokens[1:]))
        for a, article, w in zip(tokens, tokens[1:], tokens[2:]):
            if a == "à" and article in ARTICLES_AFTER_A:
                self.contexts["à " + article] += 1
                self.pairs[("à " + article, w)] += 1

    def write(self, path: Path, header: str, min_pair: int = 1, min_context: int = 1) -> str:
        """Write the gzipped table (pairs seen fewer than ``min_pair`` times, contexts fewer than
        ``min_context`` times pruned) and return a one-line summary."""
        by_context: dict[str, list[tuple[str, int]]] = {}
        for (v, w), count in self.pairs.items():
            if count >= min_pair and self.contexts[v] >= min_context:
                by_context.setdefault(v, []).append((w, count))
        lines = [header]
        for v in sorted(by_context):
            followers = sorted(by_context[v], key=lambda wc: (-wc[1], wc[0]))
            lines.append(f"{v}\t{self.contexts[v]}\t" + " ".join(f"{w}:{c}" for w, c in followers))
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.GzipFile(path, "wb", mtime=0) as fh:
            fh.write(("\n".join(lines) + "\n").encode("utf-8"))
        kept = sum(len(v) for v in by_context.values())
        return (f"wrote {path}: {self.tokens} tokens, {len(by_context)} contexts, {kept} pairs, "
                f"{path.stat().st_size} bytes")
