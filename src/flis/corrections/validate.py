"""What a correction may say, checked against the warehouse and the current release before it is stored.

Two kinds:

* :class:`AggregateCorrection` — a key figure's numerator or denominator for one municipality and period
  ("4,012 pupils should be 2,003"). It corrects the *measure* behind that side, so every figure that reads
  the same measure follows; its breakdowns (sex, age band, ...) are scaled pro rata. Only a figure's total
  series can be corrected, and not a change figure (it has no inputs of its own: correct its base).
* :class:`RowsCorrection` — lines of a delivery in force: ``exclude`` them (duplicates) or ``set`` one
  column to a new value ("FTE 80 is 0.8"). The lines must exist in the delivery; the new value must have the
  column's type.

The old value is read here (from the current release, or the rows), so that a correction records what it
replaced.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import duckdb

from flis.catalogue.model import Catalogue
from flis.compute.releases import current_release
from flis.corrections.models import CorrectionKind
from flis.errors import FlisError
from flis.periods import Period, PeriodError
from flis.warehouse.model import LINEAGE, load_model

MAX_LINES = 100_000


class InvalidCorrection(FlisError):
    """A correction that cannot be applied: unknown series or table, a breakdown series, lines that are not in
    the delivery, a value of the wrong type."""

    code = "corrections.invalid"
    exit_code = 2


@dataclass(frozen=True)
class AggregateCorrection:
    series_id: str
    side: str
    """``numerator`` or ``denominator``."""
    municipality: int
    period: str
    """``YYYY-MM``; ``YYYY`` for annual figures."""
    new_value: float
    reason: str
    finding_id: int | None = None


@dataclass(frozen=True)
class RowsCorrection:
    table: str
    """``domain.table``."""
    delivery_id: str
    lines: tuple[int, ...]
    action: str
    """``exclude`` or ``set``."""
    reason: str
    column: str | None = None
    new_value: str | float | int | None = None
    finding_id: int | None = None


@dataclass(frozen=True)
class Checked:
    kind: CorrectionKind
    municipality: int
    period: str
    target: str
    measure: str | None
    delivery_id: str | None
    lines: tuple[int, ...] | None
    action: str
    column: str | None
    old_value: object
    new_value: object


def check(con: duckdb.DuckDBPyConnection, catalogue: Catalogue,
          request: AggregateCorrection | RowsCorrection) -> Checked:
    if isinstance(request, AggregateCorrection):
        return _aggregate(con, catalogue, request)
    return _rows(con, request)


def _period(text: str) -> Period:
    text = str(text).strip()
    try:
        return Period(int(text), 1) if len(text) == 4 and text.isdigit() else Period.parse(text)
    except (PeriodError, ValueError):
        raise InvalidCorrection(f"period: {text!r} is not YYYY-MM (or YYYY for an annual figure)") from None


def _aggregate(con, catalogue: Catalogue, r: AggregateCorrection) -> Checked:
    series = next((s for s in catalogue.series if s.id == r.series_id), None)
    if series is None:
        raise InvalidCorrection(f"series {r.series_id!r} is not in the catalogue", hint="see `flis catalogue list`")
    if series.dimension is not None:
        raise InvalidCorrection(f"{r.series_id} is a breakdown ({series.dimension.name} = {series.category}); "
                                f"correct the total, series {series.figure.id}: breakdowns follow pro rata")
    figure = series.figure
    if figure.kind == "change":
        raise InvalidCorrection(f"{r.series_id} is a change from a year earlier and has no inputs of its own",
                                hint=f"correct {figure.change_of} instead")
    if r.side not in ("numerator", "denominator"):
        raise InvalidCorrection(f"side: {r.side!r}; expected numerator or denominator")
    measure = getattr(figure, r.side)
    if measure is None:
        raise InvalidCorrection(f"{r.series_id} has no {r.side}")
    try:
        new = float(r.new_value)
    except (TypeError, ValueError):
        raise InvalidCorrection(f"new value: {r.new_value!r} is not a number") from None
    if not math.isfinite(new) or (measure.counts and new < 0):
        raise InvalidCorrection(f"new value: {r.new_value!r} must be a finite number"
                                + (" of at least 0 (a count or sum)" if measure.counts else ""))
    period = _period(r.period)
    if figure.level != "monthly" and period.month != 1:
        raise InvalidCorrection(f"{r.series_id} is {figure.level.replace('_', ' ')}: give the year, YYYY")
    release = current_release(con)
    if release is None:
        raise InvalidCorrection("there is no release yet to correct", hint="run `flis compute` first")
    rows = con.execute("""
        SELECT value FROM releases.measure_values WHERE release_id = ? AND measure = ? AND municipality = ?
          AND period = ? AND dimension = '' AND category = ''""",
                       [release, measure.key, int(r.municipality), period.first_day]).fetchall()
    cell = con.execute("SELECT 1 FROM releases.cells WHERE release_id = ? AND series_id = ? AND municipality = ? "
                       "AND period = ?", [release, r.series_id, int(r.municipality), period.first_day]).fetchall()
    if not cell:
        raise InvalidCorrection(f"{r.series_id} has no value for municipality {r.municipality} in {period} in "
                                f"release {release}", hint="a value that was never computed cannot be corrected")
    old = rows[0][0] if rows else (0.0 if measure.counts else None)
    return Checked(CorrectionKind.AGGREGATE, int(r.municipality), str(period), f"{r.series_id}#{r.side}",
                   measure.key, None, None, "set", None, old, new)


def _rows(con, r: RowsCorrection) -> Checked:
    model = load_model()
    table = model.tables.get(r.table)
    if table is None:
        raise InvalidCorrection(f"table {r.table!r} is not a canonical table",
                                hint="e.g. schools.pupils; see docs/warehouse.md")
    if r.action not in ("exclude", "set"):
        raise InvalidCorrection(f"action: {r.action!r}; expected exclude or set")
    lines = tuple(sorted({int(x) for x in r.lines}))
    if not lines:
        raise InvalidCorrection("lines: name at least one line of the delivery")
    if len(lines) > MAX_LINES:
        raise InvalidCorrection(f"lines: at most {MAX_LINES:,} in one correction")
    found = con.execute("SELECT delivery_id, municipality, period FROM registry.effective "
                        "WHERE table_name = ? AND starts_with(delivery_id, ?)",
                        [table.qualified, str(r.delivery_id).strip()]).fetchall()
    if len(found) != 1 or len(str(r.delivery_id).strip()) < 8:
        raise InvalidCorrection(f"delivery {r.delivery_id!r} is not a delivery in force of {table.qualified}"
                                + (" (the id is ambiguous)" if len(found) > 1 else ""),
                                hint="correct the delivery in force (a superseded one is not used); give at "
                                     "least 8 characters of its id")
    delivery, municipality, period = found[0]
    column = None
    if r.action == "set":
        if r.column not in table.column_names or r.column in LINEAGE:
            raise InvalidCorrection(f"column: {r.column!r} is not a column of {table.qualified}",
                                    hint="columns: " + ", ".join(table.column_names))
        column = table.column(r.column)
        if column.same_as_delivery:
            raise InvalidCorrection(f"column: {r.column} must equal the delivering municipality (deliveries where "
                                    "it does not are rejected), so it cannot be corrected",
                                    hint="exclude the lines instead, or ask for a new delivery")
        if r.new_value is None or str(r.new_value).strip() == "":
            raise InvalidCorrection(f"new value: give the value {r.column} should have")
        sql_type = column.sql_type(model.codelists)
        ok = con.execute(f"SELECT TRY_CAST(? AS {sql_type}) IS NOT NULL", [str(r.new_value).strip()]).fetchall()
        if not ok[0][0]:
            raise InvalidCorrection(f"new value: {r.new_value!r} is not a valid {column.type} for {r.column} "
                                    f"({sql_type})")
    # Identifiers come from the canonical model (checked above), values are parameters.
    pick = f', "{column.name}"' if column is not None else ""
    rows = con.execute(f'SELECT _line{pick} FROM current."{table.sql_name}" WHERE _delivery = ? '
                       "AND _line IN (SELECT unnest(?::BIGINT[]))", [delivery, list(lines)]).fetchall()
    missing = sorted(set(lines) - {int(row[0]) for row in rows})
    if missing:
        raise InvalidCorrection(f"line(s) {', '.join(map(str, missing[:20]))} are not rows of delivery "
                                f"{delivery[:12]} in {table.qualified}",
                                hint="line numbers are the source lines shown by the drill-down (_line)")
    old = {str(int(row[0])): (_plain(row[1]) if column is not None else None) for row in rows}
    new = str(r.new_value).strip() if column is not None else None
    return Checked(CorrectionKind.ROWS, int(municipality), str(Period.of(period)), table.qualified, None, delivery,
                   lines, r.action, column.name if column is not None else None, old, new)


def _plain(x: object) -> object:
    """A JSON-friendly copy of a warehouse value."""
    if x is None or isinstance(x, (bool, int, float, str)):
        return x
    return str(x)
