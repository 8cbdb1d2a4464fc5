"""Generate ``docs/synthetic-sources.md`` from the vendor declarations.

The page is what an adapter author reads: for every domain, its datasets, and for
every fictional vendor its format, encoding, conventions and field-by-field layout
with code lists. A test compares the committed page with this output, so the
documentation cannot drift from what the generator writes. Regenerate with::

    python -m flis.synth.docs > docs/synthetic-sources.md
"""

from __future__ import annotations

from flis.synth.domains import DOMAINS
from flis.synth.formats.layout import FIRST_RECORD_LINE
from flis.synth.vendor import Field, FileSpec, Vendor

FORMAT_NAMES = {"csv": "delimited text (CSV)", "fixed": "fixed-width text", "xml": "XML", "jsonl": "JSON lines",
                "xlsx": "Excel workbook (XLSX)"}

INTRO = """# Synthetic source systems

Real municipal records are personal data, so flis ships a generator (`flis synth`) that writes what the
municipalities' vendor systems would deliver, for every municipality and month, calibrated to the real
population (see `flis reference municipalities`). Each domain has two fictional vendors that compete for the
municipalities, with different formats, names and code lists, exactly the situation a real adapter author meets.
This page is generated from the vendor declarations in `src/flis/synth/vendors/` (regenerate with
`python -m flis.synth.docs > docs/synthetic-sources.md`); a test keeps it in step.

## Delivery layout

```
OUT/manifest.json      the options used and every injected fault (kind, file, records, lines, field)
OUT/deliveries.csv     one row per delivered file: municipality, domain, vendor, system, dataset, period,
                       sequence, format, encoding, records, bytes, sha256, delivered_at
OUT/deliveries/<municipality>/<domain>/<vendor>_<file>_<municipality>_<YYYYMM>[_<n>].<ext>
```

The file name is the delivery's declaration: vendor, file (dataset), municipality code and period. A sequence
number `_2` marks a second delivery for the same municipality, file and period: a corrected re-delivery (which
supersedes the first) or an identical duplicate. Each municipality buys one vendor per domain (fixed for a
seed); `manifest.json` lists which (`vendors`).

Conventions common to all vendors:

- Dates are calendar dates in the vendor's date format (`%Y-%m-%d` style patterns below); XLSX files hold real
  Excel dates. An empty field (or a missing XML element / JSON `null`) means "no value", e.g. an open spell.
- Municipality codes are the three-digit codes of Statistics Denmark (101 København), some vendors zero-pad to four.
- Person ids are pseudonyms (`P` + 9 characters; employees `E` + 9); they link records of the same municipality.
- In the text formats each record is one physical line, so a record's line number is fixed: CSV with a header
  starts at line {csv}, fixed-width at line {fixed}, XML at line {xml} (after the declaration and the root element,
  which carries `kommunekode`, `periode` and `leverandoer`), JSON lines at line {jsonl}; in XLSX the first record is
  sheet row {xlsx}.

## Injected faults

`flis synth --faults RATE` damages a share of the files the way real deliveries get damaged and lists each fault in
`manifest.json` with the layer expected to notice it (`detect`): `ingest` (validation must report it),
`tolerated` (known vendor drift ingest must accept), `plausibility` (valid but implausible), `completeness`
(missing or late). Kinds: `doubled_count` (every record twice, copies re-keyed: the 4,000-vs-2,000 pupils case),
`unit_error` (amounts in thousands of kroner), `invalid_code`, `invalid_date`, `unknown_municipality` (code 999),
`duplicate_rows`, `column_order` (tolerated), `renamed_column` (tolerated when the vendor announced the alias,
otherwise an error), `wrong_encoding`, `truncated`, `missing_month`, `duplicated_delivery` (identical file sent
twice), `late_delivery`. About half of the damaged deliveries are followed by a corrected re-delivery
(`corrected_by`). `--faults none` gives clean data.
""".format(**FIRST_RECORD_LINE)


def _field_row(vendor: Vendor, f: Field) -> str:
    kind = f.kind
    if f.kind == "decimal":
        kind = f"decimal ({f.decimals} places)"
    if f.kind == "date":
        kind = "date" if vendor.format == "xlsx" else f"date `{f.date_format or vendor.date_format}`"
    if f.pad:
        kind += f", zero-padded to {f.pad}"
    if f.thousands:
        kind += f", thousands separator `{f.thousands}`"
    width = f" | {f.width}" if vendor.format == "fixed" else ""
    codes = ""
    if f.codes and f.kind in ("code", "flag"):
        pairs = [f"`{v}` {k}" for k, v in f.codes.items()]
        codes = ", ".join(pairs) if len(pairs) <= 12 else ", ".join(pairs[:12]) + f", … ({len(pairs)} codes)"
    notes = "; ".join(x for x in (f.description, codes, "money" if f.money else "") if x)
    return f"| `{f.name}` | {f.source} | {kind}{width} | {notes} |"


def _file_section(vendor: Vendor, spec: FileSpec) -> list[str]:
    name = vendor.file_name(spec, 101, "2024-01")
    lines = [f"#### `{spec.name}` → dataset `{spec.dataset}`", ""]
    if spec.description:
        lines += [spec.description, ""]
    lines.append(f"Example file name: `{name}`" + (f"; root element `<{spec.root}>`, one `<{spec.record}>` per record."
                                                    if vendor.format == "xml" else "."))
    lines.append("")
    head = "| field | canonical | type | width | notes |" if vendor.format == "fixed" else \
        "| field | canonical | type | notes |"
    lines += [head, "|" + "---|" * (head.count("|") - 1)]
    lines += [_field_row(vendor, f) for f in spec.fields]
    lines.append("")
    return lines


def _vendor_section(vendor: Vendor) -> list[str]:
    conventions = [f"format: {FORMAT_NAMES[vendor.format]}", f"encoding: {vendor.encoding}"]
    if vendor.format == "csv":
        conventions += [f"delimiter `{vendor.delimiter}`",
                        f"decimal mark `{vendor.decimal_mark}`" if vendor.decimal_mark else "implied decimals",
                        "header line" if vendor.header else "no header",
                        "CRLF line ends" if vendor.newline == "\r\n" else "LF line ends"]
    if vendor.format == "fixed":
        mark = f"decimal mark `{vendor.decimal_mark}`" if vendor.decimal_mark else "amounts with implied decimals"
        conventions += [mark, "no header",
                        "CRLF line ends" if vendor.newline == "\r\n" else "LF line ends",
                        "text left-aligned and numbers right-aligned, padded with spaces"]
    if vendor.format != "xlsx":
        conventions.append(f"dates `{vendor.date_format}`")
    lines = [f"### {vendor.name} (`{vendor.key}`, system `{vendor.system}`)", "", vendor.description, "",
             "Conventions: " + "; ".join(conventions) + ".", ""]
    if vendor.aliases:
        lines += ["Announced renames for the next upgrade (ingest must accept either name): "
                  + ", ".join(f"`{a}` → `{b}`" for a, b in vendor.aliases.items()) + ".", ""]
    for spec in vendor.files:
        lines += _file_section(vendor, spec)
    return lines


def render_markdown() -> str:
    lines = [INTRO]
    for domain in DOMAINS:
        lines += [f"## {domain.title} (`{domain.name}`)", "", "| dataset | level | meaning |", "|---|---|---|"]
        lines += [f"| `{d.name}` | {d.level} | {d.description} |" for d in domain.datasets]
        lines.append("")
        for vendor in domain.vendors:
            lines += _vendor_section(vendor)
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
