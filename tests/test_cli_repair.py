"""``esgtext repair`` through click's CliRunner, plus one real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from esgtext.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, main

MOJIBAKE = "La photo montre la mÃ©daille dâ€™or &amp; le trophée.\nLigne deux.\n"
FIXED = "La photo montre la médaille d’or & le trophée.\nLigne deux.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, input: bytes | None = None):
    result = runner.invoke(main, ["repair", *args], input=input, catch_exceptions=False)
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    return result


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    root = tmp_path / "inbox"
    (root / "fr" / "legacy").mkdir(parents=True)
    (root / "en").mkdir()
    (root / "en" / "mojibake.txt").write_text(MOJIBAKE, encoding="utf-8")
    (root / "fr" / "legacy" / "cp1252.txt").write_bytes("Communiqué : la coopérative réduit ses émissions.".encode("cp1252"))
    (root / "en" / "notes.md").write_text("# Title\n\nHealth &amp; Safety\n", encoding="utf-8")
    (root / "en" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not .txt/.md: not read
    return root


def test_single_file_to_stdout(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(MOJIBAKE, encoding="utf-8")
    result = invoke(runner, str(path), "--lang", "en")
    assert result.exit_code == EXIT_OK
    assert result.stdout == FIXED and result.stderr == ""


def test_single_file_to_output_file(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(MOJIBAKE.replace("\n", "\r\n").encode("utf-8"))
    out = tmp_path / "sub" / "fixed.txt"
    result = invoke(runner, str(path), "-o", str(out), "--lang", "en")
    assert result.exit_code == EXIT_OK and result.stdout == ""
    assert out.read_bytes() == FIXED.replace("\n", "\r\n").encode("utf-8")


def test_stdin_with_dash_and_without_path(runner):
    for args in (["-"], []):
        result = invoke(runner, *args, "--lang", "en", input=MOJIBAKE.encode("utf-8"))
        assert result.exit_code == EXIT_OK and result.stdout == FIXED


def test_directory_is_mirrored_recursively(runner, inbox, tmp_path):
    out = tmp_path / "out"
    result = invoke(runner, str(inbox), "-o", str(out), "--lang", "en")
    assert result.exit_code == EXIT_OK, result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["en/mojibake.txt", "en/notes.md", "fr/legacy/cp1252.txt"]
    assert (out / "en" / "mojibake.txt").read_text(encoding="utf-8") == FIXED
    assert (out / "fr" / "legacy" / "cp1252.txt").read_text(encoding="utf-8") == (
        "Communiqué : la coopérative réduit ses émissions."
    )
    assert (out / "en" / "notes.md").read_text(encoding="utf-8") == "# Title\n\nHealth & Safety\n"


def test_output_inside_the_input_directory_is_not_read_back(runner, inbox):
    out = inbox / "out"
    assert invoke(runner, str(inbox), "-o", str(out)).exit_code == EXIT_OK
    assert invoke(runner, str(inbox), "-o", str(out)).exit_code == EXIT_OK
    assert not (out / "out").exists()


def test_json_output(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(MOJIBAKE.encode("utf-8"))
    result = invoke(runner, str(path), "--json", "--lang", "en")
    record = json.loads(result.stdout)
    assert record["path"] == str(path) and record["encoding"] == "utf-8"
    assert record["text"] == FIXED
    first = record["edits"][0]
    assert (first["kind"], first["before"], first["after"], first["line"], first["col"]) == (
        "mojibake",
        "mÃ©daille",
        "médaille",
        1,
        20,
    )
    assert {"start", "end", "confidence", "reason"} <= set(first)


def test_json_one_object_per_input(runner, inbox):
    result = invoke(runner, str(inbox / "en" / "mojibake.txt"), str(inbox / "en" / "notes.md"), "--json")
    lines = result.stdout.splitlines()
    assert [json.loads(line)["path"] for line in lines] == [
        str(inbox / "en" / "mojibake.txt"),
        str(inbox / "en" / "notes.md"),
    ]


def test_explain_prints_each_edit_with_its_position(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("ok\n" + MOJIBAKE, encoding="utf-8")
    result = invoke(runner, str(path), "--explain", "--lang", "en")
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{path}:2:20  mÃ©daille → médaille  (mojibake, 1.00: ")
    assert lines[1].startswith(f"{path}:2:30  dâ€™or → d’or  (mojibake, 1.00: ")
    assert lines[2] == f"{path}:2:37  &amp; → &  (html_entity, 1.00: HTML entity written out as text)"
    assert result.stdout == "ok\n" + FIXED


def test_missing_file_is_a_usage_error_but_others_are_processed(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(MOJIBAKE, encoding="utf-8")
    result = invoke(runner, str(tmp_path / "missing.txt"), str(path), "--lang", "en")
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == f"esgtext: error: {tmp_path / 'missing.txt'}: no such file or directory\n"
    assert result.stdout == FIXED


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file: looks like a PNG image, not text"),
        (b"PK\x03\x04\x14\x00\x08\x00", "binary file: looks like a zip archive (or .docx/.xlsx), not text"),
        (b"abc\x00def\x00", "binary file: contains NUL bytes, not text"),
    ],
)
def test_binary_file_fails_alone_with_one_line(runner, tmp_path, data, reason):
    bad = tmp_path / "renamed.txt"
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(MOJIBAKE, encoding="utf-8")
    result = invoke(runner, str(bad), str(good), "--lang", "en")
    assert result.exit_code == EXIT_SOME_FAILED
    assert result.stderr == f"esgtext: error: {bad}: {reason}\n"
    assert result.stdout == f"==> {good} <==\n" + FIXED  # several inputs: each after its name


def test_a_folder_to_stdout_separates_files_as_segment_does(runner, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("First file.", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("Second file.\n", encoding="utf-8")
    result = invoke(runner, str(tmp_path / "in"), "--lang", "en")
    assert result.exit_code == EXIT_OK
    a, b = tmp_path / "in" / "a.txt", tmp_path / "in" / "b.txt"
    assert result.stdout == f"==> {a} <==\nFirst file.\n\n==> {b} <==\nSecond file.\n"
    one = invoke(runner, str(a), "--lang", "en")  # one input: its text alone, byte for byte
    assert one.stdout == "First file."


def test_help_lists_the_edit_kinds_and_only_the_exit_codes_of_repair(runner):
    result = runner.invoke(main, ["repair", "--help"])
    assert result.exit_code == EXIT_OK
    for kind in ("inserted_word", "no_break_space", "sentence_space", "deleted_apostrophe"):
        assert kind in result.output
    assert "errors.jsonl" not in result.output and "\n  3 " not in result.output


def test_unreadable_file_is_reported(runner, tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = invoke(runner, str(path))
    assert result.exit_code == EXIT_SOME_FAILED
    assert result.stderr == f"esgtext: error: {path}: Permission denied\n"


def test_broken_utf8_warns_and_succeeds(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Le trophée a été remis à l’équipe".encode("utf-8") + b"\xff")
    result = invoke(runner, str(path), "--lang", "en")
    assert result.exit_code == EXIT_OK
    assert result.stderr.startswith(f"esgtext: warning: {path}: replaced 1 undecodable byte(s)")
    assert result.stdout == "Le trophée a été remis à l’équipe\ufffd"


def test_empty_file_gives_empty_output(runner, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = invoke(runner, str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (EXIT_OK, "", "")


def test_bad_option_is_a_usage_error(runner):
    result = runner.invoke(main, ["repair", "--lang", "de", "-"], input=b"x")
    assert result.exit_code == EXIT_USAGE


def test_help_explains_damage_and_exit_codes(runner):
    result = invoke(runner, "--help")
    assert result.exit_code == EXIT_OK
    for needle in ("mojibake", "deleted_accent", "question_mark", "Exit codes:", "2    usage error", "Examples:"):
        assert needle in result.stdout


def test_real_subprocess(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("C?te d'Ivoire : la mÃ©daille".encode("utf-8"))
    exe = Path(sys.executable).with_name("esgtext")
    command = [str(exe)] if exe.exists() else [sys.executable, "-c", "from esgtext.cli import main; main()"]
    done = subprocess.run([*command, "repair", str(path), "--lang", "en"], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == "Côte d'Ivoire : la médaille"
    missing = subprocess.run([*command, "repair", str(tmp_path / "nope.txt")], capture_output=True, timeout=60)
    assert missing.returncode == EXIT_USAGE
    assert missing.stderr.decode() == f"esgtext: error: {tmp_path / 'nope.txt'}: no such file or directory\n"


def test_output_must_be_a_directory_for_several_inputs(runner, inbox, tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("", encoding="utf-8")
    result = invoke(runner, str(inbox), "-o", str(out))
    assert result.exit_code == EXIT_USAGE
    assert result.stderr.startswith(f"esgtext: error: {out}: is a file")


def test_single_file_into_an_existing_directory(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(MOJIBAKE, encoding="utf-8")
    (tmp_path / "out").mkdir()
    assert invoke(runner, str(path), "-o", str(tmp_path / "out"), "--lang", "en").exit_code == EXIT_OK
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == FIXED


def test_an_unexpected_failure_is_one_line_and_others_continue(runner, tmp_path, monkeypatch):
    import esgtext.repair

    real = esgtext.repair.repair_bytes

    def flaky(data, **kwargs):
        if data.startswith(b"boom"):
            raise RuntimeError("simulated bug\nsecond line")
        return real(data, **kwargs)

    monkeypatch.setattr(esgtext.repair, "repair_bytes", flaky)
    (tmp_path / "a.txt").write_bytes(b"boom")
    (tmp_path / "b.txt").write_text(MOJIBAKE, encoding="utf-8")
    result = invoke(runner, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--lang", "en")
    assert result.exit_code == EXIT_SOME_FAILED
    assert result.stderr == f"esgtext: error: {tmp_path / 'a.txt'}: internal error: RuntimeError: simulated bug\n"
    assert result.stdout == f"==> {tmp_path / 'b.txt'} <==\n" + FIXED


def test_files_of_unknown_kinds_in_a_folder_are_counted_not_silently_skipped(tmp_path):
    from esgtext.cli import main

    (tmp_path / "a.txt").write_text("La mdaille a t reconnue.\n", encoding="utf-8")
    (tmp_path / "b.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "c.jpg").write_bytes(b"\xff\xd8\xff")
    for command in ("repair", "detect", "segment"):
        result = CliRunner().invoke(main, [command, str(tmp_path)])
        assert result.exit_code == 0, (command, result.output)
        assert "skipped 2 files of unknown kinds" in result.stderr, (command, result.stderr)
        assert "b.xlsx" in result.stderr and "c.jpg" in result.stderr
