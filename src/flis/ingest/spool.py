"""Canonical rows handed from the ingest workers to the writing process through memory-mapped Arrow files.

Returning a table from a worker process pickles it through a pipe: every buffer is copied several
times and both processes spend CPU on it (about a tenth of the workers' time at scale 1.0). Instead
a worker writes the rows once as an Arrow IPC file into a spool folder (in ``/dev/shm`` where there
is one, so the bytes stay in memory), and the writer maps the file without copying it. The folder
belongs to one ingest run and is removed at its end; folders left by a run that was killed are
removed by the next run.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa

PREFIX = "flis-spool-"
SPOOL_FROM = 5_000
"""Tables with fewer rows go through the pipe: for them the files would cost more than they save."""


MIN_FREE = 2 << 30
"""Bytes ``/dev/shm`` must have free to be used (containers often give it 64 MB)."""


def _base() -> Path:
    shm = Path("/dev/shm")
    try:
        if shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free >= MIN_FREE:
            return shm
    except OSError:
        pass
    return Path(tempfile.gettempdir())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        pass
    return True


class Spool:
    """A folder for one ingest run (created by the writing process, written by its workers)."""

    def __init__(self, base: Path | None = None) -> None:
        base = base or _base()
        for old in base.glob(PREFIX + "*"):  # left by a run that was killed
            pid = old.name[len(PREFIX):].split("-")[0]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(old, ignore_errors=True)
        self.root = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=base))

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


_COUNTER = itertools.count()


def put(root: str, table: pa.Table) -> str | None:
    """In a worker: write ``table`` into the spool folder ``root``; returns the file's path, or None when it
    could not be written (a full disk: the table then goes through the pipe)."""
    path = os.path.join(root, f"{os.getpid()}-{next(_COUNTER)}.arrow")
    try:
        with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(path)
        return None
    return path


def take(path: str) -> pa.Table:
    """In the writer: the table, mapped from its file; the file is unlinked at once (the mapping stays
    valid until the table is released)."""
    with pa.memory_map(path, "r") as source:
        table = pa.ipc.open_file(source).read_all()
    os.unlink(path)
    return table
