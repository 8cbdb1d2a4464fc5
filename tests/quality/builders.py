"""Small hand-made warehouses for the quality checks: rows of a table per municipality and month."""

from __future__ import annotations

import datetime as dt

from flis.periods import Period

MUNICIPALITIES = (101, 147, 151, 153, 155, 157, 159, 161, 163, 165, 167, 169)
"""Twelve municipalities: enough peers for the common movement and Hidiroglou–Berthelot (at least 10)."""


def months(start: str, count: int) -> list[Period]:
    first = Period.parse(start)
    return [first + k for k in range(count)]


def pupils(municipality: int, period: Period, n: int, copies: int = 1) -> list[dict]:
    """``n`` pupils (each with its own birth date and class), repeated ``copies`` times under new ids."""
    rows = []
    for copy in range(copies):
        for k in range(n):
            rows.append(dict(pupil_id=f"{'D' * copy}P{municipality}-{k}", birth_date=dt.date(2010, 1, 1)
                             + dt.timedelta(days=k), sex=1 + k % 2, school_id=f"S{municipality}",
                             class_id=f"C{municipality}-{k % 7}", grade=k % 10,
                             home_municipality=municipality, paying_municipality=municipality,
                             _municipality=municipality,
                             _period=period.first_day))
    return rows


def enrolments(municipality: int, period: Period, n: int) -> list[dict]:
    return [dict(child_id=f"B{municipality}-{k}", birth_date=dt.date(2020, 1, 1) + dt.timedelta(days=k),
                 institution_id=f"I{municipality}", weekly_hours=40, _municipality=municipality,
                 _period=period.first_day) for k in range(n)]


def postings(municipality: int, period: Period, amounts: list[float]) -> list[dict]:
    return [dict(posting_id=period.index * 1000 + k, posting_date=period.first_day, function="3.22.01",
                 dranst=1, art="4.0", amount=a, _municipality=municipality, _period=period.first_day)
            for k, a in enumerate(amounts)]


def delivery(con, *, municipality: int, system: str, domain: str, table: str, period: str, received: str,
             status: str = "loaded", name: str | None = None) -> str:
    """One registry row (no canonical rows): what completeness reads."""
    first = Period.parse(period).first_day
    ident = name or f"{system}-{table}-{municipality}-{period}-{received}"
    con.execute("INSERT INTO registry.deliveries VALUES (?, ?, 0, ?, ?, ?, ?, ?, 'f', ?, ?, 1, ?, ?, 0, 0)",
                [ident, ident, ident, system, system, domain, table, municipality, first,
                 dt.datetime.fromisoformat(received), status])
    return ident
