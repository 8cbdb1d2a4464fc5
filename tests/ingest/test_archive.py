"""The raw archive keeps bytes by content hash; a file cut short by a crash is written again."""

from __future__ import annotations

from flis.ingest.archive import Archive, content_hash


def test_storing_is_idempotent_and_a_truncated_file_is_repaired(tmp_path):
    archive = Archive(tmp_path)
    data = b"cpr;name\n0101;A\n"
    sha = content_hash(data)
    path = archive.store(data, sync=False)
    assert path == archive.path_for(sha) and path.read_bytes() == data
    archive.flush()
    mtime = path.stat().st_mtime_ns
    assert archive.store(data) == path and path.stat().st_mtime_ns == mtime  # already there: untouched
    path.write_bytes(data[:5])  # what a crash between rename and sync can leave
    archive.store(data, sha)
    assert archive.read(sha) == data
    assert not list(path.parent.glob(".*.tmp"))



def test_a_batch_commits_only_once_its_archived_files_are_synced(tmp_path, monkeypatch):
    """The sync of a batch's archived files runs in the background while the batch is written into the
    warehouse; the batch's COMMIT waits for it."""
    import datetime as dt
    import threading
    import time

    from flis.ingest import archive as archive_module
    from flis.ingest.pipeline import IngestReport, _Batch
    from flis.ingest.prepare import prepare
    from flis.warehouse.store import Warehouse

    events: list[str] = []
    started = threading.Event()

    def slow_sync():
        started.set()
        time.sleep(0.3)
        events.append("synced")

    class Recording:  # the warehouse connection, noting the statements that write and commit
        def __init__(self, con):
            self.con = con

        def execute(self, sql, *args):
            if sql.startswith("COMMIT"):
                events.append("COMMIT")
            return self.con.execute(sql, *args)

        def from_arrow(self, rows):  # rows are inserted from Arrow relations
            events.append("INSERT rows" if "_delivery" in rows.column_names else "INSERT registry")
            return self.con.from_arrow(rows)

        def __getattr__(self, name):
            return getattr(self.con, name)

    monkeypatch.setattr(archive_module.os, "sync", slow_sync)
    data = b"klasse_id;institutionsnr;klasse;klassetrin;klassetype;aargangsdelt\n1;1010001;0.A;0;1;J\n"
    name = "skolesys_klasser_101_202401.csv"
    archive = Archive(tmp_path / "archive")
    archive.store(data, sync=False)
    with Warehouse(tmp_path / "w.duckdb") as w:
        batch = _Batch(Recording(w.con), IngestReport(), lambda size: None, archive)
        batch.add(prepare(data, name, dt.datetime(2024, 2, 1)))
        batch.flush()
        assert started.is_set()
        # written during the sync, committed after it
        assert [e for e in events if e != "INSERT registry"] == ["INSERT rows", "synced", "COMMIT"]
        assert events.index("synced") > max(i for i, e in enumerate(events) if e.startswith("INSERT"))
        assert w.con.execute("SELECT count(*) FROM canonical.schools_classes").fetchall() == [(1,)]
