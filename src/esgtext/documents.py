"""Text from PDF and Word (``.docx``) releases, in reading order, for every command.

PDF text comes from pypdf (BSD), page by page in the order of each page's content (the reading
order of the PDFs that word processors and publishing tools write), with a paragraph break where
a line starts well below the page's usual line advance (or above the line before: a new column);
Word text from python-docx
(MIT), paragraphs and table cells in document order. Paragraphs are separated by a blank line,
which is what :func:`esgtext.segmentation.segment` reads as a paragraph break, and so is every
page break: a sentence never runs across pages. The text returned is the document's text for
esgtext: records' ``raw_start``/``raw_end`` and ``source_raw`` refer to it.

A PDF without a text layer (a scan: pages that are only images) gives no text; that is an
:class:`~esgtext.errors.InputError` of kind ``no-text-layer`` (listed in ``errors.jsonl``, never a
traceback), as are a damaged or encrypted PDF (``bad-pdf``, ``encrypted-pdf``) and a damaged
``.docx`` (``bad-docx``). Pages without text in a PDF that has some are left out with a warning.

    >>> is_document("Rapport 2024.PDF"), is_document("release.txt")
    (True, False)
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass

from esgtext.errors import InputError

PDF_SUFFIXES = (".pdf",)
DOCX_SUFFIXES = (".docx",)
DOCUMENT_SUFFIXES = PDF_SUFFIXES + DOCX_SUFFIXES

_SPACES_AT_END = re.compile(r"[ \t]+$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """The text of a PDF or Word file; ``method`` names the extractor (``"pypdf"``,
    ``"python-docx"``), as records' ``extraction`` does; ``warnings`` are one line each."""

    text: str
    method: str
    warnings: tuple[str, ...] = ()


def is_document(name: str) -> bool:
    """Whether ``name`` is a PDF or Word file by its suffix."""
    return name.lower().endswith(DOCUMENT_SUFFIXES)


def sniff_document(data: bytes) -> str | None:
    """``".pdf"`` or ``".docx"`` when the bytes are one (for stdin, which has no name), else None."""
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return ".docx"
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
    return None


def extract_document(data: bytes, name: str) -> ExtractedDocument:
    """The text of the PDF or ``.docx`` ``data`` (chosen by ``name``'s suffix); raises
    :class:`~esgtext.errors.InputError` (one line) when it has none or cannot be read."""
    if name.lower().endswith(PDF_SUFFIXES):
        return extract_pdf(data)
    if name.lower().endswith(DOCX_SUFFIXES):
        return extract_docx(data)
    raise InputError("unknown-kind", f"{name}: not a PDF or .docx file")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def _clean(text: str) -> str:
    """Lines without trailing spaces, paragraphs separated by one blank line, no NULs."""
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES_AT_END.sub("", text)
    paragraphs = ("\n".join(line for line in block.split("\n") if line.strip())
                  for block in re.split(r"\n[ \t]*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def extract_pdf(data: bytes) -> ExtractedDocument:
    """The text layer of a PDF, page after page (pages separated by a blank line)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings would flood a bulk run
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:  # an owner password only (printing restricted): readable with the empty one
                if not reader.decrypt(""):
                    raise InputError("encrypted-pdf", "the PDF is encrypted with a password: not read")
            except InputError:
                raise
            except Exception as exc:
                raise InputError("encrypted-pdf", f"the PDF is encrypted: not read ({_one_line(exc)})") from None
        pages = list(reader.pages)
        texts = [_clean(_page_text(page)) for page in pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError,
            AssertionError, IndexError, ZeroDivisionError) as exc:
        raise InputError("bad-pdf", f"not a readable PDF: {_one_line(exc)}") from None
    if not pages:
        raise InputError("bad-pdf", "the PDF has no pages")
    empty = [i + 1 for i, t in enumerate(texts) if not t]
    if len(empty) == len(pages):
        what = "its page" if len(pages) == 1 else f"any of its {len(pages)} pages"
        raise InputError("no-text-layer", f"no text layer on {what} (a scanned PDF?); run OCR "
                                          f"first (e.g. ocrmypdf), then give esgtext the result")
    warnings: tuple[str, ...] = ()
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (", ..." if len(empty) > 10 else "")
        warnings = (f"{len(empty)} of {len(pages)} PDF pages have no text layer (scanned?), "
                    f"not read: page {shown}",)
    return ExtractedDocument("\n\n".join(t for t in texts if t), "pypdf", warnings)


#: A line break whose drop to the next line is this many times the page's usual line advance is
#: a paragraph break (a blank line, as the segmenter reads paragraphs).
PARAGRAPH_GAP = 1.5


def _page_text(page) -> str:
    """pypdf's text of one page (its content order), with a blank line where the next line starts
    well below the usual line advance of the page, or above the last one (a new column or box):
    the paragraphs of the page. Falls back to pypdf's text as it is when its pieces do not add up
    to it."""
    pieces: list[tuple[str, float | None]] = []

    def visit(text, cm, tm, _font, _size):
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5] if text.strip() else None
        pieces.append((text, y))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(t for t, _ in pieces) != text:
        return text
    breaks: list[tuple[int, float]] = []  # (index of a "\n" piece, drop from the line before)
    last_y: float | None = None
    pending: int | None = None
    for i, (piece, y) in enumerate(pieces):
        if piece == "\n":
            pending = i
        elif y is not None:
            if pending is not None and last_y is not None:
                breaks.append((pending, last_y - y))
            pending, last_y = None, y
    drops = sorted(d for _, d in breaks if d > 0)
    if not drops:
        return text
    usual = drops[len(drops) // 2]
    paragraph = {i for i, d in breaks if d <= 0 or d > PARAGRAPH_GAP * usual}
    return "".join("\n\n" if i in paragraph else t for i, (t, _) in enumerate(pieces))


def extract_docx(data: bytes) -> ExtractedDocument:
    """The paragraphs and table cells of a Word document in document order (blank lines
    between them; a page break inside a paragraph is a paragraph break too). Headers, footers
    and comments are not read (they repeat on every page: web chrome's equivalent)."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                _table_text(block, blocks)
            else:
                _paragraph_text(block, blocks)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError("bad-docx", f"not a readable .docx file: {_one_line(exc)}") from None
    except Exception as exc:  # python-docx raises its own types (PackageNotFoundError, ...)
        if type(exc).__module__.startswith(("docx", "lxml")):
            raise InputError("bad-docx", f"not a readable .docx file: {_one_line(exc)}") from None
        raise
    return ExtractedDocument("\n\n".join(blocks), "python-docx")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(paragraph, blocks: list[str]) -> None:
    """The text of one paragraph (its runs, hyperlinks included; text boxes left out, they are
    stored twice); a hard page break inside it starts a new paragraph."""
    pieces: list[str] = []
    current: list[str] = []
    for r in paragraph._p.xpath("./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r"):
        for child in r:
            tag = child.tag
            if tag == f"{_W}t":
                current.append(child.text or "")
            elif tag == f"{_W}tab":
                current.append("\t")
            elif tag == f"{_W}noBreakHyphen":
                current.append("\u2011")
            elif tag in (f"{_W}br", f"{_W}cr"):
                if child.get(f"{_W}type") == "page":
                    pieces.append("".join(current))
                    current = []
                else:
                    current.append("\n")
    pieces.append("".join(current))
    blocks.extend(p for p in (_clean(p) for p in pieces) if p)


def _table_text(table, blocks: list[str]) -> None:
    seen: set[int] = set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell appears once per grid column it spans
                continue
            seen.add(id(cell._tc))
            for block in cell.iter_inner_content():
                if isinstance(block, type(table)):
                    _table_text(block, blocks)
                else:
                    _paragraph_text(block, blocks)


__all__ = [
    "DOCUMENT_SUFFIXES",
    "DOCX_SUFFIXES",
    "PDF_SUFFIXES",
    "ExtractedDocument",
    "extract_docx",
    "extract_document",
    "extract_pdf",
    "is_document",
    "sniff_document",
]
