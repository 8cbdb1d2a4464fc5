"""ReleaseView: the current snapshot in memory answers what the warehouse holds."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from flis.compare.release import ReleaseView, UnknownSeries
from flis.compare.snapshot import NoSnapshot, write_snapshot
from flis.periods import Period


def test_values_of_one_series_and_period(view):
    assert view.values("HB", "2024-06") == {
        101: (30, 100, 30), 147: (10, 20, 50), 151: (5, 10, 50), 153: (1, 5, 20), 155: (40, 200, 20),
        157: (7, 20, 35), 159: (0, 0, None)}
    assert view.values("HB", "2024-05") == {}
    assert view.values("HB", dt.date(2024, 6, 1)) == view.values("HB", Period(2024, 6))


def test_periods_and_the_latest(view):
    periods = view.periods("TR")
    assert len(periods) == 37 and periods[0] == Period(2021, 6) and periods[-1] == Period(2024, 6)
    assert view.latest_period("HB") == Period(2024, 6)


def test_a_municipality_s_time_series_in_order(view):
    points = view.timeseries("TR", 101).points()
    assert [(str(p), v) for p, _, _, v in points] == [
        ("2021-06", 10), ("2023-06", 20), ("2024-05", 24), ("2024-06", 25)]
    assert [v for *_, v in view.timeseries("TR", 153).points()] == [None, 30]
    assert len(view.timeseries("TR", 851)) == 0


def test_group_values(view):
    g = view.group("HB", "country", "DK", "2024-06")
    assert (g.numerator, g.denominator, g.municipalities) == (93, 355, 6)
    assert g.value == pytest.approx(93 / 355 * 100) and g.municipal_mean == pytest.approx(205 / 6)
    assert view.group("HB", "region", 1084, "2024-06").value == 11
    assert view.group("HB", "region", 1081, "2024-06") is None
    assert view.group("HB", "country", "DK", "2024-05") is None
    assert view.group("TR", "country", "DK", "2022-03").value == 53


def test_series_metadata_carries_the_kind(view):
    s = view.series("HB")
    assert (s["direction"], s["kind"], s["scale"], s["name_en"]) == ("higher_better", "ratio", 100, "HB en")
    assert view.series_ids() == ["HB", "LB", "NE", "NG", "TR"]
    with pytest.raises(UnknownSeries):
        view.series("NOPE")
    with pytest.raises(UnknownSeries):
        view.values("NOPE", "2024-06")


def test_compact_columns(view):
    cells = view.cells("HB", "2024-06")
    assert cells.municipality.dtype == np.int16 and cells.period.dtype == np.int32
    assert cells.value.dtype == np.float64 and np.isnan(cells.value[-1])


def test_rows_out_of_order_are_sorted_on_load(flis_home, warehouse):
    snapshot = write_snapshot(warehouse, flis_home, "R00001")
    import pyarrow.parquet as pq
    table = pq.read_table(snapshot.file("cells"))
    pq.write_table(table.take(np.arange(table.num_rows)[::-1].copy()), snapshot.file("cells"))
    view = ReleaseView.load(flis_home)
    assert view.values("HB", "2024-06")[153] == (1, 5, 20)
    assert [str(p) for p, *_ in view.timeseries("TR", 101).points()] == ["2021-06", "2023-06", "2024-05", "2024-06"]


def test_no_snapshot_is_a_clear_error(flis_home):
    with pytest.raises(NoSnapshot, match="flis compute"):
        ReleaseView.load(flis_home)


def test_a_view_knows_when_a_new_release_was_published(view, warehouse, flis_home, release_writer):
    assert not view.is_stale()
    write_snapshot(warehouse, flis_home, "R00001")  # the same release written again: not stale
    assert not view.is_stale()
    release_writer(warehouse, "R00002", dt.datetime(2024, 8, 1), offset=1.0)
    write_snapshot(warehouse, flis_home, "R00002")
    assert view.is_stale()
    fresh = ReleaseView.load(flis_home)
    assert fresh.release_id == "R00002" and fresh.values("HB", "2024-06")[101][2] == 31
    assert view.values("HB", "2024-06")[101][2] == 30  # the old view keeps answering consistently
