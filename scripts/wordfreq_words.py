"""The words of a ``wordfreq`` list, most frequent first, down to a Zipf floor: shared by
``build_spanish_names.py`` and ``build_english_possessives.py``."""

from __future__ import annotations

from collections.abc import Iterator

import wordfreq


def words_down_to(lang: str, floor: float) -> Iterator[tuple[str, float]]:
    """(word, Zipf frequency in ``lang``) for the words of wordfreq's ``lang`` list of Zipf
    ``floor`` or more, most frequent first."""
    for word in wordfreq.iter_wordlist(lang, "best"):
        zipf = wordfreq.zipf_frequency(word, lang)
        if zipf < floor:
            return
        yield word, zipf
