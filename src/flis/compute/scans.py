"""Measure groups on the embedded engine, and their results as long measure values.

``DuckDBScans(con)`` reads the canonical tables in force (``current.<table>``); with ``flat=True`` it reads
views named ``current_<table>`` instead, which the corrected track points at corrected rows
(:mod:`flis.corrections.track`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import duckdb
import pyarrow as pa
from sqlglot import exp

from flis.compile.reduce import scan_plan
from flis.compile.sql import SHARED_LEVELS, Group, Source, Span, to_sql
from flis.periods import Period, period_range


def long_values(result: pa.Table, measures) -> pa.Table | None:
    """Wide aggregation result -> long measure values."""
    parts = []
    for m in measures:
        parts.append(pa.table({
            "measure": pa.array([m.key] * result.num_rows, pa.string()),
            "municipality": result.column("municipality").cast(pa.int16()),
            "period": result.column("period").cast(pa.date32()),
            "dimension": result.column("dimension").cast(pa.string()),
            "category": result.column("category").cast(pa.string()),
            "value": result.column(m.key).cast(pa.float64()),
        }))
    return pa.concat_tables(parts) if parts else None


@dataclass
class Keep:
    """Keep the reduced tables that a year's values are read from between releases (in the schema
    ``scan_state`` of the warehouse), and replace in them only the months that changed."""

    release: str
    """The release being computed: the kept tables will describe its inputs."""
    parent: str | None
    """The release they must describe now for their months to be replaced (None: build them anew)."""
    months: tuple[dt.date, dt.date] | None
    """The months that changed, first..last (None: all)."""


class DuckDBScans:
    """Measure groups on the embedded engine: the reduced tables as temporary tables (or kept, see
    :class:`Keep`), then the breakdowns."""

    engine = "duckdb"

    def __init__(self, con: duckdb.DuckDBPyConnection, flat: bool = False):
        self.con, self.flat = con, flat
        self.used: set[str] = set()
        self.schema_ready = False

    def run(self, unit: list[tuple[Group, Span]], municipalities: list[int], keep: Keep | None = None):
        """One group, or groups sharing a projection (:func:`scan_units`): yields (index in ``unit``,
        measures, their values)."""
        source = Source(flat=self.flat)
        states: dict[str, str] = {}
        decisions: dict[str, str] = {}
        """Kept table -> how the changed months get into it (see :meth:`_how`)."""
        appended: set[str] = set()
        incremental = False
        if keep is not None and any(g.level == "annual" for g, _ in unit):
            incremental = keep.parent is not None and keep.months is not None
            plan = scan_plan(unit, source, municipalities, self.engine, rows=keep.months if incremental else None)
            states = {name: kept_name(unit, name, municipalities) for name in plan.kept}
            if incremental:
                decisions = {name: self._how(state, plan.kept[name], keep.months)
                             for name, state in states.items() if self._release(state) == keep.parent}
            if incremental and (len(decisions) < len(states) or "rebuild" in decisions.values()):
                incremental = False  # not kept for the parent, or not replaceable: build them from all months
                plan = scan_plan(unit, source, municipalities, self.engine, rows=None)
            self.used |= set(states.values())
        else:
            plan = scan_plan(unit, source, municipalities, self.engine)
        try:
            for name, select in plan.tables:
                sql = to_sql(select, self.engine, spent=True)
                if name not in states:
                    self.con.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS {sql}')
                    continue
                state = states[name]
                self._mark(state, None)
                if incremental:
                    self.con.execute(f'CREATE OR REPLACE TEMP TABLE "{name}__part" AS {sql}')
                    self._replace(state, f"{name}__part", plan.kept[name], keep.months, name, decisions[name])
                    if decisions[name] == "append":
                        appended.add(name)
                    self.con.execute(f'DROP TABLE "{name}__part"')
                else:
                    self.con.execute(f'CREATE OR REPLACE TABLE scan_state."{state}" AS {sql}')
                    self.con.execute("DELETE FROM scan_state.appended WHERE state = ?", [state])
                self._mark(state, keep.release)
                self.con.execute(f'CREATE OR REPLACE TEMP VIEW "{name}" AS SELECT * FROM scan_state."{state}"')
            for k, queries in enumerate(plan.aggregations):
                for dim, measures, select in queries:
                    read = {t.name for t in select.find_all(exp.Table)} & appended
                    if read:
                        yield k, measures, self._added(select, read.pop(), dim, measures, keep)
                    else:
                        sql = to_sql(select, self.engine, spent=True)
                        yield k, measures, self.con.sql(sql).to_arrow_table()
        finally:
            for name in appended:
                self.con.execute(f'DROP TABLE IF EXISTS "{name}__before"')
                self.con.execute(f'DROP TABLE IF EXISTS "{name}__after"')
            for name, _ in plan.tables:
                if name in states:
                    self.con.execute(f'DROP VIEW IF EXISTS "{name}"')
                else:
                    self.con.execute(f'DROP TABLE IF EXISTS "{name}"')

    # --- kept tables ----------------------------------------------------------------------------------

    def _schema(self) -> None:
        if not self.schema_ready:
            self.con.execute("CREATE SCHEMA IF NOT EXISTS scan_state")
            self.con.execute("CREATE TABLE IF NOT EXISTS scan_state.kept (state VARCHAR PRIMARY KEY, release VARCHAR)")
            self.con.execute("CREATE TABLE IF NOT EXISTS scan_state.appended (state VARCHAR, month DATE)")
            self.schema_ready = True

    def _exists(self, state: str) -> bool:
        return self.con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'scan_state' "
                                "AND table_name = ?", [state]).fetchall()[0][0] > 0

    def _release(self, state: str) -> str | None:
        """The release whose inputs the kept table describes (None: none, or it is missing or changing)."""
        self._schema()
        row = self.con.execute("SELECT release FROM scan_state.kept WHERE state = ?", [state]).fetchall()
        return row[0][0] if row and self._exists(state) else None

    def _mark(self, state: str, release: str | None) -> None:
        """Which release's inputs the kept table describes (None while it is being changed)."""
        self._schema()
        self.con.execute("INSERT OR REPLACE INTO scan_state.kept VALUES (?, ?)", [state, release])

    def _replace(self, state: str, part: str, how: tuple[str, str, tuple[str, ...]],
                 months: tuple[dt.date, dt.date], name: str | None = None,
                 decision: str | None = None) -> None:
        """Put the rows of the changed months (``part``) in place of theirs in the kept table, as ``decision``
        says (from :meth:`_how` if not given; with ``name``, an append leaves the rows it touched as
        ``<name>__before`` and ``<name>__after``, see :meth:`_added`)."""
        decision = decision or self._how(state, how, months)
        kind, column, masks = how
        first, last = months
        if kind == "months":
            self.con.execute(f'DELETE FROM scan_state."{state}" WHERE "{column}" BETWEEN ? AND ?', [first, last])
            self.con.execute(f'INSERT INTO scan_state."{state}" SELECT * FROM "{part}"')
            return
        names = [r[0] for r in self.con.execute(f'DESCRIBE scan_state."{state}"').fetchall()]
        keys = [n for n in names if n not in masks]
        if decision == "append":
            self._append(state, part, keys, masks, months, column, name)
            return
        clear = _bits(months)
        cleared = " ".join(f'WHEN year("{column}") = {int(y)} THEN {int(b)}' for y, b in clear.items())
        cleared = f"CASE {cleared} ELSE 0 END"
        listed = ", ".join(f'"{n}"' for n in names)
        kept = ", ".join([f'"{n}"' for n in keys] + [f'"{n}" & ~({cleared}) AS "{n}"' for n in masks])
        merged = ", ".join([f'"{n}"' for n in keys] + [f'bit_or("{n}") AS "{n}"' for n in masks])
        years = f'year("{column}") IN ({", ".join(str(int(y)) for y in clear)})'
        merge = f"""
            SELECT {merged} FROM (
                SELECT {listed} FROM (SELECT {kept} FROM scan_state."{state}" WHERE {years}) WHERE "_months" <> 0
                UNION ALL BY NAME SELECT {listed} FROM "{part}")
            GROUP BY ALL"""
        other_years = self.con.execute(f'SELECT count(*) FROM (SELECT 1 FROM scan_state."{state}" '
                                       f"WHERE NOT {years} LIMIT 1)").fetchall()[0][0]
        if other_years:  # rewrite only the years that changed
            self.con.execute(f"CREATE OR REPLACE TEMP TABLE kept_merge AS {merge}")
            self.con.execute(f'DELETE FROM scan_state."{state}" WHERE {years}')
            self.con.execute(f'INSERT INTO scan_state."{state}" BY NAME SELECT * FROM kept_merge')
            self.con.execute("DROP TABLE kept_merge")
            return
        self.con.execute(f'CREATE OR REPLACE TABLE scan_state."{state}_merged" AS {merge}')
        self.con.execute(f'DROP TABLE scan_state."{state}"')
        self.con.execute(f'ALTER TABLE scan_state."{state}_merged" RENAME TO "{state}"')

    def _how(self, state: str, how: tuple[str, str, tuple[str, ...]], months: tuple[dt.date, dt.date]) -> str:
        """How the changed months get into a kept table: ``replace`` them (keyed by month, or masks whose
        months can be cleared), ``append`` them (masks, none of these months in the table yet) or
        ``rebuild`` it (masks from which a month must be taken out while a year has appended months)."""
        kind, column, _ = how
        if kind == "months":
            return "replace"
        clear = _bits(months)
        years = ", ".join(str(int(y)) for y in clear)
        present = dict(self.con.execute(f'SELECT year("{column}"), bit_or("_months") '
                                        f'FROM scan_state."{state}" '
                                        f'WHERE year("{column}") IN ({years}) GROUP BY ALL').fetchall())
        appended = self.con.execute(f"SELECT DISTINCT year(month), month(month) FROM scan_state.appended "
                                    f"WHERE state = ? AND year(month) IN ({years})", [state]).fetchall()
        for year, month in appended:
            present[year] = (present.get(year) or 0) | 1 << (month - 1)
        if not any((present.get(year) or 0) & bits for year, bits in clear.items()):
            return "append"
        return "rebuild" if appended else "replace"

    def _append(self, state: str, part: str, keys: list[str], masks: tuple[str, ...],
                months: tuple[dt.date, dt.date], year: str, name: str | None = None) -> None:
        """Add months that the table does not hold yet: values not seen before in their categories are
        inserted, and values seen before get the new months' bits only where they newly pass a filter.

        A year's values need only whether each mask is zero, so the months' bits are left off the other
        values seen before (regrouping the whole year for them was most of an incremental month); the
        months are noted in ``scan_state.appended``, and taking one of that year's months out later
        rebuilds the table from all months."""
        # The municipality and the year are never NULL: plain equality lets the join hash them directly.
        same = " AND ".join(f'k."{n}" = p."{n}"' if n in ("_m", year)
                            else f'k."{n}" IS NOT DISTINCT FROM p."{n}"' for n in keys)
        flags = [n for n in masks if n != "_months"]
        newly = " OR ".join(f'(k."{n}" = 0 AND p."{n}" <> 0)' for n in flags) or "false"
        self.con.execute(f"""
            CREATE OR REPLACE TEMP TABLE kept_delta AS
            SELECT p.*, k."_months" IS NULL AS "__fresh"
            FROM "{part}" p LEFT JOIN scan_state."{state}" k ON {same}
            WHERE k."_months" IS NULL OR {newly}""")
        listed = ", ".join(f'"{n}"' for n in keys + list(masks))
        if name is not None:  # the rows of the values touched, before and after (keys end with the value)
            value = keys[-1]
            self.con.execute(f"""
                CREATE OR REPLACE TEMP TABLE "{name}__before" AS
                SELECT k.* FROM scan_state."{state}" k SEMI JOIN (SELECT DISTINCT "_m", "{year}", "{value}"
                FROM kept_delta) t ON k."_m" = t."_m" AND k."{year}" = t."{year}"
                AND k."{value}" IS NOT DISTINCT FROM t."{value}" """)
            merged = ", ".join([f'"{n}"' for n in keys] + [f'bit_or("{n}") AS "{n}"' for n in masks])
            self.con.execute(f"""
                CREATE OR REPLACE TEMP TABLE "{name}__after" AS SELECT {merged} FROM (
                    SELECT {listed} FROM "{name}__before" UNION ALL SELECT {listed} FROM kept_delta)
                GROUP BY ALL""")
        self.con.execute(f'INSERT INTO scan_state."{state}" ({listed}) SELECT {listed} FROM kept_delta '
                         'WHERE "__fresh"')
        if flags:
            added = ", ".join(f'"{n}" = k."{n}" | d."{n}"' for n in masks)
            matched = same.replace("p.", "d.")
            self.con.execute(f'UPDATE scan_state."{state}" AS k SET {added} FROM kept_delta d '
                             f'WHERE NOT d."__fresh" AND {matched}')
        self.con.execute("DROP TABLE kept_delta")
        self.con.executemany("INSERT INTO scan_state.appended VALUES (?, ?)",
                             [[state, m.first_day] for m in _months(months)])

    def _added(self, select: exp.Select, name: str, dim, measures, keep: Keep) -> pa.Table:
        """A breakdown of a year whose months were appended, without reading the year: the parent release's
        values plus the breakdown of the touched values' rows after the append, minus the same before it.

        A distinct count per category changes only for values whose rows were added or newly pass a filter,
        and those rows (with the other rows of the same values) are all the two small tables hold."""
        after = to_sql(_reading(select, name, f"{name}__after"), self.engine)
        before = to_sql(_reading(select, name, f"{name}__before"), self.engine)
        keys = [m.key for m in measures]
        pivot = ", ".join(f'max(value) FILTER (WHERE measure = ${i + 4}) AS "{k}"'
                          for i, k in enumerate(keys))
        sums = ", ".join(f'sum("{k}") AS "{k}"' for k in keys)
        negated = ", ".join(f'-"{k}" AS "{k}"' for k in keys)
        sql = f"""
            WITH a AS ({after}), b AS ({before}),
            p AS (SELECT municipality, period, dimension, category, {pivot} FROM releases.measure_values
                  WHERE release_id = $1 AND dimension = $2 AND list_contains($3, year(period))
                  AND list_contains(${len(keys) + 4}, measure) GROUP BY ALL)
            SELECT municipality, period, dimension, category, {sums} FROM (
                SELECT * FROM p
                UNION ALL BY NAME SELECT * FROM a
                UNION ALL BY NAME SELECT municipality, period, dimension, category, {negated} FROM b)
            GROUP BY municipality, period, dimension, category"""
        params = [keep.parent, dim.name if dim else "", sorted(_bits(keep.months)), *keys, keys]
        return self.con.sql(sql, params=params).to_arrow_table()

    def finish(self, keep: Keep) -> None:
        """After a compute: kept tables of units that did not change describe the new release too; on a
        compute of everything, kept tables no group uses any more are dropped."""
        self._schema()
        if keep.parent is not None:
            self.con.execute("UPDATE scan_state.kept SET release = ? WHERE release = ?", [keep.release, keep.parent])
            return
        for (state,) in self.con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'scan_state' "
                                         "AND table_name NOT IN ('kept', 'appended')").fetchall():
            if state not in self.used:
                self.con.execute(f'DROP TABLE scan_state."{state}"')
                self.con.execute("DELETE FROM scan_state.kept WHERE state = ?", [state])
                self.con.execute("DELETE FROM scan_state.appended WHERE state = ?", [state])


def _reading(select: exp.Select, table: str, instead: str) -> exp.Select:
    """``select`` reading the table ``instead`` where it reads ``table``."""
    return select.transform(lambda n: exp.Table(this=exp.to_identifier(instead, quoted=True))
                            if isinstance(n, exp.Table) and n.name == table else n)


def _months(span: tuple[dt.date, dt.date]) -> list[Period]:
    """The months first..last."""
    start = Period.of(span[0])
    return period_range(start, Period.of(span[1]) - start + 1)


def _bits(span: tuple[dt.date, dt.date]) -> dict[int, int]:
    """Year -> the bits of the months first..last in its masks (January 1 ... December 2048)."""
    out: dict[int, int] = {}
    for month in _months(span):
        out[month.year] = out.get(month.year, 0) | 1 << (month.month - 1)
    return out


KEPT_FORMAT = 2
"""Changes when the compiler changes the shape of kept tables: older ones are then built anew."""


def kept_name(unit: list[tuple[Group, Span]], table: str, municipalities: list[int]) -> str:
    """The name of a kept table in ``scan_state``: a digest of what defines its content (the groups' measures
    and breakdowns, the municipalities, the table's name in the plan and the format)."""
    parts = [KEPT_FORMAT, table, sorted(municipalities)] + [(g.key, [m.key for m in g.measures],
                                     [(d.name, d.of_text, sorted(d.categories), d.bands)
                                      for d in g.dimensions],
                                     sorted((k, sorted(v)) for k, v in g.by_dimension.items())) for g, _ in unit]
    return "k_" + hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def scan_units(todo: list[tuple[Group, Span]]) -> list[list[tuple[Group, Span]]]:
    """The groups to scan, with those that can share a projection (a relation's monthly and annual groups
    with the same attribution) put together."""
    units: dict[tuple, list] = {}
    for group, span in todo:
        key = (group.relation.id, group.attribution) if group.level in SHARED_LEVELS else (group.key,)
        units.setdefault(key, []).append((group, span))
    return list(units.values())


def relevant_months(group: Group, months: set[dt.date]) -> set[dt.date]:
    """The changed months that can change the group's values: start-of-year measures read January only."""
    if group.level == "start_of_year":
        return {m for m in months if m.month == 1}
    return months


def span(group: Group, months: set[dt.date]) -> tuple[dt.date, dt.date]:
    first, last = min(months), max(months)
    if group.level == "start_of_year":
        first, last = dt.date(first.year, 1, 1), dt.date(last.year, 1, 1)
    elif group.level != "monthly":
        first, last = dt.date(first.year, 1, 1), dt.date(last.year, 12, 1)
    return first, last
