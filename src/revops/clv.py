"""Shifted-beta-geometric (sBG) customer lifetimes: likelihood, fit and residual lifetime.

The model of Fader & Hardie, "How to Project Customer Retention" (Journal of Interactive
Marketing, 2007). At the end of every period a customer cancels with probability theta,
and theta varies across customers as Beta(alpha, beta). T is the period at the end of
which the customer cancels (T = 1, 2, ...: a customer with T = t paid for t periods):

    P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta)
    S(t)     = P(T > t) = B(alpha, beta + t) / B(alpha, beta),  S(0) = 1

Everything is computed in log space with `scipy.special.betaln`.

The functions take counts already aggregated per period (the dbt model aggregates in
DuckDB), never one row per customer. Arrays indexed by period use position ``t - 1``
for period ``t``:

- ``lost[t - 1]``: customers who cancelled at the end of their t-th period (T = t);
- ``censored[t - 1]``: customers still active after exactly t observed periods, that is
  known only to have T > t (right-censored at t). A customer in their first period has
  survived no renewal yet (T > 0): they carry no information about alpha and beta and
  are left out of both arrays.

The residual lifetime is the closed form of Fader & Hardie, "Customer-Base Valuation in
a Contractual Setting: The Perils of Ignoring Heterogeneity" (Marketing Science, 2010);
see `expected_residual_lifetime` for the exact convention.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import minimize
from scipy.special import betaln, digamma

# The fit searches log(alpha) and log(beta) in this box. A maximum on its edge means the
# likelihood still rises towards 0 or infinity: the MLE does not exist for these data.
LOG_PARAM_BOUNDS = (math.log(1e-4), math.log(1e4))
_EDGE_TOLERANCE = 1e-3
# Largest |d log-likelihood / d log parameter| per customer accepted as a maximum.
_GRADIENT_TOLERANCE = 1e-6
# Enough for a discount rate down to about 1e-8 per period.
_CF_MAX_TERMS = 200_000


@dataclass(frozen=True)
class SbgFit:
    """A maximum-likelihood sBG fit.

    ``alpha`` and ``beta`` are NaN when ``converged`` is False: the data hold no finite
    maximum (no churn at all, or no customer seen past their first period), the optimiser
    ran to the edge of its search box, or it failed. Use the fallback lifetime then.
    """

    alpha: float
    beta: float
    log_likelihood: float
    n_customers: float
    converged: bool


def _periods(length: int) -> NDArray[np.float64]:
    return np.arange(1, length + 1, dtype=float)


def _counts(values: ArrayLike, name: str) -> NDArray[np.float64]:
    counts = np.asarray(values, dtype=float)
    if counts.ndim == 0:
        counts = counts.reshape(1)
    if counts.ndim != 1:
        raise ValueError(
            f"{name} must be a 1-D array of counts per period, got shape {counts.shape}"
        )
    if not np.all(np.isfinite(counts)) or np.any(counts < 0):
        raise ValueError(f"{name} must hold finite, non-negative counts")
    return counts


def sbg_log_churn_probability(alpha: float, beta: float, t: ArrayLike) -> NDArray[np.float64]:
    """log P(T = t) for periods t >= 1 (closed form)."""
    t = np.asarray(t, dtype=float)
    return betaln(alpha + 1.0, beta + t - 1.0) - betaln(alpha, beta)


def sbg_log_survival(alpha: float, beta: float, t: ArrayLike) -> NDArray[np.float64]:
    """log S(t) = log P(T > t) for t >= 0 (closed form)."""
    t = np.asarray(t, dtype=float)
    return betaln(alpha, beta + t) - betaln(alpha, beta)


def sbg_log_likelihood(
    alpha: float, beta: float, churned_by_period: ArrayLike, alive_at_end: float
) -> float:
    """Log-likelihood of one cohort observed for n = len(churned_by_period) periods.

    ``churned_by_period[t - 1]`` customers cancelled in period t (t = 1..n) and
    ``alive_at_end`` were still active after period n. Computed with the paper's
    recursions, P(T=1) = alpha / (alpha + beta), P(T=t) = (beta + t - 2) /
    (alpha + beta + t - 1) * P(T=t-1), S(n) = 1 - sum P(T=t), as cumulative sums of
    logs; `sbg_log_likelihood_counts` uses the closed forms instead.
    """
    churned = _counts(churned_by_period, "churned_by_period")
    alive = float(_counts(alive_at_end, "alive_at_end")[0])
    t = _periods(churned.size)
    log_ratio = np.log(beta + t[1:] - 2.0) - np.log(alpha + beta + t[1:] - 1.0)
    log_p = math.log(alpha / (alpha + beta)) + np.concatenate(([0.0], np.cumsum(log_ratio)))
    # S(n) from the recursion S(t) = S(t-1) - P(T=t); log1p keeps precision near S = 1.
    log_s_end = math.log1p(-float(np.sum(np.exp(log_p)))) if churned.size else 0.0
    return float(np.sum(churned * log_p) + (alive * log_s_end if alive else 0.0))


def sbg_log_likelihood_counts(
    alpha: float, beta: float, lost: ArrayLike, censored: ArrayLike
) -> float:
    """Log-likelihood of many cohorts observed for different numbers of periods.

    sum_t lost[t-1] * log P(T=t) + sum_t censored[t-1] * log S(t), vectorised over t
    (see the module docstring for the layout). Counts may be non-integer weights.
    """
    lost = _counts(lost, "lost")
    censored = _counts(censored, "censored")
    log_p = sbg_log_churn_probability(alpha, beta, _periods(lost.size))
    log_s = sbg_log_survival(alpha, beta, _periods(censored.size))
    return float(np.dot(lost, log_p) + np.dot(censored, log_s))


def single_cohort_counts(
    churned_by_period: ArrayLike, alive_at_end: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(lost, censored) arrays for one cohort, the input `fit_sbg` takes."""
    lost = _counts(churned_by_period, "churned_by_period")
    censored = np.zeros_like(lost)
    if lost.size:
        censored[-1] = float(_counts(alive_at_end, "alive_at_end")[0])
    return lost, censored


def _negative_log_likelihood_and_gradient(
    log_params: NDArray[np.float64],
    lost: NDArray[np.float64],
    censored: NDArray[np.float64],
) -> tuple[float, NDArray[np.float64]]:
    alpha, beta = np.exp(log_params)
    t_lost, t_cens = _periods(lost.size), _periods(censored.size)
    value = sbg_log_likelihood_counts(alpha, beta, lost, censored)
    # d betaln(a, b) / da = digamma(a) - digamma(a + b).
    base = digamma(alpha + beta)
    d_alpha = np.dot(
        lost, digamma(alpha + 1.0) - digamma(alpha + beta + t_lost) - digamma(alpha) + base
    ) + np.dot(censored, base - digamma(alpha + beta + t_cens))
    d_beta = np.dot(
        lost,
        digamma(beta + t_lost - 1.0) - digamma(alpha + beta + t_lost) - digamma(beta) + base,
    ) + np.dot(
        censored, digamma(beta + t_cens) - digamma(alpha + beta + t_cens) - digamma(beta) + base
    )
    # Chain rule for the log parameters.
    gradient = np.array([alpha * d_alpha, beta * d_beta])
    return -value, -gradient


def fit_sbg(lost: ArrayLike, censored: ArrayLike) -> SbgFit:
    """Maximum-likelihood sBG fit to aggregated survival counts (module docstring layout).

    For one cohort, pass ``single_cohort_counts(churned_by_period, alive_at_end)``.
    Maximises over log(alpha), log(beta) with L-BFGS-B and the analytic gradient, from
    alpha = beta = 1 (theta uniform). ``n_customers`` counts every customer in ``lost``
    and ``censored``.

    Raises ValueError when there is no customer at all. Returns ``converged=False`` (and
    NaN alpha, beta) when the maximum is not finite: with no churn the likelihood keeps
    rising as churn goes to 0, and with every customer lost in period 1 as it goes to 1.
    """
    lost = _counts(lost, "lost")
    censored = _counts(censored, "censored")
    n_customers = float(lost.sum() + censored.sum())
    if n_customers == 0:
        raise ValueError(
            "fit_sbg needs at least one customer: lost and censored are empty or all zero "
            "(a segment with no cohort observed past its first period cannot be fitted)"
        )
    no_churn = lost.sum() == 0
    nobody_renewed = lost[1:].sum() == 0 and censored.sum() == 0
    if no_churn or nobody_renewed:
        # The supremum of the likelihood is 1, approached but never reached.
        return SbgFit(math.nan, math.nan, 0.0, n_customers, converged=False)

    result = minimize(
        _negative_log_likelihood_and_gradient,
        x0=np.zeros(2),
        args=(lost, censored),
        jac=True,
        method="L-BFGS-B",
        bounds=[LOG_PARAM_BOUNDS, LOG_PARAM_BOUNDS],
        options={"ftol": 1e-12, "gtol": 1e-8},
    )
    low, high = LOG_PARAM_BOUNDS
    on_edge = bool(np.any((result.x < low + _EDGE_TOLERANCE) | (result.x > high - _EDGE_TOLERANCE)))
    # With tolerances this tight the line search can stop "abnormally" at the optimum,
    # where the gradient is already at rounding level: that counts as converged.
    flat = bool(np.all(np.abs(result.jac) <= _GRADIENT_TOLERANCE * n_customers))
    converged = (
        bool(np.all(np.isfinite(result.x))) and not on_edge and (bool(result.success) or flat)
    )
    if not converged:
        return SbgFit(math.nan, math.nan, float(-result.fun), n_customers, converged=False)
    alpha, beta = np.exp(result.x)
    return SbgFit(float(alpha), float(beta), float(-result.fun), n_customers, converged=True)


def _hyp2f1_one(b: NDArray[np.float64], alpha: float, z: float) -> NDArray[np.float64]:
    """2F1(1, b + 1; alpha + b + 1; z) for 0 < z < 1, vectorised over b.

    Gauss's continued fraction for 2F1(a + 1, b; c + 1; z) / 2F1(a, b; c; z) with a = 0,
    evaluated by the modified Lentz method. It needs about 16 / sqrt(1 - z) terms
    (168 at a 1% discount rate) where the power series needs about 36 / (1 - z), and
    stays accurate where `scipy.special.hyp2f1` (1.17) returns NaN (alpha + beta in the
    hundreds, as near-homogeneous fits give) or wrong values (integer alpha, z near 1).
    """
    tiny = 1e-300
    value = np.ones_like(b)
    # Lentz's C and D, for the elements still converging (each stops at its own term).
    active = np.arange(b.size)
    upper = np.ones_like(b)
    lower = np.zeros_like(b)
    for j in range(1, _CF_MAX_TERMS + 1):
        i = (j - 1) // 2
        b_active = b[active]
        c = alpha + b_active
        if j % 2:
            k = -(c + i) * (b_active + 1.0 + i) / ((c + 2 * i) * (c + 2 * i + 1))
        else:
            k = -(alpha + i) * (i + 1.0) / ((c + 2 * i + 1) * (c + 2 * i + 2))
        lower = 1.0 + k * z * lower
        lower = 1.0 / np.where(lower == 0, tiny, lower)
        upper = 1.0 + k * z / upper
        upper = np.where(upper == 0, tiny, upper)
        delta = upper * lower
        value[active] *= delta
        going = np.abs(delta - 1.0) >= 1e-15
        active, upper, lower = active[going], upper[going], lower[going]
        if active.size == 0:
            return 1.0 / value
    raise RuntimeError(
        f"the DERL continued fraction did not converge in {_CF_MAX_TERMS} terms "
        f"(z = {z}): use a larger discount rate, or 0 for the exact undiscounted value"
    )


def expected_residual_lifetime(
    alpha: float, beta: float, periods_alive: ArrayLike, discount_rate: float
) -> NDArray[np.float64]:
    """Discounted expected residual lifetime (DERL) after ``periods_alive`` renewals.

    Convention (Fader & Hardie 2010, DERL with n renewals): a customer who has survived
    n periods (T > n: n renewals made, paying for period n + 1 now) is valued at the
    moment of their next renewal decision, and DERL counts the future renewals, the
    first one undiscounted:

        DERL(d | alpha, beta, n) = sum_{t >= 1} S(n + t) / S(n) / (1 + d) ** (t - 1)
            = B(alpha, beta + n + 1) / B(alpha, beta + n)
              * 2F1(1, beta + n + 1; alpha + beta + n + 1; 1 / (1 + d))

    The current period, already paid (and in historical value), is not counted, so a
    customer in their k-th paid month has n = k - 1; multiply by the margin per period
    for the residual value. The beta-function ratio is (beta + n) / (alpha + beta + n);
    the 2F1 comes from a continued fraction (see `_hyp2f1_one`), not scipy's hyp2f1,
    which fails for some fitted values. With d = 0 and alpha > 1 the sum is exactly
    (beta + n) / (alpha - 1); with d = 0 and alpha <= 1 it diverges (S(t) ~ t^-alpha)
    and the result is NaN, which the dbt model writes as null rather than infinity.
    Vectorised over ``periods_alive``; alpha, beta and the discount rate are scalars.
    """
    if not (math.isfinite(alpha) and math.isfinite(beta) and alpha > 0 and beta > 0):
        raise ValueError(
            f"alpha and beta must be positive and finite, got {alpha}, {beta} "
            "(a fit with converged=False has no parameters: use the fallback lifetime)"
        )
    if not (math.isfinite(discount_rate) and discount_rate >= 0):
        raise ValueError(f"discount_rate must be >= 0, got {discount_rate}")
    n = np.asarray(periods_alive, dtype=float)
    if not np.all(n >= 0):
        raise ValueError("periods_alive must be >= 0")
    b = beta + n
    if discount_rate == 0:
        if alpha <= 1:
            return np.full(n.shape, np.nan)
        return b / (alpha - 1.0)
    series = _hyp2f1_one(np.ravel(b), alpha, 1.0 / (1.0 + discount_rate))
    return (b / (alpha + b)) * series.reshape(n.shape)


def fallback_expected_lifetime(avg_monthly_logo_churn: float | None) -> float | None:
    """1 / average monthly logo churn: METRICS.md's lifetime when the sBG fit is unreliable.

    This is the mean lifetime E[T] = 1 / c of a geometric customer counted from the start,
    current month included; its undiscounted residual counterpart in the DERL convention
    is (1 - c) / c. Returns None (null, not infinity) when churn is 0, missing or NaN.
    Raises ValueError on a churn rate below 0 or above 1, which no data can produce.
    """
    if avg_monthly_logo_churn is None or math.isnan(avg_monthly_logo_churn):
        return None
    if not 0 <= avg_monthly_logo_churn <= 1:
        raise ValueError(
            f"avg_monthly_logo_churn must be a rate in [0, 1], got {avg_monthly_logo_churn}"
        )
    if avg_monthly_logo_churn == 0:
        return None
    return 1.0 / avg_monthly_logo_churn
