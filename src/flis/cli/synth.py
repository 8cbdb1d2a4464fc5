"""``flis synth``: generate synthetic source-system extracts for the whole country or a subset."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import typer

from flis import reference
from flis.cli.output import console, print_json, print_table, progress_bar
from flis.errors import ConfigError
from flis.periods import Period
from flis.settings import get_settings
from flis.synth.config import FAULT_KINDS, SynthConfig
from flis.synth.runner import SynthResult, generate


def parse_faults(text: str) -> float:
    if text.strip().lower() in ("none", "0", "off"):
        return 0.0
    try:
        return float(text)
    except ValueError:
        raise ConfigError(f"--faults {text!r}: expected 'none' or a share such as 0.02") from None


def parse_municipalities(text: str | None) -> tuple[int, ...]:
    if not text:
        return ()
    return tuple(reference.municipality(part).code for part in text.split(",") if part.strip())


def run_generation(config: SynthConfig, out: Path, workers: int) -> tuple[SynthResult, float]:
    """Generate with a progress bar weighted by population; returns the result and seconds taken."""
    started = time.perf_counter()
    with progress_bar(f"Generating {len(config.municipality_codes)} municipalities", 1.0, percent=True) as update:
        result = generate(config, out, workers=workers, on_progress=lambda d, t: update(d / t, 1.0))
    return result, time.perf_counter() - started


def summary(result: SynthResult, seconds: float) -> dict[str, object]:
    return {
        "out": str(result.out),
        "municipalities": len(result.config.municipality_codes),
        "periods": f"{result.config.periods[0]}..{result.config.periods[-1]}",
        "files": len(result.files),
        "records_by_domain": result.records_by_domain(),
        "faults_by_kind": dict(sorted(Counter(f.kind for f in result.faults).items())),
        "seconds": round(seconds, 1),
    }


def print_summary(info: dict[str, object]) -> None:
    console.print(f"Generated [bold]{info['files']:,}[/] files for {info['municipalities']} municipalities, "
                  f"{info['periods']}, in {info['seconds']} s → {info['out']}")
    records = info["records_by_domain"]
    print_table("Records by domain", ["domain", "records"],
                [(d, f"{n:,}") for d, n in records.items()] + [("total", f"{sum(records.values()):,}")],
                justify=["left", "right"])
    faults = info["faults_by_kind"]
    if faults:
        print_table("Injected faults (see manifest.json)", ["kind", "count"], faults.items(),
                    justify=["left", "right"])


def synth(
    out: Path = typer.Option(..., "--out", help="Directory to write into (created; earlier generator output "
                                                "there is replaced)."),
    scale: float = typer.Option(0.01, help="Share of the real country: 1.0 = every resident of Denmark."),
    months: int = typer.Option(12, help="Number of months to generate."),
    start: str = typer.Option("2024-01", help="First month, YYYY-MM."),
    seed: int = typer.Option(1, help="Random seed: the same seed gives the same bytes."),
    municipalities: str = typer.Option(None, help="Only these municipalities: codes or names, comma-separated."),
    faults: str = typer.Option("0.02", help="'none' for clean data, or the share of files given an injected fault."),
    fault_kinds: str = typer.Option(None, help=f"Only these fault kinds, comma-separated: {', '.join(FAULT_KINDS)}."),
    workers: int = typer.Option(None, help="Worker processes (default: FLIS_WORKERS)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Generate the files municipal source systems would deliver, with a manifest of injected faults."""
    config = SynthConfig(
        scale=scale, months=months, start=Period.parse(start), seed=seed,
        municipalities=parse_municipalities(municipalities), fault_rate=parse_faults(faults),
        fault_kinds=tuple(k.strip() for k in fault_kinds.split(",")) if fault_kinds else FAULT_KINDS,
    )
    result, seconds = run_generation(config, out, workers or get_settings().workers)
    info = summary(result, seconds)
    print_json(info) if as_json else print_summary(info)
