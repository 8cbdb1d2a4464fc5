"""Synthetic adult-disability domain: volumes, rules, consistency, determinism, gradient, ledger, vendors."""

from __future__ import annotations

import csv
import datetime as dt
import io
from functools import lru_cache

import numpy as np
import openpyxl
import pyarrow as pa
import pytest

from flis.periods import Period
from flis.synth.config import SynthConfig
from flis.synth.domains import CITIZENS
from flis.synth.domains.disability import DOMAIN, SECTIONS
from flis.synth.files import EXCEL_EPOCH_OFFSET, render, to_bytes
from flis.synth.formats.cells import MISSING_DAY
from flis.synth.runner import generate_municipality, simulate_frames
from flis.synth.vendors.disability import (GROUP_CODES, PROVIDER_LABELS, SECTION_CODES, SECTION_LABELS,
                                           SOCIALNET, VOKSENSAG)

START = Period(2024, 1)
SAMPLE = (101, 751, 851, 360, 157, 183, 230, 561)  # big cities, deprived and affluent, rural and suburban
SERVICE_COLUMNS = ["service_id", "person_id", "birth_date", "sex", "section", "target_group", "provider_type",
                   "provider_id", "acting_municipality", "paying_municipality", "start_date", "end_date",
                   "monthly_cost", "hours_per_week"]
PROVIDER_COLUMNS = ["provider_id", "name", "unit_type", "section", "places", "municipality"]
DENMARK = 5_960_000  # residents, 2024


@lru_cache(maxsize=None)
def run(code: int, scale: float = 0.1, months: int = 3, seed: int = 1):
    return simulate_frames(SynthConfig(scale=scale, months=months, start=START, seed=seed), code,
                           [CITIZENS, DOMAIN])


def frames(code: int, dataset: str, scale: float = 0.1, months: int = 3) -> list[pa.Table]:
    _, fs = run(code, scale, months)
    return [f.table for d, f in fs if d is DOMAIN and f.dataset == dataset]


def col(t: pa.Table, name: str) -> np.ndarray:
    return t.column(name).to_numpy(zero_copy_only=False)


def calendar_age(birth: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Completed years by the calendar (plain Python dates, independent of the generator's arithmetic)."""
    epoch = dt.date(1970, 1, 1)
    out = []
    for b_days, d_days in zip(birth.tolist(), day.tolist()):
        b, d = epoch + dt.timedelta(days=b_days), epoch + dt.timedelta(days=d_days)
        out.append(d.year - b.year - ((d.month, d.day) < (b.month, b.day)))
    return np.array(out)


def adults(ctx) -> int:
    p, day = ctx.people, int(ctx.period_starts[0])
    age = p.age(day)
    return int((p.resident(day) & (age >= 18) & (age < 65)).sum())


# --- volumes -------------------------------------------------------------------------------------------

def test_volumes_per_capita_near_national_targets():
    """Records of the first month over the sample, per resident, against the national volume per resident."""
    counts = {s: 0 for s in SECTIONS}
    residents = 0
    for code in SAMPLE:
        ctx, _ = run(code)
        residents += int(ctx.people.resident(int(ctx.period_starts[0])).sum())
        section = col(frames(code, "services")[0], "section")
        for s in SECTIONS:
            counts[s] += int((section == s).sum())
    for s, section in SECTIONS.items():
        expected = section.national / DENMARK * residents
        tolerance = 0.3 if expected > 150 else 0.6
        assert abs(counts[s] / expected - 1) < tolerance, (s, counts[s], round(expected))
    total = sum(counts.values())
    assert 0.8 < total / (sum(s.national for s in SECTIONS.values()) / DENMARK * residents) < 1.2


def test_costs_per_record_and_section_85_hours():
    services = pa.concat_tables(frames(code, "services")[0] for code in (101, 751, 851))
    section, cost = col(services, "section"), col(services, "monthly_cost")
    for s in (85, 104, 107, 108):
        mean = cost[section == s].mean()
        assert 0.7 < mean / SECTIONS[s].monthly_cost < 1.3, (s, mean)
    hours = col(services, "hours_per_week")
    assert np.isfinite(hours[section == 85]).all() and np.isnan(hours[section != 85]).all()
    assert 3 < hours[section == 85].mean() < 6  # national average of granted § 85 hours is about 4-5 a week


def test_volumes_steady_over_a_year_with_growing_section_85():
    months = frames(101, "services", scale=0.1, months=12)
    by_month = np.array([[int((col(t, "section") == s).sum()) for s in (85, 108, 104)] for t in months])
    assert abs(by_month[-1, 1] / by_month[0, 1] - 1) < 0.1  # long-term housing holds its level
    assert abs(by_month[-1, 2] / by_month[0, 2] - 1) < 0.1
    assert by_month[-1, 0] > by_month[0, 0]  # § 85 keeps growing, as it has for years


# --- rules and consistency ---------------------------------------------------------------------------------

def test_recipients_are_adults_mostly_of_working_age_and_more_often_men():
    services = pa.concat_tables(frames(code, "services")[0] for code in (101, 751))
    birth, start = col(services, "birth_date"), col(services, "start_date")
    assert (calendar_age(birth, start) >= 18).all()
    month_start = (np.datetime64("2024-01-01") - np.datetime64("1970-01-01")).astype(int)
    age = calendar_age(birth, np.full(len(birth), month_start))
    assert 0.02 < (age >= 65).mean() < 0.15
    men = col(services, "sex") == 1
    assert 0.5 < men.mean() < 0.65
    assert men[col(services, "section") == 110].mean() > 0.65


def test_section_rules_target_groups_providers_and_housing():
    services = pa.concat_tables(frames(code, "services")[0] for code in (101, 751, 851))
    section, group = col(services, "section"), col(services, "target_group")
    provider = col(services, "provider_type")
    assert set(group[section == 110]) == {"social"}
    assert (group[section == 96] == "physical").mean() > 0.8
    assert (provider[section == 96] == "private").all()
    assert (group[section == 108] == "intellectual").mean() > 0.4
    # One residential placement at a time; most § 108 residents also attend a day centre.
    person = col(services, "person_id")
    housed = person[np.isin(section, (107, 108, 110))]
    assert len(np.unique(housed)) == len(housed)
    in_108 = np.unique(person[section == 108])
    assert np.isin(in_108, person[section == 104]).mean() > 0.2
    assert not np.isin(in_108, person[section == 85]).any()


@pytest.mark.parametrize("code", [101, 360])
def test_records_are_active_in_their_month_and_link_to_residents(code):
    ctx, _ = run(code)
    ids = ctx.people.ids().to_numpy(zero_copy_only=False).astype(str)
    index = {p: i for i, p in enumerate(ids)}
    providers = frames(code, "providers")[0]
    own_units = set(col(providers, "provider_id"))
    for t, table in enumerate(frames(code, "services")):
        assert table.column_names == SERVICE_COLUMNS
        first, nxt = int(ctx.period_starts[t]), int(ctx.period_starts[t + 1])
        start, end = col(table, "start_date"), col(table, "end_date")
        ended = end != MISSING_DAY
        assert (start < nxt).all() and (end[ended] >= first).all() and (end[ended] < nxt).all()
        assert (start[ended] <= end[ended]).all()
        who = np.array([index[p] for p in col(table, "person_id")])
        assert ctx.people.present(first, nxt)[who].all()
        assert (ctx.people.birth[who] == col(table, "birth_date")).all()
        assert len(set(col(table, "service_id"))) == table.num_rows
        assert (col(table, "acting_municipality") == code).all()
        own = col(table, "provider_type") == "own"
        unit = col(table, "provider_id")
        assert set(unit[own]) <= own_units and all(u is None for u in unit[~own])
        cost = col(table, "monthly_cost")
        assert (cost > 0).all()
        assert list(np.lexsort((start, col(table, "section")))) == list(range(table.num_rows))


def test_paying_municipality_differs_for_a_few_percent_mostly_in_housing():
    services = pa.concat_tables(frames(code, "services")[0] for code in SAMPLE)
    differs = col(services, "paying_municipality") != col(services, "acting_municipality")
    assert 0.005 < differs.mean() < 0.06
    housing = np.isin(col(services, "section"), (107, 108, 110))
    assert differs[housing].mean() > 3 * differs[~housing].mean()


def test_same_seed_same_tables_other_seed_other_tables():
    a = run(183, 0.1, 2)[1]
    b = simulate_frames(SynthConfig(scale=0.1, months=2, start=START), 183, [CITIZENS, DOMAIN])[1]
    assert [f.table.equals(g.table) for (_, f), (_, g) in zip(a, b)] == [True] * len(a)
    c = run(183, 0.1, 2, seed=2)[1]
    services = [f.table for d, f in c if f.dataset == "services"]
    assert not services[0].equals(frames(183, "services", 0.1, 2)[0])


def test_deprived_municipalities_have_more_recipients_than_affluent_ones():
    def per_1000(code: int) -> float:
        ctx, _ = run(code, 0.3, 1)
        return 1000 * frames(code, "services", 0.3, 1)[0].num_rows / adults(ctx)

    deprived = min(per_1000(360), per_1000(183))  # Lolland, Ishøj
    affluent = max(per_1000(230), per_1000(157))  # Rudersdal, Gentofte
    assert deprived > 1.3 * affluent


def test_tiny_municipality_yields_empty_tables_with_columns():
    ctx, fs = simulate_frames(SynthConfig(scale=0.002, months=2, start=START), 825, [CITIZENS, DOMAIN])
    for d, f in fs:
        if d is DOMAIN:
            expected = SERVICE_COLUMNS if f.dataset == "services" else PROVIDER_COLUMNS
            assert f.table.column_names == expected
            for vendor in (VOKSENSAG, SOCIALNET):
                spec = vendor.file_for(f.dataset)
                to_bytes(vendor, spec, render(vendor, spec, f.table), 825, str(f.period))


# --- own units, payroll and ledger --------------------------------------------------------------------

def test_units_hold_their_grants_and_are_staffed():
    ctx, _ = run(751)
    providers = frames(751, "providers")[0]
    assert providers.column_names == PROVIDER_COLUMNS
    ids = col(providers, "provider_id")
    assert all(len(i) == 7 and i.startswith("751") and 5000 <= int(i[3:]) < 9000 for i in ids)
    places = dict(zip(ids, col(providers, "places")))
    for table in frames(751, "services"):
        unit = col(table, "provider_id")
        used, counts = np.unique(unit[unit != np.array(None)].astype(str), return_counts=True)
        assert all(counts[i] <= places[u] for i, u in enumerate(used))
    workplaces = {w.id: w for w in ctx.workplaces if w.function.startswith("5.38.")}
    assert set(workplaces) == set(ids)
    housing = [w for w in workplaces.values() if w.function == "5.38.50"]
    assert housing and all(w.staff["health_assistant"].min() > 0 for w in housing)
    fte = sum(w.staff["social_educator"].mean() for w in housing)
    residents = sum(places[w.id] for w in housing)
    assert 0.8 < fte / residents < 1.5  # round-the-clock care: about one FTE per resident


def test_ledger_costs_match_the_grants_paid_for():
    ctx, _ = run(101)
    services = frames(101, "services")

    def paid(t: pa.Table, section: int, bought: bool) -> float:
        ours = (col(t, "paying_municipality") == 101) & (col(t, "section") == section)
        return col(t, "monthly_cost")[ours & (col(t, "provider_type") != "own") if bought else ours].sum()

    bought = np.array([paid(t, 108, True) for t in services])
    bpa = np.array([paid(t, 96, False) for t in services])

    def booked(function: str, art: str, dranst: int = 1) -> np.ndarray:
        lines = [c.amounts for c in ctx.costs if (c.function, c.art, c.dranst) == (function, art, dranst)]
        return np.sum(lines, axis=0) if lines else np.zeros(len(services))

    assert np.allclose(booked("5.38.50", "4.0"), bought, atol=1)
    assert np.allclose(booked("5.38.54", "5.9"), bpa, atol=1)
    assert (booked("5.38.50", "7.7") < 0).all() and (booked("5.38.59", "7.7") < 0).all()
    assert (booked("5.38.42", "8.6", 2) < 0).all()  # § 110 has a 50 % state refund
    functions = {c.function for c in ctx.costs}
    assert {"5.38.41", "5.38.42", "5.38.50", "5.38.52", "5.38.53", "5.38.54", "5.38.58",
            "5.38.59"} <= functions


# --- both vendors' files -------------------------------------------------------------------------------

def _files(vendor, code: int = 751) -> dict[str, bytes]:
    _, fs = run(code)
    return {f.dataset: to_bytes(vendor, vendor.file_for(f.dataset), render(vendor, vendor.file_for(f.dataset),
                                                                            f.table), code, str(f.period))
            for d, f in fs if d is DOMAIN and f.period == START}


def test_voksensag_xlsx_reads_with_openpyxl():
    files = _files(VOKSENSAG)
    sheet = openpyxl.load_workbook(io.BytesIO(files["services"]), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert list(header) == [f.name for f in VOKSENSAG.file_for("services").fields]
    assert len(body) == frames(751, "services")[0].num_rows
    i = {name: k for k, name in enumerate(header)}
    assert {r[i["Paragraf"]] for r in body} <= set(SECTION_LABELS.values())
    assert {r[i["Leverandørtype"]] for r in body} <= set(PROVIDER_LABELS.values())
    assert all(isinstance(r[i["Udgift i måneden (kr.)"]], (int, float)) for r in body)
    start = [r[i["Startdato"]] for r in body]
    assert all(isinstance(d, (dt.datetime, int, float)) for d in start)
    units = openpyxl.load_workbook(io.BytesIO(files["providers"]), read_only=True).active
    assert next(units.iter_rows(values_only=True))[0] == "Enheds-ID"


def test_socialnet_csv_reads_with_csv_module():
    files = _files(SOCIALNET)
    text = files["services"].decode("utf-8")
    assert "\r" not in text
    rows = list(csv.DictReader(io.StringIO(text), delimiter=","))
    table = frames(751, "services")[0]
    assert len(rows) == table.num_rows
    assert list(rows[0]) == [f.name for f in SOCIALNET.file_for("services").fields]
    assert {r["paragraf"] for r in rows} <= set(SECTION_CODES.values())
    assert {r["maalgruppe"] for r in rows} <= set(GROUP_CODES.values())
    assert all(len(r["handlekommune"]) == 4 for r in rows)
    assert all(dt.date.fromisoformat(r["startdato"]) for r in rows)
    total = sum(float(r["maanedsudgift"]) for r in rows)
    assert total == pytest.approx(col(table, "monthly_cost").sum(), abs=1)
    hours = [r["timer_pr_uge"] for r in rows if r["paragraf"] == "085"]
    assert hours and all(float(h) > 0 for h in hours)
    assert all(r["timer_pr_uge"] == "" for r in rows if r["paragraf"] != "085")
    units = list(csv.DictReader(io.StringIO(files["providers"].decode("utf-8"))))
    assert units and all(int(u["pladser"]) >= 1 for u in units)


def test_generated_delivery_parses_for_the_chosen_vendor(tmp_path):
    config = SynthConfig(scale=0.02, months=1, start=START, fault_rate=0.0)
    result = generate_municipality(config, 360, tmp_path, domains=[CITIZENS, DOMAIN])
    files = [f for f in result.files if f.domain == "disability"]
    assert {f.dataset for f in files} == {"services", "providers"}
    for f in files:
        data = (tmp_path / f.path).read_bytes()
        if f.format == "xlsx":
            sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
            assert len(list(sheet.iter_rows(values_only=True))) - 1 == f.records
        else:
            assert len(list(csv.DictReader(io.StringIO(data.decode("utf-8"))))) == f.records


def test_excel_dates_are_serials_of_the_canonical_days():
    table = frames(751, "services")[0]
    spec = VOKSENSAG.file_for("services")
    sheet = render(VOKSENSAG, spec, table)
    start = np.array(sheet.columns[spec.fields.index(spec.field_named("Startdato"))].to_pylist(), dtype=int)
    assert (start - EXCEL_EPOCH_OFFSET == col(table, "start_date")).all()
