"""Repeated records and cross-domain consistency on hand-made warehouses."""

from __future__ import annotations

import datetime as dt

import pytest

from flis.quality.crossdomain import payroll_vs_ledger, pupils_vs_children
from flis.quality.records import check_repeated_records
from quality.builders import MUNICIPALITIES, months, pupils
from support.figures import warehouse_with


def test_a_small_file_with_every_record_twice_is_found_although_its_count_is_within_noise(tmp_path):
    # 3 pupils become 6 in March: too few for a history check, but every copy repeats a record's content
    rows = [r for p in months("2024-01", 4) for r in pupils(825, p, 3, copies=2 if p.month == 3 else 1)]
    wh = warehouse_with(tmp_path, {"schools.pupils": rows})
    found = [f for f in check_repeated_records(wh.con) if f.subject == "schools.pupils#repeated"]
    assert [(f.municipality, f.period, f.values["value"], f.values["rows"]) for f in found] == [
        (825, "2024-03", 6, 6)]
    assert "6 of 6 rows in 2024-03 repeat another row's content" in found[0].message_en


def test_records_that_usually_repeat_are_not_a_finding(tmp_path):
    # twins: the same birth date, sex and class, every month — the municipality's usual share is high
    twins = [dict(pupil_id=f"P{k}", birth_date=dt.date(2012, 5, 1), sex=1, school_id="S", class_id="C",
                  grade=5, home_municipality=825, paying_municipality=825, _municipality=825,
                  _period=p.first_day)
             for p in months("2024-01", 3) for k in range(2)]
    wh = warehouse_with(tmp_path, {"schools.pupils": twins})
    assert [f for f in check_repeated_records(wh.con) if f.subject == "schools.pupils#repeated"] == []


def _residents(m: int, period, children: int, adults: int) -> list[dict]:
    first = period.first_day
    kids = [dict(person_id=f"C{m}-{k}", birth_date=first.replace(year=first.year - 10), _municipality=m,
                 _period=first) for k in range(children)]
    grown = [dict(person_id=f"A{m}-{k}", birth_date=first.replace(year=first.year - 40), _municipality=m,
                  _period=first) for k in range(adults)]
    return kids + grown


def test_pupils_far_from_the_national_pupils_per_child_are_a_cross_domain_finding(tmp_path):
    period = months("2024-03", 1)[0]
    residents, school = [], []
    for m in MUNICIPALITIES:
        residents += _residents(m, period, 50, 100)
        school += pupils(m, period, 80 if m == 101 else 40)  # 101: 80 pupils for 50 children
    wh = warehouse_with(tmp_path, {"citizens.residents": residents, "schools.pupils": school})
    found = pupils_vs_children(wh.con)
    # national: (80 + 11 * 40) / (12 * 50) = 520 / 600 = 0.8667; 101: 80 / 50 = 1.6, 1.846 times the national
    assert [(f.municipality, f.period) for f in found] == [(101, "2024-03")]
    assert found[0].values["reference"] == pytest.approx(520 / 600, rel=1e-5)
    assert found[0].values["score"] == pytest.approx(1.6 / (520 / 600), rel=1e-5)
    assert set(found[0].tables) == {"schools.pupils", "citizens.residents"}


def test_salary_postings_per_payroll_fte_far_from_the_national_figure(tmp_path):
    period = months("2024-03", 1)[0]
    employees, ledger = [], []
    for m in MUNICIPALITIES:
        employees += [dict(employee_id=f"E{m}-{k}", function="3.22.01", fte=1.0, _municipality=m,
                           _period=period.first_day) for k in range(10)]
        salary = 40_000.0 if m != 147 else 40.0  # 147's ledger salaries are in thousands
        ledger += [dict(posting_id=m * 100 + k, function="3.22.01", dranst=1, art="1.2", amount=salary,
                        _municipality=m, _period=period.first_day) for k in range(10)]
    wh = warehouse_with(tmp_path, {"hr.employees": employees, "economy.postings": ledger})
    found = payroll_vs_ledger(wh.con)
    assert [(f.municipality, f.period) for f in found] == [(147, "2024-03")]
    # national: (11 * 400,000 + 400) / 120 FTE = 36,670 kroner per FTE; 147: 40 per FTE
    assert found[0].values["reference"] == pytest.approx((11 * 400_000 + 400) / 120, rel=1e-5)
    assert found[0].values["value"] == pytest.approx(40.0)
