"""Issue #12's acceptance run, as its "How it will be judged" describes it: one run over a messy
folder (text, Markdown, HTML, GB18030, an empty and a binary file, a PDF with a text layer, a
scanned PDF, a Word file, files of unknown kinds), then what the tools of the trade need of it.
A tiny random-weight model translates (its English is meaningless; the plumbing is real)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from esgtext.cli import EXIT_SOME_FAILED, EXIT_USAGE, main
from esgtext.records import parse_jsonl
from test_documents import FR_PAGE_1, FR_PAGE_2, scanned_pdf, text_pdf, word_docx

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
UNKNOWN = ("budget.xlsx", "logo.jpg", "sub/figures.csv")


def messy_folder(root: Path) -> Path:
    (root / "fr").mkdir(parents=True)
    (root / "sub").mkdir()
    (root / "a-clean.md").write_text("# Results\n\nThe group cut its emissions by 12% in 2023.\n", encoding="utf-8")
    (root / "fr" / "medaille.txt").write_text(
        "Le groupe a reu une mdaille pour son engagement dans lenvironnement.\n", encoding="utf-8")
    (root / "fr" / "clean.txt").write_text("Le groupe a publié son rapport annuel.\n", encoding="utf-8")
    (root / "zh.txt").write_bytes("联合电池发布了年度环境报告。\n".encode("gb18030"))
    (root / "both.txt").write_text("Le groupe a publié son rapport annuel sur le climat.\n\n"
                                   "联合电池发布了年度环境报告。\n", encoding="utf-8")
    (root / "page.html").write_text("<html><body><nav>Sign in</nav><article><p>The water programme "
                                    "saved 3 million litres in 2024.</p></article></body></html>", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64))
    (root / "release.pdf").write_bytes(text_pdf(FR_PAGE_1, FR_PAGE_2))
    (root / "scan.pdf").write_bytes(scanned_pdf(2))
    (root / "sub" / "release.docx").write_bytes(word_docx())
    for name in UNKNOWN:
        (root / name).write_bytes(b"PK\x03\x04 not read")
    (root / ".hidden.xlsx").write_bytes(b"hidden: neither read nor counted")
    return root


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "translations.sqlite"}


def test_the_acceptance_run_of_issue_12(tiny_spm_model, tmp_path, monkeypatch):
    datasets = pytest.importorskip("datasets")
    sacrebleu = pytest.importorskip("sacrebleu")
    from translate.storage import tmx, xliff2

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))
    inbox = messy_folder(tmp_path / "inbox")
    out = tmp_path / "out"
    args = ["translate", f"{inbox}/", "-o", f"{out}/", "--format", "jsonl,tmx,moses,xliff",
            "--model", f"fr-en={tiny_spm_model}", "--model", f"zh-en={tiny_spm_model}"]
    first = CliRunner().invoke(main, [*args, "--verbose"])
    assert first.exit_code == EXIT_SOME_FAILED, first.output  # photo.txt and scan.pdf
    assert "Traceback" not in first.output and "//" not in first.stderr
    errors = {e["doc"]: e for e in map(json.loads, (out / ".esgtext" / "errors.jsonl").read_text().splitlines())}
    assert sorted(errors) == ["photo.txt", "scan.pdf"] and errors["scan.pdf"]["error"] == "no-text-layer"
    summary = first.stderr.splitlines()[-1]
    assert summary.startswith("esgtext: 11 files (9 processed, 0 unchanged, 2 failed)")
    assert "skipped 3 files of unknown kinds" in summary
    listed = [line for line in first.stderr.splitlines() if line.startswith("esgtext: skipped: ")]
    assert [line.split(": ")[2] for line in listed] == [str(inbox / n) for n in sorted(UNKNOWN)]

    # the records: every one loads with datasets by glob, without features=
    files = sorted(p for p in out.rglob("*.jsonl") if ".esgtext" not in p.parts)
    by_doc = {p.relative_to(out).as_posix(): parse_jsonl(p.read_bytes()) for p in files}
    assert by_doc["release.pdf.jsonl"] and by_doc["sub/release.docx.jsonl"]  # PDF and Word give records
    assert "scan.pdf.jsonl" not in by_doc
    total = sum(map(len, by_doc.values()))
    ds = datasets.load_dataset("json", data_files=str(out / "**" / "*.jsonl"), split="train",
                               cache_dir=str(tmp_path / "hf-datasets"))
    assert ds.num_rows == total > 0
    records = [r for recs in by_doc.values() for r in recs]
    assert any(r.doc == "release.pdf" and r.status == "translated" for r in records)

    # every <tu> of every TMX has two <tuv>; the corpus holds every French record with a target
    tmx_files = sorted(out.rglob("*.tmx"))
    assert out / "corpus" / "fr-en.tmx" in tmx_files and out / "release.pdf.tmx" in tmx_files
    for path in tmx_files:
        for tu in etree.fromstring(path.read_bytes()).iter("tu"):
            assert len(tu.findall("tuv")) == 2, path
    french = sorted((r for r in records if r.src_lang == "fr" and r.target is not None),
                    key=lambda r: (r.doc, r.seg))
    corpus = tmx.tmxfile.parsestring((out / "corpus" / "fr-en.tmx").read_bytes())
    assert sorted((u.source, u.target) for u in corpus.units) == sorted((r.source, r.target) for r in french)

    # the corpus Moses files are line-aligned and sacrebleu reads them
    for lang in ("fr", "zh"):
        src = (out / "corpus" / f"{lang}-en.{lang}").read_text(encoding="utf-8").splitlines()
        tgt = (out / "corpus" / f"{lang}-en.en").read_text(encoding="utf-8").splitlines()
        assert len(src) == len(tgt) > 0
        chrf = sacrebleu.corpus_chrf(tgt, [tgt])  # the English against itself: reads, scores 100
        assert round(chrf.score) == 100
        assert sacrebleu.corpus_bleu(tgt, [src]).score < 100  # the pair side by side, as scored

    # XLIFF 2.0 for post-editing holds every translated record of its document
    pdf_units = xliff2.Xliff2File.parsestring((out / "release.pdf.xlf").read_bytes()).units
    assert [(u.source, u.target) for u in pdf_units] == [
        (r.source, r.target) for r in by_doc["release.pdf.jsonl"] if r.status == "translated"]

    # a second run while another holds OUT exits 2, and the manifest has each file once
    from esgtext.store import hold_output

    held, release = threading.Event(), threading.Event()

    def holder():
        with hold_output(out):
            held.set()
            release.wait(30)

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert held.wait(10)
        assert CliRunner().invoke(main, [*args, "-q"]).exit_code == EXIT_USAGE
    finally:
        release.set()
        thread.join()
    docs = [json.loads(line)["doc"] for line in (out / ".esgtext" / "manifest.jsonl").read_text().splitlines()]
    assert len(docs) == len(set(docs)) == 9

    # a re-run changes no byte
    before = snapshot(out)
    again = CliRunner().invoke(main, args)
    assert again.exit_code == EXIT_SOME_FAILED and snapshot(out) == before
    assert "(0 processed, 9 unchanged, 2 failed)" in again.stderr.splitlines()[-1]
