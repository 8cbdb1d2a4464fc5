"""Key-figure inputs from the release snapshot: outliers that no table-level finding explains."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from flis.compare.release import ReleaseView
from flis.quality.figures import check_figures, figure_panels
from flis.quality.finding import QualityFinding
from flis.quality.runner import population_sizes
from quality.builders import MUNICIPALITIES, months
from support.figures import compute_figures, warehouse_with


def _residents(m: int, period, old: int, total: int = 500) -> list[dict]:
    first = period.first_day
    return [dict(person_id=f"{m}-{k}", birth_date=dt.date(1940 if k < old else 1985, 3, 1), _municipality=m,
                 _period=first) for k in range(total)]


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("figures")
    # 500 residents everywhere every month, 100 of them 65+; in April 101 reports 200 of its 500 as 65+:
    # the table's volume is unchanged, only the key figure's numerator moves
    rows = [r for m in MUNICIPALITIES for p in months("2024-01", 6)
            for r in _residents(m, p, 200 if (m, str(p)) == (101, "2024-04") else 100)]
    wh = warehouse_with(tmp_path, {"citizens.residents": rows})
    compute_figures(wh, ["CIT003"])
    wh.close()
    return ReleaseView.load(tmp_path)


def test_a_numerator_far_from_history_and_peers_is_a_figure_finding(release):
    from flis.catalogue.loader import load_catalogue

    panels = figure_panels(release, load_catalogue(), list(MUNICIPALITIES))
    assert {p.subject for p in panels} >= {"CIT003#numerator", "CIT003#denominator"}
    found = check_figures(panels, population_sizes(), [])
    assert sorted((f.code, f.values["rule"], f.municipality, f.period, f.subject) for f in found) == [
        ("quality.figure_outlier", "history_outlier", 101, "2024-04", "CIT003#numerator"),
        ("quality.figure_outlier", "peer_outlier", 101, "2024-04", "CIT003#numerator")]
    history = next(f for f in found if f.values["rule"] == "history_outlier")
    # reference January-March 100; sigma = sqrt(100 / 3 + 200) = 15.275; z = 100 / 15.275
    assert history.values["score"] == pytest.approx(100 / math.sqrt(100 / 3 + 200), rel=1e-5)
    assert history.tables == ("citizens.residents",)


def test_a_figure_finding_explained_by_a_table_finding_is_left_out(release):
    from flis.catalogue.loader import load_catalogue

    table_finding = QualityFinding("quality.history_outlier", 101, "citizens.residents#rows", "2024-04", {},
                                   "", "", None, True, ("citizens.residents",))
    panels = figure_panels(release, load_catalogue(), list(MUNICIPALITIES))
    assert check_figures(panels, population_sizes(), [table_finding]) == []


def test_incomplete_cells_are_not_checked(release):
    from flis.catalogue.loader import load_catalogue

    panels = figure_panels(release, load_catalogue(), list(MUNICIPALITIES), {("CIT003", 101, "2024-04")})
    assert check_figures(panels, population_sizes(), []) == []
