"""The statistics behind the checks, on toy numbers worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from flis.quality import stats


def test_robust_z_is_distance_from_the_median_in_scaled_mads():
    # reference 10, 12, 11, 13, 50: median 12; |deviations| 2, 0, 1, 1, 38 -> MAD 1; sigma = 1.4826
    z = stats.robust_z(20.0, np.array([10, 12, 11, 13, 50.0]))
    assert z[0] == pytest.approx(8 / 1.4826)
    assert stats.robust_z(12.0, np.array([10, 12, 11, 13, 50.0]))[0] == 0


def test_sigma_floors_for_smooth_references_and_counts():
    # a perfectly flat reference has MAD 0; the floors decide: 5 % of 400 = 20, sqrt(400) = 20 -> both 20
    assert stats.robust_z(500.0, np.array([400.0, 400, 400]), relative_floor=0.05)[0] == pytest.approx(5.0)
    # counts: sqrt(4) = 2 beats 5 % of 4 = 0.2
    z = stats.robust_z(8.0, np.array([4.0, 4, 4]), relative_floor=0.05, counts=True)
    assert z[0] == pytest.approx(2.0)
    # and at least 1 for counts (median 0)
    assert stats.robust_z(3.0, np.array([0.0, 0, 0]), counts=True)[0] == pytest.approx(3.0)


def test_median_mad_ignores_missing_months_and_reports_how_many_there_were():
    med, mad, n = stats.median_mad(np.array([[1.0, np.nan, 3.0], [np.nan, np.nan, np.nan]]))
    assert med[0] == 2 and mad[0] == 1 and n.tolist() == [2, 0]
    assert np.isnan(med[1]) and np.isnan(mad[1])


def test_hidiroglou_berthelot_by_hand():
    # ratios 1.0, 1.1, 0.9, 1.05, 2.0 -> median ratio 1.05
    # s: 1-1.05/1.0 = -0.05; 1.1/1.05-1 = 0.047619; 1-1.05/0.9 = -0.166667; 0; 2/1.05-1 = 0.904762
    # E = s * max(x_t, x_t-1)^0.5: -0.5, 0.499433, -1.666667, 0, 12.795266
    # quartiles of E (linear): Q1 -0.5, median 0, Q3 0.499433
    # d_Q1 = 0.5, d_Q3 = 0.499433 (A * |E_M| = 0); bounds 0 - 4 * 0.5 = -2 and 0 + 4 * 0.4994328 = 1.997731
    hb = stats.hidiroglou_berthelot(np.array([100, 110, 90, 105, 200.0]), np.full(5, 100.0))
    assert hb.median_ratio == pytest.approx(1.05)
    assert hb.e == pytest.approx([-0.5, 0.499433, -1.666667, 0.0, 12.795266], abs=1e-6)
    assert hb.lower == pytest.approx(-2.0)
    assert hb.upper == pytest.approx(1.997731, abs=1e-6)
    assert hb.outlier.tolist() == [False, False, False, False, True]


def test_hidiroglou_berthelot_treats_halving_like_doubling():
    hb = stats.hidiroglou_berthelot(np.array([50.0, 200.0, 100, 100, 100]), np.full(5, 100.0))
    # s = 1 - 1/0.5 = -1 for the halving, 2/1 - 1 = 1 for the doubling
    assert hb.s[:2] == pytest.approx([-1.0, 1.0])


def test_hidiroglou_berthelot_skips_units_without_both_values():
    hb = stats.hidiroglou_berthelot(np.array([100.0, 0, np.nan, 120]), np.array([100.0, 100, 100, 0]))
    assert np.isnan(hb.e[1:]).all() and hb.e[0] == 0


def test_unit_factor_is_about_a_thousand_either_way():
    assert stats.unit_factor(np.array([1000, 499, 500, 2000, 2001, 1 / 1000, 1 / 400, 1])).tolist() == \
        [1, 0, 1, 1, 0, -1, 0, 0]


def test_overdispersion_is_one_for_poisson_counts_and_small_for_stocks():
    rng = np.random.default_rng(3)
    counts = rng.poisson(200, size=(100, 12)).astype(float)  # independent months: compound Poisson
    assert stats.overdispersion(counts, counts) == pytest.approx(1.0, abs=0.15)
    stock = np.repeat(np.arange(100, 200, dtype=float)[:, None], 12, axis=1)  # nobody ever changes
    assert stats.overdispersion(stock, stock) == stats.KAPPA_MIN
    assert stats.overdispersion(stock[:3, :3], stock[:3, :3]) == 1.0  # too little data to say


def test_theil_sen_is_the_median_slope():
    x = np.array([0.0, 1, 2, 3, 4])
    y = np.array([1.0, 3, 5, 7, 100])  # one outlier does not tilt the line y = 1 + 2x
    assert stats.theil_sen(x, y) == pytest.approx((1.0, 2.0))
