"""Measure groups: the rows reduced once, then one small aggregation per breakdown.

A scan unit (one measure group, or a relation's monthly and annual groups with the same attribution, see
:func:`flis.compute.scans.scan_units`) projects its relation's rows onto what its measures need
(:func:`flis.compile.sql.project`) and reduces them, in one pass each, to at most three kinds of table:

* ``group_totals``: for the additive measures (count, sum, average, minimum, maximum), one row per
  municipality, period and combination of the few-valued columns that the categories and filters read (or
  of the categories and filters themselves, where they read other columns), with the number of rows and the
  count, sum, minimum and maximum of each value. A breakdown computes the categories and filters from those
  and adds up per category under each measure's filter; no row is read twice.
* ``group_distinct_<n>``: per distinct-counted value (such as the person), one row per municipality, period,
  combination of categories and value, with whether any of its rows passes each measure's filter. Values
  that pass no filter collapse into one row with the value NULL, which counts nothing but keeps the
  category present (its count is 0, not missing). A breakdown then counts values per category.
* ``group_weights_<n>``: per value of an exact percentile (such as age for the median age), the same rows with
  how many rows under each filter have that value. A breakdown adds the weights per category and value and
  reads the percentile off the running total, interpolated as ``quantile_cont`` and Spark's ``percentile``
  do: position ``h = (n - 1) p`` in the sorted values, ``x[floor h] + (h - floor h) (x[ceil h] - x[floor h])``.

For the residents' monthly stock (70 million rows a year at scale 1.0, 14 breakdowns) the totals are about a
million rows: the breakdowns cost little next to the one pass over the rows. Every query is a SQLGlot tree,
the same for DuckDB and Spark.

When a unit has an annual group, the tables its year is read from can be kept between releases
(``ScanPlan.kept``; the embedded engine does, see :class:`flis.compute.scans.Keep`): totals and weights are
then keyed by month, and a year's distinct values carry the months each was seen in, and passed each filter
in, as bit masks (January 1 ... December 2048), so that a month can be taken out and put back.

Selects are grown in place (``copy=False``): SQLGlot's builder methods otherwise copy the whole tree on each
call, which made planning quadratic in the number of columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlglot import exp

from flis.catalogue.model import Dimension, Measure, Relation
from flis.compile.sql import (ENGINES, Columns, Group, NoTranslation, Source, Span, col, project, to_sql,
                              unique_per_delivery)

Aggregations = list[tuple[Dimension | None, list[Measure], exp.Select]]


def kind(m: Measure) -> str:
    """How a measure is reduced: ``totals``, ``distinct`` or ``weights``."""
    if m.measure == "count_distinct" and not unique_per_delivery(m):
        return "distinct"
    if m.measure in ("median", "percentile"):
        return "weights"
    return "totals"


@dataclass
class ScanPlan:
    """The reduced tables of a scan unit (built in order) and each member group's aggregations over them."""

    tables: list[tuple[str, exp.Query]]
    aggregations: list[Aggregations]
    kept: dict[str, tuple[str, str, tuple[str, ...]]] = field(default_factory=dict)
    """Tables an engine may keep between releases (those a year's values are read from), with how a month
    is replaced in them: ``("months", month column, ())``, rows keyed by the month; ``("masks", year column,
    mask columns)``, bit masks of months per year (see ``_Table.masked``)."""

    def sql(self, engine: str = "duckdb", pretty: bool = False) -> str:
        parts = [f"CREATE OR REPLACE TEMP TABLE {name} AS\n{to_sql(select, engine, pretty)};"
                 for name, select in self.tables]
        for member in self.aggregations:
            for dim, measures, select in member:
                label = "total" if dim is None else f"by {dim.name}"
                parts.append(f"-- {label}: {len(measures)} measures\n{to_sql(select, engine, pretty)};")
        return "\n\n".join(parts)


LOW_CARDINALITY = ("code", "flag", "municipality")
"""Column types with few values: a table of totals keyed by such columns stays small."""


@dataclass
class _Table:
    """A reduced table being planned: its key columns (projection names) and named aggregates."""

    name: str
    keys: list[str] = field(default_factory=list)
    aggregates: dict[tuple, str] = field(default_factory=dict)
    value: str | None = None
    filters: list[str] = field(default_factory=list)
    rollups: dict[str, str] = field(default_factory=dict)
    """Period column -> a table of this one rolled up to that period (one row per value over a year)."""
    month: str = "p0"
    masked: bool = False
    """One row per value and year, with the months it was seen in and passed each filter in as bit masks
    (``_months`` and the filter columns), so that a kept table can take a month out and put it back."""

    def key(self, name: str) -> None:
        if name not in self.keys:
            self.keys.append(name)

    def aggregate(self, spec: tuple, prefix: str = "t") -> str:
        return self.aggregates.setdefault(spec, f"{prefix}{len(self.aggregates)}")

    def keep(self, flag: str) -> None:
        if flag not in self.filters:
            self.filters.append(flag)


def _filtered(agg: exp.Expression, flag: exp.Expression) -> exp.Expression:
    return exp.Filter(this=agg, expression=exp.Where(this=flag))


def _column_type(relation: Relation, name: str) -> str | None:
    if name in relation.base.column_names:
        return relation.base.column(name).type
    for join in relation.joins:
        if name in join.columns:
            return join.table.column(name).type
    return None


def _inputs(tree: exp.Expression, relation: Relation) -> set[str] | None:
    """The relation columns a category or filter reads, when all have few values (codes, flags,
    municipalities, the month, ages); None when one may have many (amounts, dates, texts, derived columns)."""
    if any(isinstance(n, (exp.Window, exp.AggFunc)) for n in tree.walk()):
        return None
    names = set()
    for c in tree.find_all(exp.Column):
        if not (c.name in ("_period", "_municipality") or c.name.startswith("__age_")
                or _column_type(relation, c.name) in LOW_CARDINALITY):
            return None
        names.add(c.name)
    return names


def _base_only(tree: exp.Expression, relation: Relation) -> bool:
    """A category read from the base table's own row (not from a looked-up or derived column)."""
    base = set(relation.base.column_names) | {"_period", "_municipality"}
    return all(c.name in base or (c.name.startswith("__age_") and c.name[6:] in base)
               for c in tree.find_all(exp.Column))


def _unique(m: Measure, group: Group) -> bool:
    """A distinct count of the base table's own key per delivering municipality: a value is in one base row a
    month, so within a month it has one combination of base-row categories, however many looked-up rows
    join it."""
    return (isinstance(m.of, exp.Column) and m.source.base.key == (m.of.name,)
            and group.attribution == "_municipality")


def bit(month: exp.Expression) -> exp.Expression:
    """The month's bit in a year's mask: 1 for January ... 2048 for December."""
    return exp.cast(exp.Pow(this=exp.Literal.number(2), expression=exp.Sub(
        this=exp.Month(this=month), expression=exp.Literal.number(1))), "INT")


def _bit_if(flag: exp.Expression, month: exp.Expression) -> exp.Expression:
    """The month's bit (``month`` is one, see :func:`bit`) where ``flag`` holds, else 0."""
    return exp.Case(ifs=[exp.If(this=flag, true=month.copy())], default=exp.Literal.number(0))


def _combine(op: str, column: exp.Expression) -> exp.Expression:
    return {"n": exp.Sum, "k": exp.Sum, "s": exp.Sum, "min": exp.Min, "max": exp.Max}[op](this=column)


def _passing_value(table: _Table, cast: bool) -> exp.Expression:
    """The value where a row passes any of the table's filters, else NULL (such rows collapse into one)."""
    value = exp.cast(col(table.value), "DOUBLE") if cast else col(table.value)
    return exp.Case(ifs=[exp.If(this=exp.or_(*[col(f) for f in table.filters]), true=value)])


def _one_month_select(table: _Table, rows: exp.Expression) -> exp.Expression:
    """A masked table from one month's rows in which each value is in one row (see ``_Planner.single``):
    the rows that pass a filter are their own groups and need no grouping; only those that pass none
    collapse (into one row per category). The same rows as :func:`_values_select` gives, in less time
    (most of an incremental month of the residents)."""
    keys = [col(k) for k in ["_m", *table.keys]]
    month = bit(col(table.month))
    passing = exp.or_(*[col(f) for f in table.filters])
    flags = {name: col(spec[1]) for spec, name in table.aggregates.items()}
    own = exp.select(*keys, col(table.value), exp.alias_(month, "_months", quoted=True))
    for name, flag in flags.items():
        own = own.select(exp.alias_(_bit_if(flag, month), name, quoted=True), copy=False)
    own = own.from_(rows, copy=False).where(passing, copy=False)
    rest = exp.select(*[k.copy() for k in keys], exp.alias_(exp.Null(), table.value, quoted=True),
                      exp.alias_(exp.BitwiseOrAgg(this=month.copy()), "_months", quoted=True))
    for name in flags:
        rest = rest.select(exp.alias_(exp.Literal.number(0), name, quoted=True), copy=False)
    rest = rest.from_(rows.copy(), copy=False).where(exp.Not(this=exp.Paren(this=passing.copy())), copy=False)
    return exp.union(own, rest.group_by(*[k.copy() for k in keys], copy=False), distinct=False)


def _values_select(table: _Table, rows: exp.Expression, weights: bool) -> exp.Select:
    passing = _passing_value(table, cast=weights)
    select = exp.select(*[col(k) for k in ["_m", *table.keys]], exp.alias_(passing, table.value, quoted=True))
    if table.masked:
        month = bit(col(table.month))
        select = select.select(exp.alias_(exp.BitwiseOrAgg(this=month), "_months", quoted=True), copy=False)
    for spec, name in table.aggregates.items():
        flag = col(spec[1])
        if weights:
            agg = _filtered(exp.Count(this=col(table.value)), flag)
        elif table.masked:
            agg = exp.BitwiseOrAgg(this=_bit_if(flag, month))
        else:
            agg = exp.LogicalOr(this=flag)
        select = select.select(exp.alias_(agg, name, quoted=True), copy=False)
    select = select.from_(rows, copy=False)
    return select.group_by(*[col(k) for k in ["_m", *table.keys]], passing.copy(), copy=False)


def _keys(category: exp.Expression | None, cols: Columns) -> list[exp.Expression]:
    return [col("_m"), col(cols.period)] + ([category.copy()] if category is not None else [])


def _outputs(dim: Dimension | None, category: exp.Expression | None, cols: Columns) -> list[exp.Expression]:
    return [exp.alias_(col("_m"), "municipality", quoted=True), exp.alias_(col(cols.period), "period", quoted=True),
            exp.alias_(exp.Literal.string(dim.name if dim else ""), "dimension", quoted=True),
            exp.alias_(exp.cast(category.copy(), "VARCHAR") if dim else exp.Literal.string(""),
                       "category", quoted=True)]


def _from(select: exp.Select, table: str, category: exp.Expression | None, cols: Columns) -> exp.Select:
    """``FROM table``, without rows that have no category in the breakdown or lie outside the group's span."""
    select = select.from_(exp.to_table(table), copy=False)
    if category is not None:
        select = select.where(exp.Not(this=exp.Is(this=category.copy(), expression=exp.Null())), copy=False)
    if cols.within is not None:
        first, last = cols.within
        select = select.where(exp.Between(this=col(cols.period), low=_date(first), high=_date(last)),
                              copy=False)
    return select


def _date(day) -> exp.Expression:
    return exp.cast(exp.Literal.string(day.isoformat()), "DATE")


def _double(e: exp.Expression) -> exp.Expression:
    return exp.cast(e, "DOUBLE")


def _sub(name: str, select: exp.Select) -> exp.Subquery:
    return exp.Subquery(this=select, alias=exp.TableAlias(this=exp.to_identifier(name)))


class _Planner:
    """Registers what each measure needs from the reduced tables and builds the breakdown queries.

    Totals are keyed by the columns their categories and filters read where these have few values (the
    residents' age, sex and origin: some 800,000 rows for 70 million), and the categories and filters are
    computed from those in the breakdowns; a category or filter that reads other columns (an amount, a
    date) is computed per row and is a key itself."""

    def __init__(self, members: list[tuple[Group, Columns]], rows: exp.Select, one_month: bool = False):
        self.totals = _Table("group_totals")
        self.one_month = one_month
        self.single = one_month and not members[0][0].relation.joins
        """The rows are one month's of a relation without lookups: a value unique per month (``unique``) is
        in one row, and its masked table needs no grouping (:func:`_one_month_select`)."""
        self.values: dict[str, _Table] = {}
        self.weights: dict[str, _Table] = {}
        self.rows = rows
        self.by_month = any(g.level == "annual" for g, _ in members)
        self.month = members[0][1].month
        """A year is read: totals and weights are keyed by month, distinct values masked by month."""
        self.as_keys: set[str] = set()
        """Categories and filters that read many-valued columns: keys of the totals themselves."""
        self.inputs = self._input_names(members)
        self.unique: dict[str, bool] = {}
        """Distinct-counted value -> whether its table has one row per value and month (see ``_unique``)."""
        self.monthly: set[str] = set()
        """Distinct-counted values with a monthly measure: their table has rows per month."""
        for g, cols in members:
            for i, m in enumerate(g.measures):
                if kind(m) == "distinct":
                    value = cols.v(i)
                    self.unique[value] = self.unique.get(value, True) and _unique(m, g) and all(
                        _base_only(d.expression(), g.relation) for d in g.dimensions)
                    if g.level == "monthly":
                        self.monthly.add(value)

    def _input_names(self, members: list[tuple[Group, Columns]]) -> dict[str, str]:
        """What the totals are keyed by, besides municipality and period: each relation column of few values
        that a category or filter reads (its name in the projection: ``i0, i1, ...``); a category or filter
        that reads other columns is itself a key (``self.as_keys``): a category has few values by definition,
        a filter two."""
        used: set[str] = set()
        for g, cols in members:
            for j, dim in [(None, None)] + list(enumerate(g.dimensions)):
                measures = [i for i, m in g.measures_for(dim) if kind(m) == "totals"]
                columns = [cols.f(i) for i in measures] + ([cols.d(j)] if measures and j is not None else [])
                for name in columns:
                    names = _inputs(cols.trees[name], g.relation)
                    if names is None:
                        self.as_keys.add(name)
                    else:
                        used |= names
        names = {name: f"i{k}" for k, name in enumerate(sorted(used))}
        for name, alias in names.items():
            self.rows = self.rows.select(exp.alias_(col(name), alias, quoted=True), copy=False)
        return names

    def ref(self, cols: Columns, name: str) -> exp.Expression:
        """A category or filter over the totals: its expression over the inputs, or its own column."""
        if name in self.as_keys:
            return col(name)
        return cols.trees[name].transform(lambda n: col(self.inputs[n.name]) if isinstance(n, exp.Column) else n)

    def _keyed(self, table: _Table, cols: Columns, dim_index: int | None, by_month: bool = False) -> None:
        """Key ``table`` by the group's period (and, for a kept table of additive values, the month)."""
        table.key(cols.period)
        if by_month and self.by_month:
            table.key(cols.month)
        if dim_index is not None:
            table.key(cols.d(dim_index))

    # --- totals ---------------------------------------------------------------------------------------

    def total(self, op: str, cols: Columns, i: int) -> exp.Expression:
        """One aggregate of the totals (``n`` rows, ``k`` values, ``s`` sum, ``min``, ``max``) added up (or
        its extreme taken) over a breakdown's rows, under measure i's filter."""
        spec = (op,) if op == "n" else (op, cols.v(i))
        out = _filtered(_combine(op, col(self.totals.aggregate(spec))), self.ref(cols, cols.f(i)))
        return exp.Coalesce(this=out, expressions=[exp.Literal.number(0)]) if op in ("n", "k") else out

    def totals_query(self, group: Group, cols: Columns, dim_index: int | None,
                     measures: list[tuple[int, Measure]]) -> exp.Select:
        dim = None if dim_index is None else group.dimensions[dim_index]
        category = None if dim is None else self.ref(cols, cols.d(dim_index))
        select = exp.select(*_outputs(dim, category, cols))
        for i, m in measures:
            if m.measure == "count":
                out = self.total("n", cols, i)
            elif m.measure == "count_distinct":  # unique per delivery: a count of the non-NULL values
                out = self.total("k", cols, i)
            elif m.measure == "avg":
                out = exp.Div(this=_double(self.total("s", cols, i)), expression=exp.Nullif(
                    this=_double(self.total("k", cols, i)), expression=exp.Literal.number(0)))
            else:  # sum, min, max
                out = self.total("s" if m.measure == "sum" else m.measure, cols, i)
            select = select.select(exp.alias_(_double(out), m.key, quoted=True), copy=False)
        return _from(select, self.totals.name, category, cols).group_by(*_keys(category, cols), copy=False)

    def totals_select(self, rows: exp.Expression) -> exp.Select:
        keys = ["_m", *self.totals.keys, *sorted(self.as_keys), *self.inputs.values()]
        select = exp.select(*[col(k) for k in keys])
        for spec, name in self.totals.aggregates.items():
            op = spec[0]
            agg = exp.Count(this=exp.Star()) if op == "n" else {
                "k": exp.Count, "s": exp.Sum, "min": exp.Min, "max": exp.Max}[op](this=col(spec[1]))
            select = select.select(exp.alias_(agg, name, quoted=True), copy=False)
        return select.from_(rows, copy=False).group_by(*[col(k) for k in keys], copy=False)

    # --- distinct counts ------------------------------------------------------------------------------

    def distinct_query(self, group: Group, cols: Columns, dim_index: int | None,
                       measures: list[tuple[int, Measure]]) -> exp.Select:
        """Distinct counts of one value: one row per category and value with whether any of its rows passes
        each filter, then a count of those rows per category. Where the table has one row per value and
        month already (the base key, with categories of the base row), a month's count reads it directly;
        a year of a table kept per month is first rolled up to one row per value and category."""
        value = cols.v(measures[0][0])
        table = self.values.setdefault(value, _Table(f"group_distinct_{len(self.values)}", value=value,
                                                     month=cols.month,
                                                     masked=self.by_month and value not in self.monthly))
        dim = None if dim_index is None else group.dimensions[dim_index]
        category = None if dim is None else col(cols.d(dim_index))
        monthly = cols.trees[cols.period] == col("_period")  # the period is the row's month (or January)
        flags = [col(table.aggregate(("any", cols.f(i)), "any")) for i, _ in measures]
        if not monthly:  # a year is read from its months as bit masks (a masked table or a roll-up)
            flags = [exp.NEQ(this=flag, expression=exp.Literal.number(0)) for flag in flags]
        for i, _ in measures:
            table.keep(cols.f(i))
        select = exp.select(*_outputs(dim, category, cols))

        def counted(flag: exp.Expression) -> exp.Expression:
            keep = exp.and_(flag, exp.Not(this=exp.Is(this=col(value), expression=exp.Null())))
            return _double(_filtered(exp.Count(this=exp.Star()), keep))

        if monthly and self.unique[value]:
            for (_, m), flag in zip(measures, flags):
                select = select.select(exp.alias_(counted(flag), m.key, quoted=True), copy=False)
            return _from(select, table.name, category, cols).group_by(*_keys(category, cols), copy=False)
        source = (table.rollups.setdefault(cols.period, f"{table.name}_{cols.period}")
                  if not monthly and value in self.monthly else table.name)
        inner = exp.select(*_keys(category, cols), col(value))
        for (i, _), flag in zip(measures, flags):
            inner = inner.select(exp.alias_(exp.LogicalOr(this=flag), f"a{i}", quoted=True), copy=False)
        inner = _from(inner, source, category, cols).group_by(*_keys(category, cols), col(value), copy=False)
        for i, m in measures:
            select = select.select(exp.alias_(counted(col(f"a{i}")), m.key, quoted=True), copy=False)
        select = select.from_(_sub("distinct_rows", inner), copy=False)
        return select.group_by(*_keys(category, cols), copy=False)

    # --- exact percentiles ----------------------------------------------------------------------------

    def weights_query(self, group: Group, cols: Columns, dim_index: int | None,
                      measures: list[tuple[int, Measure]]) -> exp.Select:
        """Exact percentiles of one value from its weights: per category, the weight of each value, the
        running total in value order, the values at positions floor(h) and ceil(h), interpolated."""
        value = cols.v(measures[0][0])
        table = self.weights.setdefault(value, _Table(f"group_weights_{len(self.weights)}", value=value,
                                                      month=cols.month))
        dim = None if dim_index is None else group.dimensions[dim_index]
        category = None if dim is None else col(cols.d(dim_index))
        keys = _keys(category, cols)
        weighed = exp.select(*keys, col(value))
        for i, _ in measures:
            table.keep(cols.f(i))
            weighed = weighed.select(exp.alias_(exp.Sum(this=col(table.aggregate(("w", cols.f(i)), "wt"))),
                                                f"w{i}", quoted=True), copy=False)
        weighed = _from(weighed, table.name, category, cols).group_by(*keys, col(value), copy=False)
        running = exp.select(*[k.copy() for k in keys], col(value))
        for i, _ in measures:
            partition = [k.copy() for k in keys]
            order = exp.Order(expressions=[exp.Ordered(this=col(value), nulls_first=True)])
            frame = exp.WindowSpec(kind="ROWS", start="UNBOUNDED", start_side="PRECEDING", end="CURRENT ROW")
            running = running.select(
                col(f"w{i}"),
                exp.alias_(exp.Window(this=exp.Sum(this=col(f"w{i}")), partition_by=partition, order=order,
                                      spec=frame), f"r{i}", quoted=True),
                exp.alias_(exp.Window(this=exp.Sum(this=col(f"w{i}")), partition_by=[k.copy() for k in keys]),
                           f"n{i}", quoted=True), copy=False)
        running = running.from_(_sub("weighed", weighed), copy=False)
        picked = exp.select(*[k.copy() for k in keys])
        for i, m in measures:
            h = exp.Mul(this=_double(exp.Paren(this=exp.Sub(this=col(f"n{i}"), expression=exp.Literal.number(1)))),
                        expression=exp.Literal.number(0.5 if m.measure == "median" else m.percentile))
            for name, at in (("lo", exp.Floor(this=h.copy())), ("hi", exp.Ceil(this=h.copy()))):
                reached = exp.and_(exp.GT(this=col(f"w{i}"), expression=exp.Literal.number(0)),
                                   exp.GT(this=col(f"r{i}"), expression=at))
                picked = picked.select(exp.alias_(_filtered(exp.Min(this=col(value)), reached), f"{name}{i}",
                                                  quoted=True), copy=False)
            picked = picked.select(exp.alias_(exp.Max(this=h), f"h{i}", quoted=True), copy=False)
        picked = picked.from_(_sub("running", running), copy=False)
        picked = picked.group_by(*[k.copy() for k in keys], copy=False)
        select = exp.select(*_outputs(dim, category, cols))
        for i, m in measures:
            lo, hi, h = col(f"lo{i}"), col(f"hi{i}"), col(f"h{i}")
            fraction = exp.Sub(this=h, expression=exp.Floor(this=h.copy()))
            interpolated = exp.Add(this=lo, expression=exp.Mul(this=exp.Paren(this=fraction), expression=exp.Paren(
                this=exp.Sub(this=hi, expression=lo.copy()))))
            select = select.select(exp.alias_(_double(interpolated), m.key, quoted=True), copy=False)
        return select.from_(_sub("picked", picked), copy=False)

    # --- per group ------------------------------------------------------------------------------------

    def group(self, group: Group, cols: Columns) -> Aggregations:
        out: Aggregations = []
        breakdowns = [(None, None)] + [(j, d) for j, d in enumerate(group.dimensions)]
        for j, dim in breakdowns:
            wanted = group.measures_for(dim)
            if not wanted:
                continue
            totals = [(i, m) for i, m in wanted if kind(m) == "totals"]
            if totals:
                self._keyed(self.totals, cols, None, by_month=True)
                out.append((dim, [m for _, m in totals], self.totals_query(group, cols, j, totals)))
            for which, query, tables in (("distinct", self.distinct_query, self.values),
                                         ("weights", self.weights_query, self.weights)):
                by_value: dict[str, list[tuple[int, Measure]]] = {}
                for i, m in wanted:
                    if kind(m) == which:
                        by_value.setdefault(cols.v(i), []).append((i, m))
                for same in by_value.values():
                    select = query(group, cols, j, same)
                    self._keyed(tables[cols.v(same[0][0])], cols, j, by_month=which == "weights")
                    out.append((dim, [m for _, m in same], select))
        return out

    def tables(self) -> tuple[list[tuple[str, exp.Select]], dict[str, tuple[str, str, tuple[str, ...]]]]:
        """The reduced tables in the order to build them, and those kept between releases."""
        source = _sub("projected", self.rows)
        out, kept = [], {}
        if self.totals.aggregates:
            out.append((self.totals.name, self.totals_select(source.copy())))
            if self.by_month:
                kept[self.totals.name] = ("months", self.month, ())
        for table in self.values.values():
            single = table.masked and self.single and self.unique.get(table.value, False)
            out.append((table.name, _one_month_select(table, source.copy()) if single
                        else _values_select(table, source.copy(), weights=False)))
            masks = ("_months", *table.aggregates.values())
            if table.masked:
                kept[table.name] = ("masks", table.keys[0], masks)
            for period, name in table.rollups.items():
                out.append((name, _rollup_select(table, period, grouped=not self.one_month)))
                kept[name] = ("masks", period, masks)
        for table in self.weights.values():
            out.append((table.name, _values_select(table, source.copy(), weights=True)))
            if self.by_month:
                kept[table.name] = ("months", table.month, ())
        return out, kept


def _rollup_select(table: _Table, period: str, grouped: bool = True) -> exp.Select:
    """A distinct table kept per month, rolled up to one row per value and category over ``period``, with
    the months of each as bit masks. ``grouped=False`` for one month's table, whose rows are one per value
    and category already."""
    keys = ["_m", period] + [k for k in table.keys if k.startswith("d")] + [table.value]
    month = bit(col(table.month))
    combined = exp.BitwiseOrAgg if grouped else (lambda this: this)
    select = exp.select(*[col(k) for k in keys], exp.alias_(combined(this=month), "_months", quoted=True))
    for name in table.aggregates.values():
        select = select.select(exp.alias_(combined(this=_bit_if(col(name), month)), name, quoted=True),
                               copy=False)
    select = select.from_(exp.to_table(table.name), copy=False)
    return select.group_by(*[col(k) for k in keys], copy=False) if grouped else select


def scan_plan(members: list[tuple[Group, Span]], source: Source, municipalities: list[int],
              engine: str = "duckdb", rows: Span | str = "union") -> ScanPlan:
    """The reduced tables and aggregations of one group, or of a relation's monthly and annual groups with
    the same attribution.

    ``members``: the groups with the periods each must cover (None: all). The rows read cover them all
    (``source`` says how tables are read; its periods are replaced by that union), or the months ``rows``
    (None: all), when the engine keeps the tables of a year and replaces only those months in them; a group
    then aggregates only its own periods."""
    if engine not in ENGINES:
        raise NoTranslation(f"unknown engine {engine!r}; engines: {', '.join(ENGINES)}")
    spans = [s for _, s in members]
    union = None if any(s is None for s in spans) else (min(s[0] for s in spans), max(s[1] for s in spans))
    read = union if rows == "union" else rows
    selected, columns = project([g for g, _ in members], Source(as_of=source.as_of, periods=read, flat=source.flat),
                                municipalities)
    for (_, span), cols in zip(members, columns):
        cols.within = span if span is not None and (span != union or rows != "union") else None
    one_month = rows not in ("union", None) and rows[0] == rows[1]
    planner = _Planner([(g, cols) for (g, _), cols in zip(members, columns)], selected, one_month)
    every = [planner.group(g, cols) for (g, _), cols in zip(members, columns)]
    tables, kept = planner.tables()
    return ScanPlan(tables, every, kept)


def group_plan(group: Group, source: Source, municipalities: list[int], engine: str = "duckdb") -> ScanPlan:
    """One group's plan, as ``flis catalogue show`` and the golden files print it."""
    return scan_plan([(group, None)], source, municipalities, engine)
