"""The expression language of key-figure definitions: a small SQL subset, parsed and checked by SQLGlot.

Definitions write filters, measured values, derived columns and dimensions as SQL expressions
(``class_type = 'normal' AND age(birth_date) >= 80``). They are never pasted into SQL: each is
parsed into a SQLGlot tree, checked node by node against a whitelist, its columns against the
table or relation it reads, and every literal compared with a coded column against that code list.
The compiler later rewrites the flis functions (``age``, ``days_in_period``, ...) into plain SQL
for the engine at hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from flis.warehouse.model import Codelist

# flis functions: name -> (min args, max args); the compiler translates them per engine.
FLIS_FUNCTIONS = {
    "age": (1, 1), "age_at": (2, 2), "period_start": (0, 0), "period_end": (0, 0),
    "days_in_period": (2, 2), "days_between": (2, 2), "group_count": (1, 5), "grade_number": (1, 1),
}
WINDOW_FUNCTIONS = {"group_count"}

ALLOWED = (
    exp.Column, exp.Identifier, exp.Literal, exp.Boolean, exp.Null, exp.And, exp.Or, exp.Not, exp.Paren,
    exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.Between, exp.In, exp.Is, exp.Case, exp.If,
    exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Neg, exp.Mod, exp.Coalesce, exp.Least, exp.Greatest, exp.Abs,
    exp.Round, exp.Year, exp.Month, exp.Anonymous, exp.Tuple, exp.Cast, exp.DataType, exp.Star,
)


@dataclass(frozen=True)
class Scope:
    """What an expression may refer to: column -> (type, code list or None)."""

    name: str
    columns: dict[str, tuple[str, Codelist | None]]


@dataclass
class Checked:
    tree: exp.Expression
    columns: set[str]
    uses_window: bool


def _coerce(literal: exp.Literal, codelist: Codelist):
    if codelist.type == "integer":
        try:
            return int(literal.this)
        except ValueError:
            return literal.this
    return literal.this


def _check_codes(tree: exp.Expression, scope: Scope, problems: list[str]) -> None:
    """Literals compared with a coded column must be codes of its list."""
    def coded(node: exp.Expression) -> tuple[str, Codelist] | None:
        if isinstance(node, exp.Column) and node.name in scope.columns:
            codelist = scope.columns[node.name][1]
            if codelist is not None:
                return node.name, codelist
        return None

    def check(column: str, codelist: Codelist, literal: exp.Expression) -> None:
        if isinstance(literal, exp.Literal) and _coerce(literal, codelist) not in codelist:
            sample = ", ".join(repr(v) for v in list(codelist.values)[:8])
            problems.append(f"'{literal.this}' is not a code of {column} (code list {codelist.name}: {sample}"
                            f"{', ...' if len(codelist.values) > 8 else ''})")

    for node in tree.walk():
        if isinstance(node, (exp.EQ, exp.NEQ)):
            for a, b in ((node.this, node.expression), (node.expression, node.this)):
                found = coded(a)
                if found:
                    check(*found, b)
        elif isinstance(node, exp.In):
            found = coded(node.this)
            if found:
                for item in node.expressions:
                    check(*found, item)


def check(text: object, scope: Scope, problems: list[str], *, allow_window: bool = False) -> Checked | None:
    """Parse and check one expression; appends plain-language problems and returns None when it fails."""
    if isinstance(text, bool):
        text = "TRUE" if text else "FALSE"
    if not isinstance(text, (str, int, float)):
        problems.append(f"expected an expression, got {type(text).__name__}")
        return None
    try:
        tree = sqlglot.parse_one(str(text), dialect="duckdb")
    except ParseError as error:
        problems.append(f"cannot parse expression {text!r}: {str(error).splitlines()[0]}")
        return None
    before = len(problems)
    columns: set[str] = set()
    uses_window = False
    for node in tree.walk():
        if not isinstance(node, ALLOWED):
            problems.append(f"{node.key.upper()} is not allowed in an expression ({text!r})")
            continue
        if isinstance(node, exp.Column):
            if node.table:
                problems.append(f"write columns without a table prefix: {node.sql()} in {text!r}")
            elif node.name not in scope.columns:
                near = [c for c in scope.columns if c.startswith(node.name[:3])][:5]
                problems.append(f"unknown column {node.name!r} in {scope.name}"
                                + (f" (did you mean {', '.join(near)}?)" if near else ""))
            columns.add(node.name)
        elif isinstance(node, exp.Anonymous):
            name = node.name.lower()
            if name not in FLIS_FUNCTIONS:
                problems.append(f"unknown function {node.name}() in {text!r}; allowed: "
                                f"{', '.join(sorted(FLIS_FUNCTIONS))} and coalesce, least, greatest, abs, round, "
                                "year, month")
                continue
            low, high = FLIS_FUNCTIONS[name]
            if not low <= len(node.expressions) <= high:
                problems.append(f"{name}() takes {low}{'' if low == high else f'-{high}'} arguments in {text!r}")
            if name in WINDOW_FUNCTIONS:
                uses_window = True
                if not allow_window:
                    problems.append(f"{name}() is only allowed in a relation's derived columns ({text!r})")
    if len(problems) > before:
        return None
    _check_codes(tree, scope, problems)
    if len(problems) > before:
        return None
    return Checked(tree, columns, uses_window)
