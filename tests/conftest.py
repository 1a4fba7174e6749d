"""Shared test fixtures. Tests that need ../shared skip cleanly without it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(autouse=True)
def _empty_hugging_face_cache(monkeypatch, tmp_path_factory):
    """Models in the developer's own Hugging Face cache must not change what tests see: every test
    starts with an empty one (a test may point HF_HUB_CACHE / HF_HOME elsewhere)."""
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path_factory.getbasetemp() / "hf-cache-empty"))


@pytest.fixture
def repair_cli(tmp_path):
    """``esgtext repair FILE [FLAGS]`` on ``text`` written to a file: its stdout (exit code 0)."""
    from click.testing import CliRunner

    from esgtext.cli import EXIT_OK, main

    def run(text: str, *flags: str) -> str:
        path = tmp_path / "release.txt"
        path.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(main, ["repair", str(path), *flags], catch_exceptions=False)
        assert result.exit_code == EXIT_OK
        return result.stdout

    return run


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture(scope="session")
def flores(shared_dir: Path):
    """FLORES-200 devtest as a dict: {"fr": [...], "en": [...], "zh": [...]}."""
    base = shared_dir / "data" / "flores200-devtest"
    files = {"fr": "fra_Latn.devtest", "en": "eng_Latn.devtest", "zh": "zho_Hans.devtest"}
    if not base.is_dir():
        pytest.skip("FLORES devtest is not available in ../shared")
    return {k: (base / v).read_text(encoding="utf-8").splitlines() for k, v in files.items()}


# --- tiny random-weight MarianMT checkpoints (see tests/tiny_models.py) ------------------------
# Built once per session into a tmp dir. Their translations are meaningless; they run the real
# tokenizers, checkpoint loading and both engines.


@pytest.fixture(scope="session")
def tiny_spm_model(tmp_path_factory) -> Path:
    """A tiny model with a sentencepiece vocabulary trained on a few lines (no ../shared needed)."""
    from tiny_models import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-spm") / "model", source="fr", shared_dir=None)


@pytest.fixture(scope="session")
def tiny_zh_en_model(tmp_path_factory, shared_dir: Path) -> Path:
    """A tiny model with the real opus-mt-zh-en config and tokenizer (skips without ../shared)."""
    from tiny_models import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-zh-en") / "model", source="zh", shared_dir=shared_dir)


@pytest.fixture(scope="session")
def tiny_fr_en_model(tmp_path_factory, shared_dir: Path) -> Path:
    """A tiny model with the real opus-mt-tc-big-fr-en config and tokenizer (skips without ../shared)."""
    from tiny_models import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-fr-en") / "model", source="fr", shared_dir=shared_dir)
