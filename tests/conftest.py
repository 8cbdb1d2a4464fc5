"""Shared test fixtures.

Tests read real reference data from ``../shared/data/reference`` (beside the project);
on a user's machine without it those tests skip, under CI (``CI=true``) they must run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flis.settings import get_settings

ROOT = Path(__file__).resolve().parents[1]
SHARED_REFERENCE = ROOT.parent / "shared" / "data" / "reference"


@pytest.fixture(scope="session")
def shared_reference() -> Path:
    if not SHARED_REFERENCE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHARED_REFERENCE} is missing; CI must provide ../shared")
        pytest.skip(f"real reference data not found at {SHARED_REFERENCE}")
    return SHARED_REFERENCE


@pytest.fixture
def flis_home(tmp_path, monkeypatch) -> Path:
    """A fresh FLIS_HOME for one test."""
    home = tmp_path / "flis-home"
    monkeypatch.setenv("FLIS_HOME", str(home))
    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()
