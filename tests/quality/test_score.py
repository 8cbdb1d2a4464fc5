"""Scoring findings against a generator manifest, on a toy manifest."""

from __future__ import annotations

from flis.quality.finding import QualityFinding
from flis.quality.score import score

MANIFEST = {"faults": [
    {"kind": "doubled_count", "detect": "plausibility", "municipality": 101, "domain": "schools",
     "vendor": "x", "period": "2024-04", "dataset": "pupils",
     "file": "deliveries/101/schools/tabulex_elever_101_202404.csv"},
    {"kind": "unit_error", "detect": "plausibility", "municipality": 147, "domain": "economy", "vendor": "x",
     "period": "2024-05", "dataset": "postings",
     "file": "deliveries/147/economy/kmdopus_posteringer_147_202405.csv",
     "corrected_by": "deliveries/147/economy/kmdopus_posteringer_147_202405_2.csv"},
    {"kind": "missing_month", "detect": "completeness", "municipality": 151, "domain": "hr", "vendor": "x",
     "period": "2024-06"},
    {"kind": "late_delivery", "detect": "completeness", "municipality": 151, "domain": "hr", "vendor": "x",
     "period": "2024-07"},
    {"kind": "invalid_code", "detect": "ingest", "municipality": 151, "domain": "hr", "vendor": "x",
     "period": "2024-07"},
]}


def f(code, municipality, subject, period, tables=()):
    return QualityFinding(code, municipality, subject, period, {}, "", "", None, True, tables)


def test_recall_and_precision(monkeypatch):
    import flis.quality.score as s
    tables = {"tabulex_elever_101_202404.csv": "schools.pupils",
              "kmdopus_posteringer_147_202405.csv": "economy.postings"}
    monkeypatch.setattr(s, "fault_table", lambda fault, adapters: tables[fault["file"].rsplit("/", 1)[1]])
    findings = [
        f("quality.history_outlier", 101, "schools.pupils#rows", "2024-04", ("schools.pupils",)),
        f("quality.peer_outlier", 101, "schools.pupils#rows", "2024-04", ("schools.pupils",)),
        # a false alarm:
        f("quality.history_outlier", 101, "schools.pupils#rows", "2024-05", ("schools.pupils",)),
        f("quality.missing_delivery", 151, "hr/persdata", "2024-06"),
        f("quality.late_delivery", 151, "hr/persdata", "2024-07"),
    ]
    result = score(MANIFEST, findings)
    # found: the doubled count and the missing month, not the unit error: recall 2/3
    assert result.injected == {"doubled_count": 1, "unit_error": 1, "missing_month": 1}
    assert result.found == {"doubled_count": 1, "unit_error": 0, "missing_month": 1}
    assert result.recall == 2 / 3
    # the unit error was corrected by a re-delivery: over the faults still in force, recall 2/2
    assert result.recall_in_force == 1.0
    # four scored findings (late deliveries are scored apart), three match a fault
    assert (result.findings, result.matched, result.precision) == (4, 3, 0.75)
    assert result.late == {"injected": 1, "found": 1, "findings": 1}
    assert result.unmatched[0]["period"] == "2024-05"


def test_every_finding_code_is_documented_with_its_severity():
    from pathlib import Path

    from flis.quality.codes import CODES

    text = (Path(__file__).resolve().parents[2] / "docs" / "quality.md").read_text(encoding="utf-8")
    for code, spec in CODES.items():
        assert f"| `{code}` | {spec.severity.name} |" in text, f"document {code} in docs/quality.md"
