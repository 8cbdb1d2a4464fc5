"""Dates in the mapping: the fast path (Arrow's strict ISO parser) and the exact path agree with Python.

A delivered value is a date when Python's ``strptime`` reads it in the declared format and ``strftime``
writes the very same text back (so 30 February and 2024-1-5 are not dates). Whatever mix of good and bad
values a column holds, the mapping must give exactly those dates, and null for the rest.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from flis.sources.mapping import _dates, _dates_fast

FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d", "%Y-%m-%dT%H:%M:%S"]
BAD = ["2024-02-30", "2023-02-29", "2024-2-3", "31-04-2024", "30.02.2024", "29.02.2023", "2024/01/01", "x",
       "99999999", "2024-00-10", "20241301", "1-1-2024", "2024-01-01 ", "٢٠٢٤-٠١-٠١", "2024-01-32"]


def python_date(text: str | None, fmt: str) -> dt.date | None:
    if text is None:
        return None
    try:
        stamp = dt.datetime.strptime(text, fmt)
    except ValueError:
        return None
    return stamp.date() if stamp.strftime(fmt) == text else None


def values(fmt: str):
    good = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)).map(lambda d: dt.datetime(d.year, d.month, d.day)
                                                                     .strftime(fmt))
    return st.lists(st.one_of(good, st.none(), st.sampled_from(BAD)), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_dates_match_python(data):
    fmt = data.draw(st.sampled_from(FORMATS))
    texts = data.draw(values(fmt))
    got = _dates(pa.array(texts, pa.string()), fmt).to_pylist()
    assert got == [python_date(t, fmt) for t in texts]


def test_fast_path_takes_clean_columns_and_leaves_the_rest():
    clean = pa.array(["2024-02-29", None, "1999-12-31"], pa.string())
    assert _dates_fast(clean, "%Y-%m-%d").to_pylist() == [dt.date(2024, 2, 29), None, dt.date(1999, 12, 31)]
    assert _dates_fast(pa.array(["29022024"], pa.string()), "%d%m%Y").to_pylist() == [dt.date(2024, 2, 29)]
    rolled = pa.array(["30.02.2024", "01.03.2024"], pa.string())
    assert _dates_fast(rolled, "%d.%m.%Y") is None  # a bad value: the exact path decides
    assert _dates(rolled, "%d.%m.%Y").to_pylist() == [None, dt.date(2024, 3, 1)]
    assert _dates_fast(pa.array(["2024-01-01T10:00:00"], pa.string()), "%Y-%m-%dT%H:%M:%S") is None


def test_the_fast_path_by_hand():
    """Leap years, the ends of months and nulls, in a column whose values are all real dates; one value
    that is not sends the column to the exact path (None here)."""
    text = pa.array(["2000-02-29", None, "2024-12-31", "1970-01-01", "1969-12-31", "2023-04-30", None])
    assert _dates_fast(text, "%Y-%m-%d").to_pylist() == [
        dt.date(2000, 2, 29), None, dt.date(2024, 12, 31), dt.date(1970, 1, 1), dt.date(1969, 12, 31),
        dt.date(2023, 4, 30), None]
    assert _dates_fast(pa.array(["29.02.2024", "01.03.2024"]).slice(1), "%d.%m.%Y").to_pylist() == \
        [dt.date(2024, 3, 1)]
    for bad in ("1900-02-29", "2023-04-31", "2024-1a-01", "2024/01/01"):
        assert _dates_fast(pa.array(["2024-01-01", bad]), "%Y-%m-%d") is None
        assert _dates(pa.array(["2024-01-01", bad]), "%Y-%m-%d").to_pylist() == [dt.date(2024, 1, 1), None]
    assert _dates_fast(pa.array(["0999-01-01"]), "%Y-%m-%d") is None  # years before 1000: the exact path


def test_the_fast_path_by_hand_in_other_layouts():
    """Formats other than ISO: year, month and day are taken from where the format puts them."""
    assert _dates_fast(pa.array(["31.12.1999", None, "29.02.2000"]), "%d.%m.%Y").to_pylist() == [
        dt.date(1999, 12, 31), None, dt.date(2000, 2, 29)]
    assert _dates_fast(pa.array([None, "20240131", "19700101"]), "%Y%m%d").to_pylist() == [
        None, dt.date(2024, 1, 31), dt.date(1970, 1, 1)]
    assert _dates_fast(pa.array(["01-02-2024"]), "%d-%m-%Y").to_pylist() == [dt.date(2024, 2, 1)]
    assert _dates_fast(pa.array(["01-02-2024"]), "%m-%d-%Y").to_pylist() == [dt.date(2024, 1, 2)]
    assert _dates_fast(pa.array(["01.02-2024"]), "%d-%m-%Y") is None  # a literal out of place
    assert _dates_fast(pa.array(["29022023"]), "%d%m%Y") is None  # no 29 February in 2023
    assert _dates_fast(pa.array(["01010999"]), "%d%m%Y") is None  # the year 999
