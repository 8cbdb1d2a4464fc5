"""The served release snapshot: written completely, switched atomically, pruned, rewritten on demand."""

from __future__ import annotations

import datetime as dt
import json
import threading

import duckdb
import pyarrow.parquet as pq
import pytest

import flis.compare.snapshot as snapshot_module
from flis.catalogue.loader import load_catalogue
from flis.compare.release import ReleaseView
from flis.compare.snapshot import (
    NoSnapshot,
    current_snapshot,
    prune,
    refresh_snapshot,
    series_kind,
    switch,
    write_snapshot,
)


def _rows(con, table, release, columns):
    return sorted(con.execute(f"SELECT {columns} FROM releases.{table} WHERE release_id = ?", [release]).fetchall())


def test_a_snapshot_holds_exactly_the_release(warehouse, flis_home):
    snap = write_snapshot(warehouse, flis_home, "R00001")
    root = flis_home / "releases"
    assert sorted(p.name for p in root.iterdir()) == ["CURRENT", "R00001"]
    assert (root / "CURRENT").read_text() == "R00001\n"
    assert sorted(p.name for p in snap.path.iterdir()) == [
        "cells.parquet", "corrected_cells.parquet", "corrected_groups.parquet", "corrections.parquet",
        "groups.parquet", "incomplete.parquet", "release.json", "series.parquet"]
    meta = json.loads((snap.path / "release.json").read_text())
    # cells: 4 series x 7 municipalities + TR (147: 37 months, 101: 4, 153: 2); groups: 3 x 3 + TR 37
    assert meta["counts"] == {"series": 5, "cells": 71, "groups": 46, "corrected_cells": 0, "corrected_groups": 0,
                              "corrections": 0, "incomplete": 0}
    assert (meta["release_id"], meta["catalogue_version"], meta["published_at"]) == (
        "R00001", "v1", "2024-07-01T12:00:00")
    cells = "series_id, municipality, period, numerator, denominator, value"
    assert sorted(pq.read_table(snap.file("cells")).to_pylist(), key=lambda r: tuple(r.values())) == [
        dict(zip(cells.split(", "), row)) for row in _rows(warehouse, "cells", "R00001", cells)]
    groups = "series_id, area_type, area, period, numerator, denominator, value, municipal_mean, municipalities"
    assert len(pq.read_table(snap.file("groups"))) == len(_rows(warehouse, "groups", "R00001", groups))
    assert current_snapshot(flis_home).release_id == "R00001"


def test_only_the_asked_release_is_written(warehouse, flis_home, release_writer):
    release_writer(warehouse, "R00002", dt.datetime(2024, 8, 1), offset=1.0)
    snap = write_snapshot(warehouse, flis_home, "R00001")
    values = {r["value"] for r in pq.read_table(snap.file("cells")).to_pylist() if r["series_id"] == "HB"}
    assert values == {30, 50, 20, 35, None}


def test_readers_see_either_the_old_or_the_new_release(warehouse, flis_home, release_writer):
    """While releases are published one after another, every reader finds a complete release whose values
    belong to the release id CURRENT names (R000kk has 101's HB value 30 + kk - 1)."""
    for k in range(2, 13):
        release_writer(warehouse, f"R{k:05d}", dt.datetime(2024, 7, k), offset=float(k - 1))
    write_snapshot(warehouse, flis_home, "R00001", keep=20)
    seen, errors, done = set(), [], threading.Event()

    def read():
        while not done.is_set():
            try:
                snap = current_snapshot(flis_home)
                k = int(snap.release_id[1:])
                rows = pq.read_table(snap.file("cells")).to_pylist()
                hb = {r["municipality"]: r["value"] for r in rows if r["series_id"] == "HB"}
                assert hb[101] == 30 + k - 1 and len(rows) == snap.meta["counts"]["cells"] == 71
                seen.add(snap.release_id)
            except Exception as exc:  # noqa: BLE001 - every failure is the test's finding
                errors.append(repr(exc))

    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers:
        t.start()
    for k in range(2, 13):
        write_snapshot(warehouse, flis_home, f"R{k:05d}", keep=20)
    done.set()
    for t in readers:
        t.join()
    assert not errors, errors[:3]
    assert len(seen) >= 3


def test_a_failed_write_leaves_the_current_release_in_place(warehouse, flis_home, release_writer, monkeypatch):
    write_snapshot(warehouse, flis_home, "R00001")
    release_writer(warehouse, "R00002", dt.datetime(2024, 8, 1), offset=1.0)

    def broken(con, release_id, into):
        (into / "cells.parquet").write_bytes(b"half a file")
        raise OSError("disk full")

    monkeypatch.setattr(snapshot_module, "_export", broken)
    with pytest.raises(OSError, match="disk full"):
        write_snapshot(warehouse, flis_home, "R00002")
    assert sorted(p.name for p in (flis_home / "releases").iterdir()) == ["CURRENT", "R00001"]
    assert ReleaseView.load(flis_home).release_id == "R00001"


def test_old_snapshots_are_pruned_but_never_the_current_one(warehouse, flis_home, release_writer):
    for k in range(2, 5):
        release_writer(warehouse, f"R0000{k}", dt.datetime(2024, 7, k), offset=float(k - 1))
    for k in range(1, 5):
        write_snapshot(warehouse, flis_home, f"R0000{k}")
    kept = sorted(p.name for p in (flis_home / "releases").iterdir() if p.name != "CURRENT")
    assert kept == ["R00002", "R00003", "R00004"]
    switch(flis_home, "R00002")  # an operator rolls back
    assert prune(flis_home, keep=1) == ["R00003"]
    assert sorted(p.name for p in (flis_home / "releases").iterdir()) == ["CURRENT", "R00002", "R00004"]


def test_switching_to_a_snapshot_that_does_not_exist_is_refused(warehouse, flis_home):
    write_snapshot(warehouse, flis_home, "R00001")
    with pytest.raises(NoSnapshot):
        switch(flis_home, "R00009")
    assert current_snapshot(flis_home).release_id == "R00001"


def test_refresh_writes_the_warehouse_s_current_release_once(warehouse, flis_home, release_writer, tmp_path):
    assert current_snapshot(flis_home) is None
    release_writer(warehouse, "R00002", dt.datetime(2024, 8, 1), offset=1.0)
    warehouse.close()
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)  # as the server would
    try:
        first = refresh_snapshot(con, flis_home)
        assert first.release_id == "R00002"
        again = refresh_snapshot(con, flis_home)
        assert again.meta["written_at"] == first.meta["written_at"] and again.path == first.path
        assert (first.path / "cells.parquet").stat().st_mtime_ns == (again.path / "cells.parquet").stat().st_mtime_ns
    finally:
        con.close()


def test_refresh_without_any_release_writes_nothing(flis_home):
    con = duckdb.connect()
    assert refresh_snapshot(con, flis_home) is None
    assert not (flis_home / "releases").exists()


def test_series_kind_is_read_back_from_every_catalogue_definition():
    catalogue = load_catalogue()
    wrong = [s.id for s in catalogue.series if series_kind(s.definition()) != s.figure.kind]
    assert not wrong, wrong[:10]
    assert {series_kind(s.definition()) for s in catalogue.series} == {"ratio", "measure", "rolling", "change"}


def test_compute_writes_the_snapshot_next_to_the_warehouse(tmp_path):
    from support.figures import cells, compute_figures, warehouse_with
    base = {"birth_date": "2014-03-15", "sex": 1, "school_id": "s1", "class_id": "c1", "grade": 4,
            "home_municipality": 101, "paying_municipality": 101, "_municipality": 101, "_period": "2024-03-01"}
    pupils = [{**base, "pupil_id": f"p{i}"} for i in range(12)]
    classes = [{"class_id": "c1", "school_id": "s1", "grade": 4, "class_type": "normal", "year_grouped": True,
                "_municipality": 101, "_period": "2024-03-01"}]
    wh = warehouse_with(tmp_path, {"schools.pupils": pupils, "schools.classes": classes})
    try:
        compute_figures(wh, ["SCH001"])
        view = ReleaseView.load(tmp_path)
        release = wh.con.execute("SELECT release_id FROM releases.publications").fetchall()[0][0]
        assert view.release_id == release
        expected = {(s, m, p.strftime("%Y-%m")): v for s, m, p, v in cells(wh)}
        got = {(s, m, str(p)): v for s in view.series_ids() for p in view.periods(s)
               for m, (_, _, v) in view.values(s, p).items()}
        assert got == expected and got[("SCH001", 101, "2024-03")] == 12
    finally:
        wh.close()
