"""The compiled French decoder (mypyc, see setup.py): the same edits as its source, never stale."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import esgtext.repair.french as french
from esgtext.damage import delete_accents, question_mark_accents, strip_accents
from esgtext.repair import COMPILED_MODULES, _sources_needed, french_decoder

REPO = Path(__file__).resolve().parents[1]
COMPILED = not french.__file__.endswith(".py")
needs_compiled = pytest.mark.skipif(
    not COMPILED, reason=f"the French decoder in this process is {french_decoder()}")

_EDITS_SCRIPT = r"""
import json, sys
from esgtext.repair import french_decoder
from esgtext.repair.french import restore_french
texts = json.load(open(sys.argv[1], encoding="utf-8"))
print(json.dumps({"decoder": french_decoder(),
                  "edits": [[[e.kind, e.start, e.end, e.before, e.after, e.confidence, e.reason]
                             for e in restore_french(t)] for t in texts]}))
"""


def _env(pure: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "ESGTEXT_PURE_PYTHON"}
    if pure:
        env["ESGTEXT_PURE_PYTHON"] = "1"
    return env


def _edits_in_subprocess(texts: list[str], tmp_path: Path, pure: bool) -> tuple[str, list]:
    path = tmp_path / "texts.json"
    path.write_text(json.dumps(texts), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _EDITS_SCRIPT, str(path)], capture_output=True,
                          text=True, check=True, env=_env(pure))
    out = json.loads(done.stdout)
    return out["decoder"], out["edits"]


def _damaged_variants(text: str) -> list[str]:
    return [
        text,
        delete_accents(text),
        delete_accents(text.replace("'", "\u2019"), apostrophes=True),
        strip_accents(text),
        question_mark_accents(text),
    ]


def _assert_same_edits(texts: list[str], tmp_path: Path) -> int:
    """The compiled modules and the pure-Python ones (a process with ESGTEXT_PURE_PYTHON=1)
    return the same edits; returns how many."""
    decoder, compiled = _edits_in_subprocess(texts, tmp_path, pure=False)
    assert decoder == "compiled (mypyc)"
    decoder, source = _edits_in_subprocess(texts, tmp_path, pure=True)
    assert decoder.startswith("pure Python")
    for text, a, b in zip(texts, compiled, source, strict=True):
        assert a == b, text[:80]
    return sum(map(len, compiled))


@needs_compiled
def test_compiled_decoder_gives_the_same_edits_as_its_source_on_the_corpus(tmp_path):
    references = sorted((REPO / "corpus" / "reference").glob("fr-*.txt"))
    assert references
    texts = [v for path in references for v in _damaged_variants(path.read_text(encoding="utf-8"))]
    assert _assert_same_edits(texts, tmp_path) > 100  # the damaged variants were really repaired


@needs_compiled
@pytest.mark.shared
def test_compiled_decoder_gives_the_same_edits_as_its_source_on_flores(flores, tmp_path):
    lines = flores["fr"][:400]
    documents = ["\n".join(lines[i:i + 8]) for i in range(0, len(lines), 8)]
    texts = [v for document in documents for v in _damaged_variants(document)]
    assert _assert_same_edits(texts, tmp_path) > 1000


def test_edited_sources_are_used_instead_of_a_stale_build(tmp_path):
    for name in COMPILED_MODULES:
        (tmp_path / f"{name}.cpython-311-x86_64-linux-gnu.so").write_bytes(b"")
        (tmp_path / f"{name}.py").write_text(f"NAME = {name!r}\n")
    digest_file = tmp_path / "compiled.source-sha256"
    # no digest written by the build: not trusted
    assert "changed since they were compiled" in _sources_needed(tmp_path, {})
    digest = hashlib.sha256()
    for name in COMPILED_MODULES:
        digest.update((tmp_path / f"{name}.py").read_bytes())
    digest_file.write_text(digest.hexdigest() + "\n")
    assert _sources_needed(tmp_path, {}) is None
    assert "ESGTEXT_PURE_PYTHON" in _sources_needed(tmp_path, {"ESGTEXT_PURE_PYTHON": "1"})
    for name in COMPILED_MODULES:  # any one of them edited after the build
        source = tmp_path / f"{name}.py"
        kept = source.read_text()
        source.write_text(kept + "EDITED = True\n")
        assert "changed since they were compiled" in _sources_needed(tmp_path, {})
        source.write_text(kept)
        assert _sources_needed(tmp_path, {}) is None
    (tmp_path / "french.py").unlink()  # a build without its sources: the build is all there is
    assert _sources_needed(tmp_path, {}) is None


def _decoder_in_subprocess(pure: bool) -> tuple[list[str], str]:
    code = ("import esgtext.repair as r, esgtext.repair.french as f, esgtext.repair.lexicon as l; "
            "print(f.__file__); print(l.__file__); print(r.french_decoder())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=_env(pure)).stdout.splitlines()
    return out[:2], out[2]


def test_esgtext_pure_python_selects_the_sources():
    paths, described = _decoder_in_subprocess(pure=True)
    assert all(path.endswith(".py") for path in paths)
    assert described.startswith("pure Python")


@needs_compiled
def test_the_compiled_modules_are_imported_by_default():
    paths, described = _decoder_in_subprocess(pure=False)
    assert not any(path.endswith(".py") for path in paths)
    assert described == "compiled (mypyc)"


def test_version_names_the_decoder():
    from click.testing import CliRunner

    from esgtext.cli import main

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("esgtext ")
    assert f"French accent decoder: {french_decoder()}" in result.output
