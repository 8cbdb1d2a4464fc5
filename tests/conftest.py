"""Shared test fixtures.

Tests read real reference data from ``../shared/data/reference`` (beside the project);
on a user's machine without it those tests skip, under CI (``CI=true``) they must run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flis.settings import get_settings
from flis.periods import Period
from flis.synth.config import SynthConfig
from flis.synth.runner import generate

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


SAMPLE = (101, 147, 183, 230, 360, 751, 825)
"""København, Frederiksberg, Ishøj, Rudersdal, Lolland, Aarhus, Læsø: big and tiny, rich and deprived."""


@pytest.fixture(scope="session")
def clean_country(tmp_path_factory):
    config = SynthConfig(scale=0.01, months=3, start=Period(2024, 5), seed=8, municipalities=SAMPLE,
                         fault_rate=0.0)
    return generate(config, tmp_path_factory.mktemp("clean"), workers=2)


@pytest.fixture(scope="session")
def faulty_country(tmp_path_factory):
    """The same country and seed as ``clean_country`` with many faults, so they can be compared."""
    config = SynthConfig(scale=0.01, months=3, start=Period(2024, 5), seed=8, municipalities=SAMPLE,
                         fault_rate=0.35)
    return generate(config, tmp_path_factory.mktemp("faulty"), workers=2)


@pytest.fixture(scope="session")
def served_home(clean_country, tmp_path_factory):
    """``clean_country`` ingested and computed: a warehouse and a release snapshot (tests/support/served.py)."""
    from support.served import build_served_home
    return build_served_home(clean_country, tmp_path_factory.mktemp("served"))


@pytest.fixture(scope="session")
def served_app(served_home):
    """(app with API and portal, bearer tokens by account key, state store), shared by tests/api and tests/web."""
    from support.served import served_app as make
    yield from make(served_home)
