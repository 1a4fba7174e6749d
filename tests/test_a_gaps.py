"""The gap model of the vanished "à" (esgtext.repair.french.gaps, scripts/build_french_a_gaps.py)."""

from __future__ import annotations

import doctest
import importlib.util
from pathlib import Path

import esgtext.repair.french.decoder as decoder
import esgtext.repair.french.gaps as gaps
from esgtext.damage import lossy_ascii
from esgtext.repair import repair_text
from esgtext.repair.tables import sections

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_french_a_gaps.py"


def _script():
    spec = importlib.util.spec_from_file_location("build_french_a_gaps", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _without_gap_model(monkeypatch, text: str) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(decoder, "gap_model", lambda: None)
        return repair_text(text, lang="fr").text


def test_docstring_examples():
    assert doctest.testmod(gaps).failed == 0


def test_table_ships_with_its_weights_and_counts():
    model = gaps.gap_model()
    assert model is not None
    assert sorted(model.rates) == sorted(gaps.VIEWS)  # a table per view
    assert all(0.005 < rate < 0.05 for rate in model.rates.values())  # "à": about 2 % of gaps
    assert model.bias < 0
    # a pair seen with its "à" weighs for one; a pair news French never writes with one, against
    assert model.log_odds(gaps.gap_keys("les", "journalistes", "propos", "de", "W")) > (
        model.log_odds(gaps.gap_keys("les", "journalistes", "de", "la", "W")) + 1.0)


def test_generator_marks_the_gap_where_the_a_was():
    module = _script()
    found = module.sentence_gaps("Il vit à Paris depuis 2020 et pense à l’avenir.", seed=0)
    marked = [keys[gaps.VIEWS.index("across")] for keys, had_a in found if had_a]
    # keys are of the damaged text: the deleted "à" leaves "vit Paris", "pense lavenir"
    assert marked == ["vit paris", "pense lavenir"]
    assert all(not had_a for keys, had_a in found if keys[0] == "paris depuis")


def test_a_locution_comes_back_that_the_bigrams_alone_miss(monkeypatch):
    # (the word classes of the bigram back-off now bring back "journalistes à propos de", the
    # example this test had until then, without the gap model as with it)
    clean = "Les salariés travaillent à temps partiel."
    damaged = lossy_ascii(clean, capitals=False)
    assert "travaillent temps" in damaged
    result = repair_text(damaged, lang="fr")
    assert result.text == clean
    inserted = [e for e in result.edits if e.kind == "inserted_word"]
    assert len(inserted) == 1
    assert inserted[0].reason.startswith("a vanished 'à' put back: news French often has one")
    assert "to 1 over the next reading" in inserted[0].reason
    assert "travaillent temps" in _without_gap_model(monkeypatch, damaged)


def test_no_a_goes_where_news_never_has_one(monkeypatch):
    # (as above: "devaient boire une eau", "entend réformer" and "dit Karel Novak", this test's
    # examples until then, are now right without the gap model too)
    clean = "Ce dernier est financé par les groupes tels que Monsanto, Nestlé ou Bayer."
    damaged = lossy_ascii(clean, capitals=False)
    assert repair_text(damaged, lang="fr").text == clean
    assert "ou à Bayer" in _without_gap_model(monkeypatch, damaged)


def test_a_build_without_the_table_still_repairs(monkeypatch):
    damaged = "Le groupe continuera pratiquer le dveloppement durable."
    assert _without_gap_model(monkeypatch, damaged) == (
        "Le groupe continuera à pratiquer le développement durable.")


def test_a_table_is_searched_the_same_before_and_after_its_lines_are_split():
    model = gaps.GapModel(gaps._gap_text())
    table = gaps.VIEWS.index("after2")
    lines = sections(gaps._gap_text())["counts after2"].strip("\n").split("\n")
    keys = [line.split("\t")[0] for line in lines[:: max(1, len(lines) // 100)]][:100]
    probes = keys + [key + "x" for key in keys] + ["", "zzzz zzzz", "<num> <num>"]
    unsplit = [model._lookup(table, key) for key in probes]
    assert not model._tables[table].split  # fewer look-ups than SPLIT_AFTER so far
    for key in probes * 2:
        model._lookup(table, key)
    assert model._tables[table].split
    assert [model._lookup(table, key) for key in probes] == unsplit
    assert len(set(unsplit[: len(keys)])) > 10  # real keys found, with their own counts


def test_no_a_between_an_adverb_and_the_bare_infinitive_of_a_verb():
    # "doivent désormais ramer", "comptaient présenter": the infinitive after a modal verb and
    # its adverb takes no "à"; a quantity still does ("beaucoup à faire")
    repaired = repair_text("Ils doivent dsormais ramer, et ils comptaient prsenter le projet. Il "
                           "reste beaucoup faire et il continue pratiquer.", lang="fr").text
    assert "doivent désormais ramer" in repaired and "comptaient présenter" in repaired
    assert "beaucoup à faire" in repaired and "continue à pratiquer" in repaired


def test_no_a_after_a_preposition():
    repaired = repair_text("Le sige a dmnag de Bad Homburg vers Francfort, a dclar le "
                           "prsident, sans Paris et chez Renault.", lang="fr").text
    assert "Bad Homburg vers Francfort" in repaired
    assert "sans Paris et chez Renault" in repaired


def test_a_vanished_a_after_a_comma_is_put_back():
    repaired = repair_text("Il a parl avec Cynthia, propos de la rforme, et de la ville.",
                           lang="fr").text
    assert "Cynthia, à propos de la réforme, et de la ville" in repaired


def test_no_a_before_the_title_of_an_inverted_subject_after_a_verb_in_the_present():
    damaged = lossy_ascii('"Nous devons agir", dclare M. Gibbs. "Cest fini", soutient Mme Dupont.',
                          capitals=False)
    repaired = repair_text(damaged, lang="fr").text
    assert "déclare M. Gibbs" in repaired and "soutient Mme Dupont" in repaired
    # a verb that takes "à" still gets one before a title
    assert "a écrit à M. Gibbs" in repair_text("Il a crit  M. Gibbs.", lang="fr").text
