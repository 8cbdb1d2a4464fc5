"""The duplicate-key check's quick test for repeats agrees with a GROUP BY on any keys, nulls included."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from flis.ingest.validate import _repeated
from flis.sources.formats.base import LINE

COLUMNS = {
    "text": (pa.string(), st.none() | st.sampled_from(["", "a", "b", "æ"])),
    "whole": (pa.int64(), st.none() | st.integers(-2, 2)),
    "day": (pa.date32(), st.none() | st.sampled_from([dt.date(2024, 1, 1), dt.date(2024, 1, 2)])),
    "flag": (pa.bool_(), st.none() | st.booleans()),
}


@st.composite
def _tables(draw) -> tuple[pa.Table, list[str]]:
    keys = draw(st.lists(st.sampled_from(sorted(COLUMNS)), min_size=1, max_size=4, unique=True))
    rows = draw(st.integers(1, 12))
    columns = {k: pa.array([draw(COLUMNS[k][1]) for _ in range(rows)], COLUMNS[k][0]) for k in keys}
    table = pa.table({**columns, LINE: pa.array(range(rows), pa.int32())})
    cut = draw(st.integers(0, rows))  # two chunks, as a table of several files has
    return pa.concat_tables([table.slice(0, cut), table.slice(cut)]), keys


def test_repeats_by_hand():
    table = pa.table({"a": ["x", "x", None, None], "b": [1, 2, 3, 3], LINE: [1, 2, 3, 4]})
    assert _repeated(table, ["a", "b"])  # (None, 3) twice
    assert _repeated(table, ["a"])
    assert not _repeated(table.slice(0, 3), ["a", "b"])


@settings(max_examples=300, deadline=None)
@given(_tables())
def test_repeats_agree_with_a_group_by(case):
    table, keys = case
    counts = table.group_by(keys, use_threads=False).aggregate([(LINE, "count")]).column(f"{LINE}_count")
    assert _repeated(table, keys) == (max(counts.to_pylist()) > 1)
