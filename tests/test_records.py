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


def test_tmx_has_one_tu_per_record_with_a_target_and_is_valid_xml():
    from translate.storage import tmx

    records = sample()
    data = render_tmx(records)
    root = etree.fromstring(data)  # raises on control characters or bad escaping
    tus = root.findall("./body/tu")
    with_target = [r for r in records if r.target is not None]
    assert len(tus) == len(with_target) == 3
    for tu, r in zip(tus, with_target):
        assert tu.get("srclang") == r.src_lang
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        assert props == {"x-doc": "d/a.txt", "x-seg": str(r.seg), "x-status": r.status}
        assert tu[0].tag == "prop"  # DTD order: prop before tuv
    kept = tus[1]
    assert [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in kept.findall("tuv")] == ["en"]
    segs = [s.text for s in tus[2].iter("seg")]
    assert segs == ["碳中和 <&>", "Carbon neutral"]
    assert root.find("header").get("srclang") == "*all*"
    assert b"creationdate" not in data
    assert len(tmx.tmxfile.parsestring(data).units) == 3  # translate-toolkit reads it back
    assert render_tmx(records) == data


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
        "d/a.txt.fr-en.en", "d/a.txt.fr-en.fr", "d/a.txt.jsonl", "d/a.txt.tmx",
        "d/a.txt.zh-en.en", "d/a.txt.zh-en.zh",
    ]
    one_lang = [r for r in sample() if r.src_lang != "zh"]
    assert sorted(render_outputs("b.txt", one_lang, ["moses"])) == ["b.txt.en", "b.txt.fr"]
    assert moses_paths("x.md", []) == {}


def test_signature_names_engine_model_and_revision():
    sig = make_signature(repair="r", engine="ctranslate2", model="org/m", revision="deadbeef", beam_size=2)
    assert sig.split("|")[2:5] == ["engine:ctranslate2", "model:org/m", "rev:deadbeef"]
    assert make_signature(repair="r").endswith("|engine:none")
