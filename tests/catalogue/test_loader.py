"""The catalogue loader: the real catalogue loads and is broad; broken definitions are reported all at once."""

from __future__ import annotations

import pytest

from flis.catalogue.loader import CatalogueError, DEFINITIONS, load_catalogue, load_texts

GOOD = """
domain: schools
figures:
  - id: T001
    name: {da: Elever, en: Pupils}
    description: Pupils.
    numerator: {table: schools.pupils, measure: count, where: "grade BETWEEN 0 AND 9"}
    scale: 1
    unit: {da: elever, en: pupils}
    display: number
    decimals: 0
    level: monthly
    direction: neutral
    drill: person
"""

DIMS = (DEFINITIONS / "dimensions.yaml").read_text(encoding="utf-8")


def problems(text: str) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        load_texts({"dimensions.yaml": DIMS, "t.yaml": text})
    return info.value.problems


def test_a_good_definition_loads():
    catalogue = load_texts({"dimensions.yaml": DIMS, "t.yaml": GOOD})
    assert [s.id for s in catalogue.series] == ["T001"]
    assert "number of rows in schools.pupils where grade BETWEEN 0 AND 9" in catalogue.series[0].definition()


def test_every_problem_is_reported_with_file_and_line():
    bad = GOOD.replace("schools.pupils", "schools.pupil").replace("    unit: {da: elever, en: pupils}\n", "") + """
  - id: T002
    name: {da: x, en: x}
    description: x
    numerator: {table: schools.classes, measure: count}
    scale: 1
    unit: {da: x, en: x}
    display: number
    decimals: 0
    level: monthly
    direction: neutral
    drill: institution
    variants: [sex, no_such_dimension]
  - id: T003
    name: {da: x, en: x}
    description: x
    numerator: {table: schools.classes, measure: count, where: "class_type = 'nomal' AND grde = 4"}
    scale: 1
    unit: {da: x, en: x}
    display: number
    decimals: 0
    level: monthly
    direction: neutral
    drill: institution
"""
    found = problems(bad)
    text = "\n".join(found)
    assert "t.yaml:4: figure T001 lacks unit" in text
    assert "unknown table 'schools.pupil'" in text
    assert "unknown column 'grde'" in text
    assert "unknown dimension 'no_such_dimension'" in text
    assert "variant sex needs sex, which schools.classes lacks" in text
    assert all(p.startswith("t.yaml:") for p in found)


def test_a_code_that_is_not_in_the_code_list_is_refused():
    found = problems(GOOD.replace('"grade BETWEEN 0 AND 9"', "\"class_id IS NOT NULL AND sex = 3\""))
    assert any("'3' is not a code of sex" in p for p in found)


def test_circular_change_references_are_refused():
    text = GOOD + """
  - id: T002
    name: {da: a, en: a}
    description: x
    change_of: T003
    scale: 1
    unit: {da: x, en: x}
    display: number
    decimals: 0
    level: monthly
    direction: neutral
    drill: municipality
  - id: T003
    name: {da: b, en: b}
    description: x
    change_of: T002
    scale: 1
    unit: {da: x, en: x}
    display: number
    decimals: 0
    level: monthly
    direction: neutral
    drill: municipality
"""
    assert any("circular reference: T002 -> T003 -> T002" in p for p in problems(text))


def test_sql_outside_the_expression_language_is_refused():
    found = problems(GOOD.replace('"grade BETWEEN 0 AND 9"', '"grade IN (SELECT 1)"'))
    assert any("is not allowed in an expression" in p for p in found)
    found = problems(GOOD.replace('"grade BETWEEN 0 AND 9"', '"read_csv(\'x\') = 1"'))
    assert any("READCSV is not allowed" in p for p in found)
    found = problems(GOOD.replace('"grade BETWEEN 0 AND 9"', '"shell(\'x\') = 1"'))
    assert any("unknown function shell()" in p for p in found)


def test_the_catalogue_is_broad_enough():
    catalogue = load_catalogue()
    by_domain: dict[str, int] = {}
    for figure in catalogue.figures.values():
        by_domain[figure.domain] = by_domain.get(figure.domain, 0) + 1
    assert len(by_domain) == 10 and min(by_domain.values()) >= 8, by_domain
    assert len(catalogue.figures) >= 150
    assert len(catalogue.series) >= 1000
    assert len({s.id for s in catalogue.series}) == len(catalogue.series)
    kinds = {m.measure for m in catalogue.measures().values()}
    assert {"count", "count_distinct", "sum", "median"} <= kinds
    assert any(f.rolling for f in catalogue.figures.values())
    assert any(f.change_of for f in catalogue.figures.values())
