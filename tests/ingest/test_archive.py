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
    """The sync of a batch's archived files runs while the batch is written; its deliveries are committed
    after it has finished, also when a failing batch is committed again one delivery at a time."""
    import threading

    from flis.ingest import archive as archive_module

    events = []
    release = threading.Event()

    def slow_sync():
        release.wait(5)
        events.append("synced")

    monkeypatch.setattr(archive_module.os, "sync", slow_sync)
    archive = Archive(tmp_path)
    archive.store(b"a delivery", sync=False)
    archive.flush(wait=False)
    events.append("written")  # the batch is written meanwhile
    release.set()
    archive.synced()
    events.append("committed")
    assert events == ["written", "synced", "committed"]
    archive.flush(wait=False)  # nothing new stored: no second sync
    archive.synced()
    assert events.count("synced") == 1
