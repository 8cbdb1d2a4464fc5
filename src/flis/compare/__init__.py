"""Comparison: how a municipality stands among the 98, and which municipalities are comparable.

- ``snapshot``: the published release written as Parquet files under ``FLIS_HOME/releases`` with an
  atomically switched ``CURRENT`` pointer, so the server never holds the warehouse file open;
- ``release``: :class:`~flis.compare.release.ReleaseView`, the current snapshot in memory, indexed;
- ``stats``: ranks, percentiles, means, quartiles, distance to the best quartile, trends;
- ``neighbours``: static comparison groups and nearest neighbours from structural conditions.

The submodules are imported on use (``from flis.compare.stats import compare``): compute imports
``snapshot`` and should not pay for numpy-heavy modules it does not need.
"""
