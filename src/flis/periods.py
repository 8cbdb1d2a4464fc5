"""Periods: the calendar month a delivered row describes.

A :class:`Period` is a month (``2024-03``). Key figures are monthly, annual or
start-of-year; those derive from months, so the month is the unit everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import total_ordering

from flis.errors import PeriodError

_PATTERN = re.compile(r"^(\d{4})-?(\d{2})$")


@total_ordering
@dataclass(frozen=True, slots=True)
class Period:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.month <= 12 and 1900 <= self.year <= 2199):
            raise PeriodError(f"'{self.year:04d}-{self.month:02d}' is not a month between 1900-01 and 2199-12")

    @classmethod
    def parse(cls, text: str | Period) -> Period:
        """Parse ``YYYY-MM`` (or ``YYYYMM``)."""
        if isinstance(text, Period):
            return text
        m = _PATTERN.match(str(text).strip())
        if not m:
            raise PeriodError(f"'{text}' is not a month; expected YYYY-MM, e.g. 2024-03")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> Period:
        return cls(day.year, day.month)

    @property
    def index(self) -> int:
        """Months since year 0; differences of indexes count months."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> Period:
        return cls(index // 12, index % 12 + 1)

    def __add__(self, months: int) -> Period:
        return Period.from_index(self.index + int(months))

    def __sub__(self, other: Period | int) -> int | Period:
        if isinstance(other, Period):
            return self.index - other.index
        return Period.from_index(self.index - int(other))

    def __lt__(self, other: Period) -> bool:
        return self.index < other.index

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return (self + 1).first_day - dt.timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def school_year(self) -> int:
        """The calendar year a Danish school year starts in (August to July)."""
        return self.year if self.month >= 8 else self.year - 1


def period_range(start: Period, months: int) -> list[Period]:
    """``months`` consecutive periods from ``start``."""
    return [start + i for i in range(months)]


EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01, the integer date used in vectorised generation."""
    return (day - EPOCH).days
