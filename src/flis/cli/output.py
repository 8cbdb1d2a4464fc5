"""Shared output helpers: consoles, tables, JSON, progress bars."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table

console = Console()
console_err = Console(stderr=True)


def print_json(data: object) -> None:
    """Machine-readable output on stdout (no colours, no wrapping)."""
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_table(title: str, columns: Sequence[str], rows: Iterable[Sequence[object]],
                justify: Sequence[str] | None = None) -> None:
    table = Table(title=title, title_justify="left", show_lines=False)
    for i, name in enumerate(columns):
        table.add_column(name, justify=(justify[i] if justify else "left"))  # type: ignore[arg-type]
    for row in rows:
        table.add_row(*(str(v) for v in row))
    console.print(table)


@contextmanager
def progress_bar(description: str, total: float, percent: bool = False):
    """A rich progress bar; yields ``update(completed)``. ``percent`` shows % instead of n/total."""
    count = TaskProgressColumn() if percent else MofNCompleteColumn()
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), count,
                  TimeElapsedColumn(), TimeRemainingColumn(), console=console_err, transient=False) as progress:
        task = progress.add_task(description, total=total)

        def update(completed: float, total_now: float | None = None) -> None:
            progress.update(task, completed=completed, total=total_now or total)

        yield update
