"""The delivery matrix on a hand-made registry: delivered, rejected, missing and late months."""

from __future__ import annotations

import datetime as dt

import pytest

from flis.periods import Period
from flis.warehouse.store import Warehouse
from flis.web.matrix import STATUSES, deadline, delivery_matrix

JAN, FEB, MAR, APR = (Period(2024, m) for m in (1, 2, 3, 4))
MONTHS = [JAN, FEB, MAR, APR]


def deliver(con, delivery_id: str, system: str, domain: str, table: str, period: Period, received: str,
            status: str = "loaded", municipality: int = 101) -> None:
    con.execute("INSERT INTO registry.deliveries VALUES (?, ?, 0, ?, ?, 'vendor', ?, ?, 'file', ?, ?, 1, ?, "
                "?, 1, ?)", [delivery_id, delivery_id, f"{delivery_id}.csv", system, domain, table, municipality,
                          period.first_day, dt.datetime.fromisoformat(received), status,
                          1 if status == "loaded" else 0])


def finding(con, delivery_id: str, severity: str, count: int) -> None:
    con.execute("INSERT INTO registry.findings VALUES (?, 'some.code', ?, NULL, NULL, NULL, NULL, NULL, 'm', "
                "?, 'delivery')", [delivery_id, severity, count])


@pytest.fixture
def registry(tmp_path, flis_home):
    wh = Warehouse(tmp_path / "warehouse.duckdb")
    con = wh.con
    # Schools: January on time (and corrected after the deadline), February only rejected, March nothing,
    # April rejected once and then accepted a day after the deadline.
    deliver(con, "s-jan", "skole-skolesys", "schools", "schools.pupils", JAN, "2024-02-05 08:00")
    deliver(con, "s-jan-fix", "skole-skolesys", "schools", "schools.pupils", JAN, "2024-03-01 09:00")
    finding(con, "s-jan", "WARNING", 2)
    finding(con, "s-jan", "INFO", 5)  # not counted
    deliver(con, "s-feb", "skole-skolesys", "schools", "schools.pupils", FEB, "2024-03-04 10:00", "rejected")
    finding(con, "s-feb", "ERROR", 3)
    deliver(con, "s-apr-bad", "skole-skolesys", "schools", "schools.pupils", APR, "2024-05-02 10:00",
            "rejected")
    finding(con, "s-apr-bad", "FATAL", 1)
    deliver(con, "s-apr", "skole-skolesys", "schools", "schools.pupils", APR, "2024-05-11 00:00:01")
    # Elderly care: only March, at the last minute of the deadline day.
    deliver(con, "e-mar", "eoj-plejedata", "elderly", "elderly.services", MAR, "2024-04-10 23:59:59")
    # Day care: two files in January, the second one late; so the month is late.
    deliver(con, "d-jan-1", "dagtilbud-dtpro", "daycare", "daycare.children", JAN, "2024-02-01 12:00")
    deliver(con, "d-jan-2", "dagtilbud-dtpro", "daycare", "daycare.institutions", JAN, "2024-02-12 12:00")
    # Not in the matrix: another municipality, a month outside the window, a delivery with no known system.
    deliver(con, "other", "skole-skolesys", "schools", "schools.pupils", MAR, "2024-04-01", municipality=147)
    deliver(con, "old", "cpr-bsx", "citizens", "citizens.persons", Period(2023, 12), "2024-01-05")
    con.execute("INSERT INTO registry.deliveries VALUES ('nameless', 'x', 0, 'x.csv', NULL, NULL, NULL, "
                "NULL, NULL, 101, ?, 1, ?, 'rejected', NULL, 0)", [MAR.first_day, dt.datetime(2024, 4, 2)])
    yield con
    wh.close()


def test_deadline_is_the_end_of_the_tenth_of_the_next_month():
    assert deadline(MAR) == dt.datetime(2024, 4, 11)
    assert deadline(Period(2024, 12)) == dt.datetime(2025, 1, 11)


def test_systems_are_those_delivered_in_the_window_ordered_by_domain(registry):
    matrix = delivery_matrix(registry, 101, MONTHS)
    assert matrix.systems == ["dagtilbud-dtpro", "eoj-plejedata", "skole-skolesys"]
    assert matrix.domains == {"dagtilbud-dtpro": "daycare", "eoj-plejedata": "elderly",
                              "skole-skolesys": "schools"}
    assert matrix.months == MONTHS
    assert len(matrix.cells) == 12


def test_delivered_rejected_missing_late(registry):
    cells = delivery_matrix(registry, 101, MONTHS).cells
    school = {m: cells[("skole-skolesys", m)] for m in MONTHS}
    assert [school[m].status for m in MONTHS] == ["delivered", "rejected", "missing", "late"]
    assert school[JAN].delivery_ids == ["s-jan", "s-jan-fix"] and school[JAN].findings == 2
    assert school[FEB].delivery_ids == ["s-feb"] and school[FEB].findings == 3
    assert school[MAR].delivery_ids == [] and school[MAR].findings == 0
    assert school[APR].delivery_ids == ["s-apr-bad", "s-apr"] and school[APR].findings == 1
    assert school[JAN].label_en == "Delivered: 1 file received 2024-02-05, 2 findings"
    assert school[JAN].label_da == "Leveret: 1 fil modtaget 05.02.2024, 2 fund"
    assert school[FEB].label_en == "Rejected: 1 rejected, 3 findings"
    assert school[MAR].label_da == "Mangler: ingen levering"
    assert school[APR].label_en == "Late: received 2024-05-11, due 2024-05-10, 1 rejected, 1 finding"
    assert school[APR].label_da == "Forsinket: modtaget 11.05.2024, frist 10.05.2024, 1 afvist, 1 fund"


def test_on_the_deadline_day_is_in_time_and_every_file_counts(registry):
    cells = delivery_matrix(registry, 101, MONTHS).cells
    elderly = [cells[("eoj-plejedata", m)].status for m in MONTHS]
    assert elderly == ["missing", "missing", "delivered", "missing"]
    assert cells[("dagtilbud-dtpro", JAN)].status == "late"
    assert cells[("dagtilbud-dtpro", JAN)].delivery_ids == ["d-jan-1", "d-jan-2"]
    assert cells[("dagtilbud-dtpro", JAN)].label_en == "Late: received 2024-02-12, due 2024-02-10"


def test_counts_and_months_in_the_order_asked(registry):
    matrix = delivery_matrix(registry, 101, [APR, JAN])
    assert matrix.months == [APR, JAN]
    assert matrix.systems == ["dagtilbud-dtpro", "skole-skolesys"]  # elderly care delivered only in March
    # day care: April missing, January late; schools: April late, January delivered
    assert {s: matrix.count(s) for s in STATUSES} == {"delivered": 1, "late": 2, "rejected": 0, "missing": 1}
    assert delivery_matrix(registry, 101, [MAR]).systems == ["eoj-plejedata"]


def test_a_municipality_without_deliveries_has_an_empty_matrix(registry):
    matrix = delivery_matrix(registry, 825, MONTHS)
    assert (matrix.systems, matrix.cells) == ([], {})
    assert delivery_matrix(registry, 101, []).systems == []
