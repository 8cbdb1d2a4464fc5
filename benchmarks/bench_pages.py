"""Benchmark: server-side render time of every portal page (target, issue 7: under 300 ms at scale 1.0).

Serves the portal over a served FLIS_HOME (a warehouse with a computed release and its snapshot) in
process (FastAPI TestClient: no network, so the time is the server's: routing, session lookup, the
comparisons, Plotly figures and the template), signed in as a throw-away data steward of København (a
temporary state store inside FLIS_HOME, removed afterwards). Each page is requested once to warm up
(loading the release into memory), then ``--repeat`` times; p50, p95 and the maximum are appended to
benchmarks/results/pages.json and summarised in docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_pages.py /path/to/flis-home --repeat 30
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from portal import USERS, portal_app, sign_in  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "pages.json"
TARGET_MS = 300


def pages(series: str, municipality: int, period: str, purpose: str) -> dict[str, tuple[str, str, dict | None]]:
    """name -> (method, path, form); the drill-down's form gets the CSRF token at run time."""
    drill = {"municipality": str(municipality), "period": period, "side": "numerator", "purpose": purpose}
    return {
        "dashboard": ("GET", f"/?municipality={municipality}", None),
        "explorer (search)": ("GET", "/figures?q=klasse", None),
        "explorer (all series, page 1)": ("GET", "/figures", None),
        "figure": ("GET", f"/figures/{series}?municipality={municipality}", None),
        "compare (one domain)": ("GET", f"/compare?municipality={municipality}&domain=schools", None),
        "compare (all figures)": ("GET", f"/compare?municipality={municipality}&domain=", None),
        "drill-down form": ("GET", f"/drill/{series}?municipality={municipality}&period={period}", None),
        "drill-down rows": ("POST", f"/drill/{series}", drill),
        "deliveries": ("GET", f"/deliveries?municipality={municipality}", None),
        "quality": ("GET", f"/quality?municipality={municipality}", None),
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def run(home: Path, repeat: int, series: str, municipality: int) -> dict:
    from fastapi.testclient import TestClient

    out: dict[str, dict] = {}
    with portal_app(home, findings=True) as (app, password), TestClient(app) as client:
        sign_in(client, USERS["steward"][0], password)
        view = app.state.services.view()
        period = str(view.latest_period(series))
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/figures").text).group(1)
        for name, (method, path, form) in pages(series, municipality, period, "benchmark of the portal").items():
            data = {**form, "csrf_token": token} if form else None

            def once():
                started = time.perf_counter()
                answer = client.request(method, path, data=data)
                elapsed = (time.perf_counter() - started) * 1000
                if answer.status_code != 200:
                    raise RuntimeError(f"{name}: {method} {path} answered {answer.status_code}")
                return elapsed, len(answer.content)

            first, size = once()
            times = [once()[0] for _ in range(repeat)]
            out[name] = {"first_ms": round(first, 1), "p50_ms": round(statistics.median(times), 1),
                         "p95_ms": round(percentile(times, 0.95), 1), "max_ms": round(max(times), 1),
                         "kb": round(size / 1024, 1)}
            print(f"{name:32} p50 {out[name]['p50_ms']:7.1f} ms  p95 {out[name]['p95_ms']:7.1f} ms  "
                  f"max {out[name]['max_ms']:7.1f} ms  first {first:7.1f} ms  {size / 1024:6.0f} KB")
        counts = view.meta.get("counts", {})
        return {"benchmark": "pages", "date": dt.date.today().isoformat(), "machine": platform.machine(),
                "cpus": os.cpu_count(), "release": view.release_id, "series": counts.get("series"),
                "cells": counts.get("cells"), "repeat": repeat, "figure": series, "municipality": municipality,
                "target_ms": TARGET_MS, "pages": out,
                "all_p95_under_target": all(v["p95_ms"] < TARGET_MS for v in out.values())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("home", type=Path, help="a served FLIS_HOME")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--series", default="SCH001")
    parser.add_argument("--municipality", type=int, default=101)
    parser.add_argument("--scale", type=float, help="the scale the home was generated at (recorded only)")
    parser.add_argument("--no-save", action="store_true", help="print only; do not append to pages.json")
    args = parser.parse_args()
    result = {"scale": args.scale, **run(args.home.resolve(), args.repeat, args.series, args.municipality)}
    if not args.no_save:
        results = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
        results.append(result)
        RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
        print(f"appended to {RESULTS}")


if __name__ == "__main__":
    main()
