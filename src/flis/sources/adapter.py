"""Adapters: one declarative YAML file per source system, mapping its files onto canonical tables.

An adapter says how a vendor's files look (format, encoding, conventions for numbers and
dates) and, per file, which canonical table it fills and how each of the vendor's fields
maps onto a canonical column (with the vendor's code list where it has its own). Known
vendor drift is declared too: ``aliases`` are field names announced for the vendor's next
upgrade, which ingest accepts with a note. Adding a vendor is writing one such file; see
docs/adapters.md. Loading checks every adapter against the canonical model and reports all
problems at once with file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from flis.errors import FlisError
from flis.sources.formats.base import FileFormat, FixedField
from flis.warehouse.model import Model, Table, load_model
from flis.yamlfile import Located, load_text

ADAPTER_KEYS = {"system", "vendor", "key", "domain", "description", "format", "values", "files"}
FILE_KEYS = {"table", "columns", "aliases", "root", "record", "sheet", "description"}
COLUMN_KEYS = {"column", "codes", "width", "date_format", "decimal_mark", "thousands", "implied_decimals"}
FORMAT_KEYS = {"kind", "encoding", "delimiter", "quote", "header"}
VALUE_KEYS = {"decimal_mark", "thousands", "date_format"}


class AdapterError(FlisError):
    """An adapter definition does not fit the canonical model or has an unknown setting."""

    code = "sources.adapter_invalid"


@dataclass(frozen=True)
class FieldMap:
    """How one vendor field becomes one canonical column."""

    field: str
    column: str
    codes: dict[str, object] | None = None
    width: int = 0
    date_format: str = "%Y-%m-%d"
    decimal_mark: str = "."
    thousands: str = ""
    implied_decimals: int = 0
    line: int = 0


@dataclass(frozen=True)
class FileAdapter:
    name: str
    table: Table
    fields: tuple[FieldMap, ...]
    aliases: dict[str, str]
    """Announced new field name -> the field name it replaces."""
    format: FileFormat
    line: int = 0

    def field_named(self, name: str) -> FieldMap | None:
        return next((f for f in self.fields if f.field == name), None)


@dataclass(frozen=True)
class Adapter:
    system: str
    vendor: str
    key: str
    domain: str
    description: str
    files: dict[str, FileAdapter] = field(default_factory=dict)
    file: str = ""


def _check_keys(node: Located, allowed: set[str], what: str, problems: list[str]) -> None:
    for key in node:
        if key not in allowed:
            problems.append(f"{node.where(key)}: {what}: unknown setting '{key}' "
                            f"(expected one of {', '.join(sorted(allowed))})")


def _codes(raw: Located, column, model: Model, problems: list[str]) -> dict[str, object]:
    """Vendor code -> canonical value, checked against the column's code list."""
    out: dict[str, object] = {}
    for vendor_code, canonical in raw.items():
        if column.type == "flag":
            if not isinstance(canonical, bool):
                problems.append(f"{raw.where(vendor_code)}: flag code '{vendor_code}' must map to true or false")
            out[str(vendor_code)] = canonical
            continue
        codelist = model.codelists.get(column.codelist or "")
        if codelist is None:
            problems.append(f"{raw.where(vendor_code)}: column {column.name} has no code list to map onto")
            continue
        value = int(canonical) if codelist.type == "integer" and str(canonical).lstrip("-").isdigit() else canonical
        if value not in codelist:
            problems.append(f"{raw.where(vendor_code)}: '{canonical}' is not in code list {codelist.name}")
        out[str(vendor_code)] = value
    return out


def _file(name: str, spec: Located, adapter: Located, fmt: FileFormat, model: Model,
          problems: list[str]) -> FileAdapter | None:
    _check_keys(spec, FILE_KEYS, f"file {name}", problems)
    qualified = spec.get("table", "")
    if "." not in qualified:
        qualified = f"{adapter.get('domain')}.{qualified}"
    if qualified not in model.tables:
        problems.append(f"{spec.where('table')}: file {name}: unknown canonical table '{qualified}'")
        return None
    table = model.tables[qualified]
    values = adapter.get("values") or {}
    fields: list[FieldMap] = []
    for vendor_field, target in (spec.get("columns") or {}).items():
        node = target if isinstance(target, dict) else Located({"column": target})
        if not isinstance(target, dict):
            node.file, node.line, node.key_lines = spec.file, spec["columns"].line_of(vendor_field), {}
        _check_keys(node, COLUMN_KEYS, f"field {vendor_field}", problems)
        column_name = node.get("column")
        if column_name not in table.column_names:
            problems.append(f"{spec['columns'].where(vendor_field)}: field {vendor_field}: '{column_name}' is not a "
                            f"column of {qualified} ({', '.join(table.column_names)})")
            continue
        column = table.column(column_name)
        codes = _codes(node["codes"], column, model, problems) if node.get("codes") is not None else None
        if fmt.kind == "fixed" and not node.get("width"):
            problems.append(f"{spec['columns'].where(vendor_field)}: field {vendor_field}: fixed-width needs a width")
        fields.append(FieldMap(
            str(vendor_field), column_name, codes, int(node.get("width", 0)),
            node.get("date_format", values.get("date_format", "%Y-%m-%d")),
            node.get("decimal_mark", values.get("decimal_mark", ".")),
            node.get("thousands", values.get("thousands", "")), int(node.get("implied_decimals", 0)),
            spec["columns"].line_of(vendor_field)))
    mapped = {f.column for f in fields}
    for column in table.columns:
        if column.required and column.name not in mapped:
            problems.append(f"{spec.where()}: file {name}: required column {qualified}.{column.name} is not mapped")
    aliases = {str(k): str(v) for k, v in (spec.get("aliases") or {}).items()}
    for new, old in aliases.items():
        if old not in {f.field for f in fields}:
            problems.append(f"{spec['aliases'].where(new)}: alias '{new}' replaces unknown field '{old}'")
    file_format = FileFormat(
        kind=fmt.kind, encoding=fmt.encoding, delimiter=fmt.delimiter, quote=fmt.quote, header=fmt.header,
        fixed_fields=tuple(FixedField(f.field, f.width) for f in fields) if fmt.kind == "fixed" else (),
        root=spec.get("root"), record=spec.get("record"), sheet=spec.get("sheet"))
    return FileAdapter(str(name), table, tuple(fields), aliases, file_format, spec.line)


def parse_adapter(text: str, file: str, model: Model, problems: list[str]) -> Adapter | None:
    data = load_text(text, file)
    _check_keys(data, ADAPTER_KEYS, "adapter", problems)
    for key in ("system", "vendor", "key", "domain", "format", "files"):
        if key not in data:
            problems.append(f"{data.where()}: adapter: missing '{key}'")
    if problems and any(p.startswith(file) for p in problems):
        return None
    fmt_node = data["format"]
    _check_keys(fmt_node, FORMAT_KEYS, "format", problems)
    if fmt_node.get("kind") not in ("csv", "fixed", "xml", "jsonl", "xlsx"):
        problems.append(f"{fmt_node.where('kind')}: format kind must be csv, fixed, xml, jsonl or xlsx")
        return None
    _check_keys(data.get("values") or Located(), VALUE_KEYS, "values", problems)
    if not re.fullmatch(r"[a-z0-9]+", str(data["key"])):
        problems.append(f"{data.where('key')}: key must be lower-case letters and digits (the file-name prefix)")
    fmt = FileFormat(kind=fmt_node["kind"], encoding=fmt_node.get("encoding", "utf-8"),
                     delimiter=fmt_node.get("delimiter", ";"), quote=fmt_node.get("quote", '"'),
                     header=bool(fmt_node.get("header", fmt_node["kind"] != "fixed")))
    files = {}
    for name, spec in data["files"].items():
        adapted = _file(str(name), spec, data, fmt, model, problems)
        if adapted:
            files[str(name)] = adapted
    return Adapter(str(data["system"]), str(data["vendor"]), str(data["key"]), str(data["domain"]),
                   " ".join(str(data.get("description", "")).split()), files, file)


def load_adapter_texts(texts: dict[str, str], model: Model | None = None) -> dict[str, Adapter]:
    """Adapters by file-name key, from file name -> YAML text; raises with every problem found."""
    model = model or load_model()
    problems: list[str] = []
    adapters: dict[str, Adapter] = {}
    for file, text in sorted(texts.items()):
        adapter = parse_adapter(text, file, model, problems)
        if adapter is None:
            continue
        if adapter.key in adapters:
            problems.append(f"{file}: key '{adapter.key}' is already used by {adapters[adapter.key].file}")
        adapters[adapter.key] = adapter
    if problems:
        raise AdapterError("adapter definitions have problems:\n" + "\n".join(problems))
    return adapters


@lru_cache(maxsize=1)
def load_adapters() -> dict[str, Adapter]:
    """The adapters shipped with flis (``sources/adapters/*.yaml``), by file-name key."""
    folder = resources.files("flis.sources").joinpath("adapters")
    texts = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name.endswith(".yaml")}
    return load_adapter_texts(texts)
