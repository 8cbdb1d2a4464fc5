"""Adapters are checked against the canonical model; every problem is reported with file and line."""

from __future__ import annotations

import pytest

from flis.sources.adapter import AdapterError, load_adapter_texts, load_adapters
from flis.warehouse.model import load_model


def test_the_shipped_adapters_load():
    adapters = load_adapters()
    assert {"fru", "bsx", "edulink", "skolesys", "loendata", "persdata", "oekonline", "finanspro",
            "omsorgsdata", "caretrack"} <= set(adapters)
    elever = adapters["skolesys"].files["elever"]
    assert elever.table.qualified == "schools.pupils"
    assert elever.aliases == {"betalings_kommune": "betalingskommune"}
    assert elever.field_named("koen").codes == {"1": 1, "2": 2}
    assert adapters["fru"].files["bestand"].format.fixed_fields[0].width == 10


BROKEN = """system: toy-system
vendor: Toy
key: toy
domain: schools
format: {kind: csv, encoding: utf-8}
values: {decimal_mark: ","}
files:
  elever:
    table: pupils
    colour: blue
    aliases: {nyt_navn: findes_ikke}
    columns:
      elev_id: pupil_id
      klasse: klasse_nummer
      koen: {column: sex, codes: {"1": 1, "2": 9}}
      trin: {column: grade, widht: 2}
"""


def test_every_problem_is_reported_at_once_with_file_and_line():
    with pytest.raises(AdapterError) as err:
        load_adapter_texts({"toy.yaml": BROKEN}, load_model())
    message = str(err.value)
    assert "toy.yaml:10: file elever: unknown setting 'colour'" in message
    assert "toy.yaml:14: field klasse: 'klasse_nummer' is not a column of schools.pupils" in message
    assert "toy.yaml:15: '9' is not in code list sex" in message
    assert "toy.yaml:16: field trin: unknown setting 'widht'" in message
    assert "alias 'nyt_navn' replaces unknown field 'findes_ikke'" in message
    assert "required column schools.pupils.birth_date is not mapped" in message
