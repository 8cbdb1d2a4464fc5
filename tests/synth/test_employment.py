"""Employment: benefit volumes, the weekly and spell shapes, offers, money, and both vendors' files."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import defaultdict
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pytest

from flis import reference
from flis.periods import Period, day_number
from flis.synth.config import SynthConfig
from flis.synth.domains import CITIZENS
from flis.synth.domains import employment as E
from flis.synth.formats.cells import MISSING_DAY
from flis.synth.runner import generate_municipality, simulate_frames
from flis.synth.vendors.employment import DREAM_CODES, OFFER_LETTERS, OFFER_WORDS, OFFERS_LONG, SPELL_CODES
from flis.synth.writer import choose_vendor

BENEFITS = {b.code: b for b in E.BENEFITS}
START = Period(2024, 1)


@lru_cache(maxsize=None)
def run(code: int, scale: float, months: int = 12, seed: int = 1):
    """Frames by dataset -> list of (period, table), and the context (workplaces, costs)."""
    config = SynthConfig(scale=scale, months=months, start=START, seed=seed, fault_rate=0.0)
    ctx, frames = simulate_frames(config, code, [CITIZENS, E.DOMAIN])
    out: dict[str, list[tuple[Period, pa.Table]]] = defaultdict(list)
    for _, frame in frames:
        out[frame.dataset].append((frame.period, frame.table))
    return ctx, out


def col(table: pa.Table, name: str) -> np.ndarray:
    return np.asarray(table.column(name).to_numpy(zero_copy_only=False))


def calendar_age(birth, day) -> np.ndarray:
    """Completed years on ``day`` (29 February birthdays fall on 1 March in other years)."""
    b = np.asarray(birth).astype("datetime64[D]")
    d = np.asarray(day).astype("datetime64[D]")
    years = d.astype("datetime64[Y]").astype(int) - b.astype("datetime64[Y]").astype(int)
    bm, dm = b.astype("datetime64[M]").astype(int) % 12, d.astype("datetime64[M]").astype(int) % 12
    bd = (b - b.astype("datetime64[M]")).astype(int)
    dd = (d - d.astype("datetime64[M]")).astype(int)
    return years - ((dm < bm) | ((dm == bm) & (dd < bd)))


def thursday_of(iso_weeks: np.ndarray) -> np.ndarray:
    lookup = {w: day_number(dt.date.fromisocalendar(int(w) // 100, int(w) % 100, 4))
              for w in np.unique(iso_weeks)}
    return np.array([lookup[w] for w in iso_weeks], dtype=np.int64)


def weekly_fte(table: pa.Table, period: Period) -> dict[str, float]:
    """Full-time persons per benefit from one month's weekly records (sum of degrees / weeks)."""
    weeks = len(np.unique(col(table, "iso_week"))) or 1
    names, inverse = np.unique(col(table, "benefit").astype(str), return_inverse=True)
    sums = np.bincount(inverse.ravel(), weights=col(table, "degree"), minlength=len(names)) / weeks
    return defaultdict(float, zip(names.tolist(), sums.tolist()))


# --- volumes --------------------------------------------------------------------------------------

def test_national_full_time_persons_are_near_the_targets():
    """All 98 municipalities at scale 0.01, one month: full-time persons scaled up per benefit."""
    scale = 0.01
    total: dict[str, float] = defaultdict(float)
    for m in reference.municipalities():
        _, frames = run(m.code, scale, months=1)
        period, weeks = frames["benefit_weeks"][0]
        for k, v in weekly_fte(weeks, period).items():
            total[k] += v / scale
    for code, b in BENEFITS.items():
        tolerance = 0.15 if b.target >= 20_000 else 0.4
        assert total[code] == pytest.approx(b.target, rel=tolerance), code
    assert sum(total.values()) == pytest.approx(sum(b.target for b in E.BENEFITS), rel=0.08)


def test_weeks_and_spells_describe_the_same_full_time_persons():
    _, frames = run(751, 0.05)
    for (period, weeks), (_, spells) in zip(frames["benefit_weeks"], frames["benefit_spells"]):
        first, last = day_number(period.first_day), day_number((period + 1).first_day)
        end = np.where(col(spells, "spell_end") == MISSING_DAY, last - 1, col(spells, "spell_end"))
        days = np.minimum(end + 1, last) - np.maximum(col(spells, "spell_start"), first)
        persons = days.sum() / (last - first)
        fte = sum(weekly_fte(weeks, period).values())
        # Reduced degrees (supplementary dagpenge, partial sick leave) make persons exceed full-time persons.
        assert 1.0 <= persons / fte <= 1.12


def test_dagpenge_peaks_in_winter():
    _, frames = run(101, 0.05)
    fte = {p.month: weekly_fte(t, p)["dagpenge"] for p, t in frames["benefit_weeks"]}
    assert fte[2] / fte[8] > 1.06


@pytest.mark.parametrize("deprived,affluent", [(360, 230), (183, 157), (183, 230), (360, 157)])
def test_deprived_municipalities_have_more_people_on_benefits(deprived, affluent):
    def per_100(code: int) -> dict[str, float]:
        """Full-time persons per 100 residents aged 16-66 in the second month."""
        _, frames = run(code, 0.2, months=3)
        period, weeks = frames["benefit_weeks"][1]
        residents = frames["residents"][1][1]
        age = calendar_age(col(residents, "birth_date"), day_number(period.first_day))
        working = ((age >= 16) & (age <= 66)).sum()
        return {k: 100 * v / working for k, v in weekly_fte(weeks, period).items()}

    poor, rich = per_100(deprived), per_100(affluent)
    assert sum(poor.values()) > 1.4 * sum(rich.values())
    for benefit in ("kontanthjaelp", "foertidspension", "fleksjob"):
        assert poor[benefit] > rich[benefit], benefit
    assert 4 < sum(rich.values()) < 13 < sum(poor.values()) < 30


# --- records ------------------------------------------------------------------------------------------

def test_ages_sexes_and_benefit_rules():
    _, frames = run(751, 0.05)
    for period, weeks in frames["benefit_weeks"]:
        thursday = thursday_of(col(weeks, "iso_week"))
        assert ((thursday >= day_number(period.first_day)) & (thursday <= day_number(period.last_day))).all()
        birth = col(weeks, "birth_date")
        assert (calendar_age(birth, thursday + 3) >= 16).all()
        assert (calendar_age(birth, thursday - 3) <= 66).all()
        degree = col(weeks, "degree")
        assert ((degree > 0) & (degree <= 1)).all()
        key = np.char.add(np.char.add(col(weeks, "person_id").astype(str),
                                      col(weeks, "iso_week").astype(str)), col(weeks, "benefit").astype(str))
        assert len(np.unique(key)) == len(key), "one record per person, week and benefit"
    spells = pa.concat_tables([t for _, t in frames["benefit_spells"]])
    benefit, start, birth = col(spells, "benefit"), col(spells, "spell_start"), col(spells, "birth_date")
    age = calendar_age(birth, start)
    assert set(benefit) == set(BENEFITS)
    young = benefit == "uddannelseshjaelp"
    assert (calendar_age(birth[young], start[young]) < 30).all()
    assert np.median(age[benefit == "foertidspension"]) > np.median(age[benefit == "dagpenge"])
    sex = col(spells, "sex")
    assert set(sex) <= {1, 2}
    assert (sex[benefit == "sygedagpenge"] == 2).mean() > 0.52


def test_spells_are_consistent_and_one_at_a_time():
    _, frames = run(851, 0.05)
    seen: dict[str, int] = {}
    for period, spells in frames["benefit_spells"]:
        first, last = day_number(period.first_day), day_number(period.last_day)
        start, end = col(spells, "spell_start"), col(spells, "spell_end")
        ended = end != MISSING_DAY
        assert (start <= last).all() and (end[ended] >= first).all() and (start[ended] <= end[ended]).all()
        assert (end[ended] <= last).all(), "an end after the month is not yet known"
        # A person draws one benefit at a time.
        person = col(spells, "person_id").astype(str)
        order = np.lexsort((start, person))
        p, s, e = person[order], start[order], np.where(ended, end, 10**9)[order]
        assert not ((p[1:] == p[:-1]) & (s[1:] <= e[:-1])).any()
        # A spell keeps its id and start from month to month.
        for sid, st in zip(col(spells, "spell_id"), start):
            assert seen.setdefault(sid, st) == st
    assert len(seen) > 1000


def test_spell_durations_support_the_key_figures():
    """Share of new spells lasting over a year, from two years of monthly spell files."""
    _, frames = run(751, 0.05, months=24)
    start, end, benefit = {}, {}, {}
    for _, spells in frames["benefit_spells"]:
        columns = (col(spells, c) for c in ("spell_id", "benefit", "spell_start", "spell_end"))
        for sid, b, s, e in zip(*columns):
            start[sid], benefit[sid] = s, b
            if e != MISSING_DAY:
                end[sid] = e
    first = day_number(START.first_day)
    over_a_year: dict[str, list[bool]] = defaultdict(list)
    for sid, s in start.items():
        if first <= s < first + 365:  # new in the first year: a year of follow-up is observed
            over_a_year[benefit[sid]].append(sid not in end or end[sid] - s >= 365)
    share = {b: np.mean(v) for b, v in over_a_year.items()}
    assert share["foertidspension"] > 0.8 and share["fleksjob"] > 0.6
    assert share["sygedagpenge"] < 0.15 and share["dagpenge"] < 0.3
    assert share["sygedagpenge"] < share["kontanthjaelp"] < share["foertidspension"]


def test_records_link_to_residents():
    _, frames = run(147, 0.05)
    ids = set()
    for _, t in frames["residents"] + frames["events"]:
        ids.update(col(t, "person_id"))
    for dataset in ("benefit_weeks", "benefit_spells", "offers"):
        for _, t in frames[dataset]:
            assert set(col(t, "person_id")) <= ids, dataset
            assert (col(t, "municipality") == 147).all()


def test_offers_lie_inside_benefit_spells():
    _, frames = run(101, 0.02)
    spells = pa.concat_tables([t for _, t in frames["benefit_spells"]])
    by_person = defaultdict(list)
    for pid, b, s, e in zip(*(col(spells, c) for c in ("person_id", "benefit", "spell_start", "spell_end"))):
        by_person[pid].append((b, s, 10**9 if e == MISSING_DAY else e))
    active_offers, recipients = 0, 0
    for (period, offers), (_, month_spells) in zip(frames["offers"], frames["benefit_spells"]):
        start, end = col(offers, "offer_start"), col(offers, "offer_end")
        assert (start <= end).all() and (start <= day_number(period.last_day)).all()
        assert (end >= day_number(period.first_day)).all()
        assert set(col(offers, "offer_type")) <= set(OFFERS_LONG)
        for pid, target, s in zip(col(offers, "person_id"), col(offers, "target_group"), start):
            if s >= day_number(START.first_day):
                assert any(b == target and bs <= s <= be for b, bs, be in by_person[pid]), pid
        mid = day_number(period.first_day) + 14
        active_offers += ((start <= mid) & (end >= mid)).sum()
        recipients += len(month_spells)
    assert 0.04 < active_offers / recipients < 0.3


def test_same_seed_same_tables_and_another_seed_differs():
    def tables(seed: int) -> dict[str, list[pa.Table]]:
        config = SynthConfig(scale=0.02, months=2, start=START, seed=seed, fault_rate=0.0)
        out = defaultdict(list)
        for _, frame in simulate_frames(config, 360, [CITIZENS, E.DOMAIN])[1]:
            out[frame.dataset].append(frame.table)
        return out

    a, b, c = tables(5), tables(5), tables(6)
    for dataset in ("benefit_weeks", "benefit_spells", "offers"):
        assert all(x.equals(y) for x, y in zip(a[dataset], b[dataset], strict=True)), dataset
    assert not a["benefit_spells"][0].equals(c["benefit_spells"][0])


def test_tiny_municipality_and_empty_tables_do_not_crash():
    ctx, frames = run(825, 0.002, 2)
    for dataset in ("benefit_weeks", "benefit_spells", "offers"):
        assert len(frames[dataset]) == 2
    empty = E.BenefitSpells(*(np.zeros(0, t) for t in (np.int64, np.int32, np.int32, np.int8, float)))
    first, last = day_number(START.first_day), day_number((START + 1).first_day)
    assert E.weeks_table(ctx, empty, first, last).num_rows == 0
    assert E.spells_table(ctx, empty, first, last).column_names == frames["benefit_spells"][0][1].column_names
    offers = E.simulate_offers(ctx, empty)
    assert E.offers_table(ctx, offers, first, last).column_names == frames["offers"][0][1].column_names


def test_iso_weeks_match_the_calendar():
    thursdays = E.thursdays(day_number(dt.date(2020, 12, 1)), day_number(dt.date(2027, 2, 1)))
    epoch = dt.date(1970, 1, 1).toordinal()
    expected = [int("%d%02d" % dt.date.fromordinal(epoch + int(d)).isocalendar()[:2]) for d in thursdays]
    assert E.iso_week(thursdays).tolist() == expected
    assert 202053 in expected and 202653 in expected


# --- workplaces and money --------------------------------------------------------------------------

def test_job_centres_and_costs():
    ctx, frames = run(751, 0.05)
    centres = [w for w in ctx.workplaces if w.kind == "jobcentre"]
    assert {w.function for w in centres} == {"6.45.53", "5.68.90"}
    assert all(w.id.startswith("7517") and len(w.id) == 7 for w in centres)
    staff = sum(sum(w.staff.values()) for w in centres)
    period, weeks = frames["benefit_weeks"][0]
    fte = weekly_fte(weeks, period)
    outside_pension = sum(v for k, v in fte.items() if k != "foertidspension")
    assert staff[0] == pytest.approx(outside_pension / 60, rel=0.1)
    costs = defaultdict(lambda: np.zeros(len(ctx.periods)))
    for c in ctx.costs:
        costs[(c.function, c.art, c.dranst)] += c.amounts
    transfers = costs[("5.57.78", "5.2", 1)]
    assert transfers[0] == pytest.approx(fte["dagpenge"] * 20_000, rel=0.1)
    for function in ("5.57.72", "5.57.73", "5.57.75", "5.57.78", "5.58.81", "5.58.82"):
        paid, refund = costs[(function, "5.2", 1)], costs[(function, "8.6", 2)]
        assert (paid > 0).all() and (refund < 0).all()
        assert (0.3 <= -refund / paid).all() and (-refund / paid <= 0.5).all()


# --- vendor files ------------------------------------------------------------------------------------

def _municipality_for(vendor_key: str) -> int:
    for m in sorted(reference.municipalities(), key=lambda m: m.population):
        if m.population > 40_000 and choose_vendor(E.DOMAIN, m.code, 1).key == vendor_key:
            return m.code
    raise AssertionError(vendor_key)


def _deliver(tmp_path, vendor_key: str):
    code = _municipality_for(vendor_key)
    config = SynthConfig(scale=0.05, months=2, start=START, seed=1, fault_rate=0.0)
    result = generate_municipality(config, code, tmp_path, domains=[CITIZENS, E.DOMAIN])
    files = {(f.dataset, f.period): tmp_path / f.path for f in result.files if f.domain == "employment"}
    return code, files


def test_fixed_width_vendor_files_parse(tmp_path):
    code, files = _deliver(tmp_path, "yru")
    vendor = E.DOMAIN.vendor("yru")
    assert {d for d, _ in files} == {"benefit_weeks", "offers"}, "no spell file from the weekly vendor"
    for (dataset, period), path in files.items():
        raw = path.read_bytes()
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
        spec = vendor.file_for(dataset)
        widths = [f.width for f in spec.fields]
        lines = raw.decode("cp1252").split("\r\n")[:-1]
        assert lines and all(len(line) == sum(widths) for line in lines)
        edges = np.cumsum([0] + widths)
        rows = [{f.name: line[a:b].strip() for f, a, b in zip(spec.fields, edges[:-1], edges[1:])}
                for line in lines]
        assert all(r["KOMKOD"] == f"{code:04d}" for r in rows)
        if dataset == "benefit_weeks":
            assert {r["YDELSE"] for r in rows} <= set(DREAM_CODES.values())
            degree = np.array([int(r["GRAD"]) for r in rows])
            assert ((degree >= 1) & (degree <= 100)).all() and (degree == 100).mean() > 0.8
            weeks = {int(r["AARUGE"]) for r in rows}
            assert all(dt.date.fromisocalendar(w // 100, w % 100, 4).month == int(period[5:]) for w in weeks)
            assert all(r["KOEN"] in "MK" and dt.datetime.strptime(r["FOEDDATO"], "%Y%m%d") for r in rows)
        else:
            assert {r["TILBUDSART"] for r in rows} <= set(OFFER_LETTERS.values())
            assert {r["TILBUDSTEKST"] for r in rows} <= set(OFFERS_LONG.values())
            assert all(r["STARTDATO"] <= r["SLUTDATO"] for r in rows)
    offers = b"".join(p.read_bytes() for (d, _), p in files.items() if d == "offers")
    assert "Løntilskud".encode("cp1252") in offers


def test_json_lines_vendor_files_parse(tmp_path):
    code, files = _deliver(tmp_path, "jcp")
    assert {d for d, _ in files} == {"benefit_spells", "offers"}, "no weekly file from the spell vendor"
    for (dataset, period), path in files.items():
        records = [json.loads(line) for line in io.StringIO(path.read_text(encoding="utf-8"))]
        assert records and all(r["kommunekode"] == code for r in records)
        last_day = Period.parse(period).last_day.isoformat()
        if dataset == "benefit_spells":
            assert set(records[0]) == {"forloebId", "personId", "foedselsdato", "koen", "kommunekode",
                                       "ydelse", "startdato", "slutdato"}
            assert {r["ydelse"] for r in records} <= set(SPELL_CODES.values())
            assert {r["koen"] for r in records} <= {"mand", "kvinde"}
            assert any(r["slutdato"] is None for r in records)
            assert all(r["slutdato"] is None or r["startdato"] <= r["slutdato"] <= last_day for r in records)
            assert all(r["startdato"] <= last_day for r in records)
        else:
            assert {r["tilbudstype"] for r in records} <= set(OFFER_WORDS.values())
            assert {r["maalgruppe"] for r in records} <= set(SPELL_CODES.values())
            dt.date.fromisoformat(records[0]["startdato"])


def test_vendors_document_their_fields():
    for vendor in E.VENDORS:
        assert 1 <= len(vendor.aliases) <= 2
        assert all(any(f.name == old for s in vendor.files for f in s.fields) for old in vendor.aliases)
        for spec in vendor.files:
            assert any(f.municipality for f in spec.fields)
            assert all(f.description for f in spec.fields if f.kind == "code" and f.source != "sex")
    datasets = {d.name: d for d in E.DATASETS}
    assert all(datasets[n].countable and datasets[n].id_column for n in datasets)
