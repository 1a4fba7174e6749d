"""process_document and translate_folder through the API: the messy folder, formats, resume."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from esgtext.pipeline import (
    TMP_SUFFIX,
    Translator,
    UsageError,
    _OffsetMap,
    process_document,
    translate_folder,
)
from esgtext.records import Record, parse_jsonl, record_schema
from esgtext.repair.edits import Edit

FRENCH_DELETED_ACCENTS = (
    "Communiqu de presse\n\n"
    "La socit a publi son rapport de dveloppement durable pour l'anne 2023. "
    "Les missions de carbone ont baiss de 12 % grce  l'nergie solaire.\n"
)
ENGLISH_WITH_CHINESE = (
    "Sign into your account\nJoin Free\n\nHome > News > Content\n\n"
    "Solar Villages Programme Reaches 1,000 Homes\n\n"
    "Publish Time: 2024-03-01 Source: 国家能源局\n\n"
    "The programme installed rooftop panels in remote villages. Each home now has light after dark.\n"
)
MARKDOWN = "# Rapport climat\n\nLe groupe vise la neutralité carbone en 2050.\n\n- Objectif : 40 % d'énergie verte.\n"
HTML = """<!DOCTYPE html><html><head><title>Green bond</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li>Sign in</li></ul></nav>
<div class="cookie-banner">We use cookies. <button>Accept all</button></div>
<article><h1>Acme émet une obligation verte</h1>
<p>Acme a émis une obligation verte de 500 millions d’euros pour financer des parcs solaires en Afrique de l’Ouest.</p>
<p>La demande a dépassé trois fois l’offre, selon la direction financière du groupe.</p></article>
<footer><p>© 2024 Acme. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""
CP1252_FRENCH = "Le conseil a approuvé la stratégie climat de la société en décembre.\n"
GB18030_CHINESE = "公司二〇二三年的碳排放量下降了百分之十二。我们致力于可持续发展。\n"
NESTED_ENGLISH = "The board approved the new water policy. It applies to every site.\n"

GOOD_FILES = [
    "fr_accents.txt", "en_zh.txt", "notes.md", "release.html", "legacy/cp1252.txt",
    "legacy/gb18030.txt", "empty.txt", "a/b/c/deep.txt",
]


def make_messy_folder(root: Path) -> Path:
    """The folder of the acceptance scenario, written from this file's own templates."""
    files = {
        "fr_accents.txt": FRENCH_DELETED_ACCENTS.encode("utf-8"),
        "en_zh.txt": ENGLISH_WITH_CHINESE.encode("utf-8"),
        "notes.md": MARKDOWN.encode("utf-8"),
        "release.html": HTML.encode("utf-8"),
        "legacy/cp1252.txt": CP1252_FRENCH.encode("cp1252"),
        "legacy/gb18030.txt": GB18030_CHINESE.encode("gb18030"),
        "empty.txt": b"",
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)),
        "a/b/c/deep.txt": NESTED_ENGLISH.encode("utf-8"),
        "ignored.xlsx": b"PK\x03\x04",  # an unknown kind: counted, not read
    }
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))


@pytest.fixture(scope="module")
def untranslated_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("messy")
    inbox = make_messy_folder(root / "inbox")
    out = root / "out"
    summary = translate_folder([inbox], out, formats=["jsonl", "tmx", "moses"],
                               translator=Translator.untranslated())
    return inbox, out, summary


def test_untranslated_run_writes_every_good_file_and_lists_the_binary_one(untranslated_run):
    inbox, out, summary = untranslated_run
    assert summary.files == 9 and summary.processed == 8 and summary.failed == 1
    for rel in GOOD_FILES:
        assert (out / f"{rel}.jsonl").is_file(), rel
        assert not (out / f"{rel}.tmx").exists(), rel  # no translated record: no bilingual TMX unit
    assert not (out / "ignored.xlsx.jsonl").exists()
    assert summary.skipped_unknown == [str(inbox / "ignored.xlsx")]
    assert "; skipped 1 file of unknown kinds" in summary.line()
    assert not (out / "errors.jsonl").exists()  # kept out of the record tree
    errors = [json.loads(line) for line in (out / ".esgtext" / "errors.jsonl").read_text().splitlines()]
    assert [e["doc"] for e in errors] == ["image.txt"]
    assert "binary" in errors[0]["reason"]
    assert (out / "empty.txt.jsonl").read_bytes() == b""
    assert summary.untranslated > 0 and summary.translated == 0


def test_records_are_valid_ordered_and_traceable(untranslated_run):
    _, out, _ = untranslated_run
    schema = record_schema()
    for rel in GOOD_FILES:
        lines = (out / f"{rel}.jsonl").read_text(encoding="utf-8").splitlines()
        records = [json.loads(line) for line in lines]
        for r in records:
            jsonschema.validate(r, schema)
            assert r["doc"] == rel
        assert [r["seg"] for r in records] == list(range(len(records)))
        for r in records:
            if r["status"] == "untranslated":
                assert r["target"] == "" and r["src_lang"] in ("fr", "zh")  # typed row: "" for none
                assert Record.from_dict(r).target is None
            if r["status"] == "kept":
                assert r["target"] == r["source"]


def test_languages_encodings_and_chrome(untranslated_run):
    _, out, _ = untranslated_run

    def records(rel):
        return parse_jsonl((out / f"{rel}.jsonl").read_bytes())

    cp = records("legacy/cp1252.txt")
    assert cp[0].source == CP1252_FRENCH.strip() and cp[0].src_lang == "fr"
    gb = records("legacy/gb18030.txt")
    assert "".join(r.source for r in gb) == GB18030_CHINESE.strip()
    assert {r.src_lang for r in gb} == {"zh"}
    en_zh = records("en_zh.txt")
    by_text = {r.source: r for r in en_zh}
    for chrome in ("Sign into your account", "Join Free", "Home > News > Content"):
        assert by_text[chrome].status == "boilerplate" and by_text[chrome].target is None
    source_line = by_text["Publish Time: 2024-03-01 Source: 国家能源局"]
    assert source_line.src_lang == "zh" and "mixed" in source_line.flags
    assert by_text["Each home now has light after dark."].status == "kept"
    html = records("release.html")
    html_text = " ".join(r.source for r in html)
    assert "obligation verte de 500 millions" in html_text
    for chrome in ("cookies", "Privacy", "All rights reserved", "News"):
        assert chrome not in html_text
    assert all(r.status != "boilerplate" for r in html)


def test_source_raw_is_the_segment_before_repair():
    raw = "La soci\u00c3\u00a9t\u00c3\u00a9 a publi\u00c3\u00a9 son rapport.\n\nThe end is near for coal."
    doc = process_document(raw, "x.txt", translator=Translator.untranslated())
    first = doc.records[0]
    assert first.source == "La société a publié son rapport."
    assert first.source_raw == raw[first.raw_start:first.raw_end]
    assert "\u00c3\u00a9" in first.source_raw and first.edits
    assert all(first.raw_start <= e["start"] <= e["end"] <= first.raw_end for e in first.edits)
    last = doc.records[-1]
    assert last.source == last.source_raw == "The end is near for coal." and last.edits == ()
    assert last.status == "kept"


def test_offset_map_expands_to_whole_edits():
    # raw "ab XYZ cd" -> repaired "ab Q cd" (XYZ -> Q), then an insertion "!" at the end
    edits = [Edit("k", 3, 6, "XYZ", "Q"), Edit("k", 9, 9, "", "!")]
    m = _OffsetMap(edits)
    assert (m.start(0), m.end(2)) == (0, 2)
    assert (m.start(3), m.end(4)) == (3, 6)  # the edited word maps to all of its source
    assert (m.start(5), m.end(7)) == (7, 9)  # after the edit: shifted by its length change
    assert m.end(8) == 9  # inside the insertion


def test_process_document_reads_bytes_and_html():
    doc = process_document(HTML.encode("utf-8"), "page.html", translator=Translator.untranslated())
    assert doc.extraction == "trafilatura" and doc.lang == "fr"
    assert not any("cookies" in r.source for r in doc.records)
    assert process_document(b"", "e.txt", translator=Translator.untranslated()).records == []


def test_rerun_redoes_nothing_and_changes_no_byte(untranslated_run):
    inbox, out, first = untranslated_run
    before = snapshot(out)
    again = translate_folder([inbox], out, formats=["jsonl", "tmx", "moses"],
                             translator=Translator.untranslated())
    assert again.processed == 0 and again.skipped == 8 and again.failed == 1
    assert (again.segments, again.untranslated) == (first.segments, first.untranslated)
    assert snapshot(out) == before


def test_changed_deleted_and_interrupted_outputs_are_redone(tmp_path):
    inbox = make_messy_folder(tmp_path / "inbox")
    out = tmp_path / "out"
    t = Translator.untranslated()
    translate_folder([inbox], out, translator=t)
    reference = snapshot(out)
    (inbox / "notes.md").write_text("# Titre\n\nUn autre texte, entièrement nouveau.\n", encoding="utf-8")
    (out / "a/b/c/deep.txt.jsonl").unlink()
    (out / "legacy" / f".cp1252.txt.jsonl.x{TMP_SUFFIX}").write_bytes(b'{"doc": "half')
    manifest = out / ".esgtext" / "manifest.jsonl"
    manifest.write_bytes(manifest.read_bytes() + b'{"doc": "cut by a kil')
    summary = translate_folder([inbox], out, translator=t)
    assert summary.processed == 2 and summary.skipped == 6
    after = snapshot(out)
    assert after["a/b/c/deep.txt.jsonl"] == reference["a/b/c/deep.txt.jsonl"]
    assert after["notes.md.jsonl"] != reference["notes.md.jsonl"]
    assert not list(out.rglob(f"*{TMP_SUFFIX}"))
    entries = [json.loads(line) for line in manifest.read_text().splitlines()]
    assert all(isinstance(e, dict) for e in entries)


def test_parallel_run_gives_the_same_bytes(untranslated_run, tmp_path):
    inbox, out, _ = untranslated_run
    summary = translate_folder([inbox], tmp_path / "par", formats=["jsonl", "tmx", "moses"],
                               jobs=2, translator=Translator.untranslated())
    assert summary.processed == 8
    ours = {k: v for k, v in snapshot(tmp_path / "par").items() if not k.startswith((".esgtext", "errors"))}
    theirs = {k: v for k, v in snapshot(out).items() if not k.startswith((".esgtext", "errors"))}
    assert ours == theirs


def test_usage_errors_come_before_any_work(tmp_path):
    with pytest.raises(UsageError):
        translate_folder([tmp_path / "missing"], tmp_path / "out", translator=Translator.untranslated())
    with pytest.raises(UsageError):
        translate_folder([tmp_path], tmp_path / "out", formats=["docx"], translator=Translator.untranslated())
    assert not (tmp_path / "out").exists()


def test_missing_model_stops_before_work_unless_allowed(tmp_path):
    from esgtext.translate import ModelNotAvailable

    with pytest.raises(ModelNotAvailable):
        Translator()
    t = Translator(allow_untranslated=True)
    assert set(t.missing) == {"fr-en", "zh-en"}


def test_a_file_given_directly_is_named_by_its_file_name(tmp_path):
    src = tmp_path / "a" / "b.txt"
    src.parent.mkdir()
    src.write_text(NESTED_ENGLISH, encoding="utf-8")
    translate_folder([src], tmp_path / "OUT", translator=Translator.untranslated())
    assert (tmp_path / "OUT" / "b.txt.jsonl").is_file()


def test_too_large_files_are_errors(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "big.txt").write_text("x" * 200)
    summary = translate_folder([tmp_path / "in"], tmp_path / "out", max_bytes=100,
                               translator=Translator.untranslated())
    assert summary.failed == 1 and summary.errors[0]["error"] == "too-large"


# --- with models --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model_run(tmp_path_factory, tiny_spm_model):
    """The messy folder with tiny random-weight models for both pairs (outputs are meaningless;
    the loading, batching and record plumbing are the real ones)."""
    env = pytest.MonkeyPatch()
    env.setenv("HF_HUB_OFFLINE", "1")
    # one torch thread: on a shared 2-core machine more threads spin against each other (10x slower)
    env.setenv("ESGTEXT_THREADS", "1")
    root = tmp_path_factory.mktemp("messy-models")
    inbox = make_messy_folder(root / "inbox")
    out = root / "out"
    models = {"fr-en": str(tiny_spm_model), "zh-en": str(tiny_spm_model)}
    try:
        summary = translate_folder([inbox], out, formats=["jsonl", "tmx", "moses"], models=models,
                                   beam_size=1)
        yield inbox, out, summary, models
    finally:
        env.undo()


@pytest.mark.slow
def test_model_run_translates_french_chinese_and_mixed(model_run):
    _, out, summary, _ = model_run
    assert summary.failed == 1 and summary.translated > 0 and summary.untranslated == 0
    for rel in GOOD_FILES:
        records = parse_jsonl((out / f"{rel}.jsonl").read_bytes())
        for r in records:
            if r.src_lang in ("fr", "zh") and r.status != "boilerplate":
                assert r.status == "translated" and r.target is not None
                assert r.model == "tiny-random/fr-en" and r.engine == "transformers"
                assert f"model:{r.model}|rev:{r.revision}" in r.signature
        translated = [r for r in records if r.status == "translated"]
        tmx_files = sorted((out / rel).parent.glob(f"{Path(rel).name}*.tmx"))
        tus = [tu for p in tmx_files for tu in etree.fromstring(p.read_bytes()).findall("./body/tu")]
        assert len(tus) == len(translated)  # bilingual units only, one file per source language
        assert all(len(tu.findall("tuv")) == 2 for tu in tus)
        for lang in {r.src_lang for r in translated}:
            names = sorted(p.name for p in (out / rel).parent.glob(f"{Path(rel).name}.*")
                           if p.suffix in (f".{lang}", ".en"))
            src = out / f"{rel}.{lang}" if (out / f"{rel}.{lang}").exists() else out / f"{rel}.{lang}-en.{lang}"
            tgt = src.with_name(src.name[: -len(lang)] + "en")
            assert src.is_file() and tgt.is_file(), names
            n = sum(r.src_lang == lang for r in translated)
            assert len(src.read_text(encoding="utf-8").splitlines()) == n
            assert len(tgt.read_text(encoding="utf-8").splitlines()) == n
    assert (out / ".esgtext" / "translations.sqlite").is_file()


@pytest.mark.slow
def test_model_rerun_skips_everything(model_run):
    inbox, out, first, models = model_run
    before = snapshot(out)
    again = translate_folder([inbox], out, formats=["jsonl", "tmx", "moses"], models=models, beam_size=1)
    assert again.processed == 0 and again.skipped == 8 and again.translated == first.translated
    assert snapshot(out) == before


def test_a_model_error_fails_only_its_document(tmp_path):
    """A test double stands in for the engine: it raises on one document's text."""
    from types import SimpleNamespace

    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Le groupe a publié son rapport annuel sur le climat.\n", encoding="utf-8")
    (inbox / "b.txt").write_text("La société BOOM a réduit ses émissions de carbone.\n", encoding="utf-8")
    (inbox / "c.txt").write_text("Les salariés ont suivi une formation à la sécurité.\n", encoding="utf-8")
    t = Translator.untranslated()
    t.specs = {"fr-en": SimpleNamespace(model_id="stub", revision="0", local_path=None)}

    def stub_translate(texts, src):
        if any("BOOM" in text for text in texts):
            raise RuntimeError("engine failure\nwith a second line")
        return [SimpleNamespace(target=f"<{len(text)} chars>", flags=[], model_id="stub", revision="0",
                                engine="stub") for text in texts]

    t.translate = stub_translate
    summary = translate_folder([inbox], tmp_path / "out", translator=t)
    assert (summary.processed, summary.failed) == (2, 1)
    assert summary.errors[0]["doc"] == "b.txt" and summary.errors[0]["error"] == "translation"
    assert "\n" not in summary.errors[0]["reason"]
    a = parse_jsonl((tmp_path / "out" / "a.txt.jsonl").read_bytes())
    assert [(r.status, r.model) for r in a] == [("translated", "stub")]
    assert not (tmp_path / "out" / "b.txt.jsonl").exists()
