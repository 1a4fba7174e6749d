"""PDF and Word inputs (issue #12): text in reading order, page breaks as paragraph breaks,
offsets into the extracted text, a scanned PDF as a one-line error. The files are written here,
at test time (fpdf2, python-docx): no binary fixture in the repository."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from esgtext.cli import EXIT_OK, EXIT_SOME_FAILED, main
from esgtext.documents import extract_document, extract_docx, extract_pdf, sniff_document
from esgtext.errors import InputError

FR_PAGE_1 = ("Le groupe a publié son rapport annuel sur le climat. Il vise la neutralité carbone en "
             "2040 pour toutes ses usines européennes.")
FR_PAGE_2 = "Les émissions ont baissé de 12 % en 2023."


def text_pdf(*pages: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for page in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, page)
    return bytes(pdf.output())


def scanned_pdf(pages: int = 1) -> bytes:
    """Pages that hold only an image, as a scanner writes them: no text layer."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.image(Image.new("L", (120, 60), 200), x=10, y=10, w=120)
    return bytes(pdf.output())


def word_docx() -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_heading("Communiqué de presse", 1)
    d.add_paragraph("Le groupe a publié son rapport annuel.")
    p = d.add_paragraph("Fin de la page un.")
    p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("Début de la page deux.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Émissions"
    table.cell(0, 1).text = "−12 %"
    d.add_paragraph("Les émissions ont baissé de 12 % en 2023.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_pdf_text_in_reading_order_with_page_breaks_as_paragraph_breaks():
    extracted = extract_pdf(text_pdf(FR_PAGE_1, FR_PAGE_2))
    assert extracted.method == "pypdf" and not extracted.warnings
    pages = extracted.text.split("\n\n")
    assert len(pages) == 2
    assert " ".join(pages[0].split()) == FR_PAGE_1 and pages[1] == FR_PAGE_2


def test_paragraphs_inside_a_pdf_page_from_the_gaps_between_lines():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    for i, paragraph in enumerate((FR_PAGE_1 + " " + FR_PAGE_1, FR_PAGE_2, "Un titre")):
        if i:
            pdf.ln(6)  # the space between paragraphs
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "Le texte sous le titre.", new_x="LMARGIN", new_y="NEXT")
    paragraphs = extract_pdf(bytes(pdf.output())).text.split("\n\n")
    assert [" ".join(p.split()) for p in paragraphs] == [
        FR_PAGE_1 + " " + FR_PAGE_1, FR_PAGE_2, "Un titre Le texte sous le titre."]
    assert "\n" in paragraphs[0]  # its lines as the page has them


def test_docx_paragraphs_and_tables_in_document_order():
    extracted = extract_docx(word_docx())
    assert extracted.method == "python-docx"
    assert extracted.text.split("\n\n") == [
        "Communiqué de presse", "Le groupe a publié son rapport annuel.", "Fin de la page un.",
        "Début de la page deux.", "Émissions", "−12 %", "Les émissions ont baissé de 12 % en 2023."]


def test_scanned_damaged_and_partly_scanned_pdfs():
    with pytest.raises(InputError) as info:
        extract_pdf(scanned_pdf(2))
    assert info.value.kind == "no-text-layer" and "\n" not in str(info.value)
    assert "any of its 2 pages" in str(info.value)
    with pytest.raises(InputError) as info:
        extract_pdf(b"%PDF-1.7\nnot really a PDF")
    assert info.value.kind == "bad-pdf"
    with pytest.raises(InputError) as info:
        extract_document(b"PK\x03\x04 not a zip", "x.docx")
    assert info.value.kind == "bad-docx"
    # a PDF with one scanned page among text pages: the text, and a warning naming the page
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in (text_pdf(FR_PAGE_1), scanned_pdf(1)):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    mixed = extract_pdf(buf.getvalue())
    assert " ".join(mixed.text.split()) == FR_PAGE_1
    assert mixed.warnings == ("1 of 2 PDF pages have no text layer (scanned?), not read: page 2",)


def test_sniffing_for_stdin():
    assert sniff_document(text_pdf("x")) == ".pdf"
    assert sniff_document(word_docx()) == ".docx"
    assert sniff_document(b"plain text") is None


def _inbox(root: Path) -> Path:
    root.mkdir()
    (root / "release.pdf").write_bytes(text_pdf(FR_PAGE_1, FR_PAGE_2))
    (root / "release.docx").write_bytes(word_docx())
    (root / "scan.pdf").write_bytes(scanned_pdf())
    return root


def test_translate_reads_pdf_and_docx_and_lists_a_scan_in_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))
    inbox = _inbox(tmp_path / "inbox")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["translate", str(inbox), "-o", str(out), "--allow-untranslated",
                                       "--no-progress"])
    assert result.exit_code == EXIT_SOME_FAILED, result.output
    assert "Traceback" not in result.output
    [line] = [x for x in result.stderr.splitlines() if x.startswith("esgtext: error:")]
    assert "scan.pdf: no-text-layer: no text layer on its page (a scanned PDF?)" in line
    [error] = [json.loads(x) for x in (out / ".esgtext" / "errors.jsonl").read_text().splitlines()]
    assert error["doc"] == "scan.pdf" and error["error"] == "no-text-layer"

    for name, data in (("release.pdf", text_pdf(FR_PAGE_1, FR_PAGE_2)), ("release.docx", word_docx())):
        text = extract_document(data, name).text
        records = [json.loads(x) for x in (out / f"{name}.jsonl").read_text().splitlines()]
        assert "fr" in {r["src_lang"] for r in records} <= {"fr", "und"}  # "−12 %": und
        for r in records:  # offsets refer to the extracted text
            assert text[r["raw_start"]:r["raw_end"]] == r["source_raw"]
        assert len({r["paragraph"] for r in records}) >= 2  # the page break is a paragraph break
    pdf_records = [json.loads(x) for x in (out / "release.pdf.jsonl").read_text().splitlines()]
    assert pdf_records[-1]["source"] == FR_PAGE_2 and pdf_records[-1]["paragraph"] == 1


def test_translate_reads_a_pdf_on_stdin(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))
    result = CliRunner().invoke(main, ["translate", "-", "--allow-untranslated", "-q"],
                                input=text_pdf(FR_PAGE_2))
    assert result.exit_code == EXIT_OK, result.output
    [record] = [json.loads(x) for x in result.stdout.splitlines()]
    assert record["source"] == FR_PAGE_2


def test_repair_detect_and_segment_read_pdf_and_docx(tmp_path):
    inbox = _inbox(tmp_path / "inbox")
    runner = CliRunner()
    result = runner.invoke(main, ["repair", str(inbox / "release.docx")])
    assert result.exit_code == EXIT_OK and result.stdout.startswith("Communiqué de presse\n\n")
    out = tmp_path / "fixed"
    result = runner.invoke(main, ["repair", str(inbox), "-o", str(out)])
    assert result.exit_code == EXIT_SOME_FAILED  # the scan
    assert sorted(p.name for p in out.iterdir()) == ["release.docx.txt", "release.pdf.txt"]
    [line] = result.stderr.splitlines()
    assert line.startswith(f"esgtext: error: {inbox / 'scan.pdf'}: no text layer")
    result = runner.invoke(main, ["detect", str(inbox / "release.pdf")])
    assert result.exit_code == EXIT_OK and result.stdout.split("\t")[1] == "fr"
    result = runner.invoke(main, ["segment", str(inbox / "release.pdf")])
    assert result.stdout.splitlines()[-1] == f"1\t{FR_PAGE_2}"
