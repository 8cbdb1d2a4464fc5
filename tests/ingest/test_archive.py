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
