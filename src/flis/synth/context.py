"""Everything the domain simulations of one municipality share.

Domains run in a fixed order (citizens first, economy last). Earlier domains leave
what later ones need in the context: the residents (``people``), the workplaces and
the staff they need (for the payroll systems) and the costs they cause (for the
ledger). Every random draw comes from ``rng(<name>)``, a stream seeded by
(seed, municipality, name), so one municipality's files never depend on another's
or on the order in which worker processes run.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from flis import reference
from flis.periods import Period, day_number
from flis.synth.config import SynthConfig
from flis.synth.profile import Profile, profile

if TYPE_CHECKING:
    from flis.synth.people import People


@dataclass
class Workplace:
    """An institution or unit with staff: a school, a nursing home, the town hall, ..."""

    id: str
    name: str
    kind: str
    function: str
    """Function on the municipal chart of accounts, e.g. '3.22.01' (folkeskoler)."""
    staff: dict[str, np.ndarray]
    """FTE needed per job category, one value per period."""


@dataclass
class CostLine:
    """Money a domain causes on one function and kind of expense, one amount per period (DKK)."""

    function: str
    art: str
    dranst: int
    amounts: np.ndarray
    cost_centre: str = ""


@dataclass
class MunicipalityContext:
    config: SynthConfig
    municipality: reference.Municipality
    periods: list[Period]
    profile: Profile
    people: "People | None" = None
    workplaces: list[Workplace] = field(default_factory=list)
    costs: list[CostLine] = field(default_factory=list)
    _serials: dict[str, int] = field(default_factory=dict)

    @classmethod
    def create(cls, config: SynthConfig, code: int) -> "MunicipalityContext":
        return cls(config, reference.municipality(code), config.periods, profile(code))

    @property
    def code(self) -> int:
        return self.municipality.code

    @property
    def central_unit(self) -> str:
        """Cost centre of municipality-wide items (taxes, grants, common costs)."""
        return f"{self.code:03d}0000"

    @property
    def scale(self) -> float:
        return self.config.scale

    def rng(self, name: str) -> np.random.Generator:
        key = [self.config.seed, self.code, zlib.crc32(name.encode())]
        return np.random.default_rng(np.random.SeedSequence(key))

    def institution_ids(self, kind: str, count: int, base: int) -> list[str]:
        """``count`` new seven-digit institution numbers (municipality code + 4 digits) from ``base``.

        Ranges by domain: schools 1, after-school clubs 500, daycare 1000, children and youth 3000,
        elderly care 4000, disability 5000, health 6000, employment 7000, administration 8000.
        """
        start = self._serials.get(kind, 0)
        self._serials[kind] = start + count
        if base + start + count > 9999:
            raise ValueError(f"institution number range for {kind} exhausted")
        return [f"{self.code:03d}{base + start + i:04d}" for i in range(count)]

    @property
    def period_starts(self) -> np.ndarray:
        """Day number of the first day of each period, plus the day after the last period."""
        days = [day_number(p.first_day) for p in self.periods] + [day_number((self.periods[-1] + 1).first_day)]
        return np.array(days, dtype=np.int32)

    @property
    def period_index(self) -> np.ndarray:
        return np.array([p.index for p in self.periods], dtype=np.int32)

    def add_workplace(self, workplace: Workplace) -> None:
        self.workplaces.append(workplace)

    def add_cost(self, function: str, art: str, amounts: np.ndarray, *, dranst: int = 1,
                 cost_centre: str = "") -> None:
        self.costs.append(CostLine(function, art, dranst, np.asarray(amounts, dtype=float),
                                   cost_centre or self.central_unit))
