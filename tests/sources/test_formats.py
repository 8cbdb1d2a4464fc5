"""The readers on small hand-written files: the expected table can be checked by eye.

XML and XLSX have their own files (test_xml_reader.py, test_xlsx_reader.py); generated
files and injected faults are in test_generated_files.py.
"""

from __future__ import annotations

import pytest

from flis.findings import Severity
from flis.sources import formats
from flis.sources.formats import LINE, FileFormat, FixedField, read

CSV = FileFormat("csv")
JSONL = FileFormat("jsonl")


def rows(result) -> list[dict]:
    return result.table.to_pylist()


def codes(result) -> list[tuple[str, Severity, int | None]]:
    return [(f.code, f.severity, f.line) for f in result.findings]


# --- CSV -----------------------------------------------------------------------------------------

def test_csv_reads_strings_with_their_lines_and_empty_as_null():
    data = b'id;navn;beloeb\r\n1;"Hansen; Jens";\r\n2;"Sagde ""hej""";-3,50\r\n'
    result = read(data, CSV, "f.csv")
    assert result.columns == ["id", "navn", "beloeb"]
    assert rows(result) == [
        {"id": "1", "navn": "Hansen; Jens", "beloeb": None, LINE: 2},
        {"id": "2", "navn": 'Sagde "hej"', "beloeb": "-3,50", LINE: 3},
    ]
    assert result.findings == []
    assert result.table.schema.field("id").type == "string"
    assert result.table.schema.field(LINE).type == "int32"


def test_csv_in_windows_1252_with_commas_and_lf():
    data = "navn,by\nSøren,Århus\nÆble,€\n".encode("cp1252")
    result = read(data, FileFormat("csv", "cp1252", delimiter=","), "f.csv")
    assert rows(result) == [{"navn": "Søren", "by": "Århus", LINE: 2}, {"navn": "Æble", "by": "€", LINE: 3}]


def test_csv_utf8_byte_order_mark_is_not_part_of_the_first_name():
    result = read(b"\xef\xbb\xbfa;b\n1;2\n", CSV, "f.csv")
    assert result.columns == ["a", "b"]


def test_csv_record_spanning_lines_and_blank_lines_keep_their_start_lines():
    data = b'a;b\n1;"two\nlines"\n\n3;x\n'
    result = read(data, CSV, "f.csv")
    assert rows(result) == [{"a": "1", "b": "two\nlines", LINE: 2}, {"a": "3", "b": "x", LINE: 5}]
    assert result.findings == []


def test_csv_lines_with_too_few_or_too_many_fields_are_reported_and_left_out():
    data = b"a;b\n1;2\n3\n4;5;6\n7;8\n9\n"
    result = read(data, CSV, "f.csv")
    assert [r[LINE] for r in rows(result)] == [2, 5]
    assert codes(result) == [("read.field_count", Severity.ERROR, 3), ("read.field_count", Severity.ERROR, 4)]
    fewer, more = result.findings
    assert (fewer.count, fewer.value, fewer.expected) == (2, "1", "2")
    assert (more.count, more.value) == (1, "3")
    assert "line 3" in fewer.message and "fewer" in fewer.message


def test_csv_cut_off_mid_record_is_truncated_and_keeps_the_complete_lines():
    result = read(b"a;b\n1;2\n3;", CSV, "f.csv")
    assert codes(result) == [("read.truncated", Severity.FATAL, 3)]
    assert rows(result) == [{"a": "1", "b": "2", LINE: 2}]
    assert "line 3" in result.findings[0].message


def test_csv_unclosed_quote_is_malformed():
    result = read(b'a;b\n"x;2\n3;4\n', CSV, "f.csv")
    assert ("read.malformed", Severity.FATAL, 2) in codes(result)


def test_csv_without_header_names_fields_by_position():
    result = read(b"1;2\n3;4\n", FileFormat("csv", header=False), "f.csv")
    assert result.columns == ["1", "2"]
    assert [r[LINE] for r in rows(result)] == [1, 2]


def test_csv_with_only_a_header_is_empty_and_one_without_header_malformed():
    empty = read(b"a;b\r\n", CSV, "f.csv")
    assert empty.columns == ["a", "b"] and empty.table.num_rows == 0
    assert codes(empty) == [("read.empty", Severity.INFO, None)]
    assert codes(read(b"", CSV, "f.csv"))[0][:2] == ("read.malformed", Severity.FATAL)


# --- fixed width -----------------------------------------------------------------------------------

LAYOUT = (FixedField("ID", 3), FixedField("NAVN", 6), FixedField("BELOEB", 5))


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_fixed_width_cuts_characters_not_bytes_and_trims_padding(encoding):
    text = "001Søren    12\r\n002Ål€   -3,50\r\n003           \r\n"
    result = read(text.encode(encoding), FileFormat("fixed", encoding, fixed_fields=LAYOUT), "f.txt")
    assert result.findings == []
    assert result.columns == ["ID", "NAVN", "BELOEB"]
    assert rows(result) == [
        {"ID": "001", "NAVN": "Søren", "BELOEB": "12", LINE: 1},
        {"ID": "002", "NAVN": "Ål€", "BELOEB": "-3,50", LINE: 2},
        {"ID": "003", "NAVN": None, "BELOEB": None, LINE: 3},
    ]


def test_fixed_width_multibyte_characters_in_every_field_and_line():
    text = "ææøøå😀😀😀x€€€€€\n" * 3 + "abcdefghijklmn\n"
    result = read(text.encode(), FileFormat("fixed", fixed_fields=LAYOUT), "f.txt")
    assert [tuple(r.values()) for r in rows(result)] == [("ææø", "øå😀😀😀x", "€€€€€", i) for i in (1, 2, 3)] + [
        ("abc", "defghi", "jklmn", 4)]


def test_fixed_width_in_many_small_blocks_reads_the_same(monkeypatch):
    from flis.sources.formats import _common, fixed

    text = "".join(f"{i:03d}{'Ærø€😀'[: i % 6]:6}{i * 7:>5}\n" for i in range(40)).encode()
    fmt = FileFormat("fixed", fixed_fields=LAYOUT)
    whole = rows(read(text, fmt, "f.txt"))
    monkeypatch.setattr(fixed, "BLOCK", 3)
    monkeypatch.setattr(_common, "CHUNK", 16)
    assert rows(read(text, fmt, "f.txt")) == whole
    assert whole[5] == {"ID": "005", "NAVN": "Ærø€😀", "BELOEB": "35", LINE: 6}


def test_fixed_width_lines_of_another_length_are_reported_and_left_out():
    good = "001Søren    12"
    text = "\n".join([good, good[:-1], good, good + "X", good[:-3], good, good + "YY"]) + "\n"
    result = read(text.encode("cp1252"), FileFormat("fixed", "cp1252", fixed_fields=LAYOUT), "f.txt")
    assert [r[LINE] for r in rows(result)] == [1, 3, 6]
    assert codes(result) == [("read.wrong_length", Severity.ERROR, 2),
                             ("read.wrong_length", Severity.ERROR, 4)]
    short, long = result.findings
    assert (short.count, short.value, short.expected) == (2, "13", "14")
    assert (long.count, long.value) == (2, "15")
    assert "line 2" in short.message and "14" in short.message


def test_fixed_width_cut_off_is_truncated_and_blank_lines_are_skipped():
    text = b"001Soren    12\n\n002Ulla      3\n003Ib"
    result = read(text, FileFormat("fixed", fixed_fields=LAYOUT), "f.txt")
    assert [r[LINE] for r in rows(result)] == [1, 3]
    assert codes(result) == [("read.truncated", Severity.FATAL, 4)]


def test_fixed_width_without_a_layout_cannot_be_read():
    result = read(b"abc\n", FileFormat("fixed"), "f.txt")
    assert codes(result)[0][:2] == ("read.malformed", Severity.FATAL)


# --- JSON lines ---------------------------------------------------------------------------------------

def test_jsonl_values_become_their_text():
    data = (b'{"id":"A1","n":107,"x":2.50,"heltal":3.0,"dato":"2024-01-31","tid":"2024-01-31T10:00:00",'
            b'"ja":true,"intet":null,"tom":""}\n')
    result = read(data, JSONL, "f.jsonl")
    assert result.columns == ["id", "n", "x", "heltal", "dato", "tid", "ja", "intet", "tom"]
    assert rows(result) == [{"id": "A1", "n": "107", "x": "2.5", "heltal": "3", "dato": "2024-01-31",
                             "tid": "2024-01-31T10:00:00", "ja": "true", "intet": None, "tom": None, LINE: 1}]


def test_jsonl_numbers_keep_their_digits():
    data = b'{"a":123456789012.5,"b":1e15}\n{"a":0.1,"b":2}\n'
    got = [(r["a"], r["b"]) for r in rows(read(data, JSONL, "f"))]
    assert got == [("123456789012.5", "1000000000000000"), ("0.1", "2")]
    big = read(b'{"id":12345678901234567890}\n', JSONL, "f")
    assert rows(big)[0]["id"] == "12345678901234567890"


def test_jsonl_keys_appear_in_file_order_and_blank_lines_keep_line_numbers():
    data = b'{"a":1}\r\n\r\n{"a":2,"b":"x"}\r\n{"b":"y","a":null}\r\n'
    result = read(data, JSONL, "f.jsonl")
    assert result.columns == ["a", "b"]
    assert rows(result) == [{"a": "1", "b": None, LINE: 1}, {"a": "2", "b": "x", LINE: 3},
                            {"a": None, "b": "y", LINE: 4}]


def test_jsonl_a_key_with_numbers_and_text_keeps_both_as_written():
    result = read(b'{"k":1}\n{"k":"X"}\n{"k":2.50}\n', JSONL, "f")
    assert [r["k"] for r in rows(result)] == ["1", "X", "2.5"]
    assert result.findings == []


def test_jsonl_lines_that_are_not_objects_are_malformed_and_the_rest_is_read():
    result = read(b'{"a":1}\n[1,2]\n{"a":\n{"a":3}\n', JSONL, "f.jsonl")
    assert codes(result) == [("read.malformed", Severity.FATAL, 2)]
    assert result.findings[0].count == 2
    assert [r[LINE] for r in rows(result)] == [1, 4]


def test_jsonl_cut_off_is_truncated():
    result = read(b'{"a":1}\n{"a":2', JSONL, "f.jsonl")
    assert codes(result) == [("read.truncated", Severity.FATAL, 2)]
    assert rows(result) == [{"a": "1", LINE: 1}]


def test_jsonl_nested_values_are_kept_as_json_text():
    result = read(b'{"a":{"b":[1,"x"]},"c":"d"}\n', JSONL, "f")
    assert rows(result) == [{"a": '{"b":[1,"x"]}', "c": "d", LINE: 1}]


# --- encodings ------------------------------------------------------------------------------------------

def test_windows_1252_bytes_in_a_utf8_file_are_fatal_with_the_line():
    data = "a;b\n1;x\n2;Søren\n3;Ærø\n".encode("cp1252")
    result = read(data, CSV, "f.csv")
    (problem,) = [f for f in result.findings if f.code == "read.encoding"]
    assert (problem.severity, problem.line, problem.count) == (Severity.FATAL, 3, 2)
    assert "UTF-8" in problem.message and "Windows-1252" in problem.message and "line 3" in problem.message
    assert not result.readable


def test_utf8_in_a_file_declared_windows_1252_is_suspect_and_read_as_utf8():
    data = "a;b\n1;x\n2;Søren\n".encode("utf-8")
    result = read(data, FileFormat("csv", "cp1252"), "f.csv")
    assert codes(result) == [("read.suspect_encoding", Severity.ERROR, 3)]
    assert "Ã¸" in result.findings[0].message
    assert rows(result)[1]["b"] == "Søren"


def test_utf8_in_a_fixed_width_file_declared_windows_1252_keeps_its_layout():
    text = "001Søren    12\n"
    result = read(text.encode(), FileFormat("fixed", "cp1252", fixed_fields=LAYOUT), "f.txt")
    assert codes(result) == [("read.suspect_encoding", Severity.ERROR, 1)]
    assert rows(result)[0]["NAVN"] == "Søren"


def test_ascii_is_fine_in_every_declared_encoding():
    for encoding in ("utf-8", "cp1252", "latin-1", "windows-1252", "ISO-8859-1"):
        assert read(b"a\n1\n", FileFormat("csv", encoding), "f").findings == []


# --- dispatch ---------------------------------------------------------------------------------------------

def test_read_never_raises_on_a_reader_failure(monkeypatch):
    def broken(data, fmt, file):
        raise RuntimeError("boom")

    monkeypatch.setitem(formats.READERS, "csv", broken)
    result = read(b"a\n1\n", CSV, "f.csv")
    assert codes(result) == [("read.malformed", Severity.FATAL, None)]
    assert "boom" in result.findings[0].message


def test_unknown_format_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        read(b"", FileFormat("parquet"), "f")  # type: ignore[arg-type]


def test_findings_name_the_file():
    result = read(b"a;b\n1\n", CSV, "deliveries/101/x.csv")
    assert result.findings[0].file == "deliveries/101/x.csv"
    assert result.findings[0].where() == "deliveries/101/x.csv, line 2"
