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
    squares: float = float("nan")
    rows: float = float("nan")


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
    squares: np.ndarray | None = None
    """[municipality, period]: Σ x² over the rows of a sum (None for counts, where it is the count).
    √Σx² is the noise of a sum of a varying number of rows (compound Poisson), and (Σx)² / Σx² its
    effective number of rows."""

    rows: np.ndarray | None = None
    """[municipality, period]: the number of rows behind a sum (None for counts)."""
    level_check: bool = True
    """Whether a month without a previous one is compared with the other municipalities' level."""
    movement_floor: bool = False
    """Whether the history check's sigma is at least expected × the spread of the municipalities' relative
    changes that month (key-figure inputs: a filter can make municipalities move very differently)."""

    def noise_squares(self) -> np.ndarray:
        """Σ x² per cell: the count itself for counts."""
        return self.values if self.squares is None else self.squares

    def row_counts(self) -> np.ndarray:
        return self.values if self.rows is None else self.rows

    def period(self, column: int) -> Period:
        return Period.from_index(int(self.periods[column]))


def _labels(table: Table, measure: str, kind: Kind) -> tuple[str, str]:
    if kind == "count":
        return f"{table.qualified}, rows", f"{table.qualified}, rækker"
    if kind == "amount":
        return f"{table.qualified}, Σ|{measure}| (DKK)", f"{table.qualified}, Σ|{measure}| (kr.)"
    return f"{table.qualified}, Σ {measure}", f"{table.qualified}, Σ {measure}"


def measures_of(table: Table) -> list[tuple[str, Kind, str, str | None]]:
    """(measure name, kind, SQL aggregate, SQL of Σx²) watched for a table: rows, Σ|money|, Σ other
    decimals."""
    out: list[tuple[str, Kind, str, str | None]] = [("rows", "count", "count(*)", None)]
    for c in table.columns:
        square = f'sum(CAST("{c.name}" AS DOUBLE) * CAST("{c.name}" AS DOUBLE))'
        if c.money:
            out.append((c.name, "amount", f'sum(abs("{c.name}"))', square))
        elif c.type == "decimal":
            out.append((c.name, "quantity", f'sum("{c.name}")', square))
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
        month = Period.of(period).index
        out.setdefault(table, []).append((delivery, int(municipality), month, bool(in_force)))
    return out


def table_panels(con: duckdb.DuckDBPyConnection, table: Table, deliveries: list[tuple]) -> list[Panel]:
    """The panels of one table from one GROUP BY over all its loaded deliveries."""
    measures = measures_of(table)
    aggregates = ", ".join(sql for _, _, sql, _ in measures)
    aggregates += "".join(f", {sq}" for _, _, _, sq in measures if sq)
    # Table and column names come from the canonical model, never from user input.
    sums = {r[0]: r[1:] for r in con.execute(
        f"SELECT _delivery, {aggregates} FROM canonical.{table.sql_name} GROUP BY _delivery").fetchall()}
    municipalities = np.array(sorted({d[1] for d in deliveries}), dtype=np.int64)
    periods = np.array(sorted({d[2] for d in deliveries}), dtype=np.int64)
    row_of = {int(m): i for i, m in enumerate(municipalities)}
    col_of = {int(p): j for j, p in enumerate(periods)}
    shape = (len(municipalities), len(periods))
    panels = [Panel(f"{table.qualified}#{name}", _labels(table, name, kind), (table.qualified,), kind,
                    table.level, municipalities, periods, np.full(shape, np.nan),
                    np.full(shape, "", dtype=object),
                    school_year=table.domain == "schools", squares=np.full(shape, np.nan) if sq else None,
                    rows=np.full(shape, np.nan) if sq else None)
              for name, kind, _, sq in measures]
    with_squares = [panel for panel in panels if panel.squares is not None]
    for delivery, municipality, month, in_force in deliveries:
        i, j = row_of[municipality], col_of[month]
        found = sums.get(delivery) or (0,) * (len(measures) + len(with_squares))
        numbers = [float(v) if v is not None else 0.0 for v in found]
        squares = dict(zip((id(p) for p in with_squares), numbers[len(measures):]))
        for panel, number in zip(panels, numbers):
            square = squares.get(id(panel), number)
            if in_force:
                panel.values[i, j] = number
                panel.deliveries[i, j] = delivery
                if panel.squares is not None:
                    panel.squares[i, j] = square
                    panel.rows[i, j] = numbers[0]
            else:
                panel.superseded.append(Candidate(i, j, number, delivery, square, numbers[0]))
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
