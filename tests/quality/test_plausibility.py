"""Plausibility of volumes on small hand-made warehouses, with the expected numbers worked out by hand."""

from __future__ import annotations

import math

import pytest

from flis.quality.plausibility import check_panel
from flis.quality.runner import population_sizes
from flis.quality.volumes import read_panels
from quality.builders import MUNICIPALITIES, enrolments, months, postings, pupils
from support.figures import warehouse_with

SIZES = population_sizes()


def findings_of(wh, subject: str) -> list:
    panel = next(p for p in read_panels(wh.con) if p.subject == subject)
    return check_panel(panel, SIZES)


def test_a_doubled_pupil_count_is_found_by_the_history_and_the_peer_check(tmp_path):
    # 12 municipalities, January-June 2024, 100 + 20k pupils each month; municipality 101 (100 pupils)
    # delivers every pupil twice in April.
    rows = []
    for k, m in enumerate(MUNICIPALITIES):
        for p in months("2024-01", 6):
            rows += pupils(m, p, 100 + 20 * k, copies=2 if (m, str(p)) == (101, "2024-04") else 1)
    wh = warehouse_with(tmp_path, {"schools.pupils": rows})
    found = findings_of(wh, "schools.pupils#rows")
    assert sorted((f.code, f.municipality, f.period) for f in found) == [
        ("quality.history_outlier", 101, "2024-04"), ("quality.peer_outlier", 101, "2024-04")]
    history = next(f for f in found if f.code == "quality.history_outlier")
    # reference: January-March, median 100, MAD 0; nobody else moved (common movement 0): expected 100.
    # sigma = max(1.4826 * 0, 5 % of 100, sqrt(Σx² of the reference / 3 months + Σx² of the value)) with
    # Σx² = the count for counts: sqrt(100 / 3 + 200) = 15.275; z = (200 - 100) / 15.275 = 6.547
    assert history.values["reference"] == 100 and history.values["expected"] == 100
    assert history.values["score"] == pytest.approx(100 / math.sqrt(100 / 3 + 200), rel=1e-5)
    assert "200 in 2024-04; the median of the previous 3 months is 100" in history.message_en
    assert "200 i 2024-04; medianen af de foregående 3 måneder er 100" in history.message_da
    peer = next(f for f in found if f.code == "quality.peer_outlier")
    # ratios: 2 for 101, 1 for the other eleven; median ratio 1; s = 2/1 - 1 = 1; size = max(200, 100);
    # E = 1 * 200^0.5 = 14.142; every other E is 0, so the quartiles are 0 and the bounds [0, 0]
    assert peer.values["ratio"] == 2 and peer.values["median_ratio"] == 1
    assert peer.values["score"] == pytest.approx(math.sqrt(200), rel=1e-5)
    assert peer.values["lower"] == 0 and peer.values["upper"] == 0
    # May (back to 100) is not a drop: April is left out of every later reference
    assert all(f.period == "2024-04" for f in found)


def test_the_august_school_year_change_alone_is_not_a_finding(tmp_path):
    # One municipality, May 2023 to March 2024: 400 pupils until July, 600 from the new school year.
    counts = {p: (400 if p.month in (5, 6, 7) and p.year == 2023 else 600) for p in months("2023-05", 11)}
    wh = warehouse_with(tmp_path, {
        "schools.pupils": [r for p, n in counts.items() for r in pupils(101, p, n)],
        "daycare.enrolments": [r for p, n in counts.items() for r in enrolments(101, p, n)],
    })
    # August is compared with the later months of its own school year (600), never with June and July
    assert findings_of(wh, "schools.pupils#rows") == []
    # the same step in a table that does not follow the school year is found, once, as a new level:
    # reference May-July, median 400; sigma = sqrt(400 / 3 + 600) = 27.08; z = 200 / 27.08 = 7.39
    daycare = findings_of(wh, "daycare.enrolments#rows")
    assert [(f.code, f.period) for f in daycare] == [("quality.history_outlier", "2023-08")]
    assert daycare[0].values["level_shift"] is True
    assert daycare[0].values["score"] == pytest.approx(200 / math.sqrt(400 / 3 + 600), rel=1e-5)


def test_ledger_amounts_in_thousands_are_a_unit_error(tmp_path):
    # 12 municipalities, four months of ten postings of 1,000 .. 10,000 kroner; 101 sends March in thousands
    rows = []
    for m in MUNICIPALITIES:
        for p in months("2024-01", 4):
            amounts = [1000.0 * (k + 1) for k in range(10)]
            if (m, str(p)) == (101, "2024-03"):
                amounts = [a / 1000 for a in amounts]
            rows += postings(m, p, amounts)
    wh = warehouse_with(tmp_path, {"economy.postings": rows})
    found = findings_of(wh, "economy.postings#amount")
    assert [(f.code, f.municipality, f.period) for f in found] == [("quality.unit_error", 101, "2024-03")]
    # per row: 55 kroner / 10 rows = 5.5 against 55,000 / 10 = 5,500 in January and February: ratio 1/1,000
    assert found[0].values["ratio"] == pytest.approx(0.001)
    assert found[0].values["basis"] == "history"
    assert "about 1/1,000 of the 5,500 per row" in found[0].message_en
    assert "omkring 1/1.000 af de 5.500 pr. række" in found[0].message_da
    # the number of postings did not change
    assert findings_of(wh, "economy.postings#rows") == []


def test_a_first_month_in_thousands_is_found_against_the_other_municipalities(tmp_path):
    rows = []
    for m in MUNICIPALITIES:
        amounts = [1000.0 * (k + 1) for k in range(10)]
        rows += postings(m, months("2024-01", 1)[0], [a / 1000 for a in amounts] if m == 147 else amounts)
    wh = warehouse_with(tmp_path, {"economy.postings": rows})
    found = findings_of(wh, "economy.postings#amount")
    assert [(f.code, f.municipality, f.values["basis"]) for f in found] == [
        ("quality.unit_error", 147, "peers")]


def test_a_superseded_delivery_is_checked_and_marked_as_no_longer_in_force(tmp_path):
    import datetime as dt
    from support.figures import add_rows

    rows = [r for k, m in enumerate(MUNICIPALITIES) for p in months("2024-01", 5)
            for r in pupils(m, p, 100 + 20 * k, copies=2 if (m, str(p)) == (147, "2024-03") else 1)]
    wh = warehouse_with(tmp_path, {"schools.pupils": rows})
    # the supplier re-delivers March for 147 with the right count (120 pupils): it supersedes the doubled file
    add_rows(wh, {"schools.pupils": pupils(147, months("2024-03", 1)[0], 120)},
             received_at=dt.datetime(2024, 5, 1))
    found = findings_of(wh, "schools.pupils#rows")
    assert {(f.code, f.municipality, f.period, f.in_force) for f in found} == {
        ("quality.history_outlier", 147, "2024-03", False), ("quality.peer_outlier", 147, "2024-03", False)}
    assert all(f.delivery_id for f in found)


def test_sums_over_few_rows_are_measured_against_their_own_noise(tmp_path):
    # One municipality's only measure of 30,000 kroner ends: the sum drops to 0 — one row, not a finding.
    rows = []
    for k, m in enumerate(MUNICIPALITIES):
        for p in months("2024-01", 6):
            n = 1 if m == 101 and p.month < 5 else (0 if m == 101 else 10 + k)
            rows += [dict(measure_id=f"M{m}-{i}", monthly_cost=30000.0, _municipality=m, _period=p.first_day)
                     for i in range(n)]
    empty = {"children.measures": [(101, "2024-05-01"), (101, "2024-06-01")]}
    wh = warehouse_with(tmp_path, {"children.measures": rows}, empty=empty)
    assert findings_of(wh, "children.measures#monthly_cost") == []
    assert findings_of(wh, "children.measures#rows") == []


def test_which_months_a_month_is_compared_with():
    import numpy as np

    from flis.periods import Period
    from flis.quality.references import reference_columns

    periods = np.array([p.index for p in months("2023-01", 24)])
    name = lambda cols: [str(Period.from_index(int(periods[k]))) for k in cols]  # noqa: E731
    # an ordinary table: the previous 12 months, and the same month a year earlier once there is one
    r = reference_columns(periods, 14, school_year=False)  # 2024-03
    assert name(r.window) == [f"2023-{m:02d}" for m in range(3, 13)] + ["2024-01", "2024-02"]
    assert name(r.seasonal) == ["2023-03"]
    # a school table in August of the first year: the later months of its school year, not June or July
    r = reference_columns(periods, 7, school_year=True)  # 2023-08
    assert r.later and name(r.window)[0] == "2023-09" and name(r.window)[-1] == "2024-07"
    # in October: August and September of the same school year
    assert name(reference_columns(periods, 9, school_year=True).window) == ["2023-08", "2023-09"]
    # the next August: the August a year earlier
    r = reference_columns(periods, 19, school_year=True)  # 2024-08
    assert name(r.seasonal) == ["2023-08"]


def test_a_municipality_s_own_season_is_reported_the_first_time_only(tmp_path):
    # 400 children every month but 600 every August (a table that does not follow the school year)
    counts = {p: 600 if p.month == 8 else 400 for p in months("2023-03", 20)}
    wh = warehouse_with(tmp_path, {"daycare.enrolments": [r for p, n in counts.items()
                                                          for r in enrolments(101, p, n)]})
    found = findings_of(wh, "daycare.enrolments#rows")
    # August 2023 is new; August 2024 repeats it (not reported), and September's step back down is the
    # step of a year earlier (not an accumulation)
    assert [(f.code, f.period) for f in found] == [("quality.history_outlier", "2023-08")]
