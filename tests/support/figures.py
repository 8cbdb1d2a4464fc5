"""Hand-made warehouses for key-figure tests: a few rows per table, values computed by hand.

    wh = warehouse_with(tmp_path, {
        "schools.pupils": [dict(pupil_id="p1", grade=4, _municipality=101, _period="2024-03-01"), ...],
    })
    values = compute_figures(wh, ["SCH001"])
    assert values[("SCH001", 101, "2024-03")] == pytest.approx(21.5)

Columns left out of a row are NULL; every (table, municipality, month) present gets a loaded delivery,
so "now" views and the spine of municipalities and months behave as after a real ingest.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pyarrow as pa

from flis.catalogue.loader import load_catalogue
from flis.catalogue.model import Catalogue
from flis.compute.run import compute
from flis.warehouse.store import Warehouse

RECEIVED = dt.datetime(2024, 1, 1)


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def warehouse_with(tmp_path, tables: dict[str, list[dict]], received_at: dt.datetime = RECEIVED,
                   empty: dict[str, list[tuple[int, str]]] | None = None) -> Warehouse:
    """``empty``: deliveries without rows, {table: [(municipality, "YYYY-MM-DD"), ...]} (a municipality that
    delivered the file and had nothing to report has zeros; one that did not deliver has no value)."""
    wh = Warehouse(tmp_path / "warehouse.duckdb")
    add_rows(wh, tables, received_at, empty)
    return wh


def add_rows(wh: Warehouse, tables: dict[str, list[dict]], received_at: dt.datetime = RECEIVED,
             empty: dict[str, list[tuple[int, str]]] | None = None) -> None:
    """Add rows as new deliveries (one per table, municipality and month), received at ``received_at``."""
    con = wh.con
    for qualified in set(tables) | set(empty or {}):
        rows = tables.get(qualified, [])
        table = wh.model.table(qualified)
        by_delivery: dict[tuple[int, dt.date], list[dict]] = {}
        for municipality, period in (empty or {}).get(qualified, []):
            by_delivery.setdefault((int(municipality), _date(period).replace(day=1)), [])
        for row in rows:
            by_delivery.setdefault((int(row["_municipality"]), _date(row["_period"]).replace(day=1)), []).append(row)
        for (municipality, period), group in by_delivery.items():
            delivery = hashlib.sha256(f"{qualified}{municipality}{period}{received_at}{group}".encode()).hexdigest()
            con.execute("INSERT INTO registry.deliveries VALUES (?, ?, 0, ?, 'test', 'test', ?, ?, 'test', ?, ?, "
                        "1, ?, 'loaded', ?, ?)",
                        [delivery, delivery, f"{qualified}-{municipality}-{period}", table.domain, qualified,
                         municipality, period, received_at, len(group), len(group)])
            names = table.column_names + ["_delivery", "_line", "_municipality", "_period"]
            data = {n: [r.get(n) for r in group] for n in table.column_names}
            data.update({"_delivery": [delivery] * len(group), "_line": list(range(2, len(group) + 2)),
                         "_municipality": [municipality] * len(group), "_period": [period] * len(group)})
            for c in table.columns:
                if c.type == "date":
                    data[c.name] = [None if v is None else _date(v) for v in data[c.name]]
            arrow = pa.table({n: data[n] for n in names})
            con.register("fixture_rows", arrow)
            cols = ", ".join(f'"{n}"' for n in names)
            con.execute(f"INSERT INTO canonical.{table.sql_name} ({cols}) SELECT {cols} FROM fixture_rows")
            con.unregister("fixture_rows")


def subset(figure_ids: list[str], catalogue: Catalogue | None = None) -> Catalogue:
    """The catalogue restricted to some figures (and the figures their changes refer to)."""
    catalogue = catalogue or load_catalogue()
    wanted, todo = {}, list(figure_ids)
    while todo:
        fid = todo.pop()
        figure = catalogue.figures[fid]
        wanted[fid] = figure
        if figure.change_of and figure.change_of not in wanted:
            todo.append(figure.change_of)
    return Catalogue(catalogue.dimensions, catalogue.relations, wanted, catalogue.version + "-" + ",".join(sorted(wanted)))


def compute_figures(wh: Warehouse, figure_ids: list[str], now: dt.datetime | None = None) -> dict:
    """Compute the figures; returns {(series_id, municipality, 'YYYY-MM'): value} (None where no value).

    Also available: ``numerators(wh)`` / ``denominators(wh)`` style access through ``cells(wh)``.
    """
    compute(wh.con, subset(figure_ids), now=now, incremental=False)
    return {(s, m, p.strftime("%Y-%m")): v for s, m, p, v in cells(wh, "value")}


def cells(wh: Warehouse, column: str = "value") -> list[tuple]:
    """Rows (series_id, municipality, period, <column>) of the current release; column: value, numerator or
    denominator."""
    assert column in ("value", "numerator", "denominator")
    return wh.con.execute(f"""
        SELECT series_id, municipality, period, {column} FROM releases.cells
        WHERE release_id = (SELECT release_id FROM releases.publications ORDER BY published_at DESC LIMIT 1)
        ORDER BY ALL""").fetchall()


def national(wh: Warehouse) -> dict:
    """{(series_id, 'YYYY-MM'): (ratio-of-sums value, unweighted municipal mean)} for the whole country."""
    rows = wh.con.execute("""
        SELECT series_id, period, value, municipal_mean FROM releases.groups
        WHERE area_type = 'country'
          AND release_id = (SELECT release_id FROM releases.publications ORDER BY published_at DESC LIMIT 1)
        """).fetchall()
    return {(s, p.strftime("%Y-%m")): (v, mean) for s, p, v, mean in rows}


def close(a, b, exact: bool = False) -> bool:
    """Equal values, or both missing; within 1e-9 relative unless ``exact``."""
    if a is None or b is None:
        return a is None and b is None
    if exact:
        return a == b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
