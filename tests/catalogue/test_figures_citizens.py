"""Citizens key figures computed on hand-made civil-register rows, checked against hand arithmetic."""

from __future__ import annotations

import pytest

from support.figures import compute_figures, warehouse_with

M = 101  # København
OTHER = 147  # Frederiksberg


def resident(pid: str, born: str, period: str, *, sex: int = 1, origin: int = 1, moved_in: str | None = None,
             municipality: int = M) -> dict:
    return dict(person_id=pid, birth_date=born, sex=sex, origin=origin, municipality=municipality,
                moved_in=moved_in, _municipality=municipality, _period=period)


def event(pid: str, kind: str, day: str, *, born: str = "1950-06-01", sex: int = 1, municipality: int = M) -> dict:
    return dict(person_id=pid, birth_date=born, sex=sex, event=kind, event_date=day, _municipality=municipality,
                _period=day[:8] + "01")


def test_share_aged_65_or_more_by_sex_and_origin(tmp_path):
    period = "2024-03-01"
    wh = warehouse_with(tmp_path, {"citizens.residents": [
        resident("p1", "1950-05-10", period, sex=1, origin=1),  # 73: counted
        resident("p2", "1990-01-01", period, sex=1, origin=4),  # 34
        resident("p3", "1955-06-15", period, sex=2, origin=1),  # 68: counted
        resident("p4", "2001-09-09", period, sex=2, origin=5),  # 22
        resident("p5", "1940-02-01", period, sex=2, origin=2),  # 84: counted
    ]})
    values = compute_figures(wh, ["CIT003"])
    assert values[("CIT003", M, "2024-03")] == pytest.approx(60.0)  # 3 of 5 residents
    assert values[("CIT003.sex.1", M, "2024-03")] == pytest.approx(50.0)  # men: p1 of p1, p2
    assert values[("CIT003.sex.2", M, "2024-03")] == pytest.approx(200 / 3)  # women: p3, p5 of p3, p4, p5
    assert values[("CIT003.origin.danish", M, "2024-03")] == pytest.approx(100.0)  # p1, p3 of p1, p3
    assert values[("CIT003.origin.western", M, "2024-03")] == pytest.approx(100.0)  # p5 of p5
    assert values[("CIT003.origin.non_western", M, "2024-03")] == pytest.approx(0.0)  # none of p2, p4


def test_newcomer_share_leaves_out_people_born_in_the_municipality(tmp_path):
    period = "2024-06-01"
    wh = warehouse_with(tmp_path, {"citizens.residents": [
        # moved in 2023-09-01: 274 days before 1 June 2024 -> a newcomer
        resident("p1", "2000-01-01", period, moved_in="2023-09-01", origin=4),
        # born in the municipality: the moving date is the birth date, though less than a year ago
        resident("p2", "2023-12-24", period, moved_in="2023-12-24"),
        # moved in 2023-05-01: 397 days before -> not a newcomer
        resident("p3", "1980-01-01", period, moved_in="2023-05-01", origin=4),
        # no moving date: in the denominator only
        resident("p4", "1970-01-01", period, moved_in=None),
    ]})
    values = compute_figures(wh, ["CIT023"])
    assert values[("CIT023", M, "2024-06")] == pytest.approx(25.0)  # 1 of 4
    assert values[("CIT023.origin.non_western", M, "2024-06")] == pytest.approx(50.0)  # p1 of p1, p3
    assert values[("CIT023.origin.danish", M, "2024-06")] == pytest.approx(0.0)  # none of p2, p4
    assert values[("CIT023.age_life.0-5", M, "2024-06")] == pytest.approx(0.0)  # p2 is 0 and born here
    assert values[("CIT023.age_life.17-24", M, "2024-06")] == pytest.approx(100.0)  # p1 (24) is a newcomer


def test_deaths_per_1000_residents_over_12_months(tmp_path):
    months = [f"2024-{m:02d}-01" for m in range(1, 13)]
    residents = []
    for i, month in enumerate(months):
        # 10 residents in January-June, 8 in July-December: the average population is 9
        for n in range(10 if i < 6 else 8):
            residents.append(resident(f"p{n}", "1945-06-01" if n < 4 else "1995-06-01", month))
    wh = warehouse_with(tmp_path, {
        "citizens.residents": residents,
        "citizens.events": [
            event("x1", "death", "2024-03-17", born="1940-01-01"),  # aged 84
            event("x2", "death", "2024-09-02", born="1999-01-01"),  # aged 25
            event("x3", "birth", "2024-09-05", born="2024-09-05"),  # not a death
        ],
    }, empty={"citizens.events": [(M, month) for month in months]})  # the months without events
    values = compute_figures(wh, ["CIT015"])
    # 2 deaths over 12 months / average population 9 * 1000 = 222.2
    assert values[("CIT015", M, "2024-12")] == pytest.approx(2 / 9 * 1000)
    assert values[("CIT015", M, "2024-11")] is None  # fewer than 12 months
    # aged 75-84: 1 death (x1, 84) over p0-p3 (78-79 years old, resident in every month): 1 / 4 * 1000;
    # aged 65-74: no residents, so no value; x2 (25) falls in no band of age_elderly
    assert values[("CIT015.age_elderly.75-84", M, "2024-12")] == pytest.approx(1 / 4 * 1000)
    assert values[("CIT015.age_elderly.65-74", M, "2024-12")] is None
    assert values[("CIT015.age_elderly.85+", M, "2024-12")] is None


def test_births_and_deaths_in_the_year(tmp_path):
    wh = warehouse_with(tmp_path, {"citizens.events": [
        event("b1", "birth", "2024-02-10", born="2024-02-10", sex=1),
        event("b2", "birth", "2024-07-03", born="2024-07-03", sex=2),
        event("b3", "birth", "2024-07-19", born="2024-07-19", sex=2),
        event("d1", "death", "2024-07-20", sex=1),
        event("m1", "move_in", "2024-11-02", sex=1),
        event("b4", "birth", "2025-01-04", born="2025-01-04", sex=1),
    ]})
    values = compute_figures(wh, ["CIT021", "CIT022"])
    assert values[("CIT021", M, "2024-01")] == 3  # b1, b2, b3
    assert values[("CIT021.sex.1", M, "2024-01")] == 1  # b1
    assert values[("CIT021.sex.2", M, "2024-01")] == 2  # b2, b3
    assert values[("CIT021", M, "2025-01")] == 1  # b4
    assert values[("CIT022", M, "2024-01")] == 1  # d1
    assert values[("CIT022", M, "2025-01")] == 0  # events delivered in 2025, but no death


def test_population_growth_from_a_year_earlier(tmp_path):
    wh = warehouse_with(tmp_path, {"citizens.residents": [
        *(resident(f"a{n}", "1980-01-01", "2024-01-01") for n in range(4)),
        *(resident(f"a{n}", "1980-01-01", "2025-01-01") for n in range(5)),
        *(resident(f"c{n}", "1980-01-01", "2024-01-01", municipality=OTHER) for n in range(2)),
        *(resident(f"c{n}", "1980-01-01", "2025-01-01", municipality=OTHER) for n in range(1)),
    ]})
    values = compute_figures(wh, ["CIT012", "CIT013"])
    assert values[("CIT012", M, "2025-01")] == 1  # 5 - 4
    assert values[("CIT013", M, "2025-01")] == pytest.approx(25.0)  # (5 - 4) / 4 * 100
    assert values[("CIT012", OTHER, "2025-01")] == -1  # 1 - 2
    assert values[("CIT013", OTHER, "2025-01")] == pytest.approx(-50.0)  # (1 - 2) / 2 * 100
    assert values[("CIT012", M, "2024-01")] is None  # nothing a year earlier
