"""Web and e-mail addresses, handles and file names pass through the French repair unchanged,
whatever the damage around them (esgtext.repair.addresses)."""

import pytest

from esgtext.damage import lossy_ascii, strip_accents
from esgtext.repair import repair_text
from esgtext.repair.addresses import address_spans, outside_addresses
from esgtext.repair.edits import Edit

RELEASE = (
    "Le groupe a publié son rapport intégré, disponible sur www.societe-exemple.fr/rse/"
    "rapport-integre-2025.pdf et sur https://exemple.com/fr/sp101201_FAQ.html. Pour toute "
    "question, écrivez à presse@societe-generale.fr ou suivez @GroupeExemple sur les réseaux "
    "sociaux ; les données détaillées sont dans donnees-esg-2025.xlsx."
)
ADDRESSES = ["www.societe-exemple.fr/rse/rapport-integre-2025.pdf",
             "https://exemple.com/fr/sp101201_FAQ.html", "presse@societe-generale.fr",
             "@GroupeExemple", "donnees-esg-2025.xlsx"]


@pytest.mark.parametrize("damage", [
    pytest.param(lambda t: lossy_ascii(t, capitals=False), id="deleted"),
    pytest.param(lambda t: lossy_ascii(t, replacement="?", capitals=False), id="question-marks"),
    pytest.param(strip_accents, id="stripped"),
])
def test_addresses_are_never_repaired(damage):
    repaired = repair_text(damage(RELEASE), lang="fr").text
    for address in ADDRESSES:
        assert address in repaired  # not "société-générale.fr", nor "spé 101 201"
    assert "a publié son rapport" in repaired and "données détaillées" in repaired  # the French is


def test_address_spans_trim_punctuation_and_skip_glued_sentences():
    text = "Voir (www.exemple.fr). Fin.Le site exemple.Com reste, comme 3.5 et M.Dupont."
    assert [text[a:b] for a, b in address_spans(text)] == ["www.exemple.fr"]


def test_outside_addresses_keeps_insertions_at_an_address_edge():
    text = "crivez presse@exemple.fr"
    start = text.index("presse")
    edits = [Edit("inserted_word", start, start, "", "à ", 0.9),
             Edit("deleted_accent", start, start + 6, "presse", "pressé", 0.9),
             Edit("deleted_symbol", start + 3, start + 3, "", " ", 0.9)]
    assert outside_addresses(text, edits) == edits[:1]


def test_no_a_before_an_address_in_a_list_of_addresses():
    text = "Contact : a.roux@exemple.fr, b.morel@exemple.fr"
    start = text.index("b.morel")
    insertion = Edit("inserted_word", start, start, "", "à ", 0.9)
    assert outside_addresses(text, [insertion]) == []


SIGNED = ("Paris, le 3 février 2026 – Solérian, groupe bancaire, a finalisé le placement de son "
          "obligation verte. Jérôme Valmère, directeur financier de Solérian, a salué le "
          "travail des équipes.\n"
          "Contact presse : Sophie Arnaud – sophie.arnaud@solerian.fr – j.valmere@solerian.fr\n")


@pytest.mark.parametrize("damage", [
    pytest.param(lambda t: lossy_ascii(t, capitals=False), id="deleted"),
    pytest.param(lossy_ascii, id="capitals-too"),
    pytest.param(lambda t: lossy_ascii(t, replacement="?"), id="question-marks"),
])
def test_a_name_gets_the_accents_the_documents_addresses_spell(damage):
    damaged = damage(SIGNED)
    assert "Solrian" in damaged or "Sol?rian" in damaged
    repaired = repair_text(damaged, lang="fr")
    assert repaired.text.count("Solérian") == 2 and "Valmère" in repaired.text  # "è": "-ère"
    assert "solerian.fr" in repaired.text and "j.valmere@" in repaired.text  # addresses as they are
    # the contact line's dashes, between a name and an address too (not "Arnaud à sophie…")
    assert "Sophie Arnaud – sophie.arnaud@solerian.fr – j.valmere@" in repaired.text
    names = [e for e in repaired.edits if e.after in ("Solérian", "Valmère")]
    assert len(names) == 3 and all("addresses spell" in e.reason for e in names)
    # without the addresses, nothing says how the names were spelled
    unsigned = repair_text(damaged.split("\nContact")[0], lang="fr").text
    assert "Solérian" not in unsigned and "Valmère" not in unsigned


def test_an_address_spells_only_accents_french_puts_on_its_letters():
    from esgtext.repair.french.names import _spelled

    assert _spelled("Solrian", "solerian") == "Solérian"
    assert _spelled("Franois", "francois") == "François"
    assert _spelled("nergies", "energies") == "Énergies"  # (capitals too: "É" vanished)
    assert _spelled("L?cuyer", "lecuyer") == "Lécuyer"
    assert _spelled("Grin", "guerin") is None  # no accent on "u" here: another name
    assert _spelled("Solrian", "solariane") is None and _spelled("Solrian", "solrian") is None
