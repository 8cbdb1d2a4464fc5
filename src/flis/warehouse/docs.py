"""Generate ``docs/data-model.md``: every canonical table and column with its meaning.

    python -m flis.warehouse.docs > docs/data-model.md
"""

from __future__ import annotations

from flis.warehouse.model import Model, load_model

INTRO = """# The canonical data model

Every delivery is mapped onto these shared cross-municipal definitions (the *canonical tables*). They are
declared in `src/flis/warehouse/definitions/*.yaml`; this page is generated from them
(`python -m flis.warehouse.docs > docs/data-model.md`) and a test keeps it in step.

## How to query

The warehouse is one DuckDB file, `FLIS_HOME/warehouse.duckdb`:

| schema | what it holds |
|---|---|
| `canonical.<domain>_<table>` | the rows of every accepted delivery, old and new |
| `current.<domain>_<table>` | the rows as known **now**: for each municipality, table and month only the latest accepted delivery |
| `as_of.<domain>_<table>(ts)` | the rows as they were known at time `ts` (a table macro): `SELECT * FROM as_of.schools_pupils(TIMESTAMP '2024-06-01')` |
| `registry.deliveries`, `registry.receipts`, `registry.findings` | what arrived, every arrival (duplicates too), and every finding |
| `registry.overview` | deliveries with their number of findings per severity and of arrivals |
| `releases.*` | the key-figure releases: values, group values, inputs, corrections ([compute.md](compute.md#releases)) |
| `scan_state.*` | what `flis compute` keeps between releases to add a month to a year's values without reading the year again ([compute.md](compute.md#releases)); safe to drop, the next compute builds it again |

A delivery is identified by its declaration (vendor, file, municipality, month) and its content: the same file
delivered twice is one delivery with two arrivals. A corrected re-delivery (other content, same municipality, table
and month) supersedes the earlier one for `current` from the time it was received; `as_of` an earlier time still
returns the earlier one. Rejected deliveries stay in the archive and the registry with their findings but add no
rows.

Every canonical table carries the row's lineage:

| column | meaning |
|---|---|
| `_delivery` | the delivery the row came in (`registry.deliveries.delivery_id`) |
| `_line` | the line of the delivered file the record starts on (XLSX: the sheet row) |
| `_municipality` | the delivering municipality |
| `_period` | the month the row describes (its first day) |

Types: text, integer, decimal (money as DECIMAL(18,2)), date, code (one of a code list below), municipality (one of
the 98 three-digit codes), flag (true/false).
"""


def render_markdown(model: Model | None = None) -> str:
    model = model or load_model()
    lines = [INTRO]
    for domain, title in sorted(model.domains.items()):
        lines += [f"## {title} (`{domain}`)", ""]
        for table in (t for t in model.tables.values() if t.domain == domain):
            lines += [f"### `{table.qualified}` — {table.title}", "", table.description, ""]
            facts = [f"Level: {table.level}", f"grain: {table.grain}"]
            if table.key:
                facts.append("key: " + ", ".join(f"`{k}`" for k in table.key))
            if table.attribution:
                facts.append(f"attributed to: {table.attribution}")
            lines += ["; ".join(facts) + ".", "", "| column | type | required | meaning |", "|---|---|---|---|"]
            for c in table.columns:
                kind = f"code ([{c.codelist}](#code-list-{c.codelist.replace('_', '-')}))" if c.codelist else c.type
                notes = [c.description.rstrip(".")]
                if c.min is not None or c.max is not None:
                    notes.append(f"range {c.min}–{c.max}")
                if c.references:
                    notes.append(f"refers to `{c.references}`")
                if c.in_period and "delivered month" not in c.description:
                    notes.append("must lie in the delivered month")
                if c.same_as_delivery:
                    notes.append("must be the delivering municipality")
                if c.money:
                    notes.append("DKK")
                lines.append(f"| `{c.name}` | {kind} | {'yes' if c.required else ''} | "
                             f"{'; '.join(n for n in notes if n)} |".replace(" | |", " | |"))
            lines.append("")
    lines += ["## Code lists", ""]
    for name, cl in sorted(model.codelists.items()):
        lines += [f"### Code list {name}", "", f"{cl.title}.", "", "| code | meaning |", "|---|---|"]
        lines += [f"| `{k}` | {v} |" for k, v in cl.values.items()]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
