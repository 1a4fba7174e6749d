"""``esgtext translate`` through click's CliRunner: outputs, stdin, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from esgtext.cli import EXIT_MODEL_MISSING, EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, main


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))


@pytest.fixture
def inbox(tmp_path) -> Path:
    root = tmp_path / "inbox"
    (root / "sub").mkdir(parents=True)
    (root / "fr.txt").write_text("Le groupe a réduit ses émissions de 12 % en 2023.\n", encoding="utf-8")
    (root / "sub" / "en.md").write_text("# Results\n\nThe group cut its emissions.\n", encoding="utf-8")
    (root / "sub" / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64))
    return root


def run(*args, input=None):
    result = CliRunner().invoke(main, ["translate", *map(str, args)], input=input)
    assert "Traceback" not in (result.output or "")
    return result


def test_help_documents_formats_and_exit_codes():
    result = run("--help")
    assert result.exit_code == 0
    for text in ("--allow-untranslated", "--jobs", "--format", "errors.jsonl", "Exit codes", "3 "):
        assert text in result.output


def test_folder_to_all_formats_with_errors_file(inbox, tmp_path):
    out = tmp_path / "out"
    result = run(inbox, "-o", out, "--format", "jsonl,tmx,moses", "--allow-untranslated", "--no-progress")
    assert result.exit_code == EXIT_SOME_FAILED
    assert (out / "fr.txt.jsonl").is_file() and (out / "corpus" / "fr-en.tmx").is_file()
    assert not (out / "sub" / "en.md.tmx").exists()  # English only: no bilingual unit
    records = [json.loads(line) for line in (out / "fr.txt.jsonl").read_text().splitlines()]
    assert [r["status"] for r in records] == ["untranslated"]
    kept = [json.loads(line) for line in (out / "sub" / "en.md.jsonl").read_text().splitlines()]
    assert {r["status"] for r in kept} == {"kept"}
    errors = (out / ".esgtext" / "errors.jsonl").read_text().splitlines()
    assert len(errors) == 1 and json.loads(errors[0])["doc"] == "sub/photo.txt"
    stderr_lines = result.stderr.splitlines()
    assert any(line.startswith("esgtext: error: ") and "photo.txt" in line for line in stderr_lines)
    summary = stderr_lines[-1]
    assert "3 files" in summary and "1 failed" in summary and "untranslated" in summary


def test_all_good_exits_zero_and_rerun_is_a_no_op(inbox, tmp_path):
    (inbox / "sub" / "photo.txt").unlink()
    out = tmp_path / "out"
    assert run(inbox, "-o", out, "--allow-untranslated").exit_code == EXIT_OK
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    again = run(inbox, "-o", out, "--allow-untranslated")
    assert again.exit_code == EXIT_OK
    assert "(0 processed, 2 unchanged, 0 failed)" in again.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_file_given_directly_is_named_by_its_file_name(inbox, tmp_path):
    result = run(inbox / "sub" / "en.md", "-o", tmp_path / "OUT", "--allow-untranslated")
    assert result.exit_code == EXIT_OK
    assert (tmp_path / "OUT" / "en.md.jsonl").is_file()


def test_stdin_to_stdout():
    result = run("-", "--allow-untranslated", "-q",
                 input="Le rapport est publié.\n\nThe board approved the new water policy.\n")
    assert result.exit_code == EXIT_OK
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc"] for r in records] == ["-", "-"]
    assert [r["status"] for r in records] == ["untranslated", "kept"]


def test_stdin_binary_is_a_failure_not_a_traceback():
    result = CliRunner().invoke(main, ["translate", "-", "--allow-untranslated"], input=b"\x00\x01\x02PK\x03\x04")
    assert result.exit_code == EXIT_SOME_FAILED
    assert result.stderr.strip().splitlines()[-1].startswith("esgtext: error: -: ")


@pytest.mark.parametrize(
    "args",
    [
        ["inbox"],  # no -o
        ["inbox", "-o", "out", "--format", "docx"],
        ["missing-folder", "-o", "out", "--allow-untranslated"],
        ["-", "--format", "tmx"],
        ["inbox", "-o", "out", "--model", "fr-en"],
        ["inbox", "-o", "out", "--jobs", "0"],
        [],
    ],
)
def test_usage_errors_exit_2_with_one_line(args, inbox, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == EXIT_USAGE
    assert not (tmp_path / "out").exists()


def test_missing_model_exits_3_before_any_work(inbox, tmp_path):
    result = run(inbox, "-o", tmp_path / "out")
    assert result.exit_code == EXIT_MODEL_MISSING
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "esgtext models pull" in lines[0]
    assert not (tmp_path / "out").exists()


def test_importing_the_command_does_not_import_torch():
    code = ("import sys, esgtext.cli.translate, esgtext.pipeline, esgtext.records; "
            "assert 'torch' not in sys.modules and 'transformers' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_exclude_skips_matching_paths(inbox, tmp_path):
    out = tmp_path / "out"
    result = run(inbox, "-o", out, "--allow-untranslated", "--exclude", "sub/*")
    assert result.exit_code == EXIT_OK
    assert (out / "fr.txt.jsonl").is_file() and not (out / "sub").exists()


def test_bad_glossary_is_a_usage_error_before_any_work(inbox, tmp_path):
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("EcoVadis\n\t\tno term\n", encoding="utf-8")
    result = run(inbox, "-o", tmp_path / "out", "--allow-untranslated", "--glossary", glossary)
    assert result.exit_code == EXIT_USAGE
    assert result.stderr.strip().endswith("terms.tsv:2: empty term")
    assert not (tmp_path / "out").exists()


def test_a_second_run_on_a_held_output_folder_exits_2_naming_the_holder_or_waits(inbox, tmp_path):
    import os
    import threading
    import time

    from esgtext.store import hold_output

    out = tmp_path / "out"
    out.mkdir()
    held, release = threading.Event(), threading.Event()

    def holder():
        with hold_output(out):
            held.set()
            release.wait(30)

    thread = threading.Thread(target=holder)
    thread.start()
    try:
        assert held.wait(10)
        result = run(inbox, "-o", out, "--allow-untranslated")
        assert result.exit_code == EXIT_USAGE
        [line] = [x for x in result.stderr.splitlines() if "no model for" not in x]  # after the model warnings
        assert "in use by another esgtext run" in line and f"pid {os.getpid()} on " in line and "--wait" in line
        assert not (out / "fr.txt.jsonl").exists() and not (out / ".esgtext" / "manifest.jsonl").exists()
        threading.Timer(1.0, release.set).start()
        started = time.monotonic()
        waited = run(inbox, "-o", out, "--allow-untranslated", "--wait", "-q")
        assert waited.exit_code == EXIT_SOME_FAILED and time.monotonic() - started >= 0.9
    finally:
        release.set()
        thread.join()
    manifest = (out / ".esgtext" / "manifest.jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["doc"] for line in manifest) == ["fr.txt", "sub/en.md"]  # each once
    assert not (out / ".esgtext" / "run.holder").exists()
    again = run(inbox, "-o", out, "--allow-untranslated", "-q")  # free again
    assert again.exit_code == EXIT_SOME_FAILED
