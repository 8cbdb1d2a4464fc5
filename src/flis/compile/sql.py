"""Key figure -> SQLGlot syntax tree -> SQL for an engine.

Three kinds of query come out of here, all built as SQLGlot trees (definitions are never pasted
into SQL text):

* the **relation** a measure reads: a canonical table ("now" or "as of") with its lookups and
  derived columns;
* a **measure group**: every measure over one relation, attribution and level computed in one scan,
  as conditional aggregates (``FILTER``) over ``GROUPING SETS`` of the variants' dimensions;
* the **drill-down** of a measure: the rows behind it for one municipality and period, with lineage.

The flis functions of the expression language (``age``, ``days_in_period``, ...) are rewritten
here into plain SQL that each engine understands; where an engine lacks a faithful translation the
compiler owns it (exact percentiles) or refuses with :class:`NoTranslation`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlglot import exp

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
              window_partition: list[exp.Expression] | None = None) -> exp.Expression:
    """Rewrite flis functions into plain SQL; ``period`` is the first day of the row's month."""
    def qualified(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and not node.table:
            return col(node.name, qualify.get(node.name))
        return node

    def rewrite(node: exp.Expression) -> exp.Expression:
        if not isinstance(node, exp.Anonymous):
            return node
        name, args = node.name.lower(), node.expressions
        period_end = exp.LastDay(this=period.copy())
        if name == "age":
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
    return tree.transform(rewrite)


# --- relations -------------------------------------------------------------------------------------------

@dataclass
class Source:
    """How to read canonical tables: "now" (``current``) or as known at a time (``as_of``)."""

    as_of: dt.datetime | None = None
    periods: tuple[dt.date, dt.date] | None = None
    """Restrict to months first..last (both included), for incremental compute and drill-down."""

    def table(self, sql_name: str, alias: str) -> exp.Expression:
        if self.as_of is None:
            return exp.Table(this=exp.to_identifier(sql_name), db=exp.to_identifier("current"),
                             alias=exp.TableAlias(this=exp.to_identifier(alias)))
        call = exp.Anonymous(this=sql_name, expressions=[exp.cast(exp.Literal.string(
            self.as_of.isoformat(sep=" ")), "TIMESTAMP")])
        return exp.Table(this=call, db=exp.to_identifier("as_of"),
                         alias=exp.TableAlias(this=exp.to_identifier(alias)))


def relation_select(relation: Relation, source: Source) -> exp.Select:
    """The relation as a SELECT: base columns, looked-up columns and derived columns."""
    owner = {c: "b" for c in relation.base.column_names}
    owner.update({c: "b" for c in ("_delivery", "_line", "_municipality", "_period")})
    select = exp.select(exp.Column(this=exp.Star(), table=exp.to_identifier("b")))
    select = select.from_(source.table(relation.base.sql_name, "b"))
    for i, join in enumerate(relation.joins, 1):
        alias = f"j{i}"
        on = [exp.EQ(this=col(c, alias), expression=col(c, "b")) for c in ("_municipality", "_period", *join.on)]
        select = select.join(source.table(join.table.sql_name, alias), on=exp.and_(*on), join_type="left")
        for c in join.columns:
            owner[c] = alias
            select = select.select(exp.alias_(col(c, alias), c, quoted=True))
    partition = [col("_municipality", "b"), col("_period", "b")]
    for name, tree in relation.derive.items():
        select = select.select(exp.alias_(translate(tree, col("_period", "b"), owner, partition), name,
                                          quoted=True))
    if source.periods is not None:
        first, last = source.periods
        select = select.where(exp.Between(this=col("_period", "b"), low=exp.cast(exp.Literal.string(
            first.isoformat()), "DATE"), high=exp.cast(exp.Literal.string(last.isoformat()), "DATE")))
    return select


# --- measure groups -------------------------------------------------------------------------------------

def period_key(level: str) -> exp.Expression:
    if level == "annual":
        return exp.cast(exp.DateTrunc(this=col("_period"), unit=exp.Literal.string("YEAR")), "DATE")
    return col("_period")


def aggregate(m: Measure, index: int, engine: str) -> exp.Expression:
    value, keep = col(f"v{index}"), col(f"f{index}")
    kinds = {
        "count": lambda: exp.Count(this=exp.Star()),
        "count_distinct": lambda: exp.Count(this=exp.Distinct(expressions=[value])),
        "sum": lambda: exp.Sum(this=value), "avg": lambda: exp.Avg(this=value),
        "min": lambda: exp.Min(this=value), "max": lambda: exp.Max(this=value),
        "median": lambda: _percentile(value, 0.5, engine),
        "percentile": lambda: _percentile(value, m.percentile, engine),
    }
    agg = exp.Filter(this=kinds[m.measure](), expression=exp.Where(this=keep))
    return exp.cast(agg, "DOUBLE")


def _percentile(value: exp.Expression, p: float, engine: str) -> exp.Expression:
    """Exact percentile with linear interpolation; SQLGlot would give approximate ones on some engines."""
    if engine == "duckdb":
        return exp.Anonymous(this="quantile_cont", expressions=[value, _num(p)])
    if engine == "spark":
        return exp.Anonymous(this="percentile", expressions=[value, _num(p)])
    raise NoTranslation(f"no translation for exact percentiles on {engine}")


@dataclass
class Group:
    """Measures over one relation, attribution and level: one scan."""

    relation: Relation
    attribution: str
    level: str
    measures: list[Measure] = field(default_factory=list)
    dimensions: list[Dimension] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return self.relation.id, self.attribution, self.level


def group_query(group: Group, source: Source, municipalities: list[int], engine: str = "duckdb") -> exp.Select:
    """One query computing every measure of the group for every municipality, period and variant.

    Output columns: municipality, period, dimension ('' for the total), category ('' for the total),
    then one DOUBLE column per measure named by its key.
    """
    rel = relation_select(group.relation, source)
    period = col("_period")
    inner = exp.select(exp.alias_(exp.cast(col(group.attribution), "SMALLINT"), "_m", quoted=True),
                       exp.alias_(period_key(group.level), "_p", quoted=True))
    for j, dim in enumerate(group.dimensions):
        inner = inner.select(exp.alias_(translate(dim.expression(), period), f"d{j}", quoted=True))
    for i, m in enumerate(group.measures):
        keep = translate(m.where, period) if m.where is not None else exp.true()
        inner = inner.select(exp.alias_(exp.Coalesce(this=keep, expressions=[exp.false()]), f"f{i}", quoted=True))
        if m.of is not None:
            inner = inner.select(exp.alias_(translate(m.of, period), f"v{i}", quoted=True))
    inner = inner.from_(exp.Subquery(this=rel, alias=exp.TableAlias(this=exp.to_identifier("rel"))))
    inner = inner.where(exp.In(this=col(group.attribution), expressions=[_num(c) for c in municipalities]))
    if group.level == "start_of_year":
        inner = inner.where(exp.EQ(this=exp.Month(this=period.copy()), expression=_num(1)))

    dims = [col(f"d{j}") for j in range(len(group.dimensions))]
    outer = exp.select(exp.alias_(col("_m"), "municipality", quoted=True),
                       exp.alias_(col("_p"), "period", quoted=True))
    if dims:
        grouping = exp.Anonymous(this="GROUPING", expressions=[d.copy() for d in dims])
        full = (1 << len(dims)) - 1
        dim_name = exp.Case(ifs=[exp.If(this=exp.EQ(this=grouping.copy(), expression=_num(full - (1 << (len(dims) - 1 - j)))),
                                        true=exp.Literal.string(d.name)) for j, d in enumerate(group.dimensions)],
                            default=exp.Literal.string(""))
        category = exp.Case(ifs=[exp.If(this=exp.EQ(this=grouping.copy(), expression=_num(full - (1 << (len(dims) - 1 - j)))),
                                        true=exp.cast(dims[j].copy(), "VARCHAR")) for j in range(len(dims))],
                            default=exp.Literal.string(""))
        outer = outer.select(exp.alias_(dim_name, "dimension", quoted=True),
                             exp.alias_(category, "category", quoted=True))
    else:
        outer = outer.select(exp.alias_(exp.Literal.string(""), "dimension", quoted=True),
                             exp.alias_(exp.Literal.string(""), "category", quoted=True))
    for i, m in enumerate(group.measures):
        outer = outer.select(exp.alias_(aggregate(m, i, engine), m.key, quoted=True))
    outer = outer.from_(exp.Subquery(this=inner, alias=exp.TableAlias(this=exp.to_identifier("d"))))
    base = [col("_m"), col("_p")]
    if dims:
        sets = [exp.Tuple(expressions=[c.copy() for c in base])]
        sets += [exp.Tuple(expressions=[c.copy() for c in base] + [d.copy()]) for d in dims]
        outer.set("group", exp.Group(grouping_sets=[exp.GroupingSets(expressions=sets)]))
    else:
        outer = outer.group_by(*base)
    return outer


# --- drill-down -----------------------------------------------------------------------------------------

def drill_query(m: Measure, municipality: int, period: dt.date, source: Source,
                dimension: Dimension | None = None, category: str | None = None) -> exp.Select:
    """The rows behind a measure for one municipality and period, with their lineage."""
    rel = relation_select(m.source, source)
    p = col("_period")
    select = exp.select(col("_delivery"), col("_line"), col("_municipality"), col("_period"))
    select = select.select(exp.alias_(translate(m.of, p) if m.of is not None else exp.Literal.number(1),
                                      "measured", quoted=True))
    for c in m.source.base.column_names:
        select = select.select(col(c))
    for j in m.source.joins:
        for c in j.columns:
            select = select.select(col(c))
    for c in m.source.derive:
        select = select.select(col(c))
    select = select.from_(exp.Subquery(this=rel, alias=exp.TableAlias(this=exp.to_identifier("rel"))))
    select = select.where(exp.EQ(this=col(m.attribution), expression=_num(municipality)))
    select = select.where(exp.EQ(this=period_key(m.level), expression=exp.cast(
        exp.Literal.string(period.isoformat()), "DATE")))
    if m.level == "start_of_year":
        select = select.where(exp.EQ(this=exp.Month(this=p.copy()), expression=_num(1)))
    if m.where is not None:
        select = select.where(exp.Coalesce(this=translate(m.where, p), expressions=[exp.false()]))
    if dimension is not None:
        select = select.where(exp.EQ(this=exp.cast(translate(dimension.expression(), p), "VARCHAR"),
                                     expression=exp.Literal.string(category)))
    return select.order_by(col("_delivery"), col("_line"))


def to_sql(tree: exp.Expression, engine: str = "duckdb", pretty: bool = False) -> str:
    if engine not in ENGINES:
        raise NoTranslation(f"unknown engine {engine!r}; engines: {', '.join(ENGINES)}")
    return tree.sql(dialect=engine, pretty=pretty)
