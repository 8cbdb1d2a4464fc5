"""Run every quality check on the warehouse and the current release.

    report = run_checks(warehouse.con, home)          # pure: reads, returns findings and flags
    result = store_findings(open_state(), report.findings, report.run_id)

The checks only read: the warehouse (volumes, repeated records, cross-domain, completeness) and the
current release snapshot (key-figure inputs). Storing the findings is a separate step, so that the
benchmark can score a run without a state store.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from flis import reference
from flis.catalogue.loader import load_catalogue
from flis.catalogue.model import Catalogue
from flis.compare.release import ReleaseView
from flis.compare.snapshot import NoSnapshot
from flis.quality.completeness import check_deliveries, incomplete_inputs
from flis.quality.crossdomain import check_cross_domain
from flis.quality.figures import check_figures, figure_panels
from flis.quality.finding import QualityFinding
from flis.quality.plausibility import DEFAULT, Thresholds, check_panel
from flis.quality.records import check_repeated_records
from flis.quality.volumes import read_panels
from flis.warehouse.model import load_model

Progress = Callable[[str, float], None]
"""on_progress(step description, share done 0-1)."""

STEPS = ("volumes", "repeated records", "history and peers", "cross-domain", "completeness",
         "incomplete inputs", "release snapshot", "key figures")


@dataclass
class CheckReport:
    run_id: str
    started_at: dt.datetime
    findings: list[QualityFinding] = field(default_factory=list)
    incomplete: list[tuple[str, int, str]] = field(default_factory=list)
    """(series id, municipality, YYYY-MM) with incomplete inputs."""
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(f.code for f in self.findings).items()))


def new_run_id(at: dt.datetime) -> str:
    return f"Q{at:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


def population_sizes() -> dict[int, float]:
    """Residents per municipality (the real count; synthetic data is scaled evenly, so ratios between
    municipalities are the same)."""
    return {m.code: float(m.population) for m in reference.municipalities()}


def run_checks(con: duckdb.DuckDBPyConnection, home: Path | str | None = None, *,
               catalogue: Catalogue | None = None, now: dt.datetime | None = None,
               thresholds: Thresholds = DEFAULT, on_progress: Progress | None = None) -> CheckReport:
    """Every check; ``home`` is FLIS_HOME, where the release snapshot lives (None: skip key figures)."""
    started = dt.datetime.now(dt.timezone.utc)
    report = CheckReport(new_run_id(started), started)
    progress = on_progress or (lambda step, share: None)
    model = load_model()
    sizes = population_sizes()

    def timed(step: str, share: float, work: Callable[[], object]) -> object:
        progress(step, share)
        t0 = time.perf_counter()
        result = work()
        report.seconds[step] = round(time.perf_counter() - t0, 2)
        return result

    tables = len(model.tables)
    done = [0]

    def table_done(_: str) -> None:
        done[0] += 1
        progress("volumes", 0.35 * done[0] / tables)

    panels = timed("volumes", 0.0, lambda: read_panels(con, model, on_table=table_done))
    repeated = timed("repeated records", 0.35, lambda: check_repeated_records(con, model))
    known: dict[str, set[tuple[int, str]]] = {}
    for f in repeated:
        if f.in_force:
            known.setdefault(f.tables[0], set()).add((f.municipality, f.period))
    t0 = time.perf_counter()
    for k, panel in enumerate(panels):
        report.findings += check_panel(panel, sizes, thresholds, known.get(panel.tables[0], set()))
        progress("history and peers", 0.5 + 0.1 * (k + 1) / max(len(panels), 1))
    report.seconds["history and peers"] = round(time.perf_counter() - t0, 2)
    report.findings += repeated
    report.findings += timed("cross-domain", 0.6, lambda: check_cross_domain(con))
    report.findings += timed("completeness", 0.7, lambda: check_deliveries(con, now))
    catalogue = catalogue or load_catalogue()
    report.incomplete = timed("incomplete inputs", 0.72, lambda: incomplete_inputs(con, catalogue))
    if home is not None:
        try:
            view = timed("release snapshot", 0.75, lambda: ReleaseView.load(home))
        except NoSnapshot:
            report.notes.append("no release snapshot: key-figure inputs not checked (run flis compute)")
        else:
            def figures() -> list[QualityFinding]:
                explained = [f for f in report.findings if f.tables]
                panels = figure_panels(view, catalogue, list(sizes), set(report.incomplete))
                return check_figures(panels, sizes, explained, thresholds)
            report.findings += timed("key figures", 0.8, figures)
    progress("done", 1.0)
    report.findings.sort(key=lambda f: (f.period, f.municipality or 0, f.subject, f.code))
    return report
