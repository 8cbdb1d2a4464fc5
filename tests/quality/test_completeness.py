"""Completeness: expected deliveries per municipality, source system and month; incomplete key figures."""

from __future__ import annotations

import datetime as dt

from flis.catalogue.loader import load_catalogue
from flis.quality.completeness import check_deliveries, due, incomplete_inputs
from flis.periods import Period
from flis.warehouse.store import Warehouse
from quality.builders import delivery
from support.figures import subset, warehouse_with

NOW = dt.datetime(2024, 12, 31)


def _warehouse(tmp_path) -> Warehouse:
    return Warehouse(tmp_path / "warehouse.duckdb")


def test_due_date_is_the_end_of_the_15th_of_the_next_month():
    assert due(Period(2024, 3)) == dt.datetime(2024, 4, 16)
    assert due(Period(2024, 12)) == dt.datetime(2025, 1, 16)


def test_a_missing_month_is_a_completeness_finding(tmp_path):
    wh = _warehouse(tmp_path)
    for period in ("2024-01", "2024-02", "2024-04"):  # March never arrives
        delivery(wh.con, municipality=101, system="skolesys", domain="schools", table="schools.pupils",
                 period=period, received=f"{period}-28T10:00" if period != "2024-04" else "2024-05-03T10:00")
    found = check_deliveries(wh.con, NOW)
    assert [(f.code, f.municipality, f.subject, f.period) for f in found] == [
        ("quality.missing_delivery", 101, "schools/skolesys", "2024-03")]
    assert found[0].values["delivered_months"] == 3 and found[0].values["months"] == 4
    assert "No delivery from skolesys (schools) for 2024-03, due 2024-04-15" in found[0].message_en


def test_a_rejected_delivery_is_not_missing_and_a_vendor_change_is_not_missing(tmp_path):
    wh = _warehouse(tmp_path)
    delivery(wh.con, municipality=101, system="a", domain="schools", table="schools.pupils", period="2024-01",
             received="2024-02-03T10:00")
    delivery(wh.con, municipality=101, system="a", domain="schools", table="schools.pupils", period="2024-02",
             received="2024-03-03T10:00", status="rejected")
    delivery(wh.con, municipality=101, system="b", domain="schools", table="schools.pupils", period="2024-03",
             received="2024-04-03T10:00")
    found = check_deliveries(wh.con, NOW)
    # system a misses March, but system b (same domain) delivered it; b "misses" January and February,
    # which a delivered: nothing is missing
    assert found == []


def test_months_not_yet_due_are_not_missing(tmp_path):
    wh = _warehouse(tmp_path)
    for period in ("2024-01", "2024-03"):
        delivery(wh.con, municipality=147, system="s", domain="hr", table="hr.employees", period=period,
                 received=f"{period}-28T10:00")
    assert check_deliveries(wh.con, dt.datetime(2024, 3, 15, 23, 59)) == []  # February due until 15 March
    assert [f.period for f in check_deliveries(wh.con, dt.datetime(2024, 3, 16))] == ["2024-02"]


def test_a_late_first_arrival_is_a_finding_but_a_late_correction_is_not(tmp_path):
    wh = _warehouse(tmp_path)
    delivery(wh.con, municipality=101, system="s", domain="hr", table="hr.employees", period="2024-01",
             received="2024-02-20T08:00")  # after 15 February: late by 5 days
    delivery(wh.con, municipality=101, system="s", domain="hr", table="hr.employees", period="2024-02",
             received="2024-03-15T23:00")  # on the last day: on time
    delivery(wh.con, municipality=101, system="s", domain="hr", table="hr.employees", period="2024-02",
             received="2024-04-02T08:00", name="correction")  # a re-delivery later on: still on time
    found = check_deliveries(wh.con, NOW)
    assert [(f.code, f.period, f.values["score"]) for f in found] == [("quality.late_delivery", "2024-01", 5)]


def test_key_figures_whose_inputs_are_missing_are_flagged_incomplete(tmp_path):
    # CIT001 counts residents; March is missing for 101 although it delivers the other months.
    rows = [dict(person_id=f"{m}-{k}", birth_date=dt.date(1980, 1, 1), _municipality=m,
                 _period=f"2024-0{mo}-01")
            for m in (101, 147) for mo in (1, 2, 3, 4) for k in range(3) if (m, mo) != (101, 3)]
    wh = warehouse_with(tmp_path, {"citizens.residents": rows})
    catalogue = subset(["CIT001"], load_catalogue())
    flags = incomplete_inputs(wh.con, catalogue)
    # the figure and each of its breakdown series, for 101 in March only
    assert flags == sorted((s.id, 101, "2024-03") for s in catalogue.series)
    assert ("CIT001", 101, "2024-03") in flags and len(flags) > 1
