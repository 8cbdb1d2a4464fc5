"""The whole catalogue on Spark gives the same numbers as on DuckDB.

Runs Spark in local mode (SPARK_LOCAL_IP=127.0.0.1) over the Parquet export of a small generated
country. Skips where pyspark or Java is missing on a user's machine; under CI it must run.
"""

from __future__ import annotations

import os
import shutil

import pytest
from sqlglot import exp

from flis.catalogue.loader import load_catalogue
from flis.compile.sql import ENGINES
from flis.compute.run import compute
from flis.export.parquet import export_parquet
from flis.ingest.archive import Archive
from flis.ingest.pipeline import ingest
from flis.warehouse.store import Warehouse
from support.figures import close


def _spark_or_skip():
    try:
        import pyspark  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("pyspark must be installed under CI")
        pytest.skip("pyspark is not installed (pip install 'flis[spark]')")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("CI") == "true":
            pytest.fail("Java must be installed under CI")
        pytest.skip("Spark needs Java")
    from flis.compute.spark import session
    return session("local[2]")


@pytest.fixture(scope="module")
def both(clean_country, tmp_path_factory):
    spark = _spark_or_skip()
    from flis.compute.spark import SparkScans
    home = tmp_path_factory.mktemp("spark")
    catalogue = load_catalogue()
    with Warehouse(home / "warehouse.duckdb") as wh:
        ingest([clean_country.out / "deliveries"], warehouse=wh, archive=Archive(home / "archive"), workers=2)
        export_parquet(wh, home / "parquet")
        on_duckdb = compute(wh.con, catalogue, incremental=False)
        on_spark = compute(wh.con, catalogue, incremental=False, scans=SparkScans(spark, home / "parquet"))
        cells = {}
        for release in (on_duckdb.release_id, on_spark.release_id):
            cells[release] = {(s, m, p): (n, d, v) for s, m, p, n, d, v in wh.con.execute(
                "SELECT series_id, municipality, period, numerator, denominator, value FROM releases.cells "
                "WHERE release_id = ?", [release]).fetchall()}
        yield cells[on_duckdb.release_id], cells[on_spark.release_id]


def test_every_series_has_the_same_values_on_spark(both):
    duck, spark = both
    catalogue = load_catalogue()
    def exact_measure(m) -> bool:
        # Counts, and sums of a plain (integer or decimal) column, must be equal to the last digit.
        from sqlglot import exp
        return m is None or m.measure in ("count", "count_distinct") or (
            m.measure == "sum" and isinstance(m.of, exp.Column))

    exact = {s.id: s.figure.kind in ("ratio", "measure") and exact_measure(s.figure.numerator)
             and exact_measure(s.figure.denominator) for s in catalogue.series}
    assert duck.keys() == spark.keys()
    wrong = []
    for key, (n, d, v) in duck.items():
        n2, d2, v2 = spark[key]
        if not (close(n, n2, exact[key[0]]) and close(d, d2, exact[key[0]]) and close(v, v2, False)):
            wrong.append((key, (n, d, v), (n2, d2, v2)))
    assert not wrong, f"{len(wrong)} cells differ in {sorted({w[0][0].split('.')[0] for w in wrong})}: {wrong[:5]}"
    # Three months from May: start-of-year figures (January) have no cells yet; everything else does.
    covered = {k[0] for k in duck}
    missing = {s.id for s in catalogue.series} - covered
    assert all(catalogue.figures[m.split(".")[0]].level == "start_of_year" or
               catalogue.figures[catalogue.figures[m.split(".")[0]].change_of or m.split(".")[0]].level
               == "start_of_year" for m in missing), sorted(missing)[:10]


OPERATIONS = {
    # measure: (the reduced table it is read from, what its breakdown query does there): the same SQL on both
    # engines, and never an approximate aggregate
    "count": ("group_totals", "SUM(T0) FILTER"), "sum": ("group_totals", "SUM(T0) FILTER"),
    "avg": ("group_totals", "NULLIF("), "min": ("group_totals", "MIN(T0) FILTER"),
    "max": ("group_totals", "MAX(T0) FILTER"),
    "count_distinct": ("group_distinct_0", "COUNT(*) FILTER"),
    "median": ("group_weights_0", "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"),
    "percentile": ("group_weights_0", "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"),
}


def test_every_operation_is_implemented_or_refused_per_engine():
    from dataclasses import replace

    from flis.catalogue.model import MEASURES
    from flis.compile.reduce import scan_plan
    from flis.compile.sql import Group, NoTranslation, Source, to_sql
    catalogue = load_catalogue()
    base = next(m for m in catalogue.measures().values() if m.of is not None and m.source.joins)
    assert set(OPERATIONS) == set(MEASURES)
    for measure, (table, expected) in OPERATIONS.items():
        m = replace(base, measure=measure, percentile=0.9 if measure == "percentile" else None)
        group = Group(m.source, m.attribution, m.level, measures=[m])
        for engine in ENGINES:
            plan = scan_plan([(group, None)], Source(flat=True), [101], engine)
            [(name, _)] = plan.tables
            [(_, _, breakdown)] = plan.aggregations[0]
            sql = to_sql(breakdown, engine).upper().replace('"', '').replace('`', '')
            assert name == table and expected in sql, (measure, engine, sql)
            assert "APPROX" not in plan.sql(engine).upper()
    group = Group(base.source, base.attribution, base.level, measures=[replace(base, measure="median")])
    with pytest.raises(NoTranslation, match="unknown engine"):
        scan_plan([(group, None)], Source(), [101], "oracle")
    with pytest.raises(NoTranslation, match="unknown engine"):
        to_sql(exp.select("1"), "oracle")
