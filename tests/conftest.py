"""Shared fixtures. Tests that need ../shared/data skip cleanly without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WARTA_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The reference data folder; the test is skipped when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("reference data (../shared/data) not available")
    return SHARED


@pytest.fixture(scope="session")
def seeds(shared_data: Path) -> list[Path]:
    paths = sorted((shared_data / "seeds").glob("*.txt"))
    if not paths:
        pytest.skip("seed articles not available")
    return paths
