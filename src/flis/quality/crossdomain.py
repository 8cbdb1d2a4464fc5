"""Cross-domain consistency: two source systems that describe the same people must roughly agree.

* **Pupils against children.** Pupils in the municipality's own schools (``schools.pupils`` delivered by
  the municipality) per resident aged 6-16 on the first day of the month (``citizens.residents``). The
  ratio varies between municipalities (private and free schools take 10-25 %), so it is compared with the
  national ratio Σ pupils / Σ children of the month: a finding when it is 1.5 times as high or lower than
  1/1.5 of it, for municipalities with at least 20 children (fewer make the ratio noise).
* **Payroll against the ledger.** Per function on the chart of accounts: salary postings in the ledger
  (``economy.postings``, art 1.x, dranst 1) per full-time equivalent paid in payroll (``hr.employees``);
  compared with the national kroner per FTE of that function and month, with the same factor 1.5, for
  functions with at least 5 FTE. The findings of one municipality and month are reported together.

Both read the data in force (the ``current`` views).
"""

from __future__ import annotations

from collections import defaultdict

import duckdb

from flis.periods import Period
from flis.quality.finding import QualityFinding, both, clean_values

FACTOR = 1.5
MIN_CHILDREN = 20
MIN_FTE = 5.0

PUPILS_SQL = """
    SELECT _municipality, _period, count(*) FROM current.schools_pupils GROUP BY ALL"""
CHILDREN_SQL = """
    SELECT _municipality, _period,
           count(*) FILTER (WHERE year(_period) - year(birth_date)
                                  - CASE WHEN strftime(birth_date, '%m%d') > strftime(_period, '%m%d')
                                         THEN 1 ELSE 0 END
                            BETWEEN 6 AND 16)
    FROM current.citizens_residents GROUP BY ALL"""
FTE_SQL = """
    SELECT _municipality, _period, "function", sum(fte) FROM current.hr_employees GROUP BY ALL"""
SALARY_SQL = """
    SELECT _municipality, _period, "function", sum(amount)
    FROM current.economy_postings WHERE art LIKE '1.%' AND dranst = 1 GROUP BY ALL"""


def _pairs(con: duckdb.DuckDBPyConnection, a_sql: str, b_sql: str) -> dict[tuple, tuple[float, float]]:
    a = {tuple(r[:-1]): float(r[-1] or 0) for r in con.execute(a_sql).fetchall()}
    b = {tuple(r[:-1]): float(r[-1] or 0) for r in con.execute(b_sql).fetchall()}
    return {k: (a[k], b[k]) for k in a.keys() & b.keys()}


def pupils_vs_children(con: duckdb.DuckDBPyConnection) -> list[QualityFinding]:
    pairs = _pairs(con, PUPILS_SQL, CHILDREN_SQL)
    by_period: dict[object, list] = defaultdict(list)
    for (municipality, period), (pupils, children) in pairs.items():
        by_period[period].append((int(municipality), pupils, children))
    out = []
    for period, rows in sorted(by_period.items()):
        total_children = sum(c for _, _, c in rows)
        if not total_children:
            continue
        national = sum(p for _, p, _ in rows) / total_children
        for municipality, pupils, children in rows:
            if children < MIN_CHILDREN or not national:
                continue
            ratio = pupils / children
            relative = ratio / national
            if 1 / FACTOR < relative < FACTOR:
                continue
            month = str(Period.of(period))
            p_en, p_da = both(pupils)
            c_en, c_da = both(children)
            r_en, r_da = both(ratio, 2)
            n_en, n_da = both(national, 2)
            x_en, x_da = both(relative, 2)
            values = {"value": ratio, "reference": national, "score": relative, "pupils": pupils,
                      "children": children}
            out.append(QualityFinding(
                "quality.cross_domain", municipality, "schools.pupils/citizens.residents", month,
                clean_values(values),
                f"{p_en} pupils in the municipality's schools against {c_en} residents aged 6-16 in {month}: "
                f"{r_en} pupils per child where the national ratio is {n_en} ({x_en} times).",
                f"{p_da} elever i kommunens skoler mod {c_da} borgere på 6-16 år i {month}: {r_da} elever "
                f"pr. barn, hvor landstallet er {n_da} ({x_da} gange).",
                None, True, ("schools.pupils", "citizens.residents")))
    return out


def payroll_vs_ledger(con: duckdb.DuckDBPyConnection) -> list[QualityFinding]:
    pairs = _pairs(con, FTE_SQL, SALARY_SQL)
    national: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for (_, period, function), (fte, salary) in pairs.items():
        national[(period, function)][0] += fte
        national[(period, function)][1] += salary
    off: dict[tuple, list[dict]] = defaultdict(list)
    for (municipality, period, function), (fte, salary) in sorted(pairs.items()):
        n_fte, n_salary = national[(period, function)]
        if fte < MIN_FTE or not n_fte or not n_salary:
            continue
        per_fte, reference = salary / fte, n_salary / n_fte
        relative = per_fte / reference
        if 1 / FACTOR < relative < FACTOR:
            continue
        off[(int(municipality), period)].append({"function": function, "fte": fte, "salary": salary,
                                                  "per_fte": per_fte, "national_per_fte": reference,
                                                  "relative": relative})
    out = []
    for (municipality, period), functions in sorted(off.items()):
        month = str(Period.of(period))
        worst = max(functions, key=lambda f: max(f["relative"], 1 / f["relative"]))
        f_en, f_da = both(worst["fte"], 1)
        s_en, s_da = both(worst["salary"])
        k_en, k_da = both(worst["per_fte"])
        n_en, n_da = both(worst["national_per_fte"])
        x_en, x_da = both(worst["relative"], 2)
        more = len(functions) - 1
        more_en = f"; {more} more functions are off" if more else ""
        more_da = f"; {more} funktioner mere afviger" if more else ""
        listed = [{k: (round(v, 4) if isinstance(v, float) else v) for k, v in f.items()} for f in functions]
        values = {"value": worst["per_fte"], "reference": worst["national_per_fte"],
                  "score": worst["relative"], "functions": listed}
        out.append(QualityFinding(
            "quality.cross_domain", municipality, "hr.employees/economy.postings", month,
            clean_values(values),
            f"Function {worst['function']}: {f_en} FTE in payroll against {s_en} kroner of salary postings "
            f"in the ledger in {month}: {k_en} kroner per FTE where the national figure is {n_en} "
            f"({x_en} times){more_en}.",
            f"Funktion {worst['function']}: {f_da} årsværk i lønsystemet mod {s_da} kroner lønposteringer i "
            f"regnskabet i {month}: {k_da} kroner pr. årsværk, hvor landstallet er {n_da} "
            f"({x_da} gange){more_da}.",
            None, True, ("hr.employees", "economy.postings")))
    return out


def check_cross_domain(con: duckdb.DuckDBPyConnection) -> list[QualityFinding]:
    return pupils_vs_children(con) + payroll_vs_ledger(con)
