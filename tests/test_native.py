"""The compiled French decoder (mypyc, see setup.py): the same edits as its source, never stale."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import esgtext.repair.french as french
from esgtext.damage import delete_accents, question_mark_accents, strip_accents
from esgtext.repair import _source_needed, french_decoder, load_french_source

REPO = Path(__file__).resolve().parents[1]
COMPILED = not french.__file__.endswith(".py")
needs_compiled = pytest.mark.skipif(
    not COMPILED, reason=f"the French decoder in this process is {french_decoder()}")


def _damaged_variants(text: str) -> list[str]:
    return [
        text,
        delete_accents(text),
        delete_accents(text.replace("'", "\u2019"), apostrophes=True),
        strip_accents(text),
        question_mark_accents(text),
    ]


def _assert_same_edits(texts: list[str]) -> int:
    source = load_french_source("esgtext_french_source_compare")
    assert source.__file__.endswith("french.py")
    edits = 0
    for text in texts:
        compiled_edits = french.restore_french(text)
        assert compiled_edits == source.restore_french(text), text[:80]
        edits += len(compiled_edits)
    return edits


@needs_compiled
def test_compiled_decoder_gives_the_same_edits_as_its_source_on_the_corpus():
    references = sorted((REPO / "corpus" / "reference").glob("fr-*.txt"))
    assert references
    texts = [v for path in references for v in _damaged_variants(path.read_text(encoding="utf-8"))]
    assert _assert_same_edits(texts) > 100  # the damaged variants were really repaired


@needs_compiled
@pytest.mark.shared
def test_compiled_decoder_gives_the_same_edits_as_its_source_on_flores(flores):
    lines = flores["fr"][:400]
    documents = ["\n".join(lines[i:i + 8]) for i in range(0, len(lines), 8)]
    texts = [v for document in documents for v in _damaged_variants(document)]
    assert _assert_same_edits(texts) > 1000


def test_an_edited_french_py_is_used_instead_of_a_stale_build(tmp_path):
    compiled = tmp_path / "french.cpython-311-x86_64-linux-gnu.so"
    compiled.write_bytes(b"")
    source = tmp_path / "french.py"
    source.write_text("X = 1\n")
    digest = tmp_path / "french.source-sha256"
    # no digest written by the build: not trusted
    assert "changed since it was compiled" in _source_needed(compiled, {})
    digest.write_text(hashlib.sha256(source.read_bytes()).hexdigest() + "\n")
    assert _source_needed(compiled, {}) is None
    assert "ESGTEXT_PURE_PYTHON" in _source_needed(compiled, {"ESGTEXT_PURE_PYTHON": "1"})
    source.write_text("X = 2\n")  # edited after the build
    assert "changed since it was compiled" in _source_needed(compiled, {})
    source.unlink()  # a build without its source: the build is all there is
    assert _source_needed(compiled, {}) is None


def _decoder_in_subprocess(pure: bool) -> tuple[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ESGTEXT_PURE_PYTHON"}
    if pure:
        env["ESGTEXT_PURE_PYTHON"] = "1"
    code = ("import esgtext.repair as r, esgtext.repair.french as f; "
            "print(f.__file__); print(r.french_decoder())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=env).stdout.splitlines()
    return out[0], out[1]


def test_esgtext_pure_python_selects_the_source():
    path, described = _decoder_in_subprocess(pure=True)
    assert path.endswith("french.py")
    assert described.startswith("pure Python")


@needs_compiled
def test_the_compiled_decoder_is_imported_by_default():
    path, described = _decoder_in_subprocess(pure=False)
    assert not path.endswith(".py")
    assert described == "compiled (mypyc)"


def test_version_names_the_decoder():
    from click.testing import CliRunner

    from esgtext.cli import main

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("esgtext ")
    assert f"French accent decoder: {french_decoder()}" in result.output
