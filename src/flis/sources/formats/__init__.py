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
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flis.findings import Severity
from flis.sources.formats import delimited, fixed, jsonl, xlsx, xml
from flis.sources.formats._common import empty_table, finding
from flis.sources.formats.base import LINE, FileFormat, FixedField, ReadResult

__all__ = ["LINE", "FileFormat", "FixedField", "ReadResult", "read", "READERS"]

log = logging.getLogger(__name__)

READERS: dict[str, Callable[[bytes, FileFormat, str], ReadResult]] = {
    "csv": delimited.read,
    "fixed": fixed.read,
    "xml": xml.read,
    "jsonl": jsonl.read,
    "xlsx": xlsx.read,
}


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
    if result.table.num_rows == 0 and result.readable:
        result.findings.append(finding(
            "read.empty", Severity.INFO, "the file holds no records; expected at least one record (this may "
            "be right, e.g. a month without events)", file))
    return result
