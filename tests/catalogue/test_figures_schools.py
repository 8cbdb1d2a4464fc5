"""Schools key figures computed on small hand-made warehouses; every expected value is worked out by hand."""

from __future__ import annotations

import pytest
from support.figures import compute_figures, warehouse_with

CPH, FRB = 101, 147  # København, Frederiksberg
MARCH = "2024-03-01"


def _school(school_id, school_type="folkeskole", municipality=CPH, period=MARCH):
    return dict(school_id=school_id, name=school_id, school_type=school_type, owner_municipality=municipality,
                _municipality=municipality, _period=period)


def _class(class_id, school_id, grade, class_type="normal", municipality=CPH, period=MARCH):
    return dict(class_id=class_id, school_id=school_id, grade=grade, class_type=class_type,
                year_grouped=class_type == "normal", _municipality=municipality, _period=period)


def _pupils(n, prefix, school_id, class_id, grade, municipality=CPH, period=MARCH, **extra):
    base = dict(birth_date=f"{2024 - 6 - grade}-03-15", sex=1, school_id=school_id, class_id=class_id,
                grade=grade, home_municipality=municipality, paying_municipality=municipality,
                _municipality=municipality, _period=period)
    return [{**base, "pupil_id": f"{prefix}{i}", **extra} for i in range(n)]


def test_class_size_special_class_share_and_school_size(tmp_path):
    """Four classes in two folkeskoler: 12 and 10 pupils in normal classes, a normal class of 3 and a
    special class of 6."""
    pupils = (_pupils(12, "a", "s1", "c1", 4) + _pupils(10, "b", "s1", "c2", 5)
              + _pupils(3, "c", "s2", "c3", 6) + _pupils(6, "d", "s1", "c4", 2))
    classes = [_class("c1", "s1", 4), _class("c2", "s1", 5), _class("c3", "s2", 6),
               _class("c4", "s1", 2, "special_20_2")]
    wh = warehouse_with(tmp_path, {"schools.pupils": pupils, "schools.classes": classes,
                                 "schools.schools": [_school("s1"), _school("s2")]})
    v = compute_figures(wh, ["SCH001", "SCH002", "SCH003"])
    # Class size: (12 + 10) / 2 normal classes; c3 (3 pupils, under 10) and the special class c4 are left out.
    assert v[("SCH001", CPH, "2024-03")] == pytest.approx(11.0)
    assert v[("SCH001.schools_grade_band.4-6", CPH, "2024-03")] == pytest.approx(11.0)
    # Grades 0-3 have only the special class: no normal class, no value.
    assert v[("SCH001.schools_grade_band.0-3", CPH, "2024-03")] is None
    # Special classes: 6 of the 31 pupils of the folkeskoler = 19.35 %; in grades 0-3 all 6 of 6.
    assert v[("SCH002", CPH, "2024-03")] == pytest.approx(100 * 6 / 31)
    assert v[("SCH002.schools_grade_band.0-3", CPH, "2024-03")] == pytest.approx(100.0)
    assert v[("SCH002.schools_grade_band.7-10", CPH, "2024-03")] is None  # no pupils in grades 7-10
    # School size: 31 pupils in 2 folkeskoler.
    assert v[("SCH003", CPH, "2024-03")] == pytest.approx(15.5)


def test_pupil_teacher_ratio_counts_pupils_for_the_paying_municipality(tmp_path):
    """Ten pupils in København's school, two of them paid for by Frederiksberg; payroll has teachers of
    several kinds, only civil servants and agreement staff on 3.22.01 count."""
    pupils = _pupils(8, "a", "s1", "c1", 3) + _pupils(2, "b", "s1", "c1", 3, paying_municipality=FRB)
    employees = [
        dict(employee_id="e1", function="3.22.01", job_category="teacher", employment_form="agreement", fte=1.0),
        dict(employee_id="e2", function="3.22.01", job_category="teacher", employment_form="civil_servant",
             fte=0.5),
        dict(employee_id="e3", function="3.22.01", job_category="teacher", employment_form="hourly", fte=1.0),
        dict(employee_id="e4", function="3.22.01", job_category="pedagogue", employment_form="agreement",
             fte=1.0),
        dict(employee_id="e5", function="3.22.08", job_category="teacher", employment_form="agreement", fte=1.0),
    ]
    employees = [{**e, "birth_year": 1980, "sex": 2, "workplace_id": "s1", "active_days": 20, "sick_days": 0,
                  "_municipality": CPH, "_period": MARCH} for e in employees]
    wh = warehouse_with(tmp_path, {"schools.pupils": pupils, "schools.classes": [_class("c1", "s1", 3)],
                                 "schools.schools": [_school("s1")], "hr.employees": employees})
    v = compute_figures(wh, ["SCH005"])
    # København pays for 8 pupils; teacher FTE = 1.0 (e1) + 0.5 (e2) = 1.5 -> 8 / 1.5.
    assert v[("SCH005", CPH, "2024-03")] == pytest.approx(8 / 1.5)
    # Frederiksberg pays for 2 pupils but has no payroll rows: no denominator, no value.
    assert v.get(("SCH005", FRB, "2024-03")) is None


def test_exam_average_and_pass_share_by_sex_and_subject(tmp_path):
    """Two 9th-graders sit Danish reading (DAL) and maths without aids (MAU) in June 2024."""
    june = "2024-06-01"
    pupils = (_pupils(1, "boy", "s1", "c9", 9, period=june, sex=1)
              + _pupils(1, "girl", "s1", "c9", 9, period=june, sex=2))
    grades = [("boy0", "DAL", "12"), ("boy0", "MAU", "7"), ("girl0", "DAL", "4"), ("girl0", "MAU", "-3")]
    exams = [dict(pupil_id=p, school_id="s1", class_id="c9", subject=s, grade_value=g, exam_date="2024-06-10",
                  _municipality=CPH, _period=june) for p, s, g in grades]
    wh = warehouse_with(tmp_path, {"schools.exams": exams, "schools.pupils": pupils,
                                 "schools.classes": [_class("c9", "s1", 9, period=june)],
                                 "schools.schools": [_school("s1", period=june)]})
    v = compute_figures(wh, ["SCH015", "SCH016", "SCH017"])
    year = "2024-01"  # annual figures are keyed by the first month of the year
    assert v[("SCH015", CPH, year)] == pytest.approx((12 + 7 + 4 - 3) / 4)  # 5.0
    assert v[("SCH015.schools_exam_subject.DAL", CPH, year)] == pytest.approx((12 + 4) / 2)  # 8.0
    assert v[("SCH015.schools_exam_subject.FFP", CPH, year)] is None  # nobody sat the science exam
    # Grades of 02 or more: 12, 7 and 4 of the four grades = 75 %; by sex through the June pupil count:
    # the boy's 12 and 7 = 100 %, the girl's 4 and -3 = 50 %.
    assert v[("SCH016", CPH, year)] == pytest.approx(75.0)
    assert v[("SCH016.sex.1", CPH, year)] == pytest.approx(100.0)
    assert v[("SCH016.sex.2", CPH, year)] == pytest.approx(50.0)
    # Grades of 10 or 12: only the boy's 12 -> 1 of 4.
    assert v[("SCH017", CPH, year)] == pytest.approx(25.0)


def test_absence_is_a_rolling_12_month_share_of_school_days(tmp_path):
    """One pupil from January to December 2024: 20 school days a month except July (none), one day ill in
    every month with school days and an extra unauthorised day in March."""
    rows = []
    for month in range(1, 13):
        days = 0 if month == 7 else 20
        rows += _pupils(1, "p", "s1", "c1", 4, period=f"2024-{month:02d}-01", school_days=days,
                        absence_illness=1 if days else 0, absence_authorised=0,
                        absence_unauthorised=1 if month == 3 else 0)
    wh = warehouse_with(tmp_path, {"schools.pupils": rows})
    v = compute_figures(wh, ["SCH008", "SCH009"])
    # Over the 12 months: 11 days ill and 1 unauthorised day out of 11 x 20 = 220 school days.
    assert v[("SCH008", CPH, "2024-12")] == pytest.approx(100 * 11 / 220)  # 5.0 %
    assert v[("SCH009", CPH, "2024-12")] == pytest.approx(100 * 1 / 220)  # 0.4545 %
    assert v[("SCH009.sex.1", CPH, "2024-12")] == pytest.approx(100 * 1 / 220)
    # Before a full year of months there is no rolling value.
    assert v.get(("SCH008", CPH, "2024-11")) is None


def test_municipal_school_share_counts_pupils_where_they_live(tmp_path):
    """København's school has 3 pupils aged 9 from København and 1 from Frederiksberg; København has 4
    residents aged 9 and one aged 30, Frederiksberg 2 residents aged 9."""
    pupils = (_pupils(3, "k", "s1", "c1", 3, birth_date="2015-01-10")
              + _pupils(1, "f", "s1", "c1", 3, birth_date="2015-01-10", home_municipality=FRB,
                        paying_municipality=FRB))
    residents = ([dict(person_id=f"rk{i}", birth_date="2015-01-10", sex=1, origin=1, municipality=CPH,
                       _municipality=CPH, _period=MARCH) for i in range(4)]
                 + [dict(person_id="adult", birth_date="1994-01-10", sex=2, origin=1, municipality=CPH,
                         _municipality=CPH, _period=MARCH)]
                 + [dict(person_id=f"rf{i}", birth_date="2015-01-10", sex=1, origin=1, municipality=FRB,
                         _municipality=FRB, _period=MARCH) for i in range(2)])
    wh = warehouse_with(tmp_path, {"schools.pupils": pupils, "citizens.residents": residents},
                        empty={"schools.pupils": [(FRB, "2024-03-01")]})  # Frederiksberg delivered no pupils
    v = compute_figures(wh, ["SCH012", "SCH013"])
    # Aged 9 on 31 March 2024. København: 3 pupils of 4 residents aged 6-16 (the 30-year-old is left out).
    assert v[("SCH012", CPH, "2024-03")] == pytest.approx(75.0)
    # Frederiksberg: its pupil goes to school in København but counts at home: 1 of 2.
    assert v[("SCH012", FRB, "2024-03")] == pytest.approx(50.0)
    assert v[("SCH012.schools_age.6-9", FRB, "2024-03")] == pytest.approx(50.0)
    assert v[("SCH012.sex.2", CPH, "2024-03")] is None  # no girls aged 6-16 live in København
    # Pupils from another municipality in København's school: 1 of 4.
    assert v[("SCH013", CPH, "2024-03")] == pytest.approx(25.0)


def test_class_size_counts_only_classes_of_10_to_35_pupils(tmp_path):
    """Normal classes of 36, 35, 10 and 9 pupils: only the 35 and the 10 count."""
    pupils = (_pupils(36, "a", "s1", "c1", 1) + _pupils(35, "b", "s1", "c2", 2)
              + _pupils(10, "c", "s1", "c3", 3) + _pupils(9, "d", "s1", "c4", 8))
    classes = [_class("c1", "s1", 1), _class("c2", "s1", 2), _class("c3", "s1", 3), _class("c4", "s1", 8)]
    wh = warehouse_with(tmp_path, {"schools.pupils": pupils, "schools.classes": classes,
                                   "schools.schools": [_school("s1")]})
    v = compute_figures(wh, ["SCH001"])
    assert v[("SCH001", CPH, "2024-03")] == pytest.approx((35 + 10) / 2)
    assert v[("SCH001.schools_grade_band.0-3", CPH, "2024-03")] == pytest.approx(22.5)
    assert v[("SCH001.schools_grade_band.7-10", CPH, "2024-03")] is None  # its only class has 9 pupils
