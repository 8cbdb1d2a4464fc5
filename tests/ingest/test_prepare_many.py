"""Small files of one kind are mapped and checked as one table: each file still gets exactly what it would
get alone (its own findings at its own lines, its own rows with its own lineage)."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from flis.ingest import pipeline
from flis.ingest import prepare as prepare_module
from flis.ingest.prepare import prepare, prepare_many

AT = dt.datetime(2024, 2, 3, 4, 5)
HEADER = "klasse_id;institutionsnr;klasse;klassetrin;klassetype;aargangsdelt\n"


def _file(municipality: int, *rows: str) -> tuple[bytes, str, dt.datetime, None]:
    text = HEADER + "".join(row + "\n" for row in rows)
    return text.encode("cp1252"), f"skolesys_klasser_{municipality}_202401.csv", AT, None


def test_files_of_one_kind_are_mapped_once_and_keep_their_own_findings_and_rows(monkeypatch):
    files = [
        _file(101, "101-1;1010001;0.A;0;1;J", "101-2;1010001;1.A;1;2;N"),
        _file(147, "147-1;1470001;0.A;0;1;J", "147-2;1470001;0.B;0;9;J", "147-1;1470001;1.A;1;1;J"),
        _file(183, "183-1;1830001;5.C;5;3;N"),
    ]
    calls = []
    monkeypatch.setattr(prepare_module, "map_files",
                        lambda *a, map_files=prepare_module.map_files: calls.append(a[3]) or map_files(*a))
    a, b, c = prepare_many(files)
    assert calls == [[f[1] for f in files]]  # one table for the three files

    assert [p.status for p in (a, b, c)] == ["loaded", "rejected", "loaded"]
    assert [p.records for p in (a, b, c)] == [2, 3, 1]
    assert a.findings == [] and c.findings == []
    # The middle file's problems, at its own lines: class type 9 is unknown, class 147-1 comes twice.
    assert [(f.code, f.file, f.line, f.field, f.value) for f in b.findings] == [
        ("value.unknown_code", "skolesys_klasser_147_202401.csv", 3, "klassetype", "9"),
        ("rows.duplicate", "skolesys_klasser_147_202401.csv", 4, "class_id", "147-1"),
    ]
    assert b.rows is None
    assert a.rows.select(["class_id", "grade", "class_type", "year_grouped", "_line", "_municipality",
                          "_period"]).to_pylist() == [
        {"class_id": "101-1", "grade": 0, "class_type": "normal", "year_grouped": True, "_line": 2,
         "_municipality": 101, "_period": dt.date(2024, 1, 1)},
        {"class_id": "101-2", "grade": 1, "class_type": "special_20_2", "year_grouped": False, "_line": 3,
         "_municipality": 101, "_period": dt.date(2024, 1, 1)},
    ]
    assert c.rows.column("class_id").to_pylist() == ["183-1"] and c.rows.column("_line").to_pylist() == [2]
    assert c.rows.column("_municipality").to_pylist() == [183]
    assert set(a.rows.column("_delivery").to_pylist()) == {a.delivery_id}
    assert set(c.rows.column("_delivery").to_pylist()) == {c.delivery_id} != {a.delivery_id}
    # Each is what the file gets alone.
    for together, entry in zip((a, b, c), files):
        alone = prepare(*entry)
        assert (alone.status, alone.records, alone.findings) == (together.status, together.records,
                                                                together.findings)
        assert (alone.rows is None and together.rows is None) or alone.rows.equals(together.rows)


def test_every_generated_file_prepared_together_is_as_prepared_alone(faulty_country):
    """The faulty country (a third of its files with faults of every kind): files prepared together in
    mixed order give each file exactly its result alone."""
    paths = sorted(f for f in (faulty_country.out / "deliveries").rglob("*") if f.is_file())
    entries = [(p.read_bytes(), p.name, AT, None) for p in paths]
    entries = entries[::2] + entries[1::2]  # the files of a kind in another order than by name
    rejected = 0
    for entry, mine in zip(entries, prepare_many(entries), strict=True):
        alone = prepare(*entry)
        assert (alone.delivery_id, alone.status, alone.records, alone.findings) == \
            (mine.delivery_id, mine.status, mine.records, mine.findings), entry[1]
        assert (alone.rows is None and mine.rows is None) or alone.rows.equals(mine.rows), entry[1]
        rejected += alone.status == "rejected"
    assert rejected > 20 and len(entries) - rejected > 100


def test_windows_hand_each_file_to_one_task_with_small_files_of_a_kind_together(monkeypatch):
    monkeypatch.setattr(pipeline, "WINDOW_FILES", 6)
    monkeypatch.setattr(pipeline, "TASK_FILES", 2)
    names = ["a_x_101_202401.csv", "b_y_101_202401.csv", "a_x_147_202401.csv", "a_x_151_202401.csv",
             "not a delivery name", "b_y_147_202401.csv", "a_x_153_202401.csv", "a_x_155_202401.csv"]
    sizes = [10, 10, pipeline.TOGETHER_BELOW, 10, 10, 10, 10, 10]
    windows = list(pipeline._windows(names, sizes))
    assert windows == [
        [[0, 3], [1, 5], [2], [4]],  # the large file and the unknown name alone; a task holds two files
        [[6, 7]],
    ]
    monkeypatch.setattr(pipeline, "WINDOW_BYTES", 15)
    assert list(pipeline._windows(names[:3], [10, 10, 10])) == [[[0], [1]], [[2]]]


def test_rows_handed_over_are_tables_of_their_own():
    """A delivery's rows are a slice of a table shared with others of its kind; they travel as one new
    table per canonical table (a slice would pickle with the whole shared table)."""
    files = [_file(101, "101-1;1010001;0.A;0;1;J"), _file(147, "147-1;1470001;0.A;0;1;J", "147-2;1470001;0.B;0;1;J")]
    items = prepare_many(files)
    expected = pa.concat_tables([p.rows for p in items])
    handover = pipeline._Handover.pack(items, None)
    assert [p.rows for p in handover.items] == [None, None]
    assert [p.part for p in handover.items] == [("schools_classes", 0, 1), ("schools_classes", 1, 2)]
    (table,) = handover.tables.values()
    assert table.equals(expected) and table.column(0).num_chunks == 1
    assert pa.concat_tables([p.rows for p in handover.unpack()]).equals(expected)


def test_empty_files_of_one_kind_are_mapped_once_each_as_alone(monkeypatch):
    """Many monthly deliveries are empty; those of a kind are mapped as one (empty) table. In an empty XML or
    JSON-lines file, a missing field is no finding, so they are not mapped with the files that have rows."""
    def xml(municipality: int) -> bytes:
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Personer kommunekode="{municipality}" periode="2024-01" '
                f'leverandoer="bsx">\n</Personer>\n').encode()

    files = [_file(101), _file(147, "147-1;1470001;0.A;0;1;J"), _file(183),
             (xml(101), "bsx_personer_101_202401.xml", AT, None), (xml(147), "bsx_personer_147_202401.xml", AT, None),
             (b"", "omsorgplus_beboere_101_202401.jsonl", AT, None),
             (b"", "omsorgplus_beboere_147_202401.jsonl", AT, None)]
    calls = []
    monkeypatch.setattr(prepare_module, "map_files",
                        lambda *a, map_files=prepare_module.map_files: calls.append(a[3]) or map_files(*a))
    together = prepare_many(files)
    assert sorted(calls) == sorted([
        ["skolesys_klasser_147_202401.csv"], ["skolesys_klasser_101_202401.csv", "skolesys_klasser_183_202401.csv"],
        ["bsx_personer_101_202401.xml", "bsx_personer_147_202401.xml"],
        ["omsorgplus_beboere_101_202401.jsonl", "omsorgplus_beboere_147_202401.jsonl"]])
    assert [p.records for p in together] == [0, 1, 0, 0, 0, 0, 0]
    for mine, entry in zip(together, files):
        alone = prepare(*entry)
        assert (alone.delivery_id, alone.status, alone.records, alone.findings) == \
            (mine.delivery_id, mine.status, mine.records, mine.findings), entry[1]
        assert alone.rows.equals(mine.rows), entry[1]


def test_rows_prepared_together_are_handed_over_whole_or_copied_in_their_order():
    """Files of one kind prepared together share one table of rows: handed over in that order, the table goes
    as it is; any other set or order of the files is a table of their rows in the order given."""
    files = [_file(101, "101-1;1010001;0.A;0;1;J", "101-2;1010001;1.A;1;2;N"), _file(183, "183-1;1830001;5.C;5;3;N"),
             _file(147, "147-1;1470001;0.A;0;1;J")]
    a, b, c = prepare_many(files)
    parent = a.within[0]
    assert parent.num_rows == 4 and b.within == (parent, 2) and c.within == (parent, 3)
    assert pipeline._whole([a, b, c]) is parent
    ids = lambda t: t.column("class_id").to_pylist()
    assert ids(pipeline._whole([a, c, b])) == ["101-1", "101-2", "147-1", "183-1"]
    assert ids(pipeline._whole([b, c])) == ["183-1", "147-1"]
    assert pipeline._whole([a, b, c]).num_rows == 4 and pipeline._whole([b]).num_rows == 1
