"""Which files an ingest takes from the given paths, and the time each was received."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from flis.ingest.pipeline import NothingToIngest, collect


def _touch(path, when: dt.datetime, text: str = "x") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    stamp = when.replace(tzinfo=dt.UTC).timestamp()
    os.utime(path, (stamp, stamp))


def test_files_of_a_folder_with_their_times_from_the_transport_log_or_the_file(tmp_path):
    root = tmp_path / "deliveries"
    t = dt.datetime(2024, 3, 1, 8)
    _touch(root / "101" / "a_x_101_202402.csv", t + dt.timedelta(hours=5))
    _touch(root / "101" / "b_x_101_202402.csv", t + dt.timedelta(hours=1))
    _touch(root / "147" / "sub" / "a_x_147_202402.csv", t + dt.timedelta(hours=3))
    _touch(root / "147" / ".hidden.csv", t)  # hidden files are not deliveries
    _touch(root / "manifest.json", t)
    _touch(tmp_path / "elsewhere" / "c_x_151_202402.csv", t + dt.timedelta(hours=2))
    (root / "151").mkdir()
    (root / "151" / "c_x_151_202402.csv").symlink_to(tmp_path / "elsewhere" / "c_x_151_202402.csv")
    (root / "deliveries.csv").write_text("path,delivered_at\n101/a_x_101_202402.csv,2024-03-01T07:00:00Z\n"
                                         "./147/sub/a_x_147_202402.csv,2024-03-01T09:30:00\n")
    found = collect([root])
    real = (tmp_path / "elsewhere" / "c_x_151_202402.csv").resolve()
    assert found == [
        ((root / "101" / "a_x_101_202402.csv").resolve(), dt.datetime(2024, 3, 1, 7)),  # the log
        ((root / "101" / "b_x_101_202402.csv").resolve(), dt.datetime(2024, 3, 1, 9)),  # the file's time
        ((root / "147" / "sub" / "a_x_147_202402.csv").resolve(), dt.datetime(2024, 3, 1, 9, 30)),
        (real, dt.datetime(2024, 3, 1, 10)),  # a link: the file it points to
    ]
    assert collect([root / "101" / "b_x_101_202402.csv"]) == found[1:2]


def test_the_same_file_twice_and_a_missing_path(tmp_path):
    t = dt.datetime(2024, 3, 1, 8)
    _touch(tmp_path / "d" / "a_x_101_202402.csv", t)
    assert collect([tmp_path / "d", tmp_path / "d" / "a_x_101_202402.csv"]) == [
        ((tmp_path / "d" / "a_x_101_202402.csv").resolve(), t)]
    with pytest.raises(NothingToIngest):
        collect([tmp_path / "nothing"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(NothingToIngest):
        collect([tmp_path / "empty"])
