"""The sample corpus: references stay byte-identical, encodings and mojibake come out exact."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from esgtext.repair import repair_file

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
REFERENCE = CORPUS / "reference"


def load_builder():
    spec = importlib.util.spec_from_file_location("build_corpus", CORPUS / "build_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", sorted(REFERENCE.glob("*.txt")), ids=lambda p: p.name)
def test_clean_references_are_left_byte_identical(path):
    result = repair_file(path)
    assert result.edits == () and result.text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "target, encoding",
    [
        ("fr/legacy/cooperative-hve-bordeaux_cp1252.txt", "cp1252"),
        ("zh/lianhe-battery-esg-report_gb18030.txt", "gb18030"),
        ("en/legacy/northwind-heat-pumps_utf16.txt", "utf-16"),
        ("en/mojibake/sainte-croix-regenerative_mojibake.txt", "utf-8"),
    ],
)
def test_encoding_and_mojibake_samples_come_out_exact(target, encoding):
    source = load_builder().TARGETS[target][0]
    result = repair_file(CORPUS / target)
    assert result.encoding == encoding
    assert result.text == (REFERENCE / source).read_text(encoding="utf-8")


def test_generated_files_match_their_build_script(tmp_path, monkeypatch):
    builder = load_builder()
    monkeypatch.setattr(builder, "CORPUS", tmp_path)
    for path in builder.build():
        relative = path.relative_to(tmp_path)
        assert path.read_bytes() == (CORPUS / relative).read_bytes(), relative


def test_french_samples_are_mostly_restored():
    from esgtext.damage import word_error_rate

    for target, (source, _, _) in load_builder().TARGETS.items():
        if not target.startswith("fr/accents/"):
            continue
        damaged = (CORPUS / target).read_text(encoding="utf-8")
        reference = (REFERENCE / source).read_text(encoding="utf-8")
        repaired = repair_file(CORPUS / target).text
        assert repaired.count("\n") == damaged.count("\n")
        before, after = word_error_rate(damaged, reference), word_error_rate(repaired, reference)
        assert after < before / 2, (target, before, after)
