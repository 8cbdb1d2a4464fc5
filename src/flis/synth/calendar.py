"""Danish working days: weekdays minus public holidays."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np

from flis.periods import Period


def easter(year: int) -> dt.date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


@lru_cache(maxsize=64)
def holidays(year: int) -> tuple[dt.date, ...]:
    """Public holidays and the customary days off (Christmas Eve, New Year's Eve, Constitution Day)."""
    e = easter(year)
    moving = [e - dt.timedelta(days=3), e - dt.timedelta(days=2), e + dt.timedelta(days=1),
              e + dt.timedelta(days=39), e + dt.timedelta(days=50)]
    fixed = [dt.date(year, 1, 1), dt.date(year, 6, 5), dt.date(year, 12, 24), dt.date(year, 12, 25),
             dt.date(year, 12, 26), dt.date(year, 12, 31)]
    return tuple(sorted(moving + fixed))


def working_days(period: Period) -> int:
    """Weekdays in the month that are not holidays."""
    start, end = period.first_day, (period + 1).first_day
    hol = [np.datetime64(d) for d in holidays(period.year)]
    return int(np.busday_count(np.datetime64(start), np.datetime64(end), holidays=hol))
