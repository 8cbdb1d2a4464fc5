"""The generator: realistic volumes, declared formats, determinism."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from flis import reference
from flis.periods import Period
from flis.synth.config import SynthConfig
from flis.synth.domains import DOMAINS
from flis.synth.runner import generate, read_manifest
from support.readers import parse, vendor_and_spec

MUNICIPALITY_CODES = {m.code for m in reference.municipalities()}


def _digest(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("scale", [0.002, 0.01])
def test_volumes_track_the_real_population(tmp_path, scale):
    """Per-municipality volumes track the real population at any scale.

    Residents are the real population times the scale (correlation above 0.999, total within 1 %),
    and so are all person records together (correlation above 0.99). Each service on its own
    follows the population it serves — the old for home help, the deprived for placements — so
    each countable dataset with at least 1,000 records must correlate above 0.9 with the
    population or with the residents aged 65+; below 1,000 records counting noise decides.
    """
    result = generate(SynthConfig(scale=scale, months=1, fault_rate=0.0), tmp_path, workers=2)
    counts: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for f in result.files:
        dataset = next(d for d in DOMAINS if d.name == f.domain).dataset(f.dataset)
        if dataset.countable:
            counts[(f.domain, f.dataset)][f.municipality] += f.records
    # All person records of the datasets every municipality delivers in the same shape.
    persons: dict[int, int] = defaultdict(int)
    for per_muni in counts.values():
        if len(per_muni) == 98:
            for code, n in per_muni.items():
                persons[code] += n
    population = {m.code: reference.population(m.code, Period(2024, 1)) for m in reference.municipalities()}
    aged_65 = {m.code: sum(reference.elderly_by_age(m.code).values()) for m in reference.municipalities()}

    def correlation(per_muni: dict[int, int], base: dict[int, int]) -> float:
        # Over the municipalities whose vendor delivers the dataset (vendors may deliver different shapes).
        return float(np.corrcoef(np.array([(base[c], n) for c, n in per_muni.items()], dtype=float).T)[0, 1])

    residents = counts[("citizens", "residents")]
    assert len(residents) == 98 and correlation(residents, population) > 0.999
    assert sum(residents.values()) == pytest.approx(sum(population.values()) * scale, rel=0.01)
    assert correlation(persons, population) > 0.99
    checked = [k for k, v in counts.items() if sum(v.values()) >= 1000]
    assert len(checked) >= 2
    for key in checked:
        r = max(correlation(counts[key], population), correlation(counts[key], aged_65))
        assert r > 0.9, f"{key}: correlation {r:.3f} at scale {scale}"


def test_same_seed_gives_the_same_bytes_whatever_the_number_of_workers(tmp_path):
    config = SynthConfig(scale=0.005, months=2, seed=3, municipalities=(147, 825, 360), fault_rate=0.3)
    generate(config, tmp_path / "a", workers=1)
    generate(config, tmp_path / "b", workers=2)
    a, b = _digest(tmp_path / "a"), _digest(tmp_path / "b")
    assert a == b
    other = SynthConfig(scale=0.005, months=2, seed=4, municipalities=(147, 825, 360), fault_rate=0.3)
    generate(other, tmp_path / "c", workers=1)
    assert _digest(tmp_path / "c") != a


def test_every_file_parses_with_the_format_its_vendor_declares(clean_country):
    out = clean_country.out
    assert clean_country.files
    for entry in clean_country.files:
        path = out / entry.path
        vendor, spec = vendor_and_spec(path)
        assert (vendor.key, vendor.format, vendor.encoding, vendor.system) == (
            entry.vendor, entry.format, entry.encoding, entry.system)
        parsed = parse(path)
        assert len(parsed.records) == entry.records, entry.path
        if vendor.format in ("csv", "xlsx") or (vendor.format == "jsonl" and parsed.records):
            assert parsed.names == [f.name for f in spec.fields], entry.path
        if vendor.format == "xml":
            assert parsed.attributes == {"kommunekode": str(entry.municipality), "periode": entry.period,
                                         "leverandoer": vendor.key}
            assert set(parsed.names) <= {f.name for f in spec.fields}


def _valid_date(text: str, fmt: str, xlsx: bool) -> bool:
    try:
        if xlsx:
            dt.date.fromisoformat(text)
        else:
            dt.datetime.strptime(text, fmt)
        return True
    except ValueError:
        return False


def test_a_clean_run_holds_nothing_faulty(clean_country):
    """Codes in their lists, real dates, real municipality codes, no duplicate records, no faults listed."""
    manifest = read_manifest(clean_country.out)
    assert manifest["faults"] == []
    for entry in clean_country.files:
        path = clean_country.out / entry.path
        vendor, spec = vendor_and_spec(path)
        parsed = parse(path)
        for f in spec.fields:
            values = {r.get(f.name, "") for r in parsed.records} - {""}
            if f.kind in ("code", "flag") and f.codes:
                allowed = {str(v) for v in f.codes.values()}
                assert values <= allowed, f"{entry.path} {f.name}: {sorted(values - allowed)[:5]}"
            if f.kind == "date":
                fmt = f.date_format or vendor.date_format
                bad = [v for v in values if not _valid_date(v, fmt, vendor.format == "xlsx")]
                assert not bad, f"{entry.path} {f.name}: {bad[:5]}"
            if f.municipality:
                assert {int(v) for v in values} <= MUNICIPALITY_CODES, f"{entry.path} {f.name}"
        keys = [json.dumps(r, sort_keys=True) for r in parsed.records]
        assert len(keys) == len(set(keys)), f"{entry.path} has duplicate records"


def test_files_are_delivered_after_their_month_and_indexed(clean_country):
    for entry in clean_country.files:
        delivered = dt.datetime.fromisoformat(entry.delivered_at.rstrip("Z"))
        assert delivered.date() > Period.parse(entry.period).last_day
        path = clean_country.out / entry.path
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry.sha256
        assert path.stat().st_size == entry.bytes


def test_file_names_follow_the_delivery_naming_convention():
    """<vendor>_<file>_<municipality>_<YYYYMM>: vendor keys and file names are lower-case letters and digits."""
    for domain in DOMAINS:
        for vendor in domain.vendors:
            assert vendor.key.isalnum() and vendor.key.islower(), vendor.key
            for spec in vendor.files:
                assert spec.name.isalnum() and spec.name == spec.name.lower(), f"{vendor.key}: {spec.name}"


def test_every_domain_is_delivered_by_at_least_two_vendors_with_different_formats():
    for domain in DOMAINS:
        assert len(domain.vendors) >= 2, domain.name
        formats = {(v.format, v.encoding, v.delimiter if v.format == "csv" else "") for v in domain.vendors}
        assert len(formats) == len(domain.vendors), domain.name
    every_format = {v.format for d in DOMAINS for v in d.vendors}
    assert every_format >= {"csv", "fixed", "xml"}
