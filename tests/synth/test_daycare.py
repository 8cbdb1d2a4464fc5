"""Daycare: volumes, age rules, careers, staffing, workplaces and costs, gradient, and both vendors' files."""

from __future__ import annotations

import datetime as dt
import io
import json

import numpy as np
import openpyxl
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from flis.periods import Period, day_number
from flis.synth.codes import FUNCTIONS, JOB_CATEGORIES, MONTHLY_SALARY
from flis.synth.config import SynthConfig
from flis.synth.domains import CITIZENS, daycare
from flis.synth.files import render, to_bytes
from flis.synth.profile import profile
from flis.synth.runner import generate_municipality, simulate_frames
from flis.synth.vendors.daycare import BOERNEPORTAL, DAGTILBUD_PRO, VENDORS

SAMPLE = (101, 157, 183, 230, 360, 461, 561, 657, 751, 787, 851)
"""Capital, rich suburbs, a deprived suburb, rural and provincial municipalities, the big cities."""
START = Period(2024, 1)
FUNCTION_OF_TYPE = {"dagpleje": "5.25.11", "vuggestue": "5.25.12", "boernehave": "5.25.13",
                    "integreret": "5.25.14"}


def run(code: int, scale: float = 0.05, months: int = 12, seed: int = 1, start: Period = START):
    config = SynthConfig(scale=scale, months=months, start=start, seed=seed, fault_rate=0.0)
    ctx, frames = simulate_frames(config, code, [CITIZENS, daycare.DOMAIN])
    return ctx, {(f.dataset, f.period): f.table for _, f in frames}


def col(table: pa.Table, name: str) -> np.ndarray:
    return table.column(name).to_numpy(zero_copy_only=False)


def count_day(period: Period) -> int:
    return day_number(period.first_day) + daycare.COUNT_DAY - 1


def age_months(birth: np.ndarray, day: int) -> np.ndarray:
    """Completed months of age on ``day``."""
    b = np.asarray(birth).astype("datetime64[D]")
    d = np.datetime64(day, "D")
    day_of_month = (d - d.astype("datetime64[M]").astype("datetime64[D]")).astype(int)
    birth_day_of_month = (b - b.astype("datetime64[M]").astype("datetime64[D]")).astype(int)
    months = (d.astype("datetime64[M]") - b.astype("datetime64[M]")).astype(int)
    return months - (day_of_month < birth_day_of_month)


def lookup(table: pa.Table, key: str, value: str) -> dict:
    return dict(zip(table.column(key).to_pylist(), table.column(value).to_pylist()))


@pytest.fixture(scope="module")
def sample():
    return {code: run(code) for code in SAMPLE}


@pytest.fixture(scope="module")
def gradient():
    return {code: run(code, scale=0.3) for code in (183, 360, 157, 230)}


def coverage(runs, lo: int, hi: int, months: range = range(1, 13)) -> float:
    """Share of residents aged lo..hi (completed years on the count day) enrolled in the municipality."""
    enrolled = residents = 0
    for ctx, tables in runs:
        for period in (p for p in ctx.periods if p.month in months):
            res = tables[("residents", period)]
            years = age_months(col(res, "birth_date"), count_day(period)) // 12
            children = tables[("enrolments", period)].column("child_id")
            inside = pc.is_in(res.column("person_id"), value_set=children).to_numpy(zero_copy_only=False)
            band = (years >= lo) & (years <= hi)
            enrolled, residents = enrolled + int(inside[band].sum()), residents + int(band.sum())
    return enrolled / residents


def test_coverage_by_age_band_matches_national_rates(sample):
    runs = list(sample.values())
    # DST: ~15 % of 0-year-olds, ~88 % of 1-2, ~97 % of 3-5; 1.5 % have a place in the neighbouring one.
    assert 0.11 < coverage(runs, 0, 0) < 0.20
    assert 0.83 < coverage(runs, 1, 2) < 0.92
    # January-April: no 3-5-year-old has reached school start (1 May or 1 August) yet.
    assert 0.93 < coverage(runs, 3, 5, range(1, 5)) < 0.99


def test_volume_scales_to_national_total(sample):
    enrolled = sum(t[("enrolments", p)].num_rows for c, t in sample.values() for p in c.periods)
    population = sum(t[("residents", p)].num_rows for c, t in sample.values() for p in c.periods)
    # About 290,000 enrolled children (0-6 years) among 5.96 million residents.
    assert 0.043 < enrolled / population < 0.054
    for ctx, tables in sample.values():
        counts = [tables[("enrolments", p)].num_rows for p in ctx.periods]
        exit_month = 5 if daycare.draw_policy(ctx).preschool_may else 8
        assert counts[exit_month - 1] < counts[exit_month - 2], "the oldest children leave for school"


def test_records_follow_age_and_date_rules(sample):
    for ctx, tables in sample.values():
        ft_hours: set[float] = set()
        for period in ctx.periods:
            e, day = tables[("enrolments", period)], count_day(period)
            inst = tables[("institutions", period)]
            birth, start, place = col(e, "birth_date"), col(e, "start_date"), col(e, "place_type")
            months = age_months(birth, day)
            young, old = months[place != "kindergarten"], months[place == "kindergarten"]
            assert len(set(e.column("child_id").to_pylist())) == e.num_rows, "one place per child"
            assert (start <= day).all() and (start - birth >= 180).all(), "no place before 26 weeks"
            assert ((young >= 6) & (young <= 38)).all() and ((old >= 33) & (old < 96)).all()
            assert set(col(e, "sex").tolist()) <= {1, 2}
            assert set(col(e, "institution_id")) <= set(col(inst, "institution_id"))
            hours = col(e, "weekly_hours")
            ft_hours |= set(hours[hours != 30.0].tolist())
            owner = lookup(inst, "institution_id", "owner")
            private = np.array([owner[i] == "private" for i in col(e, "institution_id")], dtype=bool)
            payment = e.column("parent_payment")
            assert (np.asarray(payment.is_null()) == private).all(), "private institutions bill the parents"
            paid = col(e, "parent_payment")[~private]
            assert (paid >= 0).all() and (period.month != 7 or (paid == 0).all()), "July is payment-free"
        assert len(ft_hours) <= 1 and ft_hours <= {42.0, 45.0, 48.0, 50.0}, "one full-time norm each"


def test_children_link_to_residents_or_to_the_neighbour(sample):
    guests = placed = total = 0
    for code, (ctx, tables) in sample.items():
        for period in ctx.periods:
            e = tables[("enrolments", period)]
            home = col(e, "home_municipality")
            own = e.filter(pc.equal(e.column("home_municipality"), code)).column("child_id")
            assert pc.all(pc.is_in(own, value_set=tables[("residents", period)].column("person_id"))).as_py()
            assert set(home[home != code].tolist()) <= {profile(code).neighbour}
            placed += int((col(e, "paying_municipality") != home).sum())
            guests, total = guests + int((home != code).sum()), total + e.num_rows
    assert 0.007 < guests / total < 0.03, "about 1.5 % come from the neighbouring municipality"
    assert 0 < placed / total < 0.01, "another municipality pays for a few children placed in foster care"


def test_careers_move_to_kindergarten_and_leave_at_school_start(sample):
    moved = stayed = 0
    for ctx, tables in sample.values():
        exit_month = 5 if daycare.draw_policy(ctx).preschool_may else 8
        for before, after in zip(ctx.periods, ctx.periods[1:]):
            a, b = tables[("enrolments", before)], tables[("enrolments", after)]
            joined = b.join(a.select(["child_id", "place_type", "institution_id", "start_date"]), "child_id",
                            right_suffix="_before", join_type="inner")
            moves = joined.filter(pc.and_(pc.equal(joined.column("place_type"), "kindergarten"),
                                          pc.not_equal(joined.column("place_type_before"), "kindergarten")))
            months = age_months(col(moves, "birth_date"), count_day(after))
            assert ((months >= 32) & (months <= 38)).all(), "to kindergarten at about 2 years 10 months"
            same = col(moves, "institution_id") == col(moves, "institution_id_before")
            assert (col(moves, "start_date")[same] == col(moves, "start_date_before")[same]).all()
            moved, stayed = moved + moves.num_rows, stayed + int(same.sum())
            if after.month == exit_month:
                birth_year = col(a, "birth_date").astype("datetime64[D]").astype("datetime64[Y]").astype(int)
                leavers = a.filter(birth_year + 1970 == before.year - 6).column("child_id")
                still = pc.is_in(leavers, value_set=b.column("child_id")).to_numpy(zero_copy_only=False)
                assert len(still) > 0 and still.mean() < 0.15, "only deferred children stay"
    assert moved > 100 and 0.2 < stayed / moved < 0.95, "children in integrated institutions mostly stay"


def test_institution_register(sample):
    sizes: list[int] = []
    for code, (ctx, tables) in sample.items():
        inst = tables[("institutions", ctx.periods[0])]
        assert all(tables[("institutions", p)].equals(inst) for p in ctx.periods)
        ids = inst.column("institution_id").to_pylist()
        assert len(set(ids)) == len(ids) and all(len(i) == 7 and i.startswith(f"{code:03d}") for i in ids)
        assert min(int(i[3:]) for i in ids) >= 1000
        types, owners = col(inst, "institution_type"), col(inst, "owner")
        assert set(types) <= set(FUNCTION_OF_TYPE) and set(owners) <= {"municipal", "selvejende", "private"}
        assert (owners[types == "dagpleje"] == "municipal").all()
        capacity = col(inst, "capacity")
        assert (capacity > 0).all()
        sizes.extend(capacity[types != "dagpleje"].tolist())
        enrolled = np.mean([tables[("enrolments", p)].num_rows for p in ctx.periods])
        assert 0.7 < enrolled / capacity.sum() < 1.1, "institutions are planned for the children"
        assert set(col(inst, "municipality").tolist()) == {code}
    assert 40 < np.mean(sizes) < 110, "average institution size (places)"


def test_staff_ratios(sample):
    children = {"vuggestue": 0, "boernehave": 0, "dagpleje": 0}
    carers = {"vuggestue": 0.0, "boernehave": 0.0, "dagpleje": 0.0}
    pedagogues = pedagogical = 0.0
    for ctx, tables in sample.values():
        kind = lookup(tables[("institutions", ctx.periods[0])], "institution_id", "institution_type")
        for period in ctx.periods:
            for i in col(tables[("enrolments", period)], "institution_id"):
                children[kind[i]] = children.get(kind[i], 0) + 1
            s = tables[("staff", period)]
            for i, cat, fte in zip(col(s, "institution_id"), col(s, "staff_category"), col(s, "fte")):
                assert fte > 0 and cat in JOB_CATEGORIES
                if kind[i] in carers and cat in (("childminder",) if kind[i] == "dagpleje" else
                                                  ("pedagogue", "pedagogical_assistant")):
                    carers[kind[i]] += fte
                if kind[i] != "dagpleje" and cat != "manager":
                    pedagogical += fte
                    pedagogues += fte if cat == "pedagogue" else 0.0
    # Normering: ~3 children per pedagogical FTE at 0-2, ~6 at 3-5, 4 places per childminder.
    assert 2.5 < children["vuggestue"] / carers["vuggestue"] < 3.6
    assert 5.0 < children["boernehave"] / carers["boernehave"] < 7.2
    assert 3.3 < children["dagpleje"] / carers["dagpleje"] <= 4.3
    assert 0.45 < pedagogues / pedagogical < 0.7


def test_workplaces_and_costs(sample):
    for ctx, tables in sample.values():
        inst = tables[("institutions", ctx.periods[0])]
        owner = lookup(inst, "institution_id", "owner")
        kind = lookup(inst, "institution_id", "institution_type")
        places = {w.id: w for w in ctx.workplaces if w.kind == "daycare"}
        assert set(places) == {i for i, o in owner.items() if o != "private"}
        for w in places.values():
            assert w.function == FUNCTION_OF_TYPE[kind[w.id]] and w.function in FUNCTIONS
            assert set(w.staff) <= set(JOB_CATEGORIES)
            assert all(len(v) == len(ctx.periods) for v in w.staff.values())
        costs = [c for c in ctx.costs if c.function.startswith("5.25.")]
        assert all(c.cost_centre in owner and c.dranst == 1 for c in costs)
        assert all((c.amounts <= 0).all() for c in costs if c.art == "7.2")
        subsidies = [c for c in costs if c.art == "5.9"]
        assert all(owner[c.cost_centre] == "private" and (c.amounts >= 0).all() for c in subsidies)
        july = ctx.periods.index(Period(2024, 7))
        assert sum(c.amounts[july] for c in costs if c.art == "7.2") == 0
        salaries = sum((fte * MONTHLY_SALARY[cat]).sum()
                       for w in places.values() for cat, fte in w.staff.items())
        gross = salaries + sum(c.amounts.sum() for c in costs if c.art != "7.2")
        enrolled = sum(tables[("enrolments", p)].num_rows for p in ctx.periods)
        assert 6_000 < gross / enrolled < 14_000, "gross expenditure per enrolled child and month (DKK)"


def test_parental_payment_levels(sample):
    e = sample[751][1][("enrolments", Period(2024, 3))]
    pay, place = col(e, "parent_payment"), col(e, "place_type")
    # ~3,500 (0-2) and ~2,100 (3-5) DKK a month before sibling discounts and subsidised places.
    assert 2_300 < np.nanmean(pay[place == "nursery"]) < 3_800
    assert 1_300 < np.nanmean(pay[place == "kindergarten"]) < 2_400


def test_same_seed_same_tables_other_seed_other_tables():
    _, a = run(183, months=3)
    _, b = run(183, months=3)
    _, c = run(183, months=3, seed=2)
    assert a.keys() == b.keys() and all(a[k].equals(b[k]) for k in a)
    assert not a[("enrolments", START)].equals(c[("enrolments", START)])


def test_deprived_municipalities_have_lower_coverage_and_more_staff(gradient):
    deprived, rich = [gradient[c] for c in (183, 360)], [gradient[c] for c in (157, 230)]
    assert coverage(deprived, 1, 2) + 0.03 < coverage(rich, 1, 2)

    def children_per_staff(runs) -> float:
        children = sum(t[("enrolments", p)].num_rows for c, t in runs for p in c.periods)
        staff = sum(col(t[("staff", p)], "fte").sum() for c, t in runs for p in c.periods)
        return children / staff

    assert children_per_staff(deprived) < children_per_staff(rich)


def test_tiny_municipality_yields_empty_tables_with_columns():
    _, tiny = run(825, scale=0.001, months=2)
    _, big = run(101, scale=0.01, months=1)
    for name in ("institutions", "enrolments", "staff"):
        assert tiny[(name, START)].num_rows == 0 and tiny[(name, START)].schema == big[(name, START)].schema


def test_vendors_declare_every_dataset():
    for vendor in VENDORS:
        assert {f.dataset for f in vendor.files} == {d.name for d in daycare.DATASETS}
        assert set(vendor.aliases) <= {f.name for spec in vendor.files for f in spec.fields}
        assert any(f.money for spec in vendor.files for f in spec.fields)
    assert daycare.DOMAIN.dataset("enrolments").countable
    assert {v.format for v in VENDORS} == {"jsonl", "xlsx"}


@pytest.fixture(scope="module")
def gentofte():
    """Gentofte has private institutions (no payment in the files) and family daycare."""
    return run(157, scale=0.3, months=7)


def file_bytes(vendor, tables, dataset: str, period: Period):
    spec = vendor.file_for(dataset)
    return spec, to_bytes(vendor, spec, render(vendor, spec, tables[(dataset, period)]), 157, str(period))


def test_json_lines_vendor_parses_with_json(gentofte):
    _, tables = gentofte
    for period in (Period(2024, 3), Period(2024, 7)):
        for dataset in ("institutions", "enrolments", "staff"):
            spec, data = file_bytes(BOERNEPORTAL, tables, dataset, period)
            records = [json.loads(line) for line in data.decode("utf-8").splitlines()]
            assert len(records) == tables[(dataset, period)].num_rows > 0
            assert all(list(r) == [f.name for f in spec.fields] for r in records)
            for f in spec.fields:
                values = [r[f.name] for r in records if r[f.name] is not None]
                if f.kind == "code":
                    assert set(values) <= set(f.codes.values())
                elif f.kind in ("int", "decimal"):
                    assert all(isinstance(v, (int, float)) for v in values)
                elif f.kind == "date":
                    assert all(dt.date.fromisoformat(v) for v in values)
    data = file_bytes(BOERNEPORTAL, tables, "enrolments", Period(2024, 3))[1]
    records = [json.loads(line) for line in data.splitlines()]
    assert {r["pladstype"] for r in records} == {"DP", "VU", "BH"}
    assert any(r["foraeldrebetaling"] is None for r in records), "private institutions: no payment"


def test_xlsx_vendor_parses_with_openpyxl(gentofte):
    _, tables = gentofte
    period = Period(2024, 3)
    for dataset in ("institutions", "enrolments", "staff"):
        spec, data = file_bytes(DAGTILBUD_PRO, tables, dataset, period)
        sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
        rows = list(sheet.iter_rows(values_only=True))
        assert list(rows[0]) == [f.name for f in spec.fields]
        assert len(rows) - 1 == tables[(dataset, period)].num_rows
        for k, f in enumerate(spec.fields):
            values = [r[k] for r in rows[1:] if r[k] is not None]
            if f.kind == "code":
                assert set(values) <= set(f.codes.values())
            elif f.kind == "date":
                assert all(isinstance(v, dt.datetime) for v in values)
            elif f.kind in ("int", "decimal"):
                assert all(isinstance(v, (int, float)) for v in values)
        if dataset == "enrolments":
            e = tables[(dataset, period)]
            assert rows[1][0] == e.column("child_id")[0].as_py()
            assert rows[1][1].date() == dt.date(1970, 1, 1) + dt.timedelta(days=int(col(e, "birth_date")[0]))


def test_generated_files_parse_with_the_chosen_vendor(tmp_path):
    config = SynthConfig(scale=0.02, months=2, start=Period(2024, 4), fault_rate=0.0)
    for code in (101, 751, 461, 157):
        result = generate_municipality(config, code, tmp_path, domains=[CITIZENS, daycare.DOMAIN])
        files = [f for f in result.files if f.domain == "daycare"]
        assert {f.dataset for f in files} == {"institutions", "enrolments", "staff"} and len(files) == 6
        for f in files:
            data = (tmp_path / f.path).read_bytes()
            if f.format == "jsonl":
                assert len([json.loads(line) for line in data.decode("utf-8").splitlines()]) == f.records
            else:
                sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
                assert sum(1 for _ in sheet.iter_rows()) == f.records + 1
