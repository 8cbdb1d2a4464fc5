"""The Spark engine: the same measure groups, compiled to Spark SQL, over the Parquet export.

``flis export parquet DIR`` writes the canonical tables; :class:`SparkScans` registers each as a view
``current_<domain>_<table>`` and runs every measure group's reduced tables (cached) and breakdowns as
Spark SQL. The measure values come back as Arrow and are assembled and stored exactly as with the
embedded engine, so a release computed on Spark has the same format (and, as a test shows, the same
numbers). pyspark is the optional extra ``flis[spark]``; ``master`` and settings pass through, so the
same code runs on ``local[2]`` or on a cluster (``spark://host:7077``, YARN, Kubernetes).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa

from flis.compile.reduce import scan_plan
from flis.compile.sql import Group, Source, Span, to_sql
from flis.errors import FlisError


class SparkUnavailable(FlisError):
    """pyspark (or Java) is not installed, or the Parquet export is missing or stale."""

    code = "compute.spark_unavailable"
    exit_code = 2


def session(master: str = "local[2]", conf: dict[str, str] | None = None):
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise SparkUnavailable("pyspark is not installed: pip install 'flis[spark]'") from error
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder.master(master).appName("flis")
    settings = {"spark.sql.session.timeZone": "UTC", "spark.ui.enabled": "false",
                "spark.sql.shuffle.partitions": "4", "spark.sql.ansi.enabled": "false",
                "spark.driver.memory": "2g", **(conf or {})}
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


class SparkScans:
    """Measure groups on Spark, reading ``DIR/current/<table>`` written by ``flis export parquet``."""

    engine = "spark"

    def __init__(self, spark, parquet: Path | str):
        self.spark = spark
        root = str(parquet).rstrip("/")
        if "://" in root:  # HDFS, S3, ...: read the export's description through Spark
            text = "\n".join(r.value for r in spark.read.text(f"{root}/current.json").collect())
        else:
            info = Path(root) / "current.json"
            if not info.exists():
                raise SparkUnavailable(f"no Parquet export in {root}; run `flis export parquet {root}`")
            text = info.read_text(encoding="utf-8")
        self.exported = json.loads(text)
        for qualified, table in self.exported["tables"].items():
            name = "current_" + qualified.replace(".", "_")
            spark.read.parquet(f"{root}/{table['path']}").createOrReplaceTempView(name)

    def run(self, unit: list[tuple[Group, Span]], municipalities: list[int], keep=None):
        """As :meth:`flis.compute.scans.DuckDBScans.run`, with the reduced tables cached by Spark. Nothing is
        kept between releases (``keep`` is ignored): a year's values are computed from its rows."""
        plan = scan_plan(unit, Source(flat=True), municipalities, self.engine)
        cached = []
        try:
            for name, select in plan.tables:
                frame = self.spark.sql(to_sql(select, self.engine)).cache()
                frame.createOrReplaceTempView(name)
                cached.append((name, frame))
            for k, queries in enumerate(plan.aggregations):
                for _, measures, select in queries:
                    yield k, measures, _arrow(self.spark.sql(to_sql(select, self.engine)))
        finally:
            for name, frame in cached:
                frame.unpersist()
                self.spark.catalog.dropTempView(name)

    def finish(self, keep=None) -> None:
        """Nothing is kept between releases on Spark."""


def _arrow(frame) -> pa.Table:
    if hasattr(frame, "toArrow"):
        return frame.toArrow()
    return pa.Table.from_pandas(frame.toPandas(), preserve_index=False)  # pragma: no cover - older pyspark
