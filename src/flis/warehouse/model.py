"""The canonical model: the shared cross-municipal definitions every delivery is mapped onto.

One YAML file per domain under ``definitions/`` declares its tables: meaning, grain,
level, key, how a row is attributed to a municipality, and each column's type, code
list, constraints and meaning. ``codelists.yaml`` holds the code lists. Loading checks
the definitions and reports every problem at once, each with its file and line.

Every canonical table also carries four lineage columns that no vendor delivers:
``_delivery`` (the delivery that brought the row), ``_line`` (its line in the file),
``_municipality`` (the delivering municipality) and ``_period`` (the month the row
describes, as the first day of the month).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal

from flis.errors import FlisError
from flis.yamlfile import Located, load_text

ColumnType = Literal["text", "integer", "decimal", "date", "code", "municipality", "flag"]
TYPES = ("text", "integer", "decimal", "date", "code", "municipality", "flag")
LEVELS = ("monthly", "register", "events", "annual")
LINEAGE = ("_delivery", "_line", "_municipality", "_period")
COLUMN_KEYS = {"type", "codelist", "required", "description", "min", "max", "references", "money", "decimals",
               "in_period", "same_as_delivery"}
TABLE_KEYS = {"title", "description", "level", "grain", "key", "attribution", "columns"}


class ModelError(FlisError):
    """The canonical-model definitions are inconsistent (a programming error in flis)."""

    code = "warehouse.model_invalid"


@dataclass(frozen=True)
class Codelist:
    name: str
    title: str
    type: Literal["integer", "text"]
    values: dict[object, str]

    def __contains__(self, value: object) -> bool:
        return value in self.values


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str = ""
    codelist: str | None = None
    required: bool = False
    min: float | None = None
    max: float | None = None
    references: str | None = None
    """``domain.table`` whose key this column refers to (referential integrity)."""
    money: bool = False
    decimals: int | None = None
    in_period: bool = False
    """A date that must lie in the delivered month."""
    same_as_delivery: bool = False
    """A municipality column that must equal the delivering municipality."""

    def sql_type(self, codelists: dict[str, Codelist]) -> str:
        if self.type == "text":
            return "VARCHAR"
        if self.type == "integer":
            return "BIGINT"
        if self.type == "decimal":
            decimals = self.decimals if self.decimals is not None else (2 if self.money else None)
            return f"DECIMAL(18,{decimals})" if decimals is not None else "DOUBLE"
        if self.type == "date":
            return "DATE"
        if self.type == "municipality":
            return "SMALLINT"
        if self.type == "flag":
            return "BOOLEAN"
        return "INTEGER" if codelists[self.codelist].type == "integer" else "VARCHAR"


@dataclass(frozen=True)
class Table:
    domain: str
    name: str
    title: str
    description: str
    level: str
    grain: str
    key: tuple[str, ...]
    attribution: str
    columns: tuple[Column, ...]
    file: str = ""
    line: int = 0

    @property
    def qualified(self) -> str:
        """``domain.table``, the name adapters and key figures use."""
        return f"{self.domain}.{self.name}"

    @property
    def sql_name(self) -> str:
        """The physical table name: ``<domain>_<table>``."""
        return f"{self.domain}_{self.name}"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


@dataclass
class Model:
    tables: dict[str, Table] = field(default_factory=dict)
    codelists: dict[str, Codelist] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)

    def table(self, qualified: str) -> Table:
        return self.tables[qualified]


def _problem(problems: list[str], node: Located, key: str | None, text: str) -> None:
    problems.append(f"{node.where(key)}: {text}")


def _codelists(text: str, file: str, problems: list[str]) -> dict[str, Codelist]:
    data = load_text(text, file)
    out = {}
    for name, spec in data.items():
        if spec.get("type") not in ("integer", "text"):
            _problem(problems, spec, "type", f"code list {name}: type must be integer or text")
            continue
        values = {(int(k) if spec["type"] == "integer" else str(k)): str(v) for k, v in spec["values"].items()}
        out[name] = Codelist(name, str(spec.get("title", name)), spec["type"], values)
    return out


def _table(domain: str, name: str, spec: Located, codelists: dict[str, Codelist],
           problems: list[str]) -> Table | None:
    for key in set(spec) - TABLE_KEYS:
        _problem(problems, spec, key, f"table {name}: unknown key '{key}'")
    if spec.get("level") not in LEVELS:
        _problem(problems, spec, "level", f"table {name}: level must be one of {', '.join(LEVELS)}")
    columns = []
    for col_name, col in (spec.get("columns") or {}).items():
        if col_name.startswith("_"):
            _problem(problems, spec["columns"], col_name, f"column {col_name}: names starting with _ are lineage")
        for key in set(col) - COLUMN_KEYS:
            _problem(problems, col, key, f"column {col_name}: unknown key '{key}'")
        if col.get("type") not in TYPES:
            _problem(problems, col, "type", f"column {col_name}: type must be one of {', '.join(TYPES)}")
            continue
        if col["type"] == "code" and col.get("codelist") not in codelists:
            _problem(problems, col, "codelist", f"column {col_name}: unknown code list {col.get('codelist')!r}")
            continue
        columns.append(Column(
            col_name, col["type"], str(col.get("description", "")).strip(), col.get("codelist"),
            bool(col.get("required", False)), col.get("min"), col.get("max"), col.get("references"),
            bool(col.get("money", False)), col.get("decimals"), bool(col.get("in_period", False)),
            bool(col.get("same_as_delivery", False))))
    names = {c.name for c in columns}
    key = tuple(spec.get("key") or ())
    for k in key:
        if k not in names:
            _problem(problems, spec, "key", f"table {name}: key column '{k}' is not a column")
    if not columns:
        _problem(problems, spec, None, f"table {name}: no columns")
        return None
    return Table(domain, name, str(spec.get("title", name)), " ".join(str(spec.get("description", "")).split()),
                 str(spec.get("level")), str(spec.get("grain", "")), key, str(spec.get("attribution", "")),
                 tuple(columns), spec.file, spec.line)


def load_model_texts(texts: dict[str, str]) -> Model:
    """Build the model from file name -> YAML text (``codelists.yaml`` plus one file per domain)."""
    problems: list[str] = []
    model = Model(codelists=_codelists(texts["codelists.yaml"], "codelists.yaml", problems))
    for file, text in sorted(texts.items()):
        if file == "codelists.yaml":
            continue
        data = load_text(text, file)
        domain = data.get("domain")
        if not domain:
            _problem(problems, data, None, "missing 'domain'")
            continue
        model.domains[domain] = str(data.get("title", domain))
        for name, spec in (data.get("tables") or {}).items():
            table = _table(domain, name, spec, model.codelists, problems)
            if table:
                model.tables[table.qualified] = table
    for table in model.tables.values():
        for col in table.columns:
            if col.references and col.references not in model.tables:
                problems.append(f"{table.file}:{table.line}: {table.qualified}.{col.name} references unknown "
                                f"table {col.references!r}")
            elif col.references and not model.tables[col.references].key:
                problems.append(f"{table.file}:{table.line}: {col.references} has no key to refer to")
    if problems:
        raise ModelError("the canonical model has problems:\n" + "\n".join(problems))
    return model


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The canonical model shipped with flis."""
    folder = resources.files("flis.warehouse").joinpath("definitions")
    texts = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name.endswith(".yaml")}
    return load_model_texts(texts)
