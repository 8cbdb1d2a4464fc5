"""Generated deliveries for the reader tests (built once per session, ~1 s each).

Seed 1 and these five small municipalities happen to cover every vendor of every domain,
and with wrong encodings and truncations injected into half the files, every format gets
truncated and every text encoding gets swapped in both directions.
"""

from __future__ import annotations

import pytest

from flis.periods import Period
from flis.synth.config import FAULT_KINDS, SynthConfig
from flis.synth.runner import SynthResult, generate

SAMPLE = (187, 482, 563, 665, 825)
READ_FAULTS = ("wrong_encoding", "truncated")


def _config(**kw) -> SynthConfig:
    return SynthConfig(scale=0.02, months=2, start=Period(2024, 5), seed=1, municipalities=SAMPLE, **kw)


@pytest.fixture(scope="session")
def clean_run(tmp_path_factory) -> SynthResult:
    return generate(_config(fault_rate=0.0), tmp_path_factory.mktemp("clean"), workers=2)


@pytest.fixture(scope="session")
def read_fault_run(tmp_path_factory) -> SynthResult:
    """Half the files damaged by the faults a reader must see: wrong encoding, truncation."""
    return generate(_config(fault_rate=0.5, fault_kinds=READ_FAULTS), tmp_path_factory.mktemp("read-faults"),
                    workers=2)


@pytest.fixture(scope="session")
def all_fault_run(tmp_path_factory) -> SynthResult:
    """Half the files damaged by any fault, most of them invisible to a reader."""
    return generate(_config(fault_rate=0.5, fault_kinds=FAULT_KINDS), tmp_path_factory.mktemp("all-faults"),
                    workers=2)
