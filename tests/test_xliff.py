"""XLIFF 2.0 per document (issue #12): parses back with translate-toolkit and lxml, holds every
translated record (and the untranslated ones, without a target), follows the 2.0 core layout."""

from __future__ import annotations

import json

from lxml import etree

from esgtext.records import XLIFF_FLAGS_NOTE as FLAGS_NOTE
from esgtext.records import XLIFF_NS, Record, make_signature, render_outputs

NS = {"x": XLIFF_NS}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def rec(seg, status, lang, source, target, flags=()):
    return Record(doc="d/a.txt", seg=seg, paragraph=0, start=0, end=len(source), src_lang=lang,
                  lang_confidence=0.9, status=status, source=source, source_raw=source, target=target,
                  flags=flags, signature=make_signature())


def test_units_for_translated_and_untranslated_records_one_file_per_source_language():
    from translate.storage import xliff2

    records = [
        rec(0, "translated", "fr", "Le groupe a publié\nson rapport <2024> & plus.", "The group published.",
            ("number_mismatch",)),
        rec(1, "kept", "en", "Green bonds rose.", "Green bonds rose."),
        rec(2, "boilerplate", "en", "Sign in", None, ("boilerplate:login",)),
        rec(3, "untranslated", "fr", "Bonjour.", None, ("model-missing:fr-en",)),
        rec(4, "translated", "zh", "碳中和\x00", "Carbon neutrality"),
    ]
    files = render_outputs("d/a.txt", records, ["xliff"])
    assert sorted(files) == ["d/a.txt.fr-en.xlf", "d/a.txt.zh-en.xlf"]
    fr = files["d/a.txt.fr-en.xlf"]
    store = xliff2.Xliff2File.parsestring(fr)
    assert store.getsourcelanguage() == "fr" and store.gettargetlanguage() == "en"
    assert [(u.getid(), u.source, u.target) for u in store.units] == [
        ("s0", "Le groupe a publié\nson rapport <2024> & plus.", "The group published."),
        ("s3", "Bonjour.", None)]
    root = etree.fromstring(fr)
    assert root.get("version") == "2.0" and root.find("x:file", NS).get("original") == "d/a.txt"
    units = root.findall("x:file/x:unit", NS)
    # 2.0 core: <notes> before the segments of a <unit>; xml:space on source/target, not segment
    assert [etree.QName(c).localname for c in units[0]] == ["notes", "segment"]
    assert units[0].find("x:notes/x:note", NS).get("category") == FLAGS_NOTE
    assert units[0].find("x:notes/x:note", NS).text == "number_mismatch"
    for segment in root.iter(f"{{{XLIFF_NS}}}segment"):
        assert XML_SPACE not in segment.attrib
        assert all(c.get(XML_SPACE) == "preserve" for c in segment)
    assert [s.get("state") for s in root.iter(f"{{{XLIFF_NS}}}segment")] == ["translated", "initial"]
    zh = xliff2.Xliff2File.parsestring(files["d/a.txt.zh-en.xlf"])
    assert [(u.source, u.target) for u in zh.units] == [("碳中和", "Carbon neutrality")]
    assert render_outputs("e.txt", [records[1]], ["xliff"]) == {}  # English only: nothing to post-edit
    assert render_outputs("d/a.txt", records, ["xliff"]) == files  # deterministic


def test_a_run_writes_xliff_that_holds_every_translated_record(tiny_spm_model, tmp_path, monkeypatch):
    from click.testing import CliRunner
    from translate.storage import xliff2

    from esgtext.cli import main

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "fr.txt").write_text("Le groupe a publié son rapport annuel.\n\nIl vise la neutralité "
                                  "carbone en 2040.\n\nThe report is in English too.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["translate", str(inbox), "-o", str(out), "--format", "jsonl,xliff",
                                       "--model", f"fr-en={tiny_spm_model}", "-q"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in (out / "fr.txt.jsonl").read_text().splitlines()]
    translated = [r for r in records if r["status"] == "translated"]
    assert len(translated) >= 2
    store = xliff2.Xliff2File.parsestring((out / "fr.txt.xlf").read_bytes())
    assert [(u.getid(), u.source, u.target) for u in store.units] == [
        (f"s{r['seg']}", r["source"], r["target"]) for r in translated]
