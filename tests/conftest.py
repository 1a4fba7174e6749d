"""Shared test fixtures. Tests that need ../shared skip cleanly without it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


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
