"""Flat XML: a root element (with attributes such as municipality and period), under it
one element per record, and in each record one child element per field.

Three paths, from fast to careful:

1. expat reads only up to the root's start tag (the prolog and the root's attributes),
   and the records are read and checked by numpy (:mod:`._xmlflat`); this is the path
   for every clean vendor file.
2. When that is not possible, expat parses the whole file without handlers (C speed)
   and its error, if any, is the finding: ``read.truncated`` when the input ended too
   early, ``read.malformed`` (with the parser's line) otherwise.
3. Records are then read with expat handlers, one Python call per element: correct for
   CDATA, character references, comments, attributes (as ``@name`` columns) and nested
   elements (as ``parent/child`` columns), and it keeps the records before an error.

Root and record element names are checked against ``fmt.root`` / ``fmt.record``
(``read.unexpected_root``); a missing element and an empty element are both null.

Several small files are read together (:func:`read_joint`): the records of each complete file, one file
after the other, go through one numpy pass, and each file gets exactly what :func:`read` gives it alone.
"""

from __future__ import annotations

import re
from xml.parsers import expat

import numpy as np
import pyarrow as pa

from flis.findings import Finding, Severity
from flis.sources.formats._common import decode, empty_table, finding, lines_at, table
from flis.sources.formats._xmlflat import PARALLEL_FROM, Flat, first_record, place, read_flat
from flis.sources.formats.base import LINE, FileFormat, ReadResult

_START_TAG = re.compile(rb"""<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")
_FIRST_RECORD = re.compile(rb"\s*<([A-Za-z_][A-Za-z0-9_.\-]*)>")
_TRUNCATION = {expat.errors.codes[m] for m in (expat.errors.XML_ERROR_NO_ELEMENTS,
                                                expat.errors.XML_ERROR_UNCLOSED_TOKEN,
                                                expat.errors.XML_ERROR_PARTIAL_CHAR,
                                                expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION)}


class _Root(Exception):
    def __init__(self, name: str, attributes: dict[str, str], offset: int, line: int) -> None:
        self.name, self.attributes, self.offset, self.line = name, attributes, offset, line


def read(data: bytes, fmt: FileFormat, file: str) -> ReadResult:
    buf, findings = decode(data, fmt.encoding, file)
    root = _find_root(buf)
    tag = _START_TAG.match(buf, root.offset) if root else None
    flat = _whole(buf, root, tag) if tag else None
    if flat is None:
        problem = _diagnose(buf, file)
        if problem is not None:
            findings.append(problem)
            if problem.code == "read.truncated" and tag:
                flat = _complete_records(buf, tag)
    if flat is not None:
        lines = lines_at(flat.newlines, flat.starts) + buf.count(b"\n", 0, tag.end())
        findings += _names(fmt, root.name, root.line, [flat.record] if len(lines) else [], lines[:1],
                           [len(lines)], file)
        return ReadResult(table(flat.names, flat.columns, lines), flat.names, findings, root.attributes)
    names, columns, lines, root_name, root_line, attributes, records = _careful(buf)
    if root_name is None:
        return ReadResult(empty_table(), [], findings)
    findings += _names(fmt, root_name, root_line, *records, file=file)
    return ReadResult(table(names, columns, lines), names, findings, attributes)


def read_joint(datas: list[bytes], fmt: FileFormat, files: list[str]) -> list[ReadResult | None]:
    """:func:`read` for several files at once; None for each file left to :func:`read`.

    A file is taken when it is complete and its root's content is whole records of the same element as the
    first file's; its fields are those it has alone (:func:`_alone_order`). A joint pass that is not flat
    leaves every file to :func:`read`."""
    out: list[ReadResult | None] = [None] * len(datas)
    members, record = [], None
    for at, (data, file) in enumerate(zip(datas, files)):
        buf, findings = decode(data, fmt.encoding, file)
        root = _find_root(buf)
        tag = _START_TAG.match(buf, root.offset) if root else None
        content = _content(buf, root, tag) if tag else None
        if content is None:
            continue
        start, stop = content
        first = buf.find(b"<", start, stop)
        head = first_record(buf, first, stop) if first >= 0 else None
        last = buf.rfind(b"</" + head[0] + b">", start, stop) if head else -1
        if last < 0 or buf[last + len(head[0]) + 3: stop].strip():
            continue
        record = head[0] if record is None else record
        if head[0] == record:
            members.append((at, buf, findings, root, tag, content, head[1]))
    if len(members) < 2:
        return out
    regions = [buf[start: stop] for _, buf, _, _, _, (start, stop), _ in members]
    flat = read_flat(b"".join(regions), 0, sum(map(len, regions)))
    if flat is None:
        return out
    bounds = np.cumsum([0] + [len(r) for r in regions])
    owner = np.searchsorted(bounds, flat.starts, side="right") - 1
    counts = np.bincount(owner, minlength=len(members))
    lines = lines_at(flat.newlines, flat.starts).astype(np.int64)
    lines += np.repeat([buf.count(b"\n", 0, tag.end()) for _, buf, _, _, tag, _, _ in members], counts)
    lines -= np.repeat(np.searchsorted(flat.newlines, bounds[:-1]), counts)
    joint = table(flat.names, flat.columns, lines)
    for (at, buf, findings, root, _, (start, stop), fields), first, count in zip(
            members, np.cumsum(counts) - counts, counts):
        names = _alone_order(buf, start, stop, flat.record.encode("utf-8"), fields,
                             [n.encode("utf-8") for n in flat.names if n.encode("utf-8") not in fields])
        if count and names is not None:
            found = findings + _names(fmt, root.name, root.line, [flat.record], lines[first: first + 1], [count],
                                      files[at])
            out[at] = ReadResult(joint.slice(first, count).select(names + [LINE]), names, found, root.attributes)
    return out


def _alone_order(buf: bytes, start: int, stop: int, record: bytes, fields: list[bytes],
                 others: list[bytes]) -> list[str] | None:
    """The fields of a file of flat records, read alone, in their order: those of its first record, then each
    of ``others`` (the fields of the files read with it) that it has, placed where it first appears as the flat
    reader places it (:func:`._xmlflat.place`).

    None for a file of more than one part (``PARALLEL_FROM``) with fields its first record lacks: its parts
    are read in threads, and their fields are ordered when the parts are joined."""
    firsts = []
    for name in others:
        found = [at for at in (buf.find(b"<" + name + b">", start, stop), buf.find(b"<" + name + b"/>", start, stop))
                 if at >= 0]
        if found:
            firsts.append((min(found), name))
    if firsts and stop - start >= PARALLEL_FROM:
        return None
    order = list(fields)
    for at, name in sorted(firsts):
        before = buf.rfind(b"<", start, at)
        place(order, name, buf[before + 1: buf.index(b">", before)].strip(b"/"), record)
    return [name.decode("utf-8") for name in order]


def _content(buf: bytes, root: _Root, tag: re.Match) -> tuple[int, int] | None:
    """Where the root's content starts and stops, when the file ends with the root's end tag (and the root
    is not empty)."""
    if tag.group(1):
        return None
    end = b"</" + root.name.encode("utf-8")
    close = buf.rfind(end)
    if close > tag.end() and re.fullmatch(re.escape(end) + rb"\s*>\s*", buf[close:]):
        return tag.end(), close
    return None


def _whole(buf: bytes, root: _Root, tag: re.Match) -> Flat | None:
    """The fast path for a complete file: the root's content, when the file ends with its end tag."""
    if tag.group(1):
        return read_flat(buf, tag.end(), tag.end()) if not buf[tag.end():].strip() else None
    content = _content(buf, root, tag)
    return read_flat(buf, *content) if content else None


def _complete_records(buf: bytes, tag: re.Match) -> Flat | None:
    """The fast path for a cut-off file: the records up to the last complete one."""
    first = _FIRST_RECORD.match(buf, tag.end())
    if not first:
        return None
    closing = b"</" + first.group(1) + b">"
    cut = buf.rfind(closing)
    return read_flat(buf, tag.end(), cut + len(closing)) if cut > tag.end() else None


def _find_root(buf: bytes) -> _Root | None:
    """The root element's name, attributes and position, parsing no further than its start tag."""
    parser = expat.ParserCreate("utf-8")

    def start(name: str, attributes: dict[str, str]) -> None:
        raise _Root(name, attributes, parser.CurrentByteIndex, parser.CurrentLineNumber)

    parser.StartElementHandler = start
    try:
        parser.Parse(buf, True)
    except _Root as root:
        return root
    except expat.ExpatError:
        return None
    return None


def _diagnose(buf: bytes, file: str) -> Finding | None:
    """expat's verdict on the whole file, as a finding (None when the file is well-formed)."""
    parser = expat.ParserCreate("utf-8")
    try:
        parser.Parse(buf, True)
    except expat.ExpatError as exc:
        reason = expat.errors.messages[exc.code]
        if exc.code in _TRUNCATION:
            line = buf.count(b"\n") + (0 if buf.endswith(b"\n") else 1)
            return finding(
                "read.truncated", Severity.FATAL,
                f"line {max(line, 1)}: the file ends in the middle of a record ({reason}); expected the file "
                f"to end with the closing tag of its root element. The file was probably cut off in "
                f"transfer; the complete records before it were read, ask the vendor to deliver the "
                f"complete file.",
                file, max(line, 1), expected="the closing root tag")
        return finding(
            "read.malformed", Severity.FATAL,
            f"line {exc.lineno}, column {exc.offset + 1}: the file is not well-formed XML ({reason}); "
            f"expected XML the parser can read. The records before this point were read.",
            file, exc.lineno, expected="well-formed XML")
    return None


def _names(fmt: FileFormat, root: str, root_line: int, records: list[str],
           first_lines: list[int] | np.ndarray, counts: list[int], file: str) -> list[Finding]:
    """``read.unexpected_root`` for a root or record element that is not the declared one."""
    out = []
    if fmt.root and root != fmt.root:
        out.append(finding(
            "read.unexpected_root", Severity.ERROR,
            f"line {root_line}: the root element is <{root}>; expected <{fmt.root}>. The file may be another "
            f"kind of file than its name says.", file, root_line, value=root, expected=fmt.root))
    for name, line, count in zip(records, first_lines, counts):
        if fmt.record and name != fmt.record:
            more = f"; {count} records like this, the first on line {int(line)}" if count > 1 else ""
            out.append(finding(
                "read.unexpected_root", Severity.ERROR,
                f"line {int(line)}: a record is a <{name}> element; expected <{fmt.record}>{more}. They were "
                f"read as records all the same.", file, int(line), value=name, expected=fmt.record,
                count=count))
    return out


class _Collector:
    """expat handlers that gather records: the careful path (one Python call per element)."""

    def __init__(self, parser: expat.XMLParserType) -> None:
        self.parser = parser
        self.depth = 0
        self.path: list[str] = []
        self.root: str | None = None
        self.root_line = 0
        self.attributes: dict[str, str] = {}
        self.order: list[str] = []
        self.rows: list[dict[str, str]] = []
        self.lines: list[int] = []
        self.record_names: dict[str, list[int]] = {}
        self.row: dict[str, str] = {}
        self.text: list[list[str]] = []
        self.children: list[bool] = []
        self.last: str | None = None

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.depth == 1:
            self.root, self.root_line, self.attributes = name, self.parser.CurrentLineNumber, dict(attributes)
            return
        if self.depth == 2:
            self.row, self.last = {}, None
            self.record_names.setdefault(name, []).append(self.parser.CurrentLineNumber)
            self.lines.append(self.parser.CurrentLineNumber)
            for key, value in attributes.items():
                self._put("@" + key, value)
            return
        if self.children:
            self.children[-1] = True
        self.path.append(name)
        self.text.append([])
        self.children.append(False)
        prefix = "/".join(self.path)
        for key, value in attributes.items():
            self._put(f"{prefix}/@{key}", value)

    def data(self, text: str) -> None:
        if self.text:
            self.text[-1].append(text)

    def end(self, name: str) -> None:
        self.depth -= 1
        if self.depth == 1:
            self.rows.append(self.row)
            return
        if self.depth < 1:
            return
        text = "".join(self.text.pop())
        had_children = self.children.pop()
        if not had_children or text.strip():
            self._put("/".join(self.path), text)
        self.path.pop()

    def _put(self, key: str, value: str) -> None:
        if key not in self.row:
            self.row[key] = value
        if key not in self.order:
            self.order.insert(0 if self.last is None else self.order.index(self.last) + 1, key)
        self.last = key


def _careful(buf: bytes) -> tuple[list[str], list[pa.Array], np.ndarray, str | None, int, dict[str, str],
                                   tuple[list[str], list[int], list[int]]]:
    parser = expat.ParserCreate("utf-8")
    parser.buffer_text = True
    collector = _Collector(parser)
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    parser.CharacterDataHandler = collector.data
    try:
        parser.Parse(buf, True)
    except expat.ExpatError:
        pass
    rows, lines = collector.rows, collector.lines[: len(collector.rows)]
    names = collector.order
    columns = [pa.array([row.get(name) for row in rows], pa.string()) for name in names]
    found = [(name, at) for name, at in collector.record_names.items()]
    records = ([n for n, _ in found], [at[0] for _, at in found], [len(at) for _, at in found])
    return (names, columns, np.array(lines, dtype=np.int64), collector.root, collector.root_line,
            collector.attributes, records)
