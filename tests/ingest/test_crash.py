"""A load killed at any moment leaves the warehouse consistent, and running again completes it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from flis.ingest.archive import Archive
from flis.ingest.pipeline import ingest
from flis.settings import get_settings
from flis.warehouse.store import Warehouse


def _consistent(path) -> None:
    """Every registered delivery has exactly its rows, and no row lacks its delivery."""
    with Warehouse(path) as w:
        tables = [f"canonical.{t.sql_name}" for t in w.model.tables.values()]
        counts = " UNION ALL ".join(f"SELECT _delivery, count(*) AS n FROM {t} GROUP BY _delivery" for t in tables)
        wrong = w.con.execute(f"""
            SELECT d.delivery_id, d.rows_loaded, coalesce(c.n, 0)
            FROM registry.deliveries d FULL JOIN ({counts}) c ON c._delivery = d.delivery_id
            WHERE d.delivery_id IS NULL OR d.rows_loaded <> coalesce(c.n, 0)""").fetchall()
        assert wrong == []
        orphans = w.con.execute("SELECT count(*) FROM registry.receipts r LEFT JOIN registry.deliveries d "
                                "USING (delivery_id) WHERE d.delivery_id IS NULL").fetchall()[0][0]
        assert orphans == 0


def test_killed_ingest_leaves_the_warehouse_consistent_and_a_rerun_completes(clean_country, tmp_path, monkeypatch):
    source = clean_country.out / "deliveries"
    with Warehouse(tmp_path / "reference.duckdb") as w:
        ingest([source], warehouse=w, archive=Archive(tmp_path / "reference-archive"), workers=1)
        expected = w.checksum()

    home = tmp_path / "home"
    env = dict(os.environ, FLIS_HOME=str(home))
    command = [sys.executable, "-m", "flis", "ingest", str(source), "--workers", "1"]
    started = time.perf_counter()  # a whole run first, elsewhere: the kills land at parts of its time
    subprocess.run(command, env=dict(env, FLIS_HOME=str(tmp_path / "timed")), capture_output=True, check=True)
    whole = time.perf_counter() - started
    kills = 0
    for part, commit_rows in ((0.3, "1"), (0.5, "16000000"), (0.7, "1"), (0.9, "16000000")):
        delay = whole * part
        # A commit after every batch (kills land between commits), or one at the end (kills lose everything).
        proc = subprocess.Popen(command, env=dict(env, FLIS_INGEST_COMMIT_ROWS=commit_rows),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        if (home / "warehouse.duckdb").exists():
            monkeypatch.setenv("FLIS_HOME", str(home))
            get_settings.cache_clear()
            _consistent(home / "warehouse.duckdb")
    assert kills >= 2, "the ingest finished before it could be killed; give it more files"

    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    _consistent(home / "warehouse.duckdb")
    with Warehouse(home / "warehouse.duckdb") as w:
        assert w.checksum() == expected
