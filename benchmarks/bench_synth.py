"""Benchmark: generating synthetic source systems for the whole country.

Targets (issue 2): scale 0.1 x 12 months in under a minute; scale 1.0 x 12 months in under 15 minutes on
2 cores with peak memory under 8 GB. Results are appended to benchmarks/results/synth.json and summarised
in docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_synth.py --scale 0.1 --scale 1.0 --months 12 --workers 2
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import PeakMemory  # noqa: E402

from flis.periods import Period  # noqa: E402
from flis.synth.config import SynthConfig  # noqa: E402
from flis.synth.runner import generate  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "synth.json"


def run(scale: float, months: int, workers: int, out: Path, faults: float) -> dict[str, object]:
    if out.exists():
        shutil.rmtree(out)
    config = SynthConfig(scale=scale, months=months, start=Period(2024, 1), seed=1, fault_rate=faults)
    started = time.perf_counter()
    with PeakMemory() as memory:
        result = generate(config, out, workers=workers)
    seconds = time.perf_counter() - started
    records = sum(f.records for f in result.files)
    size = sum(f.bytes for f in result.files)
    return {
        "benchmark": "synth", "date": dt.date.today().isoformat(), "machine": platform.machine(),
        "cpus": os.cpu_count(), "scale": scale, "months": months, "workers": workers, "fault_rate": faults,
        "seconds": round(seconds, 1), "files": len(result.files), "records": records,
        "records_per_second": round(records / seconds), "megabytes_written": round(size / 1e6),
        "peak_memory_mb": round(memory.peak / 1e6), "records_by_domain": result.records_by_domain(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, action="append", help="scale(s) to run (default 0.1)")
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--faults", type=float, default=0.02)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "synth")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    for scale in args.scale or [0.1]:
        row = run(scale, args.months, args.workers, args.out, args.faults)
        print(json.dumps(row))
        results.append(row)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=1) + "\n")
        if not args.keep:
            shutil.rmtree(args.out, ignore_errors=True)


if __name__ == "__main__":
    main()
