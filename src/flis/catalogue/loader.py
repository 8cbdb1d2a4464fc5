"""Load the key-figure catalogue from its YAML files, reporting every problem at once with file and line."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from flis import yamlfile
from flis.catalogue.expressions import Scope, check
from flis.catalogue.model import (CHANGES, DIRECTIONS, DISPLAYS, DRILLS, LEVELS, LINEAGE, MEASURES, Catalogue,
                                  Dimension, Figure, Join, Measure, Names, Relation)
from flis.errors import FlisError
from flis.warehouse.model import Model, Table, load_model

DEFINITIONS = Path(__file__).resolve().parent / "definitions"
REQUIRED = ("id", "name", "description", "unit", "scale", "display", "decimals", "level", "direction", "drill")
FIGURE_KEYS = set(REQUIRED) | {"numerator", "denominator", "variants", "rolling", "rolling_denominator", "change_of",
                               "change", "source"}
MEASURE_KEYS = {"table", "relation", "measure", "of", "where", "attribution", "percentile"}
RELATION_KEYS = {"from", "description", "join", "derive"}
JOIN_KEYS = {"table", "on", True, "columns"}
DIMENSION_KEYS = {"name", "of", "categories", "bands"}


class CatalogueError(FlisError):
    """The key-figure definitions have problems; the message lists each with file and line."""

    code = "catalogue.invalid"

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the key-figure catalogue:\n" + "\n".join(problems))


def _names(value, where: str, what: str, problems: list[str]) -> Names:
    if isinstance(value, dict) and set(value) == {"da", "en"} and isinstance(value.get("da"), str) \
            and isinstance(value.get("en"), str):
        return Names(value["da"], value["en"])
    problems.append(f"{where}: {what} must be {{da: ..., en: ...}} with exactly these two texts (quote a text "
                    f"that holds a comma or a colon); got {value!r}")
    return Names("?", "?")


def _unknown_keys(loader, node, allowed: set, what: str) -> None:
    if isinstance(node, dict):
        for key in node:
            if key not in allowed:
                loader.problem(node, key, f"unknown key {key!r} in {what}; allowed: "
                               f"{', '.join(sorted(str(k) for k in allowed if k is not True))}")


def _scope_of_table(table: Table, model: Model) -> dict[str, tuple[str, object]]:
    cols = {c.name: (c.type, model.codelists.get(c.codelist) if c.codelist else None) for c in table.columns}
    cols.update(LINEAGE)
    return cols


class _Loader:
    def __init__(self, model: Model):
        self.model = model
        self.problems: list[str] = []
        self.dimensions: dict[str, Dimension] = {}
        self.relations: dict[str, Relation] = {}
        self.scopes: dict[str, Scope] = {}
        self.figures: dict[str, Figure] = {}
        self.raw_figures: list[tuple[dict, str]] = []

    def problem(self, node, key: str | None, message: str) -> None:
        where = node.where(key) if isinstance(node, yamlfile.Located) else "?"
        self.problems.append(f"{where}: {message}")

    def checked(self, node, key: str, text, scope: Scope, allow_window: bool = False):
        found: list[str] = []
        result = check(text, scope, found, allow_window=allow_window)
        for message in found:
            self.problem(node, key, message)
        return result

    # dimensions -----------------------------------------------------------------------------------
    def dimension(self, name: str, node) -> None:
        if name in self.dimensions:
            self.problem(node, None, f"dimension {name!r} is declared twice (also {self.dimensions[name].file})")
            return
        if not isinstance(node, dict) or "of" not in node:
            self.problem(node, None, f"dimension {name!r} needs 'of' and 'categories' or 'bands'")
            return
        _unknown_keys(self, node, DIMENSION_KEYS, f"dimension {name}")
        names = _names(node.get("name"), node.where("name"), "name", self.problems)
        categories, bands = {}, None
        if "bands" in node:
            bands = {}
            for label, pair in (node["bands"] or {}).items():
                if not (isinstance(pair, list) and len(pair) == 2
                        and all(v is None or isinstance(v, int) for v in pair)):
                    self.problem(node["bands"], label, f"band {label!r} must be [low, high] (integers, high may "
                                 "be null)")
                    continue
                bands[str(label)] = (pair[0], pair[1])
        elif isinstance(node.get("categories"), dict):
            for code, label in node["categories"].items():
                categories[str(code)] = _names(label, node["categories"].where(code), f"category {code}",
                                               self.problems)
        else:
            self.problem(node, None, f"dimension {name!r} needs 'categories' or 'bands'")
            return
        found: list[str] = []
        # Dimensions are checked against each relation that uses them; here only the syntax.
        scope = Scope(f"dimension {name}", {c: ("any", None) for c in _columns_named(node["of"])})
        tree = check(node["of"], scope, found)
        for message in found:
            self.problem(node, "of", message)
        if tree is not None:
            self.dimensions[name] = Dimension(name, names, tree.tree, str(node["of"]), categories, bands,
                                              tree.columns, node.file, node.line)

    # relations ------------------------------------------------------------------------------------
    def table(self, node, key: str, name) -> Table | None:
        if not isinstance(name, str) or name not in self.model.tables:
            self.problem(node, key, f"unknown table {name!r}; canonical tables: {', '.join(sorted(self.model.tables))}")
            return None
        return self.model.tables[name]

    def relation(self, rid: str, node, domain: str) -> None:
        if rid in self.relations or rid in self.model.tables:
            self.problem(node, None, f"relation {rid!r} is declared twice or shadows a table")
            return
        _unknown_keys(self, node, RELATION_KEYS, f"relation {rid}")
        for j in node.get("join") or []:
            _unknown_keys(self, j, JOIN_KEYS, f"a join of relation {rid}")
        base = self.table(node, "from", node.get("from"))
        if base is None:
            return
        columns = _scope_of_table(base, self.model)
        joins = []
        for j in node.get("join") or []:
            table = self.table(j, "table", j.get("table"))
            if table is None:
                continue
            on = tuple(j.get("on", j.get(True)) or ())  # YAML 1.1 reads a bare `on:` key as true
            take = tuple(j.get("columns") or ())
            if not on:
                self.problem(j, None, "a join needs 'on: [columns]'")
            for col in on:
                if col not in columns or col not in table.column_names:
                    self.problem(j, "on", f"join column {col!r} must be in both {base.qualified} and "
                                 f"{table.qualified}")
            for col in take:
                if col not in table.column_names:
                    self.problem(j, "columns", f"unknown column {col!r} in {table.qualified}")
                elif col in columns:
                    self.problem(j, "columns", f"column {col!r} is already in the relation")
                else:
                    columns[col] = _scope_of_table(table, self.model)[col]
            joins.append(Join(table, on, take))
        derive = {}
        scope = Scope(f"relation {rid}", dict(columns))
        for name, text in (node.get("derive") or {}).items():
            result = self.checked(node["derive"], name, text, scope, allow_window=True)
            if result is not None:
                derive[name] = result.tree
                columns[name] = ("derived", None)
        self.relations[rid] = Relation(rid, base, joins, derive, node.get("description", ""), domain,
                                       node.file, node.line)
        self.scopes[rid] = Scope(f"relation {rid}", columns)

    def source(self, node, side: str) -> tuple[Relation, Scope] | None:
        if "relation" in node:
            rid = node["relation"]
            if rid not in self.relations:
                self.problem(node, "relation", f"unknown relation {rid!r}")
                return None
            return self.relations[rid], self.scopes[rid]
        table = self.table(node, "table", node.get("table"))
        if table is None:
            return None
        if table.qualified not in self.relations:
            self.relations[table.qualified] = Relation(table.qualified, table, domain=table.domain)
            self.scopes[table.qualified] = Scope(table.qualified, _scope_of_table(table, self.model))
        return self.relations[table.qualified], self.scopes[table.qualified]

    # figures --------------------------------------------------------------------------------------
    def measure(self, node, side: str, level: str) -> Measure | None:
        if not isinstance(node, dict):
            self.problem(node, None, f"{side} must be a mapping with table/relation and measure")
            return None
        _unknown_keys(self, node, MEASURE_KEYS, f"the {side}")
        found = self.source(node, side)
        kind = node.get("measure")
        if kind not in MEASURES:
            self.problem(node, "measure", f"measure must be one of {', '.join(MEASURES)}, not {kind!r}")
            return None
        if found is None:
            return None
        relation, scope = found
        of = where = None
        if kind != "count":
            if "of" not in node:
                self.problem(node, None, f"measure {kind} needs 'of'")
                return None
            of = self.checked(node, "of", node["of"], scope)
        if "where" in node:
            where = self.checked(node, "where", node["where"], scope)
        attribution = node.get("attribution", "_municipality")
        if scope.columns.get(attribution, ("",))[0] != "municipality":
            self.problem(node, "attribution", f"attribution {attribution!r} is not a municipality column of "
                         f"{relation.id}")
            return None
        percentile = node.get("percentile")
        if kind == "percentile" and not (isinstance(percentile, (int, float)) and 0 < percentile < 1):
            self.problem(node, "percentile", "percentile needs 'percentile: p' with 0 < p < 1")
            return None
        if (kind != "count" and of is None) or ("where" in node and where is None):
            return None
        return Measure(relation, kind, of.tree if of else None, str(node["of"]) if of else None,
                       where.tree if where else None, str(node["where"]) if where else None, attribution, level,
                       percentile)

    def figure(self, node, domain: str) -> None:
        """Check one figure completely (every problem is reported), then register it if it is sound."""
        before = len(self.problems)
        _unknown_keys(self, node, FIGURE_KEYS, f"figure {node.get('id', '?')}")
        missing = [k for k in REQUIRED if k not in node]
        if missing:
            self.problem(node, None, f"figure {node.get('id', '?')} lacks {', '.join(missing)}")
        fid = node.get("id", "?")
        if fid in self.figures:
            self.problem(node, "id", f"figure id {fid} is used twice (also {self.figures[fid].file}:"
                         f"{self.figures[fid].line})")
        for key, allowed in (("level", LEVELS), ("direction", DIRECTIONS), ("drill", DRILLS),
                             ("display", DISPLAYS)):
            if key in node and node[key] not in allowed:
                self.problem(node, key, f"{key} must be one of {', '.join(allowed)}, not {node[key]!r}")
        if "scale" in node and (not isinstance(node["scale"], (int, float)) or node["scale"] <= 0):
            self.problem(node, "scale", "scale must be a positive number (1, 100, 1000)")
        level = node.get("level") if node.get("level") in LEVELS else "monthly"
        figure = Figure(fid, _names(node.get("name"), node.where("name"), "name", self.problems),
                        str(node.get("description", "")).strip(), domain,
                        _names(node.get("unit"), node.where("unit"), "unit", self.problems) if "unit" in node
                        else Names("?", "?"), node.get("scale", 1), node.get("display", "number"),
                        int(node.get("decimals", 0)), level, node.get("direction", "neutral"),
                        node.get("drill", "municipality"), source=node.get("source", ""), file=node.file,
                        line=node.line)
        if "change_of" in node:
            figure.change_of, figure.change = node["change_of"], node.get("change", "difference")
            if figure.change not in CHANGES:
                self.problem(node, "change", f"change must be one of {', '.join(CHANGES)}")
        elif "numerator" not in node:
            self.problem(node, None, f"figure {fid} needs a numerator (or change_of)")
        else:
            figure.numerator = self.measure(node["numerator"], "numerator", level)
            if "denominator" in node:
                figure.denominator = self.measure(node["denominator"], "denominator", level)
                if figure.numerator and figure.numerator.measure not in ("count", "count_distinct", "sum"):
                    self.problem(node, "denominator", f"a {figure.numerator.measure} numerator cannot have a "
                                 "denominator; use sum over count")
            if figure.numerator is not None and figure.numerator.measure == "avg" and "denominator" not in node:
                figure.numerator, figure.denominator = _average_as_ratio(figure.numerator)
            if "rolling" in node:
                figure.rolling = node["rolling"]
                figure.rolling_denominator = node.get("rolling_denominator", "mean")
                if figure.rolling != 12 or level != "monthly":
                    self.problem(node, "rolling", "rolling must be 12 on a monthly figure")
                if (figure.numerator is not None and not figure.numerator.additive) \
                        or figure.rolling_denominator not in ("mean", "sum"):
                    self.problem(node, "rolling", "a rolling figure needs a count or sum numerator and "
                                 "rolling_denominator mean or sum")
        for name in node.get("variants") or []:
            dim = self.dimensions.get(name)
            if dim is None:
                self.problem(node, "variants", f"unknown dimension {name!r}")
                continue
            for side in (figure.numerator, figure.denominator):
                if side is not None:
                    scope = self.scopes[side.source.id]
                    absent = sorted(dim.columns - set(scope.columns))
                    if absent:
                        self.problem(node, "variants", f"variant {name} needs {', '.join(absent)}, which "
                                     f"{side.source.id} lacks")
            figure.variants.append(dim)
        if len(self.problems) == before:
            self.figures[fid] = figure

    def finish(self) -> None:
        for figure in self.figures.values():
            if figure.change_of is None:
                continue
            base = self.figures.get(figure.change_of)
            if base is None:
                self.problems.append(f"{figure.file}:{figure.line}: change_of refers to unknown figure "
                                     f"{figure.change_of}")
                continue
            seen, cursor = [figure.id], base
            while cursor is not None and cursor.change_of:
                if cursor.id in seen:
                    self.problems.append(f"{figure.file}:{figure.line}: circular reference: "
                                         f"{' -> '.join(seen + [cursor.id])}")
                    break
                seen.append(cursor.id)
                cursor = self.figures.get(cursor.change_of)
            if base.level != figure.level:
                self.problems.append(f"{figure.file}:{figure.line}: change_of {base.id} must have the same level")
            if figure.variants and [d.name for d in figure.variants] != [d.name for d in base.variants]:
                self.problems.append(f"{figure.file}:{figure.line}: a change figure takes the variants of "
                                     f"{base.id} ({', '.join(d.name for d in base.variants) or 'none'})")
            figure.variants = list(base.variants)


def _average_as_ratio(m: Measure) -> tuple[Measure, Measure]:
    """An average is a sum over a count: so national and regional values can be ratios of sums."""
    from sqlglot import exp
    present = exp.Not(this=exp.Is(this=m.of.copy(), expression=exp.Null()))
    where = exp.and_(m.where.copy(), present) if m.where is not None else present
    text = f"({m.where_text}) AND ({m.of_text}) IS NOT NULL" if m.where_text else f"({m.of_text}) IS NOT NULL"
    total = Measure(m.source, "sum", m.of, m.of_text, where, text, m.attribution, m.level)
    count = Measure(m.source, "count", None, None, where, text, m.attribution, m.level)
    return total, count


def _columns_named(text) -> list[str]:
    import sqlglot
    from sqlglot import exp
    try:
        return [c.name for c in sqlglot.parse_one(str(text), dialect="duckdb").find_all(exp.Column)]
    except Exception:  # noqa: BLE001 - reported by check()
        return []


def load_texts(texts: dict[str, str], model: Model | None = None) -> Catalogue:
    """Load from ``{file name: YAML text}``; raises CatalogueError listing every problem."""
    loader = _Loader(model or load_model())
    docs = {}
    for name in sorted(texts):
        try:
            docs[name] = yamlfile.load_text(texts[name], name)
        except Exception as error:  # noqa: BLE001 - YAML syntax errors are reported, not raised one by one
            loader.problems.append(f"{name}: not valid YAML: {error}")
    for name, doc in docs.items():
        for dim, node in ((doc or {}).get("dimensions") or {}).items():
            loader.dimension(dim, node)
    for name, doc in docs.items():
        for rid, node in ((doc or {}).get("relations") or {}).items():
            loader.relation(rid, node, (doc or {}).get("domain", ""))
    for name, doc in docs.items():
        domain = (doc or {}).get("domain")
        figures = (doc or {}).get("figures") or []
        if figures and domain not in loader.model.domains:
            loader.problems.append(f"{name}: domain {domain!r} is not a domain of the data model")
            continue
        for node in figures:
            loader.figure(node, domain)
    loader.finish()
    if loader.problems:
        raise CatalogueError(loader.problems)
    version = hashlib.sha256("".join(f"{k}\n{texts[k]}" for k in sorted(texts)).encode()).hexdigest()[:12]
    return Catalogue(loader.dimensions, loader.relations, loader.figures, version)


def load_files(folder: Path = DEFINITIONS) -> Catalogue:
    """Load every definition file of ``folder``; ``FLIS_CATALOGUE_ONLY=a,b`` restricts it to those domains
    (and the shared dimensions), for authors working on one domain."""
    only = {d.strip() for d in os.environ.get("FLIS_CATALOGUE_ONLY", "").split(",") if d.strip()}
    paths = [p for p in sorted(folder.glob("*.yaml")) if not only or p.stem in only | {"dimensions"}]
    texts = {f"src/flis/catalogue/definitions/{p.name}" if folder == DEFINITIONS else str(p):
             p.read_text(encoding="utf-8") for p in paths}
    return load_texts(texts)


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    return load_files()
