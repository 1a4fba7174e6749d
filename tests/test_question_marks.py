"""``?`` standing for non-letters (esgtext.repair.question_marks) and clean text left alone."""

from __future__ import annotations

import doctest

import pytest

import esgtext.repair.question_marks as question_marks
from esgtext.damage import french_typography, lossy_ascii
from esgtext.repair import repair_text

NBSP, NARROW = "\u00a0", "\u202f"


def test_docstring_examples():
    assert doctest.testmod(question_marks).failed == 0


@pytest.mark.parametrize("clean", [
    "Le PDG n’a pas dit qu’il partirait.",
    "L’équipe de Côte d’Ivoire a gagné aujourd’hui.",
    "Il a vendu 1\u202f233\u202f000 voitures en\u00a02020, soit 67,7\u00a0% du marché.",
    "Il a dit «\u00a0oui\u00a0» jusqu’à la fin.",
    "Jusqu’à présent, l’équipe a été reconnue.",
    # a date and its time, and a range, every space a no-break one ("2026???14", "h?30")
    "L’assemblée se tiendra le 21\u00a0mai\u00a02026\u00a0à\u00a014\u00a0h\u00a030 au siège.",
    "Des formules de 25\u00a0à\u00a035\u00a0euros. La séance reprendra à 14 h\u00a030.",
    # a no-break space, then an accented letter, after a number
    "Il est à la 74\u00a0ème place, et 16\u00a0étudiants se bousculent.",
    # an elided word before the no-break space of ";", a quotation's end after an accented
    # letter and a full stop, and after "!" before the attribution's comma
    "Ils sont deux aujourd’hui\u202f; un second temps viendra.",
    "«\u00a0Nous le dirons dès cet été.\u00a0» Le groupe a publié son bilan.",
    # "aujourd’hui" after an elided "d’"; a dash before a word no "à" precedes
    "Les jeunes d’aujourd’hui ont changé leurs habitudes.",
    "Il est allé là où il voulait, au 93\u00a0ème kilomètre.",
    "Le tarif était excessif – surtout pour les familles – et la loi a changé.",
    "«\u00a0Le rail transporte trop peu. Ce n’est pas une fatalité\u202f!\u00a0», a lancé son "
    "président.",
])
def test_every_non_ascii_character_as_question_mark_comes_back(clean):
    damaged = lossy_ascii(clean, replacement="?")
    assert repair_text(damaged, lang="fr").text == clean


def test_english_contractions_in_english_and_letters_in_french():
    assert repair_text("It?s the company?s plan in C?te d?Ivoire, don?t worry.", lang="en").text == (
        "It’s the company’s plan in Côte d’Ivoire, don’t worry.")
    assert repair_text("Apr?s la gr?ve, les d?put?s ont vot?.", lang="fr").text == (
        "Après la grève, les députés ont voté.")


@pytest.mark.parametrize("text", [
    "Really?? Yes.", "What?! No.", "Pourquoi ? Parce que.", "Do you take digitalis?",
    "See x.com/a?id=3 and 2020?", "Qui sait?)",
])
def test_real_question_marks_stay(text):
    assert repair_text(text).text == text


@pytest.mark.parametrize("line", [
    "Crime doesn't pay.", "I can't pay you.", "I don't know what Tom got.",
    "Consommes-tu des sels de bain ?", "Est-ce que tu utilises un contraceptif ?",
    "Tu me piques toujours des bonbons mais tu ne m'en donnes jamais.",
])
def test_short_clean_lines_are_not_repaired(line):
    assert repair_text(line).text == line


def test_news_paragraph_round_trip_in_question_mark_mode():
    clean = french_typography(
        "Le ministre a déclaré qu'il faudra 20 ans pour réduire de 30 % les émissions de l'État.",
        optional_share=1.0)
    repaired = repair_text(lossy_ascii(clean, replacement="?"), lang="fr").text
    errors = sum(a != b for a, b in zip(repaired.split(), clean.split()))
    assert len(repaired.split()) == len(clean.split()) and errors <= 1  # (l’État's capital)


def test_a_question_mark_word_carries_the_odds_of_its_reading():
    from esgtext.repair import RepairConfig

    raw = RepairConfig(calibrate=False)
    edits = {e.before: e for e in repair_text(
        "Le p?le et il a r?alis? un projet.", lang="fr", config=raw).edits}
    # "pôle" or "pâle": two readings close in context; "réalisé": one reading
    assert edits["p?le"].confidence < 0.8 < 0.99 < edits["r?alis?"].confidence
    assert "to 1 over the next reading" in edits["p?le"].reason
    assert "no other reading comes close" in edits["r?alis?"].reason
    # a doubtful reading is still made: a word with a "?" for a letter is never right as it is
    assert "?" not in repair_text("Il est compl?tement fou.", lang="fr").text


def test_the_second_part_of_a_hyphenated_word_takes_a_capital_only_in_a_name():
    repaired = repair_text("Peut-?tre pas, dit-il en Nouvelle-?cosse.", lang="fr").text
    assert repaired == "Peut-être pas, dit-il en Nouvelle-Écosse."
