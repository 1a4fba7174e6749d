"""Issue #15's reproducers in the pipeline and the commands: linear record building, edits that
rebuild every record, special files, Ctrl-C, a damaged manifest, symlinks, hub ids and the network
(the repair-level ones are in test_repair_reliability.py)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from esgtext.cli import EXIT_INTERRUPTED, EXIT_MODEL_MISSING, EXIT_OK, EXIT_SOME_FAILED, main
from esgtext.pipeline import Manifest, Translator, _OffsetMap, process_document, translate_folder
from esgtext.repair.edits import Edit, EditsMismatch, apply_edits

FRENCH = "Le groupe a publié son rapport climat. Les émissions ont baissé de 12 %.\n"
ENGLISH = "The board approved the new water policy. It applies to every site.\n"
CHINESE = "公司的碳排放量下降了百分之十二。我们致力于可持续发展，一起建设绿色工厂！"


@pytest.fixture(autouse=True)
def _no_models(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))


@contextlib.contextmanager
def deadline(seconds: int):
    """Fail (instead of hanging the suite) when the block takes longer than ``seconds``."""

    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: it hangs")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def cli(*args, input=None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    assert "Traceback" not in (result.output or ""), result.output
    return result


# --- 1. linear time per document ---------------------------------------------------------------


def test_edits_of_a_segment_are_found_by_bisection_not_by_a_scan():
    """50,000 edits and 50,000 segments: a scan of every edit per segment is 2.5e9 steps
    (minutes); bisection takes a fraction of a second."""
    n = 50_000
    raw = "ab " * n
    edits = [Edit("k", 3 * i, 3 * i + 2, "ab", "abc") for i in range(n)]
    offsets = _OffsetMap(edits)
    started = time.process_time()
    found = [offsets.touching(3 * i, 3 * i + 2) for i in range(n)]
    assert time.process_time() - started < 5.0
    assert all(len(f) == 1 and f[0].start == 3 * i for i, f in enumerate(found))
    assert apply_edits(raw, edits).count("abc") == n


def test_edits_of_a_segment_include_insertions_at_its_borders():
    edits = [Edit("k", 0, 0, "", "À "), Edit("k", 3, 5, "ab", "x"), Edit("k", 9, 9, "", "!"),
             Edit("k", 10, 12, "cd", "y")]
    m = _OffsetMap(edits)
    assert [e.start for e in m.touching(0, 9)] == [0, 3, 9]
    assert [e.start for e in m.touching(9, 10)] == [9]
    assert [e.start for e in m.touching(5, 9)] == [9]
    assert m.touching(6, 8) == []


# --- 4. edits always rebuild the output --------------------------------------------------------


def test_a_control_character_keeps_source_raw_in_every_record():
    lines = [f"La socit a publi son rapport {i}. Les missions ont \x0bbaiss de {i} %." for i in range(6)]
    raw = "\n\n".join(lines) + "\n\nThe end is \x1cnear for coal.\n"
    doc = process_document(raw, "x.txt", translator=Translator.untranslated())
    assert doc.records
    for r in doc.records:
        assert r.source_raw is not None and r.source_raw == raw[r.raw_start:r.raw_end]
        assert apply_edits(r.source_raw, [Edit(**{**e, "start": e["start"] - r.raw_start,
                                                   "end": e["end"] - r.raw_start})
                                           for e in r.edits]) == r.source
    assert any(e["kind"].startswith("control_char") for r in doc.records for e in r.edits)


def test_records_are_never_built_from_edits_that_do_not_rebuild(monkeypatch):
    import esgtext.repair as repair

    real = repair.repair_text

    def broken(text, *a, **k):
        result = real(text, *a, **k)
        return type(result)(result.text + "!", result.edits, result.lang, original=text)

    monkeypatch.setattr(repair, "repair_text", broken)
    with pytest.raises(EditsMismatch):
        process_document("The board approved it.", "x.txt", translator=Translator.untranslated())


# --- 2. special files --------------------------------------------------------------------------


@pytest.fixture
def fifo_inbox(tmp_path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ENGLISH, encoding="utf-8")
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "z.txt").write_text(FRENCH, encoding="utf-8")
    return inbox


@pytest.mark.parametrize("command", ["repair", "detect", "segment"])
def test_a_fifo_is_refused_in_one_line_and_the_rest_goes_on(command, fifo_inbox, tmp_path):
    args = [command, fifo_inbox / "a.txt", fifo_inbox / "pipe.txt", fifo_inbox / "z.txt"]
    with deadline(60):
        result = cli(*args)
        folder = cli(command, fifo_inbox, *(["-o", tmp_path / "fixed"] if command == "repair" else []))
    for r in (result, folder):
        assert r.exit_code == EXIT_SOME_FAILED
        errors = [line for line in r.stderr.splitlines() if line.startswith("esgtext: error:")]
        assert len(errors) == 1 and "pipe.txt" in errors[0] and "named pipe (FIFO)" in errors[0]
    assert ("board" if command != "detect" else "a.txt") in result.stdout
    if command == "repair":
        assert (tmp_path / "fixed" / "z.txt").is_file() and not (tmp_path / "fixed" / "pipe.txt").exists()


def test_translate_refuses_a_fifo_given_or_found_and_writes_the_rest(fifo_inbox, tmp_path):
    with deadline(60):
        direct = cli("translate", fifo_inbox / "pipe.txt", "-o", tmp_path / "o1", "--allow-untranslated")
        folder = cli("translate", fifo_inbox, "-o", tmp_path / "o2", "--allow-untranslated")
    assert direct.exit_code == EXIT_SOME_FAILED
    assert "no such file" not in direct.stderr and "named pipe (FIFO)" in direct.stderr
    assert folder.exit_code == EXIT_SOME_FAILED
    assert (tmp_path / "o2" / "a.txt.jsonl").is_file() and (tmp_path / "o2" / "z.txt.jsonl").is_file()
    [error] = [json.loads(line) for line in (tmp_path / "o2" / ".esgtext" / "errors.jsonl").read_text().splitlines()]
    assert error["doc"] == "pipe.txt" and error["error"] == "special-file"


def test_a_device_is_refused_without_reading_it(tmp_path):
    with deadline(30):
        result = cli("repair", "/dev/zero")
    assert result.exit_code == EXIT_SOME_FAILED and "character device" in result.stderr


# --- 3. Ctrl-C ---------------------------------------------------------------------------------


from test_repair_reliability import GERMAN, fresh_langdetect, interrupt_profile_loading  # noqa: E402,F401


def test_ctrl_c_during_a_translate_run_exits_130_with_the_documented_line(fresh_langdetect, monkeypatch, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (inbox / "b.txt").write_text(GERMAN, encoding="utf-8")
    (inbox / "c.txt").write_text(ENGLISH, encoding="utf-8")
    interrupt_profile_loading(monkeypatch)
    result = cli("translate", inbox, "-o", tmp_path / "out", "--allow-untranslated")
    assert result.exit_code == EXIT_INTERRUPTED
    assert result.stderr.strip().splitlines()[-1] == (
        "esgtext: interrupted (finished files are kept; run again to complete)")
    errors = tmp_path / "out" / ".esgtext" / "errors.jsonl"
    assert not errors.exists() or "internal" not in errors.read_text()


def test_an_interrupt_wrapped_by_a_library_still_stops_the_run(monkeypatch, tmp_path):
    import esgtext.document as document

    def swallowing(data, rel, html=None, repair=None):
        try:
            raise KeyboardInterrupt
        except BaseException:
            raise RuntimeError("Profile format error") from None  # what a bare except: does

    monkeypatch.setattr(document, "prepare_bytes", swallowing)
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    result = cli("translate", tmp_path / "a.txt", "-o", tmp_path / "out", "--allow-untranslated")
    assert result.exit_code == EXIT_INTERRUPTED

    import esgtext.repair as repair

    monkeypatch.setattr(repair, "repair_bytes", lambda *a, **k: swallowing(b"", ""))
    assert cli("repair", tmp_path / "a.txt").exit_code == EXIT_INTERRUPTED


# --- 8. a damaged manifest ---------------------------------------------------------------------


@pytest.fixture
def done_run(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(4):
        (inbox / f"d{i}.txt").write_text(f"{ENGLISH}Number {i}.\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = translate_folder([inbox], out, translator=Translator.untranslated())
    assert summary.processed == 4
    return inbox, out, out / ".esgtext" / "manifest.jsonl"


@pytest.mark.parametrize("garbage", [b"{}", b"[]", b"null", b"not json at all", b'{"doc": 3}',
                                     b'{"doc": "d9.txt", "input": "x", "settings": "y", "outputs": ["../../etc/passwd"]}'])
def test_a_damaged_manifest_line_is_skipped_with_one_warning(done_run, garbage):
    inbox, out, manifest = done_run
    lines = manifest.read_bytes().splitlines(keepends=True)
    manifest.write_bytes(b"".join(lines[:2]) + garbage + b"\n" + b"".join(lines[2:]))
    summary = translate_folder([inbox], out, translator=Translator.untranslated())
    assert summary.skipped == 4 and summary.processed == 0  # the entries after it still count
    assert len(summary.warnings) == 1 and "skipped 1 damaged line" in summary.warnings[0]
    again = translate_folder([inbox], out, translator=Translator.untranslated())
    assert again.warnings == [] and again.skipped == 4  # the file was rewritten without it


def test_a_damaged_manifest_in_the_cli_is_one_warning_line_not_a_traceback(done_run):
    inbox, out, manifest = done_run
    manifest.write_bytes(manifest.read_bytes() + b"{}\n[]\n")
    result = cli("translate", inbox, "-o", out, "--allow-untranslated")
    assert result.exit_code == EXIT_OK
    warnings = [line for line in result.stderr.splitlines() if "manifest" in line]
    assert len(warnings) == 1 and warnings[0].startswith("esgtext: warning:") and "2 damaged lines" in warnings[0]


def test_a_torn_last_line_hides_nothing_and_the_next_entry_starts_on_its_own_line(done_run):
    inbox, out, manifest = done_run
    manifest.write_bytes(manifest.read_bytes() + b'{"doc": "d1.txt", "inp')
    m = Manifest(out)
    assert len(m.entries) == 4 and m.warnings == []
    assert manifest.read_bytes().endswith(b"\n")
    manifest.write_bytes(manifest.read_bytes() + b'{"doc": "cut')  # torn again, then appended to
    m.add({"doc": "new.txt", "input": "i", "settings": "s", "outputs": [], "counts": {}})
    assert set(Manifest(out).entries) == {"d0.txt", "d1.txt", "d2.txt", "d3.txt", "new.txt"}


# --- 10. symlinks, hub ids and the network -----------------------------------------------------


@pytest.fixture
def leaky_inbox(tmp_path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET merger terms.\n", encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ok.txt").write_text(ENGLISH, encoding="utf-8")
    (inbox / "leak.txt").symlink_to(secret)
    (inbox / "alias.txt").symlink_to(inbox / "ok.txt")  # inside the folder: fine
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "more.txt").write_text("TOP SECRET too.\n", encoding="utf-8")
    (inbox / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    return inbox


def test_translate_skips_and_counts_symlinks_out_of_the_folder(leaky_inbox, tmp_path):
    out = tmp_path / "out"
    result = cli("translate", leaky_inbox, "-o", out, "--allow-untranslated")
    assert result.exit_code == EXIT_OK
    written = "".join(p.read_text() for p in out.rglob("*.jsonl"))
    assert "SECRET" not in written and (out / "alias.txt.jsonl").is_file()
    assert "2 symlinks out of the input folder skipped" in result.stderr.splitlines()[-1]
    assert sum("--follow-symlinks" in line for line in result.stderr.splitlines()) == 2
    followed = cli("translate", leaky_inbox, "-o", tmp_path / "out2", "--allow-untranslated", "--follow-symlinks")
    assert followed.exit_code == EXIT_OK and (tmp_path / "out2" / "leak.txt.jsonl").is_file()
    assert (tmp_path / "out2" / "linked" / "more.txt.jsonl").is_file()


@pytest.mark.parametrize("command", ["repair", "detect", "segment"])
def test_other_commands_skip_symlinks_out_of_the_folder(command, leaky_inbox):
    result = cli(command, leaky_inbox)
    assert result.exit_code == EXIT_OK and "SECRET" not in result.stdout
    assert "leak.txt: symlink to outside" in result.stderr
    followed = cli(command, leaky_inbox, "--follow-symlinks")
    assert "SECRET" in followed.stdout or command == "detect"


def test_repair_never_writes_through_a_symlink_in_its_output(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "a.txt").write_text("Health &amp; Safety\n", encoding="utf-8")
    (inbox / "sub" / "b.txt").write_text("Water &amp; Soil\n", encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "fixed"
    out.mkdir()
    (out / "a.txt").symlink_to(victim)
    (out / "sub").symlink_to(outside, target_is_directory=True)
    result = cli("repair", inbox, "-o", out)
    assert result.exit_code == EXIT_SOME_FAILED
    assert victim.read_text() == "precious\n" and list(outside.iterdir()) == []
    assert sum(line.startswith("esgtext: error:") and "symlink" in line
               for line in result.stderr.splitlines()) == 2
    single = tmp_path / "single.txt"
    single.symlink_to(victim)
    assert cli("repair", inbox / "a.txt", "-o", single).exit_code == EXIT_SOME_FAILED
    assert victim.read_text() == "precious\n"


def test_translate_never_writes_through_a_symlinked_folder_in_its_output(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (inbox / "sub" / "b.txt").write_text(ENGLISH, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(outside, target_is_directory=True)
    result = cli("translate", inbox, "-o", out, "--allow-untranslated")
    assert result.exit_code == EXIT_SOME_FAILED and list(outside.iterdir()) == []
    assert (out / "a.txt.jsonl").is_file()
    [error] = [json.loads(line) for line in (out / ".esgtext" / "errors.jsonl").read_text().splitlines()]
    assert error["doc"] == "sub/b.txt" and error["error"] == "output" and "symlink" in error["reason"]


def fake_checkpoint(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("config.json", "model.safetensors", "source.spm", "target.spm", "vocab.json"):
        (folder / name).write_text("{}", encoding="utf-8")
    return folder


def test_a_hub_id_is_never_resolved_against_the_current_directory(tmp_path, monkeypatch):
    from esgtext.translate import ModelNotAvailable, resolve_model

    monkeypatch.chdir(tmp_path)
    decoy = fake_checkpoint(tmp_path / "Helsinki-NLP" / "opus-mt-fr-en")
    spec = resolve_model("fr-en", {"fr-en": "Helsinki-NLP/opus-mt-fr-en"}, check_hub=False)
    assert spec.local_path is None and spec.model_id == "Helsinki-NLP/opus-mt-fr-en"
    with pytest.raises(ModelNotAvailable, match=r"write \./Helsinki-NLP/opus-mt-fr-en"):
        Translator(models={"fr-en": "Helsinki-NLP/opus-mt-fr-en"}, pairs=["fr-en"])
    local = resolve_model("fr-en", {"fr-en": "./Helsinki-NLP/opus-mt-fr-en"}, check_hub=False)
    assert local.local_path == decoy.resolve()


@pytest.fixture
def socket_guard(monkeypatch):
    """Every connection attempt or name look-up is recorded and refused."""
    attempts: list[str] = []

    def refuse(what):
        def guarded(*args, **kwargs):
            attempts.append(f"{what}{args[1:2] if what.startswith('socket.') else args[:1]}")
            raise OSError(f"network use in a test: {what}")

        return guarded

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    return attempts


def test_the_socket_guard_sees_a_hub_probe(socket_guard, monkeypatch):
    from esgtext.translate import ModelNotAvailable, resolve_model

    monkeypatch.delenv("HF_HUB_OFFLINE")
    with pytest.raises(ModelNotAvailable):
        resolve_model("fr-en")  # the library's resolve_model asks the Hub by default
    assert socket_guard


def test_no_command_touches_the_network_unless_asked(socket_guard, monkeypatch, tmp_path):
    monkeypatch.delenv("HF_HUB_OFFLINE")
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (inbox / "zh.txt").write_text(CHINESE, encoding="utf-8")
    (inbox / "page.html").write_text(f"<html><body><article><p>{FRENCH}</p></article></body></html>",
                                     encoding="utf-8")
    result = cli("translate", inbox, "-o", tmp_path / "out", "--allow-untranslated")
    assert result.exit_code == EXIT_OK and (tmp_path / "out" / "zh.txt.jsonl").is_file()
    for command in ("repair", "detect", "segment"):
        assert cli(command, inbox).exit_code == EXIT_OK
    missing = cli("translate", inbox, "-o", tmp_path / "out3")
    assert missing.exit_code == EXIT_MODEL_MISSING and "--download" in missing.stderr
    assert socket_guard == []
