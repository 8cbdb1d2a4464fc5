"""The key-figure catalogue in memory: dimensions, relations, measures, figures and published series."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlglot import exp

from flis.warehouse.model import Table

MEASURES = ("count", "count_distinct", "sum", "avg", "median", "percentile", "min", "max")
ADDITIVE = ("count", "sum")
LEVELS = ("monthly", "annual", "start_of_year")
DIRECTIONS = ("higher_better", "lower_better", "neutral")
DRILLS = ("municipality", "institution", "person")
DISPLAYS = ("number", "percent")
CHANGES = ("difference", "percent")
LINEAGE = {"_delivery": ("text", None), "_line": ("integer", None), "_municipality": ("municipality", None),
           "_period": ("date", None)}


@dataclass(frozen=True)
class Names:
    da: str
    en: str


@dataclass
class Dimension:
    name: str
    names: Names
    of: exp.Expression
    of_text: str
    categories: dict[str, Names]
    bands: dict[str, tuple[int | None, int | None]] | None
    columns: set[str]
    file: str = ""
    line: int = 0

    def expression(self) -> exp.Expression:
        """The category of a row (NULL when it falls in none)."""
        if self.bands is None:
            value = exp.cast(self.of.copy(), "VARCHAR")
            listed = [exp.Literal.string(c) for c in self.categories]
            return exp.Case(ifs=[exp.If(this=exp.In(this=value, expressions=listed), true=value.copy())])
        ifs = []
        for label, (low, high) in self.bands.items():
            conds = []
            if low is not None:
                conds.append(exp.GTE(this=self.of.copy(), expression=exp.Literal.number(low)))
            if high is not None:
                conds.append(exp.LTE(this=self.of.copy(), expression=exp.Literal.number(high)))
            ifs.append(exp.If(this=exp.and_(*conds), true=exp.Literal.string(label)))
        return exp.Case(ifs=ifs)


@dataclass
class Join:
    table: Table
    on: tuple[str, ...]
    columns: tuple[str, ...]


@dataclass
class Relation:
    id: str
    base: Table
    joins: list[Join] = field(default_factory=list)
    derive: dict[str, exp.Expression] = field(default_factory=dict)
    description: str = ""
    domain: str = ""
    file: str = ""
    line: int = 0

    @property
    def tables(self) -> list[Table]:
        return [self.base] + [j.table for j in self.joins]


@dataclass
class Measure:
    source: Relation
    measure: str
    of: exp.Expression | None
    of_text: str | None
    where: exp.Expression | None
    where_text: str | None
    attribution: str
    level: str
    percentile: float | None = None

    @property
    def key(self) -> str:
        text = "|".join(str(x) for x in (self.source.id, self.measure, self.of_text, self.where_text,
                                          self.attribution, self.level, self.percentile))
        return "m" + hashlib.sha256(text.encode()).hexdigest()[:12]

    @property
    def additive(self) -> bool:
        return self.measure in ADDITIVE

    @property
    def counts(self) -> bool:
        """Counts and sums are 0 where no row qualifies; averages, medians and extremes have no value."""
        return self.measure in ("count", "count_distinct", "sum")

    def describe(self) -> str:
        what = {"count": "number of rows", "count_distinct": f"number of distinct {self.of_text}",
                "sum": f"sum of {self.of_text}", "avg": f"average of {self.of_text}",
                "median": f"median of {self.of_text}", "min": f"smallest {self.of_text}",
                "max": f"largest {self.of_text}",
                "percentile": f"{(self.percentile or 0) * 100:g}th percentile of {self.of_text}"}[self.measure]
        src = self.source.id if self.source.id != self.source.base.qualified else self.source.base.qualified
        where = f" where {self.where_text}" if self.where_text else ""
        return f"{what} in {src}{where}, attributed to {self.attribution}"


@dataclass
class Figure:
    id: str
    names: Names
    description: str
    domain: str
    unit: Names
    scale: float
    display: str
    decimals: int
    level: str
    direction: str
    drill: str
    numerator: Measure | None = None
    denominator: Measure | None = None
    variants: list[Dimension] = field(default_factory=list)
    rolling: int | None = None
    rolling_denominator: str = "mean"
    change_of: str | None = None
    change: str | None = None
    source: str = ""
    file: str = ""
    line: int = 0

    @property
    def kind(self) -> str:
        if self.change_of:
            return "change"
        if self.rolling:
            return "rolling"
        return "ratio" if self.denominator is not None else "measure"


@dataclass
class Series:
    id: str
    figure: Figure
    dimension: Dimension | None
    category: str | None

    @property
    def names(self) -> Names:
        if self.dimension is None:
            return self.figure.names
        if self.dimension.bands is not None:
            label = Names(self.category, self.category)
        else:
            label = self.dimension.categories[self.category]
        return Names(f"{self.figure.names.da}, {label.da}", f"{self.figure.names.en}, {label.en}")

    def definition(self) -> str:
        """A generated definition text for this series."""
        f = self.figure
        if f.kind == "change":
            how = "difference from" if f.change == "difference" else "percentage change from"
            text = f"The {how} the value 12 months earlier of {f.change_of}."
        else:
            text = f"Numerator: {f.numerator.describe()}."
            if f.denominator is not None:
                text += f" Denominator: {f.denominator.describe()}."
            if f.scale != 1:
                text += f" The ratio is multiplied by {f.scale:g}."
            if f.rolling:
                text += (f" Rolling {f.rolling}-month value: numerators summed over the last {f.rolling} months, "
                         f"denominators {'averaged' if f.rolling_denominator == 'mean' else 'summed'}.")
        level = {"monthly": "per month", "annual": "per calendar year",
                 "start_of_year": "at the start of each year (January)"}[f.level]
        text += f" Computed {level}; unit: {f.unit.en}."
        if self.dimension is not None:
            text += f" Only rows whose {self.dimension.names.en.lower()} is {self.category}."
        return text


@dataclass
class Catalogue:
    dimensions: dict[str, Dimension]
    relations: dict[str, Relation]
    figures: dict[str, Figure]
    version: str

    @property
    def series(self) -> list[Series]:
        out = []
        for figure in self.figures.values():
            out.append(Series(figure.id, figure, None, None))
            for dim in figure.variants:
                for category in (dim.bands or dim.categories):
                    out.append(Series(f"{figure.id}.{dim.name}.{category}", figure, dim, category))
        return out

    def measures(self) -> dict[str, Measure]:
        out: dict[str, Measure] = {}
        for figure in self.figures.values():
            for m in (figure.numerator, figure.denominator):
                if m is not None:
                    out.setdefault(m.key, m)
        return out
