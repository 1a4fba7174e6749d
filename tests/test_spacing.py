"""esgtext.repair.spacing and the spacing steps of repair_text."""

from __future__ import annotations

import doctest

import pytest

import esgtext.repair.spacing as spacing
from esgtext.damage import french_typography, lossy_ascii
from esgtext.repair import repair_text
from esgtext.repair.edits import apply_edits
from esgtext.repair.spacing import restore_no_break_spaces, restore_sentence_spaces

NBSP, NARROW = "\u00a0", "\u202f"


def test_docstring_examples():
    assert doctest.testmod(spacing).failed == 0


@pytest.mark.parametrize("damaged, expected", [
    ("du24dcembre", f"du{NBSP}24{NBSP}dcembre"),
    ("en2020,", f"en{NBSP}2020,"),
    ("les 13pays", f"les 13{NBSP}pays"),
    ("soit 1233000 voitures", f"soit 1{NARROW}233{NARROW}000 voitures"),
    ("67,7%", f"67,7{NBSP}%"),
    ("M.Dupont et MmeDavis", f"M.{NBSP}Dupont et Mme{NBSP}Davis"),
    # a date's year glued to the hour after it, and the minutes of "14 h 30"
    ("le 21 mai 202614 h30,", f"le 21 mai 2026{NBSP}14 h{NBSP}30,"),
    ("le 3 fvrier 20269h", f"le 3 fvrier 2026{NBSP}9h"),
    # ... only a year after a month: a count after a month is no year then a time
    ("en mai 20000 manifestants", f"en mai 20{NARROW}000 manifestants"),
    ("en mai 202614 manifestants", f"en mai 202{NARROW}614 manifestants"),
    ("le code 202614 h", f"le code 202{NARROW}614 h"),
    # a count before its unit's capital is no postal code before a town
    ("soit 31000 MWh par an", f"soit 31{NARROW}000 MWh par an"),
])
def test_vanished_no_break_spaces_come_back(damaged, expected):
    assert apply_edits(damaged, restore_no_break_spaces(damaged)) == expected


@pytest.mark.parametrize("text", [
    "le 22e sommet", "le 1er janvier", "la G20", "du CO2", "en 2020", "75008 Paris",
    "le Airbus A380", "à 20h30", "version 3.12345", "pages 10-12345",
])
def test_what_french_writes_glued_stays_glued(text):
    assert restore_no_break_spaces(text) == []


@pytest.mark.parametrize("text", [
    "le 21 mai à 14h30", "de 14 h à 15 h 30", "en 2020", "la route 23 h",
])
def test_times_french_writes_stay_as_they_are(text):
    assert restore_no_break_spaces(text) == []


@pytest.mark.parametrize("text", [
    "www.Example.Com", "HowMuch.Net", "Arch.Design Company", "e.g.The", "U.S.A. Today", "3.5 %",
])
def test_names_and_domains_are_not_sentence_ends(text):
    assert restore_sentence_spaces(text) == []


def test_glued_sentences_are_separated_in_any_language():
    text = "responsabilités sociales.Aujourd'hui, alors. In the category).In the global"
    assert apply_edits(text, restore_sentence_spaces(text)) == (
        "responsabilités sociales. Aujourd'hui, alors. In the category). In the global")


def test_a_glued_sentence_after_a_name_is_separated_where_a_frequent_french_word_follows():
    text = "touchées au Pakistan.Surtout dans chaque cas, de Chery.À l'avenir, voir Arch.Design"
    assert apply_edits(text, restore_sentence_spaces(text)) == (
        "touchées au Pakistan. Surtout dans chaque cas, de Chery. À l'avenir, voir Arch.Design")


def test_repair_text_puts_no_break_spaces_back_in_damaged_french_only():
    clean = ("Début 2023, le groupe a été reconnu pour ses 20\u00a0ans de présence et ses "
             "1\u202f233\u202f000 véhicules vendus en\u00a02022.")
    damaged = lossy_ascii(clean, capitals=False)
    assert "20ans" in damaged and "1233000" in damaged
    repaired = repair_text(damaged, lang="fr")
    assert repaired.text == clean
    assert {e.kind for e in repaired.edits} >= {"no_break_space", "deleted_accent"}
    # the same glue in clean French (no damage diagnosed), or in English, is left alone
    assert repair_text("Le groupe a été reconnu pour ses 20ans de présence.", lang="fr").edits == ()
    assert repair_text("Revenue grew 20% to 1233000 units in2020.", lang="en").edits == ()


def test_typography_survives_the_round_trip_on_a_news_paragraph():
    # (the space before ":" is left out: sources that glue ":" to the word lose nothing; "a
    # vendu 15 000" is left out too: "vendu à" before a number is a near tie, see
    # test_french_readings.py's test of a number after avoir and a participle)
    clean = french_typography("M. Dupont a livré 15 000 voitures en 2020, soit 67,7 % du marché.",
                              optional_share=1.0)
    assert repair_text(lossy_ascii(clean, capitals=False), lang="fr").text.split() == clean.split()


def test_only_french_titles_glued_to_a_name_count_as_vanished_spaces():
    from esgtext.repair.spacing import glued_spaces

    # "DrSam" counts with an "M" elsewhere in the text as without one: never
    assert glued_spaces("selon DrSam et M.Hayes")[2] == 1
    assert glued_spaces("selon DrSam et PrJones")[2] == 0


def _spaced(text: str) -> str:
    """``text`` repaired as French, its no-break spaces shown as spaces."""
    return repair_text(text, lang="fr").text.replace("\u00a0", " ")


def test_a_word_glued_between_two_numbers_gets_both_its_spaces_back():
    damaged = "Des hommes gs entre 25et45 ans, pour 2011et2012 et les jours 16et17."
    repaired = repair_text(damaged, lang="fr").text.replace("\u00a0", " ")
    assert "entre 25 et 45 ans" in repaired and "2011 et 2012" in repaired
    assert "16 et 17." in repaired
    # a code stays as it is
    assert "V8et" in repair_text("Le moteur V8et la voiture sont neufs.", lang="fr").text
    # any frequent short word, not only "et" or "de": "réduire d’ici à 2020 entre 40 et 45 %"
    repaired = _spaced("Il faut rduire dici 2020entre40 et45% les missions.")
    assert "2020 entre 40 et 45 %" in repaired
    # ... but no unit's symbol or code ("km" is no word of news, "ab" none at all)
    assert "12km30" in repair_text("Le trajet de 12km30 et 4ab5 est neuf.", lang="fr").text


def test_an_elided_word_glued_to_a_number_gets_its_apostrophe_and_space_back():
    # "jusqu’en 2012": the apostrophe and the no-break space both vanished, so "jusquen2012" is
    # an elided word, a word and a number in one (LM split: 14 such, none read wrong since)
    repaired = _spaced("Le plan schelonne jusquen2012 et dure jusquau19, car il est clair "
                       "quaprs5 ans le matelas est us.")
    assert "jusqu’en 2012" in repaired and "jusqu’au 19," in repaired
    assert "qu’après 5 ans" in repaired


def test_a_capitalised_word_glued_before_a_number_is_a_frequent_word_not_a_model():
    # "Mazda3", "Mp3": a name and its model, written so (LM split: ten such); "En2020",
    # "Jai13" (an elided "j’" too) and "Ligue1" lost a no-break space
    repaired = _spaced("La Mazda3 et les lecteurs Mp3 sont neufs. En2020, Jai13 voitures et "
                       "la Ligue1 joue.")
    assert "La Mazda3 et les lecteurs Mp3 sont" in repaired
    assert "En 2020, J’ai 13 voitures" in repaired and "Ligue 1" in repaired
    # ... and a name glued to a year: a plan's or a programme's ("Forez 2030"), not a model's
    repaired = _spaced("Le plan Forez2030 de la Mazda3 a cot 20millions en2025.")
    assert "Le plan Forez 2030 de la Mazda3 a coûté 20 millions en 2025." in repaired
    # ... and an elided article with a word whose accents vanished too ("L’été 2025")
    repaired = _spaced("Lentreprise a dit quil tait l. Lt2025, marqu par un dbit, fut sec.")
    assert "L’été 2025, marqué" in repaired


def test_a_title_a_verb_and_a_code_glued_to_their_neighbour_get_their_spaces_back():
    # "Me" (a lawyer) and "Mgr" are titles; "a" before a number is the verb ("il y a 14 ans");
    # currencies, time zones and memory are spaced from their number as units are (LM split:
    # "190GBP", "17h00GMT", "8GB", "MeDavid", "il y a14 ans")
    repaired = _spaced("Il y a14 ans, son avocat MeDavid Koubbi et MgrLustiger ont vendu 8Go "
                       "pour 190GBP vers 17h00GMT.")
    assert repaired == ("Il y a 14 ans, son avocat Me David Koubbi et Mgr Lustiger ont vendu "
                        "8 Go pour 190 GBP vers 17h00 GMT.")
    # ... not "MeToo", nor "a" inside a code
    kept = repair_text("Le mouvement MeToo et le code x-a12 ont dit.", lang="fr").text
    assert "MeToo" in kept and "x-a12" in kept


def test_a_date_and_a_rarer_word_glued_to_numbers_get_their_spaces_back():
    repaired = repair_text("Le crime du 29aot2009 touche plus de 200consortiums et 8mgapixels, "
                           "selon M. Dupont.", lang="fr").text.replace("\u00a0", " ")
    assert "29 août 2009" in repaired
    assert "200 consortiums" in repaired and "8 mégapixels" in repaired
    # an hour, an ordinal and a short code stay glued
    kept = repair_text("Le rendez-vous de 3h30 au 22e tage, avec le A380 et le CO2 du 1er lot.",
                       lang="fr").text
    assert "3h30" in kept and "22e" in kept and "A380" in kept and "1er" in kept


def test_a_capitalised_word_glued_after_a_number_gets_its_space_back():
    repaired = repair_text("Le 27Octobre, il a pay 14Euros pour les 140Palestiniens.",
                           lang="fr").text.replace("\u00a0", " ").replace("\u202f", " ")
    assert "27 Octobre" in repaired and "14 Euros" in repaired and "140 Palestiniens" in repaired
    # a code of capitals stays ("4WD"), and so does a number after a name ("A380")
    kept = repair_text("Le 4WD et le A380 sont prts.", lang="fr").text
    assert "4WD" in kept and "A380" in kept


def test_chinese_glued_to_a_number_is_no_french_word_that_lost_its_space():
    # str.istitle() takes "月发布的Passport" for a capitalised word; Chinese has no spaces to lose
    from esgtext.repair.spacing import restore_no_break_spaces

    assert restore_no_break_spaces("去年9月发布的Passport，最大曲率4000R。") == []


def test_a_text_mostly_in_chinese_is_not_repaired_as_french():
    text = ("去年9月发布的Passport，SONY（索尼）时常会有各种黑科技产品推出，最大曲率4000R的变量。\n"
            "用户只需要舒舒服服按动遥控器。")
    result = repair_text(text)
    assert result.text == text and result.lang is None
    # a French release with a Chinese source line is still French
    mixed = "Communiqu de presse : la socit a t rcompense.\n中国机电产品进出口商会"
    assert repair_text(mixed).text.startswith("Communiqué de presse : la société a été")


def test_a_unit_glued_to_its_number_gets_its_no_break_space_and_keeps_its_letters():
    damaged = lossy_ascii("Le parc éolien de 1\u202f200\u00a0MW évite l’émission de 49\u00a0Gt de "
                          "CO2 et produit 88\u00a0kWh, un résultat supérieur à l’objectif.")
    assert "200MW" in damaged and "49Gt" in damaged
    repaired = repair_text(damaged, lang="fr").text
    assert "200\u00a0MW" in repaired and "49\u00a0Gt de" in repaired and "88\u00a0kWh" in repaired
    assert "Gâté" not in repaired  # a unit's symbol after a number is no damaged word
    # a glued unit is no evidence of the conversion: clean text with one stays as it is
    assert repair_text("The 1200MW plant and the A380.", lang="en").text == (
        "The 1200MW plant and the A380.")


def test_a_unit_of_one_letter_or_with_digits_glued_to_its_number():
    repaired = repair_text("Le parc olien couvre 1200m2 de toiture, mesure 2m de haut, contient "
                           "0,75l deau et vite 12tCO2 par an.", lang="fr").text
    for spaced in ("1200\u00a0m2 de", "2\u00a0m de haut", "0,75\u00a0l d’eau", "12\u00a0tCO2 par"):
        assert spaced in repaired
    # millions in English, and a range of them: left
    english = repair_text("Le fonds de 650,000 ($1.3m) pour les 5m-6m de fidles.", lang="fr").text
    assert "($1.3m)" in english and "5m-6m" in english
