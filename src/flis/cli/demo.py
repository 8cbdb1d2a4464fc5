"""``flis demo``: a small country, end to end, on the embedded default."""

from __future__ import annotations

import typer

from flis.cli.output import console
from flis.cli.synth import print_summary, run_generation, summary
from flis.periods import Period
from flis.settings import get_settings
from flis.synth.config import SynthConfig

DEMO_SCALE = 0.02
DEMO_MONTHS = 24
DEMO_START = Period(2024, 1)


def demo(
    scale: float = typer.Option(DEMO_SCALE, help="Share of the real country to generate."),
    months: int = typer.Option(DEMO_MONTHS, help="Months to generate."),
) -> None:
    """Generate a small country (all 98 municipalities) into FLIS_HOME and show what was made."""
    settings = get_settings()
    out = settings.path("synth")
    console.print(f"[bold]flis demo[/]: all 98 municipalities at scale {scale}, {months} months from {DEMO_START}, "
                  f"into {out}")
    config = SynthConfig(scale=scale, months=months, start=DEMO_START, seed=1)
    result, seconds = run_generation(config, out, settings.workers)
    print_summary(summary(result, seconds))
    console.print(f"The generated deliveries are in {out / 'deliveries'}; every injected fault is listed in "
                  f"{out / 'manifest.json'}.")
