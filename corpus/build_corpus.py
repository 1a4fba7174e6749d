"""Regenerate the damaged sample releases in corpus/ from the clean texts in corpus/reference/.

    .venv/bin/python corpus/build_corpus.py

The damage is simulated here, deterministically and independently of esgtext, so the corpus does
not move when the library does. The web, Markdown and HTML samples are written by hand (their
damage is web chrome, entities and a source line, not something to simulate).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
REFERENCE = CORPUS / "reference"


def delete_accents(text: str) -> str:
    """Every non-ASCII character vanishes: "à l’été" -> " lt" (accents, ’ and lone "à" go)."""
    return "".join(c for c in text if c.isascii())


def question_marks(text: str) -> str:
    """Every non-ASCII character becomes "?", as ``encode("ascii", "replace")`` does."""
    return text.encode("ascii", errors="replace").decode("ascii")


def strip_accents(text: str) -> str:
    """Accents are stripped, letters kept: "été" -> "ete" (punctuation untouched)."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def mojibake(text: str) -> str:
    """UTF-8 bytes read as cp1252 and saved again as UTF-8: "é" -> "Ã©", "’" -> "â€™"."""
    # bytes cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) pass through as Latin-1, as in
    # the wild ("”" is E2 80 9D)
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


# target (relative to corpus/) -> (reference file, damage, encoding to write)
TARGETS: dict[str, tuple[str, object, str]] = {
    "fr/accents/centrale-solaire-venissieux_deleted-accents.txt": (
        "fr-centrale-solaire-venissieux.txt",
        delete_accents,
        "utf-8",
    ),
    "fr/accents/carrieres-abidjan_question-marks.txt": (
        "fr-carrieres-biodiversite-abidjan.txt",
        question_marks,
        "utf-8",
    ),
    "fr/accents/plan-transition-helvia_stripped.txt": ("fr-plan-transition-helvia.txt", strip_accents, "utf-8"),
    "fr/legacy/cooperative-hve-bordeaux_cp1252.txt": ("fr-cooperative-hve-bordeaux.txt", None, "cp1252"),
    "zh/lianhe-battery-esg-report_gb18030.txt": ("zh-lianhe-battery-esg-report.txt", None, "gb18030"),
    "en/legacy/northwind-heat-pumps_utf16.txt": ("en-northwind-heat-pumps.txt", None, "utf-16"),
    "en/mojibake/sainte-croix-regenerative_mojibake.txt": ("en-sainte-croix-regenerative.txt", mojibake, "utf-8"),
}


def build() -> list[Path]:
    written = []
    for target, (source, damage, encoding) in TARGETS.items():
        text = (REFERENCE / source).read_text(encoding="utf-8")
        if damage is not None:
            text = damage(text)
        path = CORPUS / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build():
        print(path.relative_to(CORPUS))
