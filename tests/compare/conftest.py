"""A tiny hand-made release, written into a real warehouse file and snapshotted.

Series HB, LB and NE (higher better, lower better, neutral; ratio x 100) hold the same values in 2024-06:

    municipality  numerator  denominator  value
    101           30         100          30
    147           10         20           50
    151           5          10           50
    153           1          5            20
    155           40         200          20
    157           7          20           35
    159           0          0            (none: zero denominator)

so ties at the top and the bottom, and a weighted mean (93 / 355 * 100 = 26.197...) far from the
unweighted one (205 / 6 = 34.1667). Series TR is a monthly trend with gaps (see TREND below).
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from flis.compare.snapshot import write_snapshot
from flis.compute.releases import ensure_schema

JUNE = dt.date(2024, 6, 1)
ROWS = [(101, 30, 100), (147, 10, 20), (151, 5, 10), (153, 1, 5), (155, 40, 200), (157, 7, 20), (159, 0, 0)]
TREND = {  # TR: municipality 101's values; 147 has a value in every month 2021-06..2024-06
    dt.date(2021, 6, 1): 10.0, dt.date(2023, 6, 1): 20.0, dt.date(2024, 5, 1): 24.0, dt.date(2024, 6, 1): 25.0,
}
RATIO = "Numerator: number of rows in x. Denominator: number of rows in y. Computed per month; unit: %."


def months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, d = [], first
    while d <= last:
        out.append(d)
        d = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return out


def series_row(release: str, series_id: str, direction: str, definition: str = RATIO, scale: float = 100.0):
    return (release, series_id, series_id, "schools", f"{series_id} da", f"{series_id} en", None, None, "%", "%",
            scale, "percent", 1, "monthly", direction, definition)


def add_release(con: duckdb.DuckDBPyConnection, release: str, published: dt.datetime, offset: float = 0.0,
                groups: bool = True) -> None:
    """Insert a release; ``offset`` is added to every numerator's value (to tell releases apart)."""
    ensure_schema(con)
    con.execute("INSERT INTO releases.releases VALUES (?, ?, NULL, 'v1', 'state', 0, 4, 0, 'everything', 0)",
                [release, published])
    for sid, direction in (("HB", "higher_better"), ("LB", "lower_better"), ("NE", "neutral"), ("NG", "lower_better")):
        con.execute("INSERT INTO releases.series VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    series_row(release, sid, direction))
        for code, num, den in ROWS:
            value = None if den == 0 else num / den * 100 + offset
            con.execute("INSERT INTO releases.cells VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [release, sid, code, JUNE, num, den, value])
        if groups and sid != "NG":
            con.execute("INSERT INTO releases.groups VALUES (?, ?, 'country', 'DK', ?, 93, 355, ?, ?, 6)",
                        [release, sid, JUNE, 93 / 355 * 100 + offset, 205 / 6 + offset])
            con.execute("INSERT INTO releases.groups VALUES (?, ?, 'region', '1084', ?, 1, 2, 11.0, 12.0, 6)",
                        [release, sid, JUNE])
            con.execute("INSERT INTO releases.groups VALUES (?, ?, 'komgrp', '1', ?, 1, 2, 21.0, 22.0, 6)",
                        [release, sid, JUNE])
    con.execute("INSERT INTO releases.series VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                series_row(release, "TR", "higher_better"))
    for period in months(dt.date(2021, 6, 1), JUNE):
        con.execute("INSERT INTO releases.cells VALUES (?, 'TR', 147, ?, 1, 1, 100)", [release, period])
        con.execute("INSERT INTO releases.groups VALUES (?, 'TR', 'country', 'DK', ?, 1, 2, ?, 60, 2)",
                    [release, period, 50.0 + period.month])
        if period in TREND:
            con.execute("INSERT INTO releases.cells VALUES (?, 'TR', 101, ?, ?, 100, ?)",
                        [release, period, TREND[period], TREND[period]])
    con.execute("INSERT INTO releases.cells VALUES (?, 'TR', 153, ?, 5, 0, NULL)", [release, dt.date(2023, 6, 1)])
    con.execute("INSERT INTO releases.cells VALUES (?, 'TR', 153, ?, 3, 10, 30)", [release, JUNE])
    con.execute("INSERT INTO releases.publications VALUES (?, ?)", [release, published])


@pytest.fixture
def warehouse(tmp_path):
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    add_release(con, "R00001", dt.datetime(2024, 7, 1, 12))
    yield con
    con.close()


@pytest.fixture
def view(warehouse, flis_home):
    from flis.compare.release import ReleaseView
    write_snapshot(warehouse, flis_home, "R00001")
    return ReleaseView.load(flis_home)


@pytest.fixture
def release_writer():
    """``add_release(con, release_id, published_at, offset=0.0, groups=True)`` for tests that need several."""
    return add_release
