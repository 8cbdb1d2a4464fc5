"""The duplicate check: a record whose key occurs earlier in the same file is listed at its own line.

Most deliveries have no duplicate, so the check first hashes the keys (length and first and last 8 bytes of
text) and sorts the hashes; only when two hashes meet does the exact grouping decide. These tests hold the
whole check to a plain Python reference, with keys built to make the hashes meet without the keys doing so.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from flis.ingest.validate import _surely_distinct, duplicates
from flis.sources.formats.base import LINE
from flis.warehouse.model import Table


def _spec(*key: str) -> Table:
    return Table("d", "t", "", "", "", "", tuple(key), "", ())


def _found(table: pa.Table, key: tuple[str, ...], starts: list[int]) -> list[list[int]]:
    files = [f"f{i}.csv" for i in range(len(starts))]
    out = duplicates(table, _spec(*key), files, np.array(starts, dtype=np.int64))
    return [[f.line for f in found] for found in out]  # at most 50 a file: no line sums up the rest


def _reference(rows: list[tuple], lines: list[int], starts: list[int]) -> list[list[int]]:
    """The lines of each file's records whose key occurred before in that file."""
    bounds = [*starts, len(rows)]
    out = []
    for a, b in pairwise(bounds):
        seen, mine = set(), []
        for row, line in sorted(zip(rows[a:b], lines[a:b]), key=lambda r: r[1]):
            if row in seen:
                mine.append(line)
            seen.add(row)
        out.append(sorted(mine))
    return out


def test_duplicates_by_hand():
    long_a, long_b = "ABCDEFGH-middle-1-STUVWXYZ", "ABCDEFGH-middle-2-STUVWXYZ"  # one hash, two keys
    table = pa.table({"id": [long_a, long_b, "x", "x", None, None, "y"],
                      "day": pa.array([dt.date(2024, 1, 1)] * 7, pa.date32()),
                      LINE: pa.array([2, 3, 4, 5, 6, 7, 8], pa.int32())})
    assert _found(table, ("id",), [0]) == [[5, 7]]  # a repeat, and two nulls (grouped as equal)
    assert _found(table, ("id", "day"), [0]) == [[5, 7]]
    assert _found(table, ("id",), [0, 3]) == [[], [7]]  # "x" once in each file: no duplicate
    assert _found(table.slice(0, 2), ("id",), [0]) == [[]]  # the hashes meet, the keys do not


def test_hashes_that_differ_mean_distinct_keys_and_meeting_hashes_decide_nothing():
    ids = pa.array(["P1", "P2", "P10", "", None])
    lines = pa.array(range(5), pa.int32())
    assert _surely_distinct(pa.table({"id": ids, LINE: lines}), ["id"], None)
    same_ends = pa.table({"id": ["ABCDEFGH1STUVWXYZ", "ABCDEFGH2STUVWXYZ"], LINE: pa.array([1, 2], pa.int32())})
    assert not _surely_distinct(same_ends, ["id"], None)  # 17 bytes: the middle byte is not hashed
    numbers = pa.table({"n": pa.array([1, None, 3], pa.int64()), LINE: pa.array([1, 2, 3], pa.int32())})
    assert _surely_distinct(numbers, ["n"], None)
    assert not _surely_distinct(pa.table({"n": [1.5, 2.5]}), ["n"], None)  # a type it does not hash


TEXT = st.sampled_from(["a", "b", "", "Ø", "ABCDEFGH1STUVWXYZ", "ABCDEFGH2STUVWXYZ", "12345678", "123456789",
                        "P000000001", "P000000002"])


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_duplicates_match_the_reference(data):
    n = data.draw(st.integers(1, 30))
    text = data.draw(st.lists(st.one_of(st.none(), TEXT), min_size=n, max_size=n))
    number = data.draw(st.lists(st.one_of(st.none(), st.integers(-2, 2)), min_size=n, max_size=n))
    day = data.draw(st.lists(st.one_of(st.none(), st.sampled_from([dt.date(2024, 1, 1), dt.date(1960, 5, 5)])),
                             min_size=n, max_size=n))
    lines = data.draw(st.permutations(list(range(2, n + 2))))
    starts = sorted({0} | set(data.draw(st.lists(st.integers(0, n - 1), max_size=3))))
    key = data.draw(st.sampled_from([("t",), ("n",), ("t", "n"), ("t", "d"), ("t", "n", "d")]))
    skip = data.draw(st.integers(0, 2))
    table = pa.table({"t": pa.array([None] * skip + text, pa.string()).slice(skip), "n": pa.array(number, pa.int64()),
                      "d": pa.array(day, pa.date32()), LINE: pa.array(lines, pa.int32())})
    columns = {"t": text, "n": number, "d": day}
    rows = list(zip(*(columns[k] for k in key)))
    assert _found(table, key, starts) == _reference(rows, lines, starts)
