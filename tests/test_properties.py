"""Property tests (hypothesis): repair, segmentation, language spans, records and the manifest.

Seeded (``derandomize=True``: the same examples on every run, so CI never flakes) and bounded
(``max_examples`` per property, no deadline): the whole file runs in well under a minute.
The texts are built from fragments that exercise the repair steps together -- words with
deleted accents, mojibake, entities, "?" for a letter, Chinese, control characters (C0, C1, the
vertical tab and the information separators ftfy removes or keeps), line breaks -- plus fully
arbitrary short strings.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esgtext.language import language_spans
from esgtext.pipeline import Manifest, Translator, _OffsetMap, process_document
from esgtext.records import Record, parse_jsonl, render_jsonl
from esgtext.repair import repair_text
from esgtext.repair.edits import Edit, apply_edits
from esgtext.segmentation import segment

SETTINGS = dict(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

WORDS = [
    "la", "mdaille", "socit", "a", "t", "reconnue", "lenvironnement", "dveloppement", "Dbut",
    "C?te", "d'Ivoire", "mÃ©daille", "dâ€™or", "&amp;", "&eacute;t&eacute;", "the", "company",
    "report", "What?", "中文", "碳排放量下降了", "《报告》", "e\u0301te\u0301", "Communiqu", "presse",
    "continuera", "pratiquer", "Mme", "si", "une", "le", "2023", "12 %", "M.", "Dr.", "https://x.org/?q=a",
    "ﬁnance", "«", "»", "—", "’", "\u00a0", "\ufffd",
]
SEPARATORS = [
    " ", " ", " ", " ", ". ", ", ", "\n", "\n\n", "\r\n", "\t", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e",
    "\x1f", "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\u2028", "  ", "。", "！",
]

fragments = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=14)
damaged_text = fragments.map(lambda parts: "".join(w + s for w, s in parts))
any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
texts = st.one_of(damaged_text, damaged_text, any_text)


# --- repair ------------------------------------------------------------------------------------


@settings(max_examples=150, **SETTINGS)
@given(texts, st.sampled_from(["fr", "en", None]))
def test_repair_edits_rebuild_the_output_exactly(text, lang):
    result = repair_text(text, lang=lang)
    for e in result.edits:
        assert text[e.start:e.end] == e.before
    assert apply_edits(text, list(result.edits)) == result.text
    assert result.text.count("\n") == text.count("\n")


@settings(max_examples=100, **SETTINGS)
@given(texts)
def test_english_repair_is_idempotent_on_its_own_output(text):
    once = repair_text(text, lang="en").text
    twice = repair_text(once, lang="en")
    assert twice.text == once and twice.edits == ()


# --- segmentation and spans --------------------------------------------------------------------


@settings(max_examples=100, **SETTINGS)
@given(texts, st.sampled_from(["fr", "en", "zh", None]))
def test_segments_have_exact_offsets_in_order(text, lang):
    segments = segment(text, lang)
    previous_end, previous_paragraph = 0, 0
    for s in segments:
        assert text[s.start:s.end] == s.text and s.text.strip() == s.text and s.text
        assert s.start >= previous_end and s.paragraph >= previous_paragraph
        previous_end, previous_paragraph = s.end, s.paragraph


@settings(max_examples=100, **SETTINGS)
@given(texts)
def test_language_spans_tile_the_text(text):
    spans = language_spans(text)
    assert "".join(s.text for s in spans) == text
    position = 0
    for i, s in enumerate(spans):
        assert s.start == position and s.end > s.start and text[s.start:s.end] == s.text
        assert i == 0 or spans[i - 1].lang != s.lang  # adjacent spans of one language are merged
        position = s.end
    assert position == len(text)


# --- records -----------------------------------------------------------------------------------


@settings(max_examples=40, **SETTINGS)
@given(texts)
def test_records_point_into_both_texts_and_survive_jsonl(text):
    doc = process_document(text, "x.txt", translator=Translator.untranslated())
    for r in doc.records:
        assert doc.text[r.start:r.end] == r.source
        assert r.source_raw is not None and doc.raw_text[r.raw_start:r.raw_end] == r.source_raw
        rebuilt = apply_edits(r.source_raw, [
            Edit(**{**e, "start": e["start"] - r.raw_start, "end": e["end"] - r.raw_start}) for e in r.edits
        ])
        assert rebuilt == r.source
    data = render_jsonl(doc.records)
    assert data.count(b"\n") == len(doc.records)
    assert len(data.decode("utf-8").splitlines()) == len(doc.records)  # no line break inside a record
    assert parse_jsonl(data) == doc.records


@st.composite
def edit_lists(draw):
    """Sorted, non-overlapping edits (insertions included) over a text of some length."""
    length = draw(st.integers(0, 60))
    cuts = sorted(draw(st.lists(st.integers(0, length), max_size=20)))
    edits, position = [], 0
    for a, b in zip(cuts[::2], cuts[1::2]):
        if a < position:
            continue
        edits.append(Edit("k", a, b, "x" * (b - a), draw(st.sampled_from(["", "y", "yyy"]))))
        position = b if b > a else a + 1
    return length, edits


@settings(max_examples=200, **SETTINGS)
@given(edit_lists(), st.integers(0, 60), st.integers(0, 60))
def test_the_edits_of_a_segment_are_those_a_scan_finds(case, a, b):
    length, edits = case
    raw_start, raw_end = min(a, b, length), min(max(a, b), length)
    expected = [e for e in edits if (e.start < raw_end and e.end > raw_start)
                or (e.start == e.end and raw_start <= e.start <= raw_end)]
    assert _OffsetMap(edits).touching(raw_start, raw_end) == expected


@settings(max_examples=60, **SETTINGS)
@given(st.builds(
    Record, doc=st.text(max_size=8), seg=st.integers(0, 10**6), paragraph=st.integers(0, 10**6),
    start=st.integers(0, 10**6), end=st.integers(0, 10**6), src_lang=st.sampled_from(["fr", "en", "zh", "und"]),
    lang_confidence=st.floats(0, 1), status=st.sampled_from(["translated", "kept", "boilerplate", "untranslated"]),
    source=any_text, source_raw=st.one_of(st.none(), any_text), target=st.one_of(st.none(), any_text),
    flags=st.lists(st.text(max_size=6), max_size=3).map(tuple),
).filter(lambda r: (r.target is None) == (r.status in ("boilerplate", "untranslated"))
         and not (r.source_raw == "" and r.raw_start is None)))
def test_any_record_round_trips_through_one_jsonl_line(record):
    """Any record that keeps the two rules the typed JSONL row rests on (Record.to_row): a target
    exactly for translated and kept records; an empty source_raw only with its offsets."""
    line = record.to_json()
    assert "\n" not in line and len(line.splitlines()) == 1
    assert Record.from_dict(json.loads(line)) == record


# --- manifest ----------------------------------------------------------------------------------


GARBAGE = [b"{}", b"[]", b"null", b"42", b"\xff\xfe", b'{"doc": 1}', b"{", b'"doc"',
           b'{"doc": "a.txt", "input": "h", "settings": "s", "outputs": ["/etc/passwd"]}']


@settings(max_examples=60, **SETTINGS)
@given(
    st.lists(st.sampled_from(["a.txt", "b.txt", "sub/c.md", "d.html"]), min_size=1, max_size=8),
    st.lists(st.tuples(st.integers(0, 8), st.sampled_from(GARBAGE)), max_size=4),
    st.integers(0, 30),
)
def test_a_damaged_manifest_keeps_every_valid_entry(tmp_path_factory, docs, garbage, torn):
    out = tmp_path_factory.mktemp("out")
    manifest = Manifest(out)
    lines = []
    for i, doc in enumerate(docs):
        entry = {"doc": doc, "input": f"h{i}", "settings": "s", "outputs": [f"{doc}.jsonl"], "counts": {"segments": i}}
        manifest.add(entry)
        lines.append((json.dumps(entry, sort_keys=True) + "\n").encode())
    expected = {json.loads(line)["doc"]: json.loads(line) for line in lines}
    for position, junk in sorted(garbage, reverse=True):
        lines.insert(min(position, len(lines)), junk + b"\n")
    last = json.dumps({"doc": "torn.txt", "input": "h", "settings": "s", "outputs": []}).encode()
    manifest.path.write_bytes(b"".join(lines) + last[:torn])
    loaded = Manifest(out)
    assert loaded.entries == expected
    assert len(loaded.warnings) == (1 if garbage else 0)
    assert Manifest(out).entries == expected and Manifest(out).warnings == []  # rewritten clean


@pytest.mark.parametrize("damage", [b"{}\n", b"[]\n", b"garbage\n"])
def test_valid_entries_after_a_damaged_line_are_kept(tmp_path, damage):
    m = Manifest(tmp_path)
    m.add({"doc": "a.txt", "input": "1", "settings": "s", "outputs": []})
    m.path.write_bytes(m.path.read_bytes() + damage)
    m.add({"doc": "b.txt", "input": "2", "settings": "s", "outputs": []})
    assert set(Manifest(tmp_path).entries) == {"a.txt", "b.txt"}
