"""`esgtext detect` and `esgtext segment` through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from esgtext.cli import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, main

ENGLISH = (
    "Cases on Green Development of CCCME Members\n\n"
    "Publish Time:2024-02-23 00:00:00 Source:中国机电产品进出口商会\n\n"
    "At present, it has become a global consensus to address climate change. "
    "Dr. Smith of Apple Inc. agreed.\n"
)
FRENCH = (
    "La photo montre la médaille du cas gagnant\n\n"
    "Le Groupe Chery a livré 1 233 000 unités, soit 67,7 % de plus. M. Dupont est content.\n"
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def files(tmp_path):
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    return tmp_path


def test_commands_are_registered(runner):
    result = runner.invoke(main, ["--help"])
    assert "detect" in result.output and "segment" in result.output
    for command in ("detect", "segment"):
        help_text = runner.invoke(main, [command, "--help"]).output
        assert "Exit codes" in help_text and "Examples" in help_text


def test_detect_plain(runner, files):
    result = runner.invoke(main, ["detect", str(files / "en.txt"), str(files / "fr.txt")])
    assert result.exit_code == EXIT_OK
    lines = result.output.splitlines()
    assert lines[0].split("\t")[1:2] == ["en"] and float(lines[0].split("\t")[2]) > 0.9
    start = ENGLISH.index("中国")
    assert lines[1] == f'  {start}-{start + 11}\tzh\t"中国机电产品进出口商会"'
    assert lines[2].split("\t")[1] == "fr"


def test_detect_json_offsets_match_the_file_without_repair(runner, files):
    result = runner.invoke(main, ["detect", "--json", "--no-repair", str(files / "en.txt")])
    assert result.exit_code == EXIT_OK
    record = json.loads(result.output)
    assert record["lang"] == "en" and record["path"].endswith("en.txt")
    [span] = record["other_spans"]
    assert ENGLISH[span["start"] : span["end"]] == span["text"] == "中国机电产品进出口商会"


def test_detect_stdin_and_folder(runner, files):
    result = runner.invoke(main, ["detect", "-"], input=FRENCH.encode("cp1252"))
    assert result.exit_code == EXIT_OK and result.output.startswith("-\tfr\t")
    result = runner.invoke(main, ["detect", str(files)])
    assert result.exit_code == EXIT_OK
    assert [line.split("\t")[1] for line in result.output.splitlines() if not line.startswith(" ")] == [
        "en",
        "fr",
    ]


def test_segment_plain_and_json(runner, files):
    result = runner.invoke(main, ["segment", str(files / "fr.txt"), "--lang", "fr"])
    assert result.exit_code == EXIT_OK
    assert result.output.splitlines() == [
        "0\tLa photo montre la médaille du cas gagnant",
        "1\tLe Groupe Chery a livré 1 233 000 unités, soit 67,7 % de plus.",
        "1\tM. Dupont est content.",
    ]
    result = runner.invoke(main, ["segment", "--json", "--no-repair", str(files / "en.txt")])
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["paragraph"] for r in records] == [0, 1, 2, 2]
    assert all(ENGLISH[r["start"] : r["end"]] == r["text"] for r in records)
    assert records[-1]["text"] == "Dr. Smith of Apple Inc. agreed."


def test_segment_several_files_get_headers(runner, files):
    result = runner.invoke(main, ["segment", str(files / "en.txt"), str(files / "fr.txt")])
    assert result.exit_code == EXIT_OK
    assert result.output.count("==> ") == 2


@pytest.mark.parametrize("command", ["detect", "segment"])
def test_missing_file_is_a_one_line_usage_error(runner, files, command):
    result = runner.invoke(main, [command, str(files / "nope.txt"), str(files / "en.txt")])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr.strip().splitlines() == [f"esgtext: error: {files / 'nope.txt'}: no such file or directory"]
    assert "Traceback" not in result.output + result.stderr
    assert "en.txt" in result.output or "Cases on Green" in result.output  # the other input still ran


@pytest.mark.parametrize("command", ["detect", "segment"])
def test_binary_input_fails_with_one_line(runner, tmp_path, command):
    (tmp_path / "bin.txt").write_bytes(b"PK\x03\x04\x00\x00\x00\x00\x08\x00" * 20)
    result = runner.invoke(main, [command, str(tmp_path / "bin.txt")])
    assert result.exit_code == EXIT_SOME_FAILED
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(f"esgtext: error: {tmp_path / 'bin.txt'}: ")


def test_bad_option_is_a_usage_error(runner, files):
    result = runner.invoke(main, ["segment", "--lang", "xx", str(files / "en.txt")])
    assert result.exit_code == EXIT_USAGE
