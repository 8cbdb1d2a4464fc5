"""Generate the synthetic source-system extracts of a whole country.

Municipalities are independent (each has its own seeded random streams), so they are
generated in parallel worker processes, largest first, and the result is the same
bytes whatever the number of workers. Output layout::

    OUT/manifest.json                  what was asked, and every injected fault
    OUT/deliveries.csv                 one row per file: who, what, period, when delivered
    OUT/deliveries/<kommune>/<domain>/<vendor>_<file>_<kommune>_<YYYYMM>[_<n>].<ext>
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from flis import __version__, reference
from flis.errors import OutputExists
from flis.synth.config import SynthConfig
from flis.synth.context import MunicipalityContext
from flis.synth.domains import DOMAINS, Domain, Frame
from flis.synth.faults import Fault
from flis.synth.writer import FileEntry, MunicipalityWriter, choose_vendor

MANIFEST = "manifest.json"
INDEX = "deliveries.csv"


@dataclass
class MunicipalityResult:
    code: int
    files: list[FileEntry]
    faults: list[Fault]
    records: dict[str, int] = field(default_factory=dict)


@dataclass
class SynthResult:
    out: Path
    config: SynthConfig
    files: list[FileEntry]
    faults: list[Fault]

    def records_by_domain(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.files:
            if f.sequence == 1:
                out[f.domain] = out.get(f.domain, 0) + f.records
        return out


def simulate_frames(config: SynthConfig, code: int, domains: Sequence[Domain]
                    ) -> tuple[MunicipalityContext, list[tuple[Domain, Frame]]]:
    """Run ``domains`` (in order; citizens first) for one municipality without writing files.

    For tests and exploration: the frames are the canonical truth before any vendor formatting.
    """
    ctx = MunicipalityContext.create(config, code)
    frames = [(domain, frame) for domain in domains for frame in domain.frames(ctx)]
    return ctx, frames


def generate_municipality(config: SynthConfig, code: int, out: Path,
                          domains: Sequence[Domain] = DOMAINS) -> MunicipalityResult:
    """Simulate the domains of one municipality and write its deliveries."""
    ctx = MunicipalityContext.create(config, code)
    writer = MunicipalityWriter(ctx, out)
    for domain in domains:
        vendor = choose_vendor(domain, code, config.seed)
        for frame in domain.frames(ctx):
            writer.write_frame(domain, vendor, frame)
    return MunicipalityResult(code, writer.files, writer.faults)


def _check_output(out: Path) -> None:
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST).exists():
        raise OutputExists(f"{out} is not empty and holds no {MANIFEST}: refusing to write generated data there",
                           hint="choose an empty or new directory")
    if (out / "deliveries").exists():
        import shutil

        shutil.rmtree(out / "deliveries")


def generate(config: SynthConfig, out: Path, workers: int = 1,
             on_progress: Callable[[int, int], None] | None = None) -> SynthResult:
    """Generate into ``out`` (an empty directory or an earlier generator output, which is replaced).

    ``on_progress(done_weight, total_weight)`` is called as municipalities finish; the
    weight is the municipality's population, which is what the work is proportional to.
    """
    out = Path(out)
    _check_output(out)
    out.mkdir(parents=True, exist_ok=True)
    codes = sorted(config.municipality_codes, key=lambda c: -reference.municipality(c).population)
    weights = {c: reference.municipality(c).population for c in codes}
    total, done = sum(weights.values()), 0
    results: list[MunicipalityResult] = []
    if workers <= 1 or len(codes) == 1:
        for code in codes:
            results.append(generate_municipality(config, code, out))
            done += weights[code]
            if on_progress:
                on_progress(done, total)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(generate_municipality, config, code, out): code for code in codes}
            for future in as_completed(futures):
                results.append(future.result())
                done += weights[futures[future]]
                if on_progress:
                    on_progress(done, total)
    results.sort(key=lambda r: r.code)
    files = [f for r in results for f in r.files]
    faults = [f for r in results for f in r.faults]
    _write_index(out / INDEX, files)
    _write_manifest(out / MANIFEST, config, files, faults)
    return SynthResult(out, config, files, faults)


def _write_index(path: Path, files: list[FileEntry]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(FileEntry.__dataclass_fields__), lineterminator="\n")
        writer.writeheader()
        for f in files:
            writer.writerow(f.to_dict())


def _write_manifest(path: Path, config: SynthConfig, files: list[FileEntry], faults: list[Fault]) -> None:
    vendors: dict[str, dict[str, str]] = {}
    for f in files:
        vendors.setdefault(str(f.municipality), {})[f.domain] = f.vendor
    manifest = {
        "generator": "flis synth",
        "version": __version__,
        "config": config.to_dict(),
        "files": len(files),
        "records": sum(f.records for f in files),
        "vendors": vendors,
        "faults": [dict(id=i + 1, **f.to_dict()) for i, f in enumerate(faults)],
    }
    path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_manifest(out: Path) -> dict:
    return json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
