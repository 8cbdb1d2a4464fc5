"""Corrections: kept in the state store, never in the warehouse; compute makes a corrected track beside the
as-delivered one, which stays byte-identical; values hand-checked against the rows they come from."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from flis.access import open_state
from flis.access.models import AuditEntry
from flis.catalogue.loader import load_catalogue
from flis.compare.release import ReleaseView
from flis.compute.run import compute
from flis.corrections import (AggregateCorrection, InvalidCorrection, ReasonMissing, RowsCorrection,
                              add_correction, corrections_in_force, list_corrections, withdraw_correction)
from flis.ingest.archive import Archive
from flis.ingest.pipeline import ingest
from flis.quality.finding import QualityFinding
from flis.quality.workflow import get_finding, store_findings
from flis.warehouse.store import Warehouse

MUNI, MONTH = 101, dt.date(2024, 6, 1)
FIGURE = "HRM004"
"""Average FTE per employee: sum of fte (where known) / employees, in the employee's municipality."""


@pytest.fixture(scope="module")
def setup(clean_country, tmp_path_factory):
    home = tmp_path_factory.mktemp("corrections")
    wh = Warehouse(home / "warehouse.duckdb")
    ingest([clean_country.out / "deliveries"], warehouse=wh, archive=Archive(home / "archive"), workers=2)
    catalogue = load_catalogue()
    first = compute(wh.con, catalogue, now=dt.datetime(2024, 9, 1, 12))
    store = open_state(f"sqlite:///{home / 'state.sqlite'}")
    yield home, wh, catalogue, store, first
    store.close()
    wh.close()


def _cells(wh, table, release):
    return sorted(wh.con.execute(f"SELECT * EXCLUDE (release_id) FROM releases.{table} WHERE release_id = ?",
                                 [release]).fetchall())


def _cell(wh, table, release, series_id, municipality=MUNI, period=MONTH):
    rows = wh.con.execute(f"SELECT numerator, denominator, value FROM releases.{table} WHERE release_id = ? "
                          "AND series_id = ? AND municipality = ? AND period = ?",
                          [release, series_id, municipality, period]).fetchall()
    return rows[0] if rows else None


def _employees(wh):
    """(delivery, line, fte) of København's June payroll rows with a known FTE, from the warehouse."""
    return wh.con.execute("""SELECT _delivery, _line, fte FROM current.hr_employees
                             WHERE _municipality = ? AND _period = ? AND fte IS NOT NULL ORDER BY _line""",
                          [MUNI, MONTH]).fetchall()


def test_corrections_change_the_corrected_track_only(setup):
    home, wh, catalogue, store, first = setup
    before = wh.checksum()
    delivered_n, delivered_d, _ = _cell(wh, "cells", first.release_id, FIGURE)
    rows = _employees(wh)
    delivery = rows[0][0]
    (_, l1, f1), (_, l2, f2), (_, l3, f3), (_, l4, f4) = rows[:4]
    # Lines 1-2 are duplicates: left out. Line 3's FTE 'should be' 0.5.
    add_correction(store, wh.con, catalogue, RowsCorrection("hr.employees", delivery[:12], (l1, l2), "exclude",
                                                            reason="the same two persons twice"))
    add_correction(store, wh.con, catalogue, RowsCorrection("hr.employees", delivery, (l3,), "set", column="fte",
                                                            new_value="0.5", reason="typed 50 for 0.5"))
    second = compute(wh.con, catalogue, now=dt.datetime(2024, 9, 2, 12), corrections=corrections_in_force(store))

    # The as-delivered track and the warehouse are exactly as before.
    assert wh.checksum() == before
    assert _cells(wh, "cells", second.release_id) == _cells(wh, "cells", first.release_id)
    assert _cells(wh, "groups", second.release_id) == _cells(wh, "groups", first.release_id)

    # Corrected, by hand: two rows and their FTE out of numerator and denominator, line 3's FTE 0.5.
    n, d, v = _cell(wh, "corrected_cells", second.release_id, FIGURE)
    expected_n = float(delivered_n) - float(f1) - float(f2) - float(f3) + 0.5
    assert n == pytest.approx(expected_n)
    assert d == delivered_d - 2
    assert v == pytest.approx(expected_n / (delivered_d - 2))
    # Other months and municipalities are not in the corrected track.
    assert not wh.con.execute("SELECT count(*) FROM releases.corrected_cells WHERE release_id = ? "
                              "AND (municipality <> ? OR period <> ?) AND series_id = ?",
                              [second.release_id, MUNI, MONTH, FIGURE]).fetchall()[0][0]
    # The country's ratio of sums moves by the same amounts.
    gn, gd, _, _, _ = wh.con.execute("SELECT numerator, denominator, value, municipal_mean, municipalities FROM "
                                     "releases.groups WHERE release_id = ? AND series_id = ? AND area_type = "
                                     "'country' AND period = ?", [second.release_id, FIGURE, MONTH]).fetchall()[0]
    cn, cd, cv = wh.con.execute("SELECT numerator, denominator, value FROM releases.corrected_groups WHERE "
                                "release_id = ? AND series_id = ? AND area_type = 'country' AND period = ?",
                                [second.release_id, FIGURE, MONTH]).fetchall()[0]
    assert cn == pytest.approx(gn - float(delivered_n) + expected_n) and cd == gd - 2
    assert cv == pytest.approx(cn / cd)

    # The served snapshot answers on both tracks and flags the value.
    view = ReleaseView.load(home)
    assert view.release_id == second.release_id
    assert view.values(FIGURE, "2024-06")[MUNI][0] == pytest.approx(float(delivered_n))
    assert view.on_track("corrected").values(FIGURE, "2024-06")[MUNI][0] == pytest.approx(expected_n)
    assert view.on_track("corrected").group(FIGURE, "country", "DK", "2024-06").numerator == pytest.approx(cn)
    from flis.compare import stats
    national = {pt.period: pt.national for pt in stats.trend(view.on_track("corrected"), FIGURE, MUNI, 36).points}
    assert national["2024-06"] == pytest.approx(cv)
    assert "corrected" in view.flags(FIGURE, MUNI, "2024-06")
    assert "corrected" not in view.flags(FIGURE, MUNI, "2024-05")
    assert [c["kind"] for c in view.corrections] == ["rows", "rows"]

    # Withdrawn corrections leave the next release's corrected track empty.
    for c in list_corrections(store):
        withdraw_correction(store, c.id, "the supplier re-delivered")
    third = compute(wh.con, catalogue, now=dt.datetime(2024, 9, 3, 12), corrections=corrections_in_force(store))
    assert _cells(wh, "corrected_cells", third.release_id) == []
    assert _cells(wh, "corrected_cells", second.release_id) != []  # a release never changes


def test_an_aggregate_correction_sets_the_total_and_scales_the_breakdowns(setup):
    home, wh, catalogue, store, first = setup
    old_n, den, _ = _cell(wh, "cells", first.release_id, FIGURE)
    by_sex = [s.id for s in catalogue.series if s.figure.id == FIGURE and s.dimension is not None
              and s.dimension.name == "sex"]
    parts = {sid: _cell(wh, "cells", first.release_id, sid) for sid in by_sex}
    record = add_correction(store, wh.con, catalogue, AggregateCorrection(
        FIGURE, "numerator", MUNI, "2024-06", old_n / 2, reason="every FTE was counted twice"))
    assert record.old_value == pytest.approx(old_n) and record.measure
    release = compute(wh.con, catalogue, now=dt.datetime(2024, 9, 4, 12),
                      corrections=corrections_in_force(store)).release_id
    n, d, v = _cell(wh, "corrected_cells", release, FIGURE)
    assert (n, d) == (pytest.approx(old_n / 2), den) and v == pytest.approx(old_n / 2 / den)
    for sid, (pn, pd, _) in parts.items():
        if pn:
            cn, cd, _ = _cell(wh, "corrected_cells", release, sid)
            assert cn == pytest.approx(pn / 2) and cd == pd  # pro rata: the breakdown halves too
    withdraw_correction(store, record.id, "wrong")


def test_a_correction_answers_a_finding_and_is_audited(setup):
    home, wh, catalogue, store, first = setup
    finding = QualityFinding(code="quality.history_outlier", municipality=MUNI, subject="hr.employees#rows", period="2024-06",
                             values={"value": 1.0, "reference": 2.0, "score": 9.0}, message_en="x", message_da="x",
                             delivery_id=None)
    store_findings(store, [finding], "run1")
    finding_id = store.engine.connect().exec_driver_sql("SELECT id FROM quality_findings").fetchall()[0][0]
    old_n = _cell(wh, "cells", first.release_id, FIGURE)[0]
    record = add_correction(store, wh.con, catalogue, AggregateCorrection(
        FIGURE, "numerator", MUNI, "2024-06", old_n, reason="confirmed with payroll", finding_id=finding_id))
    assert get_finding(store, finding_id).status == "corrected"
    withdraw_correction(store, record.id, "payroll found another error")
    assert get_finding(store, finding_id).status == "open"
    with store.transaction() as db:
        actions = [e.action for e in db.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions[-4:] == ["correction.add", "finding.correct", "correction.withdraw", "finding.reopen"]


BREAKDOWN = "a breakdown series of FIGURE"


@pytest.mark.parametrize("request_, message", [
    (AggregateCorrection(BREAKDOWN, "numerator", MUNI, "2024-06", 1.0, "r"), "breakdown"),
    (AggregateCorrection("NOPE", "numerator", MUNI, "2024-06", 1.0, "r"), "not in the catalogue"),
    (AggregateCorrection(FIGURE, "numerator", MUNI, "2024-06", float("nan"), "r"), "finite"),
    (AggregateCorrection(FIGURE, "numerator", MUNI, "1999-06", 1.0, "r"), "has no value"),
    (RowsCorrection("hr.nothing", "x" * 12, (1,), "exclude", "r"), "not a canonical table"),
    (RowsCorrection("hr.employees", "0" * 12, (1,), "exclude", "r"), "not a delivery in force"),
    (AggregateCorrection(FIGURE, "numerator", MUNI, "2024-06", 1.0, "  "), "say why"),
])
def test_invalid_corrections_are_refused_with_a_reason(setup, request_, message):
    home, wh, catalogue, store, first = setup
    if getattr(request_, "series_id", None) == BREAKDOWN:
        sid = next(s.id for s in catalogue.series if s.figure.id == FIGURE and s.dimension is not None)
        request_ = AggregateCorrection(sid, "numerator", MUNI, "2024-06", 1.0, "r")
    with pytest.raises((InvalidCorrection, ReasonMissing), match=message):
        add_correction(store, wh.con, catalogue, request_)


def test_row_corrections_name_missing_lines_and_wrong_types(setup):
    home, wh, catalogue, store, first = setup
    delivery = _employees(wh)[0][0]
    with pytest.raises(InvalidCorrection, match=r"line\(s\) 999999 are not rows"):
        add_correction(store, wh.con, catalogue, RowsCorrection("hr.employees", delivery, (999999,), "exclude", "r"))
    line = _employees(wh)[0][1]
    with pytest.raises(InvalidCorrection, match="not a valid decimal for fte"):
        add_correction(store, wh.con, catalogue, RowsCorrection("hr.employees", delivery, (line,), "set", "r",
                                                                column="fte", new_value="lots"))
    with pytest.raises(InvalidCorrection, match="not a column"):
        add_correction(store, wh.con, catalogue, RowsCorrection("hr.employees", delivery, (line,), "set", "r",
                                                                column="_line", new_value="1"))


def test_a_row_correction_of_a_replaced_delivery_no_longer_applies(setup):
    from support.figures import add_rows

    home, wh, catalogue, store, first = setup
    delivery, line = wh.con.execute("""SELECT _delivery, _line FROM current.hr_employees WHERE _municipality = 147
                                       AND _period = ? AND fte IS NOT NULL ORDER BY _line LIMIT 1""",
                                    [MONTH]).fetchall()[0]
    record = add_correction(store, wh.con, catalogue, RowsCorrection("hr.employees", delivery, (line,), "exclude",
                                                                     reason="a duplicate"))
    applied = compute(wh.con, catalogue, now=dt.datetime(2024, 9, 5), corrections=[record]).release_id
    assert wh.con.execute("SELECT count(*) FROM releases.corrected_cells WHERE release_id = ? AND municipality = 147",
                          [applied]).fetchall()[0][0] > 0
    # The supplier re-delivers the month: the correction was about the old file and no longer applies.
    rows = wh.con.sql("SELECT * EXCLUDE (_delivery, _line) FROM current.hr_employees WHERE _municipality = 147 "
                      "AND _period = ?", params=[MONTH]).to_arrow_table().to_pylist()
    add_rows(wh, {"hr.employees": rows}, received_at=dt.datetime(2024, 9, 6))
    release = compute(wh.con, catalogue, now=dt.datetime(2024, 9, 7), corrections=[record]).release_id
    assert wh.con.execute("SELECT applies FROM releases.corrections WHERE release_id = ? AND correction_id = ?",
                          [release, record.id]).fetchall() == [(False,)]
    assert wh.con.execute("SELECT count(*) FROM releases.corrected_cells WHERE release_id = ? AND municipality = 147",
                          [release]).fetchall()[0][0] == 0
