"""Whole numbers and decimal numbers: what the mapping accepts is exactly what the patterns describe, whether
a column takes the fast path (digits only) or the careful one; no value crashes the conversion."""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flis.sources.adapter import FieldMap
from flis.sources.formats._common import number_text, numbers_text
from flis.sources.mapping import (
    ASCII_WHITESPACE,
    SPACE_FIRST_BYTES,
    SPACE_LAST_BYTES,
    _Context,
    _no_outer_space,
    _trimmed,
    convert,
)
from flis.warehouse.model import Column, load_model

WHOLE = re.compile(r"[+-]?[0-9]{1,18}")
DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)")


def _convert(values: list[str | None], type_: str) -> tuple[list, list[str]]:
    text = pa.array(values, pa.string())
    ctx = _Context(["f.csv"], pa.array(np.arange(2, len(values) + 2), pa.int32()), np.zeros(1, dtype=np.int64))
    out = convert(text, FieldMap("felt", "c"), Column("c", type_), load_model(), ctx)
    return out.to_pylist(), [f.value for f in ctx.findings[0]]


def test_whole_numbers_by_hand():
    values, bad = _convert(["7", "+5", "-12", "007", "99999999999999999999", "1.0", "x", None], "integer")
    assert values == [7, 5, -12, 7, None, None, None, None]
    assert bad == ["99999999999999999999", "1.0", "x"]  # 20 digits do not fit: a finding, not a crash
    assert _convert(["123456789012345678", "1"], "integer")[0] == [123456789012345678, 1]  # the fast path


def test_decimal_numbers_by_hand():
    values, bad = _convert(["1.5", ".5", "2.", "-0.25", "+3", "1e5", "nan", "1.2.3", ".", None], "decimal")
    assert values == [1.5, 0.5, 2.0, -0.25, 3.0, None, None, None, None, None]
    assert bad == ["1e5", "nan", "1.2.3", "."]


TEXT = st.lists(st.one_of(st.none(), st.text(alphabet="0123456789.+-e x", min_size=1, max_size=22)),
                min_size=1, max_size=8)


@pytest.mark.parametrize(("type_", "pattern", "number"), [("integer", WHOLE, int), ("decimal", DECIMAL, float)])
@settings(max_examples=300, deadline=None)
@given(values=TEXT)
def test_numbers_are_what_the_pattern_says(type_, pattern, number, values):
    values = [v.strip() or None if v else None for v in values]
    out, bad = _convert(values, type_)
    assert out == [number(v) if v is not None and pattern.fullmatch(v) else None for v in values]
    assert bad == [v for v in values if v is not None and not pattern.fullmatch(v)]


def test_trimming_ascii_text_is_trimming_unicode_whitespace():
    chars = [chr(i) for i in range(128)]
    padded = pa.array([c + "x" + c for c in chars])
    assert {c for c, v in zip(chars, pc.utf8_trim_whitespace(padded).to_pylist()) if v == "x"} == \
        set(ASCII_WHITESPACE)
    assert _trimmed(padded).to_pylist() == [v or None for v in pc.utf8_trim_whitespace(padded).to_pylist()]
    mixed = pa.array([" \u00a0æ ", "\x1fb\t", "  ", None])  # not all ASCII: the Unicode trim
    assert _trimmed(mixed).to_pylist() == ["æ", "b", None, None]


def test_fixed_width_fields_of_ascii_text_come_trimmed_and_are_not_trimmed_again():
    from flis.sources.formats import read
    from flis.sources.formats.base import FileFormat, FixedField

    fmt = FileFormat("fixed", "utf-8", fixed_fields=(FixedField("a", 5), FixedField("b", 5)))
    result = read(" \tx  æ\u00a0y  \n  z  ø    \n".encode(), fmt, "f.txt")
    assert result.trimmed == frozenset({"a"})  # "b" holds non-ASCII text: only its padding is cut
    assert result.table.column("a").to_pylist() == ["x", "z"]
    assert result.table.column("b").to_pylist() == ["æ\u00a0y", "ø"]
    assert _trimmed(result.table.column("b").combine_chunks()).to_pylist() == ["æ\u00a0y", "ø"]
    assert _trimmed(pa.array(["\u00a0æ\u00a0"])).to_pylist() == ["æ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([None, "", "a", "bc", "æ"]), max_size=30), st.data())
def test_empty_text_becomes_null_in_any_slice_of_an_array(values, data):
    """The readers' ``nullify`` finds empty strings from the offsets; slices and nulls of any length
    must not fool it."""
    from flis.sources.formats._common import nullify

    start = data.draw(st.integers(0, len(values)))
    length = data.draw(st.integers(0, len(values) - start))
    part = pa.array(values, pa.string()).slice(start, length)
    assert nullify(part).to_pylist() == [None if v == "" else v for v in values[start:start + length]]
    assert nullify(pa.chunked_array([part, part], pa.string())).to_pylist() == nullify(part).to_pylist() * 2


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from([1.5e-07, 1e16, 2.5, -3.0]),
                max_size=20))
def test_numbers_text_writes_each_number_as_python_does(values):
    """The JSON reader's fast path writes numbers as its slow path does (exponents included: '1.5e-07')."""
    assert numbers_text(pa.array(values, pa.float64())).to_pylist() == [number_text(v) for v in values]


def test_the_bytes_whitespace_starts_and_ends_with_are_all_of_them():
    """Every character of Unicode that ``utf8_trim_whitespace`` trims, at either end, starts and ends with
    one of the bytes the quick check looks for (and those bytes are no more than that)."""
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    front = pc.utf8_trim_whitespace(pa.array([c + "a" for c in chars])).to_pylist()
    back = pc.utf8_trim_whitespace(pa.array(["a" + c for c in chars])).to_pylist()
    space = [c for c, f, b in zip(chars, front, back) if f == "a" or b == "a"]
    assert "\u3000" in space and "\u00a0" in space and " " in space
    assert set(SPACE_FIRST_BYTES) == {c.encode()[0] for c in space}
    assert set(SPACE_LAST_BYTES) == {c.encode()[-1] for c in space}


def test_values_without_outer_space_by_hand():
    assert _no_outer_space(pa.array(["Ørnevej", "Åby", "x", "", None, "Kø"]))
    for spaced in (" x", "x ", "\u00a0x", "x\u3000", "\x1fx", "x\t"):
        assert not _no_outer_space(pa.array(["a", spaced, "b"]))
    assert not _no_outer_space(pa.array(["a", " b", "c"]).slice(1, 1))
    assert _no_outer_space(pa.array(["a", " b", "c"]).slice(2))  # only the slice counts
    assert not _no_outer_space(pa.array(["ÆØÆ"]))  # 'Æ' ends in 0x86, as U+2006 does: trimmed to be sure


EDGE = ["", " ", "\t", "\u00a0", "\u2006", "\u3000", "\u0085", "\x1c", "\x01", "a", "Æ", "ø", "1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.lists(st.sampled_from(EDGE), max_size=4).map("".join), st.text(max_size=5)),
                max_size=12), st.integers(0, 3))
def test_trimming_is_unicodes_trim_with_empty_as_null(values, skip):
    text = pa.array(values, pa.string()).slice(min(skip, len(values)))
    expected = [v or None for v in pc.utf8_trim_whitespace(text).to_pylist()]
    assert _trimmed(text).to_pylist() == expected


def _checked(values: list[str | None], column: Column) -> list[tuple[str, int, str | None]]:
    from flis.sources.mapping import _check_required_and_range

    text = pa.array(values, pa.string())
    ctx = _Context(["f.csv"], pa.array(np.arange(2, len(values) + 2), pa.int32()), np.zeros(1, dtype=np.int64))
    converted = convert(text, FieldMap("felt", column.name), column, load_model(), ctx)
    _check_required_and_range(converted, text, text, FieldMap("felt", column.name), column, ctx)
    return [(f.code, f.line, f.value) for f in ctx.findings[0]]


def test_required_values_and_ranges_by_hand():
    """A value outside the range and a missing required value are findings at their lines; a column whose
    values are all in range, or that has no empty value, has none (the quick checks for those)."""
    hours = Column("c", "decimal", required=True, min=0, max=37)
    assert _checked(["5", None, "37.5", "-1", "0", "37"], hours) == [
        ("value.missing", 3, None), ("value.out_of_range", 4, "37.5"), ("value.out_of_range", 5, "-1")]
    assert _checked(["0", "12.5", "37"], hours) == []
    assert _checked([None, None], Column("c", "integer", required=True)) == [("value.missing", 2, None),
                                                                             ("value.missing", 3, None)]
    assert _checked(["101", "7"], Column("c", "integer", min=10)) == [("value.out_of_range", 3, "7")]
    assert _checked(["101", "7"], Column("c", "integer", max=100)) == [("value.out_of_range", 2, "101")]
    assert _checked([None, None], Column("c", "integer", min=0, max=1)) == []  # nulls are not out of range
