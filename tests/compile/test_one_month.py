"""A masked table from one month's rows with one row per value: built without grouping, the same rows."""

from __future__ import annotations

import datetime as dt

import duckdb
from sqlglot import exp

from flis.compile.reduce import _one_month_select, _Table, _values_select
from flis.compile.sql import to_sql

JAN = dt.date(2024, 1, 1)
ROWS = """SELECT * FROM (VALUES
    (101, DATE '2024-03-01', DATE '2024-01-01', '1', 'P1', true, false),
    (101, DATE '2024-03-01', DATE '2024-01-01', '2', 'P2', false, true),
    (101, DATE '2024-03-01', DATE '2024-01-01', '2', 'P3', true, true),
    (101, DATE '2024-03-01', DATE '2024-01-01', '2', 'P4', false, false),
    (101, DATE '2024-03-01', DATE '2024-01-01', '2', 'P5', false, false),
    (101, DATE '2024-03-01', DATE '2024-01-01', NULL, 'P6', false, false),
    (147, DATE '2024-03-01', DATE '2024-01-01', '1', 'P7', false, false)
) AS t("_m", "p0", "p1", "d0", "v0", "f0", "f1")"""


def test_one_month_rows_give_the_grouped_table():
    table = _Table("group_distinct_0", keys=["p1", "d0"], value="v0", filters=["f0", "f1"], month="p0",
                   masked=True, aggregates={("any", "f0"): "any0", ("any", "f1"): "any1"})
    rows = exp.Subquery(this=exp.maybe_parse(ROWS, dialect="duckdb"), alias=exp.TableAlias(
        this=exp.to_identifier("projected")))
    con = duckdb.connect()
    grouped = con.sql(to_sql(_values_select(table, rows.copy(), weights=False))).fetchall()
    flat = con.sql(to_sql(_one_month_select(table, rows.copy()))).fetchall()
    assert sorted(flat, key=repr) == sorted(grouped, key=repr)
    # Hand-checked: March is bit 4; persons passing no filter collapse into one row per category.
    assert sorted(flat, key=repr) == sorted([
        (101, JAN, "1", "P1", 4, 4, 0), (101, JAN, "2", "P2", 4, 0, 4), (101, JAN, "2", "P3", 4, 4, 4),
        (101, JAN, "2", None, 4, 0, 0), (101, JAN, None, None, 4, 0, 0), (147, JAN, "1", None, 4, 0, 0),
    ], key=repr)


def test_one_months_rollup_needs_no_grouping():
    from flis.compile.reduce import _rollup_select

    table = _Table("monthly", keys=["p0", "d0"], value="v0", month="p0",
                   aggregates={("any", "f0"): "any0", ("any", "f1"): "any1"})
    con = duckdb.connect()
    con.execute("""CREATE TABLE monthly AS SELECT * FROM (VALUES
        (101, DATE '2024-03-01', '1', 'P1', true, false), (101, DATE '2024-03-01', '2', 'P1', false, true),
        (101, DATE '2024-03-01', '2', NULL, false, false), (147, DATE '2024-03-01', '1', 'P1', true, true)
    ) AS t("_m", "p0", "d0", "v0", "any0", "any1")""")
    con.execute("ALTER TABLE monthly ADD COLUMN p1 DATE DEFAULT DATE '2024-01-01'")
    grouped = con.sql(to_sql(_rollup_select(table, "p1"))).fetchall()
    flat = con.sql(to_sql(_rollup_select(table, "p1", grouped=False))).fetchall()
    assert sorted(flat, key=repr) == sorted(grouped, key=repr) == sorted([
        (101, JAN, "1", "P1", 4, 4, 0), (101, JAN, "2", "P1", 4, 0, 4), (101, JAN, "2", None, 4, 0, 0),
        (147, JAN, "1", "P1", 4, 4, 4)], key=repr)
