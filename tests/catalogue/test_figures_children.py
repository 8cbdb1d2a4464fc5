"""Child-welfare key figures computed on small hand-made warehouses; every expected value is worked out by hand."""

from __future__ import annotations

import pytest
from support.figures import compute_figures, warehouse_with

CPH, FRB = 101, 147  # København, Frederiksberg
MARCH = "2024-03-01"


def _resident(person_id, birth_date, municipality=CPH, sex=1, period=MARCH):
    return dict(person_id=person_id, birth_date=birth_date, sex=sex, origin=1, municipality=municipality,
                _municipality=municipality, _period=period)


def _measure(measure_id, child_id, birth_date, measure_type, legal_basis, paying=CPH, period=MARCH, sex=1,
             cost=10_000.0, acting=CPH):
    return dict(measure_id=measure_id, child_id=child_id, birth_date=birth_date, sex=sex,
                measure_type=measure_type, legal_basis=legal_basis, start_date="2023-06-01",
                acting_municipality=acting, paying_municipality=paying, provider_type="own", monthly_cost=cost,
                _municipality=acting, _period=period)


def test_placed_children_per_1000_by_acting_and_by_paying_municipality(tmp_path):
    """Ages on 31 March 2024. København's residents under 18: c1 (boy, 14), c2 (girl, 8), c3 (boy, 4),
    c4 (girl, 12), c5 (boy, 3); and y1 and y2 aged 19 and 20. Frederiksberg: two children."""
    residents = [_resident("c1", "2010-01-01"), _resident("c2", "2015-06-01", sex=2),
                 _resident("c3", "2020-01-01"), _resident("c4", "2012-01-01", sex=2),
                 _resident("c5", "2021-01-01"), _resident("y1", "2005-01-01"), _resident("y2", "2004-01-01"),
                 _resident("f1", "2014-01-01", FRB), _resident("f2", "2016-01-01", FRB, sex=2)]
    measures = [
        _measure("m1", "c1", "2010-01-01", "foster_family", "bl46"),
        _measure("m2", "c1", "2010-01-01", "residential_institution", "bl47"),  # c1 again: counted once
        _measure("m3", "c2", "2015-06-01", "kinship_foster_family", "bl47", paying=FRB, sex=2),
        _measure("m4", "c3", "2020-01-01", "family_treatment", "bl32_1_5"),
        _measure("m5", "y1", "2005-01-01", "own_room", "bl114"),
    ]
    wh = warehouse_with(tmp_path, {"citizens.residents": residents, "children.measures": measures},
                        empty={"children.measures": [(FRB, "2024-03-01")]})  # Frederiksberg acts on none
    v = compute_figures(wh, ["CHI001", "CHI002", "CHI003", "CHI005"])
    # Acting municipality: c1 and c2 placed, of 5 residents aged 0-17 -> 400 per 1,000.
    assert v[("CHI001", CPH, "2024-03")] == pytest.approx(400.0)
    assert v[("CHI001.sex.1", CPH, "2024-03")] == pytest.approx(1000 / 3)  # c1 of c1, c3, c5
    assert v[("CHI001.sex.2", CPH, "2024-03")] == pytest.approx(500.0)  # c2 of c2, c4
    assert v[("CHI001.age_children.12-17", CPH, "2024-03")] == pytest.approx(500.0)  # c1 of c1, c4
    assert v[("CHI001.age_children.0-5", CPH, "2024-03")] == pytest.approx(0.0)  # none of c3, c5
    # Paying municipality: København pays for c1 only (1 of 5); Frederiksberg pays for c2 (1 of 2).
    assert v[("CHI002", CPH, "2024-03")] == pytest.approx(200.0)
    assert v[("CHI002", FRB, "2024-03")] == pytest.approx(500.0)
    # Preventive: c3 -> 1 of 5.
    assert v[("CHI003", CPH, "2024-03")] == pytest.approx(200.0)
    # After-care: y1 of the 2 residents aged 18-22.
    assert v[("CHI005", CPH, "2024-03")] == pytest.approx(500.0)


def test_annual_children_with_measures_and_costs_by_paying_municipality(tmp_path):
    """January to March 2024: c1 in foster care in January and February (30,000 DKK a month), c2 in family
    treatment in February and March (12,000), c3 with a contact person in March (5,500, paid by
    Frederiksberg). Residents aged 0-17: c1-c4 all three months, c5 moves in in March."""
    measures = [
        _measure("m1", "c1", "2010-01-01", "foster_family", "bl46", period="2024-01-01", cost=30_000.0),
        _measure("m1", "c1", "2010-01-01", "foster_family", "bl46", period="2024-02-01", cost=30_000.0),
        _measure("m2", "c2", "2015-06-01", "family_treatment", "bl32_1_5", period="2024-02-01", cost=12_000.0),
        _measure("m2", "c2", "2015-06-01", "family_treatment", "bl32_1_5", period="2024-03-01", cost=12_000.0),
        _measure("m3", "c3", "2020-01-01", "contact_person", "bl32_1_3", period="2024-03-01", paying=FRB,
                 cost=5_500.0),
        _measure("f1", "f1", "2014-01-01", "mentor", "bl32_1_8", period="2024-01-01", paying=FRB, acting=FRB,
                 cost=1_000.0),
    ]
    residents = [_resident(p, b, period=f"2024-0{m}-01") for m in (1, 2, 3)
                 for p, b in (("c1", "2010-01-01"), ("c2", "2015-06-01"), ("c3", "2020-01-01"),
                              ("c4", "2012-01-01"))]
    residents.append(_resident("c5", "2021-01-01", period="2024-03-01"))
    wh = warehouse_with(tmp_path, {"citizens.residents": residents, "children.measures": measures})
    v = compute_figures(wh, ["CHI004", "CHI009", "CHI013"])
    year = "2024-01"
    # Children with a measure during the year: c1, c2, c3 of the 5 children who lived there -> 600.
    assert v[("CHI004", CPH, year)] == pytest.approx(600.0)
    assert v[("CHI009", CPH, year)] == 3
    assert v[("CHI009.children_measure_group.placement", CPH, year)] == 1
    assert v[("CHI009.children_measure_group.preventive", CPH, year)] == 2
    assert v[("CHI009.children_measure_type.contact_person", CPH, year)] == 1
    # Costs for the paying municipality: København 2 x 30,000 + 2 x 12,000; Frederiksberg 5,500 for c3 and
    # 1,000 for its own child f1.
    assert v[("CHI013", CPH, year)] == pytest.approx(84_000.0)
    assert v[("CHI013.children_measure_type.foster_family", CPH, year)] == pytest.approx(60_000.0)
    assert v[("CHI013.children_measure_group.preventive", CPH, year)] == pytest.approx(24_000.0)
    assert v[("CHI013", FRB, year)] == pytest.approx(6_500.0)


def test_child_welfare_expenditure_per_resident_and_preventive_share(tmp_path):
    """2024 ledger: each month 20,000 DKK on foster families (5.28.20) and 10,000 on preventive measures
    (5.28.21); a 2,000 DKK refund (dranst 2) in June; a capital project (dranst 3) on 5.28.22 in March and
    daycare (5.25.14) costs, which do not count. Residents: 4 children in January, 5 from February."""
    postings, residents = [], []
    for m in range(1, 13):
        period = f"2024-{m:02d}-01"
        lines = [("5.28.20", "1", 20_000.0), ("5.28.21", "1", 10_000.0), ("5.25.14", "1", 7_000.0)]
        lines += [("5.28.23", "2", -2_000.0)] if m == 6 else []
        lines += [("5.28.22", "3", 100_000.0)] if m == 3 else []
        postings += [dict(posting_id=m * 10 + i, posting_date=period, function=f, dranst=d, art="4.0", amount=a,
                          _municipality=CPH, _period=period) for i, (f, d, a) in enumerate(lines)]
        residents += [_resident(f"c{i}", "2015-01-01", period=period) for i in range(4 if m == 1 else 5)]
    wh = warehouse_with(tmp_path, {"economy.postings": postings, "citizens.residents": residents})
    v = compute_figures(wh, ["CHI014", "CHI015", "CHI016"])
    net = 12 * (20_000 + 10_000) - 2_000  # 358,000 DKK
    # Per resident in January (4), calendar year 2024.
    assert v[("CHI015", CPH, "2024-01")] == pytest.approx(net / 4)  # 89,500
    # Rolling: the same 358,000 over the mean residents aged 0-17, (4 + 11 x 5) / 12.
    assert v[("CHI014", CPH, "2024-12")] == pytest.approx(net / ((4 + 11 * 5) / 12))
    # Preventive share: 120,000 of 358,000.
    assert v[("CHI016", CPH, "2024-12")] == pytest.approx(100 * 120_000 / net)


def test_investigations_opened_completed_in_time_and_their_length(tmp_path):
    """inv1 opened 10 January, completed 20 March 2024 (70 days); inv2 opened 1 February, completed 15 July
    (165 days); inv3 opened 20 November, still open; inv0 opened in December 2023, open all year. An investigation has a row for every month it is open;
    the completion date shows from the month it happens. Ten residents aged 0-17 every month."""
    spans = [("inv1", "2024-01-10", "2024-03-20", 1, 3), ("inv2", "2024-02-01", "2024-07-15", 2, 7),
             ("inv3", "2024-11-20", None, 11, 12), ("inv0", "2023-12-01", None, 1, 12)]
    rows, residents = [], []
    for inv, start, done, first, last in spans:
        for m in range(first, last + 1):
            rows.append(dict(investigation_id=inv, child_id=f"child-{inv}", birth_date="2012-06-01",
                             start_date=start, completion_date=done if m == last and done else None,
                             _municipality=CPH, _period=f"2024-{m:02d}-01"))
    for m in range(1, 13):
        residents += [_resident(f"r{i}", "2012-06-01", period=f"2024-{m:02d}-01") for i in range(10)]
    wh = warehouse_with(tmp_path, {"children.investigations": rows, "citizens.residents": residents})
    v = compute_figures(wh, ["CHI022", "CHI023", "CHI024"])
    # Opened in the 12 months to December: 3, over 10 residents on average -> 300 per 1,000.
    assert v[("CHI022", CPH, "2024-12")] == pytest.approx(300.0)
    # By age (everyone born 1 June 2012, so 11 in January to May and 12 from June): inv1 and inv2 opened at
    # 11, inv3 at 12. Residents aged 12-17: 10 in each of 7 months, mean 70 / 12; aged 6-11: 50 / 12.
    assert v[("CHI022.age_children.12-17", CPH, "2024-12")] == pytest.approx(1000 * 1 / (70 / 12))  # 171.4
    assert v[("CHI022.age_children.6-11", CPH, "2024-12")] == pytest.approx(1000 * 2 / (50 / 12))  # 480
    # Completed in the 12 months: inv1 within 122 days, inv2 not -> 50 %.
    assert v[("CHI023", CPH, "2024-12")] == pytest.approx(50.0)
    # Average length of the investigations completed in 2024: (70 + 165) / 2 days.
    assert v[("CHI024", CPH, "2024-01")] == pytest.approx(117.5)
