"""Compute every published series for every municipality and period into a new release.

1. **Plan**: measures are grouped by (relation, attribution, level); each group is one scan of the
   warehouse computing all its measures and all its variants' categories (see compile.sql).
2. **Measure values**: the groups' results, long: measure x municipality x period x category. With a
   parent release of the same catalogue, only groups whose input tables changed are scanned again,
   and only for the months (or years, for annual figures) that changed; the rest is copied.
3. **Assembly** (cheap, always complete): series = numerator and denominator measure values on the
   municipalities and periods that delivered the data both sides read, rolling 12-month windows, changes
   from a year earlier, and the regional, municipality-group and national values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from flis import reference
from flis.catalogue.model import Catalogue, Figure
from flis.compare.snapshot import snapshot_after_compute
from flis.compile.sql import Group, scan_attribution
from flis.compute.releases import current_release, ensure_schema
from flis.compute.scans import DuckDBScans, Keep, long_values, relevant_months as _relevant, scan_units
from flis.compute.scans import span as _span
from flis.corrections.track import corrected_track
from flis.periods import Period


@dataclass
class ComputeResult:
    release_id: str
    parent: str | None
    series: int
    cells: int
    groups_scanned: int
    groups_copied: int
    recomputed: str
    seconds: float


def plan(catalogue: Catalogue) -> list[Group]:
    groups: dict[tuple[str, str, str], Group] = {}
    for figure in catalogue.figures.values():
        for m in (figure.numerator, figure.denominator):
            if m is None:
                continue
            attribution = scan_attribution(m)
            g = groups.setdefault((m.source.id, attribution, m.level), Group(m.source, attribution, m.level))
            if all(x.key != m.key for x in g.measures):
                g.measures.append(m)
            for dim in figure.variants:
                if all(d.name != dim.name for d in g.dimensions):
                    g.dimensions.append(dim)
                keys = g.by_dimension.setdefault(dim.name, [])
                if m.key not in keys:
                    keys.append(m.key)
    return list(groups.values())


def _series_table(catalogue: Catalogue) -> pa.Table:
    rows = []
    for s in catalogue.series:
        f: Figure = s.figure
        base = None
        if f.kind == "change":
            base = f.change_of + s.id[len(f.id):]
        num, den = f.numerator, f.denominator
        # A value needs the base tables of numerator and denominator delivered; lookups are optional
        # (a municipality delivers weekly benefit records or benefit spells, not both).
        tables = sorted({m.source.base.qualified for m in (num, den) if m is not None})
        rows.append({
            "series_id": s.id, "figure_id": f.id, "kind": f.kind, "num": num.key if num else None,
            "den": den.key if den else None, "dimension": s.dimension.name if s.dimension else "",
            "category": s.category or "", "scale": float(f.scale), "additive": bool(num and num.counts),
            "den_additive": bool(den and den.counts), "tables": tables, "level": f.level,
            "rolling_den": f.rolling_denominator if f.rolling else None, "change_base": base,
            "change": f.change, "depth": _depth(catalogue, f),
        })
    return pa.Table.from_pylist(rows)


def _depth(catalogue: Catalogue, f: Figure) -> int:
    depth = 0
    while f.change_of:
        depth, f = depth + 1, catalogue.figures[f.change_of]
    return depth


def _areas() -> pa.Table:
    rows = []
    for m in reference.municipalities():
        rows += [{"municipality": m.code, "area_type": "country", "area": "DK"},
                 {"municipality": m.code, "area_type": "region", "area": str(m.region_code)},
                 {"municipality": m.code, "area_type": "komgrp", "area": str(m.group_code)}]
    return pa.Table.from_pylist(rows)


def _changed(con: duckdb.DuckDBPyConnection, parent: str) -> dict[str, set[dt.date]]:
    rows = con.execute("""
        SELECT coalesce(n.table_name, o.table_name), coalesce(n.period, o.period)
        FROM (SELECT * FROM registry.effective) n
        FULL JOIN (SELECT * FROM releases.inputs WHERE release_id = ?) o
          ON o.table_name = n.table_name AND o.municipality = n.municipality AND o.period = n.period
        WHERE n.delivery_id IS DISTINCT FROM o.delivery_id""", [parent]).fetchall()
    out: dict[str, set[dt.date]] = {}
    for table, period in rows:
        out.setdefault(table, set()).add(period)
    return out


def _since(changed: dict[str, set[dt.date]]) -> dict[str, dt.date]:
    """Per level, the first period whose series values can differ from the parent release's."""
    months = set().union(*changed.values()) if changed else set()
    never = dt.date(9999, 1, 1)
    if not months:
        return {"monthly": never, "annual": never, "start_of_year": never}
    first = min(months)
    year = dt.date(first.year, 1, 1)
    januaries = [m for m in months if m.month == 1]
    return {"monthly": first, "annual": year, "start_of_year": min(januaries) if januaries else never}


def compute(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, *, incremental: bool = True,
            now: dt.datetime | None = None, on_progress: Callable[[int, int], None] | None = None,
            scans=None, corrections: list | None = None) -> ComputeResult:
    """Compute a new release from the warehouse's current state and publish it.

    ``scans`` runs the measure groups (default: DuckDB on the warehouse itself; see compute.spark for
    Spark over the Parquet export); assembling series and storing the release always happen here.
    ``corrections`` (:func:`flis.corrections.store.corrections_in_force`) make the corrected track beside
    the as-delivered one (:mod:`flis.corrections.track`; its rescans run on DuckDB over the warehouse)."""
    started = time.perf_counter()
    scans = scans or DuckDBScans(con)
    ensure_schema(con)
    now = now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    parent = current_release(con) if incremental else None
    if parent is not None:
        version = con.execute("SELECT catalogue_version FROM releases.releases WHERE release_id = ?",
                              [parent]).fetchall()[0][0]
        if version != catalogue.version:
            parent = None
    changed = _changed(con, parent) if parent else {}
    state = hashlib.sha256(repr(con.execute(
        "SELECT table_name, municipality, period, delivery_id FROM registry.effective ORDER BY ALL").fetchall()
    ).encode()).hexdigest()[:16]
    count = con.execute("SELECT count(*) FROM releases.releases").fetchall()[0][0]
    release = f"R{count + 1:05d}"
    municipalities = [m.code for m in reference.municipalities()]
    groups = plan(catalogue)
    scanned, notes = 0, []
    con.execute("CREATE OR REPLACE TEMP TABLE mv (measure VARCHAR, municipality SMALLINT, period DATE, "
                "dimension VARCHAR, category VARCHAR, value DOUBLE)")
    todo, keep, changed_months = [], [], {}
    for group in groups:
        tables = {t.qualified for t in group.relation.tables}
        months = _relevant(group, set().union(*(changed.get(t, set()) for t in tables))) if parent else set()
        changed_months[group.key] = months
        span = _span(group, months) if months else None
        if parent is not None:
            # measure values outside the recomputed span come from the parent release
            keep += [{"measure": m.key, "first": span[0] if span else None, "last": span[1] if span else None}
                     for m in group.measures]
        if parent is None or span is not None:
            todo.append((group, span))
    if keep:
        con.register("keep_arrow", pa.Table.from_pylist(keep, pa.schema([("measure", pa.string()),
                                                                           ("first", pa.date32()),
                                                                           ("last", pa.date32())])))
        con.execute("""
            INSERT INTO mv SELECT v.measure, v.municipality, v.period, v.dimension, v.category, v.value
            FROM releases.measure_values v JOIN keep_arrow k USING (measure)
            WHERE v.release_id = ? AND (k.first IS NULL OR v.period NOT BETWEEN k.first AND k.last)""", [parent])
        con.unregister("keep_arrow")
    copied = len(groups) - len(todo)
    if on_progress and copied:
        on_progress(copied, len(groups))
    for unit in scan_units(todo):
        months = set().union(*(changed_months[g.key] for g, _ in unit))
        kept = Keep(release, parent, (min(months), max(months)) if months else None)
        for _, measures, result in scans.run(unit, municipalities, kept):
            long = long_values(result, measures)
            if long is not None and long.num_rows:
                con.register("mv_part", long)
                con.execute("INSERT INTO mv SELECT * FROM mv_part")
                con.unregister("mv_part")
        for group, span in unit:
            scanned += 1
            if span:
                notes.append(f"{group.relation.id} {span[0]:%Y-%m}..{span[1]:%Y-%m}")
        if on_progress:
            on_progress(copied + scanned, len(groups))
    scans.finish(Keep(release, parent, None))
    series = _series_table(catalogue)
    cells = assemble(con, series, parent, _since(changed) if parent else None)
    corrected = corrected_track(con, groups, series, list(corrections or []), municipalities,
                                lambda c, s: assemble(c, s))
    if corrections:
        notes.append(f"corrected track: {len(corrections)} correction(s), {corrected:,} cells")
    _incomplete(con, catalogue)
    recomputed = ("everything" if parent is None else
                  ("nothing (no input changed)" if not notes else "; ".join(sorted(set(notes)))))
    if parent is None and corrections:
        recomputed += f"; {notes[-1]}"
    seconds = time.perf_counter() - started
    store(con, catalogue, release, parent, now, state, cells, recomputed, seconds)
    snapshot_after_compute(con, release)
    return ComputeResult(release, parent, len(catalogue.series), cells, scanned, copied, recomputed, seconds)


def _incomplete(con: duckdb.DuckDBPyConnection, catalogue: Catalogue) -> None:
    """Temp table ``incomplete_cells``: values whose inputs were not all delivered (the quality flag)."""
    from flis.quality.completeness import incomplete_inputs  # quality reads releases: import when needed

    rows = incomplete_inputs(con, catalogue)
    table = pa.table({"series_id": pa.array([r[0] for r in rows], pa.string()),
                      "municipality": pa.array([r[1] for r in rows], pa.int16()),
                      "period": pa.array([Period.parse(r[2]).first_day for r in rows], pa.date32())})
    con.register("incomplete_arrow", table)
    con.execute("CREATE OR REPLACE TEMP TABLE incomplete_cells AS SELECT * FROM incomplete_arrow")
    con.unregister("incomplete_arrow")


def assemble(con: duckdb.DuckDBPyConnection, series: pa.Table, parent: str | None = None,
             since: dict[str, dt.date] | None = None) -> int:
    """Build ``cells`` and ``group_cells`` (temp tables) from ``mv``; returns the number of cells.

    With a ``parent`` release and ``since`` (per level, the first period whose values can have changed),
    only periods from ``since`` on are assembled; earlier cells are copied from the parent. That is exact:
    a value at period p depends on measure values at p (ratios), p-11..p (rolling) or p and p-12 (changes),
    all before ``since`` when p is, and those did not change."""
    since = since or {}
    levels = series.column("level").to_pylist()
    series = series.append_column("since", pa.array([since.get(level) for level in levels], pa.date32()))
    con.register("series_def_arrow", series)
    con.execute("CREATE OR REPLACE TEMP TABLE series_def AS SELECT * FROM series_def_arrow")
    con.unregister("series_def_arrow")
    con.register("areas_arrow", _areas())
    con.execute("CREATE OR REPLACE TEMP TABLE areas AS SELECT * FROM areas_arrow")
    con.unregister("areas_arrow")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE presence AS
        SELECT DISTINCT table_name, 'monthly' AS level, municipality, period FROM registry.effective
        UNION SELECT DISTINCT table_name, 'annual', municipality, CAST(date_trunc('year', period) AS DATE)
              FROM registry.effective
        UNION SELECT DISTINCT table_name, 'start_of_year', municipality, period FROM registry.effective
              WHERE month(period) = 1""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE complete AS
        WITH figures AS (SELECT DISTINCT figure_id, level, tables FROM series_def WHERE kind <> 'change'),
             needed AS (SELECT figure_id, level, len(tables) AS n, unnest(tables) AS table_name FROM figures)
        SELECT r.figure_id, q.municipality, q.period
        FROM needed r JOIN presence q ON q.table_name = r.table_name AND q.level = r.level
        GROUP BY r.figure_id, q.municipality, q.period, r.n HAVING count(*) = r.n""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE raw_cells AS
        SELECT s.series_id, p.municipality, p.period,
               CASE WHEN n.value IS NULL AND s.additive THEN 0 ELSE n.value END AS numerator,
               CASE WHEN s.den IS NULL THEN NULL
                    WHEN d.value IS NULL AND s.den_additive THEN 0 ELSE d.value END AS denominator
        FROM series_def s
        JOIN complete p ON p.figure_id = s.figure_id
        LEFT JOIN mv n ON n.measure = s.num AND n.municipality = p.municipality AND n.period = p.period
                      AND n.dimension = s.dimension AND n.category = s.category
        LEFT JOIN mv d ON d.measure = s.den AND d.municipality = p.municipality AND d.period = p.period
                      AND d.dimension = s.dimension AND d.category = s.category
        WHERE s.kind <> 'change' AND (s.since IS NULL OR p.period >= s.since - INTERVAL 11 MONTH)""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE cells AS
        WITH rolled AS (
            SELECT c.series_id, c.municipality, c.period,
                   CASE WHEN s.kind = 'rolling' THEN sum(c.numerator) OVER w ELSE c.numerator END AS numerator,
                   CASE WHEN s.kind <> 'rolling' THEN c.denominator
                        WHEN s.rolling_den = 'sum' THEN sum(c.denominator) OVER w
                        ELSE avg(c.denominator) OVER w END AS denominator,
                   CASE WHEN s.kind = 'rolling' THEN count(*) OVER w ELSE 12 END AS months,
                   s.scale, s.den IS NULL AS single, s.since
            FROM raw_cells c JOIN series_def s USING (series_id)
            WINDOW w AS (PARTITION BY c.series_id, c.municipality ORDER BY c.period
                         RANGE BETWEEN INTERVAL 11 MONTH PRECEDING AND CURRENT ROW))
        SELECT series_id, municipality, period, numerator, denominator,
               CASE WHEN months < 12 THEN NULL
                    WHEN single THEN numerator * scale
                    WHEN denominator IS NULL OR denominator = 0 THEN NULL
                    ELSE numerator / denominator * scale END AS value
        FROM rolled WHERE since IS NULL OR period >= since""")
    if parent is not None:
        con.execute("""
            INSERT INTO cells SELECT c.series_id, c.municipality, c.period, c.numerator, c.denominator, c.value
            FROM releases.cells c JOIN series_def s USING (series_id)
            WHERE c.release_id = ? AND s.since IS NOT NULL AND c.period < s.since""", [parent])
    con.execute("""
        CREATE OR REPLACE TEMP TABLE group_cells AS
        SELECT c.series_id, a.area_type, a.area, c.period,
               sum(c.numerator) FILTER (WHERE c.value IS NOT NULL) AS numerator,
               sum(c.denominator) FILTER (WHERE c.value IS NOT NULL) AS denominator,
               CASE WHEN s.den IS NULL AND s.additive
                        THEN sum(c.numerator) FILTER (WHERE c.value IS NOT NULL) * s.scale
                    WHEN s.den IS NULL THEN NULL
                    ELSE sum(c.numerator) FILTER (WHERE c.value IS NOT NULL)
                         / nullif(sum(c.denominator) FILTER (WHERE c.value IS NOT NULL), 0) * s.scale
               END AS value,
               avg(c.value) AS municipal_mean, count(c.value) AS municipalities
        FROM cells c JOIN areas a USING (municipality) JOIN series_def s USING (series_id)
        WHERE s.kind <> 'change' AND (s.since IS NULL OR c.period >= s.since)
        GROUP BY c.series_id, a.area_type, a.area, c.period, s.den, s.additive, s.scale""")
    if parent is not None:
        con.execute("""
            INSERT INTO group_cells SELECT g.series_id, g.area_type, g.area, g.period, g.numerator, g.denominator,
                   g.value, g.municipal_mean, g.municipalities
            FROM releases.groups g JOIN series_def s USING (series_id)
            WHERE g.release_id = ? AND s.since IS NOT NULL AND g.period < s.since""", [parent])
    depth = con.execute("SELECT coalesce(max(depth), 0) FROM series_def").fetchall()[0][0]
    for level in range(1, depth + 1):
        for target, keys in (("cells", "municipality"), ("group_cells", "area_type, area")):
            join = " AND ".join(f"b.{k.strip()} = a.{k.strip()}" for k in keys.split(","))
            extra = "" if target == "cells" else ", NULL, 0"
            con.execute(f"""
                INSERT INTO {target}
                SELECT s.series_id, {', '.join('a.' + k.strip() for k in keys.split(','))}, a.period,
                       a.value, b.value,
                       CASE WHEN s.change = 'difference' THEN a.value - b.value
                            WHEN b.value IS NULL OR b.value = 0 THEN NULL
                            ELSE (a.value - b.value) / abs(b.value) * 100 END{extra}
                FROM series_def s
                JOIN {target} a ON a.series_id = s.change_base
                LEFT JOIN {target} b ON b.series_id = s.change_base AND {join}
                                     AND b.period = CAST(a.period - INTERVAL 12 MONTH AS DATE)
                WHERE s.kind = 'change' AND s.depth = ? AND (s.since IS NULL OR a.period >= s.since)""", [level])
    con.execute("""
        UPDATE group_cells g SET municipalities = c.n, municipal_mean = c.mean
        FROM (SELECT c.series_id, a.area_type, a.area, c.period, count(c.value) AS n, avg(c.value) AS mean
              FROM cells c JOIN areas a USING (municipality) JOIN series_def s USING (series_id)
              WHERE s.kind = 'change' AND (s.since IS NULL OR c.period >= s.since) GROUP BY ALL) c
        WHERE g.series_id = c.series_id AND g.area_type = c.area_type AND g.area = c.area AND g.period = c.period""")
    return con.execute("SELECT count(*) FROM cells").fetchall()[0][0]


def store(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, release: str, parent: str | None,
          now: dt.datetime, state: str, cells: int, recomputed: str, seconds: float) -> None:
    """Write the release and publish it, in one transaction: the switch is atomic."""
    meta = pa.Table.from_pylist([{
        "release_id": release, "series_id": s.id, "figure_id": s.figure.id, "domain": s.figure.domain,
        "name_da": s.names.da, "name_en": s.names.en, "dimension": s.dimension.name if s.dimension else None,
        "category": s.category, "unit_en": s.figure.unit.en, "unit_da": s.figure.unit.da,
        "scale": float(s.figure.scale), "display": s.figure.display, "decimals": s.figure.decimals,
        "level": s.figure.level, "direction": s.figure.direction, "definition": s.definition(),
    } for s in catalogue.series])
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("INSERT INTO releases.inputs SELECT ?, table_name, municipality, period, delivery_id "
                    "FROM registry.effective", [release])
        con.execute("INSERT INTO releases.measure_values SELECT ?, * FROM mv", [release])
        con.register("series_meta", meta)
        con.execute("INSERT INTO releases.series SELECT * FROM series_meta")
        con.unregister("series_meta")
        con.execute("INSERT INTO releases.cells SELECT ?, * FROM cells", [release])
        con.execute("INSERT INTO releases.groups SELECT ?, * FROM group_cells", [release])
        con.execute("INSERT INTO releases.corrected_cells SELECT ?, * FROM corr_cells", [release])
        con.execute("INSERT INTO releases.corrected_groups SELECT ?, * FROM corr_groups", [release])
        con.execute("INSERT INTO releases.corrections SELECT ?, * FROM corr_list", [release])
        con.execute("INSERT INTO releases.incomplete SELECT ?, * FROM incomplete_cells", [release])
        deliveries = con.execute("SELECT count(*) FROM registry.effective").fetchall()[0][0]
        con.execute("INSERT INTO releases.releases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [release, now, parent, catalogue.version, state, deliveries, len(catalogue.series), cells,
                     recomputed, seconds])
        con.execute("INSERT INTO releases.publications VALUES (?, ?)", [release, now])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
