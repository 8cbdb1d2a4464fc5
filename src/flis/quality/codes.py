"""The finding codes of the quality checks: stable data, documented in docs/quality.md.

These are not error classes: a finding is a statement about delivered data for a data steward to
answer, not a failure of flis. A test checks that docs/quality.md lists every code with its severity.
"""

from __future__ import annotations

from dataclasses import dataclass

from flis.findings import Severity


@dataclass(frozen=True)
class FindingCode:
    code: str
    severity: Severity
    title: str
    meaning: str


CODES: dict[str, FindingCode] = {c.code: c for c in (
    FindingCode("quality.history_outlier", Severity.WARNING, "Far from its own history",
                "A volume (rows, amounts, hours) or a key-figure input is far from the municipality's own "
                "earlier months: robust z at least 5 against the median of the reference months."),
    FindingCode("quality.accumulation", Severity.INFO, "Jump from the last period",
                "The value is more than 1.5 times (or less than 1/1.5 of) the last accepted value, beyond "
                "what all municipalities did that month and beyond counting noise."),
    FindingCode("quality.peer_outlier", Severity.WARNING, "Changed unlike the other municipalities",
                "The period-to-period ratio is an outlier among the municipalities (Hidiroglou–Berthelot)."),
    FindingCode("quality.unit_error", Severity.WARNING, "Amounts off by a factor of about 1,000",
                "Money amounts are 500-2,000 times smaller (or larger) than expected: thousands of kroner "
                "delivered as kroner, or the reverse."),
    FindingCode("quality.repeated_records", Severity.WARNING, "Records repeated under new ids",
                "Nearly every record of the delivery repeats another record's content under a different id, "
                "as when a file holds every record twice."),
    FindingCode("quality.cross_domain", Severity.WARNING, "Inconsistent with another domain",
                "Two domains that describe the same people disagree: pupils against 6-16-year-old residents, "
                "payroll FTE against ledger salary postings on a function."),
    FindingCode("quality.figure_outlier", Severity.INFO, "Key-figure input far from history or peers",
                "A key figure's numerator or denominator is a history or peer outlier that no table-level "
                "finding of the same municipality and month explains."),
    FindingCode("quality.missing_delivery", Severity.WARNING, "Delivery missing",
                "A source system the municipality delivers in other months delivered nothing for this month, "
                "and the due date has passed."),
    FindingCode("quality.late_delivery", Severity.INFO, "Delivery late",
                "The first file from the source system for the month arrived after the due date (the 15th of "
                "the following month)."),
)}

PLAUSIBILITY = ("quality.history_outlier", "quality.accumulation", "quality.peer_outlier",
                "quality.unit_error", "quality.repeated_records", "quality.cross_domain",
                "quality.figure_outlier")
COMPLETENESS = ("quality.missing_delivery", "quality.late_delivery")


def severity(code: str) -> Severity:
    return CODES[code].severity
