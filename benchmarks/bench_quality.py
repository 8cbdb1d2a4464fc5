"""Benchmark: recall and precision of the quality checks against the generator's fault manifest.

Target (issue 8): at scale 0.1 over 36 months, recall of the injected plausibility faults (doubled counts,
unit errors, missing months) at least 0.95 and precision at least 0.8; and few findings on clean data.

Generates a country with faults and the same country without (``--faults none``), ingests and computes
each into its own data directory, runs every check and scores the faulty run against manifest.json (see
flis.quality.score). Prints the result and appends it to benchmarks/results/quality.json.

    .venv/bin/python benchmarks/bench_quality.py                              # 0.1 x 36 months (slow)
    .venv/bin/python benchmarks/bench_quality.py --scale 0.02 --months 24     # a quick run
    .venv/bin/python benchmarks/bench_quality.py --scale 0.02 --months 24 --reuse   # re-score, keep data

Data goes to --work (default /tmp/flis-bench-quality/<scale>x<months>), one FLIS_HOME per run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from pathlib import Path

from flis.catalogue.loader import load_catalogue
from flis.compute.run import compute
from flis.ingest.pipeline import ingest
from flis.periods import Period
from flis.quality.completeness import due
from flis.quality.runner import run_checks
from flis.quality.score import score
from flis.settings import get_settings
from flis.synth.config import SynthConfig
from flis.synth.runner import generate, read_manifest
from flis.warehouse.store import Warehouse

RESULTS = Path(__file__).resolve().parent / "results" / "quality.json"


def use_home(home: Path) -> None:
    os.environ["FLIS_HOME"] = str(home)
    get_settings.cache_clear()


def prepare(home: Path, config: SynthConfig, workers: int, reuse: bool) -> dict[str, float]:
    """Generate, ingest and compute into ``home`` (skipped when --reuse finds a computed warehouse)."""
    use_home(home)
    country = home / "country"
    done = home / ".prepared"
    if reuse and done.exists():
        return json.loads(done.read_text())
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    generate(config, country, workers=workers)
    times["generate"] = round(time.perf_counter() - t0, 1)
    t0 = time.perf_counter()
    with Warehouse() as w:
        ingest([country / "deliveries"], warehouse=w, workers=workers)
        times["ingest"] = round(time.perf_counter() - t0, 1)
        t0 = time.perf_counter()
        compute(w.con, load_catalogue(), incremental=False)
        times["compute"] = round(time.perf_counter() - t0, 1)
    done.write_text(json.dumps(times))
    return times


def check(home: Path, now: dt.datetime) -> tuple[list, dict]:
    use_home(home)
    t0 = time.perf_counter()
    with Warehouse(read_only=True) as w:
        report = run_checks(w.con, home, now=now)
    return report.findings, {"seconds": round(time.perf_counter() - t0, 1), "by_step": report.seconds,
                             "by_code": report.counts(), "incomplete_cells": len(report.incomplete)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--start", default="2024-01")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--faults", type=float, default=0.02, help="Fault rate of the faulty run.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--reuse", action="store_true", help="Reuse prepared data directories in --work.")
    parser.add_argument("--skip-clean", action="store_true", help="Only the faulty run.")
    parser.add_argument("--no-save", action="store_true", help="Do not append to results/quality.json.")
    args = parser.parse_args(argv)
    work = args.work or Path(f"/tmp/flis-bench-quality/{args.scale:g}x{args.months}")
    base = dict(scale=args.scale, months=args.months, start=Period.parse(args.start), seed=args.seed)
    result: dict[str, object] = {
        "benchmark": "quality", "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores", "scale": args.scale,
        "months": args.months, "seed": args.seed, "fault_rate": args.faults,
        "command": "benchmarks/bench_quality.py " + " ".join(argv if argv is not None else sys.argv[1:]),
    }
    # The generated months may lie in the future of this machine's clock: judge completeness as after the
    # last month's due date.
    last = Period.parse(args.start) + (args.months - 1)
    now = due(last) + dt.timedelta(days=1)
    faulty = work / "faulty"
    result["prepare_faulty"] = prepare(faulty, SynthConfig(**base, fault_rate=args.faults), args.workers,
                                       args.reuse)
    findings, info = check(faulty, now)
    s = score(read_manifest(faulty / "country"), findings)
    result["faulty"] = {**info, **s.to_dict()}
    print(f"faulty run: recall {s.recall:.3f} (in force {s.recall_in_force:.3f}), "
          f"precision {s.precision:.3f}; "
          f"injected {s.injected}, found {s.found}; {s.findings} scored findings, {s.matched} matched; "
          f"late deliveries {s.late}; checks {info['seconds']} s")
    print("  by code (matched/findings): "
          + ", ".join(f"{c} {v.get('matched', 0)}/{v['findings']}" for c, v in s.by_code.items()))
    if not args.skip_clean:
        clean = work / "clean"
        result["prepare_clean"] = prepare(clean, SynthConfig(**base, fault_rate=0.0), args.workers,
                                          args.reuse)
        clean_findings, clean_info = check(clean, now)
        result["clean"] = {**clean_info, "findings": len(clean_findings),
                           "examples": [f.to_dict() for f in clean_findings[:20]]}
        print(f"clean run: {len(clean_findings)} findings (false alarms) {clean_info['by_code']}")
    if not args.no_save:
        history = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
        history.append(result)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(history, indent=1, ensure_ascii=False) + "\n")
    return result


if __name__ == "__main__":
    main()
