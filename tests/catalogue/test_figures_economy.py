"""Economy key figures computed on hand-made ledger and budget rows, checked against hand arithmetic."""

from __future__ import annotations

import pytest

from support.figures import compute_figures, warehouse_with

M = 101


def posting(pid: int, day: str, function: str, dranst: int, art: str, amount: float) -> dict:
    return dict(posting_id=pid, posting_date=day, function=function, dranst=dranst, art=art, amount=amount,
                _municipality=M, _period=day[:8] + "01")


def budget(year: int, function: str, dranst: int, art: str, amount: float) -> dict:
    return dict(budget_year=year, function=function, dranst=dranst, art=art, amount=amount, _municipality=M,
                _period=f"{year}-01-01")


def residents(n: int, period: str) -> list[dict]:
    return [dict(person_id=f"p{i}", birth_date="1980-01-01", sex=1, origin=1, municipality=M, _municipality=M,
                 _period=period) for i in range(n)]


def test_budgeted_operating_expenditure_per_resident_on_1_january(tmp_path):
    wh = warehouse_with(tmp_path, {
        "economy.budget": [
            budget(2024, "3.22.01", 1, "4.0", 1_000_000),  # operating: counted
            budget(2024, "5.57.72", 2, "8.6", -200_000),  # state refund (dranst 2): counted
            budget(2024, "7.68.90", 7, "7.9", -5_000_000),  # income tax (main account 7): left out
            budget(2024, "3.22.01", 3, "4.0", 700_000),  # capital (dranst 3): left out
        ],
        # 4 residents in January; February's 10 residents play no part in a start-of-year figure
        "citizens.residents": residents(4, "2024-01-01") + residents(10, "2024-02-01"),
    })
    values = compute_figures(wh, ["ECO003"])
    assert values[("ECO003", M, "2024-01")] == pytest.approx(200_000)  # (1,000,000 - 200,000) / 4


def test_structural_balance_turns_the_sign_and_leaves_out_capital_and_utilities(tmp_path):
    wh = warehouse_with(tmp_path, {
        "economy.budget": [
            budget(2024, "7.68.90", 7, "7.9", -1_000),  # taxes
            budget(2024, "3.22.01", 1, "1.2", 600),  # operating
            budget(2024, "7.55.75", 4, "6.5", 100),  # interest
            budget(2024, "3.22.01", 3, "4.0", 500),  # capital: left out
            budget(2024, "1.38.60", 1, "4.0", 50),  # utilities: left out
        ],
        "citizens.residents": residents(3, "2024-01-01"),
    })
    values = compute_figures(wh, ["ECO004"])
    assert values[("ECO004", M, "2024-01")] == pytest.approx(100)  # -(-1000 + 600 + 100) / 3


def test_budget_utilisation_in_the_year_by_main_account_and_area(tmp_path):
    wh = warehouse_with(tmp_path, {
        "economy.postings": [
            posting(1, "2024-03-05", "3.22.01", 1, "1.2", 300),
            posting(2, "2024-09-30", "3.22.01", 1, "4.0", 500),
            posting(3, "2024-09-12", "5.30.26", 1, "4.0", 1_000),
            posting(4, "2024-09-12", "7.68.90", 7, "7.9", -9_000),  # financing: left out
            posting(5, "2024-10-01", "3.22.01", 3, "4.0", 4_000),  # capital: left out
        ],
        "economy.budget": [
            budget(2024, "3.22.01", 1, "4.0", 1_000),
            budget(2024, "5.30.26", 1, "4.0", 800),
            budget(2024, "7.68.90", 7, "7.9", -10_000),  # left out
        ],
    })
    values = compute_figures(wh, ["ECO007"])
    assert values[("ECO007", M, "2024-01")] == pytest.approx(100.0)  # (300 + 500 + 1000) / (1000 + 800)
    assert values[("ECO007.economy_main_account.hk3", M, "2024-01")] == pytest.approx(80.0)  # 800 / 1000
    assert values[("ECO007.economy_main_account.hk5", M, "2024-01")] == pytest.approx(125.0)  # 1000 / 800
    assert values[("ECO007.economy_area.schools", M, "2024-01")] == pytest.approx(80.0)
    assert values[("ECO007.economy_area.elderly", M, "2024-01")] == pytest.approx(125.0)
    assert values[("ECO007.economy_area.health", M, "2024-01")] is None  # no health budget


def test_tax_share_of_free_revenue_over_12_months(tmp_path):
    rows, pid = [], 0
    for month in range(1, 13):
        day = f"2024-{month:02d}-15"
        rows.append(posting(pid := pid + 1, day, "7.68.90", 7, "7.9", -90))
        rows.append(posting(pid := pid + 1, day, "7.68.96", 7, "7.9", -10))
        rows.append(posting(pid := pid + 1, day, "7.62.80", 7, "7.9", -50 if month <= 6 else -150))
        rows.append(posting(pid := pid + 1, day, "6.45.51", 1, "1.2", 999))  # not revenue
    wh = warehouse_with(tmp_path, {"economy.postings": rows})
    values = compute_figures(wh, ["ECO019"])
    # taxes 12 * 100 = 1200; grants 6 * 50 + 6 * 150 = 1200; 1200 / 2400 = 50 %
    assert values[("ECO019", M, "2024-12")] == pytest.approx(50.0)
    assert values[("ECO019", M, "2024-06")] is None  # fewer than 12 months


def test_net_operating_expenditure_in_the_month_by_kind(tmp_path):
    wh = warehouse_with(tmp_path, {"economy.postings": [
        posting(1, "2024-05-31", "5.25.14", 1, "1.2", 7_000),  # salaries
        posting(2, "2024-05-02", "5.25.14", 1, "7.2", -2_000),  # parental payments (income)
        posting(3, "2024-05-20", "5.57.73", 1, "5.2", 3_000),  # transfers
        posting(4, "2024-05-20", "5.57.73", 2, "8.6", -1_500),  # refunds
        posting(5, "2024-05-21", "7.62.80", 7, "7.9", -50_000),  # financing: left out
    ]})
    values = compute_figures(wh, ["ECO021"])
    assert values[("ECO021", M, "2024-05")] == pytest.approx(6_500)  # 7000 - 2000 + 3000 - 1500
    assert values[("ECO021.economy_art_group.salaries", M, "2024-05")] == pytest.approx(7_000)
    assert values[("ECO021.economy_art_group.income", M, "2024-05")] == pytest.approx(-2_000)
    assert values[("ECO021.economy_art_group.refunds", M, "2024-05")] == pytest.approx(-1_500)
    assert values[("ECO021.economy_art_group.goods", M, "2024-05")] == 0  # no goods bought
    assert values[("ECO021.economy_area.daycare", M, "2024-05")] == pytest.approx(5_000)  # 7000 - 2000
    assert values[("ECO021.economy_area.benefits", M, "2024-05")] == pytest.approx(1_500)  # 3000 - 1500
