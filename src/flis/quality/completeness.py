"""Completeness: which deliveries were expected, which are missing or late, and which key figures
therefore rest on incomplete inputs.

* **Expected.** A source system a municipality has delivered in any month is expected from it every
  month from the first to the last month the warehouse holds, once the month's due date — the 15th of
  the following month — has passed. (Another system of the same domain delivering that month counts:
  the municipality changed vendor.) Every arrival counts, rejected ones too: a rejected delivery is
  ingest's finding, not a missing one.
* ``quality.missing_delivery``: an expected (municipality, system, month) without any arrival.
* ``quality.late_delivery``: the first arrival for the (municipality, system, month) came after the due
  date.
* **Incomplete key figures** (:func:`incomplete_inputs`): a series is incomplete for a municipality and
  period when a table it reads has no delivery in force for the municipality in that month (or, for
  annual and rolling figures, in a month of the year or window) while the municipality delivers that
  table in other months.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import duckdb

from flis.catalogue.model import Catalogue, Figure
from flis.periods import Period
from flis.quality.finding import QualityFinding, both, clean_values
from flis.warehouse.model import load_model

DUE_DAY = 15
"""Deliveries are due by the 15th of the month after the month they describe."""


def due(period: Period) -> dt.datetime:
    """The last moment a delivery for ``period`` is on time: the end of the 15th of the next month."""
    return dt.datetime.combine((period + 1).first_day + dt.timedelta(days=DUE_DAY), dt.time())


def _arrivals(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(municipality, domain, system, month, first arrival) of every declared delivery."""
    return con.execute("""
        SELECT d.municipality, d.domain, d.system, d.period,
               least(min(d.received_at), min(r.received_at)) AS first_arrival
        FROM registry.deliveries AS d LEFT JOIN registry.receipts AS r USING (delivery_id)
        WHERE d.municipality IS NOT NULL AND d.system IS NOT NULL AND d.period IS NOT NULL
        GROUP BY ALL ORDER BY ALL""").fetchall()


def check_deliveries(con: duckdb.DuckDBPyConnection, now: dt.datetime | None = None) -> list[QualityFinding]:
    """Missing and late deliveries per municipality, source system and month."""
    now = now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    arrivals = _arrivals(con)
    if not arrivals:
        return []
    first: dict[tuple[int, str, int], dt.datetime] = {}
    systems: dict[tuple[int, str], str] = {}
    domains_delivered: set[tuple[int, str, int]] = set()
    months: set[int] = set()
    for municipality, domain, system, period, arrival in arrivals:
        month = Period.of(period).index
        months.add(month)
        first[(int(municipality), system, month)] = arrival
        systems[(int(municipality), system)] = domain
        domains_delivered.add((int(municipality), domain, month))
    out = []
    all_months = range(min(months), max(months) + 1)
    for (municipality, system), domain in sorted(systems.items()):
        delivered = sum(1 for m in all_months if (municipality, system, m) in first)
        for month in all_months:
            period = Period.from_index(month)
            arrival = first.get((municipality, system, month))
            if arrival is None:
                if due(period) > now or (municipality, domain, month) in domains_delivered:
                    continue
                out.append(_missing(municipality, domain, system, period, delivered, len(all_months)))
            elif arrival > due(period):
                out.append(_late(municipality, domain, system, period, arrival))
    return out


def _missing(municipality: int, domain: str, system: str, period: Period, delivered: int, months: int
             ) -> QualityFinding:
    d_en, d_da = both(float(delivered))
    deadline = (due(period) - dt.timedelta(days=1)).date()
    values = {"value": 0, "delivered_months": delivered, "months": months, "due": deadline.isoformat()}
    return QualityFinding(
        "quality.missing_delivery", municipality, f"{domain}/{system}", str(period), clean_values(values),
        f"No delivery from {system} ({domain}) for {period}, due {deadline}; "
        f"the municipality delivered it in {d_en} of {months} months.",
        f"Ingen levering fra {system} ({domain}) for {period}, frist {deadline}; "
        f"kommunen har leveret i {d_da} af {months} måneder.",
        None, True, ())


def _late(municipality: int, domain: str, system: str, period: Period, arrival: dt.datetime
          ) -> QualityFinding:
    deadline = due(period) - dt.timedelta(days=1)
    days = (arrival.date() - deadline.date()).days
    values = {"value": arrival.isoformat(timespec="seconds"), "reference": deadline.date().isoformat(),
              "score": days}
    return QualityFinding(
        "quality.late_delivery", municipality, f"{domain}/{system}", str(period), clean_values(values),
        f"{system} ({domain}) for {period} first arrived {arrival:%Y-%m-%d %H:%M}, {days} days after the due "
        f"date {deadline.date()}.",
        f"{system} ({domain}) for {period} kom først {arrival:%Y-%m-%d %H:%M}, {days} dage efter fristen "
        f"{deadline.date()}.",
        None, True, ())


# -- key figures whose inputs are incomplete ------------------------------------------------------------

def missing_inputs(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, set[tuple[int, int]]], range]:
    """Per table: the (municipality, month) without a delivery in force that the municipality should have
    delivered, because it delivers the table in other months (annual tables: in other years; their gaps
    are dated January). Also the range of months the warehouse holds."""
    rows = con.execute("SELECT table_name, municipality, period FROM registry.effective").fetchall()
    if not rows:
        return {}, range(0)
    have: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for table, municipality, period in rows:
        have[table].add((int(municipality), Period.of(period).index))
    months = {mo for present in have.values() for _, mo in present}
    span = range(min(months), max(months) + 1)
    model = load_model()
    out: dict[str, set[tuple[int, int]]] = {}
    for table, present in have.items():
        municipalities = {m for m, _ in present}
        if table in model.tables and model.tables[table].level == "annual":
            years = {mo // 12 for mo in span}
            had = {(m, mo // 12) for m, mo in present}
            missing = {(m, y * 12) for m in municipalities for y in years if (m, y) not in had}
        else:
            missing = {(m, mo) for m in municipalities for mo in span if (m, mo) not in present}
        if missing:
            out[table] = missing
    return out, span


def _figure_tables(figure: Figure) -> set[str]:
    tables: set[str] = set()
    for m in (figure.numerator, figure.denominator):
        if m is not None:
            tables |= {t.qualified for t in m.source.tables}
    return tables


def _affected(figure: Figure, month: int) -> list[int]:
    """The periods of a figure whose value reads ``month``."""
    if figure.level == "annual":
        return [month - month % 12]
    if figure.level == "start_of_year":
        return [month] if month % 12 == 0 else []
    return list(range(month, month + (figure.rolling or 1)))


def incomplete_inputs(con: duckdb.DuckDBPyConnection, catalogue: Catalogue,
                      periods: list[Period] | None = None) -> list[tuple[str, int, str]]:
    """(series id, municipality, ``YYYY-MM``) whose inputs are incomplete, sorted: the quality flag
    "incomplete" for the release (all the warehouse's months, or only ``periods``).

    Attribution is taken as the delivering municipality: a figure attributed to home or paying
    municipality also reads other municipalities' deliveries, which this does not follow."""
    missing, span = missing_inputs(con)
    wanted = {p.index for p in periods} if periods else set(span)
    flagged: dict[str, set[tuple[int, int]]] = {}
    for figure in catalogue.figures.values():
        if figure.change_of:
            continue
        tables = _figure_tables(figure) & missing.keys()
        cells = {(m, target) for t in tables for m, mo in missing[t] for target in _affected(figure, mo)}
        if cells:
            flagged[figure.id] = cells
    for figure in catalogue.figures.values():
        if figure.change_of and figure.change_of in flagged:
            base = flagged[figure.change_of]
            flagged[figure.id] = base | {(m, mo + 12) for m, mo in base}
    out = {(series.id, m, str(Period.from_index(mo)))
           for series in catalogue.series for m, mo in flagged.get(series.figure.id, ()) if mo in wanted}
    return sorted(out)
