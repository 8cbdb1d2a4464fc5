"""Vulnerable children and youth: volumes, rules, consistency, gradient, books and both vendors' files."""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as ET
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pytest

from flis.periods import Period
from flis.synth.config import SynthConfig
from flis.synth.domains import CITIZENS
from flis.synth.domains.children import DOMAIN
from flis.synth.formats.cells import MISSING_DAY
from flis.synth.runner import generate_municipality, simulate_frames
from flis.synth.vendors.children import (BARNSYS, FIXED_BASES, FIXED_PROVIDERS, FIXED_SOURCES, FIXED_TYPES,
                                         LEGAL_BASES, MEASURE_TYPES, PLACEMENT_TYPES, PREVENTIVE_BASIS,
                                         PREVENTIVE_TYPES, PROVIDERS, SAGSBARN, SOURCES, XML_BASES,
                                         XML_TYPES)

START = Period(2024, 1)
AVERAGE = (751, 147, 173, 615, 561, 621)
"""Aarhus, Frederiksberg, Lyngby-Taarbæk, Horsens, Esbjerg, Kolding: together about as deprived as the
country (mean exp(0.5 x social index) 1.17 against 1.19 nationally), so their pooled rates should be near
the national targets."""
DEPRIVED, AFFLUENT = (360, 183), (230, 157)  # Lolland + Ishøj, Rudersdal + Gentofte
PLACEMENTS = {"bl46", "bl47"}


@lru_cache(maxsize=None)
def run(code: int, scale: float, months: int, seed: int = 1):
    config = SynthConfig(scale=scale, months=months, start=START, seed=seed)
    ctx, frames = simulate_frames(config, code, [CITIZENS, DOMAIN])
    tables: dict[str, list[pa.Table]] = {}
    for _, frame in frames:
        tables.setdefault(frame.dataset, []).append(frame.table)
    return ctx, tables


def col(table: pa.Table, name: str) -> np.ndarray:
    return np.asarray(table.column(name).to_pylist())


def day(d: dt.date) -> int:
    return (d - dt.date(1970, 1, 1)).days


def age_on(birth: np.ndarray, on: np.ndarray) -> np.ndarray:
    """Completed years by the calendar, with plain Python dates (independent of the generator)."""
    epoch = dt.date(1970, 1, 1)
    out = []
    for b, d in zip(birth.tolist(), np.broadcast_to(on, birth.shape).tolist()):
        b, d = epoch + dt.timedelta(days=b), epoch + dt.timedelta(days=d)
        out.append(d.year - b.year - ((d.month, d.day) < (b.month, b.day)))
    return np.array(out, dtype=int)


def active_on(measures: pa.Table, first: int) -> np.ndarray:
    end = col(measures, "end_date")
    return (col(measures, "start_date") <= first) & ((end == MISSING_DAY) | (end >= first))


def rates(codes, scale: float, months: int) -> dict[str, float]:
    """Pooled rates per 1,000 over ``codes``: stock on the first day of each month, events per year."""
    total = dict.fromkeys(("kids", "youth", "placed", "family", "preventive", "aftercare", "notifications",
                           "investigations"), 0.0)
    for code in codes:
        ctx, t = run(code, scale, months)
        for m, (residents, measures) in enumerate(zip(t["residents"], t["measures"])):
            first = int(ctx.period_starts[m])
            age = age_on(col(residents, "birth_date"), first)
            total["kids"] += (age < 18).sum() / months
            total["youth"] += ((age >= 18) & (age <= 22)).sum() / months
            on = active_on(measures, first)
            basis, child = col(measures, "legal_basis"), col(measures, "child_id")
            kind = col(measures, "measure_type")
            placed = on & np.isin(basis, list(PLACEMENTS))
            total["placed"] += len(set(child[placed])) / months
            total["family"] += len(set(child[placed & np.isin(kind, ["foster_family",
                                                                     "kinship_foster_family"])])) / months
            supported = on & np.isin(basis, list(PREVENTIVE_BASIS.values()))
            total["preventive"] += len(set(child[supported])) / months
            total["aftercare"] += len(set(child[on & (basis == "bl114")])) / months
        total["notifications"] += sum(x.num_rows for x in t["notifications"]) * 12 / months
        inv = pa.concat_tables(t["investigations"])
        started = set(col(inv, "investigation_id")[col(inv, "start_date") >= int(ctx.period_starts[0])])
        total["investigations"] += len(started) * 12 / months
    kids, youth = total.pop("kids"), total.pop("youth")
    out = {k: v / kids * 1000 for k, v in total.items()}
    out["aftercare"] = total["aftercare"] / youth * 1000
    out["family_share"] = total["family"] / max(total["placed"], 1)
    return out


# --- volumes and gradient --------------------------------------------------------------------------------

def test_volumes_near_national_targets():
    r = rates(AVERAGE, 0.1, 3)
    assert 6.5 < r["placed"] < 13.5          # 11,000 / 1.16 million 0-17-year-olds = 9.5 per 1,000
    assert 0.4 < r["family_share"] < 0.7     # about half of placed children live with a family
    assert 17 < r["preventive"] < 36         # 30,000 = 26 per 1,000
    assert 80 < r["notifications"] < 170     # 140,000 a year = 120 per 1,000
    assert 18 < r["investigations"] < 45     # 35,000 a year = 30 per 1,000
    assert 4 < r["aftercare"] < 15           # 3,000 of ~350,000 18-22-year-olds = 8.6 per 1,000


def test_deprived_municipalities_have_higher_rates():
    deprived, affluent = rates(DEPRIVED, 0.3, 2), rates(AFFLUENT, 0.3, 2)
    for key in ("placed", "preventive", "notifications", "investigations"):
        assert deprived[key] > 2 * affluent[key], key


def test_volumes_scale_linearly():
    small, large = run(621, 0.05, 1)[1], run(621, 0.2, 1)[1]
    ratio = large["measures"][0].num_rows / max(small["measures"][0].num_rows, 1)
    assert 2.5 < ratio < 6


# --- rules and consistency ---------------------------------------------------------------------------------

def test_types_legal_bases_and_ages_follow_the_rules():
    ctx, t = run(101, 0.05, 3)
    for m, measures in enumerate(t["measures"]):
        first, nxt = int(ctx.period_starts[m]), int(ctx.period_starts[m + 1])
        kind, basis = col(measures, "measure_type"), col(measures, "legal_basis")
        birth, start = col(measures, "birth_date"), col(measures, "start_date")
        end = col(measures, "end_date")
        last = np.where(end == MISSING_DAY, nxt - 1, end)
        assert set(kind) <= set(MEASURE_TYPES) and set(basis) <= set(LEGAL_BASES)
        child = basis != "bl114"
        # Measures for children end before the 18th birthday; after-care is for 18-22-year-olds.
        assert (age_on(birth[child], np.maximum(start[child], first)) < 18).all()
        assert (age_on(birth[child], np.minimum(last[child], nxt - 1)) < 18).all()
        assert (age_on(birth[~child], np.maximum(start[~child], first)) >= 18).all()
        assert (age_on(birth[~child], np.minimum(last[~child], nxt - 1)) <= 22).all()
        assert set(kind[~child]) <= {"foster_family", "own_room", "contact_person"}
        placed = np.isin(kind, list(PLACEMENT_TYPES)) & child
        assert set(basis[placed]) <= PLACEMENTS
        assert (basis[kind == "secure_institution"] == "bl47").all()
        for k, b in PREVENTIVE_BASIS.items():
            assert (basis[(kind == k) & child] == b).all()
        assert set(col(measures, "sex")) <= {1, 2}
        assert set(col(measures, "provider_type")) <= set(PROVIDERS)
        assert (basis[np.isin(kind, list(PREVENTIVE_TYPES))] != "bl46").all()


def test_records_are_consistent_and_link_to_residents():
    ctx, t = run(360, 0.1, 3)
    known = set()
    for residents in t["residents"]:
        known |= set(col(residents, "person_id"))
    for events in t["events"]:
        known |= set(col(events, "person_id"))
    for m, (measures, notes, inv) in enumerate(zip(t["measures"], t["notifications"], t["investigations"])):
        first, nxt = int(ctx.period_starts[m]), int(ctx.period_starts[m + 1])
        start, end = col(measures, "start_date"), col(measures, "end_date")
        assert (start < nxt).all()                                    # started by the end of the month
        assert ((end == MISSING_DAY) | ((end >= first) & (end < nxt) & (end >= start))).all()
        assert len(set(col(measures, "measure_id"))) == measures.num_rows
        assert set(col(measures, "child_id")) <= known
        assert (col(measures, "acting_municipality") == 360).all()
        other = (col(measures, "paying_municipality") != 360).mean()
        assert 0 <= other < 0.12
        cost = col(measures, "monthly_cost")
        assert (cost > 0).all() and (cost < 1_000_000).all()
        assert ((col(notes, "notification_date") >= first) & (col(notes, "notification_date") < nxt)).all()
        assert set(col(notes, "source")) <= set(SOURCES) and set(col(notes, "child_id")) <= known
        s, c = col(inv, "start_date"), col(inv, "completion_date")
        assert (s < nxt).all() and ((c == MISSING_DAY) | ((c >= first) & (c < nxt) & (c >= s))).all()
        assert set(col(inv, "child_id")) <= known
    # Measure ids are stable: an ongoing measure keeps its id and its start date from month to month.
    a, b = t["measures"][0], t["measures"][1]
    ongoing = dict(zip(col(a, "measure_id")[col(a, "end_date") == MISSING_DAY],
                       col(a, "start_date")[col(a, "end_date") == MISSING_DAY]))
    later = dict(zip(col(b, "measure_id"), col(b, "start_date")))
    assert all(later[k] == v for k, v in ongoing.items() if k in later)
    assert len(set(ongoing) & set(later)) > 0.9 * len(ongoing)


def test_investigations_mostly_finish_within_four_months():
    ctx, t = run(751, 0.05, 12)
    inv = pa.concat_tables(t["investigations"])
    done = col(inv, "completion_date") != MISSING_DAY
    days = col(inv, "completion_date")[done] - col(inv, "start_date")[done]
    assert 0.55 < (days <= 122).mean() < 0.92
    assert 60 < np.median(days) < 130


def test_notifications_come_from_plausible_sources():
    ctx, t = run(751, 0.05, 12)
    notes = pa.concat_tables(t["notifications"])
    age = age_on(col(notes, "birth_date"), col(notes, "notification_date"))
    source = col(notes, "source")
    assert (age >= 0).all() and (age < 18).all()
    assert not ((source == "daycare") & (age >= 6)).any()
    assert not ((source == "school") & (age < 6)).any()
    july = sum(x.num_rows for x in t["notifications"][6:7])
    assert july < np.mean([x.num_rows for x in t["notifications"]])  # summer holidays


def test_same_seed_gives_same_tables():
    a = simulate_frames(SynthConfig(scale=0.02, months=2, start=START, seed=7), 183, [CITIZENS, DOMAIN])[1]
    b = simulate_frames(SynthConfig(scale=0.02, months=2, start=START, seed=7), 183, [CITIZENS, DOMAIN])[1]
    c = simulate_frames(SynthConfig(scale=0.02, months=2, start=START, seed=8), 183, [CITIZENS, DOMAIN])[1]
    child = [(fa.table, fb.table) for (d, fa), (_, fb) in zip(a, b) if d.name == "children"]
    assert child and all(x.equals(y) for x, y in child)
    other = [fc.table for d, fc in c if d.name == "children"]
    assert not all(x.equals(y) for (x, _), y in zip(child, other))


def test_tiny_municipality_gives_empty_tables_with_columns():
    ctx, t = run(825, 0.01, 2)  # Læsø at 1 %: about 17 residents
    for name in ("measures", "notifications", "investigations"):
        assert len(t[name]) == 2
        assert t[name][0].num_rows >= 0 and t[name][0].num_columns >= 5


# --- workplaces and money --------------------------------------------------------------------------------

def test_workplaces_and_costs():
    ctx, t = run(101, 0.1, 2)
    places = {w.kind: w for w in ctx.workplaces if w.id[3:4] == "3"}
    assert {"family_department", "family_centre", "residential_institution"} <= set(places)
    assert all(w.id.startswith("101") and 3000 <= int(w.id[3:]) < 4000 for w in places.values())
    dept = places["family_department"]
    children = [len(set(col(m, "child_id"))) for m in t["measures"]]  # with a measure during the month
    assert np.allclose(dept.staff["social_worker"], np.array(children) / 20)
    assert places["residential_institution"].function == "5.28.23"
    lines = {(c.function, c.art, c.dranst, c.cost_centre): c.amounts for c in ctx.costs}
    assert {f for f, *_ in lines} <= {"5.28.20", "5.28.21", "5.28.22", "5.28.23"}
    # Opholdssteder and own rooms are always bought: the ledger's payments from other municipalities on
    # 5.28.22 are exactly the costs of such measures another municipality pays for.
    for m, measures in enumerate(t["measures"]):
        kind, cost = col(measures, "measure_type"), col(measures, "monthly_cost")
        other = col(measures, "paying_municipality") != 101
        mine = np.isin(kind, ["private_residential_home", "own_room"])
        received = lines.get(("5.28.22", "7.7", 1, dept.id), np.zeros(2))[m]
        assert received == pytest.approx(-cost[mine & other].sum(), abs=0.05)
        assert lines[("5.28.22", "4.0", 1, dept.id)][m] >= cost[mine].sum() - 0.05
    refunds = [a for (f, art, dranst, _), a in lines.items() if art == "8.6"]
    assert refunds and all(dranst == 2 for (_, art, dranst, _) in lines if art == "8.6")
    assert all((a <= 0).all() for a in refunds)


# --- vendor files -------------------------------------------------------------------------------------------

def deliver(vendor, tmp_path, code=360, scale=0.1, months=2):
    config = SynthConfig(scale=scale, months=months, start=START, fault_rate=0)
    domain = dataclasses.replace(DOMAIN, vendors=(vendor,))
    result = generate_municipality(config, code, tmp_path, domains=[CITIZENS, domain])
    return {(f.dataset, f.period): tmp_path / f.path for f in result.files if f.domain == "children"}


def test_xml_vendor_parses_with_elementtree(tmp_path):
    files = deliver(SAGSBARN, tmp_path)
    _, t = run(360, 0.1, 2)
    root = ET.parse(files[("measures", "2024-01")]).getroot()
    assert root.tag == "Foranstaltninger"
    assert root.get("kommunekode") == "360" and root.get("periode") == "2024-01"
    records = root.findall("Foranstaltning")
    assert len(records) == t["measures"][0].num_rows > 0
    assert {r.findtext("Foranstaltningstype") for r in records} <= set(XML_TYPES.values())
    assert {r.findtext("Hjemmel") for r in records} <= set(XML_BASES.values())
    for r in records:
        dt.date.fromisoformat(r.findtext("Startdato"))
        assert r.find("Slutdato") is None or dt.date.fromisoformat(r.findtext("Slutdato"))
    total = sum(float(r.findtext("Udgift")) for r in records)
    assert total == pytest.approx(col(t["measures"][0], "monthly_cost").sum(), abs=0.5)
    inv = ET.parse(files[("investigations", "2024-02")]).getroot().findall("Undersoegelse")
    assert len(inv) == t["investigations"][1].num_rows
    assert any(r.find("Afslutningsdato") is None for r in inv)
    notes = ET.parse(files[("notifications", "2024-02")]).getroot()
    assert len(notes) == t["notifications"][1].num_rows


MEASURE_LAYOUT = [("FORANST_ID", 10), ("BARN_ID", 10), ("FOEDDATO", 8), ("KOEN", 1), ("FORANST_KODE", 2),
                  ("HJEMMEL", 6), ("STARTDATO", 8), ("SLUTDATO", 8), ("HANDLEKOM", 3), ("BETALKOM", 3),
                  ("LEVTYPE", 1), ("UDGIFT", 11)]


def slice_records(data: bytes, layout) -> list[dict[str, str]]:
    text = data.decode("cp1252")
    lines = text.split("\r\n")
    assert lines[-1] == ""
    width = sum(w for _, w in layout)
    rows = []
    for line in lines[:-1]:
        assert len(line) == width
        pos, row = 0, {}
        for name, w in layout:
            row[name], pos = line[pos:pos + w], pos + w
        rows.append(row)
    return rows


def test_fixed_width_vendor_parses_by_slicing(tmp_path):
    files = deliver(BARNSYS, tmp_path)
    _, t = run(360, 0.1, 2)
    rows = slice_records(files[("measures", "2024-01")].read_bytes(), MEASURE_LAYOUT)
    assert len(rows) == t["measures"][0].num_rows > 0
    assert {r["FORANST_KODE"] for r in rows} <= set(FIXED_TYPES.values())
    assert {r["HJEMMEL"] for r in rows} <= set(FIXED_BASES.values())
    assert {r["LEVTYPE"] for r in rows} <= set(FIXED_PROVIDERS.values())
    assert {r["HANDLEKOM"] for r in rows} == {"360"}
    for r in rows:
        dt.datetime.strptime(r["FOEDDATO"], "%Y%m%d")
        assert r["SLUTDATO"] == " " * 8 or dt.datetime.strptime(r["SLUTDATO"], "%Y%m%d")
    oere = np.array([int(r["UDGIFT"]) for r in rows])  # two implied decimals
    assert np.allclose(oere / 100, col(t["measures"][0], "monthly_cost"))
    inv = slice_records(files[("investigations", "2024-02")].read_bytes(),
                        [("UNDERS_ID", 10), ("BARN_ID", 10), ("FOEDDATO", 8), ("STARTDATO", 8),
                         ("AFSLDATO", 8)])
    assert len(inv) == t["investigations"][1].num_rows
    assert any(r["AFSLDATO"].strip() == "" for r in inv)
    notes = slice_records(files[("notifications", "2024-02")].read_bytes(),
                          [("UNDERRET_ID", 10), ("BARN_ID", 10), ("FOEDDATO", 8), ("MODTDATO", 8),
                           ("KILDE", 2)])
    assert len(notes) == t["notifications"][1].num_rows
    assert {r["KILDE"] for r in notes} <= set(FIXED_SOURCES.values())
