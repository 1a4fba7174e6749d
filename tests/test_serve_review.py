"""The side-by-side view and "reject an edit", without a server (no model needed)."""

from __future__ import annotations

import json

import pytest

from esgtext import process_document
from esgtext.serve.service import ApiError, ServeConfig, Service
from esgtext.serve.view import conf_class, document_page, json_script, locate_edits, render_cells

TEXT = ("Communiqu de presse\n\nLe Groupe Valmont a inaugur la centrale photovoltaque de la rgion, "
        "qui couvre lenvironnement. Source:中国机电产品进出口商会 today.\n")


@pytest.fixture(scope="module")
def service():
    s = Service(ServeConfig(pairs=()))
    yield s
    s.close()


@pytest.fixture(scope="module")
def records(service):
    return [r.to_dict() for r in service.process(TEXT, "r.txt").records]


def test_every_edit_is_placed_in_raw_and_repaired_text(records):
    placed = 0
    for rec in records:
        for loc in locate_edits(rec):
            assert rec["source_raw"][loc.raw_start:loc.raw_end] == loc.edit["before"]
            assert rec["source"][loc.src_start:loc.src_end] == loc.edit["after"]
            placed += 1
        assert len(locate_edits(rec)) == len(rec["edits"])
    assert placed >= 5


def test_cells_show_before_after_reason_and_confidence(records):
    rec = next(r for r in records if len(r["edits"]) >= 3)
    cells = render_cells(rec, 1, interactive=True)
    assert cells["repaired"].count('class="edit conf-') == len(rec["edits"])
    assert 'tabindex="0"' in cells["repaired"] and 'role="tooltip"' in cells["repaired"]
    e = rec["edits"][0]
    assert f"<del>{e['before']}</del> → <ins>{e['after']}</ins>" in cells["repaired"]
    assert "Reject this edit" in cells["repaired"]
    assert "Reject" not in render_cells(rec, 1, interactive=False)["repaired"]
    assert cells["raw"].count("raw-edit") == len(rec["edits"])
    assert "not translated" in cells["target"] and "model-missing:fr-en" in cells["target"]
    assert [conf_class(c) for c in (0.95, 0.7, 0.2)] == ["conf-high", "conf-mid", "conf-low"]


def test_language_spans_are_marked(service):
    rec = process_document("The company Source:中国机电产品进出口商会 said it grew.", "x",
                           translator=service.translator).records[0].to_dict()
    assert 'lang="zh"' in render_cells(rec, 0)["repaired"]


def test_rejecting_an_edit_rebuilds_the_sentence_without_it(service, records):
    i, rec = next((i, r) for i, r in enumerate(records) if len(r["edits"]) >= 2)
    e = rec["edits"][1]
    new, delta = service.reject_edits(rec, [1])
    assert e["before"] in new.source and new.source != rec["source"]
    assert delta == len(e["before"]) - len(e["after"]) and new.end == rec["end"] + delta
    assert list(new.edits) == [x for j, x in enumerate(rec["edits"]) if j != 1]
    assert f"rejected-edit:{e['kind']}" in new.flags
    assert new.status == "untranslated"  # no model here: still untranslated, and says so
    # the other edits stay where they were
    assert len(locate_edits(new.to_dict())) == len(new.edits)
    again, _ = service.reject_edits(new.to_dict(), list(range(len(new.edits))))
    assert again.source == rec["source_raw"] and not again.edits


@pytest.mark.parametrize("record,reject,status", [
    ({"doc": "a"}, [0], 400),
    (None, [0], 400),
    ("fine", ["x"], 400),
    ("fine", [99], 400),
    ("fine", [True], 400),
])
def test_rejecting_bad_input_is_an_api_error(service, records, record, reject, status):
    if record == "fine":
        record = next(r for r in records if r["edits"])
    with pytest.raises(ApiError) as info:
        service.reject_edits(record or {}, reject)
    assert info.value.status == status


def test_json_script_cannot_break_out_and_static_pages_have_no_script(records):
    tag = json_script("d", [{"source": "</script><script>alert(1)</script>"}])
    assert tag.count("</script>") == 1
    assert json.loads(tag.split(">", 1)[1].rsplit("<", 1)[0])[0]["source"].startswith("</script>")
    page = document_page(records, title="r.txt", back="../report.html")
    assert "<script" not in page and "Reject" not in page and "r.txt" in page
