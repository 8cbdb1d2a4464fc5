"""What a domain of synthetic source systems declares.

A domain (schools, elderly care, ...) is a module with a :class:`Domain` value: the
canonical datasets it produces, the fictional vendors that deliver them, and a
``frames`` function that simulates one municipality and yields one
:class:`Frame` per dataset and period. Frames are yielded one at a time so that even
the whole country never holds more than one month of one dataset in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

import pyarrow as pa

from flis.periods import Period
from flis.synth.context import MunicipalityContext
from flis.synth.vendor import Vendor

Level = Literal["monthly", "annual", "events", "register"]


@dataclass(frozen=True)
class Dataset:
    """A canonical dataset of a domain, e.g. the pupils per class per month."""

    name: str
    description: str
    level: Level = "monthly"
    id_column: str | None = None
    """Identifies a record; a doubled-count fault re-keys this column."""
    countable: bool = False
    """Its number of records is a volume users watch (pupils, recipients): doubling it is a fault."""


@dataclass(frozen=True)
class Frame:
    dataset: str
    period: Period
    table: pa.Table


@dataclass(frozen=True)
class Domain:
    name: str
    title: str
    datasets: tuple[Dataset, ...]
    vendors: tuple[Vendor, ...]
    frames: Callable[[MunicipalityContext], Iterator[Frame]]

    def dataset(self, name: str) -> Dataset:
        return next(d for d in self.datasets if d.name == name)

    def vendor(self, key: str) -> Vendor:
        return next(v for v in self.vendors if v.key == key)
