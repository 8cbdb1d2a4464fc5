"""Screenshots of the portal's main pages for the docs and the README.

Uses a served data directory (a warehouse with at least one computed release), or builds a small one:
all 98 municipalities at 1 % of their population, 13 months, computed as two releases (12 months, then the
13th) so the dashboard has something to say about changes. Serves the portal with throw-away users (a
temporary state store inside the data directory), signs in with Debian's chromium and writes 1280×800 PNGs
to docs/screenshots/.

    .venv/bin/python benchmarks/screenshots.py --home ./flis-data          # an existing served home
    .venv/bin/python benchmarks/screenshots.py --build /tmp/flis-shots      # build one first (~6 min)
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from portal import USERS, portal_app, serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"


def build(home: Path, scale: float, months: int) -> None:
    """Generate, ingest and compute a small country into ``home`` (two releases)."""
    from flis.catalogue.loader import load_catalogue
    from flis.compute.run import compute
    from flis.ingest.archive import Archive
    from flis.ingest.pipeline import ingest
    from flis.periods import Period
    from flis.synth.config import SynthConfig
    from flis.synth.runner import generate
    from flis.warehouse.store import Warehouse

    start = Period(2024, 1)
    config = SynthConfig(scale=scale, months=months, start=start, seed=3, fault_rate=0.02)
    country = home / "synth"
    if not (country / "deliveries").exists():
        print(f"generating {months} months at scale {scale} into {country}")
        generate(config, country, workers=2)
    last = (start + (months - 1))
    stamp = f"{last.year}{last.month:02d}"
    files = sorted(p for p in (country / "deliveries").rglob("*") if p.is_file() and not p.name.startswith("."))
    batches = [[p for p in files if stamp not in p.name], [p for p in files if stamp in p.name]]
    with Warehouse(home / "warehouse.duckdb") as wh:
        for batch in (b for b in batches if b):
            print(f"ingesting {len(batch)} files and computing a release")
            ingest(batch, warehouse=wh, archive=Archive(home / "archive"), workers=2)
            compute(wh.con, load_catalogue())


def shoot(home: Path, out: Path, series: str, query: str, width: int, height: int) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with portal_app(home, findings=True) as (app, password), serve(app) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
        page.goto(f"{base}/login?lang=en")
        page.fill("#username", USERS["steward"][0])
        page.fill("#password", password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")

        def snap(name: str, path: str, *, charts: bool = False, scroll_to: str | None = None) -> None:
            page.goto(base + path)
            if charts:
                page.wait_for_selector("[data-figure]:not([data-rendered])", state="detached", timeout=20000)
            if scroll_to:  # put that element at the top of the picture
                top = page.locator(scroll_to).first.bounding_box()["y"]
                page.mouse.wheel(0, top - 16)
                page.wait_for_timeout(300)
            target = out / f"{name}.png"
            page.screenshot(path=str(target))
            written.append(target)

        snap("dashboard", "/")
        snap("explorer", f"/figures?q={query}")
        snap("figure", f"/figures/{series}", charts=True)
        snap("figure-charts", f"/figures/{series}", charts=True, scroll_to="#chart-bars")
        snap("figure-map", f"/figures/{series}", charts=True, scroll_to="#chart-series")
        snap("compare", "/compare?comparables=nearest&domain=schools")
        page.goto(f"{base}/drill/{series}")
        page.fill("#purpose", "Checking our latest delivery of class data")
        page.click("form.stack button[type=submit]")
        page.wait_for_selector("table.rows")
        page.screenshot(path=str(out / "drill.png"))
        written.append(out / "drill.png")
        snap("deliveries", "/deliveries")
        snap("quality", "/quality")
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--home", type=Path, help="a served FLIS_HOME (warehouse and release snapshot)")
    where.add_argument("--build", type=Path, help="build a small country into this new FLIS_HOME first")
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--months", type=int, default=13)
    parser.add_argument("--series", default="SCH001", help="the figure page to show")
    parser.add_argument("--query", default="klasse", help="the explorer's search")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args()
    home = (args.home or args.build).resolve()
    if args.build:
        home.mkdir(parents=True, exist_ok=True)
        if not (home / "releases" / "CURRENT").exists():
            build(home, args.scale, args.months)
    for path in shoot(home, args.out, args.series, re.sub(r"\s+", "+", args.query), args.width, args.height):
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
