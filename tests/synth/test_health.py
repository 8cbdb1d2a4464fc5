"""Synthetic health domain: volumes, rules, consistency, determinism, gradient and both vendors' files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import xml.etree.ElementTree as ET
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pytest

from flis import reference
from flis.periods import Period, day_number
from flis.synth.config import SynthConfig
from flis.synth.domains import CITIZENS
from flis.synth.domains.health import DATASETS, DOMAIN, GROUPS
from flis.synth.formats.cells import MISSING_DAY
from flis.synth.people import DIED
from flis.synth.runner import generate_municipality, simulate_frames
from flis.synth.vendors.health import (CARETRACK, DIAGNOSIS_NUMBERS, DIAGNOSIS_WORDS, OMSORGSDATA,
                                       REGION_LETTERS)
from flis.synth.writer import choose_vendor

START = Period(2024, 1)
SAMPLE = (101, 751, 360, 230, 851, 147, 561)  # big cities, deprived and affluent, rural and suburban
ADMISSION_COLUMNS = ["admission_id", "person_id", "birth_date", "sex", "home_municipality", "admission_date",
                     "discharge_date", "diagnosis_group", "preventable", "hospital_region", "co_financing"]
PLAN_COLUMNS = ["plan_id", "person_id", "birth_date", "sex", "home_municipality", "issued_date", "start_date",
                "end_date", "plan_type", "admission_id"]


@lru_cache(maxsize=None)
def run(code: int, scale: float = 0.05, months: int = 12):
    return simulate_frames(SynthConfig(scale=scale, months=months, start=START), code, [CITIZENS, DOMAIN])


def table(code: int, dataset: str, scale: float = 0.05) -> pa.Table:
    _, frames = run(code, scale)
    return pa.concat_tables([f.table for _, f in frames if f.dataset == dataset])


def col(t: pa.Table, name: str) -> np.ndarray:
    return t.column(name).to_numpy(zero_copy_only=False)


def person_index(ctx, ids: np.ndarray) -> np.ndarray:
    """Row in the civil register of each person id (fails if an id is not a resident's)."""
    register = ctx.people.ids().to_numpy(zero_copy_only=False).astype(str)
    order = np.argsort(register)
    pos = order[np.searchsorted(register, ids.astype(str), sorter=order).clip(0, len(order) - 1)]
    assert (register[pos] == ids.astype(str)).all(), "person id not in the civil register"
    return pos


def stays_of(adm: pa.Table) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Person id, admission day and discharge day of each admission."""
    return (col(adm, "person_id"), col(adm, "admission_date").astype(int),
            col(adm, "discharge_date").astype(int))


def age_years(birth: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Completed years by the calendar (plain Python dates, independent of the generator's arithmetic)."""
    epoch = dt.date(1970, 1, 1)
    out = []
    for b_days, d_days in zip(birth.tolist(), day.tolist()):
        b, d = epoch + dt.timedelta(days=b_days), epoch + dt.timedelta(days=d_days)
        out.append(d.year - b.year - ((d.month, d.day) < (b.month, b.day)))
    return np.array(out)


def mean_residents(ctx, min_age: int = 0) -> float:
    p = ctx.people
    days = [int(d) for d in ctx.period_starts[:-1]]
    return float(np.mean([(p.resident(d) & (p.age(d) >= min_age)).sum() for d in days]))


def totals(codes=SAMPLE, scale: float = 0.05) -> dict[str, float]:
    out = dict(pop=0.0, old=0.0, admissions=0, preventable=0, plans=0)
    for code in codes:
        ctx, _ = run(code, scale)
        adm, plans = table(code, "admissions", scale), table(code, "rehabilitation_plans", scale)
        out["pop"] += mean_residents(ctx)
        out["old"] += mean_residents(ctx, 65)
        out["admissions"] += adm.num_rows
        out["preventable"] += int(col(adm, "preventable").sum())
        out["plans"] += plans.num_rows
    return out


# --- volumes ---------------------------------------------------------------------------------------

def test_volumes_per_capita_near_national_targets():
    t = totals()
    assert 200 <= t["admissions"] / t["old"] * 1000 <= 300  # ~250 acute admissions per 1,000 65+ a year
    assert 42 <= t["preventable"] / t["old"] * 1000 <= 70  # ~55 preventable per 1,000 65+
    assert 9 <= t["plans"] / t["pop"] * 1000 <= 18  # ~80,000 plans / 6 million residents = 13 per 1,000


def test_length_of_stay_and_readmissions():
    stays, readmitted, index = [], 0, 0
    dec1 = day_number(Period(2024, 12).first_day)
    for code in SAMPLE:
        ctx, _ = run(code)
        adm = table(code, "admissions")
        pid, a, d = stays_of(adm)
        stays.append(d - a)
        who = person_index(ctx, pid)
        died = (ctx.people.leave_kind[who] == DIED) & (ctx.people.leave[who] == d)
        order = np.lexsort((a, pid))
        same = np.r_[pid[order][1:] == pid[order][:-1], False]
        back = np.zeros(len(pid), bool)
        back[order] = same & (np.r_[a[order][1:], 0] - d[order] <= 30)
        alive_before_december = ~died & (d < dec1)  # the 30 days after discharge lie inside the horizon
        index += alive_before_december.sum()
        readmitted += back[alive_before_december].sum()
    assert 3.4 <= np.concatenate(stays).mean() <= 4.6  # mean length of stay ~4 days
    assert 0.11 <= readmitted / index <= 0.20  # ~15% readmitted within 30 days


def test_readmissions_cluster_after_discharge():
    """Self-excitation: a new admission is much likelier in the 30 days after a discharge than later."""
    soon = later = 0
    for code in SAMPLE:
        adm = table(code, "admissions")
        pid, a, d = stays_of(adm)
        order = np.lexsort((a, pid))
        same = pid[order][1:] == pid[order][:-1]
        gap = (a[order][1:] - d[order][:-1])[same]
        soon += ((gap >= 0) & (gap <= 30)).sum()
        later += ((gap > 30) & (gap <= 60)).sum()
    assert soon > 2 * later


def test_pneumonia_peaks_in_winter():
    winter = summer = 0
    for code in SAMPLE:
        adm = table(code, "admissions")
        month = col(adm, "admission_date").astype("datetime64[D]").astype("datetime64[M]").astype(int)
        month = month % 12 + 1
        pneu = col(adm, "diagnosis_group") == "pneumonia"
        winter += (pneu & np.isin(month, [12, 1, 2])).sum()
        summer += (pneu & np.isin(month, [6, 7, 8])).sum()
    assert winter > 1.4 * summer


# --- rules --------------------------------------------------------------------------------------------

def test_age_sex_and_diagnosis_rules():
    adm = pa.concat_tables([table(c, "admissions") for c in SAMPLE])
    age = age_years(col(adm, "birth_date"), col(adm, "admission_date"))
    group = col(adm, "diagnosis_group")
    sex = col(adm, "sex")
    assert (age >= 65).all()
    assert set(group) <= set(GROUPS)
    assert (col(adm, "preventable") == (group != "other")).all()
    assert set(sex) <= {1, 2}
    # Women break bones more often than men.
    fracture = group == "fracture"
    assert fracture[sex == 2].mean() > 1.5 * fracture[sex == 1].mean()
    # Preventable admissions are a growing share with age.
    prev = col(adm, "preventable")
    assert prev[age >= 85].mean() > 1.4 * prev[age < 75].mean()


def test_admissions_consistent_with_register_and_period():
    for code in (101, 360):
        ctx, frames = run(code)
        people = ctx.people
        seen = set()
        for _, f in frames:
            if f.dataset != "admissions":
                continue
            t = f.table
            assert t.column_names == ADMISSION_COLUMNS
            a, d = col(t, "admission_date").astype(int), col(t, "discharge_date").astype(int)
            assert (a <= d).all()
            first, nxt = day_number(f.period.first_day), day_number((f.period + 1).first_day)
            assert ((d >= first) & (d < nxt)).all()  # discharged in the month it is reported
            who = person_index(ctx, col(t, "person_id"))
            assert ((people.arrive[who] <= a) & (people.leave[who] > a)).all()  # resident when admitted
            assert (d <= people.leave[who]).all()  # nobody is discharged after death or moving away
            assert (col(t, "birth_date") == people.birth[who]).all()
            assert (col(t, "sex") == people.sex[who]).all()
            assert (col(t, "home_municipality") == code).all()
            assert (col(t, "hospital_region") == reference.municipality(code).region_code).all()
            amount = col(t, "co_financing")
            assert ((amount > 0) & (amount <= 31_029)).all()
            ids = set(col(t, "admission_id"))
            assert len(ids) == t.num_rows and not ids & seen
            seen |= ids


def test_no_overlapping_stays():
    adm = table(101, "admissions")
    pid, a, d = stays_of(adm)
    order = np.lexsort((a, pid))
    same = pid[order][1:] == pid[order][:-1]
    assert (a[order][1:][same] > d[order][:-1][same]).all()


def test_plans_consistent_and_linked_to_admissions():
    ctx, frames = run(101)
    adm = table(101, "admissions")
    discharge = dict(zip(col(adm, "admission_id"), col(adm, "discharge_date")))
    owner = dict(zip(col(adm, "admission_id"), col(adm, "person_id")))
    for _, f in frames:
        if f.dataset != "rehabilitation_plans":
            continue
        t = f.table
        assert t.column_names == PLAN_COLUMNS
        issued, start, end = (col(t, c).astype(np.int64) for c in ("issued_date", "start_date", "end_date"))
        first, nxt = day_number(f.period.first_day), day_number((f.period + 1).first_day)
        assert ((issued >= first) & (issued < nxt)).all()
        started = start != MISSING_DAY
        assert (started == (end != MISSING_DAY)).all()
        assert ((start[started] >= issued[started]) & (end[started] >= start[started])).all()
        assert set(col(t, "plan_type")) <= {"general", "specialised"}
        link = col(t, "admission_id")
        for i in np.flatnonzero(t.column("admission_id").is_valid().to_numpy(zero_copy_only=False)):
            assert discharge[link[i]] == issued[i]  # the plan is issued on the discharge day
            assert owner[link[i]] == col(t, "person_id")[i]
        who = person_index(ctx, col(t, "person_id"))
        assert ((ctx.people.arrive[who] <= issued) & (ctx.people.leave[who] > issued)).all()


def test_most_plans_start_within_seven_days():
    plans = pa.concat_tables([table(c, "rehabilitation_plans") for c in SAMPLE])
    start, issued = col(plans, "start_date").astype(np.int64), col(plans, "issued_date").astype(np.int64)
    started = start != MISSING_DAY
    assert 0.6 <= ((start - issued)[started] <= 7).mean() <= 0.92
    assert 0.9 <= started.mean() < 1
    assert 0.03 <= (col(plans, "plan_type") == "specialised").mean() <= 0.12


# --- determinism, gradient, tiny municipalities --------------------------------------------------------

def test_deterministic():
    config = SynthConfig(scale=0.02, months=3, start=START)
    _, first = simulate_frames(config, 360, [CITIZENS, DOMAIN])
    _, second = simulate_frames(config, 360, [CITIZENS, DOMAIN])
    for (_, a), (_, b) in zip(first, second):
        assert a.dataset == b.dataset and a.table.equals(b.table)


def test_deprived_municipalities_have_more_preventable_admissions():
    deprived, affluent = totals((360, 183), 0.3), totals((230, 157), 0.3)
    assert deprived["preventable"] / deprived["old"] > 1.2 * affluent["preventable"] / affluent["old"]


def test_tiny_municipality_yields_every_frame_with_columns():
    ctx, frames = simulate_frames(SynthConfig(scale=0.01, months=3, start=START), 825, [CITIZENS, DOMAIN])
    health = [f for d, f in frames if d is DOMAIN]
    assert [f.dataset for f in health] == [d.name for d in DATASETS] * 3
    for f in health:
        assert f.table.column_names == (ADMISSION_COLUMNS if f.dataset == "admissions" else PLAN_COLUMNS)


# --- workplaces and costs --------------------------------------------------------------------------------

def test_workplaces_and_costs():
    ctx, frames = run(751)
    co_fin = np.array([f.table.column("co_financing").to_numpy().sum() for _, f in frames
                       if f.dataset == "admissions"])
    lines = [c for c in ctx.costs if c.function == "4.62.81"]
    assert len(lines) == 1 and lines[0].art == "4.0"
    assert np.allclose(lines[0].amounts, co_fin)
    units = [w for w in ctx.workplaces if w.function.startswith("4.62.")]
    assert {w.kind for w in units} == {"rehabilitation_centre", "home_nursing", "health_service"}
    assert all(w.id.startswith("751") and 6000 <= int(w.id[3:]) < 7000 for w in units)
    nurses = sum(w.staff["nurse"] for w in units if w.kind == "home_nursing")
    assert np.allclose(nurses, mean_residents(ctx, 65) / 600, rtol=0.05)
    assert {c.function for c in ctx.costs} >= {"4.62.81", "4.62.82", "4.62.86", "4.62.90"}


# --- vendor files ---------------------------------------------------------------------------------------

def municipality_with(vendor_key: str, seed: int) -> int:
    return next(m.code for m in reference.municipalities()
                if choose_vendor(DOMAIN, m.code, seed).key == vendor_key)


@pytest.fixture(scope="module")
def delivered(tmp_path_factory):
    config = SynthConfig(scale=0.03, months=2, start=START, fault_rate=0)
    out = tmp_path_factory.mktemp("health")
    files = {}
    for vendor in (OMSORGSDATA, CARETRACK):
        code = municipality_with(vendor.key, config.seed)
        result = generate_municipality(config, code, out, domains=[CITIZENS, DOMAIN])
        _, frames = simulate_frames(config, code, [CITIZENS, DOMAIN])
        truth = {(f.dataset, str(f.period)): f.table for d, f in frames if d is DOMAIN}
        files[vendor.key] = (code, [(out / e.path, truth[(e.dataset, e.period)]) for e in result.files
                                    if e.domain == "health"])
    return files


def test_csv_vendor_parses_with_csv_module(delivered):
    code, files = delivered["omsorgsdata"]
    assert len(files) == 4
    for path, truth in files:
        raw = path.read_bytes()
        assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF line ends
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline=""), delimiter=";"))
        assert len(rows) == truth.num_rows
        spec = OMSORGSDATA.file_for("admissions" if "indlaeggelser" in path.name else "rehabilitation_plans")
        with path.open(encoding="utf-8", newline="") as fh:
            assert next(csv.reader(fh, delimiter=";")) == [f.name for f in spec.fields]
        if spec.dataset == "admissions":
            assert {r["diagnosegruppe"] for r in rows} <= set(DIAGNOSIS_WORDS.values())
            assert {r["forebyggelig"] for r in rows} <= {"J", "N"}
            amounts = [float(r["medfinansiering_kr"].replace(",", ".")) for r in rows]
            expected = float(truth.column("co_financing").to_numpy().sum())
            assert sum(amounts) == pytest.approx(expected, abs=0.05)
            assert all(r["indlagt_dato"][4] == "-" and r["bopaelskommune"] == str(code) for r in rows)
        else:
            assert {r["plantype"] for r in rows} <= {"ALM", "SPEC"}


def test_xml_vendor_parses_with_elementtree(delivered):
    code, files = delivered["caretrack"]
    assert len(files) == 4
    for path, truth in files:
        root = ET.parse(path).getroot()
        month = path.stem.split("_")[-1]
        assert root.get("kommunekode") == str(code) and root.get("periode") == f"{month[:4]}-{month[4:]}"
        records = list(root)
        assert len(records) == truth.num_rows
        if root.tag == "Indlaeggelser":
            assert all(r.tag == "Indlaeggelse" for r in records)
            assert {r.findtext("DiagnoseGruppe") for r in records} <= set(DIAGNOSIS_NUMBERS.values())
            region = REGION_LETTERS[reference.municipality(code).region_code]
            assert {r.findtext("Region") for r in records} <= {region}
            assert all(r.findtext("Indlagt").endswith("T00:00:00") for r in records)
            total = sum(float(r.findtext("Medfinansiering")) for r in records)
            assert total == pytest.approx(float(truth.column("co_financing").to_numpy().sum()), abs=0.05)
        else:
            assert root.tag == "Genoptraeningsplaner"
            assert {r.findtext("Type") for r in records} <= {"almen", "specialiseret"}
            linked = truth.column("admission_id").is_valid().to_numpy(zero_copy_only=False)
            assert [r.find("IndlaeggelsesNr") is not None for r in records] == linked.tolist()
