"""Key figure -> SQLGlot syntax tree -> SQL for an engine.

Three kinds of query come out of here, all built as SQLGlot trees (definitions are never pasted
into SQL text):

* the **relation** a measure reads: a canonical table ("now" or "as of") with its lookups and
  derived columns;
* a **measure group**: every measure over one relation, attribution and level from one projection of
  the rows, then one aggregation per breakdown with conditional aggregates (``FILTER``) for the
  measures that breakdown needs;
* the **drill-down** of a measure: the rows behind it for one municipality and period, with lineage.

The flis functions of the expression language (``age``, ``days_in_period``, ...) are rewritten
here into plain SQL that each engine understands; where an engine lacks a faithful translation the
compiler owns it (exact percentiles) or refuses with :class:`NoTranslation`.

Selects are grown in place (``copy=False``): SQLGlot's builder methods otherwise copy the whole tree on each
call, which made planning quadratic in the number of columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlglot import exp

from flis.catalogue.expressions import FLIS_FUNCTIONS
from flis.catalogue.model import Dimension, Measure, Relation
from flis.errors import FlisError

ENGINES = ("duckdb", "spark")


class NoTranslation(FlisError):
    """A catalogue operation has no faithful translation on an engine."""

    code = "compile.no_translation"


def col(name: str, table: str | None = None) -> exp.Column:
    return exp.column(name, table=table, quoted=True)


def _num(value) -> exp.Literal:
    return exp.Literal.number(value)


# --- flis functions -----------------------------------------------------------------------------------

def _age_at(birth: exp.Expression, ref: exp.Expression) -> exp.Expression:
    years = exp.Sub(this=exp.Year(this=ref.copy()), expression=exp.Year(this=birth.copy()))
    before_birthday = exp.or_(
        exp.LT(this=exp.Month(this=ref.copy()), expression=exp.Month(this=birth.copy())),
        exp.and_(exp.EQ(this=exp.Month(this=ref.copy()), expression=exp.Month(this=birth.copy())),
                 exp.LT(this=exp.Day(this=ref.copy()), expression=exp.Day(this=birth.copy()))))
    return exp.Paren(this=exp.Sub(this=years, expression=exp.Case(
        ifs=[exp.If(this=before_birthday, true=_num(1))], default=_num(0))))


def _days(start: exp.Expression, end: exp.Expression) -> exp.Expression:
    return exp.DateDiff(this=end, expression=start, unit=exp.var("DAY"))


def translate(tree: exp.Expression, period: exp.Expression, qualify: dict[str, str] | None = None,
              window_partition: list[exp.Expression] | None = None, ages: set[str] | None = None) -> exp.Expression:
    """Rewrite flis functions into plain SQL; ``period`` is the first day of the row's month.

    ``ages``: date columns whose age at the start of the month the relation already computed once
    (as ``__age_<column>``), so that ``age(column)`` reads it instead of recomputing it."""
    def qualified(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and not node.table:
            return col(node.name, qualify.get(node.name))
        return node

    def rewrite(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Div) and not node.args.get("typed"):
            # Division in double precision on every engine (Spark would keep 6 decimals of a DECIMAL).
            return exp.Div(this=exp.cast(node.this, "DOUBLE"), expression=exp.cast(node.expression, "DOUBLE"),
                           typed=True)
        if not isinstance(node, exp.Anonymous):
            return node
        name, args = node.name.lower(), node.expressions
        period_end = exp.LastDay(this=period.copy())
        if name == "age":
            if ages is not None and isinstance(args[0], exp.Column) and args[0].name in ages:
                return col(f"__age_{args[0].name}")
            return _age_at(args[0], period.copy())
        if name == "age_at":
            return _age_at(args[0], args[1])
        if name == "period_start":
            return period.copy()
        if name == "period_end":
            return period_end
        if name == "days_between":
            return _days(args[0], args[1])
        if name == "days_in_period":
            start = exp.Greatest(this=args[0], expressions=[period.copy()])
            end = exp.Least(this=exp.Coalesce(this=args[1], expressions=[period_end.copy()]),
                            expressions=[period_end.copy()])
            return exp.Greatest(this=_num(0), expressions=[exp.Add(this=_days(start, end), expression=_num(1))])
        if name == "grade_number":
            return exp.cast(args[0], "INT")
        if name == "group_count":
            return exp.Window(this=exp.Count(this=exp.Star()),
                              partition_by=list(window_partition or []) + list(args))
        raise NoTranslation(f"no translation for function {name}()")
    tree = tree.copy()
    if qualify is not None:
        tree = tree.transform(qualified)
    for _ in range(8):  # nested flis functions (days_between(start_date, period_start())) need several passes
        tree = tree.transform(rewrite)
        if not any(isinstance(n, exp.Anonymous) and n.name.lower() in FLIS_FUNCTIONS for n in tree.walk()):
            break
    return tree


# --- relations -------------------------------------------------------------------------------------------

@dataclass
class Source:
    """How to read canonical tables: "now" (``current``) or as known at a time (``as_of``)."""

    as_of: dt.datetime | None = None
    periods: tuple[dt.date, dt.date] | None = None
    """Restrict to months first..last (both included), for incremental compute and drill-down."""
    flat: bool = False
    """Tables are views named ``current_<domain>_<table>`` (Spark, over the Parquet export)."""

    def table(self, sql_name: str, alias: str) -> exp.Expression:
        if self.flat:
            return exp.Table(this=exp.to_identifier(f"current_{sql_name}"),
                             alias=exp.TableAlias(this=exp.to_identifier(alias)))
        if self.as_of is None:
            return exp.Table(this=exp.to_identifier(sql_name), db=exp.to_identifier("current"),
                             alias=exp.TableAlias(this=exp.to_identifier(alias)))
        call = exp.Anonymous(this=sql_name, expressions=[exp.cast(exp.Literal.string(
            self.as_of.isoformat(sep=" ")), "TIMESTAMP")])
        return exp.Table(this=call, db=exp.to_identifier("as_of"),
                         alias=exp.TableAlias(this=exp.to_identifier(alias)))


def aged_columns(trees: list[exp.Expression]) -> set[str]:
    """Columns used as ``age(column)`` in these expressions."""
    return {n.expressions[0].name for t in trees if t is not None for n in t.walk()
            if isinstance(n, exp.Anonymous) and n.name.lower() == "age" and n.expressions
            and isinstance(n.expressions[0], exp.Column)}


def relation_select(relation: Relation, source: Source, ages: set[str] = frozenset()) -> exp.Select:
    """The relation as a SELECT: base columns, looked-up columns, derived columns and precomputed ages."""
    owner = {c: "b" for c in relation.base.column_names}
    owner.update({c: "b" for c in ("_delivery", "_line", "_municipality", "_period")})
    select = exp.select(exp.Column(this=exp.Star(), table=exp.to_identifier("b")))
    select = select.from_(source.table(relation.base.sql_name, "b"), copy=False)
    for i, join in enumerate(relation.joins, 1):
        alias = f"j{i}"
        on = [exp.EQ(this=col(c, alias), expression=col(c, "b")) for c in ("_municipality", "_period", *join.on)]
        select = select.join(source.table(join.table.sql_name, alias), on=exp.and_(*on), join_type="left",
                             copy=False)
        for c in join.columns:
            owner[c] = alias
            select = select.select(exp.alias_(col(c, alias), c, quoted=True), copy=False)
    partition = [col("_municipality", "b"), col("_period", "b")]
    for name in sorted(ages):
        select = select.select(exp.alias_(_age_at(col(name, owner.get(name)), col("_period", "b")), f"__age_{name}",
                                          quoted=True), copy=False)
    for name, tree in relation.derive.items():
        select = select.select(exp.alias_(translate(tree, col("_period", "b"), owner, partition), name,
                                          quoted=True), copy=False)
    if source.periods is not None:
        first, last = source.periods
        low, high = (exp.cast(exp.Literal.string(day.isoformat()), "DATE") for day in (first, last))
        within = exp.Between(this=col("_period", "b"), low=low, high=high)
        select = select.where(within, copy=False)
    return select


# --- measure groups -------------------------------------------------------------------------------------

def period_key(level: str) -> exp.Expression:
    if level == "annual":
        return exp.cast(exp.DateTrunc(this=col("_period"), unit=exp.Literal.string("YEAR")), "DATE")
    return col("_period")


@dataclass
class Columns:
    """Where a measure group's columns are in the projection (:func:`project`): its period key, and the
    column of its breakdown ``j``, and of measure ``i``'s filter flag and value."""

    period: str = "p0"
    names: dict[str, str] = field(default_factory=dict)
    month: str = "p0"
    """The month of the row (``_period``), which kept tables of a year are keyed or masked by."""
    within: tuple[dt.date, dt.date] | None = None
    """Only the periods first..last of the (shared) projection belong to this group."""
    trees: dict[str, exp.Expression] = field(default_factory=dict)
    """Column name -> the expression it is computed from (over the relation's columns)."""

    def d(self, j: int) -> str:
        return self.names[f"d{j}"]

    def f(self, i: int) -> str:
        return self.names[f"f{i}"]

    def v(self, i: int) -> str:
        return self.names.get(f"v{i}", "")


def scan_attribution(m: Measure) -> str:
    """The column a measure's group is scanned by: ``_municipality`` (the delivering municipality) for a
    required base column that must equal it (``same_as_delivery``: a delivery where it does not is rejected,
    and it cannot be corrected), so that such measures share one scan with those attributed to the delivering
    municipality; otherwise the measure's own attribution."""
    if m.attribution in m.source.base.column_names:
        column = m.source.base.column(m.attribution)
        if column.same_as_delivery and column.required:
            return "_municipality"
    return m.attribution


def unique_per_delivery(m: Measure) -> bool:
    """A distinct count of the table's own key, per delivering municipality and month, is a plain count:
    a delivery with a repeated key is rejected at ingest, and "now" has one delivery per municipality,
    table and month. (Not through lookups, which could repeat rows, nor over a year.)"""
    return (m.measure == "count_distinct" and isinstance(m.of, exp.Column) and not m.source.joins
            and m.source.base.key == (m.of.name,) and scan_attribution(m) == "_municipality" and m.level == "monthly")


@dataclass
class Group:
    """Measures over one relation, attribution and level: one projection, then one aggregation per breakdown."""

    relation: Relation
    attribution: str
    level: str
    measures: list[Measure] = field(default_factory=list)
    dimensions: list[Dimension] = field(default_factory=list)
    by_dimension: dict[str, list[str]] = field(default_factory=dict)
    """Dimension name -> keys of the measures some figure breaks down by it."""

    @property
    def key(self) -> tuple[str, str, str]:
        return self.relation.id, self.attribution, self.level

    def measures_for(self, dim: Dimension | None) -> list[tuple[int, Measure]]:
        if dim is None:
            return list(enumerate(self.measures))
        wanted = set(self.by_dimension.get(dim.name, ()))
        return [(i, m) for i, m in enumerate(self.measures) if m.key in wanted]


SHARED_LEVELS = ("monthly", "annual")
"""Levels whose groups of one relation and attribution can read one projection of the rows."""


def project(groups: list[Group], source: Source, municipalities: list[int]) -> tuple[exp.Select, list[Columns]]:
    """The rows of the groups' relation reduced to what their measures need: attributed municipality
    (``_m``), and per group its period key, category per breakdown, filter flag and value per measure.

    Each distinct expression is one column, named by its kind and number: periods ``p0, p1``, categories
    ``d0, d1, ...``, filter flags ``f0, f1, ...`` and values ``v0, v1, ...`` (an expression that several
    measures or groups use, such as a common filter, is computed once). Several groups (of one relation
    and attribution, monthly and annual) can share the projection. Returns it and where each group's
    columns are."""
    relation, attribution = groups[0].relation, groups[0].attribution
    assert len(groups) == 1 or all(g.relation.id == relation.id and g.attribution == attribution
                                   and g.level in SHARED_LEVELS for g in groups)
    ages = aged_columns([d.of for g in groups for d in g.dimensions] + [m.where for g in groups for m in g.measures]
                        + [m.of for g in groups for m in g.measures])
    ages &= set(relation.base.column_names) | {c for j in relation.joins for c in j.columns}
    rel = relation_select(relation, source, ages)
    period = col("_period")
    select = exp.select(exp.alias_(exp.cast(col(attribution), "SMALLINT"), "_m", quoted=True))
    named: dict[tuple[str, str], str] = {}
    counts: dict[str, int] = {}
    trees: dict[str, exp.Expression] = {}

    def column(tree: exp.Expression, kind: str) -> str:
        nonlocal select
        key = (kind, tree.sql())
        if key not in named:
            named[key] = f"{kind}{counts.get(kind, 0)}"
            counts[kind] = counts.get(kind, 0) + 1
            select = select.select(exp.alias_(tree, named[key], quoted=True), copy=False)
            trees[named[key]] = tree
        return named[key]

    out = []
    for g in groups:
        names = {"_p": column(period_key(g.level), "p"), "_month": column(col("_period"), "p")}
        for j, dim in enumerate(g.dimensions):
            names[f"d{j}"] = column(translate(dim.expression(), period, ages=ages), "d")
        for i, m in enumerate(g.measures):
            keep = translate(m.where, period, ages=ages) if m.where is not None else exp.true()
            names[f"f{i}"] = column(exp.Coalesce(this=keep, expressions=[exp.false()]), "f")
            if m.of is not None:
                names[f"v{i}"] = column(translate(m.of, period, ages=ages), "v")
        out.append(Columns(period=names.pop("_p"), month=names.pop("_month"), names=names, trees=trees))
    rows = exp.Subquery(this=rel, alias=exp.TableAlias(this=exp.to_identifier("rel")))
    select = select.from_(rows, copy=False)
    chosen = exp.In(this=col(attribution), expressions=[_num(c) for c in municipalities])
    select = select.where(chosen, copy=False)
    if groups[0].level == "start_of_year":
        select = select.where(exp.EQ(this=exp.Month(this=period.copy()), expression=_num(1)), copy=False)
    return select, out


Span = tuple[dt.date, dt.date] | None


# --- drill-down -----------------------------------------------------------------------------------------

def drill_query(m: Measure, municipality: int, period: dt.date, source: Source,
                dimension: Dimension | None = None, category: str | None = None) -> exp.Select:
    """The rows behind a measure for one municipality and period, with their lineage."""
    rel = relation_select(m.source, source)
    p = col("_period")
    select = exp.select(col("_delivery"), col("_line"), col("_municipality"), col("_period"))
    select = select.select(exp.alias_(translate(m.of, p) if m.of is not None else exp.Literal.number(1),
                                      "measured", quoted=True), copy=False)
    for c in m.source.base.column_names:
        select = select.select(col(c), copy=False)
    for j in m.source.joins:
        for c in j.columns:
            select = select.select(col(c), copy=False)
    for c in m.source.derive:
        select = select.select(col(c), copy=False)
    rows = exp.Subquery(this=rel, alias=exp.TableAlias(this=exp.to_identifier("rel")))
    select = select.from_(rows, copy=False)
    select = select.where(exp.EQ(this=col(m.attribution), expression=_num(municipality)), copy=False)
    select = select.where(exp.EQ(this=period_key(m.level), expression=exp.cast(
        exp.Literal.string(period.isoformat()), "DATE")), copy=False)
    if m.level == "start_of_year":
        select = select.where(exp.EQ(this=exp.Month(this=p.copy()), expression=_num(1)), copy=False)
    if m.where is not None:
        select = select.where(exp.Coalesce(this=translate(m.where, p), expressions=[exp.false()]), copy=False)
    if dimension is not None:
        select = select.where(exp.EQ(this=exp.cast(translate(dimension.expression(), p), "VARCHAR"),
                                     expression=exp.Literal.string(category)), copy=False)
    return select.order_by(col("_delivery"), col("_line"))


def to_sql(tree: exp.Expression, engine: str = "duckdb", pretty: bool = False, *, spent: bool = False) -> str:
    """The tree as SQL for ``engine``. ``spent``: the tree is not used again, so SQLGlot's generator may
    rewrite it in place instead of copying it first (a scan's plan is built, run once and dropped)."""
    if engine not in ENGINES:
        raise NoTranslation(f"unknown engine {engine!r}; engines: {', '.join(ENGINES)}")
    return tree.sql(dialect=engine, pretty=pretty, copy=not spent)
