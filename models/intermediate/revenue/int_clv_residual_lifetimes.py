"""Expected remaining months for each (segment, renewals survived) that paying customers have.

DuckDB reduces the customers to their distinct (segment, renewals) pairs, so the sBG
maths runs once per pair, vectorised, however many customers there are.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from revops.clv import expected_residual_lifetime

SCHEMA = pa.schema(
    [
        ("segment", pa.string()),
        ("current_life_renewals", pa.int64()),
        ("expected_remaining_months", pa.float64()),
        ("lifetime_method", pa.string()),
    ]
)


def model(dbt, session):
    dbt.config(materialized="table")
    discount_rate = float(dbt.config.get("clv_monthly_discount_rate"))
    fits = {
        row[0]: row[1:]
        for row in dbt.ref("int_clv_segment_fits")
        .project("segment, is_fit_reliable, sbg_alpha, sbg_beta, expected_lifetime_months")
        .fetchall()
    }
    pairs = (
        dbt.ref("int_customer_lifetimes")
        .filter("current_mrr > 0")
        .project("segment, current_life_renewals")
        .distinct()
        .order("segment, current_life_renewals")
        .fetchall()
    )
    rows = []
    for segment in sorted({segment for segment, _ in pairs}):
        renewals = np.array([n for s, n in pairs if s == segment], dtype=float)
        reliable, alpha, beta, fallback = fits[segment]
        if reliable:
            remaining = expected_residual_lifetime(alpha, beta, renewals, discount_rate)
            method = "sbg"
        else:
            # Memoryless fallback: the same expected lifetime whatever the tenure.
            remaining = np.full(renewals.shape, np.nan if fallback is None else fallback)
            method = "fallback_logo_churn"
        rows += [
            {
                "segment": segment,
                "current_life_renewals": int(n),
                "expected_remaining_months": None if np.isnan(m) else float(m),
                "lifetime_method": method,
            }
            for n, m in zip(renewals, remaining, strict=True)
        ]
    return pa.Table.from_pylist(rows, schema=SCHEMA)
