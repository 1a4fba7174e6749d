"""``esgtext serve`` start-up errors: one line, the documented exit code, no server left behind."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

pytest.importorskip("starlette", reason="the serve extra is not installed (pip install 'esgtext[serve]')")
pytest.importorskip("uvicorn", reason="the serve extra is not installed (pip install 'esgtext[serve]')")

from esgtext.cli import EXIT_MODEL_MISSING, EXIT_USAGE, main  # noqa: E402


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ESGTEXT_MODELS_DIR", str(tmp_path / "no-models"))


def serve(*args):
    result = CliRunner().invoke(main, ["serve", *map(str, args)])
    assert "Traceback" not in result.output
    return result


def test_a_model_that_is_not_there_stops_the_server_with_exit_3(tmp_path):
    result = serve("--model", f"fr-en={tmp_path / 'nowhere'}")
    assert result.exit_code == EXIT_MODEL_MISSING
    assert result.stderr.count("esgtext: error:") == 1 and "not a model folder" in result.stderr


def test_a_bad_model_option_is_a_usage_error():
    result = serve("--model", "fr-en")
    assert result.exit_code == EXIT_USAGE and result.stderr.startswith("esgtext: error: --model expects")


def test_a_port_in_use_is_a_usage_error():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve("--port", port)
    assert result.exit_code == EXIT_USAGE and f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_help_names_the_endpoints_and_exit_codes():
    result = serve("--help")
    assert result.exit_code == 0
    for text in ("/translate", "/detect", "/languages", "/repair", "/process", "--api-key", "ESGTEXT_API_KEY",
                 "Exit codes"):
        assert text in result.output
