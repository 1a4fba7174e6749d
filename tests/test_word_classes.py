"""The word classes behind the bigram back-off (esgtext.repair.classes, scripts/build_french_classes.py)."""

from __future__ import annotations

import doctest

import pytest

import esgtext.repair.classes as classes
from esgtext.damage import lossy_ascii, strip_accents
from esgtext.repair import repair_text
from esgtext.repair.lexicon import BigramModel, bigram_model


def test_docstring_examples():
    assert doctest.testmod(classes).failed == 0


def test_table_ships_with_part_of_speech_gender_and_number():
    table = classes.word_classes()
    assert table is not None
    assert table.names_of("filtrée") == ("Qfs",)  # a participle, feminine singular
    assert set(table.names_of("filtre")) >= {"Nms"}  # a noun (or a verb)
    assert table.names_of("<num>") == ("NUM",) and table.names_of("<p>") == ("P",)
    assert table.names_of("xqzw") == ("U",)  # unknown
    shares = table.classes_of("portes")
    assert abs(sum(share for _, share in shares) - 1.0) < 1e-9


def test_ratios_read_agreement_and_part_of_speech():
    table = classes.word_classes()
    # after a feminine plural noun, a feminine plural participle rather than a verb
    assert table.ratio("accusations", "portées") > table.ratio("accusations", "porte")
    # after a determiner, a noun, not a finite verb
    assert table.ratio("la", "maison") > 1.0 > table.ratio("la", "mangent")
    # a two-word context reads its last word
    assert table.ratio("à la", "maison") == table.ratio("la", "maison")


def test_a_city_is_a_class_of_its_own_that_follows_a():
    table = classes.word_classes()
    assert table.names_of("ottawa") == ("MC",) and table.names_of("gelsenkirchen") == ("MC",)
    assert table.names_of("sarkozy") == ("M",)  # a person: no "à" before most
    assert table.ratio("à", "ottawa") > 10 * table.ratio("visite", "ottawa")
    assert table.ratio("à", "ottawa") > 2 * table.ratio("à", "sarkozy")


@pytest.mark.parametrize("clean", [
    "Le Québec demanderait également à Ottawa de modifier la loi sur les pêches.",
    "Le ministre a proposé hier à Cancún un plan de réduction des émissions.",
    "La délégation a fait sa première visite à Ottawa.",
])
def test_a_vanished_a_before_a_city_comes_back(clean):
    # (without the city class: "également Ottawa", "hier Cancún", "visite Ottawa")
    assert repair_text(lossy_ascii(clean, capitals=False), lang="fr").text == clean


def test_the_back_off_listens_to_the_classes_only_where_the_pair_was_not_counted():
    with_classes = bigram_model(1.5, class_weight=1.0)
    without = bigram_model(1.5, class_weight=0.0)
    assert without.classes is None
    # an unseen pair: the participle gains on the noun
    gain = (with_classes.logprob("filtrée", "eau") - without.logprob("filtrée", "eau"))
    loss = (with_classes.logprob("filtre", "eau") - without.logprob("filtre", "eau"))
    assert gain > 0.3 and loss < -0.3
    # a frequent pair moves far less: its own counts weigh most
    frequent = abs(with_classes.logprob("de", "part") - without.logprob("de", "part"))
    assert frequent < gain


def test_a_build_without_the_table_still_repairs(monkeypatch):
    monkeypatch.setattr(classes, "word_classes", lambda: None)
    import esgtext.repair.lexicon as lexicon

    model = BigramModel(lexicon._bigram_text(), lexicon.french_lexicon(), 1.5,
                        classes=None)
    assert model.logprob("filtrée", "eau") < 0.0


# Each was wrong before the classes (the frequent reading won on an unseen pair): a participle
# after a noun agrees with it ("la maison terminée"), a finite verb after its subject stays one
# ("la chercheuse effectue"), a participle before a preposition ("un écran accroché au mur").
@pytest.mark.parametrize("clean, damage", [
    ("La maison terminée en 1950 a été vendue.", "deleted"),
    ("La dose recommandée est de deux comprimés par jour.", "deleted"),
    ("Un écran accroché au mur affiche les horaires.", "stripped"),
    ("La chercheuse effectue des mesures dans le désert.", "stripped"),
])
def test_readings_the_classes_decide(clean, damage):
    damaged = lossy_ascii(clean, capitals=False) if damage == "deleted" else strip_accents(clean)
    assert repair_text(damaged, lang="fr").text == clean
