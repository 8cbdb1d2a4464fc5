"""The monthly quality report of one municipality: what arrived, what was rejected and why, what is missing,
the quality findings of the month and the corrections in force — for the data steward and their manager.

    report = build_report(warehouse.con, store, 101, "2025-03")
    print(to_markdown(report, "da"))          # or to_json(report); report.to_dict()

Everything is read, nothing is changed: the arrivals from the delivery registry
(:func:`flis.warehouse.deliveries.list_deliveries`, :func:`~flis.warehouse.deliveries.find_delivery`), the due
date and the missing source systems from :mod:`flis.quality.completeness`, the findings from the findings
workflow and the corrections in force from the corrections layer (:mod:`flis.corrections`).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import duckdb

from flis import reference
from flis.access.store import StateStore
from flis.corrections.store import CorrectionRecord, list_corrections
from flis.periods import Period
from flis.quality.completeness import check_deliveries, due
from flis.quality.finding import QualityFinding, number
from flis.quality.models import FindingStatus
from flis.quality.workflow import FindingRecord, list_findings
from flis.warehouse.deliveries import find_delivery, list_deliveries

LANGUAGES = ("da", "en")
OPEN = (FindingStatus.OPEN.value, FindingStatus.ACKNOWLEDGED.value)
UNKNOWN_SYSTEM = "–"
LINE_COLUMNS = ["section", "id", "system", "subject", "status", "severity", "code", "rows", "received_at",
                "late", "message", "reason"]
"""The report as one flat table (CSV, XLSX): one line per file, rejection reason, missing system, finding
and correction, told apart by ``section``."""


@dataclass(frozen=True)
class ArrivedFile:
    delivery_id: str
    file_name: str
    table_name: str | None
    status: str
    """``loaded`` or ``rejected``."""
    records: int | None
    rows_loaded: int | None
    received_at: dt.datetime
    late: bool
    """This file arrived after the due date (a corrected re-delivery usually does)."""


@dataclass(frozen=True)
class SystemArrivals:
    """One source system's files for the month."""

    system: str
    domain: str | None
    files: tuple[ArrivedFile, ...]
    late: bool
    """The system's first file for the month arrived after the due date (as ``quality.late_delivery``)."""

    @property
    def loaded(self) -> int:
        return sum(f.status == "loaded" for f in self.files)

    @property
    def rejected(self) -> int:
        return sum(f.status == "rejected" for f in self.files)

    @property
    def rows(self) -> int:
        return sum(f.rows_loaded or 0 for f in self.files if f.status == "loaded")

    @property
    def first_arrival(self) -> dt.datetime:
        return min(f.received_at for f in self.files)


@dataclass(frozen=True)
class Reason:
    """One ingest finding of a rejected delivery, in ingest's words."""

    severity: str
    code: str
    message: str
    where: str
    expected: str | None
    count: int


@dataclass(frozen=True)
class Rejection:
    delivery_id: str
    file_name: str
    system: str
    table_name: str | None
    received_at: dt.datetime
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class MissingSystem:
    system: str
    domain: str
    delivered_months: int
    months: int


@dataclass(frozen=True)
class QualityReport:
    municipality: int
    name: str
    period: str
    due: dt.date
    """The last day a delivery for the month is on time."""
    generated_at: dt.datetime
    arrivals: tuple[SystemArrivals, ...]
    rejections: tuple[Rejection, ...]
    missing: tuple[MissingSystem, ...]
    findings: tuple[FindingRecord, ...]
    """Open and acknowledged first, then dismissed and corrected."""
    corrections: tuple[CorrectionRecord, ...]
    """The corrections in force for the municipality and month, newest first."""

    @property
    def not_yet_due(self) -> bool:
        """Before the due date nothing can be missing yet."""
        return self.generated_at.date() <= self.due

    def to_dict(self) -> dict[str, object]:
        return {
            "municipality": self.municipality, "name": self.name, "period": self.period,
            "due": self.due.isoformat(), "generated_at": _iso(self.generated_at),
            "not_yet_due": self.not_yet_due,
            "arrivals": [{"system": s.system, "domain": s.domain, "loaded": s.loaded, "rejected": s.rejected,
                          "rows": s.rows, "first_arrival": _iso(s.first_arrival), "late": s.late,
                          "files": [_plain(vars(f)) for f in s.files]} for s in self.arrivals],
            "rejections": [{**_plain({k: v for k, v in vars(r).items() if k != "reasons"}),
                            "reasons": [vars(x) for x in r.reasons]} for r in self.rejections],
            "missing": [vars(m) for m in self.missing],
            "findings": [f.to_dict() for f in self.findings],
            "corrections": [c.to_dict() for c in self.corrections],
        }


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _plain(record: dict) -> dict:
    return {k: _iso(v) if isinstance(v, (dt.date, dt.datetime)) else v for k, v in record.items()}


# -- building ---------------------------------------------------------------------------------------------

def build_report(con: duckdb.DuckDBPyConnection, store: StateStore, municipality: int, period: Period | str,
                 now: dt.datetime | None = None) -> QualityReport:
    """The report of ``municipality`` for the month ``period``; ``now`` (naive UTC, default the store's clock)
    decides whether the due date has passed, as in :func:`flis.quality.completeness.check_deliveries`."""
    month = Period.parse(period)
    now = now or store.now().astimezone(dt.timezone.utc).replace(tzinfo=None)
    deadline = due(month)
    arrivals = _arrivals(con, municipality, month, deadline)
    rejections = tuple(_rejection(con, f, s.system) for s in arrivals for f in s.files
                       if f.status == "rejected")
    missing = tuple(_missing(f) for f in check_deliveries(con, now) if f.code == "quality.missing_delivery"
                    and f.municipality == municipality and f.period == str(month))
    findings, _ = list_findings(store, municipality=municipality, period=month, limit=None)
    findings = sorted(findings, key=lambda f: f.status not in OPEN)  # stable: the workflow's order within
    corrections = list_corrections(store, municipality=municipality, period=month)
    return QualityReport(municipality, reference.municipality(municipality).name, str(month),
                         (deadline - dt.timedelta(days=1)).date(), now, arrivals, rejections, missing,
                         tuple(findings), tuple(corrections))


def _arrivals(con: duckdb.DuckDBPyConnection, municipality: int, month: Period, deadline: dt.datetime
              ) -> tuple[SystemArrivals, ...]:
    rows, _ = list_deliveries(con, municipality=municipality, period=str(month), limit=1_000_000)
    by_system: dict[str, list[dict]] = {}
    for row in rows:
        by_system.setdefault(row["system"] or UNKNOWN_SYSTEM, []).append(row)
    out = []
    for system, group in by_system.items():
        files = tuple(ArrivedFile(r["delivery_id"], r["file_name"], r["table_name"], r["status"],
                                  r["records"], r["rows_loaded"], r["received_at"],
                                  late=r["received_at"] > deadline)
                      for r in sorted(group, key=lambda r: (r["received_at"], r["file_name"])))
        late = min(f.received_at for f in files) > deadline
        out.append(SystemArrivals(system, group[0]["domain"], files, late))
    return tuple(sorted(out, key=lambda s: (s.domain or "", s.system)))


def _missing(finding: QualityFinding) -> MissingSystem:
    """A ``quality.missing_delivery`` finding (subject ``domain/system``) as a missing source system."""
    domain, system = finding.subject.split("/", 1)
    values = finding.values
    return MissingSystem(system, domain, int(values["delivered_months"]), int(values["months"]))


def _rejection(con: duckdb.DuckDBPyConnection, file: ArrivedFile, system: str) -> Rejection:
    info = find_delivery(con, file.delivery_id)
    reasons = tuple(Reason(f["severity"], f["code"], f["message"], _where(f), f["expected"], int(f["count"]))
                    for f in info["findings"])
    return Rejection(file.delivery_id, file.file_name, system, file.table_name, file.received_at, reasons)


def _where(finding: dict) -> str:
    parts = [finding["file"]] if finding["file"] else []
    if finding["line"] is not None:
        parts.append(f"line {finding['line']}")
    if finding["field"]:
        parts.append(f"field '{finding['field']}'")
    if finding["value"]:
        parts.append(f"value '{finding['value']}'")
    return ", ".join(parts)


# -- rendering --------------------------------------------------------------------------------------------

TEXTS = {
    "en": {
        "title": "Quality report: {name} ({code}), {period}",
        "generated": "Generated {at} UTC. Deliveries for {period} were due by {due}.",
        "not_yet_due": "The due date has not passed yet: a source system that has not delivered is not "
                       "missing yet.",
        "arrived": "What arrived", "nothing_arrived": "Nothing arrived for the month.",
        "arrivals_head": ["Source system", "Area", "Files loaded", "Files rejected", "Rows loaded",
                          "First arrival", "On time"],
        "files": "Files", "files_head": ["File", "Table", "Status", "Rows loaded", "Received", "On time"],
        "yes": "yes", "no": "no", "loaded": "loaded", "rejected": "rejected",
        "rejections": "Rejected deliveries", "no_rejections": "No delivery for the month was rejected.",
        "rejection": "{file} ({system}, {table}), received {at}",
        "expected": "expected: {expected}", "times": "{n} times",
        "missing": "Missing source systems",
        "no_missing": "Every source system the municipality delivers from delivered for the month.",
        "missing_line": "{system} ({domain}): nothing arrived; delivered in {delivered} of {months} months.",
        "findings": "Quality findings", "no_findings": "No quality findings for the month.",
        "findings_head": ["Id", "Status", "Severity", "What was found", "Code", "Answer"],
        "corrections": "Corrections in force", "no_corrections": "No corrections are in force for the month.",
        "corrections_head": ["Id", "Target", "Correction", "Reason", "By", "Finding"],
        "corrected_to": "{old} corrected to {new}", "set_to": "line(s) {lines}: {column} set to {new}",
        "left_out": "line(s) {lines} left out",
        "ingest_language": "Ingest's messages are in English.",
        "status": {"open": "open", "acknowledged": "acknowledged", "dismissed": "dismissed",
                   "corrected": "corrected"},
        "severity": {"FATAL": "Rejecting", "ERROR": "Error", "WARNING": "Warning", "INFO": "Information"},
    },
    "da": {
        "title": "Kvalitetsrapport: {name} ({code}), {period}",
        "generated": "Dannet {at} UTC. Leverancer for {period} skulle være modtaget senest {due}.",
        "not_yet_due": "Fristen er ikke overskredet endnu: et kildesystem, der ikke har leveret, mangler "
                       "ikke endnu.",
        "arrived": "Hvad er modtaget", "nothing_arrived": "Intet er modtaget for måneden.",
        "arrivals_head": ["Kildesystem", "Område", "Filer indlæst", "Filer afvist", "Rækker indlæst",
                          "Først modtaget", "Til tiden"],
        "files": "Filer", "files_head": ["Fil", "Tabel", "Status", "Rækker indlæst", "Modtaget", "Til tiden"],
        "yes": "ja", "no": "nej", "loaded": "indlæst", "rejected": "afvist",
        "rejections": "Afviste leverancer", "no_rejections": "Ingen leverance for måneden blev afvist.",
        "rejection": "{file} ({system}, {table}), modtaget {at}",
        "expected": "forventet: {expected}", "times": "{n} gange",
        "missing": "Manglende kildesystemer",
        "no_missing": "Alle kildesystemer, kommunen leverer fra, har leveret for måneden.",
        "missing_line": "{system} ({domain}): intet modtaget; leveret i {delivered} af {months} måneder.",
        "findings": "Kvalitetsfund", "no_findings": "Ingen kvalitetsfund for måneden.",
        "findings_head": ["Id", "Status", "Alvor", "Hvad er fundet", "Kode", "Svar"],
        "corrections": "Gældende rettelser", "no_corrections": "Ingen rettelser gælder for måneden.",
        "corrections_head": ["Id", "Rettet", "Rettelse", "Begrundelse", "Af", "Fund"],
        "corrected_to": "{old} rettet til {new}", "set_to": "linje {lines}: {column} sat til {new}",
        "left_out": "linje {lines} udeladt",
        "ingest_language": "Indlæsningens beskeder er på engelsk.",
        "status": {"open": "åben", "acknowledged": "kvitteret", "dismissed": "afvist", "corrected": "rettet"},
        "severity": {"FATAL": "Afvisende", "ERROR": "Fejl", "WARNING": "Advarsel", "INFO": "Information"},
    },
}


class _Writer:
    """Markdown in one language: headings, paragraphs, tables with the language's number notation."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGUAGES else "en"
        self.tx = TEXTS[self.lang]
        self.lines: list[str] = []

    def n(self, value: float | None) -> str | None:
        return None if value is None else number(value, 0, self.lang)

    def on_time(self, late: bool) -> str:
        return self.tx["no"] if late else self.tx["yes"]

    def heading(self, level: int, text: str) -> None:
        self.lines += ["#" * level + " " + text, ""]

    def para(self, text: str) -> None:
        self.lines += [text, ""]

    def bullets(self, items: list[str]) -> None:
        self.lines += [f"- {item}" for item in items] + [""]

    def table(self, head: list[str], rows: list[list[object]], right: frozenset[int] = frozenset()) -> None:
        self.lines += ["| " + " | ".join(head) + " |",
                       "|" + "|".join("---:" if i in right else "---" for i in range(len(head))) + "|"]
        self.lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows] + [""]

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


def _cell(value: object) -> str:
    """A Markdown table cell: no line breaks, pipes escaped, an en dash for nothing."""
    text = "–" if value is None or value == "" else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _time(value: dt.datetime) -> str:
    return f"{value:%Y-%m-%d %H:%M}"


def to_markdown(report: QualityReport, lang: str = "en") -> str:
    """The report as Markdown in Danish (``da``) or English (``en``)."""
    w = _Writer(lang)
    w.heading(1, w.tx["title"].format(name=report.name, code=report.municipality, period=report.period))
    w.para(w.tx["generated"].format(at=_time(report.generated_at), period=report.period, due=report.due))
    for section in (_md_arrivals, _md_rejections, _md_missing, _md_findings, _md_corrections):
        section(w, report)
    return w.text()


def _md_arrivals(w: _Writer, report: QualityReport) -> None:
    w.heading(2, w.tx["arrived"])
    if not report.arrivals:
        w.para(w.tx["nothing_arrived"])
        return
    w.table(w.tx["arrivals_head"], [[s.system, s.domain, w.n(s.loaded), w.n(s.rejected), w.n(s.rows),
                                     _time(s.first_arrival), w.on_time(s.late)] for s in report.arrivals],
            right=frozenset({2, 3, 4}))
    w.heading(3, w.tx["files"])
    w.table(w.tx["files_head"], [[f.file_name, f.table_name, w.tx.get(f.status, f.status), w.n(f.rows_loaded),
                                  _time(f.received_at), w.on_time(f.late)]
                                 for s in report.arrivals for f in s.files], right=frozenset({3}))


def _md_rejections(w: _Writer, report: QualityReport) -> None:
    w.heading(2, w.tx["rejections"])
    if not report.rejections:
        w.para(w.tx["no_rejections"])
        return
    if w.lang != "en":
        w.para(w.tx["ingest_language"])
    for r in report.rejections:
        w.heading(3, w.tx["rejection"].format(file=r.file_name, system=r.system, table=r.table_name or "–",
                                              at=_time(r.received_at)))
        w.bullets([_md_reason(w, x) for x in r.reasons])


def _md_reason(w: _Writer, reason: Reason) -> str:
    extra = [reason.where] if reason.where else []
    if reason.expected:
        extra.append(w.tx["expected"].format(expected=reason.expected))
    if reason.count > 1:
        extra.append(w.tx["times"].format(n=w.n(reason.count)))
    detail = f" ({'; '.join(extra)})" if extra else ""
    severity = w.tx["severity"].get(reason.severity, reason.severity)
    return f"**{severity}** `{reason.code}`: {reason.message}{detail}"


def _md_missing(w: _Writer, report: QualityReport) -> None:
    w.heading(2, w.tx["missing"])
    if report.missing:
        w.bullets([w.tx["missing_line"].format(system=m.system, domain=m.domain,
                                               delivered=w.n(m.delivered_months), months=w.n(m.months))
                   for m in report.missing])
    else:
        w.para(w.tx["not_yet_due"] if report.not_yet_due else w.tx["no_missing"])


def _md_findings(w: _Writer, report: QualityReport) -> None:
    w.heading(2, w.tx["findings"])
    if not report.findings:
        w.para(w.tx["no_findings"])
        return
    w.table(w.tx["findings_head"], [[f.id, w.tx["status"].get(f.status, f.status),
                                     w.tx["severity"].get(f.severity, f.severity), _message(f, w.lang),
                                     f"`{f.code}`", f.reason] for f in report.findings])


def _md_corrections(w: _Writer, report: QualityReport) -> None:
    w.heading(2, w.tx["corrections"])
    if not report.corrections:
        w.para(w.tx["no_corrections"])
        return
    w.table(w.tx["corrections_head"], [[c.id, c.target, correction_text(c, w.lang), c.reason, c.author,
                                        c.finding_id] for c in report.corrections])


def _message(finding: FindingRecord, lang: str) -> str:
    return finding.message_da if lang == "da" else finding.message_en


def correction_text(correction: CorrectionRecord, lang: str = "en") -> str:
    """What a correction does, in Danish or English: a corrected value, or rows set or left out."""
    tx = TEXTS[lang if lang in LANGUAGES else "en"]
    if correction.kind == "aggregate":
        return tx["corrected_to"].format(old=_value(correction.old_value, lang),
                                         new=_value(correction.new_value, lang))
    shown = correction.lines or []
    lines = ", ".join(str(x) for x in shown[:10]) + (" …" if len(shown) > 10 else "")
    if correction.action == "exclude":
        return tx["left_out"].format(lines=lines)
    return tx["set_to"].format(lines=lines, column=correction.column, new=correction.new_value)


def _value(x: object, lang: str) -> str:
    """A corrected value exactly as stored (up to 6 decimals), in the language's notation."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return str(x)
    text = f"{x:,.6f}".rstrip("0").rstrip(".")
    return text.translate(str.maketrans(",.", ".,")) if lang == "da" else text


def to_json(report: QualityReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


def to_lines(report: QualityReport, lang: str = "en") -> list[dict[str, object]]:
    """The report as one flat table (:data:`LINE_COLUMNS`) for CSV and XLSX."""
    lang = lang if lang in LANGUAGES else "en"
    tx = TEXTS[lang]
    out: list[dict[str, object]] = []
    for s in report.arrivals:
        out += [dict(section="delivery", id=f.delivery_id, system=s.system, subject=f.table_name,
                     status=f.status, rows=f.rows_loaded, received_at=f.received_at, late=f.late,
                     message=f.file_name) for f in s.files]
    for r in report.rejections:
        out += [dict(section="rejection", id=r.delivery_id, system=r.system, subject=r.table_name,
                     status="rejected", severity=x.severity, code=x.code, rows=x.count,
                     received_at=r.received_at,
                     message=f"{x.message} ({x.where})" if x.where else x.message) for x in r.reasons]
    out += [dict(section="missing", system=m.system, subject=m.domain, status="missing",
                 code="quality.missing_delivery",
                 message=tx["missing_line"].format(system=m.system, domain=m.domain,
                                                   delivered=m.delivered_months, months=m.months))
            for m in report.missing]
    out += [dict(section="finding", id=f.id, subject=f.subject, status=f.status, severity=f.severity,
                 code=f.code, message=_message(f, lang), reason=f.reason)
            for f in report.findings]
    out += [dict(section="correction", id=c.id, subject=c.target, status=c.status, code=c.kind,
                 message=correction_text(c, lang), reason=c.reason) for c in report.corrections]
    return [{c: row.get(c) for c in LINE_COLUMNS} for row in out]
