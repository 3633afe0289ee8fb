"""The sBG lifetime maths in revops.clv, against published numbers and brute force."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import hyp2f1

from revops.clv import (
    expected_residual_lifetime,
    fallback_expected_lifetime,
    fit_sbg,
    sbg_log_churn_probability,
    sbg_log_likelihood,
    sbg_log_likelihood_counts,
    sbg_log_survival,
    single_cohort_counts,
)

# Fader & Hardie (2007), Table 1: customers of a 1000-strong cohort still active at the
# start (year 0) and after years 1..7.
REGULAR_ALIVE = np.array([1000, 631, 468, 382, 326, 289, 262, 241], dtype=float)
HIGH_END_ALIVE = np.array([1000, 869, 743, 653, 593, 551, 517, 491], dtype=float)


def cohort(alive: np.ndarray) -> tuple[np.ndarray, float]:
    """(customers lost in each period, survivors after the last period)."""
    return -np.diff(alive), float(alive[-1])


def survival_by_recursion(alpha: float, beta: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    """P(T=1..n) and S(0..n) from the paper's recursions, without any beta function."""
    p = np.empty(n)
    p[0] = alpha / (alpha + beta)
    for t in range(2, n + 1):
        p[t - 1] = (beta + t - 2) / (alpha + beta + t - 1) * p[t - 2]
    s = np.concatenate(([1.0], 1.0 - np.cumsum(p)))
    return p, s


@pytest.mark.parametrize(
    ("alive", "alpha", "beta"),
    [(REGULAR_ALIVE, 0.704, 1.182), (HIGH_END_ALIVE, 0.668, 3.806)],
    ids=["regular", "high_end"],
)
def test_fit_recovers_published_estimates(alive, alpha, beta):
    """Fader & Hardie (2007) report alpha=0.704, beta=1.182 (regular) and alpha=0.668,
    beta=3.806 (high end), calibrated on years 1..7: the losses of periods 1..7 plus the
    survivors after period 7 (241 and 491). That calibration reproduces them (we get
    0.7041, 1.1820 and 0.6681, 3.8061); fewer periods do not (6 periods give 0.7175,
    1.2080 for regular)."""
    fit = fit_sbg(*single_cohort_counts(*cohort(alive)))
    assert fit.converged
    assert fit.n_customers == 1000
    assert fit.alpha == pytest.approx(alpha, rel=0.01)
    assert fit.beta == pytest.approx(beta, rel=0.01)
    # The maximum is the single-cohort likelihood at the fitted values.
    assert fit.log_likelihood == pytest.approx(
        sbg_log_likelihood(fit.alpha, fit.beta, *cohort(alive)), rel=1e-12
    )


def test_regular_log_likelihood_at_published_estimates():
    """Our maximum for the regular cohort is -1680.2652; the published estimates, rounded
    to 3 decimals, lose less than 0.01 of it, so they sit at the same maximum."""
    churned, alive_at_end = cohort(REGULAR_ALIVE)
    assert sbg_log_likelihood(0.704, 1.182, churned, alive_at_end) == pytest.approx(
        -1680.27, abs=0.01
    )


@pytest.mark.parametrize("alive", [REGULAR_ALIVE, HIGH_END_ALIVE], ids=["regular", "high_end"])
def test_counts_form_equals_single_cohort_form(alive):
    """One cohort laid out as lost/censored counts gives the same log-likelihood as the
    single-cohort form (which uses the recursions, not the closed forms)."""
    churned, alive_at_end = cohort(alive)
    lost, censored = single_cohort_counts(churned, alive_at_end)
    for alpha, beta in [(0.704, 1.182), (0.668, 3.806), (2.5, 0.4)]:
        assert sbg_log_likelihood_counts(alpha, beta, lost, censored) == pytest.approx(
            sbg_log_likelihood(alpha, beta, churned, alive_at_end), rel=1e-12
        )


def test_counts_form_adds_cohorts_observed_for_different_lengths():
    """Cohorts started at different times: the regular cohort seen for 7 periods and
    a copy seen only for 3 (369, 163 and 86 lost, 382 censored after period 3)
    contribute independently, so the aggregated counts' log-likelihood is the sum of the
    two single-cohort log-likelihoods."""
    long_churned, long_alive = cohort(REGULAR_ALIVE)
    short_churned, short_alive = cohort(REGULAR_ALIVE[:4])  # alive after 3 periods: 382
    lost = long_churned.copy()
    lost[:3] += short_churned
    censored = np.zeros(7)
    censored[6] = long_alive
    censored[2] = short_alive
    alpha, beta = 0.704, 1.182
    expected = sbg_log_likelihood(alpha, beta, long_churned, long_alive) + sbg_log_likelihood(
        alpha, beta, short_churned, short_alive
    )
    assert sbg_log_likelihood_counts(alpha, beta, lost, censored) == pytest.approx(
        expected, rel=1e-12
    )
    # The 3-period copy agrees with the 7-period one, so the fit barely moves.
    fit = fit_sbg(lost, censored)
    assert fit.converged and fit.n_customers == 2000
    assert fit.alpha == pytest.approx(0.704, rel=0.05)
    assert fit.beta == pytest.approx(1.182, rel=0.05)


@pytest.mark.parametrize(("alpha", "beta"), [(0.704, 1.182), (0.668, 3.806), (3.0, 7.0)])
def test_closed_forms_match_recursions_and_sum_to_one(alpha, beta):
    """P(T=t) and S(t) from beta functions equal the paper's recursions, and
    P(T=1) + ... + P(T=n) + S(n) = 1 (every customer churns by n or survives it)."""
    n = 40
    p, s = survival_by_recursion(alpha, beta, n)
    t = np.arange(1, n + 1)
    p_closed = np.exp(sbg_log_churn_probability(alpha, beta, t))
    s_closed = np.exp(sbg_log_survival(alpha, beta, np.arange(0, n + 1)))
    np.testing.assert_allclose(p_closed, p, rtol=1e-12)
    np.testing.assert_allclose(s_closed, s, rtol=1e-10)
    np.testing.assert_allclose(np.cumsum(p_closed) + s_closed[1:], 1.0, rtol=1e-13)
    assert p_closed[0] == pytest.approx(alpha / (alpha + beta), rel=1e-14)


@pytest.mark.parametrize(("alpha", "beta"), [(0.704, 1.182), (0.668, 3.806)])
@pytest.mark.parametrize("discount_rate", [0.1, 0.01])
def test_derl_closed_form_equals_truncated_sum(alpha, beta, discount_rate):
    """DERL(d | n) = sum_{t>=1} S(n+t)/S(n) / (1+d)^(t-1) (the convention implemented),
    with S from the recursions and the sum cut where the tail is below 1e-12."""
    periods_alive = np.arange(0, 8)
    horizon = 4000 if discount_rate == 0.01 else 500
    _, s = survival_by_recursion(alpha, beta, horizon + int(periods_alive.max()))
    discount = (1.0 + discount_rate) ** -np.arange(0, horizon)
    brute = np.array([np.dot(s[n + 1 : n + 1 + horizon] / s[n], discount) for n in periods_alive])
    closed = expected_residual_lifetime(alpha, beta, periods_alive, discount_rate)
    np.testing.assert_allclose(closed, brute, rtol=0, atol=1e-8)


@pytest.mark.parametrize(("alpha", "beta"), [(0.704, 1.182), (0.668, 3.806)])
def test_derl_rises_with_tenure(alpha, beta):
    """Heterogeneity sorts customers: those who survived longer have lower churn
    probabilities, so their residual lifetime is longer (Fader & Hardie 2010)."""
    derl = expected_residual_lifetime(alpha, beta, np.arange(0, 12), 0.1)
    assert np.all(np.diff(derl) > 0)
    # Regular, annual d = 10%: a customer in their first year (no renewal yet) has about
    # 3 discounted renewals to come (2.9647, which the brute-force test above confirms).
    if alpha == 0.704:
        assert derl[0] == pytest.approx(2.9647, abs=1e-4)


def test_derl_undiscounted_hand_worked():
    """With d = 0, sum_{t>=1} S(n+t)/S(n) = E[T - n | T > n] - 1, which for the sBG is
    (beta + n) / (alpha - 1) when alpha > 1. alpha=3, beta=7 (mean churn 0.3): a new
    customer has E[T] = (alpha + beta - 1) / (alpha - 1) = 4.5, so 3.5 renewals to come;
    after 2 renewals, (7 + 2) / 2 = 4.5."""
    derl = expected_residual_lifetime(3.0, 7.0, np.array([0, 2]), 0.0)
    np.testing.assert_allclose(derl, [3.5, 4.5], rtol=1e-12)


def test_derl_homogeneous_limit():
    """alpha = beta = 5000: everyone churns with probability ~0.5, a geometric lifetime
    whose renewals to come are (1 - c) / c = 1 undiscounted, whatever the tenure (exactly
    (5000 + n) / 4999), and (1 - c)(1 + d) / (c + d) = 0.5 * 1.01 / 0.51 at d = 1%."""
    undiscounted = expected_residual_lifetime(5000.0, 5000.0, np.array([0, 5]), 0.0)
    np.testing.assert_allclose(undiscounted, [5000 / 4999, 5005 / 4999], rtol=1e-12)
    discounted = expected_residual_lifetime(5000.0, 5000.0, 0, 0.01)
    assert float(discounted) == pytest.approx(0.5 * 1.01 / 0.51, rel=1e-3)


def test_derl_closed_form_is_scipy_hyp2f1_where_that_works():
    """For the published fits the closed form with scipy's hyp2f1 and our continued
    fraction agree; the continued fraction is what expected_residual_lifetime uses."""
    for alpha, beta in [(0.704, 1.182), (0.668, 3.806)]:
        n = np.arange(0, 10, dtype=float)
        with_scipy = (
            (beta + n)
            / (alpha + beta + n)
            * hyp2f1(1.0, beta + n + 1.0, alpha + beta + n + 1.0, 1.0 / 1.1)
        )
        np.testing.assert_allclose(
            expected_residual_lifetime(alpha, beta, n, 0.1), with_scipy, rtol=1e-12
        )


@pytest.mark.parametrize(
    ("alpha", "beta", "discount_rate"),
    [(648.0, 5828.0, 0.01), (1.0, 0.01, 0.001), (0.5, 1e4, 0.001)],
    ids=["near_homogeneous", "integer_alpha", "small_alpha_large_beta"],
)
def test_derl_where_scipy_hyp2f1_fails(alpha, beta, discount_rate):
    """scipy 1.17's hyp2f1 returns NaN for the first and third cases and -0.2486 (a
    negative lifetime) for the second. Segments with little heterogeneity fit alpha and
    beta in the hundreds or thousands, like the first. The continued
    fraction matches the truncated sum of survival ratios."""
    periods_alive = np.array([0, 5, 50])
    x = 1.0 / (1.0 + discount_rate)
    horizon = int(np.ceil(np.log(1e-15 * discount_rate) / np.log(x)))
    t = np.arange(1, horizon + 1)
    brute = [
        np.sum(np.exp(sbg_log_survival(alpha, beta + n, t) + (t - 1) * np.log(x)))
        for n in periods_alive
    ]
    got = expected_residual_lifetime(alpha, beta, periods_alive, discount_rate)
    np.testing.assert_allclose(got, brute, rtol=1e-9)


def test_homogeneous_data_is_flagged():
    """A cohort that churns exactly 10% a period has no heterogeneity: the likelihood
    keeps rising along alpha / (alpha + beta) = 0.1 as both grow, so the MLE is at
    infinity (the geometric limit). The fit runs to the edge of its box and says so, and
    its log-likelihood is the geometric one: sum over periods of lost * log(0.1 * 0.9^(t-1))
    plus survivors * log(0.9^12)."""
    alive = 1000 * 0.9 ** np.arange(0, 13)
    lost, alive_at_end = cohort(alive)
    fit = fit_sbg(*single_cohort_counts(lost, alive_at_end))
    assert not fit.converged
    t = np.arange(1, 13)
    geometric = np.sum(lost * (np.log(0.1) + (t - 1) * np.log(0.9))) + alive_at_end * 12 * np.log(
        0.9
    )
    assert fit.log_likelihood == pytest.approx(geometric, abs=0.01)
    assert fit.log_likelihood <= geometric


def test_derl_undiscounted_infinite_is_nan():
    """With alpha <= 1 the mean lifetime is infinite (S(t) ~ t^-alpha), so an undiscounted
    DERL has no value: NaN (null in the warehouse), not infinity."""
    assert np.all(np.isnan(expected_residual_lifetime(0.704, 1.182, np.arange(3), 0.0)))


def test_derl_rejects_bad_arguments():
    """A failed fit's NaN parameters or a negative discount are caller errors."""
    with pytest.raises(ValueError, match="discount_rate"):
        expected_residual_lifetime(0.704, 1.182, 1, -0.01)
    with pytest.raises(ValueError, match="fallback"):
        expected_residual_lifetime(math.nan, math.nan, 1, 0.01)
    with pytest.raises(ValueError, match="periods_alive"):
        expected_residual_lifetime(0.704, 1.182, [-1], 0.01)


def test_fit_without_customers_raises():
    """An empty segment has nothing to fit: a clear error, not a NaN fit."""
    with pytest.raises(ValueError, match="at least one customer"):
        fit_sbg([], [])
    with pytest.raises(ValueError, match="at least one customer"):
        fit_sbg([0, 0], [0, 0, 0])
    with pytest.raises(ValueError, match="non-negative"):
        fit_sbg([-1, 2], [3, 0])


def test_fit_without_churn_is_flagged():
    """No one churned: the likelihood keeps rising as churn goes to 0, so there is no MLE.
    The fit says so (converged False, NaN parameters) and still counts the customers."""
    fit = fit_sbg([0, 0, 0], [40, 0, 25])
    assert not fit.converged
    assert math.isnan(fit.alpha) and math.isnan(fit.beta)
    assert fit.n_customers == 65
    assert fit.log_likelihood == 0.0


def test_fit_where_nobody_renewed_is_flagged():
    """Everyone lost in period 1: the MLE runs to churn probability 1, so no finite fit."""
    fit = fit_sbg([12], [])
    assert not fit.converged
    assert fit.n_customers == 12


def test_fallback_lifetime():
    """METRICS.md's fallback, 1 / average monthly logo churn: 5% churn is 20 months.
    No churn (or no data) is null, never infinity; an impossible rate is an error."""
    assert fallback_expected_lifetime(0.05) == pytest.approx(20.0)
    assert fallback_expected_lifetime(1.0) == 1.0
    assert fallback_expected_lifetime(0.0) is None
    assert fallback_expected_lifetime(None) is None
    assert fallback_expected_lifetime(math.nan) is None
    with pytest.raises(ValueError, match="rate in"):
        fallback_expected_lifetime(-0.02)
    with pytest.raises(ValueError, match="rate in"):
        fallback_expected_lifetime(1.5)
