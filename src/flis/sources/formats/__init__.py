"""File-format readers: the bytes of one delivered file to a table of strings and findings.

``read(data, fmt, file)`` picks the reader for ``fmt.kind``:

============  ==========================================================================
``csv``       :mod:`.delimited` (pyarrow's CSV parser; the csv module for odd files)
``fixed``     :mod:`.fixed` (byte offsets and ``take``; lines of the wrong length left out)
``xml``       :mod:`.xml` (numpy checks of flat records; expat for everything else)
``jsonl``     :mod:`.jsonl` (pyarrow's JSON reader; the json module for odd files)
``xlsx``      :mod:`.xlsx` (pyarrow string kernels over the sheet XML; openpyxl for odd files)
============  ==========================================================================

Every reader returns string columns named as in the file plus ``_line``, and reports
what it cannot read as findings with stable codes (see ``docs/findings.md``):
``read.encoding``, ``read.suspect_encoding``, ``read.truncated``, ``read.malformed``,
``read.wrong_length``, ``read.field_count``, ``read.unexpected_root`` and ``read.empty``.
A reader never raises on bad input; should one fail on a file nobody foresaw, that
becomes a FATAL ``read.malformed`` for the file rather than a stopped national ingest.

``read_many(datas, fmt, files)`` reads several files of one format and gives each what ``read``
gives it alone. Formats with a joint reader (``JOINT``) read small files together, which saves the
fixed cost of a reader call per file (most monthly deliveries are small); the rest are read one by one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flis.findings import Severity
from flis.sources.formats import delimited, fixed, jsonl, xlsx, xml
from flis.sources.formats._common import empty_table, finding
from flis.sources.formats.base import LINE, FileFormat, FixedField, ReadResult

__all__ = ["JOINT", "LINE", "READERS", "FileFormat", "FixedField", "ReadResult", "read", "read_many"]

log = logging.getLogger(__name__)

READERS: dict[str, Callable[[bytes, FileFormat, str], ReadResult]] = {
    "csv": delimited.read,
    "fixed": fixed.read,
    "xml": xml.read,
    "jsonl": jsonl.read,
    "xlsx": xlsx.read,
}

JOINT: dict[str, Callable[[list[bytes], FileFormat, list[str]], list[ReadResult | None]]] = {
    "csv": delimited.read_joint,
    "fixed": fixed.read_joint,
    "jsonl": jsonl.read_joint,
    "xml": xml.read_joint,
    "xlsx": xlsx.read_joint,
}
"""Joint readers: the results of several files, None for each file they leave to ``read``."""


def read_many(datas: list[bytes], fmt: FileFormat, files: list[str]) -> list[ReadResult]:
    """``read`` for several files of one format (see the module)."""
    joint: list[ReadResult | None] = [None] * len(datas)
    if len(datas) > 1 and fmt.kind in JOINT:
        try:
            joint = JOINT[fmt.kind](datas, fmt, files)
        except Exception:  # the files are read one by one, and whatever went wrong is found there
            log.exception("reading %d files as %s together failed", len(datas), fmt.kind)
    return [read(data, fmt, file) if result is None else _noted(result, file)
            for data, file, result in zip(datas, files, joint)]


def read(data: bytes, fmt: FileFormat, file: str) -> ReadResult:
    """Read one delivered file; ``file`` is the name the findings use."""
    reader = READERS.get(fmt.kind)
    if reader is None:
        raise ValueError(f"unknown file format kind {fmt.kind!r} (expected one of {', '.join(READERS)})")
    try:
        result = reader(data, fmt, file)
    except Exception as exc:  # a reader bug must not stop the ingest of every other file
        log.exception("reading %s as %s failed", file, fmt.kind)
        result = ReadResult(empty_table(), [], [finding(
            "read.malformed", Severity.FATAL,
            f"the file could not be read as {fmt.kind} ({type(exc).__name__}: {exc}); this is unexpected, "
            f"please report it together with the file", file)])
    return _noted(result, file)


def _noted(result: ReadResult, file: str) -> ReadResult:
    if result.table.num_rows == 0 and result.readable:
        result.findings.append(finding(
            "read.empty", Severity.INFO, "the file holds no records; expected at least one record (this may "
            "be right, e.g. a month without events)", file))
    return result
