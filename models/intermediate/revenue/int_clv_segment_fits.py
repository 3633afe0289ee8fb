"""Per segment: the shifted-beta-geometric fit of monthly survival, and its fallback.

The thin dbt wrapper around `revops.clv`: DuckDB has already aggregated the survival
counts (segments x months of history); only those few numbers reach numpy/scipy.
"""

from __future__ import annotations

import math

import numpy as np
import pyarrow as pa

from revops.clv import expected_residual_lifetime, fallback_expected_lifetime, fit_sbg

SCHEMA = pa.schema(
    [
        ("segment", pa.string()),
        ("customers", pa.int64()),
        ("fit_customers", pa.int64()),
        ("sbg_alpha", pa.float64()),
        ("sbg_beta", pa.float64()),
        ("log_likelihood", pa.float64()),
        ("is_converged", pa.bool_()),
        ("is_fit_reliable", pa.bool_()),
        ("avg_monthly_logo_churn", pa.float64()),
        ("expected_lifetime_months", pa.float64()),
    ]
)


def finite_or_none(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def segment_fit(lost, censored, customers, churn, *, discount_rate, min_customers) -> dict:
    fit = None
    if sum(lost) + sum(censored) > 0:
        fit = fit_sbg(lost, censored)
    reliable = bool(fit is not None and fit.converged and customers >= min_customers)
    if reliable:
        # A new customer: the month it pays now, plus the renewals the fit expects.
        lifetime = 1.0 + float(
            expected_residual_lifetime(fit.alpha, fit.beta, [0], discount_rate)[0]
        )
    else:
        lifetime = fallback_expected_lifetime(churn)
    return {
        "fit_customers": int(fit.n_customers) if fit is not None else 0,
        "sbg_alpha": finite_or_none(fit.alpha) if fit is not None else None,
        "sbg_beta": finite_or_none(fit.beta) if fit is not None else None,
        "log_likelihood": finite_or_none(fit.log_likelihood) if fit is not None else None,
        "is_converged": bool(fit is not None and fit.converged),
        "is_fit_reliable": reliable,
        "expected_lifetime_months": finite_or_none(lifetime),
    }


def model(dbt, session):
    dbt.config(materialized="table")
    discount_rate = float(dbt.config.get("clv_monthly_discount_rate"))
    min_customers = int(dbt.config.get("clv_min_customers_per_fit"))
    counts = dbt.ref("int_clv_survival_counts").fetchall()
    segments = dbt.ref("int_segment_logo_churn").fetchall()
    rows = []
    for segment, customers, churn in sorted(segments):
        periods = [(p, lost, cens) for seg, p, lost, cens in counts if seg == segment]
        length = max((p for p, _, _ in periods), default=0)
        lost, censored = np.zeros(length), np.zeros(length)
        for period, n_lost, n_censored in periods:
            lost[period - 1] += n_lost
            censored[period - 1] += n_censored
        rows.append(
            {
                "segment": segment,
                "customers": int(customers),
                "avg_monthly_logo_churn": churn,
                **segment_fit(
                    lost,
                    censored,
                    customers,
                    churn,
                    discount_rate=discount_rate,
                    min_customers=min_customers,
                ),
            }
        )
    return pa.Table.from_pylist(rows, schema=SCHEMA)
