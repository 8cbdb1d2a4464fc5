"""The raw archive: every delivered file, byte for byte, stored by its content hash.

``FLIS_HOME/archive/sha256/ab/cdef…`` holds the exact bytes received. Writing goes through a
temporary file and an atomic rename, so a crash never leaves a half-written file under a
final name, and storing the same content twice is a no-op. Nothing here is ever modified
or deleted by flis.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

from flis.settings import get_settings


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Archive:
    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root else get_settings().path("archive")
        self._text = str(self.root)
        self._unsynced = False
        self._syncing: threading.Thread | None = None

    def path_for(self, sha256: str) -> Path:
        return Path(self._place(sha256)[1])

    def _place(self, sha256: str) -> tuple[str, str]:
        """The folder and the path, as text, of the content with this hash."""
        folder = os.path.join(self._text, "sha256", sha256[:2])
        return folder, os.path.join(folder, sha256[2:])

    def store(self, data: bytes, sha256: str | None = None, *, sync: bool = True) -> Path:
        """Keep ``data`` under its hash. With ``sync=False`` the bytes reach the disk at the next
        :meth:`flush` (ingest flushes once per batch, before the batch's deliveries are registered:
        one ``sync`` instead of one ``fsync`` per file).

        Paths are handled as text and a folder is made when a file cannot be created in it (ingest stores
        every delivery, each worker task with an archive object of its own, and ``pathlib``, ``open`` and
        ``makedirs`` cost more than the write of a small file)."""
        sha256 = sha256 or content_hash(data)
        folder, path = self._place(sha256)
        try:
            if os.stat(path).st_size == len(data):
                return Path(path)
            # A file of the wrong size under a final name: a crash between rename and sync. Write it again.
        except FileNotFoundError:
            pass
        tmp = os.path.join(folder, f".{sha256[2:]}.{os.getpid()}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        except FileNotFoundError:  # the first content under this prefix
            os.makedirs(folder, exist_ok=True)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        self._unsynced = self._unsynced or not sync
        return Path(path)

    def mark_unsynced(self) -> None:
        """Files were stored with ``sync=False`` by another process (an ingest worker)."""
        self._unsynced = True

    def flush(self, wait: bool = True) -> None:
        """Make every file stored with ``sync=False`` durable. With ``wait=False`` the sync runs in the
        background until :meth:`synced` (ingest writes a batch into the warehouse meanwhile, and commits it
        once its files are on disk)."""
        if self._unsynced:
            self.synced()
            self._syncing = threading.Thread(target=os.sync, name="archive-sync", daemon=True)
            self._syncing.start()
            self._unsynced = False
        if wait:
            self.synced()

    def synced(self) -> None:
        """Wait for a sync started by :meth:`flush`."""
        if self._syncing is not None:
            self._syncing.join()
            self._syncing = None

    def read(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()
