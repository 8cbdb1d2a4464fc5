"""Benchmark: reading the files of ingest's worker tasks one by one against together (``read_many``).

Groups the files of the first N deliveries as ingest's tasks do, and times, per format, reading each group's
files one by one with ``read`` and together with ``read_many`` (CPU seconds of one process with one Arrow
thread, as in a worker; the mean of three rounds). Prints a table; nothing is written.

    .venv/bin/python benchmarks/bench_joint_read.py --source /tmp/bench/s01 --files 8000
"""

from __future__ import annotations

import argparse
import collections
import time
from pathlib import Path

import pyarrow as pa

from flis.ingest import pipeline
from flis.ingest.declaration import declare
from flis.sources.adapter import load_adapters
from flis.sources.formats import read, read_many


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, required=True, help="a `flis synth --out` folder")
    parser.add_argument("--files", type=int, default=8000)
    args = parser.parse_args()
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    adapters = load_adapters()
    files = pipeline.collect([args.source / "deliveries"])[: args.files]
    sizes = [p.stat().st_size for p, _ in files]
    groups = []
    for window in pipeline._windows([p.name for p, _ in files], sizes):
        for task in window:
            by_adapter = collections.defaultdict(list)
            for i in task:
                decl, findings = declare(files[i][0].name, adapters)
                if decl.usable and not findings:
                    by_adapter[id(decl.file_adapter)].append((files[i][0].read_bytes(), files[i][0].name,
                                                              decl.file_adapter.format))
            groups += by_adapter.values()
    alone, together, count = collections.Counter(), collections.Counter(), collections.Counter()
    rounds = 3
    for _ in range(rounds):
        for group in groups:
            fmt = group[0][2]
            started = time.process_time()
            for data, name, _ in group:
                read(data, fmt, name)
            alone[fmt.kind] += (time.process_time() - started) / rounds
            started = time.process_time()
            read_many([data for data, _, _ in group], fmt, [name for _, name, _ in group])
            together[fmt.kind] += (time.process_time() - started) / rounds
            count[fmt.kind] += len(group) / rounds
    print(f"{'format':8} {'files':>6} {'alone s':>8} {'together s':>10}")
    for kind in sorted(count):
        print(f"{kind:8} {count[kind]:6.0f} {alone[kind]:8.2f} {together[kind]:10.2f}")


if __name__ == "__main__":
    main()
