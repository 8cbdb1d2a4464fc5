"""The catalogue of finding codes (``rules.yaml``): severity and meaning of every check.

Checks are declared as data in the canonical model (types, code lists, required values,
ranges, keys, references, the delivered municipality and period) and in the adapters
(formats, code lists, known renames); this catalogue gives each resulting finding its
severity, so a severity is changed in one place. ``docs/findings.md`` is generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import yaml

from flis.findings import Finding, Severity


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str
    explanation: str


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    text = resources.files("flis.ingest").joinpath("rules.yaml").read_text(encoding="utf-8")
    return {code: Rule(code, Severity[spec["severity"]], spec["title"], spec["explanation"])
            for code, spec in yaml.safe_load(text).items()}


def apply_rules(findings: list[Finding]) -> list[Finding]:
    """Give every finding the catalogue's severity (missing columns keep theirs: required or not)."""
    table = rules()
    out = []
    for f in findings:
        rule = table.get(f.code)
        if rule is None:
            raise KeyError(f"finding code {f.code!r} is not in ingest/rules.yaml")
        keep = f.code == "schema.missing_column"
        out.append(f if keep or f.severity == rule.severity else replace(f, severity=rule.severity))
    return out


def render_markdown() -> str:
    lines = ["# Findings", "",
             "Every check at ingest produces findings with a stable code. FATAL and ERROR reject the delivery "
             "(it stays archived with its findings); WARNING and INFO load it with the findings attached. "
             "Generated from `src/flis/ingest/rules.yaml` (`python -m flis.ingest.rules > docs/findings.md`).",
             "", "| code | severity | meaning | explanation |", "|---|---|---|---|"]
    for rule in rules().values():
        lines.append(f"| `{rule.code}` | {rule.severity.name} | {rule.title} | {rule.explanation} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
