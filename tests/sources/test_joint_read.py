"""Reading small files together (``read_many``) gives each file exactly what reading it alone gives.

The joint readers exist for speed only, so every test compares them with ``read``: on hand-made files whose
results are worked out by hand, on the generator's files (clean and damaged), and on generated and mutated
files, where whatever the joint reader cannot take must be left to ``read``.
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flis.ingest.declaration import declare
from flis.sources.adapter import load_adapters
from flis.sources.formats import JOINT, LINE, FileFormat, FixedField, ReadResult, jsonl, read, read_many


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


CSV = FileFormat("csv")
JSONL = FileFormat("jsonl")
FIXED = FileFormat("fixed", fixed_fields=(FixedField("id", 3), FixedField("navn", 5)))


def _same(joint: ReadResult, alone: ReadResult) -> None:
    assert joint.columns == alone.columns
    assert joint.table.schema == alone.table.schema
    assert joint.table.to_pydict() == alone.table.to_pydict()
    assert joint.findings == alone.findings
    assert joint.attributes == alone.attributes
    assert joint.trimmed == alone.trimmed


def _check(datas: list[bytes], fmt: FileFormat) -> list[ReadResult]:
    files = [f"f{i}.{fmt.kind}" for i in range(len(datas))]
    together = read_many(datas, fmt, files)
    for data, file, joint in zip(datas, files, together):
        _same(joint, read(data, fmt, file))
    return together


def test_csv_files_read_together_by_hand():
    a = b"id;navn\n1;Anna\n2;\n"
    b = "id;navn\r\n3;Bo\r\n4;Åse\r\n5;x\r\n".encode()
    taken = JOINT["csv"]([a, b], CSV, ["a.csv", "b.csv"])
    assert all(r is not None for r in taken)  # both were read in one go ...
    assert taken[0].table.to_pydict() == {"id": ["1", "2"], "navn": ["Anna", None], LINE: [2, 3]}
    assert taken[1].table.to_pydict() == {"id": ["3", "4", "5"], "navn": ["Bo", "Åse", "x"], LINE: [2, 3, 4]}
    _check([a, b], CSV)  # ... and read as each is read alone


def test_csv_files_the_joint_reader_leaves_alone():
    plain = b"id;navn\n1;a\n"
    other_header = b"id;name\n1;a\n"
    blank_line = b"id;navn\n1;a\n\n2;b\n"
    header_only = b"id;navn\n"
    empty = b""
    taken = JOINT["csv"]([plain, other_header, blank_line, header_only, empty, plain], CSV, list("abcdef"))
    assert [r is not None for r in taken] == [True, False, False, False, False, True]
    wrong_count = b"id;navn\n1;a;extra\n"
    spanning = b'id;navn\n1;"a\nb"\n'
    for odd in (wrong_count, spanning):  # a joint parse that is not one record per line: all read alone
        assert JOINT["csv"]([plain, odd, plain], CSV, list("abc")) == [None, None, None]
        _check([plain, odd, plain], CSV)
    _check([plain, other_header, blank_line, header_only, empty, plain], CSV)


def test_truncated_and_wrongly_encoded_files_keep_their_findings():
    truncated = b"id;navn\n1;a\n2;b"
    cp1252 = "id;navn\n1;Søren\n".encode("cp1252")
    together = _check([truncated, cp1252, b"id;navn\n3;c\n"], CSV)
    assert [f.code for f in together[0].findings] == ["read.truncated"]
    assert [f.code for f in together[1].findings] == ["read.encoding"]


def _groups(run) -> dict[int, list]:
    adapters = load_adapters()
    groups: dict[int, list] = defaultdict(list)
    for f in sorted(run.out.rglob("*")):
        if f.is_file() and f.suffix not in (".json",) and f.name != "deliveries.csv":
            decl, findings = declare(f.name, adapters)
            if decl.usable and not findings:
                groups[id(decl.file_adapter)].append((f, decl.file_adapter.format))
    return groups


def test_the_generators_files_read_together_as_alone(clean_run, read_fault_run, all_fault_run):
    joined = 0
    for run in (clean_run, read_fault_run, all_fault_run):
        for members in _groups(run).values():
            fmt = members[0][1]
            datas, names = [f.read_bytes() for f, _ in members], [f.name for f, _ in members]
            if fmt.kind in JOINT:
                joined += sum(r is not None for r in JOINT[fmt.kind](datas, fmt, names))
            for data, name, joint in zip(datas, names, read_many(datas, fmt, names)):
                _same(joint, read(data, fmt, name))
    assert joined > 100


CELL = st.text(alphabet=st.sampled_from(list('ab;"æ \t\r\n')), max_size=4)


def _mutated(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for where, byte in edits:
        if out:
            out[where % len(out)] = byte
    return bytes(out)


EDITS = st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(b'\n\r;"a\xe6\xc3\x00 ')), max_size=2)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.lists(st.tuples(CELL, CELL), max_size=4), EDITS,
                          st.sampled_from([b"id;navn\n", b"id;navn\r\n", b"navn;id\n", b""])), min_size=2, max_size=5),
       st.sampled_from(["utf-8", "cp1252"]))
def test_csv_generated_and_mutated_files_read_together_as_alone(files, encoding):
    datas = []
    for rows, edits, header in files:
        body = "".join(f"{a};{b}\n" for a, b in rows).encode(encoding, errors="replace")
        datas.append(_mutated(header + body, edits))
    _check(datas, FileFormat("csv", encoding=encoding))


def test_jsonl_files_read_together_by_hand():
    a = b'{"id": 1, "navn": "Anna"}\n{"id": 2, "navn": null}\n'
    b = '\n{"navn": "Åse", "id": 3, "dato": "2024-01-31"}\n'.encode()
    c = b'{"id": 4, "navn": "Bo", "note": "dato"}\n'
    taken = JOINT["jsonl"]([a, b, c], JSONL, ["a", "b", "c"])
    assert taken[0].columns == ["id", "navn"]  # the keys of each file, in its own order
    assert taken[0].table.to_pydict() == {"id": ["1", "2"], "navn": ["Anna", None], LINE: [1, 2]}
    assert taken[1].columns == ["navn", "id", "dato"]
    assert taken[1].table.to_pydict() == {"navn": ["Åse"], "id": ["3"], "dato": ["2024-01-31"], LINE: [2]}
    assert taken[2] is None  # "dato" is in the file, though not as a key: left to read
    _check([a, b, c], JSONL)


KEYS = st.sampled_from(["id", "navn", "dato", "beløb"])
TYPED = {"text": st.sampled_from(["", "a", "x\\\"y", "ø", "dato"]), "date": st.sampled_from(["2024-01-31", "2024-02-29T10:00:00"]),
         "whole": st.integers(-10**6, 10**6), "decimal": st.floats(-1e6, 1e6, allow_nan=False), "flag": st.booleans()}
VALUE = st.one_of(st.none(), *TYPED.values())
RECORD = st.dictionaries(KEYS, VALUE, min_size=1)


@st.composite
def _jsonl_files(draw) -> list[bytes]:
    """Files whose keys keep one type each (mostly), some with keys of their own, a few damaged."""
    types = draw(st.fixed_dictionaries({k: st.sampled_from(sorted(TYPED)) for k in ["id", "navn", "dato", "beløb"]}))
    typed = st.fixed_dictionaries({"id": TYPED[types["id"]]},
                                  optional={k: st.none() | TYPED[types[k]] for k in ["navn", "dato", "beløb"]})
    files = draw(st.lists(st.tuples(st.lists(typed, min_size=1, max_size=4) | st.lists(RECORD, max_size=4),
                                    st.just([]) | st.just([]) | st.just([]) | EDITS), min_size=2, max_size=5))
    return [_mutated("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode(), edits)
            for records, edits in files]


@settings(max_examples=150, deadline=None)
@given(datas=_jsonl_files(), small_sample=st.booleans())
def test_jsonl_generated_and_mutated_files_read_together_as_alone(datas, small_sample, monkeypatch_module):
    names = [f"f{i}.jsonl" for i in range(len(datas))]
    with monkeypatch_module.context() as patch:
        if small_sample:  # the joint parse learns the types from a sample of its start, as a large file does
            patch.setattr(jsonl, "SAMPLE", 64)
        together = read_many(datas, JSONL, names)
    for data, name, joint in zip(datas, names, together):
        _same(joint, read(data, JSONL, name))


XML = FileFormat("xml", root="elever", record="elev")


def _xml(records: str, attributes: str = ' kommune="101"', prolog: str = '<?xml version="1.0"?>\n') -> bytes:
    return f"{prolog}<elever{attributes}>\n{records}</elever>\n".encode()


def test_xml_files_read_together_by_hand():
    a = _xml("  <elev><id>1</id><navn>Anna &amp; Bo</navn></elev>\n  <elev><id>2</id><navn/></elev>\n")
    b = _xml("\n\n  <elev><navn>Åse</navn><id>3</id></elev>\n", ' kommune="147"', "")
    c = _xml("  <elev><id>4</id></elev>\n  <elev><id>5</id><navn>x</navn></elev>\n")
    d = _xml("  <post><id>6</id></post>\n")
    e = _xml("  <elev><navn>y</navn></elev>\n  <elev><dato>d</dato><navn/><id>7</id></elev>\n")
    taken = JOINT["xml"]([a, b, c, d, e], XML, list("abcde"))
    assert taken[0].table.to_pydict() == {"id": ["1", "2"], "navn": ["Anna & Bo", None], LINE: [3, 4]}
    assert taken[0].attributes == {"kommune": "101"}
    assert taken[1].columns == ["navn", "id"]  # each file's fields in its own order
    assert taken[1].table.to_pydict() == {"navn": ["Åse"], "id": ["3"], LINE: [4]}
    assert taken[1].attributes == {"kommune": "147"}
    # Fields its first record lacks: each where it first appears, after the field before it.
    assert taken[2].columns == ["id", "navn"]
    assert taken[2].table.to_pydict() == {"id": ["4", "5"], "navn": [None, "x"], LINE: [3, 4]}
    assert taken[3] is None  # records of another element
    assert taken[4].columns == ["dato", "navn", "id"]  # first in its record: first of all
    assert taken[4].table.to_pydict() == {"dato": [None, "d"], "navn": ["y", None], "id": [None, "7"], LINE: [3, 4]}
    _check([a, b, c, d, e], XML)


def test_xml_files_the_joint_reader_leaves_alone():
    plain = _xml("<elev><id>1</id></elev>\n")
    truncated = plain[:-12]
    empty = _xml("")
    self_closing = b"<elever/>\n"
    text_after = _xml("<elev><id>1</id></elev>\ntext\n")
    unclosed = _xml("<elev><id>1</id>\n")
    stray = _xml("<id>7</id><elev><id>1</id></elev>\n")
    datas = [plain, truncated, empty, self_closing, text_after, unclosed, stray, plain]
    taken = JOINT["xml"](datas, XML, [str(i) for i in range(len(datas))])
    assert [r is not None for r in taken] == [True] + [False] * 6 + [True]
    _check(datas, XML)
    spans = [_xml("<elev><id>1</id>\n"), _xml("<id>2</id></elev>\n")]  # one record across two files
    assert JOINT["xml"](spans, XML, ["a", "b"]) == [None, None]
    _check(spans, XML)


FIELD_VALUE = st.sampled_from(["", "1", "Åse", "a &amp; b", "x\r\ny", "  ", "&lt;", "2024-01-31"])


@st.composite
def _xml_files(draw) -> list[bytes]:
    """Files of records whose fields mostly keep one order, with other record elements, odd text and damage."""
    order = draw(st.permutations(["id", "navn", "dato"]))
    plain = st.lists(st.sampled_from(order), unique=True, min_size=1).map(lambda f: sorted(f, key=order.index))
    fields = st.one_of(*[plain] * 30, st.lists(st.sampled_from(["id", "navn", "dato", "elev"]), max_size=3))
    record = st.tuples(st.sampled_from(["elev"] * 30 + ["post"]), fields,
                       st.lists(FIELD_VALUE, min_size=3, max_size=3), st.sampled_from(["\n", "", "\r\n  "]))
    files = []
    for records, edits, closed in draw(st.lists(st.tuples(st.lists(record, min_size=1, max_size=3),
                                                          st.one_of(*[st.just([])] * 4, EDITS),
                                                          st.sampled_from([True] * 8 + [False])), min_size=2, max_size=5)):
        body = "".join(f"<{name}>" + "".join(f"<{f}/>" if not v else f"<{f}>{v}</{f}>" for f, v in zip(names, values))
                       + (f"</{name}>" if closed else "") + gap for name, names, values, gap in records)
        files.append(_mutated(_xml(body), edits))
    return files


@settings(max_examples=150, deadline=None)
@given(_xml_files())
def test_xml_generated_and_mutated_files_read_together_as_alone(datas):
    _check(datas, XML)


def test_fixed_width_files_read_together_by_hand():
    a = b"001Anna \n002Bo   \n"
    b = b"003Aase \r\n04short\r\n005Carl \r\n"
    c = "006Åse  \n".encode()
    taken = JOINT["fixed"]([a, b, c], FIXED, ["a", "b", "c"])
    assert taken[0].table.to_pydict() == {"id": ["001", "002"], "navn": ["Anna", "Bo"], LINE: [1, 2]}
    assert taken[1].table.to_pydict() == {"id": ["003", "005"], "navn": ["Aase", "Carl"], LINE: [1, 3]}
    assert [(f.code, f.line, f.file) for f in taken[1].findings] == [("read.wrong_length", 2, "b")]
    assert taken[2] is None  # not ASCII: left to read
    _check([a, b, c], FIXED)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.lists(st.tuples(st.text("0123456789", min_size=3, max_size=3),
                                             st.text(alphabet=st.sampled_from(list("ab \t") * 8 + ["ø"]), max_size=6)),
                                   max_size=5),
                          st.sampled_from(["\n", "\r\n"]), st.just([]) | st.just([]) | EDITS),
                min_size=2, max_size=5))
def test_fixed_width_generated_and_mutated_files_read_together_as_alone(files):
    datas = [_mutated("".join(f"{i}{n:<5}"[:8] + end for i, n in lines).encode(), edits) for lines, end, edits in files]
    _check(datas, FIXED)
