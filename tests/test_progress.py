"""A run you can watch (issue #12): the bar moves per file, per segment inside a large batch, an
ETA only once a file is done, and a summary with counts per flag."""

from __future__ import annotations

import re
from types import SimpleNamespace

from esgtext.progress import RunProgress
from esgtext.run import RunSummary, flag_counts


def test_no_eta_before_a_file_is_done_then_the_runs_own_average():
    p = RunProgress(10, enabled=False)
    assert p.eta() is None and "eta" not in p.postfix()
    p.file_done(worked=False)  # unchanged: costs nothing, says nothing of the rate
    assert p.eta() is None
    p.file_done(segments=12)
    now = p.started + 30.0
    assert p.eta(now) == 30.0 * 8  # 30 s for one file worked on, 8 files left
    assert p.postfix(now) == "eta 04:00, 12 segments"
    p.translated(64, 200)
    assert p.postfix(now).endswith("translating 64/200 segments")
    p.translated(200, 200)
    assert "translating" not in p.postfix(now)


def test_the_bar_moves_for_each_file_as_it_is_done(tmp_path, capsys):
    from esgtext.run import translate_folder
    from esgtext.translator import Translator

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(3):
        (inbox / f"{i}.txt").write_text(f"The group cut its emissions by {i} %.\n", encoding="utf-8")
    translate_folder([inbox], tmp_path / "out", progress=True, translator=Translator.untranslated())
    err = capsys.readouterr().err
    frames = re.split(r"[\r\n]", err)
    for n in (1, 2, 3):
        assert any(f"| {n}/3 files [" in f for f in frames), err
    before_first = [f for f in frames if "| 0/3 files" in f]
    assert before_first and not any("eta" in f for f in before_first)


def test_translate_documents_reports_segments_inside_a_large_document(monkeypatch):
    from esgtext import document
    from esgtext.document import prepare_text, translate_documents

    monkeypatch.setattr(document, "TRANSLATE_CHUNK", 64)  # 256 in a run: fewer sentences here
    TRANSLATE_CHUNK = 64

    text = " ".join(f"Le groupe a réduit ses émissions de {i} % en 2023." for i in range(150))
    prepared = prepare_text(text, "big.txt")
    calls: list[tuple[int, int]] = []

    class Stub:
        def spec(self, lang):
            return object() if lang == "fr" else None

        def translate(self, texts, lang):
            assert len(texts) <= TRANSLATE_CHUNK
            return [SimpleNamespace(target=t.upper()) for t in texts]

        def translate_mixed(self, items):
            return [SimpleNamespace(target=t) for t, _ in items]

    [done] = translate_documents([prepared], Stub(), progress=lambda d, t: calls.append((d, t)))
    need = sum(1 for s in prepared.segments if s.lang == "fr")
    assert need >= 150 and len(done) == need
    assert calls[0] == (TRANSLATE_CHUNK, need) and calls[-1] == (need, need)
    assert len(calls) == -(-need // TRANSLATE_CHUNK)


def test_summary_counts_flags_and_says_1_file():
    records = [SimpleNamespace(flags=("number_mismatch", "mixed")), SimpleNamespace(flags=("repetition",)),
               SimpleNamespace(flags=("boilerplate:login",)), SimpleNamespace(flags=("model-missing:fr-en",))]
    counts = flag_counts(records)
    assert counts == {"flag:mixed": 1, "flag:number_mismatch": 1, "flag:repetition": 1}
    summary = RunSummary(files=1, processed=1)
    summary.add_counts({"segments": 3, "translated": 3, "flag:number_mismatch": 683, "flag:repetition": 1052})
    line = summary.line()
    assert line.startswith("1 file (1 processed, 0 unchanged, 0 failed), 3 segments:")
    assert "; flags: repetition 1,052, number_mismatch 683;" in line
    assert "skipped" not in line
    summary.skipped_unknown = ["in/a.xlsx", "in/b.jpg"]
    assert line != summary.line() and summary.line().endswith("; skipped 2 files of unknown kinds")
