"""Reliability of the French repair (issue #15, items 5, 6, 9): clean text stays as it is, repair
is idempotent, per-process caches stay bounded."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from esgtext.damage import lossy_ascii, strip_accents
from esgtext.repair import french, lexicon, repair_text

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"


@pytest.mark.parametrize("line", [
    "Crime doesn't pay.", "I can't pay you.", "I don't know what Tom got.",
    "He doesn't eat anything except fruit.", "I don't blame them.", "I don't understand these.",
    "Don't quit English.", "I can't bend my right arm.", "Do you take digitalis?",
    "Have you been diagnosed with a heart murmur?", "Consommes-tu des substances illicites ?",
    "Est-ce que tu utilises une quelconque forme de contraception ?", "Ne flipe pas !",
    "Tu me piques toujours des bonbons mais tu ne m'en donnes jamais.",
    "En den tic, sipita lastic, sipita laboumlala, en den tic.",
    "Murray a perdu le premier set au tie break après que les deux hommes ont gardé leur service.",
])
def test_clean_short_lines_are_left_alone(line):
    assert repair_text(line).text == line


def _french_lines() -> list[str]:
    flores = SHARED / "flores200-devtest" / "fra_Latn.devtest"
    if flores.is_file():
        return flores.read_text(encoding="utf-8").splitlines()
    return [line for path in sorted((REPO / "corpus" / "reference").glob("*fr*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_repair_is_idempotent_on_noisy_damaged_french():
    lines = _french_lines()
    assert lines
    rng = random.Random(7)
    noise = "áéè?'’ \x0b-«»0123456789.,;:!"
    damages = (lossy_ascii, lambda t: lossy_ascii(t, replacement="?"), strip_accents, str)
    for _ in range(300):
        chars = list(rng.choice(damages)(rng.choice(lines)))
        for _ in range(rng.randint(0, 6)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(noise))
        text = "".join(chars)
        for lang in ("fr", None):
            once = repair_text(text, lang=lang).text
            assert repair_text(once, lang=lang).text == once, text
    # the reproducer, and a "?" left before an elided article ("?l’énergie" is no "îl’")
    for text in ("á amric dds gologique dUnit da du situ", "Au-del de ?lnergie, le groupe a prsent"):
        once = repair_text(text, lang="fr").text
        assert repair_text(once, lang="fr").text == once


def test_caches_stay_bounded(monkeypatch):
    from esgtext.repair import memo
    from esgtext.repair.french import decoder

    monkeypatch.setattr(memo, "CACHE_LIMIT", 50)
    monkeypatch.setattr(decoder, "MAX_CANDIDATE_MEMO", 50)
    monkeypatch.setattr(lexicon, "MAX_CACHED_PAIRS", 200)
    model = lexicon.bigram_model(french.DELETED_DISCOUNT)
    model.cache.clear()
    model._parsed.clear()
    french._CANDIDATE_MEMO.clear()
    french._EVIDENCE.clear()
    rng = random.Random(3)
    words = [w for w in lexicon.french_lexicon().zipf if w.isalpha()][:5000]
    for _ in range(60):
        text = " ".join(rng.choice(words) for _ in range(40)) + "."
        repair_text(lossy_ascii(text), lang="fr")
    model = lexicon.bigram_model(french.DELETED_DISCOUNT)
    sizes = (len(model.cache), len(model._parsed), len(french._EVIDENCE))
    assert sizes[0] <= 201, sizes
    # parsed contexts are never emptied: at most one per context of the tables
    assert sizes[1] <= len(model._raw) + len(model._news), sizes
    assert len(french._EVIDENCE) <= 51 + 40
    for memos in french._CANDIDATE_MEMO.values():
        assert sum(map(len, memos.values())) <= 51 + 40


def test_the_three_models_share_one_parsed_table():
    deleted = lexicon.bigram_model(french.DELETED_DISCOUNT)
    stripped = lexicon.bigram_model(french.STRIPPED_DISCOUNT, french.STRIPPED_UNSEEN_CONTEXT_WEIGHT)
    assert deleted is not stripped and deleted._raw is stripped._raw


@pytest.mark.parametrize("last, first, earlier, later", [
    ("tout", "fait", "pour", "prêts"),  # "tout fait pour" is no locution, "tout à fait prêts" is
    ("a", "plusieurs", "fois", "reprises"),  # "à plusieurs reprises"
])
def test_a_gaps_cue_does_not_depend_on_the_texts_before(last, first, earlier, later):
    # the per-process cache of the "à" cues had dropped the word after a locution's first word
    # from its key: a repair depended on which texts the process had repaired before
    from esgtext.repair.french import cues

    found = lexicon.french_lexicon()
    cues._A_CUE_WORDS.clear()
    fresh = cues._a_cue_words(last, first, later, found, None)
    cues._A_CUE_WORDS.clear()
    cues._a_cue_words(last, first, earlier, found, None)
    assert cues._a_cue_words(last, first, later, found, None) == fresh


def test_a_repair_does_not_depend_on_the_order_of_the_texts():
    releases = sorted((REPO / "benchmarks" / "press_releases" / "dev4").glob("*.txt"))
    damaged = [lossy_ascii(p.read_text(encoding="utf-8"), capitals=False) for p in releases]
    forward = [repair_text(text).text for text in damaged]
    backward = [repair_text(text).text for text in reversed(damaged)][::-1]
    assert forward == backward


def test_a_repair_does_not_depend_on_the_processs_string_hashes():
    # the present-before-object cue took the first present it found in a set of readings, whose
    # order changes with PYTHONHASHSEED: "etonne" has "étonné" and the Littré's "etonné" among
    # its readings, and the cue gave its bonus to "étonne" in one process, to "etonne" in another
    import os
    import subprocess
    import sys

    script = ("from esgtext.repair import repair_text\n"
              "r = repair_text(\"La mere dit etonne le directeur, et la Fifa designe les pays.\", "
              "lang='fr')\n"
              "print(r.text, [(e.after, e.confidence) for e in r.edits])\n")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
               for seed in (1, 2, 3, 4)}
    assert len(outputs) == 1, outputs
