"""Web and e-mail addresses, handles and file names: the runs of a text no repair may touch.

A press release ends with its contacts (``presse@groupe-exemple.fr``,
``www.groupe-exemple.fr/rse``, ``@GroupeExemple``, ``rapport2025.pdf``). Their letters are ASCII on
purpose: ``societe-generale.fr`` is no damaged ``société-générale``, and ``sp101201_FAQ.html``
holds no number to space out.

A run of non-spaces is an address where it holds a mark of one (``://``, ``www.``, an ``@`` before
a word character, or a lower-case domain or file ending after a dot such as ``.fr``, ``.com``,
``.pdf``); its leading and trailing punctuation (``(``, ``«``, a sentence's full stop) is not part
of it. Looked for only around the marks, so a text without any costs one scan.

    >>> text = "Contact : presse@societe-exemple.fr (www.exemple.fr/rse)."
    >>> [text[start:end] for start, end in address_spans(text)]
    ['presse@societe-exemple.fr', 'www.exemple.fr/rse']
    >>> address_spans("Le groupe a publie ses resultats.Il a aussi vendu 2 sites.")
    []
"""

from __future__ import annotations

import re
from bisect import bisect_left

from esgtext.repair.edits import Edit

# Domain endings and file types frequent in releases (lower case only: "monde.Com" where a
# layout glued two sentences stays text).
_ENDINGS = ("com|fr|org|net|eu|io|info|biz|be|ch|ca|lu|uk|us|edu|gov|int|co|cn|tv|app|"
            "pdf|html?|php|aspx?|docx?|xlsx?|pptx?|csv|zip|jpe?g|png")
_MARK = re.compile(rf"://|\bwww\.|@\w|\w\.(?:{_ENDINGS})(?![\w’'])")


def phone_pattern(separators: str = " .") -> str:
    """The regular expression of a French telephone number on a press contact's line ("01 42 68
    33 20", "+33 (0)1 42 …"), or of another country's ("+32 4 223 58 91", "+225 27 21 35 60
    48"), ``separators`` the characters that may stand between its groups of digits ("?" too
    where a lossy conversion replaced their no-break spaces)."""
    separators += "\u00a0\u202f"  # (and the no-break spaces the repair may have put back)
    return (rf"(?:(?:\+33 ?(?:\(0\) ?)?|0)\d(?:[{separators}]?\d\d){{4}}"
            rf"|\+[1-9]\d{{0,2}}(?:[{separators}]\d{{1,4}}){{3,6}})")


# A word in lower case, then the space before an address (a verb: "écrivez à presse@…")
_LOWER_WORD_BEFORE = re.compile(r"(?<![^\W\d_])[a-zß-öø-ÿ]+ $")
# How an address starts after a contact's telephone number (an e-mail, "www.", a URL)
ADDRESS_START = r"(?:[\w.+-]+@[\w-]+\.|www\.|https?://)"
_LEADING = "([{«\"“‘'<"
_TRAILING = ".,;:!?)]}»\"”’'>"


def address_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each address in ``text``, sorted, not overlapping."""
    spans: list[tuple[int, int]] = []
    for mark in _MARK.finditer(text):
        if spans and mark.start() < spans[-1][1]:
            continue  # (a second mark of the same address)
        start = mark.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = mark.end()
        while end < len(text) and not text[end].isspace():
            end += 1
        while start < end and text[start] in _LEADING:
            start += 1
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def outside_addresses(text: str, edits: list[Edit]) -> list[Edit]:
    """``edits`` (of ``text``, sorted) less those that would change an address; an insertion
    at either end of one stays (``Écrivez à presse@…``), but for an "à" before one that does
    not follow a word in lower case (``a.roux@exemple.fr, b.morel@exemple.fr``, ``Sophie
    Arnaud s.arnaud@…``: a list of addresses, a contact's line)."""
    spans = address_spans(text)
    if not spans:
        return edits
    starts = [start for start, _ in spans]
    kept = []
    for edit in edits:
        # the last address that starts before the edit ends (an insertion: before its point)
        i = bisect_left(starts, edit.end) - 1
        if i >= 0 and edit.start < spans[i][1]:
            continue
        if (edit.kind == "inserted_word" and edit.start in starts
                and not _LOWER_WORD_BEFORE.search(text, max(0, edit.start - 40), edit.start)):
            continue
        kept.append(edit)
    return kept
