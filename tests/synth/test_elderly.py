"""Elderly care: volumes near the national figures, consistent records, linked processes, vendor files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from flis import reference
from flis.periods import Period, day_number
from flis.synth.config import SynthConfig
from flis.synth.context import MunicipalityContext
from flis.synth.domains import CITIZENS
from flis.synth.domains.elderly import DATASETS, DOMAIN, PRICE_PER_HOUR, _trend, provider_market
from flis.synth.formats.cells import MISSING_DAY
from flis.synth.runner import generate_municipality, simulate_frames
from flis.synth.vendors.elderly import PRIVATE_PROVIDERS
from flis.synth.writer import choose_vendor

SAMPLE = (101, 751, 360, 157, 183, 230, 787, 461)
"""Copenhagen, Aarhus, Lolland, Gentofte, Ishøj, Rudersdal, Thisted, Odense: cities, suburbs, countryside."""
START = Period(2024, 1)
EPOCH = dt.date(1970, 1, 1)


def run(code: int, scale: float = 0.05, months: int = 12, start: Period = START, seed: int = 1):
    """(context, {dataset: [table per month]}, {citizens dataset: [table per month]})."""
    return _run(code, scale, months, start, seed)


@lru_cache(maxsize=None)
def _run(code: int, scale: float, months: int, start: Period, seed: int):
    ctx, frames = simulate_frames(SynthConfig(scale=scale, months=months, start=start, seed=seed), code,
                                  [CITIZENS, DOMAIN])
    elderly: dict[str, list[pa.Table]] = {}
    citizens: dict[str, list[pa.Table]] = {}
    for domain, frame in frames:
        (elderly if domain is DOMAIN else citizens).setdefault(frame.dataset, []).append(frame.table)
    return ctx, elderly, citizens


def col(table: pa.Table, name: str) -> np.ndarray:
    return np.asarray(table.column(name).to_numpy(zero_copy_only=False))


def age(birth: np.ndarray, day: int) -> np.ndarray:
    return (day - birth) / 365.2425


def latest(tables: list[pa.Table], key: str) -> pa.Table:
    """Each record as last delivered (end dates and outcomes only appear once they have passed)."""
    table = pa.concat_tables(tables)
    _, last = np.unique(col(table, key)[::-1], return_index=True)
    return table.take(pa.array(np.sort(len(table) - 1 - last)))


def active_on(table: pa.Table, day: int, start: str = "start_date", end: str = "end_date") -> np.ndarray:
    s, e = col(table, start), col(table, end)
    return (s <= day) & ((e == MISSING_DAY) | (e >= day))


def mid_year(code: int, month: int = 6):
    """Persons with home help and in nursing homes on the 15th, and the residents by age band."""
    ctx, el, cit = run(code)
    day = day_number(ctx.periods[month].first_day) + 14
    pop = cit["residents"][month]
    bands = lambda a: np.digitize(a, [65, 80, 90])  # noqa: E731 - 0 <65, 1 65-79, 2 80-89, 3 90+
    hh = el["home_help"][month].filter(pa.array(active_on(el["home_help"][month], day)))
    _, first = np.unique(col(hh, "person_id"), return_index=True)
    nh = el["residents"][month]
    nh = nh.filter(pa.array((col(nh, "move_in") <= day) & ((col(nh, "move_out") == MISSING_DAY)
                                                          | (col(nh, "move_out") > day))))
    count = lambda b: np.bincount(bands(age(b, day)), minlength=4)  # noqa: E731
    return count(col(pop, "birth_date")), count(col(hh, "birth_date")[first]), count(col(nh, "birth_date"))


@pytest.fixture(scope="module")
def pooled():
    pop, hh, nh = (sum(x) for x in zip(*(mid_year(c) for c in SAMPLE)))
    return pop, hh, nh


def test_home_help_and_nursing_home_shares_by_age(pooled):
    pop, hh, nh = pooled
    share, nh_share = hh / pop, nh / pop
    assert 0.02 < share[1] < 0.06  # 65-79
    assert 0.15 < share[2] < 0.32  # 80-89
    assert 0.28 < share[3] < 0.56  # 90+
    assert hh[0] < 0.1 * hh.sum()  # a few under 65
    assert nh_share[1] < 0.02 and 0.035 < nh_share[2] < 0.11 and 0.12 < nh_share[3] < 0.32
    assert nh[0] < 0.03 * nh.sum()


def test_volumes_scale_to_the_national_figures(pooled):
    pop, hh, nh = pooled
    # National: ~110,000 recipients 65+ of ~1.22 million 65+; ~38,000 residents of ~300,000 80+.
    assert 0.065 < hh[1:].sum() / pop[1:].sum() < 0.115
    assert 85 < 1000 * nh.sum() / pop[2:].sum() < 165
    started = 0
    for code in SAMPLE:
        ctx, el, _ = run(code)
        courses = pa.concat_tables(el["rehabilitation"])
        starts = col(courses, "start_date")[np.unique(col(courses, "course_id"), return_index=True)[1]]
        started += (starts >= day_number(START.first_day)).sum()
    # ~25,000 courses a year: ~20 per 1,000 aged 65+
    assert 12 < 1000 * started / pop[1:].sum() < 30


def test_visited_and_delivered_hours():
    hours, recipients, delivered, visited = [], 0, 0.0, 0.0
    for code in SAMPLE[:4]:
        ctx, el, _ = run(code)
        for t, (hh, dl) in enumerate(zip(el["home_help"], el["delivered"])):
            first, last = day_number(ctx.periods[t].first_day), day_number((ctx.periods[t] + 1).first_day)
            assert col(dl, "decision_id").tolist() == col(hh, "decision_id").tolist()
            end = np.where(col(hh, "end_date") == MISSING_DAY, last, col(hh, "end_date") + 1)
            days = np.minimum(end, last) - np.maximum(col(hh, "start_date"), first)
            visited += (col(hh, "hours_per_week") * days / 7).sum()
            delivered += col(dl, "delivered_hours").sum()
        hh = el["home_help"][5]
        hours.append(hh)
        recipients += len(np.unique(col(hh, "person_id")))
    hh = pa.concat_tables(hours)
    h, service = col(hh, "hours_per_week"), col(hh, "service")
    assert 3.0 < h.sum() / recipients < 4.4  # ~3.5 visited hours per recipient and week
    assert 0.7 < h[service == "practical"].mean() < 1.4
    assert 3.5 < h[service == "personal"].mean() < 7.5 and h.max() > 15  # a long tail of heavy care
    assert np.all(h * 4 == np.round(h * 4)) and h.min() >= 0.25 and h.max() <= 60
    assert 0.82 < delivered / visited < 0.96


def test_private_share_varies_between_municipalities():
    shares = []
    for m in reference.municipalities():
        practical, personal, firms = provider_market(MunicipalityContext.create(SynthConfig(), m.code))
        assert 0 <= personal <= practical <= 0.45 and 1 <= len(firms) <= 3
        shares.append(practical)
    assert min(shares) < 0.05 and max(shares) > 0.25 and 0.08 < np.mean(shares) < 0.24
    ctx, el, _ = run(101)
    hh = pa.concat_tables(el["home_help"])
    private = col(hh, "provider_type") == "private"
    firm_ids = {p[0] for p in PRIVATE_PROVIDERS}
    assert set(col(hh, "provider_id")[private]) <= firm_ids
    municipal = col(hh, "provider_id")[~private]
    assert all(p.startswith("101") and 4000 <= int(p[3:]) < 5000 for p in set(municipal))


def test_records_are_consistent():
    ctx, el, cit = run(101)
    birth, sex = {}, {}
    for table in cit["residents"] + cit["events"]:
        birth.update(zip(col(table, "person_id"), col(table, "birth_date")))
        sex.update(zip(col(table, "person_id"), col(table, "sex")))
    homes = el["nursing_homes"][0]
    places = dict(zip(col(homes, "nursing_home_id"), col(homes, "places")))
    seen: dict[str, tuple] = {}
    for t, period in enumerate(ctx.periods):
        first, last = day_number(period.first_day), day_number((period + 1).first_day) - 1
        hh, nh, rh = el["home_help"][t], el["residents"][t], el["rehabilitation"][t]
        start, end = col(hh, "start_date"), col(hh, "end_date")
        assert np.all(start <= last) and np.all((end == MISSING_DAY) | ((end >= first) & (end >= start)))
        assert np.all((end == MISSING_DAY) | (end <= last))  # the end is only known once it has passed
        ids = col(hh, "decision_id")
        assert len(set(ids)) == len(ids)
        for i, d, h, s in zip(ids, col(hh, "person_id"), col(hh, "hours_per_week"), start):
            assert seen.setdefault(i, (d, h, s)) == (d, h, s)  # decisions never change; revisions get new ids
        for table in (hh, nh, rh):
            pid = col(table, "person_id")
            assert all(birth[p] == b for p, b in zip(pid, col(table, "birth_date")))
        assert all(sex[p] == s for p, s in zip(col(hh, "person_id"), col(hh, "sex")))
        day = first + 14
        on = hh.filter(pa.array(active_on(hh, day)))
        keys = list(zip(col(on, "person_id"), col(on, "service")))
        assert len(keys) == len(set(keys))  # at most one decision per person and service at a time
        move_in, move_out = col(nh, "move_in"), col(nh, "move_out")
        assert np.all(move_in <= last) and np.all((move_out == MISSING_DAY) | ((move_out > move_in)
                                                                               & (move_out >= first)))
        in_home = set(col(nh, "person_id")[(move_in <= day) & ((move_out == MISSING_DAY) | (move_out > day))])
        assert not in_home & set(col(on, "person_id"))  # no home help in a nursing home
        counts = dict(zip(*np.unique(col(nh, "nursing_home_id"), return_counts=True)))
        assert all(n <= places[h] for h, n in counts.items())
        ended = col(rh, "end_date") != MISSING_DAY
        assert np.all(col(rh, "end_date")[ended] >= col(rh, "start_date")[ended])
        assert np.array_equal(ended, pc.is_valid(rh.column("outcome")).to_numpy(zero_copy_only=False))


def test_ages():
    ctx, el, _ = run(751)
    day = day_number(ctx.periods[0].first_day)
    hh_age = age(col(el["home_help"][0], "birth_date"), day)
    nh_age = age(col(el["residents"][0], "birth_date"), day)
    assert hh_age.min() >= 44 and (hh_age >= 65).mean() > 0.9
    assert nh_age.min() >= 54 and (nh_age >= 65).mean() > 0.95 and np.median(nh_age) > 82


def test_help_before_a_move_to_a_nursing_home():
    """FLIS 420-0421-004: visited hours in the month before the move, for those newly moved in."""
    totals = []
    for code in SAMPLE:
        ctx, el, _ = run(code)
        starts = np.array([day_number(p.first_day) for p in ctx.periods])
        residents = pa.concat_tables(el["residents"])
        moves = dict(zip(col(residents, "person_id"), col(residents, "move_in")))
        for person, day in moves.items():
            if day < starts[1]:
                continue
            t = int(np.searchsorted(starts, day - 1, side="right") - 1)  # the month of the day before
            hh = el["home_help"][t]
            hh = hh.filter(pa.array((col(hh, "person_id") == person) & active_on(hh, day - 1)))
            end = col(hh, "end_date")
            assert np.all((end != MISSING_DAY) & (end < day))  # help stops when the person moves in
            totals.append(col(hh, "hours_per_week").sum())
    totals = np.array(totals)
    assert len(totals) > 100
    assert (totals > 0).mean() > 0.8 and 6 < totals.mean() < 14  # escalated personal care before the move


def test_rehabilitation_outcomes_shape_the_help():
    ctx, el, _ = run(101)
    courses = latest(el["rehabilitation"], "course_id")
    ended = courses.filter(pc.is_valid(courses.column("outcome")))
    weeks = (col(ended, "end_date") - col(ended, "start_date") + 1) / 7
    assert 7 < weeks.mean() < 12
    outcome = col(ended, "outcome")
    assert all(0.12 < (outcome == o).mean() < 0.6 for o in ("independent", "reduced", "unchanged"))
    decisions = latest(el["home_help"], "decision_id")
    person, start = col(decisions, "person_id"), col(decisions, "start_date")
    service = col(decisions, "service")
    horizon_end = day_number((ctx.periods[-1] + 1).first_day)
    independent, reduced = [], []
    for p, end, o in zip(col(ended, "person_id"), col(ended, "end_date"), outcome):
        if end + 10 >= horizon_end:
            continue
        if o == "independent":
            independent.append(not ((person == p) & active_on(decisions, end + 7)).any())
        elif o == "reduced":  # each service goes on under a new decision from the day after the course
            before = set(service[(person == p) & active_on(decisions, end)])
            reduced.append(before == set(service[(person == p) & (start == end + 1)]))
    assert np.mean(independent) > 0.9  # help stops when the course makes the citizen independent
    assert np.mean(reduced) > 0.8  # a new decision with fewer hours follows the course


def home_help_share_65(code: int, scale: float = 0.05, months: int = 12, start: Period = START) -> np.ndarray:
    """Recipients aged 65+ per resident aged 65+ on the first of each month."""
    ctx, el, cit = run(code, scale, months, start)
    shares = []
    for t, period in enumerate(ctx.periods):
        day, hh = day_number(period.first_day), el["home_help"][t]
        old = age(col(hh, "birth_date"), day) >= 65
        users = len(np.unique(col(hh, "person_id")[active_on(hh, day) & old]))
        shares.append(users / (age(col(cit["residents"][t], "birth_date"), day) >= 65).sum())
    return np.array(shares)


def test_first_months_are_in_steady_state():
    shares = np.mean([home_help_share_65(code) for code in SAMPLE], axis=0)
    # ~1,000 recipients in the sample: a year of chance moves the share by a few per cent either way
    assert 0.9 < shares[-1] / shares[0] < 1.04 and 0.06 < shares.mean() < 0.11


def test_home_help_share_declines_about_two_percent_a_year():
    """Rehabilitation first: a decade apart, the share of 65+ with help is ~20% lower."""
    def share(year: int) -> float:
        return float(np.mean([home_help_share_65(c, 0.1, 1, Period(year, 1))[0] for c in (751, 461, 101)]))

    assert 0.72 < share(2029) / share(2019) < 0.88
    assert _trend(Period(2025, 1)) / _trend(Period(2024, 1)) == pytest.approx(0.975)


def test_deprived_municipalities_have_more_home_help():
    def share_80(code):
        ctx, el, cit = run(code, 0.2)
        shares = []
        for t, period in enumerate(ctx.periods):
            day = day_number(period.first_day)
            hh = el["home_help"][t]
            users = len(np.unique(col(hh, "person_id")[age(col(hh, "birth_date"), day) >= 80]))
            shares.append(users / (age(col(cit["residents"][t], "birth_date"), day) >= 80).sum())
        return np.mean(shares)

    deprived, affluent = (share_80(360) + share_80(183)) / 2, (share_80(230) + share_80(157)) / 2
    assert 1.15 < deprived / affluent < 2.0  # a moderate gradient


def test_deterministic_for_a_seed():
    def tables(seed: int) -> list[pa.Table]:
        config = SynthConfig(scale=0.02, months=3, start=START, seed=seed)
        return [f.table for d, f in simulate_frames(config, 147, [CITIZENS, DOMAIN])[1] if d is DOMAIN]

    first, again, other = tables(1), tables(1), tables(2)
    assert len(first) == 15 and all(x.equals(y) for x, y in zip(first, again))
    assert not all(x.equals(y) for x, y in zip(first, other))


def test_tiny_municipality_gives_empty_tables_not_errors():
    _, el, _ = run(825, 0.001, 2)  # Læsø: about two residents
    assert set(el) == {d.name for d in DATASETS}
    for name, tables in el.items():
        assert len(tables) == 2
        assert tables[0].schema.names == tables[1].schema.names
    assert el["home_help"][0].schema.names[-1] == "end_date"


def test_workplaces_and_costs():
    ctx, el, _ = run(101)
    n = len(ctx.periods)
    kinds = {w.kind: w.function for w in ctx.workplaces}
    assert kinds == {"nursing_home": "5.30.27", "home_care": "5.30.26", "rehabilitation": "5.30.31"}
    ids = [w.id for w in ctx.workplaces]
    assert len(set(ids)) == len(ids) and all(i.startswith("101") and 4000 <= int(i[3:]) < 5000 for i in ids)
    assert all(len(v) == n for w in ctx.workplaces for v in w.staff.values())
    homes = el["nursing_homes"][0]
    municipal = set(col(homes, "nursing_home_id")[col(homes, "owner") == "municipal"])
    residents = sum(np.isin(col(t, "nursing_home_id"), list(municipal)).sum() for t in el["residents"]) / n
    fte = sum(sum(v.mean() for v in w.staff.values()) for w in ctx.workplaces if w.kind == "nursing_home")
    assert fte == pytest.approx(0.9 * residents, rel=0.1)
    hours = [(col(h, "provider_type"), col(h, "service"), col(d, "delivered_hours"))
             for h, d in zip(el["home_help"], el["delivered"])]
    own = sum(x[2][x[0] == "municipal"].sum() for x in hours)
    care_fte = sum(w.staff[j].sum() for w in ctx.workplaces if w.kind == "home_care"
                   for j in ("health_helper", "health_assistant", "nurse"))
    assert care_fte == pytest.approx(own * 12 / 1100, rel=1e-6)
    bought = sum((x[2] * (x[0] == "private") * np.where(x[1] == "practical", *PRICE_PER_HOUR)).sum()
                 for x in hours)
    costs = {(c.function, c.art): c for c in ctx.costs}
    paid = sum(c.amounts.sum() for c in ctx.costs if (c.function, c.art) == ("5.30.26", "4.0"))
    assert paid == pytest.approx(bought)
    assert all(len(c.amounts) == n for c in ctx.costs)
    assert all(c.amounts.sum() < 0 for c in ctx.costs if c.art in ("7.1", "7.2"))
    assert ("0.25.19", "7.1") in costs and ("5.30.27", "2.2") in costs


# --- vendor files ----------------------------------------------------------------------------------------

def municipality_with(vendor_key: str) -> int:
    return next(m.code for m in reference.municipalities()
                if m.population < 60_000 and choose_vendor(DOMAIN, m.code, 1).key == vendor_key)


def check_values(vendor, spec, rows: list[dict[str, str]]) -> None:
    """Codes come from the vendor's code lists, dates and numbers are in the vendor's formats."""
    for f in spec.fields:
        values = [r[f.name] for r in rows if r[f.name] not in ("", None)]
        if f.kind == "code":
            assert set(map(str, values)) <= set(f.codes.values()), f.name
        elif f.kind == "date":
            for v in values:
                dt.datetime.strptime(v, f.date_format or vendor.date_format)
        elif f.kind == "decimal":
            for v in values:
                float(str(v).replace(",", ".") if vendor.format == "csv" else v)
        elif f.kind == "int":
            assert all(str(v).isdigit() and (not f.pad or len(str(v)) == f.pad) for v in values), f.name


@pytest.mark.parametrize("vendor_key", [v.key for v in DOMAIN.vendors])
def test_vendor_files_parse_with_standard_readers(vendor_key, tmp_path: Path):
    vendor = DOMAIN.vendor(vendor_key)
    code = municipality_with(vendor_key)
    config = SynthConfig(scale=0.05, months=2, start=START, fault_rate=0)
    result = generate_municipality(config, code, tmp_path, domains=[CITIZENS, DOMAIN])
    files = [f for f in result.files if f.domain == "elderly"]
    assert {f.vendor for f in files} == {vendor_key}
    assert {f.dataset for f in files} == {d.name for d in DATASETS}
    _, frames = simulate_frames(config, code, [CITIZENS, DOMAIN])
    expected = {(f.dataset, str(f.period)): f.table.num_rows for d, f in frames if d is DOMAIN}
    for entry in files:
        spec = vendor.file_for(entry.dataset)
        data = (tmp_path / entry.path).read_bytes()
        names = [f.name for f in spec.fields]
        if vendor.format == "jsonl":
            rows = [json.loads(line) for line in data.decode("utf-8").splitlines()]
            assert all(list(r) == names for r in rows)
            hours = [r[f.name] for r in rows for f in spec.fields if f.kind == "decimal"]
            assert all(isinstance(h, (int, float)) for h in hours)
        else:
            text = data.decode("cp1252")
            assert text.count("\r\n") == text.count("\n") == len(text.splitlines())
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
            header, *body = list(reader)
            assert header == names
            rows = [dict(zip(names, r)) for r in body]
        assert len(rows) == entry.records == expected[(entry.dataset, entry.period)]
        check_values(vendor, spec, rows)
