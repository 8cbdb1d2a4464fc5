"""Elderly-care key figures computed on hand-made rows, checked against hand arithmetic."""

from __future__ import annotations

import pytest

from support.figures import compute_figures, warehouse_with

M = 101  # København


def resident(pid: str, born: str, period: str, *, sex: int = 1) -> dict:
    return dict(person_id=pid, birth_date=born, sex=sex, origin=1, municipality=M, _municipality=M,
                _period=period)


def decision(did: str, pid: str, born: str, period: str, *, sex: int = 1, service: str = "practical",
             hours: float = 2.0, start: str = "2023-01-01", end: str | None = None,
             provider: str = "municipal") -> dict:
    return dict(decision_id=did, person_id=pid, birth_date=born, sex=sex, service=service, hours_per_week=hours,
                provider_type=provider, provider_id="4000001", start_date=start, end_date=end, _municipality=M,
                _period=period)


def test_share_of_residents_65_plus_with_home_help_counts_each_person_once(tmp_path):
    march = "2024-03-01"
    wh = warehouse_with(tmp_path, {
        "citizens.residents": [
            resident("m1", "1944-01-15", march, sex=1),  # 80
            resident("m2", "1954-01-15", march, sex=1),  # 70
            resident("w1", "1934-01-15", march, sex=2),  # 90
            resident("w2", "1958-01-15", march, sex=2),  # 66
            resident("w3", "1957-01-15", march, sex=2),  # 67
            resident("y1", "1984-01-15", march, sex=1),  # 40: not in the denominator
        ],
        "elderly.home_help": [
            decision("d1", "m1", "1944-01-15", march, sex=1, service="practical"),
            decision("d2", "m1", "1944-01-15", march, sex=1, service="personal"),  # m1 twice: one person
            decision("d3", "w1", "1934-01-15", march, sex=2, service="personal"),
            decision("d4", "y1", "1984-01-15", march, sex=1),  # 40: left out by the age filter
        ],
    })
    values = compute_figures(wh, ["ELD001"])
    assert values[("ELD001", M, "2024-03")] == pytest.approx(40.0)  # m1, w1 of 5 residents 65+
    assert values[("ELD001.sex.1", M, "2024-03")] == pytest.approx(50.0)  # m1 of m1, m2
    assert values[("ELD001.sex.2", M, "2024-03")] == pytest.approx(100 / 3)  # w1 of w1, w2, w3
    assert values[("ELD001.age_elderly.75-84", M, "2024-03")] == pytest.approx(100.0)  # m1 of m1
    assert values[("ELD001.elderly_age_5y.90+", M, "2024-03")] == pytest.approx(100.0)  # w1 of w1
    assert values[("ELD001.elderly_age_5y.85-89", M, "2024-03")] is None  # no resident aged 85-89


def test_no_recipients_in_an_age_band_is_a_share_of_0(tmp_path):
    march = "2024-03-01"
    wh = warehouse_with(tmp_path, {
        "citizens.residents": [resident("m1", "1944-01-15", march), resident("m2", "1954-01-15", march)],
        "elderly.home_help": [decision("d1", "m1", "1944-01-15", march)],  # only the 80-year-old has help
    })
    values = compute_figures(wh, ["ELD001"])
    assert values[("ELD001.age_elderly.75-84", M, "2024-03")] == pytest.approx(100.0)  # m1 of m1
    assert values[("ELD001.age_elderly.65-74", M, "2024-03")] == pytest.approx(0.0)  # nobody of m2 (70)


def test_delivered_share_of_visited_hours_prorates_decisions_by_days(tmp_path):
    march = "2024-03-01"
    wh = warehouse_with(tmp_path, {
        "elderly.home_help": [
            # 7 hours a week for all of March (31 days): 7 * 31 / 7 = 31 visited hours
            decision("d1", "p1", "1940-05-05", march, service="practical", hours=7.0, start="2024-01-10"),
            # 3.5 hours a week from 17 to 30 March (14 days): 3.5 * 14 / 7 = 7 visited hours
            decision("d2", "p2", "1938-05-05", march, sex=2, service="personal", hours=3.5, start="2024-03-17",
                     end="2024-03-30"),
        ],
        "elderly.home_help_delivered": [
            dict(decision_id="d1", person_id="p1", service="practical", provider_id="4000001",
                 delivered_hours=28.0, _municipality=M, _period=march),
            dict(decision_id="d2", person_id="p2", service="personal", provider_id="4000001",
                 delivered_hours=7.0, _municipality=M, _period=march),
        ],
    })
    values = compute_figures(wh, ["ELD006"])
    assert values[("ELD006", M, "2024-03")] == pytest.approx(35 / 38 * 100)  # (28 + 7) / (31 + 7)
    assert values[("ELD006.elderly_service.practical", M, "2024-03")] == pytest.approx(28 / 31 * 100)
    assert values[("ELD006.elderly_service.personal", M, "2024-03")] == pytest.approx(100.0)  # 7 / 7
    assert values[("ELD006.sex.2", M, "2024-03")] == pytest.approx(100.0)  # p2 is the only woman


def test_home_help_hours_in_the_month_of_moving_into_a_nursing_home_over_the_year(tmp_path):
    def stay(pid: str, born: str, period: str, move_in: str) -> dict:
        return dict(person_id=pid, birth_date=born, sex=2, nursing_home_id="4000100", move_in=move_in,
                    _municipality=M, _period=period)

    wh = warehouse_with(tmp_path, {
        "elderly.nursing_home_residents": [
            stay("p1", "1939-02-02", "2024-05-01", "2024-05-10"),  # moves in in May
            stay("p1", "1939-02-02", "2024-06-01", "2024-05-10"),  # still there in June: not a new move
            stay("p2", "1934-02-02", "2024-08-01", "2024-08-01"),  # moves in in August, no help before
            stay("p3", "1930-02-02", "2024-05-01", "2020-03-01"),  # resident since 2020: not counted
        ],
        "elderly.home_help": [
            # p1's help in May, until the move: 2 + 10 hours a week
            decision("d1", "p1", "1939-02-02", "2024-05-01", service="practical", hours=2.0, end="2024-05-09"),
            decision("d2", "p1", "1939-02-02", "2024-05-01", service="personal", hours=10.0, end="2024-05-09"),
            # p4 has help but does not move: not in the figure
            decision("d3", "p4", "1939-02-02", "2024-05-01", hours=5.0),
        ],
    })
    values = compute_figures(wh, ["ELD012"])
    assert values[("ELD012", M, "2024-01")] == pytest.approx(6.0)  # (2 + 10 + 0) hours / 2 persons moving in


def test_nursing_home_dwellings_per_1000_residents_80_plus_uses_january(tmp_path):
    def home(hid: str, places: int, period: str) -> dict:
        return dict(nursing_home_id=hid, name=hid, places=places, owner="municipal", municipality=M,
                    monthly_rent=6000.0, _municipality=M, _period=period)

    wh = warehouse_with(tmp_path, {
        "elderly.nursing_homes": [home("h1", 20, "2024-01-01"), home("h2", 10, "2024-01-01"),
                                  home("h1", 60, "2024-02-01")],  # February: not a start-of-year value
        "citizens.residents": [
            resident("a", "1940-01-01", "2024-01-01"),  # 84 at the end of January
            resident("b", "1935-01-01", "2024-01-01"),  # 89
            resident("c", "1943-12-31", "2024-01-01"),  # 80
            resident("d", "1950-01-01", "2024-01-01"),  # 74: not 80+
            resident("a", "1940-01-01", "2024-02-01"),
        ],
    })
    values = compute_figures(wh, ["ELD016"])
    assert values[("ELD016", M, "2024-01")] == pytest.approx(10_000.0)  # (20 + 10) places / 3 residents * 1000
    assert ("ELD016", M, "2024-02") not in values  # only January is a start-of-year period


def test_elderly_expenditure_per_resident_67_plus_over_12_months(tmp_path):
    months = [f"2024-{m:02d}-01" for m in range(1, 13)]
    residents, postings = [], []
    for i, month in enumerate(months):
        # 4 residents aged 67+ in January-June and 2 in July-December (mean 3), plus one aged 50
        for n in range(4 if i < 6 else 2):
            residents.append(resident(f"o{n}", "1940-06-01", month))
        residents.append(resident("y", "1974-06-01", month))
        day = month[:8] + "15"
        postings += [
            dict(posting_id=100 * i + 1, posting_date=day, function="5.30.26", dranst=1, art="4.0",
                 amount=1000.0, _municipality=M, _period=month),  # home help: counted
            dict(posting_id=100 * i + 2, posting_date=day, function="5.30.27", dranst=2, art="8.6",
                 amount=-100.0, _municipality=M, _period=month),  # refund on nursing homes: counted
            dict(posting_id=100 * i + 3, posting_date=day, function="5.30.27", dranst=3, art="4.0",
                 amount=5000.0, _municipality=M, _period=month),  # construction (dranst 3): left out
            dict(posting_id=100 * i + 4, posting_date=day, function="3.22.01", dranst=1, art="4.0",
                 amount=7000.0, _municipality=M, _period=month),  # schools: left out
        ]
    wh = warehouse_with(tmp_path, {"citizens.residents": residents, "economy.postings": postings})
    values = compute_figures(wh, ["ELD022"])
    # 12 * (1000 - 100) DKK over the mean of 3 residents aged 67+
    assert values[("ELD022", M, "2024-12")] == pytest.approx(12 * 900 / 3)
    assert values[("ELD022", M, "2024-06")] is None  # fewer than 12 months
