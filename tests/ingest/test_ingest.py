"""Ingest: every delivery kept, checked and loaded all-or-nothing, with the fault manifest as oracle."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import defaultdict

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flis.ingest.archive import Archive
from flis.ingest.pipeline import ingest
from flis.synth.runner import read_manifest
from flis.warehouse.store import Warehouse

EXPECTED_CODES = {
    "invalid_code": {"value.unknown_code"},
    "invalid_date": {"value.invalid_date"},
    "unknown_municipality": {"value.unknown_municipality"},
    "duplicate_rows": {"rows.duplicate"},
    "truncated": {"read.truncated", "read.malformed"},
    "wrong_encoding": {"read.encoding", "read.suspect_encoding", "read.malformed"},
}


def _ingest(tmp_path, country, name="wh"):
    warehouse = Warehouse(tmp_path / f"{name}.duckdb")
    report = ingest([country.out / "deliveries"], warehouse=warehouse, archive=Archive(tmp_path / "archive"),
                    workers=2)
    return warehouse, report


def _findings(w: Warehouse, file_name: str):
    rows = w.con.execute("""SELECT f.code, f.severity, f.line, f.field, f.value, f.file, d.status
                            FROM registry.receipts r JOIN registry.deliveries d USING (delivery_id)
                            JOIN registry.findings f USING (delivery_id)
                            WHERE r.file_name = ?""", [file_name]).fetchall()
    keys = ["code", "severity", "line", "field", "value", "file", "status"]
    return [dict(zip(keys, r)) for r in rows]


def _status(w: Warehouse, file_name: str) -> str:
    return w.con.execute("SELECT d.status FROM registry.receipts r JOIN registry.deliveries d USING (delivery_id) "
                         "WHERE r.file_name = ?", [file_name]).fetchall()[0][0]


@pytest.fixture(scope="module")
def clean_warehouse(clean_country, tmp_path_factory):
    w, report = _ingest(tmp_path_factory.mktemp("ingest-clean"), clean_country)
    yield w, report
    w.close()


@pytest.fixture(scope="module")
def faulty_warehouse(faulty_country, tmp_path_factory):
    w, report = _ingest(tmp_path_factory.mktemp("ingest-faulty"), faulty_country)
    yield w, report
    w.close()


def test_clean_deliveries_load_completely_without_errors(clean_country, clean_warehouse):
    w, report = clean_warehouse
    assert not report.rejected, report.rejected[:3]
    bad = w.con.execute("SELECT code, file, line, message FROM registry.findings "
                        "WHERE severity IN ('ERROR', 'FATAL')").fetchall()
    assert bad == []
    loaded = dict(w.con.execute("SELECT file_name, rows_loaded FROM registry.deliveries").fetchall())
    for entry in clean_country.files:
        assert loaded[entry.path.rsplit("/", 1)[1]] == entry.records, entry.path


def test_every_delivery_is_archived_byte_for_byte(clean_country, clean_warehouse, tmp_path_factory):
    w, _ = clean_warehouse
    archive_root = w.path.parent / "archive"
    for entry in clean_country.files[:40]:
        stored = Archive(archive_root).read(entry.sha256)
        assert stored == (clean_country.out / entry.path).read_bytes()


def test_every_fault_visible_at_ingest_is_reported_where_it_is(faulty_country, faulty_warehouse):
    w, _ = faulty_warehouse
    manifest = read_manifest(faulty_country.out)
    checked = defaultdict(int)
    for fault in manifest["faults"]:
        kind, name = fault["kind"], fault.get("file", "").rsplit("/", 1)[-1]
        if kind in EXPECTED_CODES:
            found = _findings(w, name)
            codes = {f["code"] for f in found}
            assert codes & EXPECTED_CODES[kind], f"{kind} in {name}: got {codes}"
            assert _status(w, name) == "rejected", f"{kind} in {name} must reject the delivery"
            if kind in ("invalid_code", "invalid_date", "unknown_municipality", "duplicate_rows"):
                lines = {n for a, b in fault["lines"] for n in range(a, b + 1)}
                reported = {f["line"] for f in found if f["code"] in EXPECTED_CODES[kind]}
                assert lines <= reported, f"{kind} in {name}: lines {sorted(lines)} vs {sorted(reported)}"
                if fault.get("field"):
                    assert fault["field"] in {f["field"] for f in found if f["code"] in EXPECTED_CODES[kind]}
        elif kind == "renamed_column":
            found = _findings(w, name)
            if fault["detail"]["declared_alias"]:
                assert _status(w, name) == "loaded"
                assert any(f["code"] == "schema.alias_used" and f["field"] == fault["detail"]["renamed_to"]
                           for f in found)
            else:
                assert _status(w, name) == "rejected"
                assert any(f["code"] == "schema.unknown_column" and f["field"] == fault["detail"]["renamed_to"]
                           for f in found)
        elif kind == "column_order":
            assert _status(w, name) == "loaded"
        elif kind == "duplicated_delivery":
            copy = fault["detail"]["copy"].rsplit("/", 1)[-1]
            found = _findings(w, name)
            assert any(f["code"] == "delivery.duplicate" and f["file"] == copy for f in found)
        elif kind in ("doubled_count", "unit_error"):
            assert _status(w, name) == "loaded", "plausibility faults are formally valid"
        else:
            continue
        checked[kind] += 1
    assert set(checked) >= {"invalid_code", "invalid_date", "unknown_municipality", "duplicate_rows",
                            "truncated", "wrong_encoding", "renamed_column", "duplicated_delivery"}


def test_files_without_ingest_faults_load_cleanly(faulty_country, faulty_warehouse):
    w, _ = faulty_warehouse
    manifest = read_manifest(faulty_country.out)
    faulty = {f["file"].rsplit("/", 1)[-1] for f in manifest["faults"]
              if "file" in f and f["detect"] == "ingest"}
    rejected = {r[0] for r in w.con.execute(
        "SELECT r.file_name FROM registry.receipts r JOIN registry.deliveries d USING (delivery_id) "
        "WHERE d.status = 'rejected'").fetchall()}
    assert rejected <= faulty, f"rejected without an injected fault: {sorted(rejected - faulty)[:5]}"


def _checksum(w: Warehouse) -> dict:
    out = w.checksum()
    out.pop("registry.receipts")  # arrivals are a log: the set is the same, covered below
    out["receipts"] = sorted(w.con.execute("SELECT delivery_id, file_name, received_at FROM registry.receipts"
                                           ).fetchall())
    return out


@pytest.fixture(scope="module")
def small_set(clean_country):
    """A dozen deliveries of two municipalities, including a corrected re-delivery."""
    files = sorted(p for p in (clean_country.out / "deliveries").rglob("*") if p.is_file()
                   and p.parts[-3] in ("147", "825") and p.parts[-2] in ("schools", "citizens", "economy"))
    return files[:14]


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_order_and_repetition_do_not_change_the_warehouse(small_set, tmp_path_factory, data):
    base_dir = tmp_path_factory.mktemp("order")
    with Warehouse(base_dir / "sorted.duckdb") as w:
        ingest(small_set, warehouse=w, archive=Archive(base_dir / "a"), workers=1)
        expected = _checksum(w)
    order = data.draw(st.permutations(small_set))
    repeats = data.draw(st.lists(st.sampled_from(small_set), max_size=4))
    with Warehouse(base_dir / "shuffled.duckdb") as w:
        for path in list(order) + repeats:
            ingest([path], warehouse=w, archive=Archive(base_dir / "b"), workers=1)
        assert _checksum(w) == expected


def test_a_rejected_delivery_changes_nothing_loaded_before(small_set, tmp_path):
    with Warehouse(tmp_path / "w.duckdb") as w:
        ingest(small_set, warehouse=w, archive=Archive(tmp_path / "a"), workers=1)
        before = {k: v for k, v in w.checksum().items() if k.startswith("canonical.")}
        current_before = w.con.execute("SELECT count(*), sum(hash(t)) FROM current.schools_pupils t").fetchall()
        victim = next(p for p in small_set if "elever" in p.name or "personer" in p.name or "bestand" in p.name)
        broken = tmp_path / victim.name.replace(".", "_2.", 1)
        broken.write_bytes(victim.read_bytes()[: len(victim.read_bytes()) // 2])
        report = ingest([broken], warehouse=w, archive=Archive(tmp_path / "a"), workers=1,
                        received_at=dt.datetime(2030, 1, 1))
        assert [o.status for o in report.outcomes] == ["rejected"]
        after = {k: v for k, v in w.checksum().items() if k.startswith("canonical.")}
        assert after == before
        assert w.con.execute("SELECT count(*), sum(hash(t)) FROM current.schools_pupils t").fetchall() == \
            current_before


def test_a_corrected_redelivery_changes_now_but_not_as_of_before(clean_country, tmp_path):
    pupils = next(p for p in sorted((clean_country.out / "deliveries" / "147" / "schools").iterdir())
                  if "elever" in p.name)
    text = pupils.read_bytes()
    corrected_dir = tmp_path / "corrected"
    corrected_dir.mkdir()
    corrected = corrected_dir / pupils.name.replace(".", "_2.", 1)
    # The vendor corrects its file: the last pupil was not enrolled after all.
    lines = text.splitlines(keepends=True)
    corrected.write_bytes(b"".join(lines[:-1]) if pupils.suffix == ".csv" else
                          b"".join(lines[:-3] + lines[-2:]))
    first, second = dt.datetime(2024, 6, 10, 8), dt.datetime(2024, 6, 20, 8)
    with Warehouse(tmp_path / "w.duckdb") as w:
        ingest([pupils], warehouse=w, archive=Archive(tmp_path / "a"), workers=1, received_at=first)
        ingest([corrected], warehouse=w, archive=Archive(tmp_path / "a"), workers=1, received_at=second)
        period = w.con.execute("SELECT max(_period) FROM canonical.schools_pupils").fetchall()[0][0]
        now = w.con.execute("SELECT count(*) FROM current.schools_pupils WHERE _period = ?", [period]).fetchall()
        then = w.con.execute("SELECT count(*) FROM as_of.schools_pupils(TIMESTAMP '2024-06-15') "
                             "WHERE _period = ?", [period]).fetchall()
        before_any = w.con.execute("SELECT count(*) FROM as_of.schools_pupils(TIMESTAMP '2024-06-01')"
                                   ).fetchall()
        assert then[0][0] == now[0][0] + 1
        assert before_any[0][0] == 0
        assert w.con.execute("SELECT count(DISTINCT _delivery) FROM canonical.schools_pupils").fetchall()[0][0] == 2


def test_ingest_archive_survives_a_second_identical_run(small_set, tmp_path):
    with Warehouse(tmp_path / "w.duckdb") as w:
        first = ingest(small_set, warehouse=w, archive=Archive(tmp_path / "a"), workers=1)
        before = w.checksum()
        second = ingest(small_set, warehouse=w, archive=Archive(tmp_path / "a"), workers=1)
        assert {o.status for o in second.outcomes} == {"known"}
        assert w.checksum() == before
        assert first.rows_loaded > 0
    shutil.rmtree(tmp_path / "a")


def test_worker_processes_hand_rows_over_through_the_spool(small_set, tmp_path, monkeypatch):
    """Rows a worker process maps travel as memory-mapped Arrow files; the warehouse is the same as when
    one process does everything, and the run leaves no spool folder behind."""
    from flis.ingest import spool

    with Warehouse(tmp_path / "one.duckdb") as w:
        ingest(small_set, warehouse=w, archive=Archive(tmp_path / "a"), workers=1)
        expected = _checksum(w)
    monkeypatch.setattr(spool, "SPOOL_FROM", 1)  # every table, however small (inherited by forked workers)
    monkeypatch.setattr(spool, "_base", lambda: tmp_path)
    taken = []

    def take(path, take=spool.take):
        rows = take(path)
        taken.append(rows.num_rows)
        return rows

    monkeypatch.setattr(spool, "take", take)
    with Warehouse(tmp_path / "two.duckdb") as w:
        report = ingest(small_set, warehouse=w, archive=Archive(tmp_path / "b"), workers=2)
        assert _checksum(w) == expected
        settings = "SELECT current_setting('checkpoint_threshold'), current_setting('threads')"
        assert w.con.execute(settings).fetchall() == duckdb.connect().execute(settings).fetchall()
    assert sum(taken) == report.rows_loaded > 0  # every row loaded came through the spool
    assert not list(tmp_path.glob(spool.PREFIX + "*"))


def test_a_spool_folder_left_by_a_killed_run_is_removed(tmp_path):
    from flis.ingest import spool

    stale = tmp_path / f"{spool.PREFIX}999999999-x"
    stale.mkdir()
    (stale / "1-0.arrow").write_bytes(b"rows of a killed run")
    mine = spool.Spool(tmp_path)
    try:
        assert not stale.exists() and mine.root.exists()
    finally:
        mine.close()
    assert not mine.root.exists()


def test_a_spool_file_that_cannot_be_written_leaves_the_rows_to_the_pipe(small_set, tmp_path, monkeypatch):
    from flis.ingest import pipeline, spool

    monkeypatch.setattr(spool, "SPOOL_FROM", 1)
    path = next(p for p in small_set if "bestand" in p.name or "personer" in p.name or "elever" in p.name)
    at = dt.datetime(2024, 1, 1)
    monkeypatch.setattr(pipeline, "_SPOOL", [str(tmp_path)])  # as in a worker process
    spooled = pipeline._receive([str(path)], [at], str(tmp_path / "archive"))
    assert spooled.items[0].rows is None and all(isinstance(t, str) for t in spooled.tables.values())
    rows = spooled.unpack()[0].rows
    monkeypatch.setattr(pipeline, "_SPOOL", [str(tmp_path / "missing-folder")])  # as for a full /dev/shm
    piped = pipeline._receive([str(path)], [at], str(tmp_path / "archive"))
    assert all(isinstance(t, pa.Table) for t in piped.tables.values())
    assert piped.unpack()[0].rows.equals(rows) and rows.num_rows > 0
    monkeypatch.setattr(spool, "MIN_FREE", 1 << 62)  # no disk has that much free: the temporary folder is used
    assert spool._base() != spool.Path("/dev/shm")


def test_a_declaration_travels_between_processes_as_its_file_name():
    import pickle

    from flis.ingest.declaration import declare
    from flis.sources.adapter import load_adapters

    for name in ("skolesys_elever_101_202403.csv", "skolesys_elever_999_202403.csv", "nonsense.txt",
                 "ukendt_fil_101_202403.csv"):
        decl, _ = declare(name, load_adapters())
        data = pickle.dumps(decl)
        assert pickle.loads(data) == decl
        assert len(data) < 200
    # An adapter flis does not ship (a test's, a plug-in's) travels whole.
    import dataclasses

    custom = load_adapters() | {"skolesys": dataclasses.replace(load_adapters()["skolesys"])}
    decl, _ = declare("skolesys_elever_101_202403.csv", custom)
    data = pickle.dumps(decl)
    assert pickle.loads(data) == decl and len(data) > 1000
