"""Health key figures computed on hand-made rows, checked against hand arithmetic."""

from __future__ import annotations

import pytest

from support.figures import compute_figures, warehouse_with

M = 101  # København
MONTHS = [f"2024-{m:02d}-01" for m in range(1, 13)]


def resident(pid: str, born: str, period: str, *, sex: int = 1) -> dict:
    return dict(person_id=pid, birth_date=born, sex=sex, origin=1, municipality=M, _municipality=M,
                _period=period)


def admission(aid: str, pid: str, admitted: str, discharged: str, group: str, *, born: str = "1945-06-01",
              sex: int = 1, co_financing: float = 20_000.0) -> dict:
    return dict(admission_id=aid, person_id=pid, birth_date=born, sex=sex, home_municipality=M,
                admission_date=admitted, discharge_date=discharged, diagnosis_group=group,
                preventable=group != "other", hospital_region=1084, co_financing=co_financing,
                _municipality=M, _period=discharged[:8] + "01")


def plan(pid: str, issued: str, start: str | None, *, sex: int = 1, born: str = "1950-01-01",
         end: str | None = None) -> dict:
    return dict(plan_id=f"{pid}-{issued}", person_id=pid, birth_date=born, sex=sex, home_municipality=M,
                issued_date=issued, start_date=start, end_date=end, plan_type="general",
                _municipality=M, _period=issued[:8] + "01")


def _a_year_of_residents() -> list[dict]:
    """4 residents 65+ (r1, r2 men; r3, r4 women) all year, r5 (a woman) in December only, and one aged 30."""
    rows = []
    for month in MONTHS:
        rows += [resident("r1", "1945-06-01", month, sex=1), resident("r2", "1950-06-01", month, sex=1),
                 resident("r3", "1940-06-01", month, sex=2), resident("r4", "1955-06-01", month, sex=2),
                 resident("y", "1994-06-01", month, sex=2)]
    rows.append(resident("r5", "1952-06-01", "2024-12-01", sex=2))
    return rows


ADMISSIONS = [
    admission("a1", "r1", "2024-03-01", "2024-03-05", "pneumonia", born="1945-06-01", sex=1),  # 4 days
    admission("a2", "r3", "2024-03-10", "2024-03-12", "fracture", born="1940-06-01", sex=2),  # 2 days
    admission("a3", "r2", "2024-05-02", "2024-05-10", "other", born="1950-06-01", sex=1),  # 8 days
    admission("a4", "r1", "2024-12-01", "2024-12-07", "dehydration", born="1945-06-01", sex=1),  # 6 days
]


def test_preventable_admissions_per_1000_residents_65_plus_over_12_months(tmp_path):
    wh = warehouse_with(tmp_path, {"citizens.residents": _a_year_of_residents(), "health.admissions": ADMISSIONS},
                        empty={"health.admissions": [(M, f"2024-{month:02d}-01") for month in range(1, 13)]})  # months without admissions
    values = compute_figures(wh, ["HEA002"])
    # a1, a2, a4 are preventable; residents 65+: 4 in January-November, 5 in December: mean 49 / 12
    assert values[("HEA002", M, "2024-12")] == pytest.approx(3 / (49 / 12) * 1000)
    # men: a1, a4 over r1, r2 every month (mean 2)
    assert values[("HEA002.sex.1", M, "2024-12")] == pytest.approx(2 / 2 * 1000)
    # women: a2 over r3, r4 (and r5 in December): mean 25 / 12
    assert values[("HEA002.sex.2", M, "2024-12")] == pytest.approx(1 / (25 / 12) * 1000)


def test_share_of_admissions_preventable_over_12_months_sums_both_sides(tmp_path):
    # Every month delivers admissions (the share needs 12 months of them): one 'other' admission of a woman
    # each month, and the three preventable ones of ADMISSIONS (a1, a4 of a man, a2 of a woman).
    others = [admission(f"o{i}", f"w{i}", month[:8] + "02", month[:8] + "04", "other", sex=2)
              for i, month in enumerate(MONTHS)]
    preventable = [a for a in ADMISSIONS if a["preventable"]]
    wh = warehouse_with(tmp_path, {"health.admissions": others + preventable})
    values = compute_figures(wh, ["HEA005"])
    assert values[("HEA005", M, "2024-12")] == pytest.approx(3 / 15 * 100)  # 3 preventable of 12 + 3
    assert values[("HEA005.sex.1", M, "2024-12")] == pytest.approx(100.0)  # a1, a4 of a1, a4
    assert values[("HEA005.sex.2", M, "2024-12")] == pytest.approx(1 / 13 * 100)  # a2 of a2 and 12 others


def test_share_of_residents_65_plus_admitted_during_the_year_counts_each_person_once(tmp_path):
    wh = warehouse_with(tmp_path, {"citizens.residents": _a_year_of_residents(), "health.admissions": ADMISSIONS})
    values = compute_figures(wh, ["HEA006", "HEA007"])
    # admitted: r1 (twice), r2, r3 = 3 persons of the 5 residents 65+ during 2024 (r1-r5; y is 30)
    assert values[("HEA006", M, "2024-01")] == pytest.approx(60.0)
    assert values[("HEA006.sex.2", M, "2024-01")] == pytest.approx(100 / 3)  # r3 of r3, r4, r5
    assert values[("HEA007", M, "2024-01")] == pytest.approx(4 / 3)  # 4 admissions / 3 persons


def test_co_financing_per_admission_by_kind_of_admission(tmp_path):
    wh = warehouse_with(tmp_path, {"health.admissions": [
        admission("a1", "p1", "2024-02-01", "2024-02-03", "pneumonia", co_financing=10_000.0),
        admission("a2", "p2", "2024-06-01", "2024-06-03", "urinary_tract_infection", co_financing=14_000.0),
        admission("a3", "p3", "2024-06-05", "2024-06-09", "other", co_financing=30_000.0),
        admission("a4", "p3", "2025-01-05", "2025-01-09", "other", co_financing=99_000.0),  # next year
    ]})
    values = compute_figures(wh, ["HEA013", "HEA009"])
    assert values[("HEA013", M, "2024-01")] == pytest.approx(54_000 / 3)  # (10,000 + 14,000 + 30,000) / 3
    assert values[("HEA013.health_admission_kind.preventable", M, "2024-01")] == pytest.approx(12_000.0)
    assert values[("HEA013.health_admission_kind.other", M, "2024-01")] == pytest.approx(30_000.0)
    assert values[("HEA009", M, "2024-01")] == pytest.approx(2.0)  # median of 2, 2, 4 days


def test_median_wait_for_rehabilitation_leaves_out_courses_never_started(tmp_path):
    wh = warehouse_with(tmp_path, {"health.rehabilitation_plans": [
        plan("m1", "2024-02-01", "2024-02-04", sex=1),  # 3 days
        plan("m2", "2024-04-10", "2024-04-20", sex=1),  # 10 days
        plan("w1", "2024-04-12", "2024-04-17", sex=2),  # 5 days
        plan("w2", "2024-09-01", None, sex=2),  # never started: left out
    ]})
    values = compute_figures(wh, ["HEA021"])
    assert values[("HEA021", M, "2024-01")] == pytest.approx(5.0)  # median of 3, 5, 10
    assert values[("HEA021.sex.1", M, "2024-01")] == pytest.approx(6.5)  # median of 3, 10
    assert values[("HEA021.sex.2", M, "2024-01")] == pytest.approx(5.0)  # w1 alone


def test_share_of_rehabilitation_started_within_7_days_over_12_months(tmp_path):
    plans = [plan("f", month, None) for month in MONTHS[:-1]]  # a plan never started every month (Jan-Nov)
    plans += [plan("a", "2024-12-01", "2024-12-08"),  # 7 days: in time
              plan("b", "2024-12-02", "2024-12-10")]  # 8 days: late
    wh = warehouse_with(tmp_path, {"health.rehabilitation_plans": plans})
    values = compute_figures(wh, ["HEA020"])
    assert values[("HEA020", M, "2024-12")] == pytest.approx(1 / 13 * 100)  # a of 11 + 2 plans
    assert values[("HEA020", M, "2024-11")] is None  # fewer than 12 months
