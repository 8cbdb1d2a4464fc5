"""Scoring the checks against the generator's fault manifest.

The generator (``flis synth``) lists every fault it injected in ``manifest.json`` with the municipality,
domain, vendor, period and — for file faults — the damaged file. A fault is **found** when a finding
points at it:

* ``doubled_count``, ``unit_error`` (``detect: plausibility``): a plausibility finding of the same
  municipality and month whose tables include the canonical table the damaged file loads into (the
  file name's declaration says which, as at ingest);
* ``missing_month``: a ``quality.missing_delivery`` of the same municipality, month and domain;
* ``late_delivery``: a ``quality.late_delivery`` of the same municipality, month and domain.

recall = found / injected over doubled counts, unit errors and missing months; precision = the findings
(plausibility codes and ``quality.missing_delivery``) that match one of those faults / all such
findings. Late deliveries are scored on their own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from flis.ingest.declaration import declare
from flis.quality.codes import PLAUSIBILITY
from flis.quality.finding import QualityFinding
from flis.sources.adapter import load_adapters

SCORED_KINDS = ("doubled_count", "unit_error", "missing_month")
SCORED_CODES = PLAUSIBILITY + ("quality.missing_delivery",)


@dataclass
class Score:
    injected: dict[str, int]
    found: dict[str, int]
    injected_in_force: dict[str, int]
    found_in_force: dict[str, int]
    findings: int
    matched: int
    by_code: dict[str, dict[str, int]]
    late: dict[str, int]
    missed: list[dict] = field(default_factory=list)
    unmatched: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        n = sum(self.injected.values())
        return sum(self.found.values()) / n if n else None

    @property
    def recall_in_force(self) -> float | None:
        """Recall over the faults no corrected re-delivery replaced (the ones still in the data now)."""
        n = sum(self.injected_in_force.values())
        return sum(self.found_in_force.values()) / n if n else None

    @property
    def precision(self) -> float | None:
        return self.matched / self.findings if self.findings else None

    def to_dict(self) -> dict[str, object]:
        rnd = (lambda x: None if x is None else round(x, 4))
        return {"recall": rnd(self.recall), "precision": rnd(self.precision),
                "recall_in_force": rnd(self.recall_in_force), "injected": self.injected, "found": self.found,
                "injected_in_force": self.injected_in_force, "found_in_force": self.found_in_force,
                "findings": self.findings, "matched": self.matched, "by_code": self.by_code,
                "late": self.late, "missed": self.missed[:30], "unmatched": self.unmatched[:30]}


def fault_table(fault: dict, adapters) -> str | None:
    """The canonical table a file fault's file loads into."""
    if not fault.get("file"):
        return None
    declaration, _ = declare(PurePosixPath(fault["file"]).name, adapters)
    return declaration.file_adapter.table.qualified if declaration.file_adapter else None


def _domain(finding: QualityFinding) -> str:
    return finding.subject.split("/", 1)[0]


def score(manifest: dict, findings: list[QualityFinding]) -> Score:
    adapters = load_adapters()
    index: dict[tuple, list[int]] = defaultdict(list)
    faults = manifest.get("faults", [])
    for n, fault in enumerate(faults):
        m, p = int(fault["municipality"]), fault["period"]
        if fault["kind"] in ("doubled_count", "unit_error"):
            index[("table", m, p, fault_table(fault, adapters))].append(n)
        elif fault["kind"] == "missing_month":
            index[("missing", m, p, fault["domain"])].append(n)
        elif fault["kind"] == "late_delivery":
            index[("late", m, p, fault["domain"])].append(n)
    hit: set[int] = set()
    by_code: dict[str, Counter] = defaultdict(Counter)
    matched = total = 0
    unmatched = []
    for f in findings:
        if f.code == "quality.late_delivery":
            hit.update(index.get(("late", f.municipality, f.period, _domain(f)), []))
            continue
        if f.code not in SCORED_CODES:
            continue
        if f.code == "quality.missing_delivery":
            found = index.get(("missing", f.municipality, f.period, _domain(f)), [])
        else:
            found = [n for t in f.tables for n in index.get(("table", f.municipality, f.period, t), [])]
        total += 1
        by_code[f.code]["findings"] += 1
        if found:
            matched += 1
            by_code[f.code]["matched"] += 1
            hit.update(found)
        else:
            unmatched.append(f.to_dict())
    injected, found_kind, injected_now, found_now = Counter(), Counter(), Counter(), Counter()
    late = Counter()
    missed = []
    for n, fault in enumerate(faults):
        kind = fault["kind"]
        if kind == "late_delivery":
            late["injected"] += 1
            late["found"] += n in hit
            continue
        if kind not in SCORED_KINDS:
            continue
        injected[kind] += 1
        found_kind[kind] += n in hit
        if not fault.get("corrected_by"):
            injected_now[kind] += 1
            found_now[kind] += n in hit
        if n not in hit:
            missed.append(fault)
    late["findings"] = sum(f.code == "quality.late_delivery" for f in findings)
    return Score(dict(injected), dict(found_kind), dict(injected_now), dict(found_now), total, matched,
                 {k: dict(v) for k, v in sorted(by_code.items())}, dict(late), missed, unmatched)
