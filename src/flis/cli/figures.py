"""``flis compute``, ``flis figures`` and ``flis drill``: compute releases, read values, see the rows behind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from flis.catalogue.loader import load_catalogue
from flis.cli.catalogue import find_series
from flis.cli.output import console, print_json, print_table, progress_bar
from flis.compute.drill import drill
from flis.compute.releases import require_release
from flis.compute.run import compute
from flis.errors import ConfigError
from flis.periods import Period
from flis.reference import municipality as find_municipality
from flis.settings import get_settings
from flis.warehouse.store import Warehouse


def run_compute(full: bool = False, engine: str = "duckdb", parquet: str | None = None, master: str = "local[2]",
                conf: list[str] | None = None):
    catalogue = load_catalogue()
    with Warehouse() as warehouse, progress_bar(f"Computing key figures ({engine})", 1) as update:
        def progress(done: int, total: int) -> None:
            update(done / total)
        scans = None
        if engine == "spark":
            from flis.compute.spark import SparkScans, session
            settings = dict(item.split("=", 1) for item in conf or [])
            scans = SparkScans(session(master, settings), parquet or get_settings().path("parquet"))
        elif engine != "duckdb":
            raise ConfigError(f"unknown engine {engine!r}: use duckdb or spark")
        return compute(warehouse.con, catalogue, incremental=not full, on_progress=progress, scans=scans,
                       corrections=_corrections())


def _corrections() -> list:
    """The corrections in force, from the state store (for the corrected track)."""
    from flis.access import open_state
    from flis.corrections import corrections_in_force

    store = open_state()
    try:
        return corrections_in_force(store)
    finally:
        store.close()


def print_compute(result) -> None:
    console.print(f"Release [bold]{result.release_id}[/] published: {result.series:,} series, {result.cells:,} "
                  f"values in {result.seconds:.1f} s ({result.groups_scanned} scans, {result.groups_copied} "
                  f"copied from {result.parent or 'no parent'}). Recomputed: {result.recomputed}.")


def compute_command(full: bool = typer.Option(False, "--full", help="Recompute everything, ignoring the "
                                                                    "current release."),
                    engine: str = typer.Option("duckdb", help="duckdb (embedded) or spark (over the Parquet "
                                                              "export)."),
                    parquet: str = typer.Option(None, help="Parquet export to read with Spark: a folder or "
                                                           "a URL such as hdfs:///flis/parquet (default "
                                                           "FLIS_HOME/parquet)."),
                    master: str = typer.Option("local[2]", help="Spark master URL."),
                    conf: list[str] = typer.Option(None, help="Spark setting key=value (repeatable)."),
                    quality: bool = typer.Option(True, "--quality/--no-quality",
                                                 help="Run the data-quality checks on the new release and "
                                                      "store their findings (as `flis quality check`)."),
                    as_json: bool = typer.Option(False, "--json")) -> None:
    """Compute every series for every municipality and period into a new release, and publish it; then run
    the data-quality checks."""
    result = run_compute(full, engine, parquet, master, conf)
    if as_json:
        print_json(result.__dict__)
    else:
        print_compute(result)
    if quality:
        print_quality()


def print_quality() -> None:
    from flis.cli.quality import check_and_store

    report, stored = check_and_store()
    console.print(f"Quality checks: {len(report.findings):,} findings ({stored.new:,} new); "
                      f"`flis quality findings` lists them.")


def _period(text: str | None) -> dt.date | None:
    if text is None:
        return None
    if len(text) == 4 and text.isdigit():
        return dt.date(int(text), 1, 1)
    return Period.parse(text).first_day


def figures(series_id: str = typer.Argument(..., help="Figure or series id, e.g. SCH001 or SCH001.sex.2."),
            municipality: str = typer.Option(..., help="Municipality code or name."),
            period: str = typer.Option(None, help="YYYY-MM (or YYYY for annual figures); default all."),
            as_of: dt.datetime = typer.Option(None, "--as-of", help="Values as published at this time."),
            as_json: bool = typer.Option(False, "--json")) -> None:
    """Values of a figure (and its breakdowns) for a municipality, with the national and regional values."""
    catalogue, s = find_series(series_id)
    m = find_municipality(municipality)
    ids = [x.id for x in catalogue.series if x.figure.id == s.id] if s.dimension is None else [s.id]
    when = _period(period)
    with Warehouse(read_only=True) as warehouse:
        release = require_release(warehouse.con, as_of)
        marks = ", ".join("?" for _ in ids)
        sql = f"""
            SELECT c.series_id, c.period, c.value, c.numerator, c.denominator, n.value AS national,
                   r.value AS region, g.value AS municipality_group
            FROM releases.cells c
            LEFT JOIN releases.groups n ON n.release_id = c.release_id AND n.series_id = c.series_id
                 AND n.period = c.period AND n.area_type = 'country'
            LEFT JOIN releases.groups r ON r.release_id = c.release_id AND r.series_id = c.series_id
                 AND r.period = c.period AND r.area_type = 'region' AND r.area = ?
            LEFT JOIN releases.groups g ON g.release_id = c.release_id AND g.series_id = c.series_id
                 AND g.period = c.period AND g.area_type = 'komgrp' AND g.area = ?
            WHERE c.release_id = ? AND c.municipality = ? AND c.series_id IN ({marks})
              AND (CAST(? AS DATE) IS NULL OR c.period = ?)
            ORDER BY c.series_id, c.period"""
        rel = warehouse.con.execute(sql, [str(m.region_code), str(m.group_code), release, m.code, *ids, when,
                                          when])
        names = [d[0] for d in rel.description]
        rows = [dict(zip(names, r)) for r in rel.fetchall()]
    if as_json:
        print_json({"release": release, "municipality": m.code, "values": rows})
        return
    f = s.figure
    fmt = f"{{:,.{f.decimals}f}}"
    show = lambda v: "" if v is None else fmt.format(v)  # noqa: E731
    print_table(f"{s.names.en} — {m.name} ({f.unit.en}; release {release})",
                ["series", "period", "value", "numerator", "denominator", "country", "region", "group"],
                [(r["series_id"], r["period"].strftime("%Y" if f.level != "monthly" else "%Y-%m"), show(r["value"]),
                  show(r["numerator"]), show(r["denominator"]), show(r["national"]), show(r["region"]),
                  show(r["municipality_group"])) for r in rows])


def drill_command(series_id: str = typer.Argument(..., help="Figure or series id."),
                  municipality: str = typer.Option(..., help="Municipality code or name."),
                  period: str = typer.Option(..., help="YYYY-MM (YYYY for annual figures)."),
                  limit: int = typer.Option(20, help="Rows to print per side (all with --json)."),
                  as_json: bool = typer.Option(False, "--json")) -> None:
    """The rows behind a figure's numerator and denominator, with delivery and source line."""
    _, s = find_series(series_id)
    m = find_municipality(municipality)
    with Warehouse(read_only=True) as warehouse:
        parts = drill(warehouse.con, s, m.code, _period(period))
    if as_json:
        print_json({side.side: {"measure": side.measure.describe(), "value": side.value,
                                "rows": side.rows.to_pylist()} for side in parts})
        return
    for side in parts:
        console.print(f"\n[bold]{side.side}[/] = {side.value} ({side.measure.describe()}); "
                      f"{side.rows.num_rows:,} rows")
        cols = ["_delivery", "_line", "measured"] + [c for c in side.rows.column_names
                                                      if c not in ("_delivery", "_line", "measured",
                                                                   "_municipality", "_period")][:6]
        print_table("", cols, [[str(r[c])[:14] if c == "_delivery" else r[c] for c in cols]
                               for r in side.rows.slice(0, limit).to_pylist()])


def export_parquet_command(out: Path = typer.Argument(None, help="Directory (default FLIS_HOME/parquet)."),
                           as_of: dt.datetime = typer.Option(None, "--as-of", help="Rows as known at this time.")
                           ) -> None:
    """Write the canonical tables (now, or as of a time) as Parquet, partitioned by month."""
    from flis.export.parquet import export_parquet
    out = out or get_settings().path("parquet")
    with Warehouse(read_only=True) as warehouse:
        info = export_parquet(warehouse, out, as_of)
    rows = sum(t["rows"] for t in info["tables"].values())
    console.print(f"Exported {len(info['tables'])} tables ({rows:,} rows) to {out}/{info['kind']}")
