"""Generate ``src/esgtext/data/fr_classes.txt.gz``: the word classes of French (part of speech,
gender, number) and how news French chains them, for the bigram model's back-off.

Where the word-pair counts never saw a pair ("l’eau filtre" / "l’eau filtrée"), the bigram model
falls back on each word's frequency, and the more frequent reading wins, whatever the grammar says.
With these tables it falls back on the classes instead: a feminine participle follows a feminine
noun far more often than a masculine noun does (``esgtext.repair.classes``).

Sources:

- **Grammalecte's lexicon** (Debian's ``python3-grammalecte``, GPL; the lexicon is Dicollecte's,
  MPL): the morphologies of each word ("filtre": noun m. sg., or a finite verb; "filtrée": a
  participle f. sg.), mapped to :data:`CLASSES`;
- **news French**: the WMT news test sets of the LM split in ``../shared/data/wmt-news`` (as
  ``build_french_news_counts.py``; the tune and check splits stay unseen), read through a hidden
  Markov model whose states are the classes and whose words may only be emitted by their classes;
  a few rounds of expectation-maximisation (Merialdo's unsupervised tagging) give the class
  transitions and each news word's share of its classes.

Only tables are written, never text:

``@classes``  the class names, in index order;
``@ratios``   one row per class c1: P(c2 | c1) / P(c2) for each class c2 (what the model
              multiplies the back-off by);
``@sets``     ``Nfs+Vs<TAB>Nfs:0.83 Vs:0.17``: how news shares a word with those possible classes
              among them, for the words news never wrote;
``@words``    ``filtre<TAB>Nfs+Vs`` (a set above), or ``filtrée<TAB>Qfs:1`` (the word's own shares
              where news wrote it); sorted; a word absent is of class ``U`` (unknown).

Run (needs ``apt-get install python3-grammalecte``)::

    .venv/bin/python scripts/build_french_classes.py [--data PATH]
"""

from __future__ import annotations

import argparse
import gzip
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
from esgtext.repair.lexicon import context_tokens, french_lexicon  # noqa: E402
from build_french_lexicon import grammalecte_checker  # noqa: E402  (this script's folder)

LM_SPLIT = ("news-test2008", "newssyscomb2009", "newstest2009", "newstest2010")
OUTPUT = REPO / "src" / "esgtext" / "data" / "fr_classes.txt.gz"
ROUNDS = 6  # of expectation-maximisation (12 gave the same deleted-mode WER on the tune split)
START = "S"  # the class before a sentence
UNKNOWN = "U"

# Classes: N noun, A adjective, Q past participle (each + gender m/f/e(picene) + number
# s/p/i(nvariable)), D determiner (+ gender, number), V finite verb (3s, 3p, or 12 for the first
# and second persons), E/H finite être/avoir (+ s/p), Y infinitive, G present participle, M proper
# noun, MC a city (Grammalecte's "#C": "à Ottawa", "à Gelsenkirchen"), R preposition,
# Os/Oo/Or/Od/O subject, object, relative, demonstrative and other pronouns,
# W adverb, X negation, Cc/Cs coordinating and subordinating conjunctions, NUM a number,
# P punctuation, U unknown; and a class of their own for a few frequent prepositions and articles
# (_OWN_CLASS: "à" is not "de", nor "la" "les"). Each step of this list was kept because it
# lowered the newstest2011 (tune split) word error rate: part of speech, gender and number
# alone, deleted 2.632 -> 2.420 %, stripped 1.244 -> 1.168 %; être/avoir, verb persons and
# pronoun kinds apart 2.426 / 1.121 %; "à", "au(x)", "de", "du"/"des" 2.404 / 1.123 %; the
# other prepositions and articles 2.392 / 1.131 %; the cities apart 2.267 -> 2.258 / 1.116 ->
# 1.110 % (a class for the countries, "#P", and one for first names were worse).
_GENDERS = "mfe"
_NUMBERS = "spi"
CLASSES = tuple(
    [p + g + n for p in "NAQD" for g in _GENDERS for n in _NUMBERS]
    + ["V3s", "V3p", "V12", "Es", "Ep", "Hs", "Hp", "Y", "G", "M", "MC", "R", "Os", "Oo", "Or",
       "Od", "O",
       "W", "X", "Cc", "Cs", "Rà", "Rau", "Rde", "Rdu", "Ren", "Rpour", "Rpar", "Rsur", "Rdans", "Ravec", "Dla",
       "Dle", "Dl", "Dles", "Dun", "Dune", "NUM", "P", UNKNOWN, START]
)


def _gender_number(tags: str) -> str:
    gender = "m" if ":m" in tags else "f" if ":f" in tags else "e"
    number = "s" if ":s" in tags else "p" if ":p" in tags else "i"
    return gender + number


def classes_of_morph(morph: str) -> set[str]:
    """The classes of one Grammalecte morphology (">filtrer/:V1_it___zz:Q:A:f:s/*" -> {"Qfs"})."""
    tags = morph.split("/")[1] if "/" in morph else morph
    out = set()
    if ":Q" in tags:
        out.add("Q" + _gender_number(tags.split(":Q", 1)[1]))
    finite = re.search(r":(Ip|Iq|Is|If|K|S[pq]|E)", tags)
    plural = "p" if re.search(r":[123]p", tags) else "s"
    if ":V0" in tags and ":Q" not in tags and ":Y" not in tags:
        out.add(("E" if ":V0e" in tags else "H") + plural)  # être, avoir
    elif re.search(r":V[123]", tags):
        if ":Y" in tags:
            out.add("Y")
        elif ":P" in tags and ":Q" not in tags:
            out.add("G")
        elif finite:
            out.add("V" + ("3" + plural if re.search(r":3[sp]", tags) else "12"))
    if ":Y" in tags and ":V0" in tags:
        out.add("Y")
    if re.search(r":N(:|$)", tags) and ":Q" not in tags:
        out.add("N" + _gender_number(tags))
    if re.search(r":A(:|$)", tags) and ":Q" not in tags:
        out.add("A" + _gender_number(tags))
    if ":M" in tags:
        out.add("MC" if "#C" in tags else "M")  # a city takes "à": "à Dublin", "à Gelsenkirchen"
    if ":G:D" in tags:
        out.add("D" + _gender_number(tags))
    if ":G:R" in tags:
        out.add("R")
    if ":G:O" in tags:
        out.add("Os" if ":Os" in tags else "Oo" if (":Oo" in tags or ":Ov" in tags)
                else "Or" if (":Or" in tags or ":Ot" in tags) else "Od" if ":Od" in tags
                else "O")
    if ":G:X" in tags:
        out.add("X")
    elif ":G:W" in tags or re.search(r":W(:|$)", tags):
        out.add("W")
    if ":G:C" in tags:
        out.add("Cc" if ":Cc" in tags else "Cs")
    return out


# Words frequent and particular enough to be a class of their own.
_OWN_CLASS = {"à": "Rà", "au": "Rau", "aux": "Rau", "de": "Rde", "d'": "Rde", "du": "Rdu", "des": "Rdu",
              "en": "Ren", "pour": "Rpour", "par": "Rpar", "sur": "Rsur", "dans": "Rdans",
              "avec": "Ravec", "la": "Dla", "le": "Dle", "l'": "Dl", "les": "Dles",
              "un": "Dun", "une": "Dune"}


class Tagger:
    """The classes a token of ``context_tokens`` may have, from Grammalecte's lexicon."""

    def __init__(self):
        self.checker = grammalecte_checker()

    def __call__(self, token: str) -> frozenset[str]:
        if token == "<num>":
            return frozenset(("NUM",))
        if token == "<p>":
            return frozenset(("P",))
        if token in _OWN_CLASS:
            return frozenset((_OWN_CLASS[token],))
        word = token[:-1] + "\u2019" if token.endswith("'") else token
        morphs = self.checker.getMorph(word)
        if not morphs and word.islower():
            morphs = self.checker.getMorph(word.capitalize())
        out: set[str] = set()
        for morph in morphs:
            out |= classes_of_morph(morph)
        if word.islower() and morphs:
            for morph in self.checker.getMorph(word.capitalize()):
                if ":M" in morph:  # "paris": the context is in lower case, the name may be meant
                    out |= classes_of_morph(morph)
        return frozenset(out or (UNKNOWN,))


def expectation_maximisation(sentences: list[list[str]], allowed: dict[str, list[int]],
                             classes: int, start: int, rounds: int):
    """Transition counts (expected) between classes, and each word's expected count per class."""
    transitions = [[1.0] * classes for _ in range(classes)]
    emissions = {(c, w): 1.0 for w, cs in allowed.items() for c in cs}
    for round_ in range(rounds):
        rows = [sum(row) for row in transitions]
        p_next = [[x / rows[i] for x in row] for i, row in enumerate(transitions)]
        totals = [0.0] * classes
        for (c, _), value in emissions.items():
            totals[c] += value
        p_word = {key: value / totals[key[0]] for key, value in emissions.items()}
        new_transitions = [[0.1] * classes for _ in range(classes)]
        new_emissions: dict[tuple[int, str], float] = defaultdict(float)
        log_likelihood = 0.0
        for words in sentences:
            states = [[start]] + [allowed[w] for w in words]
            # forward, scaled
            alpha = [{start: 1.0}]
            scales = []
            for t, w in enumerate(words, 1):
                before = alpha[-1]
                a = {c: p_word[c, w] * sum(p * p_next[b][c] for b, p in before.items())
                     for c in states[t]}
                z = sum(a.values()) or 1e-300
                scales.append(z)
                log_likelihood += math.log(z)
                alpha.append({c: v / z for c, v in a.items()})
            # backward, scaled alike
            beta: list[dict[int, float]] = [{}] * (len(words) + 1)
            beta[-1] = {c: 1.0 for c in states[-1]}
            for t in range(len(words) - 1, -1, -1):
                w = words[t]
                after = beta[t + 1]
                beta[t] = {c: sum(p_next[c][n] * p_word[n, w] * b for n, b in after.items())
                           / scales[t] for c in states[t]}
            for t, w in enumerate(words, 1):
                for c in states[t]:
                    new_emissions[c, w] += alpha[t][c] * beta[t][c]
                for b, a in alpha[t - 1].items():
                    for c, bb in beta[t].items():
                        new_transitions[b][c] += (a * p_next[b][c] * p_word[c, w] * bb
                                                  / scales[t - 1])
        transitions = new_transitions
        emissions = {key: new_emissions.get(key, 0.0) + 0.01
                     for key in emissions}
        print(f"round {round_ + 1}: log-likelihood {log_likelihood:,.0f}", file=sys.stderr)
    return transitions, emissions


def _shares(values: dict[int, float], names: tuple[str, ...]) -> str:
    total = sum(values.values())
    kept = [(names[c], v / total) for c, v in sorted(values.items()) if v / total >= 0.005]
    return " ".join(f"{name}:{share:.3g}" for name, share in kept)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "wmt-news")
    args = parser.parse_args(argv)
    sentences = []
    for name in LM_SPLIT:
        path = args.data / f"{name}.fra-eng.fra"
        if not path.is_file():
            print(f"missing {path}", file=sys.stderr)
            return 1
        sentences += [context_tokens(line) for line in path.read_text("utf-8").splitlines()]
    tagger = Tagger()
    index = {name: i for i, name in enumerate(CLASSES)}
    news_words = {w for words in sentences for w in words}
    allowed = {w: sorted(index[c] for c in tagger(w)) for w in news_words}
    transitions, emissions = expectation_maximisation(
        sentences, allowed, len(CLASSES), index[START], ROUNDS)

    # ratios P(c2 | c1) / P(c2)
    total = sum(map(sum, transitions))
    marginal = [sum(row[j] for row in transitions) / total for j in range(len(CLASSES))]
    ratios = [[(row[j] / sum(row)) / marginal[j] for j in range(len(CLASSES))]
              for row in transitions]
    # each news word's shares, and each set of classes' shares over the news words that have it
    own: dict[str, dict[int, float]] = defaultdict(dict)
    for (c, w), value in emissions.items():
        own[w][c] = value
    by_set: dict[tuple[int, ...], dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for w, values in own.items():
        z = sum(values.values())
        for c, v in values.items():
            by_set[tuple(sorted(values))][c] += v / z

    def set_key(cs) -> str:
        return "+".join(CLASSES[c] for c in cs)

    words: dict[str, str] = {}
    for w in sorted(set(french_lexicon().zipf) | news_words):
        if w in own:
            if allowed[w] != [index[UNKNOWN]]:
                words[w] = _shares(own[w], CLASSES)
            continue
        cs = sorted(index[c] for c in tagger(w))
        if cs != [index[UNKNOWN]]:
            words[w] = set_key(cs)
    from importlib.metadata import PackageNotFoundError, version
    try:
        source = f"Grammalecte {version('Grammalecte-fr')}"
    except PackageNotFoundError:
        source = "Grammalecte"
    lines = [f"# generated by scripts/build_french_classes.py from {source}'s lexicon and the "
             f"news LM split ({', '.join(LM_SPLIT)}): tables only",
             "@classes", " ".join(CLASSES), "@ratios"]
    lines += [" ".join(f"{r:.4g}" for r in row) for row in ratios]
    lines.append("@sets")
    lines += [f"{set_key(cs)}\t{_shares(values, CLASSES)}" for cs, values in sorted(
        by_set.items(), key=lambda item: set_key(item[0]))]
    lines.append("@words")
    lines += [f"{w}\t{value}" for w, value in sorted(words.items())]
    OUTPUT.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"{OUTPUT.relative_to(REPO)}: {len(CLASSES)} classes, {len(by_set)} sets, "
          f"{len(words):,} words ({len(own):,} with their own shares), "
          f"{OUTPUT.stat().st_size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
