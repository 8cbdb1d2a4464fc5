"""The reduced tables give every measure exactly its value over the rows.

A measure group is computed from reduced tables (totals per combination of categories, one row per
distinct value, weights per percentile value: see :mod:`flis.compile.reduce`), never from the rows
directly. Whatever the rows, each measure must equal what Python computes from them one by one: counts and
sums under each filter, distinct counts, averages, extremes, and exact percentiles interpolated as
``quantile_cont`` does; a category present in the rows but with no row passing a filter has count 0 and no
average, percentile or extreme. Months and the year (annual level, from the same rows) both.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlglot import exp

from flis.catalogue.loader import load_catalogue
from flis.compile.reduce import kind, scan_plan
from flis.compile.sql import Group, Source
from flis.compute.scans import DuckDBScans, long_values, scan_units

MUNICIPALITIES = [101, 147]
MONTHS = [dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1)]
KINDS = [("count", None), ("count_distinct", None), ("sum", None), ("avg", None), ("min", None), ("max", None),
         ("median", None), ("percentile", 0.9), ("percentile", 0.25), ("count_distinct", "person")]


@pytest.fixture(scope="module")
def parts():
    catalogue = load_catalogue()
    base = next(m for m in catalogue.measures().values() if m.source.id == "citizens.residents")
    dims = {d.name: d for f in catalogue.figures.values() for d in f.variants}
    return base, [dims["sex"], dims["origin"]]


def measure(base, what: str, percentile, where: str | None, level: str):
    of = "person_id" if percentile == "person" else "house"
    return replace(base, measure=what, of=None if what == "count" else exp.column(of),
                   of_text=None if what == "count" else of, where=exp.maybe_parse(where) if where else None,
                   where_text=where, attribution="_municipality", level=level,
                   percentile=percentile if what == "percentile" else None)


def python_value(what: str, p, values: list) -> float | None:
    present = [v for v in values if v is not None]
    if what == "count":
        return float(len(values))
    if what == "count_distinct":
        return float(len(set(present)))
    if what == "sum":
        return float(sum(present)) if present else None
    if not present:
        return None
    if what == "avg":
        return sum(present) / len(present)
    if what in ("min", "max"):
        return float(min(present) if what == "min" else max(present))
    ordered, q = sorted(present), (0.5 if what == "median" else p)
    h = (len(ordered) - 1) * q
    lo, hi = ordered[math.floor(h)], ordered[math.ceil(h)]
    return lo + (h - math.floor(h)) * (hi - lo)


def scanned(con: duckdb.DuckDBPyConnection, groups: list[Group]) -> dict[tuple, float | None]:
    """(measure, municipality, period, dimension, category) -> value, as ``flis compute`` scans the groups."""
    got = {}
    for unit in scan_units([(g, None) for g in groups]):
        for _, measures, table in DuckDBScans(con, flat=True).run(unit, MUNICIPALITIES):
            for r in long_values(table, measures).to_pylist():
                got[(r["measure"], r["municipality"], r["period"], r["dimension"], r["category"])] = r["value"]
    return got


rows_strategy = st.lists(st.tuples(st.sampled_from(MUNICIPALITIES), st.sampled_from(MONTHS),
                                   st.integers(0, 12), st.sampled_from(["1", "2"]), st.integers(1, 5),
                                   st.one_of(st.none(), st.integers(1, 6))), max_size=60)


@settings(max_examples=40, deadline=None)
@given(rows=rows_strategy, filters=st.lists(st.sampled_from([None, "sex = '1'", "house > 3", "origin >= 4"]),
                                            min_size=len(KINDS), max_size=len(KINDS)))
def test_reduced_tables_give_each_measure_its_value_over_the_rows(parts, rows, filters):
    base, dims = parts
    seen, data = set(), []
    for line, (muni, month, person, sex, origin, house) in enumerate(rows):
        if (muni, month, person) not in seen:  # a delivery never repeats its key
            seen.add((muni, month, person))
            data.append((f"P{person}", sex, origin, muni, house, "D1", line, muni, month))
    con = duckdb.connect()
    con.execute("CREATE TABLE current_citizens_residents (person_id VARCHAR, birth_date DATE, sex VARCHAR, "
                "origin INTEGER, municipality SMALLINT, street VARCHAR, house INTEGER, district INTEGER, "
                "moved_in DATE, _delivery VARCHAR, _line INTEGER, _municipality SMALLINT, _period DATE)")
    if data:
        con.executemany("INSERT INTO current_citizens_residents VALUES (?, DATE '1980-05-05', ?, ?, ?, NULL, ?, NULL, "
                        "NULL, ?, ?, ?, ?)", data)
    groups = []
    for level in ("monthly", "annual"):
        g = Group(base.source, "_municipality", level, dimensions=list(dims))
        for (what, p), where in zip(KINDS, filters):
            if level == "annual" and p == "person" and what == "count_distinct":
                continue  # annual distinct of the key: the two-step path, as for a plain value
            m = measure(base, what, p, where, level)
            if all(x.key != m.key for x in g.measures):
                g.measures.append(m)
        g.by_dimension = {d.name: [m.key for m in g.measures] for d in dims}
        groups.append(g)
    got = scanned(con, groups)
    expected = {}
    where_of = {None: lambda r: True, "sex = '1'": lambda r: r[1] == "1", "house > 3": lambda r: (r[4] or 0) > 3,
                "origin >= 4": lambda r: r[2] >= 4}
    origins = {1: "danish", 2: "western", 3: "western", 4: "non_western", 5: "non_western"}
    category = {"": lambda r: "", "sex": lambda r: r[1], "origin": lambda r: origins[r[2]]}
    for g in groups:
        for m in g.measures:
            cells: dict[tuple, list] = {}
            for r in data:
                period = r[8] if g.level == "monthly" else dt.date(r[8].year, 1, 1)
                for dim in ("", "sex", "origin"):
                    values = cells.setdefault((m.key, r[7], period, dim, category[dim](r)), [])
                    if where_of[m.where_text](r):
                        values.append(None if m.measure == "count" else (r[0] if m.of_text == "person_id" else r[4]))
            for key, values in cells.items():
                expected[key] = python_value(m.measure, m.percentile, values)
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert (got[key] is None) == (value is None) and (value is None or math.isclose(got[key], value,
                                                                                        rel_tol=1e-12)), key


def test_each_kind_of_measure_is_reduced_once_per_unit(parts):
    """Measures of both levels share the unit's reduced tables: one of totals, one per distinct-counted
    value, one per percentile value."""
    base, dims = parts
    groups = []
    for level in ("monthly", "annual"):
        g = Group(base.source, "_municipality", level, dimensions=list(dims))
        g.measures = [measure(base, what, p, None, level) for what, p in KINDS]
        g.by_dimension = {d.name: [m.key for m in g.measures] for d in dims}
        groups.append(g)
    plan = scan_plan([(g, None) for g in groups], Source(flat=True), MUNICIPALITIES)
    # house is counted per month and per year: its table is kept per month and rolled up to the year
    assert [name for name, _ in plan.tables] == ["group_totals", "group_distinct_0", "group_distinct_0_p1",
                                                 "group_distinct_1", "group_weights_0"]
    assert {kind(m) for g in groups for m in g.measures} == {"totals", "distinct", "weights"}
    for engine in ("duckdb", "spark"):
        text = scan_plan([(g, None) for g in groups], Source(flat=True), MUNICIPALITIES, engine).sql(engine).upper()
        assert "APPROX" not in text and "QUANTILE" not in text and "COUNT(DISTINCT" not in text


@settings(max_examples=30, deadline=None)
@given(residents=st.lists(st.tuples(st.sampled_from(MUNICIPALITIES), st.sampled_from(MONTHS), st.integers(0, 9),
                                    st.sampled_from(["1", "2"]), st.integers(1, 5)), max_size=40),
       weeks=st.lists(st.tuples(st.sampled_from(MUNICIPALITIES), st.sampled_from(MONTHS), st.integers(0, 9),
                                st.sampled_from(["a", "b"])), max_size=40))
def test_persons_counted_through_looked_up_rows_once_per_month_and_year(residents, weeks):
    """Residents joined with their benefit weeks (several rows per person, or one without a benefit):
    distinct persons with and without a benefit, per month (read straight off the table of one row per
    person and month) and per year (rolled up), equal Python's count of persons."""
    catalogue = load_catalogue()
    relation = next(m.source for m in catalogue.measures().values() if m.source.id == "citizens_residents_benefits")
    base = next(m for m in catalogue.measures().values() if m.source is relation)
    dims = {d.name: d for f in catalogue.figures.values() for d in f.variants}
    seen, people = set(), []
    for muni, month, person, sex, origin in residents:
        if (muni, month, person) not in seen:
            seen.add((muni, month, person))
            people.append((f"P{person}", sex, origin, muni, month))
    con = duckdb.connect()
    con.execute("CREATE TABLE current_citizens_residents (person_id VARCHAR, birth_date DATE, sex VARCHAR, "
                "origin INTEGER, municipality SMALLINT, street VARCHAR, house INTEGER, district INTEGER, "
                "moved_in DATE, _delivery VARCHAR, _line INTEGER, _municipality SMALLINT, _period DATE)")
    con.execute("CREATE TABLE current_employment_benefit_weeks (person_id VARCHAR, benefit VARCHAR, degree DOUBLE, "
                "_municipality SMALLINT, _period DATE)")
    con.execute("CREATE TABLE current_employment_benefit_spells (person_id VARCHAR, spell_id VARCHAR, "
                "spell_start DATE, spell_end DATE, _municipality SMALLINT, _period DATE)")
    for line, (person, sex, origin, muni, month) in enumerate(people):
        con.execute("INSERT INTO current_citizens_residents VALUES (?, DATE '1980-05-05', ?, ?, ?, NULL, NULL, "
                    "NULL, NULL, 'D1', ?, ?, ?)", [person, sex, origin, muni, line, muni, month])
    for muni, month, person, benefit in weeks:
        con.execute("INSERT INTO current_employment_benefit_weeks VALUES (?, ?, 1.0, ?, ?)",
                    [f"P{person}", benefit, muni, month])
    wheres = {None: lambda p, b: True, "on_benefit": lambda p, b: b is not None,
              "on_benefit AND sex = '2'": lambda p, b: b is not None and p[1] == "2",
              "benefit = 'a'": lambda p, b: b == "a"}
    groups = []
    for level in ("monthly", "annual"):
        g = Group(relation, "_municipality", level, dimensions=[dims["sex"], dims["origin"]])
        g.measures = [replace(base, measure="count_distinct", of=exp.column("person_id"), of_text="person_id",
                              where=exp.maybe_parse(w) if w else None, where_text=w, attribution="_municipality",
                              level=level, percentile=None) for w in wheres]
        g.by_dimension = {d.name: [m.key for m in g.measures] for d in g.dimensions}
        groups.append(g)
    got = scanned(con, groups)
    origins = {1: "danish", 2: "western", 3: "western", 4: "non_western", 5: "non_western"}
    category = {"": lambda p: "", "sex": lambda p: p[1], "origin": lambda p: origins[p[2]]}
    expected: dict[tuple, set] = {}
    for g in groups:
        for m in g.measures:
            for p in people:
                benefits = [b for mu, mo, pe, b in weeks if (mu, mo, f"P{pe}") == (p[3], p[4], p[0])] or [None]
                period = p[4] if g.level == "monthly" else dt.date(p[4].year, 1, 1)
                for dim in ("", "sex", "origin"):
                    persons = expected.setdefault((m.key, p[3], period, dim, category[dim](p)), set())
                    if any(wheres[m.where_text](p, b) for b in benefits):
                        persons.add(p[0])
    assert got == {key: float(len(persons)) for key, persons in expected.items()}
