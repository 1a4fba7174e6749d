"""Confidences that mean something: an edit at 0.8 is right about 8 times in 10.

Each repair step scores its edits on its own scale (the decoder's odds of its choice against the
next reading, a fixed value for a rule). :func:`calibrate` maps each (kind, score) to the share of
such edits that were right on news text, measured by ``scripts/build_confidence_table.py`` on the
tune split of the WMT news test sets (damaged with the whole lossy ASCII conversion, every edit
judged against the original) and stored in ``esgtext/data/confidence.json`` (histogram binning).
Edits of a kind or score range the table never saw keep their own score.

    >>> from esgtext.repair.edits import Edit
    >>> sure = Edit("deleted_accent", 0, 7, "mdaille", "médaille", 0.999999)
    >>> calibrate([sure])[0].confidence > 0.95
    True
"""

from __future__ import annotations

import json
from bisect import bisect_right
from functools import lru_cache
from importlib import resources

from esgtext.repair.edits import Edit

__all__ = ["calibrate", "margin_confidence", "odds_reason", "BINS", "MIN_EDITS"]

# Upper edges of the score bins (the last bin holds 1.0).
BINS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999, 0.99999, 0.999999)
MIN_EDITS = 30  # a bin with fewer edits is pooled with its neighbours until it has this many


def margin_confidence(margin: float) -> float:
    """The uncalibrated confidence of a choice that beat its best rival by ``margin`` (log10):
    the odds of the two, as a probability, 0.5 for a tie (:func:`calibrate` maps it to the share
    of such edits found right).

        >>> margin_confidence(0.0), margin_confidence(1.0), margin_confidence(7.0)
        (0.5, 0.909091, 0.999999)
    """
    if margin >= 6.0:
        return 0.999999
    return round(1.0 / (1.0 + 10.0 ** -max(margin, 0.0)), 6)


def odds_reason(margin: float) -> str:
    """What an edit's reason says of its ``margin`` (see :func:`margin_confidence`)."""
    if margin >= 6.0:
        return "; no other reading comes close"
    return f"; the context favours it {10 ** max(margin, 0.0):.3g} to 1 over the next reading"


def score_bin(score: float) -> int:
    return bisect_right(BINS, score)


# How the reasons of the edits of RepairConfig.french_typography start (their own rows)
TYPOGRAPHY_REASON = "French typography"
# The reasons of a list item's vanished bullet, deleted or read from the "?" that stands for it
# (their own row, whichever mark list_bullet gives them)
DELETED_BULLET_REASON = "the bullet of an item of a list vanished"
QUESTION_BULLET_REASON = "'?' that opens an item of a list stands for its bullet"
# The reason of a "?" read as "é" in a word that no reading explains (its own calibration row)
GUESSED_LETTER_REASON = ("'?' inside a word no lexicon knows: read as 'é', the commonest accented "
                         "letter of French (a guess)")


def edit_key(edit: Edit) -> str:
    """The calibration table's row for an edit: its kind; for a changed word whether the word as
    it was is itself a French word (changing a real word is the riskier edit), and whether the
    repair gave it a capital it did not have ("?tat" -> "État": the damage hid the case, and
    "état" is as likely); for an accent put back in a word that was capitalised already, that it
    was (a name as often as a sentence start, and names are where the lexicon errs: "Patron" is
    "Patrón", "Part" "Pärt"; on the tune split, French words so changed are right 78 % (deleted)
    and 86 % (stripped) of the time, against 95 and 97 % for lower-case ones).

        >>> edit_key(Edit("question_mark", 0, 4, "?tat", "État"))
        'question_mark|non-word|capital'
        >>> edit_key(Edit("question_mark", 0, 1, "?", "à"))
        'question_mark|lone-a'
        >>> edit_key(Edit("deleted_accent", 0, 7, "mdaille", "médaille"))
        'deleted_accent|non-word'
        >>> edit_key(Edit("stripped_accent", 0, 6, "Ruben", "Rubén"))
        'stripped_accent|word|capitalised'
        >>> edit_key(Edit("deleted_accent", 0, 6, "Dvalos", "Dávalos", 0.9,
        ...               "a Spanish name whose accent the damage took, and others are near it"))
        'deleted_accent|spanish-name'
    """
    key = edit.kind
    if edit.reason in (DELETED_BULLET_REASON, QUESTION_BULLET_REASON):
        return key + "|bullet"  # a list item's vanished bullet (no row: no news set has lists)
    if edit.kind == "question_mark" and edit.before == "?" and edit.after in ("à", "À"):
        return key + "|lone-a"  # a "?" between words read as "à", scored against a dash
    if edit.kind == "question_mark" and edit.before == "?" and edit.after == "–":
        return key + "|lone-dash"  # a "?" between words, before one no "à" precedes
    if edit.reason.startswith(TYPOGRAPHY_REASON):
        return key + "|typography"  # RepairConfig.french_typography (no row: no news set has it)
    if edit.kind == "question_mark" and edit.reason == GUESSED_LETTER_REASON:
        return key + "|guess"  # "?" read as "é" in a word no lexicon knows
    if edit.reason.startswith(SPANISH_NAME_REASON):
        return key + "|spanish-name"  # (see esgtext.repair.french.names)
    if edit.reason.startswith(ADDRESS_NAME_REASON):
        return key + "|address-name"  # (no row: no news set has addresses)
    if edit.kind in ("deleted_accent", "stripped_accent", "deleted_apostrophe", "question_mark"):
        from esgtext.repair.lexicon import french_lexicon

        known = french_lexicon().zipf.get(edit.before.lower(), 0.0) >= 1.6
        key += "|word" if known else "|non-word"
        if edit.after[:1].isupper() and not edit.before[:1].isupper():
            key += "|capital"
        elif edit.kind in _ACCENT_KINDS and edit.before[:1].isupper():
            key += "|capitalised"
    return key


_ACCENT_KINDS = ("deleted_accent", "stripped_accent")
# the reason of an accent put back in a Spanish name (see esgtext.repair.french.names)
SPANISH_NAME_REASON = "a Spanish name whose accent the damage took"
# ... and in a name the document's addresses spell (esgtext.repair.french.names.address_names)
ADDRESS_NAME_REASON = "a name the document's addresses spell with its accented letters"


@lru_cache(maxsize=1)
def _table() -> dict:
    try:
        with resources.files("esgtext").joinpath("data", "confidence.json").open("rb") as fh:
            return json.load(fh)["kinds"]
    except (OSError, ValueError, KeyError):  # a build without the table: scores as they are
        return {}


def calibrated(key: str, score: float) -> float:
    entry = _table().get(key)
    if entry is None:
        return score
    bins = entry["bins"]
    low = high = score_bin(score)
    right, total = bins[low]
    # a bin with too few edits borrows from its neighbours, one on each side at a time
    while total < MIN_EDITS and (low > 0 or high < len(bins) - 1):
        for index in (low - 1, high + 1):
            if 0 <= index < len(bins):
                right, total = right + bins[index][0], total + bins[index][1]
        low, high = max(low - 1, 0), min(high + 1, len(bins) - 1)
    if total < MIN_EDITS:
        return score
    return round((right + 1) / (total + 2), 3)


def calibrate(edits) -> list[Edit]:
    """The edits with their confidence replaced by the measured share of right edits."""
    return [edit.with_confidence(calibrated(edit_key(edit), edit.confidence)) for edit in edits]
