"""The run report (``OUT/report.html``, ``esgtext report OUT``): its counts equal the run summary's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from esgtext.cli import main
from esgtext.pipeline import Translator, translate_folder
from esgtext.report import ReportError, bar_chart, collect, totals_of, write_report

FRENCH = ("Communiqu de presse\n\nLe Groupe Valmont a inaugur la plus grande centrale solaire de la rgion. "
          "Elle produira 12 GWh par an.\n")
ENGLISH = "The company published its sustainability report.\n\nEmissions fell by 12 percent in 2023.\n"
CHINESE = "公司二〇二三年的碳排放量下降了百分之十二。\n"


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))


def make_inbox(root: Path) -> Path:
    files = {"fr/release.txt": FRENCH.encode("cp1252"), "en.md": ENGLISH.encode(), "zh.txt": CHINESE.encode(),
             "empty.txt": b"", "broken.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))}
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def shown_counts(html: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'data-count="([a-z]+)">(\d+)<', html)}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    inbox = make_inbox(root / "inbox")
    out = root / "out"
    summary = translate_folder([inbox], out, formats=["jsonl", "tmx"], translator=Translator.untranslated())
    write_report(out, summary)  # what the end of a bulk run does
    return inbox, out, summary


def test_report_counts_equal_the_run_summary(run):
    _, out, summary = run
    html = (out / "report.html").read_text(encoding="utf-8")
    counts = shown_counts(html)
    expected = {"files": summary.files, "failed": summary.failed, "segments": summary.segments,
                "translated": summary.translated, "kept": summary.kept, "boilerplate": summary.boilerplate,
                "untranslated": summary.untranslated}
    assert {k: counts[k] for k in expected} == expected
    assert counts["documents"] == summary.processed + summary.skipped
    assert totals_of(out)["segments"] == summary.segments


def test_report_lists_errors_flags_edits_languages_and_documents_to_look_at(run):
    _, out, _ = run
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "broken.txt" in html and "binary" in html  # errors
    for chart in ("chart-status", "chart-flags", "chart-edits", "chart-languages"):
        assert f'id="{chart}"' in html
    assert html.count("<svg") == 4
    assert "deleted_accent" in html and "model-missing" in html
    links = re.findall(r'<a href="(\.esgtext/review/[^"]+)">([^<]+)</a>', html)
    assert links and any(doc == "fr/release.txt" for _, doc in links)
    for rel, doc in links:
        page = (out / rel).read_text(encoding="utf-8")
        assert doc in page and "<table" in page and 'href="../../report.html"' in page
    release = next(rel for rel, doc in links if doc == "fr/release.txt")
    page = (out / release).read_text(encoding="utf-8")
    assert 'class="edit conf-' in page and "deleted_accent" in page and "inaugur" in page


def test_report_is_self_contained(run):
    _, out, _ = run
    for path in [out / "report.html", *(out / ".esgtext" / "review").glob("*.html")]:
        html = path.read_text(encoding="utf-8")
        assert "<script" not in html
        assert not re.search(r'(src|href)="(https?:)?//', html), path
        assert "/tmp" not in html and str(out) not in html  # no absolute paths: copies stay identical


def test_cli_report_rebuilds_the_same_bytes_and_a_rerun_changes_nothing(run):
    inbox, out, _ = run
    before = (out / "report.html").read_bytes()
    result = CliRunner().invoke(main, ["report", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("report.html")
    assert (out / "report.html").read_bytes() == before
    summary = translate_folder([inbox], out, formats=["jsonl", "tmx"], translator=Translator.untranslated())
    assert summary.skipped == summary.files - summary.failed
    write_report(out, summary)
    assert (out / "report.html").read_bytes() == before


def test_cli_report_on_a_folder_that_is_not_a_run(tmp_path):
    result = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert result.exit_code == 2 and "not the output folder" in result.output
    assert "Traceback" not in result.output
    with pytest.raises(ReportError):
        collect(tmp_path / "missing")


def test_a_run_without_jsonl_still_has_counts(tmp_path):
    inbox = make_inbox(tmp_path / "inbox")
    out = tmp_path / "out"
    summary = translate_folder([inbox], out, formats=["tmx"], translator=Translator.untranslated())
    html = write_report(out, summary).read_text(encoding="utf-8")
    assert shown_counts(html)["segments"] == summary.segments
    assert "no JSONL records" in html


def test_bar_chart_is_svg_with_its_numbers():
    svg = bar_chart("Flags", [("number_mismatch", 3), ("repetition", 1)], "#000", chart_id="c")
    assert "<svg" in svg and ">3<" in svg and ">1<" in svg and "number_mismatch" in svg
    assert "none" in bar_chart("Empty", [], "#000", chart_id="e")


def test_manifest_of_the_run_is_left_alone(run):
    _, out, _ = run
    lines = (out / ".esgtext" / "manifest.jsonl").read_text().splitlines()
    assert all(json.loads(line)["doc"] for line in lines)


def test_esgtext_translate_writes_the_report_with_the_summary_line_counts(tmp_path):
    inbox = make_inbox(tmp_path / "inbox")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["translate", str(inbox), "-o", str(out), "--allow-untranslated"])
    assert result.exit_code == 1  # broken.txt failed
    line = result.stderr.strip().splitlines()[-1]
    m = re.search(r"(\d+) files \(.*?(\d+) failed\), (\d+) segments: (\d+) translated, (\d+) kept, "
                  r"(\d+) boilerplate, (\d+) untranslated", line)
    assert m, line
    files, failed, segments, translated, kept, boilerplate, untranslated = map(int, m.groups())
    counts = shown_counts((out / "report.html").read_text(encoding="utf-8"))
    assert (counts["files"], counts["failed"], counts["segments"], counts["translated"], counts["kept"],
            counts["boilerplate"], counts["untranslated"]) == (files, failed, segments, translated, kept,
                                                            boilerplate, untranslated)


def test_a_damaged_manifest_line_is_skipped_like_the_run_does(run, tmp_path):
    import shutil

    _, out, summary = run
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    manifest = copy / ".esgtext" / "manifest.jsonl"
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    manifest.write_text(lines[0] + '{"doc": "cut by a kill\n' + "".join(lines[1:]), encoding="utf-8")
    assert totals_of(copy)["segments"] == summary.segments
