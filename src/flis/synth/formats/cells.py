"""Vectorised rendering of typed columns into the text a vendor writes.

Every function takes a numpy or pyarrow array and returns a ``pa.StringArray`` with
no nulls (a missing value becomes ``""`` unless the caller asks otherwise), so the
file writers only ever join strings. Everything runs in pyarrow/numpy kernels;
generating the whole country must not loop over rows in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

MISSING_DAY = np.iinfo(np.int32).min
"""Sentinel day number for 'no date' in int32 day arrays (e.g. an open spell)."""


@lru_cache(maxsize=256)
def lit(text: str) -> pa.Scalar:
    """A typed string scalar for compute kernels.

    Passing a bare Python ``str`` makes pyarrow infer its type on every call, which tries
    (and, without python-dateutil, fails) to import modules each time: slow in hot loops.
    """
    return pa.scalar(text, pa.string())


def _as_array(values) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks()
    if isinstance(values, pa.Array):
        return values
    return pa.array(values)


def fill(arr: pa.Array, empty: str = "") -> pa.Array:
    return pc.fill_null(arr, lit(empty))


def text(values) -> pa.Array:
    """Strings as they are; missing values become empty."""
    return fill(_as_array(values).cast(pa.string()))


def integer(values, width: int = 0) -> pa.Array:
    """Integers in plain digits, optionally zero-padded to ``width`` (codes such as '0101')."""
    arr = _as_array(values)
    out = arr.cast(pa.string())
    if width:
        out = pc.utf8_lpad(out, width=width, padding="0")
    return fill(out)


def decimal(values, decimals: int, mark: str = ".", thousands: str = "") -> pa.Array:
    """Fixed-point numbers with ``decimals`` digits after ``mark`` (',' for Danish vendors)."""
    arr = _as_array(values)
    valid = np.asarray(arr.is_valid())
    x = np.nan_to_num(np.asarray(arr.fill_null(0).to_numpy(zero_copy_only=False), dtype=np.float64))
    scaled = np.rint(x * 10**decimals).astype(np.int64)
    negative = scaled < 0
    mag = np.abs(scaled)
    integral = mag // 10**decimals
    whole = _group_thousands(integral, thousands) if thousands else pa.array(integral).cast(pa.string())
    if decimals:
        frac = pc.utf8_lpad(pa.array(mag % 10**decimals).cast(pa.string()), width=decimals, padding="0")
        body = pc.binary_join_element_wise(whole, frac, lit(mark))
    else:
        body = whole
    sign = pa.array(np.where(negative, "-", ""))
    out = pc.binary_join_element_wise(sign, body, lit(""))
    return pc.if_else(pa.array(valid), out, lit(""))


def _group_thousands(integral: np.ndarray, sep: str) -> pa.Array:
    """Non-negative integers with a separator every three digits: 1234567 -> '1.234.567'."""
    def group(k: int) -> pa.Array:
        digits = pa.array((integral // 10 ** (3 * k)) % 1000).cast(pa.string())
        padded = pc.utf8_lpad(digits, width=3, padding="0")
        return pc.if_else(pa.array(integral >= 10 ** (3 * (k + 1))), padded, digits)

    out = group(0)
    k = 1
    while (integral >= 10 ** (3 * k)).any():
        out = pc.if_else(pa.array(integral >= 10 ** (3 * k)), pc.binary_join_element_wise(group(k), out, lit(sep)), out)
        k += 1
    return out


_FORMATTED: dict[str, dict[int, str]] = {}
_EPOCH = dt.date(1970, 1, 1)


def date(days, fmt: str = "%Y-%m-%d") -> pa.Array:
    """Day numbers (days since 1970-01-01, ``MISSING_DAY`` for none) as dates in ``fmt``."""
    d = np.asarray(days, dtype=np.int32)
    # Dates repeat a lot (birth dates, period days): format each distinct day once, and remember it
    # for the next file (pyarrow's strftime costs milliseconds per call).
    unique, inverse = np.unique(d, return_inverse=True)
    known = _FORMATTED.setdefault(fmt, {})
    texts = []
    for day in unique.tolist():
        text = known.get(day)
        if text is None:
            text = "" if day == MISSING_DAY else (_EPOCH + dt.timedelta(days=day)).strftime(fmt)
            known[day] = text
        texts.append(text)
    return pa.array(texts, pa.string()).take(pa.array(inverse.ravel()))


def code(values, mapping: Mapping[object, str]) -> pa.Array:
    """Canonical codes rendered in a vendor's own code list (e.g. sex 1/2 -> 'M'/'K')."""
    arr = _as_array(values)
    keys = list(mapping.keys())
    index = pc.index_in(arr, value_set=pa.array(keys, type=arr.type))
    if pc.any(pc.and_(pc.is_null(index), arr.is_valid())).as_py():
        unknown = pc.unique(pc.filter(arr, pc.and_(pc.is_null(index), arr.is_valid()))).to_pylist()
        raise KeyError(f"no vendor code for canonical values {unknown[:5]}")
    dictionary = pa.array([str(mapping[k]) for k in keys], type=pa.string())
    return fill(pc.take(dictionary, index))


def flag(values, yes: str = "1", no: str = "0") -> pa.Array:
    arr = np.asarray(values, dtype=bool)
    return pa.array(np.where(arr, yes, no))
