"""The canonical model: consistent definitions, every problem reported at once with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from flis.warehouse.docs import render_markdown
from flis.warehouse.model import ModelError, load_model, load_model_texts

ROOT = Path(__file__).resolve().parents[2]
CODELISTS = """
sex:
  title: Sex
  type: integer
  values: {1: Man, 2: Woman}
"""


def test_the_shipped_model_loads_and_covers_every_domain():
    model = load_model()
    assert {t.domain for t in model.tables.values()} >= {"citizens", "schools", "health", "hr", "economy"}
    pupils = model.table("schools.pupils")
    assert pupils.key == ("pupil_id",)
    assert pupils.column("class_id").references == "schools.classes"
    assert pupils.column("sex").sql_type(model.codelists) == "INTEGER"
    assert model.table("economy.postings").column("amount").sql_type(model.codelists) == "DECIMAL(18,2)"


def test_all_problems_are_reported_at_once_with_file_and_line():
    text = """domain: toy
tables:
  things:
    level: sometimes
    key: [id, nope]
    colour: red
    columns:
      id: {type: text}
      sex: {type: code, codelist: gender}
      size: {type: huge}
      owner: {type: text, references: toy.nothing}
"""
    with pytest.raises(ModelError) as err:
        load_model_texts({"codelists.yaml": CODELISTS, "toy.yaml": text})
    message = str(err.value)
    assert "toy.yaml:6: table things: unknown key 'colour'" in message
    assert "toy.yaml:4: table things: level must be one of" in message
    assert "toy.yaml:5: table things: key column 'nope' is not a column" in message
    assert "toy.yaml:9: column sex: unknown code list 'gender'" in message
    assert "toy.yaml:10: column size: type must be one of" in message
    assert "references unknown table 'toy.nothing'" in message


def test_data_model_page_is_up_to_date():
    committed = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert committed == render_markdown(), "regenerate: python -m flis.warehouse.docs > docs/data-model.md"
