"""HR key figures computed on hand-made payroll rows, checked against hand arithmetic."""

from __future__ import annotations

import pytest

from support.figures import compute_figures, warehouse_with

M = 101


def employee(eid: str, period: str, job: str, *, function: str = "3.22.01", fte: float = 1.0, active: int = 21,
             sick: int = 0, injury: int | None = 0, sex: int = 2, born: int = 1980, salary: float | None = 40_000,
             form: str = "agreement") -> dict:
    return dict(employee_id=eid, birth_year=born, sex=sex, workplace_id="W1", function=function, job_category=job,
                employment_form=form, fte=fte, active_days=active, sick_days=sick, injury_days=injury,
                salary=salary, _municipality=M, _period=period)


def test_sickness_absence_counts_work_injuries_by_staff_group_and_age(tmp_path):
    p = "2024-02-01"
    wh = warehouse_with(tmp_path, {"hr.employees": [
        employee("e1", p, "teacher", active=21, sick=3, injury=1, born=1990),  # 34 years
        employee("e2", p, "pedagogue", function="5.25.14", active=21, sick=0, injury=None, born=1962),  # 62
        employee("e3", p, "teacher", active=10, sick=2, injury=0, born=1970),  # 54
    ]})
    values = compute_figures(wh, ["HRM010"])
    assert values[("HRM010", M, "2024-02")] == pytest.approx(6 / 52 * 100)  # (3 + 1 + 0 + 2) / (21 + 21 + 10)
    assert values[("HRM010.hr_staff_group.teaching", M, "2024-02")] == pytest.approx(6 / 31 * 100)  # e1, e3
    assert values[("HRM010.hr_staff_group.pedagogical", M, "2024-02")] == pytest.approx(0.0)  # e2: empty injury = 0
    assert values[("HRM010.hr_staff_group.care", M, "2024-02")] is None  # nobody employed
    assert values[("HRM010.hr_age_band.30-49", M, "2024-02")] == pytest.approx(4 / 21 * 100)  # e1
    assert values[("HRM010.hr_age_band.60+", M, "2024-02")] == pytest.approx(0.0)  # e2
    assert values[("HRM010.hr_sector.schools", M, "2024-02")] == pytest.approx(6 / 31 * 100)  # e1, e3 on 3.22.01


def test_sickness_absence_in_the_year_adds_up_the_months(tmp_path):
    wh = warehouse_with(tmp_path, {"hr.employees": [
        employee("e1", "2024-01-01", "nurse", function="4.62.90", active=22, sick=11),
        employee("e1", "2024-02-01", "nurse", function="4.62.90", active=20, sick=0),
        employee("e2", "2024-02-01", "nurse", function="4.62.90", active=18, sick=1, injury=2),
        employee("e1", "2025-01-01", "nurse", function="4.62.90", active=22, sick=0),
    ]})
    values = compute_figures(wh, ["HRM012"])
    assert values[("HRM012", M, "2024-01")] == pytest.approx(14 / 60 * 100)  # (11 + 0 + 1 + 2) / (22 + 20 + 18)
    assert values[("HRM012", M, "2025-01")] == pytest.approx(0.0)  # 0 / 22


def test_residents_aged_6_to_16_per_teacher_fte_in_public_schools(tmp_path):
    p = "2024-09-01"
    residents = [dict(person_id=f"c{i}", birth_date="2012-03-01", sex=1, origin=1, municipality=M,
                      _municipality=M, _period=p) for i in range(5)]  # 12 years old: counted
    residents += [dict(person_id=f"s{i}", birth_date="2021-03-01", sex=2, origin=1, municipality=M,
                       _municipality=M, _period=p) for i in range(2)]  # 3 years old
    residents += [dict(person_id="y", birth_date="2007-01-01", sex=2, origin=1, municipality=M,
                       _municipality=M, _period=p)]  # 17 years old
    wh = warehouse_with(tmp_path, {
        "citizens.residents": residents,
        "hr.employees": [
            employee("t1", p, "teacher", fte=1.0),
            employee("t2", p, "teacher", fte=0.5),
            employee("t3", p, "teacher", function="3.22.05", fte=1.0),  # after-school care: left out
            employee("t4", p, "pedagogue", fte=1.0),  # not a teacher: left out
        ],
    })
    values = compute_figures(wh, ["HRM024"])
    assert values[("HRM024", M, "2024-09")] == pytest.approx(5 / 1.5)  # 5 residents aged 6-16 / 1.5 FTE


def test_median_pay_of_full_time_employees_by_sex(tmp_path):
    p = "2024-04-01"
    wh = warehouse_with(tmp_path, {"hr.employees": [
        employee("e1", p, "nurse", salary=30_000, sex=2),
        employee("e2", p, "nurse", salary=50_000, sex=2),
        employee("e3", p, "service", salary=40_000, sex=1),
        employee("e4", p, "service", salary=10_000, fte=0.3, sex=1),  # part time: left out
        employee("e5", p, "service", salary=None, sex=1),  # no pay reported: left out
    ]})
    values = compute_figures(wh, ["HRM019"])
    assert values[("HRM019", M, "2024-04")] == pytest.approx(40_000)  # median of 30, 40, 50 thousand
    assert values[("HRM019.sex.2", M, "2024-04")] == pytest.approx(40_000)  # (30,000 + 50,000) / 2
    assert values[("HRM019.sex.1", M, "2024-04")] == pytest.approx(40_000)  # e3 only


def test_payroll_reconciles_with_ledger_salaries_by_sector(tmp_path):
    wh = warehouse_with(tmp_path, {
        "hr.employees": [
            employee("e1", "2024-01-01", "teacher", salary=40_000),
            employee("e1", "2024-02-01", "teacher", salary=40_000),
            employee("e2", "2024-02-01", "health_helper", function="5.30.26", salary=30_000),
        ],
        "economy.postings": [
            dict(posting_id=1, posting_date="2024-01-31", function="3.22.01", dranst=1, art="1.2", amount=40_000,
                 _municipality=M, _period="2024-01-01"),
            dict(posting_id=2, posting_date="2024-02-29", function="3.22.01", dranst=1, art="1.2", amount=40_000,
                 _municipality=M, _period="2024-02-01"),
            dict(posting_id=3, posting_date="2024-02-29", function="5.30.26", dranst=1, art="1.2", amount=20_000,
                 _municipality=M, _period="2024-02-01"),
            dict(posting_id=4, posting_date="2024-02-10", function="5.30.26", dranst=1, art="4.0", amount=99_000,
                 _municipality=M, _period="2024-02-01"),  # not a salary
        ],
    })
    values = compute_figures(wh, ["HRM022"])
    assert values[("HRM022", M, "2024-01")] == pytest.approx(110_000 / 100_000 * 100)  # payroll / ledger
    assert values[("HRM022.hr_sector.schools", M, "2024-01")] == pytest.approx(100.0)  # 80,000 / 80,000
    assert values[("HRM022.hr_sector.elderly", M, "2024-01")] == pytest.approx(150.0)  # 30,000 / 20,000
