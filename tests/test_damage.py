"""esgtext.damage: the simulators every repair benchmark relies on."""

from __future__ import annotations

import doctest

import esgtext.damage as damage
from esgtext.damage import (
    delete_accents,
    question_mark_accents,
    strip_accents,
    word_error_rate,
    word_errors,
)


def test_docstring_examples():
    assert doctest.testmod(damage).failed == 0


def test_delete_accents_drops_vanished_a_with_one_space():
    assert delete_accents("des collations à 80 enfants à Pretoria") == (
        "des collations 80 enfants Pretoria"
    )


def test_delete_accents_keeps_line_breaks_and_capitals_on_request():
    text = "À l’avenir,\nl’élève ira à Québec."
    assert delete_accents(text, capitals=False) == "À l’avenir,\nl’lve ira Qubec."
    assert delete_accents(text).count("\n") == 1
    assert delete_accents(text, apostrophes=True) == "lavenir,\nllve ira Qubec."


def test_straight_apostrophe_survives_deletion():
    assert delete_accents("l'été", apostrophes=True) == "l't"


def test_question_marks_keep_length_and_ascii_text():
    text = "Côte d'Ivoire, Houphouët-Boigny, What?"
    damaged = question_mark_accents(text)
    assert damaged == "C?te d'Ivoire, Houphou?t-Boigny, What?"
    assert len(damaged) == len(text)


def test_strip_accents_keeps_ligatures():
    assert strip_accents("cœur élevé, Ça") == "cœur eleve, Ca"


def test_word_error_rate_counts_insertions_deletions_and_case():
    assert word_errors("a b c", "a b c") == (0, 3)
    assert word_errors("a c", "a b c") == (1, 3)
    assert word_errors("a x b c", "a b c") == (1, 3)
    assert word_error_rate("Début", "début") == 1.0
    assert word_error_rate("", "") == 0.0
