"""Data quality: plausibility against the municipality's own history and its peers, unit errors,
cross-domain consistency, completeness of deliveries, and the findings workflow.

    from flis.quality import run_checks, store_findings
    report = run_checks(warehouse.con, home)              # reads the warehouse and the current release
    store_findings(open_state(), report.findings, report.run_id)
    report.incomplete                                     # (series, municipality, YYYY-MM) flagged incomplete

The rules and their parameters are in docs/quality.md; the finding codes in :mod:`flis.quality.codes`.
"""

from flis.quality.codes import CODES, COMPLETENESS, PLAUSIBILITY, FindingCode
from flis.quality.completeness import check_deliveries, incomplete_inputs
from flis.quality.finding import QualityFinding
from flis.quality.plausibility import DEFAULT, Thresholds, check_panel
from flis.quality.runner import CheckReport, run_checks
from flis.quality.workflow import (FindingClosed, FindingRecord, InvalidFilter,
                                   ReasonRequired, StoreResult, UnknownFinding, acknowledge, dismiss,
                                   get_finding, list_findings, store_findings)

__all__ = [
    "CODES", "COMPLETENESS", "PLAUSIBILITY", "FindingCode", "check_deliveries", "incomplete_inputs",
    "QualityFinding", "DEFAULT", "Thresholds", "check_panel", "CheckReport", "run_checks",
    "FindingClosed", "FindingRecord", "InvalidFilter", "ReasonRequired", "StoreResult", "UnknownFinding",
    "acknowledge", "dismiss", "get_finding", "list_findings", "store_findings",
]
