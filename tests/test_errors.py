"""The one error root: stable, unique, documented codes and one shape for CLI and API."""

from __future__ import annotations

from pathlib import Path

import pytest

import flis.errors as errors
from flis.errors import ERROR_CODES, FlisError, SourceLocation

DOCS = Path(__file__).resolve().parents[1] / "docs" / "errors.md"


def test_every_error_class_descends_from_the_root_and_has_a_unique_code():
    assert len(ERROR_CODES) == len(set(ERROR_CODES))
    for code, cls in ERROR_CODES.items():
        assert issubclass(cls, FlisError)
        assert cls.code == code


def test_a_second_class_with_a_taken_code_is_refused():
    with pytest.raises(RuntimeError, match="duplicate error code"):
        type("Clash", (FlisError,), {"code": errors.ConfigError.code})


def test_error_shape_names_file_line_and_field():
    exc = errors.SynthError("expected a class type such as 10, 20 or 29", hint="fix the vendor export",
                            location=SourceLocation("klasser.csv", 17, "klassetype"))
    assert exc.to_dict() == {
        "code": "synth.failed",
        "message": "expected a class type such as 10, 20 or 29",
        "hint": "fix the vendor export",
        "location": {"file": "klasser.csv", "line": 17, "field": "klassetype"},
    }
    assert str(exc) == ("klasser.csv, line 17, field 'klassetype': expected a class type such as 10, 20 or 29 "
                        "(fix the vendor export)")


def test_every_code_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    missing = [code for code in ERROR_CODES if f"`{code}`" not in text]
    assert not missing, f"document these error codes in docs/errors.md: {missing}"
