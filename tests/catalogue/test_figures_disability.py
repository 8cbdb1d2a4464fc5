"""Key figures for adults with disabilities computed on hand-made rows, checked against hand arithmetic."""

from __future__ import annotations

import pytest

from support.figures import compute_figures, warehouse_with

M = 101  # København
OTHER = 147  # Frederiksberg


def resident(pid: str, born: str, period: str, *, sex: int = 1, municipality: int = M) -> dict:
    return dict(person_id=pid, birth_date=born, sex=sex, origin=1, municipality=municipality,
                _municipality=municipality, _period=period)


def grant(sid: str, pid: str, section: int, period: str, *, born: str = "1980-01-01", sex: int = 1,
          acting: int = M, paying: int | None = None, cost: float = 10_000.0, provider: str = "own",
          start: str = "2020-01-01", end: str | None = None, hours: float | None = None) -> dict:
    return dict(service_id=sid, person_id=pid, birth_date=born, sex=sex, section=section,
                target_group="intellectual", provider_type=provider, acting_municipality=acting,
                paying_municipality=acting if paying is None else paying, start_date=start, end_date=end,
                monthly_cost=cost, hours_per_week=hours, _municipality=acting, _period=period)


def test_residential_care_counted_in_the_acting_and_in_the_paying_municipality(tmp_path):
    march = "2024-03-01"
    adults = [resident(f"r{i}", "1970-01-01", march) for i in range(5)]  # 5 adults in 101
    adults += [resident(f"s{i}", "1970-01-01", march, municipality=OTHER) for i in range(4)]  # 4 in 147
    wh = warehouse_with(tmp_path, {
        "citizens.residents": adults + [resident("child", "2015-01-01", march)],
        "disability.services": [
            grant("g1", "a", 108, march),  # lives in 101, 101 pays
            grant("g2", "b", 108, march, paying=OTHER),  # lives in 101, 147 still pays after the move
            grant("g3", "e", 107, march, paying=OTHER),  # lives in 101, 147 pays
            grant("g4", "d", 85, march),  # § 85: not residential care
            grant("g5", "c", 107, march, acting=OTHER, paying=M),  # lives in 147, 101 pays
        ],
    })
    values = compute_figures(wh, ["DIS003", "DIS004"])
    assert values[("DIS003", M, "2024-03")] == pytest.approx(600.0)  # a, b, e live in 101: 3 / 5 * 1000
    assert values[("DIS003", OTHER, "2024-03")] == pytest.approx(250.0)  # c lives in 147: 1 / 4 * 1000
    assert values[("DIS004", M, "2024-03")] == pytest.approx(400.0)  # 101 pays for a, c: 2 / 5 * 1000
    assert values[("DIS004", OTHER, "2024-03")] == pytest.approx(500.0)  # 147 pays for b, e: 2 / 4 * 1000


def test_share_of_recipients_with_several_grants_by_sex(tmp_path):
    march = "2024-03-01"
    wh = warehouse_with(tmp_path, {"disability.services": [
        grant("g1", "p1", 108, march, sex=1),
        grant("g2", "p1", 104, march, sex=1),  # p1: residence and day centre
        grant("g3", "p2", 85, march, sex=1),  # p2: one grant
        grant("g4", "p3", 85, march, sex=2),
        grant("g5", "p3", 103, march, sex=2),
        grant("g6", "p3", 97, march, sex=2),  # p3: three grants
    ]})
    values = compute_figures(wh, ["DIS010", "DIS009"])
    assert values[("DIS010", M, "2024-03")] == pytest.approx(200 / 3)  # p1, p3 of p1, p2, p3
    assert values[("DIS010.sex.1", M, "2024-03")] == pytest.approx(50.0)  # p1 of p1, p2
    assert values[("DIS010.sex.2", M, "2024-03")] == pytest.approx(100.0)  # p3 of p3
    assert values[("DIS009", M, "2024-03")] == pytest.approx(2.0)  # 6 grants / 3 persons


def test_average_monthly_cost_of_a_residential_placement_over_the_year_for_the_paying_municipality(tmp_path):
    wh = warehouse_with(tmp_path, {"disability.services": [
        grant("g1", "p1", 108, "2024-01-01", cost=90_000.0),
        grant("g1", "p1", 108, "2024-02-01", cost=92_000.0),
        grant("g2", "p2", 107, "2024-02-01", cost=60_000.0),
        grant("g3", "p3", 85, "2024-03-01", cost=10_000.0),  # § 85: not a placement
        grant("g4", "p4", 108, "2024-03-01", cost=100_000.0, acting=OTHER, paying=M),  # 101 pays in 147
        grant("g5", "p5", 110, "2024-03-01", cost=40_000.0, paying=OTHER),  # 147 pays for a shelter in 101
        grant("g1", "p1", 108, "2025-01-01", cost=1_000_000.0),  # another year
    ]})
    values = compute_figures(wh, ["DIS017"])
    # 101 pays for 4 grant-months in 2024: (90,000 + 92,000 + 60,000 + 100,000) / 4
    assert values[("DIS017", M, "2024-01")] == pytest.approx(85_500.0)
    assert values[("DIS017", OTHER, "2024-01")] == pytest.approx(40_000.0)  # g5 alone
    assert values[("DIS017", M, "2025-01")] == pytest.approx(1_000_000.0)


def test_adults_with_a_grant_per_1000_adults_by_age_band(tmp_path):
    march = "2024-03-01"
    wh = warehouse_with(tmp_path, {
        "citizens.residents": [
            resident("a20", "2003-06-01", march),  # 20
            resident("a25", "1998-06-01", march),  # 25
            resident("a40", "1983-06-01", march),  # 40
            resident("a70", "1953-06-01", march),  # 70
            resident("k10", "2013-06-01", march),  # 10: not an adult
        ],
        "disability.services": [
            grant("g1", "a20", 85, march, born="2003-06-01"),
            grant("g2", "a20", 104, march, born="2003-06-01"),  # a20 twice: one person
            grant("g3", "a40", 108, march, born="1983-06-01"),
        ],
    })
    values = compute_figures(wh, ["DIS001"])
    assert values[("DIS001", M, "2024-03")] == pytest.approx(500.0)  # a20, a40 of 4 adults * 1000
    assert values[("DIS001.disability_age.18-29", M, "2024-03")] == pytest.approx(500.0)  # a20 of a20, a25
    assert values[("DIS001.disability_age.30-49", M, "2024-03")] == pytest.approx(1000.0)  # a40 of a40
    assert values[("DIS001.disability_age.50-64", M, "2024-03")] is None  # no resident aged 50-64


def test_grant_cost_paid_per_adult_over_12_months(tmp_path):
    months = [f"2024-{m:02d}-01" for m in range(1, 13)]
    residents, services = [], []
    for i, month in enumerate(months):
        # 6 adults in January-June, 4 in July-December: a mean of 5
        residents += [resident(f"r{n}", "1970-01-01", month) for n in range(6 if i < 6 else 4)]
        services.append(grant("g1", "r0", 85, month, cost=10_000.0))  # 12 months of 10,000
    services.append(grant("g2", "x", 108, "2024-07-01", acting=OTHER, paying=M, cost=30_000.0))  # paid by 101
    services.append(grant("g3", "r1", 108, "2024-07-01", paying=OTHER, cost=50_000.0))  # paid by 147
    wh = warehouse_with(tmp_path, {"citizens.residents": residents, "disability.services": services})
    values = compute_figures(wh, ["DIS019"])
    assert values[("DIS019", M, "2024-12")] == pytest.approx((12 * 10_000 + 30_000) / 5)
