"""Daycare key figures computed on small hand-made warehouses; every expected value is worked out by hand."""

from __future__ import annotations

import pytest
from support.figures import compute_figures, warehouse_with

CPH, FRB = 101, 147  # København, Frederiksberg
MARCH = "2024-03-01"


def _resident(person_id, birth_date, municipality=CPH, sex=1, period=MARCH):
    return dict(person_id=person_id, birth_date=birth_date, sex=sex, origin=1, municipality=municipality,
                _municipality=municipality, _period=period)


def _child(child_id, birth_date=None, institution_id="i1", place_type="kindergarten", municipality=CPH,
           home=None, paying=None, period=MARCH, sex=1, **extra):
    home = home or municipality
    row = dict(child_id=child_id, birth_date=birth_date, sex=sex, institution_id=institution_id,
               start_date="2023-08-01", place_type=place_type, weekly_hours=45.0, home_municipality=home,
               paying_municipality=paying or home, _municipality=municipality, _period=period)
    return {**row, **extra}


def test_coverage_counts_children_where_they_live(tmp_path):
    """Ages on 31 March 2024. København: residents aged 0, 2, 2, 3, 5 and 7; Frederiksberg: 1 and 4."""
    residents = [
        _resident("k0", "2023-06-01"), _resident("k2a", "2022-01-10", sex=2), _resident("k2b", "2022-02-01"),
        _resident("k3", "2020-05-05"), _resident("k5", "2018-06-01", sex=2), _resident("k7", "2017-01-01"),
        _resident("f1", "2023-01-01", FRB), _resident("f4", "2019-09-09", FRB),
    ]
    enrolments = [
        _child("k2a", "2022-01-10", place_type="nursery", sex=2), _child("k3", "2020-05-05"),
        _child("k5", "2018-06-01", sex=2),
        _child("k7", "2017-01-01"),  # aged 7: outside the 0-5 filter (and not in the denominator either)
        _child("f4", "2019-09-09", home=FRB),  # a Frederiksberg child in a København kindergarten
        _child("k2b", "2022-02-01", institution_id="i9", place_type="nursery", municipality=FRB, home=CPH),
    ]
    wh = warehouse_with(tmp_path, {"citizens.residents": residents, "daycare.enrolments": enrolments})
    v = compute_figures(wh, ["DAY001"])
    # København: k2a, k3, k5 here and k2b in Frederiksberg = 4 of its 5 residents aged 0-5.
    assert v[("DAY001", CPH, "2024-03")] == pytest.approx(80.0)
    assert v[("DAY001.daycare_age.0", CPH, "2024-03")] == pytest.approx(0.0)  # k0 has no place
    assert v[("DAY001.daycare_age.1-2", CPH, "2024-03")] == pytest.approx(100.0)  # k2a and k2b
    assert v[("DAY001.daycare_age_year.5", CPH, "2024-03")] == pytest.approx(100.0)
    assert v[("DAY001.sex.2", CPH, "2024-03")] == pytest.approx(100.0)  # k2a and k5, both enrolled
    assert v[("DAY001.sex.1", CPH, "2024-03")] == pytest.approx(200 / 3)  # k0, k2b, k3: two enrolled
    # Frederiksberg: f4 (enrolled in København) of f1 and f4.
    assert v[("DAY001", FRB, "2024-03")] == pytest.approx(50.0)


def test_staff_ratios_and_occupancy_by_setting(tmp_path):
    """A family-daycare district (8 places, 3 children) and an integrated institution (20 places, 2 nursery
    and 4 kindergarten children)."""
    institutions = [
        dict(institution_id="i1", name="Dagplejen", institution_type="dagpleje", owner="municipal", capacity=8,
             municipality=CPH, _municipality=CPH, _period=MARCH),
        dict(institution_id="i2", name="Solsikken", institution_type="integreret", owner="self_governing",
             capacity=20, municipality=CPH, _municipality=CPH, _period=MARCH),
    ]
    enrolments = ([_child(f"f{i}", "2022-09-01", "i1", "family") for i in range(3)]
                  + [_child(f"n{i}", "2022-09-01", "i2", "nursery") for i in range(2)]
                  + [_child(f"k{i}", "2020-09-01", "i2", "kindergarten") for i in range(4)])
    staff = [("i1", "childminder", 1.0), ("i1", "pedagogue", 0.1), ("i1", "manager", 1.0),
             ("i2", "pedagogue", 1.5), ("i2", "pedagogical_assistant", 0.5), ("i2", "manager", 1.0)]
    staff = [dict(institution_id=i, staff_category=c, fte=f, _municipality=CPH, _period=MARCH) for i, c, f in staff]
    wh = warehouse_with(tmp_path, {"daycare.institutions": institutions, "daycare.enrolments": enrolments,
                                   "daycare.staff": staff})
    v = compute_figures(wh, ["DAY009", "DAY010", "DAY011", "DAY015"])
    # Normering: 9 children / (1.0 + 0.1 + 1.5 + 0.5) FTE, managers left out.
    assert v[("DAY009", CPH, "2024-03")] == pytest.approx(9 / 3.1)
    assert v[("DAY009.daycare_setting.family", CPH, "2024-03")] == pytest.approx(3 / 1.1)
    assert v[("DAY009.daycare_setting.institution", CPH, "2024-03")] == pytest.approx(6 / 2.0)
    # Child units in institutions: 2 nursery children x 2 + 4 kindergarten children = 8, over 2.0 FTE.
    assert v[("DAY010", CPH, "2024-03")] == pytest.approx(4.0)
    # Pedagogues: 1.5 of 2.0 FTE in the institution (the family-daycare pedagogue is left out).
    assert v[("DAY011", CPH, "2024-03")] == pytest.approx(75.0)
    # Occupancy: 9 of 28 places; 3 of 8 in family daycare, 6 of 20 in the institution.
    assert v[("DAY015", CPH, "2024-03")] == pytest.approx(100 * 9 / 28)
    assert v[("DAY015.daycare_setting.family", CPH, "2024-03")] == pytest.approx(37.5)
    assert v[("DAY015.daycare_setting.institution", CPH, "2024-03")] == pytest.approx(30.0)


def test_annual_payments_enrolled_children_and_age_at_start(tmp_path):
    """Child A (nursery from 1 January 2024) and child B (nursery from 15 January, so first counted on
    5 February) pay every month; child C is in a private kindergarten (no payment) in January."""
    a = dict(birth_date="2023-03-01", place_type="nursery", start_date="2024-01-01", parent_payment=3000.0)
    b = dict(birth_date="2023-02-15", place_type="nursery", start_date="2024-01-15", parent_payment=1500.0)
    rows = [_child("A", period=f"2024-0{m}-01", **a) for m in (1, 2, 3)]
    rows += [_child("B", period=f"2024-0{m}-01", **b) for m in (2, 3)]
    rows += [_child("C", "2020-01-01", period="2024-01-01", start_date="2023-01-01")]
    wh = warehouse_with(tmp_path, {"daycare.enrolments": rows})
    v = compute_figures(wh, ["DAY003", "DAY008", "DAY022"])
    year = "2024-01"
    # Payments: A 3 x 3,000 + B 2 x 1,500 = 12,000 over the 2 children with a paying place.
    assert v[("DAY022", CPH, year)] == pytest.approx(6000.0)
    assert v[("DAY022.daycare_age_group.0-2", CPH, year)] == pytest.approx(6000.0)
    # Children enrolled during the year, each once: A, B, C; by place type.
    assert v[("DAY003", CPH, year)] == 3
    assert v[("DAY003.daycare_place_type.nursery", CPH, year)] == 2
    # Age at start: A 306 days (1 March 2023 - 1 January 2024), seen new in January (0 days before the
    # month); B 334 days (15 February 2023 - 15 January 2024), seen new in February (17 days before).
    # C starts in a kindergarten place: left out. Median of two = their mean, in months of 30.4375 days.
    assert v[("DAY008", CPH, year)] == pytest.approx((306 + 334) / 2 / 30.4375)


def test_expenditure_per_enrolled_child_rolls_over_12_months(tmp_path):
    """2024: each month 10,000 DKK of operating costs and 2,000 DKK of parental payments (income) on
    integrated institutions, plus a capital project and school costs that do not count. København pays
    for 2 children from January to June and 3 from July; a Frederiksberg child goes to the same place."""
    postings, enrolments = [], []
    for m in range(1, 13):
        period = f"2024-{m:02d}-01"
        for n, (function, dranst, art, amount) in enumerate([("5.25.14", "1", "4.0", 10_000.0),
                                                             ("5.25.14", "1", "7.2", -2_000.0),
                                                             ("3.22.01", "1", "4.0", 5_000.0)]):
            postings.append(dict(posting_id=m * 10 + n, posting_date=period, function=function, dranst=dranst,
                                 art=art, amount=amount, _municipality=CPH, _period=period))
        if m == 5:
            postings.append(dict(posting_id=99, posting_date=period, function="5.25.14", dranst="3", art="4.0",
                                 amount=50_000.0, _municipality=CPH, _period=period))
        enrolments += [_child(f"c{i}", "2021-01-01", period=period) for i in range(2 if m <= 6 else 3)]
        enrolments.append(_child("frb", "2021-01-01", period=period, home=FRB))
    wh = warehouse_with(tmp_path, {"economy.postings": postings, "daycare.enrolments": enrolments})
    v = compute_figures(wh, ["DAY020"])
    # 12 x (10,000 - 2,000) = 96,000 DKK over the mean of the months' paid-for children (6 x 2 + 6 x 3) / 12
    # = 2.5 -> 38,400 DKK per child a year. The capital project (dranst 3) and 3.22.01 are left out.
    assert v[("DAY020", CPH, "2024-12")] == pytest.approx(96_000 / 2.5)
    assert v.get(("DAY020", CPH, "2024-11")) is None  # less than 12 months: no rolling value
