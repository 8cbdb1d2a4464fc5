"""Kept tables of a year: replacing a month in bit masks (see :class:`flis.compute.scans.Keep`).

A kept distinct table has one row per value and year with the months it was seen in (``_months``) and passed
each filter in, as bit masks (January = 1 ... December = 2048). Replacing February must clear February's bit
everywhere (a value seen only in February drops out), add the re-delivered February's rows, and leave other
years as they were, whether or not the table holds other years.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from flis.compute.scans import DuckDBScans

Y23, Y24, FEB = dt.date(2023, 1, 1), dt.date(2024, 1, 1), dt.date(2024, 2, 1)


@pytest.mark.parametrize("other_year", [False, True])
def test_a_replaced_month_is_taken_out_of_every_mask_and_put_back(other_year):
    con = duckdb.connect()
    scans = DuckDBScans(con)
    scans._schema()
    con.execute('CREATE TABLE scan_state.k_test ("_m" SMALLINT, "p1" DATE, "d0" VARCHAR, "v0" VARCHAR, '
                '"_months" INTEGER, "any0" INTEGER)')
    rows = [(101, Y24, "a", "P1", 1 | 2, 2),   # January and February, passing the filter in February
            (101, Y24, "a", "P2", 2, 0),       # February only
            (101, Y24, "b", None, 1 | 2, 0)]   # the values of category b that pass no filter
    if other_year:
        rows.append((101, Y23, "a", "P2", 2, 2))
    con.executemany("INSERT INTO scan_state.k_test VALUES (?, ?, ?, ?, ?, ?)", rows)
    con.execute('CREATE TEMP TABLE part ("_m" SMALLINT, "p1" DATE, "d0" VARCHAR, "v0" VARCHAR, "_months" INTEGER, '
                '"any0" INTEGER)')
    con.execute("INSERT INTO part VALUES (101, ?, 'a', 'P1', 2, 0), (101, ?, 'a', 'P3', 2, 2)", [Y24, Y24])
    scans._replace("k_test", "part", ("masks", "p1", ("_months", "any0")), (FEB, FEB))
    got = set(con.execute("SELECT * FROM scan_state.k_test").fetchall())
    expected = {(101, Y24, "a", "P1", 1 | 2, 0),  # still seen in both months, no longer passing in February
                (101, Y24, "a", "P3", 2, 2),      # new in February; P2 (February only) is gone
                (101, Y24, "b", None, 1, 0)}      # January keeps the category present
    if other_year:
        expected.add((101, Y23, "a", "P2", 2, 2))
    assert got == expected


def test_a_replaced_month_of_a_table_keyed_by_month_replaces_its_rows():
    con = duckdb.connect()
    scans = DuckDBScans(con)
    scans._schema()
    con.execute('CREATE TABLE scan_state.k_totals ("_m" SMALLINT, "p0" DATE, "t0" BIGINT)')
    con.execute("INSERT INTO scan_state.k_totals VALUES (101, DATE '2024-01-01', 5), (101, DATE '2024-02-01', 7)")
    con.execute("CREATE TEMP TABLE part AS SELECT 101::SMALLINT AS _m, DATE '2024-02-01' AS p0, 9::BIGINT AS t0")
    scans._replace("k_totals", "part", ("months", "p0", ()), (FEB, FEB))
    assert sorted(con.execute("SELECT * FROM scan_state.k_totals").fetchall()) == [
        (101, dt.date(2024, 1, 1), 5), (101, FEB, 9)]


def test_a_month_not_yet_in_the_masks_is_appended_and_a_later_replacement_rebuilds():
    """March arrives after January and February: values not seen before are added, a value seen before gets
    March's bits only where it newly passes a filter, the rest is left as it was; March is noted as appended,
    after which February can no longer be taken out of the masks (the table must be built anew)."""
    con = duckdb.connect()
    scans = DuckDBScans(con)
    scans._schema()
    con.execute('CREATE TABLE scan_state.k_test ("_m" SMALLINT, "p1" DATE, "d0" VARCHAR, "v0" VARCHAR, '
                '"_months" INTEGER, "any0" INTEGER)')
    con.executemany("INSERT INTO scan_state.k_test VALUES (?, ?, ?, ?, ?, ?)", [
        (101, Y24, "a", "P1", 1 | 2, 0),    # seen in January and February, never passing
        (101, Y24, "a", "P2", 2, 2),        # passing in February
        (101, Y24, "b", None, 1, 0)])       # category b: values passing no filter
    con.execute('CREATE TEMP TABLE part ("_m" SMALLINT, "p1" DATE, "d0" VARCHAR, "v0" VARCHAR, "_months" INTEGER, '
                '"any0" INTEGER)')
    con.execute("INSERT INTO part VALUES (101, ?, 'a', 'P1', 4, 4), (101, ?, 'a', 'P2', 4, 4), "
                "(101, ?, 'a', 'P3', 4, 0), (101, ?, 'b', NULL, 4, 0)", [Y24] * 4)
    march, how = dt.date(2024, 3, 1), ("masks", "p1", ("_months", "any0"))
    assert scans._how("k_test", how, (march, march)) == "append"
    scans._replace("k_test", "part", how, (march, march))
    assert set(con.execute("SELECT * FROM scan_state.k_test").fetchall()) == {
        (101, Y24, "a", "P1", 1 | 2 | 4, 4),  # newly passing in March
        (101, Y24, "a", "P2", 2, 2),          # passed already: left as it was
        (101, Y24, "a", "P3", 4, 0),          # new
        (101, Y24, "b", None, 1, 0)}          # already present
    assert con.execute("SELECT month FROM scan_state.appended").fetchall() == [(march,)]
    assert scans._how("k_test", how, (FEB, FEB)) == "rebuild"
    assert scans._how("k_test", how, (dt.date(2024, 4, 1), dt.date(2024, 4, 1))) == "append"
    assert scans._how("k_test", how, (dt.date(2025, 2, 1), dt.date(2025, 2, 1))) == "append"  # another year
    assert scans._how("k_test", ("months", "p0", ()), (FEB, FEB)) == "replace"
