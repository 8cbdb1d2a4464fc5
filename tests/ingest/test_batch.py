"""Batches are written into one open transaction, committed every so many rows; a failed write lands the
deliveries before it one by one, their rows prepared again from the archive."""

from __future__ import annotations

import datetime as dt

import pytest

from flis.ingest import pipeline
from flis.ingest.archive import Archive
from flis.ingest.pipeline import IngestReport, _Batch
from flis.ingest.prepare import prepare
from flis.warehouse.store import Warehouse

HEADER = b"klasse_id;institutionsnr;klasse;klassetrin;klassetype;aargangsdelt\n"


def _delivery(archive: Archive, month: int, classes: int):
    """A month's classes of school 1010001 (``classes`` rows), archived as the workers archive it."""
    data = HEADER + b"".join(b"%d;1010001;%d.A;%d;1;J\n" % (100 * month + i, i, i) for i in range(classes))
    archive.store(data, sync=False)
    return prepare(data, f"skolesys_klasser_101_2024{month:02d}.csv", dt.datetime(2024, month + 1, 1))


def _committed(w: Warehouse) -> list[tuple]:
    """Deliveries and their rows as another connection sees them: only what is committed."""
    return w.con.cursor().execute("""
        SELECT d.file_name, d.rows_loaded, count(c._delivery) FROM registry.deliveries d
        LEFT JOIN canonical.schools_classes c ON c._delivery = d.delivery_id
        GROUP BY ALL ORDER BY 1""").fetchall()


def test_batches_stay_uncommitted_until_the_commit_rows_are_reached(tmp_path):
    archive = Archive(tmp_path / "archive")
    with Warehouse(tmp_path / "w.duckdb") as w:
        report = IngestReport()
        batch = _Batch(w.con, report, lambda size: None, archive, commit_rows=5)
        batch.add(_delivery(archive, 1, 2))
        batch.flush(commit=False)
        assert _committed(w) == [] and report.outcomes == []  # 2 rows written, not committed
        batch.add(_delivery(archive, 2, 3))
        batch.flush(commit=False)  # 5 rows: committed
        assert _committed(w) == [("skolesys_klasser_101_202401.csv", 2, 2), ("skolesys_klasser_101_202402.csv", 3, 3)]
        assert [o.rows for o in report.outcomes] == [2, 3]
        batch.add(_delivery(archive, 3, 1))
        batch.flush(commit=False)
        assert len(_committed(w)) == 2
        batch.flush()  # the end of the run
        assert len(_committed(w)) == 3 and [o.rows for o in report.outcomes] == [2, 3, 1]


def test_a_failed_write_lands_the_open_transaction_one_by_one_and_raises_for_the_failing_delivery(
        tmp_path, monkeypatch):
    archive = Archive(tmp_path / "archive")
    first, second, failing = (_delivery(archive, m, n) for m, n in ((1, 2), (2, 3), (3, 4)))
    real = pipeline.write_many
    prepared_again = []

    def write_many(con, items):
        if any(p.delivery_id == failing.delivery_id for p in items):
            raise RuntimeError("the disk is full")
        return real(con, items)

    def again(data, file_name, received_at, sha):
        prepared_again.append(file_name)
        return prepare(data, file_name, received_at, sha)

    monkeypatch.setattr(pipeline, "write_many", write_many)
    monkeypatch.setattr(pipeline, "prepare", again)
    with Warehouse(tmp_path / "w.duckdb") as w:
        report = IngestReport()
        batch = _Batch(w.con, report, lambda size: None, archive, commit_rows=1_000)
        batch.add(first)
        batch.flush(commit=False)
        batch.add(second)
        batch.flush(commit=False)
        batch.add(failing)
        with pytest.raises(RuntimeError, match="disk is full"):
            batch.flush(commit=False)
        # The two written before were rolled back with the failing one, then written again from the archive.
        assert prepared_again == ["skolesys_klasser_101_202401.csv", "skolesys_klasser_101_202402.csv"]
        assert _committed(w) == [("skolesys_klasser_101_202401.csv", 2, 2), ("skolesys_klasser_101_202402.csv", 3, 3)]
        assert [o.file for o in report.outcomes] == ["skolesys_klasser_101_202401.csv",
                                                          "skolesys_klasser_101_202402.csv"]
        assert w.con.execute("SELECT count(*) FROM registry.pending_checks").fetchall() == [(2,)]


def test_rows_written_into_an_open_transaction_are_not_held_until_it_commits(tmp_path):
    """An ingest writes millions of rows in one transaction: once written, nothing holds them any more (a view
    registered for the insert would hold them until the commit, even once unregistered)."""
    import gc

    import pyarrow as pa

    from flis.ingest.load import write_many

    data = HEADER + b"".join(b"%d;1010001;%d.A;%d;1;J\n" % (i, i % 10, i % 10) for i in range(20_000))
    with Warehouse(tmp_path / "w.duckdb") as w:
        w.con.execute("BEGIN TRANSACTION")
        before = pa.total_allocated_bytes()
        delivery = prepare(data, "skolesys_klasser_101_202401.csv", dt.datetime(2024, 2, 1))
        held = pa.total_allocated_bytes() - before
        assert held >= delivery.rows.nbytes > 1_000_000  # the rows, in Arrow's memory
        write_many(w.con, [delivery])
        del delivery
        gc.collect()
        assert pa.total_allocated_bytes() - before < held / 10
        w.con.execute("COMMIT")
        assert w.con.execute("SELECT count(*) FROM canonical.schools_classes").fetchall() == [(20_000,)]


def test_arrivals_of_known_deliveries_are_noted_together_each_once_and_the_earliest_names_the_delivery(tmp_path):
    from flis.ingest.load import add_receipts, write_many

    archive = Archive(tmp_path / "archive")
    first = _delivery(archive, 1, 2)  # received 2024-02-01 as skolesys_klasser_101_202401.csv
    with Warehouse(tmp_path / "w.duckdb") as w:
        write_many(w.con, [first])
        earlier, later = dt.datetime(2024, 1, 31, 8), dt.datetime(2024, 2, 3)
        assert add_receipts(w.con, [
            (first.delivery_id, "again.csv", later),
            (first.delivery_id, "copy.csv", earlier),
            (first.delivery_id, "again.csv", later),  # the same arrival twice in one batch: noted once
            (first.delivery_id, "skolesys_klasser_101_202401.csv", dt.datetime(2024, 2, 1)),  # noted before
        ]) == [True, True, False, False]
        assert add_receipts(w.con, [(first.delivery_id, "copy.csv", earlier)]) == [False]
        assert add_receipts(w.con, []) == []
        assert w.con.execute("SELECT file_name, received_at FROM registry.receipts ORDER BY received_at").fetchall() == [
            ("copy.csv", earlier), ("skolesys_klasser_101_202401.csv", dt.datetime(2024, 2, 1)), ("again.csv", later)]
        assert w.con.execute("SELECT file_name, received_at FROM registry.deliveries").fetchall() == [
            ("copy.csv", earlier)]
