"""Generated countries shared by the generator tests (built once per session)."""

from __future__ import annotations

import pytest

from flis.periods import Period
from flis.synth.config import SynthConfig
from flis.synth.runner import generate

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
