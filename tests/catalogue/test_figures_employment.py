"""Employment key figures computed on hand-made benefit, offer and civil-register rows."""

from __future__ import annotations

import pytest

from support.figures import compute_figures, warehouse_with

WEEKS = 101  # delivers weekly benefit records (DREAM style)
SPELLS = 147  # delivers benefit spells


def resident(pid: str, born: str, period: str, municipality: int, sex: int = 1, origin: int = 1) -> dict:
    return dict(person_id=pid, birth_date=born, sex=sex, origin=origin, municipality=municipality,
                _municipality=municipality, _period=period)


def week(pid: str, iso_week: int, benefit: str, period: str, degree: float = 1.0) -> dict:
    return dict(person_id=pid, birth_date="1990-01-01", sex=1, municipality=WEEKS, iso_week=iso_week,
                benefit=benefit, degree=degree, _municipality=WEEKS, _period=period)


def spell(sid: str, pid: str, benefit: str, start: str, end: str | None, period: str) -> dict:
    return dict(spell_id=sid, person_id=pid, birth_date="1990-01-01", sex=2, municipality=SPELLS, benefit=benefit,
                spell_start=start, spell_end=end, _municipality=SPELLS, _period=period)


def offer(oid: str, pid: str, kind: str, target: str, start: str, end: str | None, period: str,
          municipality: int = WEEKS) -> dict:
    return dict(offer_id=oid, person_id=pid, municipality=municipality, offer_type=kind, target_group=target,
                offer_start=start, offer_end=end, _municipality=municipality, _period=period)


def test_share_on_benefits_reads_weekly_records_and_spells_alike(tmp_path):
    p = "2024-03-01"
    wh = warehouse_with(tmp_path, {
        "citizens.residents": [
            resident("a1", "1994-01-01", p, WEEKS, sex=1),  # 30, on benefit
            resident("a2", "1984-01-01", p, WEEKS, sex=2),  # 40
            resident("a3", "1954-01-01", p, WEEKS, sex=1),  # 70: too old, though on benefit
            resident("a4", "2004-01-01", p, WEEKS, sex=2),  # 20
            resident("b1", "1990-01-01", p, SPELLS, sex=2),  # 34, two spells in the month
            resident("b2", "1970-01-01", p, SPELLS, sex=1),  # 54
        ],
        "employment.benefit_weeks": [
            *(week("a1", w, "kontanthjaelp", p) for w in (202409, 202410, 202411, 202412)),
            week("a1", 202413, "sygedagpenge", p, degree=0.4),
            week("a3", 202410, "foertidspension", p),
            week("zz", 202410, "dagpenge", p),  # not resident on 1 March: not counted
        ],
        "employment.benefit_spells": [
            spell("s1", "b1", "sygedagpenge", "2024-01-10", "2024-03-08", p),
            spell("s2", "b1", "jobafklaring", "2024-03-09", None, p),
        ],
    })
    values = compute_figures(wh, ["EMP001"])
    assert values[("EMP001", WEEKS, "2024-03")] == pytest.approx(100 / 3)  # a1 of a1, a2, a4
    assert values[("EMP001", SPELLS, "2024-03")] == pytest.approx(50.0)  # b1 (once) of b1, b2
    assert values[("EMP001.sex.1", WEEKS, "2024-03")] == pytest.approx(100.0)  # a1 of a1
    assert values[("EMP001.sex.2", WEEKS, "2024-03")] == pytest.approx(0.0)  # nobody of a2, a4
    assert values[("EMP001.age_working.16-29", WEEKS, "2024-03")] == pytest.approx(0.0)  # a4 only
    assert values[("EMP001.age_working.30-49", WEEKS, "2024-03")] == pytest.approx(50.0)  # a1 of a1, a2
    assert values[("EMP001.sex.2", SPELLS, "2024-03")] == pytest.approx(100.0)  # b1 of b1


def test_persons_in_offers_per_1000_with_civil_register_sex(tmp_path):
    p = "2024-05-01"
    residents = [resident(f"r{i}", "1980-01-01", p, WEEKS, sex=1 + i % 2) for i in range(8)]  # 44 years old
    residents += [resident("old", "1950-01-01", p, WEEKS), resident("kid", "2015-01-01", p, WEEKS)]
    wh = warehouse_with(tmp_path, {
        "citizens.residents": residents,  # 8 aged 16-66: r0, r2, r4, r6 men; r1, r3, r5, r7 women
        "employment.offers": [
            offer("o1", "r0", "loentilskud", "dagpenge", "2024-04-01", "2024-08-31", p),
            offer("o2", "r0", "vejledning", "dagpenge", "2024-05-10", "2024-05-20", p),  # same person again
            offer("o3", "r1", "virksomhedspraktik", "kontanthjaelp", "2024-05-02", "2024-06-01", p),
            offer("o4", "gone", "vejledning", "kontanthjaelp", "2024-04-20", "2024-05-15", p),  # moved away
        ],
    })
    values = compute_figures(wh, ["EMP004", "EMP005"])
    assert values[("EMP004", WEEKS, "2024-05")] == pytest.approx(3 / 8 * 1000)  # r0, r1, gone / 8
    assert values[("EMP004.sex.1", WEEKS, "2024-05")] == pytest.approx(1 / 4 * 1000)  # r0 / 4 men
    assert values[("EMP004.sex.2", WEEKS, "2024-05")] == pytest.approx(1 / 4 * 1000)  # r1 / 4 women
    assert values[("EMP005", WEEKS, "2024-05")] == pytest.approx(1 / 8 * 1000)  # r0 in wage subsidy


def test_share_of_company_offers_and_duration_over_12_months(tmp_path):
    rows = []
    for month in range(1, 13):
        p = f"2024-{month:02d}-01"
        # a guidance course running all year (started in 2023): one offer-month each month
        rows.append(offer("g", "p1", "vejledning", "kontanthjaelp", "2023-12-01", "2024-12-31", p))
        if month in (3, 4):  # an internship started 10 March, running into April
            rows.append(offer("i", "p2", "virksomhedspraktik", "kontanthjaelp", "2024-03-10", "2024-04-08", p))
        if month == 6:  # a wage subsidy for an insured unemployed started 1 June
            rows.append(offer("w", "p3", "loentilskud", "dagpenge", "2024-06-01", "2024-06-30", p))
    wh = warehouse_with(tmp_path, {"employment.offers": rows})
    values = compute_figures(wh, ["EMP010", "EMP011"])
    # offer-months: guidance 12, internship 2, wage subsidy 1 -> (2 + 1) / 15
    assert values[("EMP010", WEEKS, "2024-12")] == pytest.approx(3 / 15 * 100)
    assert values[("EMP010.employment_target_group.insured", WEEKS, "2024-12")] == pytest.approx(100.0)  # 1 / 1
    assert values[("EMP010.employment_target_group.assistance", WEEKS, "2024-12")] == pytest.approx(2 / 14 * 100)
    # offers started in the 12 months: the internship (10 March - 8 April: 30 days) and the wage subsidy
    # (1-30 June: 30 days); the guidance course started before January 2024
    assert values[("EMP011", WEEKS, "2024-12")] == pytest.approx(30.0)  # (30 + 30) / 2
    assert values[("EMP011", WEEKS, "2024-11")] is None  # fewer than 12 months


def test_refund_share_by_benefit_area_and_payments_in_the_month(tmp_path):
    def posting(pid, month, function, dranst, art, amount):
        return dict(posting_id=pid, posting_date=f"2024-{month:02d}-15", function=function, dranst=dranst, art=art,
                    amount=amount, _municipality=WEEKS, _period=f"2024-{month:02d}-01")
    rows, pid = [], 0
    for month in range(1, 13):
        rows.append(posting(pid := pid + 1, month, "5.57.72", 1, "5.2", 1_000))  # sickness benefit paid
        rows.append(posting(pid := pid + 1, month, "5.57.72", 2, "8.6", -500 if month <= 6 else -300))
        rows.append(posting(pid := pid + 1, month, "5.57.73", 1, "5.2", 2_000))  # social assistance paid
        rows.append(posting(pid := pid + 1, month, "5.57.73", 2, "8.6", -600))
        rows.append(posting(pid := pid + 1, month, "6.45.53", 1, "1.2", 777))  # job-centre salaries: not a benefit
    wh = warehouse_with(tmp_path, {"economy.postings": rows})
    values = compute_figures(wh, ["EMP016", "EMP017"])
    # refunds 6 * 500 + 6 * 300 + 12 * 600 = 12,000 over payments 12 * 3000 = 36,000
    assert values[("EMP016", WEEKS, "2024-12")] == pytest.approx(12_000 / 36_000 * 100)
    assert values[("EMP016.employment_benefit_area.sickness", WEEKS, "2024-12")] == pytest.approx(40.0)  # 4800 / 12000
    assert values[("EMP016.employment_benefit_area.assistance", WEEKS, "2024-12")] == pytest.approx(30.0)  # 7200 / 24000
    assert values[("EMP016.employment_benefit_area.unemployment", WEEKS, "2024-12")] is None  # no dagpenge paid
    assert values[("EMP017", WEEKS, "2024-07")] == pytest.approx(3_000)  # 1000 + 2000, before refunds
    assert values[("EMP017.employment_benefit_area.assistance", WEEKS, "2024-07")] == pytest.approx(2_000)


def test_share_on_benefits_during_the_year_counts_each_person_once(tmp_path):
    wh = warehouse_with(tmp_path, {
        "citizens.residents": [
            resident("a1", "1980-01-01", "2024-02-01", WEEKS),
            resident("a2", "1980-01-01", "2024-02-01", WEEKS),
            resident("a1", "1980-01-01", "2024-08-01", WEEKS),
            resident("a3", "1980-01-01", "2024-08-01", WEEKS),  # moved in: a1, a2, a3 in the year
        ],
        "employment.benefit_weeks": [
            week("a1", 202406, "dagpenge", "2024-02-01"),
            week("a1", 202432, "dagpenge", "2024-08-01"),  # a1 again: still one person
        ],
    })
    values = compute_figures(wh, ["EMP002"])
    assert values[("EMP002", WEEKS, "2024-01")] == pytest.approx(100 / 3)  # a1 of a1, a2, a3
