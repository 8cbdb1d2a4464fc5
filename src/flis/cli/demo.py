"""``flis demo``: a small country, end to end, on the embedded default."""

from __future__ import annotations

import typer

from flis.cli.ingest import print_report, run_ingest
from flis.cli.figures import print_compute, print_quality, run_compute
from flis.cli.output import console, print_table
from flis.cli.serve import serve
from flis.cli.synth import print_summary, run_generation, summary
from flis.periods import Period
from flis.settings import get_settings
from flis.synth.config import SynthConfig

DEMO_SCALE = 0.05
DEMO_MONTHS = 24
DEMO_START = Period(2024, 1)


def demo(
    scale: float = typer.Option(DEMO_SCALE, help="Share of the real country to generate."),
    months: int = typer.Option(DEMO_MONTHS, help="Months to generate."),
    serve_after: bool = typer.Option(True, "--serve/--no-serve", help="Serve the API when done."),
) -> None:
    """Generate a small country (all 98 municipalities) into FLIS_HOME, ingest it, compute the key figures,
    create demo users with fresh passwords and serve the API."""
    settings = get_settings()
    out = settings.path("synth")
    console.print(f"[bold]flis demo[/]: all 98 municipalities at scale {scale}, {months} months from {DEMO_START}, "
                  f"into {settings.home}")
    config = SynthConfig(scale=scale, months=months, start=DEMO_START, seed=1)
    result, seconds = run_generation(config, out, settings.workers)
    print_summary(summary(result, seconds))
    report, seconds = run_ingest([out / "deliveries"])
    print_report(report, seconds)
    print_compute(run_compute())
    print_quality()
    credentials = demo_users()
    console.print(f"\nThe warehouse is {settings.path('warehouse.duckdb')}; every delivery is archived under "
                  f"{settings.path('archive')}. Try `flis deliveries --status rejected` and "
                  "`flis deliveries show ID`, `flis catalogue list`, `flis figures SCH001 --municipality 101` and "
                  "`flis drill SCH001 --municipality 101 --period 2025-06`; the injected faults are listed in "
                  f"{out / 'manifest.json'}.")
    print_table("Demo users (fresh passwords, shown once)", ["username", "password", "role", "tenant"], credentials)
    if serve_after:
        serve(host=None, port=None, workers=1)


def demo_users() -> list:
    """Seed the tenants and subscriptions and (re)create the demo users with new passwords."""
    from flis.access import demo_credentials, open_state

    store = open_state()
    try:
        return [tuple(c) for c in demo_credentials(store)]
    finally:
        store.close()
