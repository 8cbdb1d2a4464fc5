"""Volumes: what each delivery of each canonical table amounts to, as municipality × month panels.

A volume is a number a statistics office watches per unit and month: the number of rows of a table
(pupils, recipients, postings), the gross amount of its money columns (Σ |amount|, so that expenses and
income do not cancel) and the sum of its other decimal columns (hours, full-time equivalents, degrees).
One GROUP BY per canonical table computes them for **every loaded delivery** — the one in force and the
ones a corrected re-delivery has superseded — so that a damaged delivery is found even after the supplier
has replaced it (its finding is then recorded as already corrected).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import duckdb
import numpy as np

from flis.periods import Period
from flis.warehouse.model import Model, Table, load_model

Kind = Literal["count", "amount", "quantity"]


@dataclass(frozen=True)
class Candidate:
    """A superseded delivery's value, checked against the same references as the one in force."""

    row: int
    column: int
    value: float
    delivery_id: str


@dataclass
class Panel:
    """One volume for every municipality (rows) and period (columns): a table's rows or sums, or a key
    figure's numerator or denominator."""

    subject: str
    """``schools.pupils#rows``, ``economy.postings#amount``, ``SCH001#numerator``."""
    labels: tuple[str, str]
    """What the value is, in English and Danish, for messages."""
    tables: tuple[str, ...]
    """The canonical tables the value is computed from."""
    kind: Kind
    level: str
    municipalities: np.ndarray
    periods: np.ndarray
    """Month numbers (``Period.index``), ascending; only periods some municipality has a value for."""
    values: np.ndarray
    """[municipality, period]: the value of the data in force, NaN where there is none."""
    deliveries: np.ndarray
    """[municipality, period]: the id of the delivery in force ('' where there is none or several)."""
    superseded: list[Candidate] = field(default_factory=list)
    school_year: bool = False
    """Whether the value follows the school year (pupils and classes change in August)."""

    def period(self, column: int) -> Period:
        return Period.from_index(int(self.periods[column]))


def _labels(table: Table, measure: str, kind: Kind) -> tuple[str, str]:
    if kind == "count":
        return f"{table.qualified}, rows", f"{table.qualified}, rækker"
    if kind == "amount":
        return f"{table.qualified}, Σ|{measure}| (DKK)", f"{table.qualified}, Σ|{measure}| (kr.)"
    return f"{table.qualified}, Σ {measure}", f"{table.qualified}, Σ {measure}"


def measures_of(table: Table) -> list[tuple[str, Kind, str]]:
    """(measure name, kind, SQL aggregate) watched for a table: rows, Σ|money|, Σ other decimals."""
    out: list[tuple[str, Kind, str]] = [("rows", "count", "count(*)")]
    for c in table.columns:
        if c.money:
            out.append((c.name, "amount", f'sum(abs("{c.name}"))'))
        elif c.type == "decimal":
            out.append((c.name, "quantity", f'sum("{c.name}")'))
    return out


def _deliveries(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Loaded deliveries per table: (delivery id, municipality, month number, in force)."""
    rows = con.execute("""
        SELECT d.table_name, d.delivery_id, d.municipality, d.period,
               d.delivery_id IN (SELECT delivery_id FROM registry.effective) AS in_force
        FROM registry.deliveries AS d
        WHERE d.status = 'loaded' AND d.table_name IS NOT NULL
        ORDER BY d.table_name, d.period, d.municipality""").fetchall()
    out: dict[str, list[tuple]] = {}
    for table, delivery, municipality, period, in_force in rows:
        out.setdefault(table, []).append((delivery, int(municipality), Period.of(period).index, bool(in_force)))
    return out


def table_panels(con: duckdb.DuckDBPyConnection, table: Table, deliveries: list[tuple]) -> list[Panel]:
    """The panels of one table from one GROUP BY over all its loaded deliveries."""
    measures = measures_of(table)
    aggregates = ", ".join(sql for _, _, sql in measures)
    # Table and column names come from the canonical model, never from user input.
    sums = {r[0]: r[1:] for r in con.execute(
        f"SELECT _delivery, {aggregates} FROM canonical.{table.sql_name} GROUP BY _delivery").fetchall()}
    municipalities = np.array(sorted({d[1] for d in deliveries}), dtype=np.int64)
    periods = np.array(sorted({d[2] for d in deliveries}), dtype=np.int64)
    row_of = {int(m): i for i, m in enumerate(municipalities)}
    col_of = {int(p): j for j, p in enumerate(periods)}
    shape = (len(municipalities), len(periods))
    panels = [Panel(f"{table.qualified}#{name}", _labels(table, name, kind), (table.qualified,), kind, table.level,
                    municipalities, periods, np.full(shape, np.nan), np.full(shape, "", dtype=object),
                    school_year=table.domain == "schools") for name, kind, _ in measures]
    for delivery, municipality, month, in_force in deliveries:
        i, j = row_of[municipality], col_of[month]
        values = sums.get(delivery) or (0,) * len(measures)
        for panel, value in zip(panels, values):
            number = float(value) if value is not None else 0.0
            if in_force:
                panel.values[i, j] = number
                panel.deliveries[i, j] = delivery
            else:
                panel.superseded.append(Candidate(i, j, number, delivery))
    return panels


def read_panels(con: duckdb.DuckDBPyConnection, model: Model | None = None,
                on_table=None) -> list[Panel]:
    """Every watched volume of every canonical table that has loaded deliveries."""
    model = model or load_model()
    deliveries = _deliveries(con)
    panels: list[Panel] = []
    for qualified, table in sorted(model.tables.items()):
        if qualified in deliveries:
            panels += table_panels(con, table, deliveries[qualified])
        if on_table:
            on_table(qualified)
    return panels
