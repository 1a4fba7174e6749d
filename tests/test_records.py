"""The bilingual record and its writers (no model, no torch)."""

from __future__ import annotations

import json

import jsonschema
import pytest
from lxml import etree

from esgtext.records import (
    Record,
    make_signature,
    moses_paths,
    parse_jsonl,
    record_schema,
    render_jsonl,
    render_moses,
    render_outputs,
    render_tmx,
)


def rec(seg: int, status: str, src_lang: str = "fr", source: str = "Bonjour.", target: str | None = "Hello.",
        **kw) -> Record:
    base = dict(doc="d/a.txt", seg=seg, paragraph=0, start=0, end=len(source), src_lang=src_lang,
                lang_confidence=0.9, status=status, source=source, source_raw=source, target=target,
                signature=make_signature())
    base.update(kw)
    return Record(**base)


def sample() -> list[Record]:
    return [
        rec(0, "translated", source="Le groupe a publié\nson rapport.", target="The group\u2028published."),
        rec(1, "kept", src_lang="en", source="Green bonds rose.", target="Green bonds rose."),
        rec(2, "boilerplate", src_lang="en", source="Join Free", target=None, flags=("boilerplate:login",)),
        rec(3, "untranslated", src_lang="zh", source="碳中和", target=None, flags=("model-missing:zh-en",)),
        rec(4, "translated", src_lang="zh", source="碳\x00中和 <&>", target="Carbon\x1b neutral",
            flags=("mixed",), engine="transformers", model="m/zh-en", revision="abc"),
    ]


def test_jsonl_round_trip_is_stable_and_valid_against_the_schema():
    records = sample()
    data = render_jsonl(records)
    assert data == render_jsonl(parse_jsonl(data))
    assert parse_jsonl(data) == records
    schema = record_schema()
    lines = data.decode("utf-8").splitlines()
    assert len(lines) == len(records)
    for line in lines:
        obj = json.loads(line)
        jsonschema.validate(obj, schema)
        assert list(obj)[:3] == ["doc", "seg", "paragraph"]


def test_schema_rejects_a_bad_record():
    obj = sample()[0].to_dict()
    obj["status"] = "done"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(obj, record_schema())
    obj = sample()[0].to_dict()
    del obj["signature"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(obj, record_schema())


def test_unknown_status_is_refused():
    with pytest.raises(ValueError):
        rec(0, "done")


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tus(data: bytes):
    root = etree.fromstring(data)  # raises on control characters or bad escaping
    return root, root.findall("./body/tu")


def test_tmx_holds_bilingual_units_only_one_source_language_per_file():
    from translate.storage import tmx

    records = sample()
    with pytest.raises(ValueError):
        render_tmx(records)  # French and Chinese: one file per language
    for lang in ("fr", "zh"):
        data = render_tmx(records, lang)
        root, tus = _tus(data)
        units = [r for r in records if r.status == "translated" and r.src_lang == lang]
        assert len(tus) == len(units) == 1
        header = root.find("header")
        assert header.get("srclang") == lang and header.get("o-tmf") == "esgtext"
        for tu, r in zip(tus, units):
            assert tu.get("srclang") == lang
            assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == [lang, "en"]
            props = {p.get("type"): p.text for p in tu.findall("prop")}
            assert props == {"x-doc": "d/a.txt", "x-seg": str(r.seg), "x-status": "translated"}
            assert tu[0].tag == "prop"  # DTD order: prop before tuv
        assert b"creationdate" not in data
        assert len(tmx.tmxfile.parsestring(data).units) == 1  # translate-toolkit reads it back
        assert render_tmx(records, lang) == data
    segs = [s.text for s in _tus(render_tmx(records, "zh"))[1][0].iter("seg")]
    assert segs == ["碳中和 <&>", "Carbon neutral"]  # XML-illegal characters removed
    kept_only = [r for r in records if r.status != "translated"]
    assert _tus(render_tmx(kept_only))[1] == []  # kept English is not a unit


def test_empty_document_gives_an_empty_jsonl_and_a_valid_empty_tmx():
    assert render_jsonl([]) == b""
    root = etree.fromstring(render_tmx([]))
    assert root.findall("./body/tu") == []


def test_moses_pairs_are_line_aligned_and_hold_translated_records_only():
    records = sample()
    pairs = render_moses(records)
    assert sorted(pairs) == ["fr", "zh"]
    fr_src, fr_en = pairs["fr"]
    assert fr_src.decode().splitlines() == ["Le groupe a publié son rapport."]
    assert fr_en.decode().splitlines() == ["The group published."]
    zh_src, zh_en = pairs["zh"]
    assert len(zh_src.splitlines()) == len(zh_en.splitlines()) == 1


def test_output_names_follow_the_document_path():
    files = render_outputs("d/a.txt", sample(), ["jsonl", "tmx", "moses"])
    assert sorted(files) == [
        "d/a.txt.fr-en.en", "d/a.txt.fr-en.fr", "d/a.txt.fr-en.tmx", "d/a.txt.jsonl",
        "d/a.txt.zh-en.en", "d/a.txt.zh-en.tmx", "d/a.txt.zh-en.zh",
    ]
    one_lang = [r for r in sample() if r.src_lang != "zh"]
    assert sorted(render_outputs("b.txt", one_lang, ["moses", "tmx"])) == ["b.txt.en", "b.txt.fr", "b.txt.tmx"]
    english = [r for r in sample() if r.src_lang == "en"]
    assert sorted(render_outputs("c.txt", english, ["jsonl", "moses", "tmx"])) == ["c.txt.jsonl"]
    assert moses_paths("x.md", []) == {}


def test_signature_names_engine_model_and_revision():
    sig = make_signature(repair="r", engine="ctranslate2", model="org/m", revision="deadbeef", beam_size=2)
    assert sig.split("|")[2:5] == ["engine:ctranslate2", "model:org/m", "rev:deadbeef"]
    assert make_signature(repair="r").endswith("|engine:none")


# -- the typed row form: JSONL that Arrow reads as it is (issue #12) --------------------------------

ROW_TYPES = {"doc": str, "seg": int, "paragraph": int, "start": int, "end": int, "src_lang": str,
             "lang_confidence": float, "status": str, "source": str, "source_raw": str, "target": str,
             "raw_start": int, "raw_end": int, "flags": str, "edits": str, "engine": str, "model": str,
             "revision": str, "signature": str}


def test_every_field_has_one_json_type_in_every_record_and_nothing_is_lost():
    unmapped = rec(5, "untranslated", source="x", target=None, source_raw=None, raw_start=None, raw_end=None)
    edited = rec(6, "translated", source="médaille", target="medal", raw_start=0, raw_end=7,
                 edits=({"kind": "deleted_accent", "start": 0, "end": 7, "before": "mdaille",
                         "after": "médaille", "confidence": 1, "reason": "r"},))
    records = [*sample(), unmapped, edited]
    for r in records:
        row = json.loads(r.to_json())
        assert list(row) == list(ROW_TYPES)
        assert {k: type(v) for k, v in row.items()} == ROW_TYPES, row
        assert Record.from_dict(row) == Record.from_dict(r.to_dict())
    no_edits = json.loads(sample()[1].to_json())  # what a record without edits looks like now
    assert no_edits["edits"] == "[]" and no_edits["flags"] == "[]" and no_edits["engine"] == ""
    assert json.loads(json.loads(edited.to_json())["edits"])[0]["confidence"] == 1.0
    assert parse_jsonl(render_jsonl(records)) == [
        Record.from_dict(r.to_dict() | {"edits": [dict(e, confidence=float(e["confidence"])) for e in r.edits]})
        for r in records
    ]
    back = Record.from_dict(json.loads(unmapped.to_json()))
    assert (back.source_raw, back.raw_start, back.raw_end, back.target) == (None, None, None, None)
    # a translated record keeps an empty translation as "" (its status says it has one)
    assert Record.from_dict(json.loads(rec(7, "translated", target="").to_json())).target == ""


def test_lists_inside_the_json_text_follow_the_schema():
    schema = record_schema()
    for r in sample():
        row = json.loads(r.to_json())
        for key in ("flags", "edits"):
            jsonschema.validate(json.loads(row[key]), schema["properties"][key]["contentSchema"])


def _messy_folder(root):
    root.mkdir()
    (root / "a-clean.md").write_text("# Results\n\nThe group cut its emissions by 12% in 2023.\n", encoding="utf-8")
    (root / "fr").mkdir()
    (root / "fr" / "medaille.txt").write_text(
        "Le groupe a reu une mdaille pour son engagement dans lenvironnement.\n", encoding="utf-8")
    (root / "fr" / "clean.txt").write_text("Le groupe a publié son rapport annuel.\n", encoding="utf-8")
    (root / "zh.txt").write_bytes("联合电池发布了年度环境报告。\n".encode("gb18030"))
    (root / "page.html").write_text("<html><body><nav>Sign in</nav><article><p>The water programme "
                                    "saved 3 million litres in 2024.</p></article></body></html>", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64))


def test_a_run_loads_with_datasets_by_glob_without_features(tmp_path, monkeypatch):
    datasets = pytest.importorskip("datasets")
    import pyarrow.json as paj
    from click.testing import CliRunner

    from esgtext.cli import main
    from esgtext.records import features

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))
    _messy_folder(tmp_path / "inbox")
    out = tmp_path / "out"
    (out).mkdir()
    (out / "errors.jsonl").write_text('{"doc": "x.txt", "path": "x.txt", "error": "binary", "reason": "r"}\n')
    result = CliRunner().invoke(main, ["translate", str(tmp_path / "inbox"), "-o", str(out),
                                       "--allow-untranslated", "--format", "jsonl,tmx,moses"])
    assert result.exit_code == 1, result.output  # photo.txt is binary
    assert f"errors in {out / '.esgtext' / 'errors.jsonl'}" in result.stderr.splitlines()[-1]
    assert not (out / "errors.jsonl").exists()  # an earlier version's, removed: only records match the glob
    [error] = (out / ".esgtext" / "errors.jsonl").read_text().splitlines()
    assert json.loads(error)["doc"] == "photo.txt"

    files = sorted(p for p in out.rglob("*.jsonl") if ".esgtext" not in p.parts)
    by_doc = {p.relative_to(out).as_posix(): parse_jsonl(p.read_bytes()) for p in files}
    assert files[0].name == "a-clean.md.jsonl"  # the first file the glob gives: no edits, no flags
    assert not any(r.edits or r.flags for r in by_doc["a-clean.md.jsonl"])
    assert any(r.edits for r in by_doc["fr/medaille.txt.jsonl"])
    assert any(r.target is None for r in by_doc["fr/clean.txt.jsonl"])
    total = sum(len(v) for v in by_doc.values())

    # pyarrow infers one schema from every file, whatever it holds
    schemas = {str(paj.read_json(p).schema) for p in files if p.stat().st_size}
    assert len(schemas) == 1, schemas

    ds = datasets.load_dataset("json", data_files=str(out / "**" / "*.jsonl"), split="train",
                               cache_dir=str(tmp_path / "hf-datasets"))
    assert ds.num_rows == total > 0
    assert ds.features == features()
    rows = {(r["doc"], r["seg"]): r for r in ds}
    for records in by_doc.values():
        for r in records:
            assert Record.from_dict(rows[(r.doc, r.seg)]) == r


# -- translation memories and the corpus of a run (issue #12) --------------------------------------

def _snapshot(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "translations.sqlite"}


def test_a_translated_run_writes_bilingual_tmx_and_a_corpus_that_reruns_byte_for_byte(
        tiny_spm_model, tmp_path, monkeypatch):
    from click.testing import CliRunner
    from translate.storage import tmx

    from esgtext.cli import main

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))
    _messy_folder(tmp_path / "inbox")
    (tmp_path / "inbox" / "both.txt").write_text(
        "Le groupe a publié son rapport annuel sur le climat.\n\n联合电池发布了年度环境报告。\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["translate", str(tmp_path / "inbox"), "-o", str(out), "--format", "jsonl,tmx,moses",
            "--model", f"fr-en={tiny_spm_model}", "--model", f"zh-en={tiny_spm_model}", "-q"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 1, first.output  # photo.txt
    records = [r for p in sorted(out.rglob("*.jsonl")) if ".esgtext" not in p.parts
               for r in parse_jsonl(p.read_bytes())]
    assert {r.src_lang for r in records if r.status == "translated"} >= {"fr", "zh"}

    tmx_files = sorted(out.rglob("*.tmx"))
    assert (out / "both.txt.fr-en.tmx").is_file() and (out / "both.txt.zh-en.tmx").is_file()
    assert not (out / "a-clean.md.tmx").exists()  # English only: no bilingual unit, no TMX
    for path in tmx_files:
        root, tus = _tus(path.read_bytes())
        lang = root.find("header").get("srclang")
        assert lang in ("fr", "zh") and root.find("header").get("o-tmf") == "esgtext", path
        for tu in tus:
            assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == [lang, "en"], path

    french = [r for r in records if r.src_lang == "fr" and r.target is not None]
    corpus = tmx.tmxfile.parsestring((out / "corpus" / "fr-en.tmx").read_bytes())
    assert [(u.source, u.target) for u in corpus.units] == [(r.source, r.target) for r in french]
    assert len(french) >= 3
    src = (out / "corpus" / "fr-en.fr").read_text(encoding="utf-8").split("\n")
    tgt = (out / "corpus" / "fr-en.en").read_text(encoding="utf-8").split("\n")
    assert len(src) == len(tgt) == len(french) + 1 and src[-1] == tgt[-1] == ""
    zh = (out / "corpus" / "zh-en.zh").read_bytes().count(b"\n")
    assert zh == (out / "corpus" / "zh-en.en").read_bytes().count(b"\n") == len(tmx.tmxfile.parsestring(
        (out / "corpus" / "zh-en.tmx").read_bytes()).units) > 0

    before = _snapshot(out)
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 1 and _snapshot(out) == before  # a re-run changes no byte
    # a resumed run: the corpus and one document's outputs gone, its manifest line too
    import shutil

    shutil.rmtree(out / "corpus")
    manifest = out / ".esgtext" / "manifest.jsonl"
    manifest.write_text("".join(line + "\n" for line in manifest.read_text().splitlines()
                                if '"doc": "fr/medaille.txt"' not in line))
    for p in out.glob("fr/medaille.txt.*"):
        p.unlink()
    resumed = CliRunner().invoke(main, args)
    after = _snapshot(out)
    assert after.pop(".esgtext/manifest.jsonl") != before.pop(".esgtext/manifest.jsonl")  # its line last now
    assert resumed.exit_code == 1 and after == before
