"""The XML reader on hand-written files: the numpy path, the careful expat path and their findings."""

from __future__ import annotations

import pytest

from flis.findings import Severity
from flis.sources.formats import LINE, FileFormat, read
from flis.sources.formats import xml as xml_reader
from flis.sources.formats._xmlflat import read_flat

FMT = FileFormat("xml", root="Elever", record="Elev")

FLAT = """<?xml version="1.0" encoding="UTF-8"?>
<Elever kommunekode="101" periode="2024-01">
  <Elev><Id>E1</Id><Navn>Søren &amp; Co &lt;3&gt;</Navn><Klasse>7A</Klasse></Elev>
  <Elev><Id>E2</Id><Navn></Navn><Klasse/></Elev>
  <Elev><Id>E3</Id><Klasse>9B</Klasse></Elev>
</Elever>
"""
EXPECTED = [
    {"Id": "E1", "Navn": "Søren & Co <3>", "Klasse": "7A", LINE: 3},
    {"Id": "E2", "Navn": None, "Klasse": None, LINE: 4},
    {"Id": "E3", "Navn": None, "Klasse": "9B", LINE: 5},
]


def rows(result) -> list[dict]:
    return result.table.to_pylist()


def codes(result) -> list[tuple[str, Severity, int | None]]:
    return [(f.code, f.severity, f.line) for f in result.findings]


def careful(text: str) -> list[dict]:
    """The same file through the expat path only."""
    names, columns, lines, *_ = xml_reader._careful(text.encode())
    return [dict(zip(names, values)) | {LINE: int(line)}
            for *values, line in zip(*[c.to_pylist() for c in columns], lines)] if names else []


def test_flat_records_with_missing_and_empty_elements_and_entities():
    result = read(FLAT.encode(), FMT, "f.xml")
    assert result.findings == []
    assert result.columns == ["Id", "Navn", "Klasse"]
    assert rows(result) == EXPECTED
    assert result.attributes == {"kommunekode": "101", "periode": "2024-01"}


def test_the_careful_path_reads_the_same():
    got = careful(FLAT)
    assert [{k: v or None for k, v in r.items()} for r in got] == EXPECTED


def test_records_spread_over_lines_start_on_their_start_tag():
    text = ("<?xml version='1.0'?>\r\n<Elever>\r\n  <Elev>\r\n    <Id>E1</Id>\r\n    <Navn>Bo</Navn>\r\n"
            "  </Elev>\r\n  <Elev>\r\n    <Id>E2</Id>\r\n  </Elev>\r\n</Elever>")
    result = read(text.encode(), FMT, "f.xml")
    assert rows(result) == [{"Id": "E1", "Navn": "Bo", LINE: 3}, {"Id": "E2", "Navn": None, LINE: 7}]


def test_a_field_first_seen_late_takes_its_place_in_file_order():
    text = "<R><E><A>1</A><C>3</C></E><E><A>1</A><B>2</B><C>3</C></E><E><Z>0</Z><A>1</A></E></R>"
    result = read(text.encode(), FileFormat("xml"), "f.xml")
    assert result.columns == ["Z", "A", "B", "C"]


@pytest.mark.parametrize("text, expected", [
    ("<R><E><A><![CDATA[x < y & z]]></A></E></R>", {"A": "x < y & z"}),
    ("<R><E><A>&#230;&#x F8;</A></E></R>".replace("&#x F8;", "&#xF8;"), {"A": "æø"}),
    ("<R><!-- kommentar --><E><A>1</A><!-- x --></E></R>", {"A": "1"}),
    ("<R><E id='7'><A>1</A></E></R>", {"@id": "7", "A": "1"}),
    ("<R><E><Adresse><Vej>Ny</Vej><Nr>3</Nr></Adresse></E></R>", {"Adresse/Vej": "Ny", "Adresse/Nr": "3"}),
    ("<R><E><A>a > b</A></E></R>", {"A": "a > b"}),
    ("<R><E><A>linje\r\nto</A></E></R>", {"A": "linje\nto"}),
    ("<R><E><A>&quot;&apos;</A></E></R>", {"A": "\"'"}),
])
def test_beyond_flat_text_is_read_correctly(text, expected):
    result = read(text.encode(), FileFormat("xml"), "f.xml")
    assert result.findings == []
    assert rows(result) == [expected | {LINE: 1}]


def test_a_declared_windows_1252_file():
    text = '<?xml version="1.0" encoding="windows-1252"?>\n<R>\n<E><A>Ærø</A></E>\n</R>\n'
    result = read(text.encode("cp1252"), FileFormat("xml", "cp1252"), "f.xml")
    assert rows(result) == [{"A": "Ærø", LINE: 3}]


def test_unexpected_root_and_record_names_are_errors_but_read():
    text = "<Personer>\n<Person><Id>1</Id></Person>\n<Person><Id>2</Id></Person>\n</Personer>"
    result = read(text.encode(), FMT, "f.xml")
    assert codes(result) == [("read.unexpected_root", Severity.ERROR, 1),
                             ("read.unexpected_root", Severity.ERROR, 2)]
    assert result.findings[1].count == 2
    assert "<Personer>" in result.findings[0].message and "<Elever>" in result.findings[0].message
    assert result.table.num_rows == 2


def test_mixed_record_names_are_counted_per_name():
    text = "<Elever>\n<Elev><Id>1</Id></Elev>\n<Laerer><Id>2</Id></Laerer>\n</Elever>"
    result = read(text.encode(), FMT, "f.xml")
    assert codes(result) == [("read.unexpected_root", Severity.ERROR, 3)]
    assert [r[LINE] for r in rows(result)] == [2, 3]


def test_not_well_formed_is_malformed_with_the_parsers_line():
    text = ("<Elever>\n<Elev><Id>1</Id></Elev>\n<Elev><Id>2</Navn></Elev>\n<Elev><Id>3</Id></Elev>\n"
            "</Elever>\n")
    result = read(text.encode(), FMT, "f.xml")
    assert codes(result) == [("read.malformed", Severity.FATAL, 3)]
    assert [r["Id"] for r in rows(result)] == ["1"]


def test_cut_off_is_truncated_and_the_complete_records_are_read():
    text = FLAT[: FLAT.index("<Klasse>9B")]
    result = read(text.encode(), FMT, "f.xml")
    assert codes(result) == [("read.truncated", Severity.FATAL, 5)]
    assert [r["Id"] for r in rows(result)] == ["E1", "E2"]


def test_cut_off_inside_a_tag_is_truncated_too():
    result = read(FLAT[: FLAT.index("Klasse>9B") - 3].encode(), FMT, "f.xml")
    assert codes(result) == [("read.truncated", Severity.FATAL, 5)]


@pytest.mark.parametrize("text", ["<Elever/>", "<Elever>\n</Elever>\n",
                                  '<?xml version="1.0"?>\n<Elever a="1"/>'])
def test_a_root_without_records_is_empty(text):
    result = read(text.encode(), FMT, "f.xml")
    assert codes(result) == [("read.empty", Severity.INFO, None)]


@pytest.mark.parametrize("data", [b"", b"<?xml version='1.0'?>", b"not xml at all"])
def test_no_root_at_all(data):
    result = read(data, FMT, "f.xml")
    assert not result.readable
    assert result.table.num_rows == 0


def test_junk_after_the_root_is_malformed():
    result = read(b"<Elever><Elev><Id>1</Id></Elev></Elever>\n<Elever/>", FMT, "f.xml")
    assert codes(result) == [("read.malformed", Severity.FATAL, 2)]


def test_the_numpy_path_declines_what_it_cannot_check():
    for body in (b"<E><A>1</A><A>2</A></E>", b"<E><A><B>1</B></A></E>", b"<E>text<A>1</A></E>",
                 b"<E><A>&#65;</A></E>", b"<E><A x='1'>1</A></E>", b"<E><A>1</B></E>", b"<E><A>1\x01</A></E>",
                 b"<E><A>1</A></E><F><A>2</A></F>"):
        assert read_flat(body, 0, len(body)) is None, body
    body = b"<E><A>1</A></E>\n<E><A>2</A><B/></E>"
    flat = read_flat(body, 0, len(body))
    assert flat.names == ["A", "B"] and flat.record == "E"


def test_long_and_similar_tag_names_are_told_apart():
    names = ["Institutionsnummer", "Institutionsnavn", "InstitutionsnummerGammel", "Fravaer", "FravaerSygdom",
             "FravaerLovligt", "A", "B" * 40]
    record = "".join(f"<{n}>{i}</{n}>" for i, n in enumerate(names))
    text = f"<R>{('<E>' + record + '</E>') * 3}</R>"
    result = read(text.encode(), FileFormat("xml"), "f.xml")
    assert result.columns == names
    assert rows(result)[2] == {n: str(i) for i, n in enumerate(names)} | {LINE: 1}
    # A close tag that differs from its start tag only in the middle of a long name is caught.
    bad = text.replace("</InstitutionsnummerGammel>", "</InstitutionsnumXerGammel>", 1)
    assert codes(read(bad.encode(), FileFormat("xml"), "f.xml"))[0][:2] == ("read.malformed", Severity.FATAL)


def test_chunks_and_threads_join_into_one_table(monkeypatch):
    """Tiny chunks force what only big files do: many chunks, parts read in threads, late fields."""
    from flis.sources.formats import _common, _xmlflat

    monkeypatch.setattr(_xmlflat, "CHUNK", 64)
    monkeypatch.setattr(_xmlflat, "PARALLEL_FROM", 128)
    monkeypatch.setattr(_common, "CHUNK", 32)
    monkeypatch.setattr(_xmlflat.pa, "cpu_count", lambda: 3)
    records = [f"<E><A>{i}</A>" + (f"<B>b{i}</B>" if i % 7 == 3 else "")
               + (f"<C>&amp;{i}</C>" if i > 30 else "") + "</E>" for i in range(60)]
    text = "<R>\n" + "\n".join(records) + "\n</R>\n"
    assert len(_xmlflat._parts(text.encode(), 4, len(text) - 6, 3)) == 3
    result = read(text.encode(), FileFormat("xml"), "f.xml")
    assert result.findings == []
    assert result.columns == ["A", "B", "C"]
    assert rows(result) == careful(text)
    assert [r[LINE] for r in rows(result)] == list(range(2, 62))


def test_a_root_closed_by_another_name_is_not_taken_for_closed():
    result = read(b"<R><E><A>1</A></E></RX>\n", FileFormat("xml"), "f.xml")
    assert codes(result) == [("read.malformed", Severity.FATAL, 1)]


def blank_is_null(records: list[dict]) -> list[dict]:
    return [{k: v if v != "" else None for k, v in r.items()} for r in records]


LONG = "Lang_feltnavn_nr_17"
UNIFORM = "<R>\n" + "".join(f"  <E><Id>{i}</Id><Navn>n&amp;{i}</Navn><Tom></Tom><{LONG}>x</{LONG}></E>\n"
                            for i in range(40)) + "</R>\n"


def test_records_alike_are_read_without_identifying_each_tag(monkeypatch):
    from flis.sources.formats import _xmlflat

    def identify(self, tags):
        raise AssertionError("every tag identified: the short way for records alike was not taken")

    monkeypatch.setattr(_xmlflat._Reader, "_identify", identify)
    result = read(UNIFORM.encode(), FileFormat("xml"), "f.xml")
    assert result.findings == []
    assert result.columns == ["Id", "Navn", "Tom", "Lang_feltnavn_nr_17"]
    assert rows(result)[7] == {"Id": "7", "Navn": "n&7", "Tom": None, "Lang_feltnavn_nr_17": "x", LINE: 9}
    assert rows(result) == blank_is_null(careful(UNIFORM))


@pytest.mark.parametrize("change", [
    # a close tag differing in its third word
    ("</Lang_feltnavn_nr_17></E>\n  <E><Id>5<", "</Lang_feltnavn_nr_1X></E>\n  <E><Id>5<"),
    ("<Navn>n&amp;9</Navn>", "<Navm>n&amp;9</Navm>"),  # another field name in one record
    ("<Navn>n&amp;3</Navn><Tom></Tom>", "<Navn>n&amp;3</Navn><Tom/>"),  # an empty element written short
    ("<Id>12</Id><Navn>n&amp;12</Navn>", "<Navn>n&amp;12</Navn><Id>12</Id>"),  # fields in another order
    ("<E><Id>20</Id>", "<E x='1'><Id>20</Id>"),  # an attribute
    ("n&amp;30", "n\r\n30"),  # a line end in a value
])
def test_records_not_quite_alike_read_as_the_careful_path_does(change):
    text = UNIFORM.replace(*change)
    assert text != UNIFORM
    _read_as_the_careful_path_does(text)


def _read_as_the_careful_path_does(text: str) -> None:
    """The file reads as expat reads it, or, when it is not well-formed, is malformed."""
    result = read(text.encode(), FileFormat("xml"), "f.xml")
    if any(f.severity.rejects for f in result.findings):
        assert codes(result)[0][:2] == ("read.malformed", Severity.FATAL)
    else:
        assert rows(result) == blank_is_null(careful(text))


@pytest.mark.parametrize("old, new", [
    ("</Skolenavn_1>", "</Skolenavn_x>"), ("<Skolenavn_1>", "<Skolenavn_x>"),  # the last byte of 12
    ("</Skolenavn_1>", "</SkoleXavn_1>"), ("<Skolenavn_1>", "<Skolenavn_12>"),  # a middle byte; the length
])
def test_records_alike_check_every_byte_of_a_name(old, new):
    """Records alike have their field names checked 8 bytes at a time, the last 8 overlapping the ones before:
    a change in the first, a middle or the last byte of a 12-byte name, or in its length, in a record after
    the first (which sets the names expected) is seen: the record's close tag no longer matches, or the field
    is another one."""
    record = "<E><Id>{i}</Id><Skolenavn_1>s{i}</Skolenavn_1></E>"
    text = "<R>" + "".join(record.format(i=i) for i in range(6)) + "</R>"
    at = text.index("s3</Skolenavn_1>") + (2 if old.startswith("</") else -len(old))
    changed = text[:at] + text[at:].replace(old, new, 1)
    assert changed != text and changed.startswith(text[: text.index("<E><Id>3")])
    _read_as_the_careful_path_does(changed)
