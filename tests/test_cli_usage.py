"""Every click usage error is one line, ``esgtext: error: ... (see 'esgtext CMD --help')``, exit 2
(issue #12: click prints four lines: usage, hint, a blank line and the error)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from esgtext.cli import EXIT_OK, EXIT_USAGE, main


@pytest.mark.parametrize("args, shown", [
    (["translate", "--bogus"], "No such option '--bogus'"),
    (["bogus"], "No such command 'bogus'"),
    (["translate", "--jobs", "0", "x"], "Invalid value for '-j' / '--jobs'"),
    (["repair", "--lang", "de"], "Invalid value for '--lang'"),
    (["detect", "--json=3"], "Option '--json' does not take a value"),
    (["translate", "--glossary", "/no/such/terms.tsv", "x"], "Invalid value for '--glossary'"),
    (["models", "pull", "--bogus"], "No such option '--bogus'"),
])
def test_usage_errors_are_one_line_with_exit_code_2(args, shown):
    result = CliRunner().invoke(main, args, prog_name="esgtext")
    assert result.exit_code == EXIT_USAGE, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("esgtext: error: ") and shown in line, line
    assert line.endswith(" --help')"), line
    if args[0] in ("translate", "repair"):
        assert line.endswith(f"(see 'esgtext {args[0]} --help')"), line
    assert result.stdout == ""


def test_help_and_a_group_without_its_command_are_as_before():
    result = CliRunner().invoke(main, ["--help"], prog_name="esgtext")
    assert result.exit_code == EXIT_OK and result.stdout.startswith("Usage: esgtext")
    result = CliRunner().invoke(main, ["models"], prog_name="esgtext")  # click shows the group's help, exit 2
    assert result.exit_code == EXIT_USAGE and "Usage: esgtext models" in result.output
