"""Benchmark: API latency of the compare and time-series endpoints with concurrent clients.

Issue 6: p50/p95 latency of the compare and time-series endpoints with 20 concurrent clients on 2 cores
(target p95 under 50 ms). Takes a FLIS_HOME whose warehouse holds a computed release (for example the one
`bench_compute.py` leaves under its --work folder), makes sure the release snapshot exists, creates a
throw-away state store with one analyst and a token, starts `uvicorn` (one process) on a free port and lets
``--clients`` asynchronous clients ask ``--requests`` questions each, every one for a random series and
municipality. Results are appended to benchmarks/results/api.json.

The release's size does not depend on the generator's scale (it is series x municipalities x periods), so a
release computed at scale 0.1 has the shape of one at 1.0; --months counts.

    .venv/bin/python benchmarks/bench_api.py --home benchmarks/out/compute/home
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import random
import socket
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

from flis.access import add_user, create_token, open_state, seed_tenants
from flis.compare.release import ReleaseView
from flis.compare.snapshot import refresh_snapshot
from flis.warehouse.store import Warehouse

RESULTS = Path(__file__).resolve().parent / "results" / "api.json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stretch(home: Path, years: int, into: Path) -> Path:
    """A copy of the current snapshot with ``years`` earlier years prepended (the same values shifted back by
    12, 24, ... months and varied by up to ±10 %): a release with more history than the one computed, to
    measure the answers' dependence on release size. Only the snapshot is copied; drill-down needs the
    warehouse and is not part of this benchmark."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from flis.compare.snapshot import current_snapshot, releases_dir, switch

    snapshot = current_snapshot(home)
    target = releases_dir(into) / snapshot.release_id
    target.mkdir(parents=True)
    rng = np.random.default_rng(7)
    for name in ("cells", "groups"):
        table = pq.read_table(snapshot.file(name))
        parts = [table]
        for back in range(1, years + 1):
            shifted = table.set_column(table.schema.get_field_index("period"), "period", pa.array(
                [d.replace(year=d.year - back) for d in table.column("period").to_pylist()], pa.date32()))
            for column in ("numerator", "denominator", "value"):
                factor = pa.array(rng.uniform(0.9, 1.1, table.num_rows))
                i = shifted.schema.get_field_index(column)
                shifted = shifted.set_column(i, column, pc.multiply(shifted.column(column), factor))
            parts.insert(0, shifted.cast(table.schema))
        merged = pa.concat_tables(parts).sort_by([("series_id", "ascending"), ("period", "ascending")])
        pq.write_table(merged, target / f"{name}.parquet")
    (target / "series.parquet").write_bytes(snapshot.file("series").read_bytes())
    meta = dict(snapshot.meta, note=f"stretched by {years} earlier years for bench_api.py")
    (target / "release.json").write_text(json.dumps(meta, indent=2, default=str))
    switch(into, snapshot.release_id)
    return into


def prepare(home: Path, state: Path) -> tuple[str, ReleaseView]:
    if (home / "warehouse.duckdb").exists():
        with Warehouse(home / "warehouse.duckdb", read_only=True) as wh:
            refresh_snapshot(wh.con, home)
    store = open_state(f"sqlite:///{state}")
    seed_tenants(store)
    add_user(store, "bench-analyst", tenant=101, role="analyst", password="benchmark password 123")
    secret = create_token(store, "bench-analyst", "benchmark", 1).secret
    store.close()
    return secret, ReleaseView.load(home)


def quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


async def client(host: str, port: int, token: str, questions: list[tuple[str, str, dict]],
                 out: dict[str, list[float]]) -> None:
    """One keep-alive HTTP/1.1 connection asking its questions one after the other.

    A minimal client on purpose: the load generator shares the two cores with the server, and a full HTTP
    library would spend more CPU per request than the server does."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for name, path, params in questions:
            target = f"{path}?{urlencode(params)}" if params else path
            request = (f"GET {target} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
                       "Connection: keep-alive\r\n\r\n").encode()
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:"))
            body = await reader.readexactly(length)
            out[name].append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise SystemExit(f"{target}: {status} {body[:200]!r}")
    finally:
        writer.close()


async def load(base: str, token: str, view: ReleaseView, clients: int, requests: int, seed: int):
    rng = random.Random(seed)
    series = [s for s in view.series_ids() if view.periods(s)]
    codes = sorted({int(m) for m in view.cells(series[0], view.latest_period(series[0])).municipality})
    out: dict[str, list[float]] = {"compare": [], "timeseries": []}
    plans = []
    for _ in range(clients):
        qs = []
        for i in range(requests):
            s, m = rng.choice(series), rng.choice(codes)
            if i % 2:
                qs.append(("compare", f"/api/v1/compare/{s}", {"municipality": m}))
            else:
                qs.append(("timeseries", f"/api/v1/timeseries/{s}", {"municipality": m}))
        plans.append(qs)
    started = time.perf_counter()
    host, port = base.removeprefix("http://").split(":")
    await asyncio.gather(*(client(host, int(port), token, qs, out) for qs in plans))
    return out, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--home", type=Path, required=True, help="FLIS_HOME with a computed release")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=100, help="per client")
    parser.add_argument("--scale", type=float, default=None, help="the scale the release was computed at")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn server processes")
    parser.add_argument("--stretch-years", type=int, default=0,
                        help="serve a copy of the release with this many earlier years prepended")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="flis-bench-api-"))
    if args.stretch_years:
        with Warehouse(args.home / "warehouse.duckdb", read_only=True) as wh:
            refresh_snapshot(wh.con, args.home)
        args.home = stretch(args.home, args.stretch_years, work / "home")
    token, view = prepare(args.home, work / "state.sqlite")
    port = free_port()
    env = dict(os.environ, FLIS_HOME=str(args.home), FLIS_STATE_URL=f"sqlite:///{work / 'state.sqlite'}")
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "flis.api.app:create_app", "--factory",
                               "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
                               "--workers", str(args.workers), "--no-access-log"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/v1").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        # warm-up: the server loads the release on its first request
        asyncio.run(load(base, token, view, 2 * args.workers, 5, 0))
        out, seconds = asyncio.run(load(base, token, view, args.clients, args.requests, 1))
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(work, ignore_errors=True)  # the throw-away state store and the stretched copy
    row = {
        "benchmark": "api", "date": dt.date.today().isoformat(), "machine": platform.machine(),
        "cpus": os.cpu_count(), "scale": args.scale, "release": view.release_id,
        "series": len(view.series_ids()), "periods": max(len(view.periods(s)) for s in view.series_ids()),
        "cells": int(view.meta.get("counts", {}).get("cells", 0)) * (1 + args.stretch_years),
        "clients": args.clients, "server_workers": args.workers, "requests": sum(len(v) for v in out.values()),
        "requests_per_second": round(sum(len(v) for v in out.values()) / seconds, 1),
    }
    for name, values in out.items():
        row[f"{name}_p50_ms"] = round(statistics.median(values), 1)
        row[f"{name}_p95_ms"] = round(quantile(values, 0.95), 1)
        row[f"{name}_max_ms"] = round(max(values), 1)
    print(json.dumps(row))
    rows = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    rows.append(row)
    RESULTS.write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
