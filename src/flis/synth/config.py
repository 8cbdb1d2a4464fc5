"""What the generator is asked to make."""

from __future__ import annotations

from dataclasses import dataclass, field

from flis import reference
from flis.errors import ConfigError
from flis.periods import Period, period_range

FAULT_KINDS = (
    "doubled_count", "unit_error", "invalid_code", "invalid_date", "unknown_municipality",
    "duplicate_rows", "column_order", "renamed_column", "wrong_encoding", "truncated",
    "missing_month", "duplicated_delivery", "late_delivery",
)
"""Every kind of fault the generator can inject; see ``synth.faults`` for what each does."""


@dataclass(frozen=True)
class SynthConfig:
    """Options of ``flis synth``. Defaults make a small, quick country."""

    scale: float = 0.01
    months: int = 12
    start: Period = field(default_factory=lambda: Period(2024, 1))
    seed: int = 1
    municipalities: tuple[int, ...] = ()
    fault_rate: float = 0.02
    fault_kinds: tuple[str, ...] = FAULT_KINDS

    def __post_init__(self) -> None:
        if not 0 < self.scale <= 2:
            raise ConfigError(f"--scale {self.scale}: expected a share of the real country above 0 and at most 2")
        if not 1 <= self.months <= 240:
            raise ConfigError(f"--months {self.months}: expected between 1 and 240 months")
        if not 0 <= self.fault_rate <= 0.5:
            raise ConfigError(f"--faults {self.fault_rate}: expected 'none' or a share between 0 and 0.5")
        unknown = set(self.fault_kinds) - set(FAULT_KINDS)
        if unknown:
            raise ConfigError(f"unknown fault kind(s) {sorted(unknown)}; expected some of {', '.join(FAULT_KINDS)}")
        for code in self.municipalities:
            reference.municipality(code)

    @property
    def periods(self) -> list[Period]:
        return period_range(self.start, self.months)

    @property
    def municipality_codes(self) -> list[int]:
        if self.municipalities:
            return sorted({reference.municipality(c).code for c in self.municipalities})
        return [m.code for m in reference.municipalities()]

    def to_dict(self) -> dict[str, object]:
        return {"scale": self.scale, "months": self.months, "start": str(self.start), "seed": self.seed,
                "municipalities": self.municipality_codes, "fault_rate": self.fault_rate,
                "fault_kinds": list(self.fault_kinds)}
