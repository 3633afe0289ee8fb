"""MRR per customer and month equals the generator's true MRR, to the cent (METRICS.md)."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from conftest import run_dbt
from revops.synth.cli import generate

# Model MRR per real company (through the truth's identity map of Stripe customers) against
# the truth simulated from the contracts. "To the cent": both rounded to 2 decimals, at most
# 0.01 apart. Months after a churn carry 0 in the truth and no row in the model.
MISMATCHES = """
    with model as (
        select identity.company_id, mrr.date_month, sum(mrr.mrr) as mrr
        from intermediate.int_subscription_mrr_monthly as mrr
        inner join truth.identity_map as identity
            on identity.system = 'stripe' and identity.raw_id = mrr.customer_id
        group by all
    )
    select company_id, date_month, round(coalesce(model.mrr, 0), 2) as model_mrr,
           round(coalesce(truth.mrr, 0), 2) as true_mrr
    from model full outer join truth.mrr_monthly as truth using (company_id, date_month)
    where abs(round(coalesce(model.mrr, 0), 2) - round(coalesce(truth.mrr, 0), 2)) > 0.01
    order by company_id, date_month
"""


def compare(con: duckdb.DuckDBPyConnection, label: str) -> None:
    mismatches = con.execute(MISMATCHES).fetchall()
    compared = con.execute("select count(*) from truth.mrr_monthly").fetchone()[0]
    print(f"{label}: {len(mismatches)} MRR mismatches in {compared} customer-months")
    assert compared > 1000
    assert mismatches == [], mismatches[:10]


def test_mrr_equals_truth_to_the_cent(wh):
    compare(wh, "seed 11, 400 companies")


def test_mrr_equals_truth_at_another_seed_and_scale(tmp_path):
    generate(
        out=tmp_path / "raw.duckdb",
        truth_path=tmp_path / "truth.duckdb",
        accounts=1500,
        months=30,
        seed=23,
        end_date=date(2026, 7, 20),
        mess_rate=0.03,
    )
    result = run_dbt(
        tmp_path,
        "build",
        "--select",
        "+int_subscription_mrr_monthly",
        "--indirect-selection",
        "cautious",
    )
    if result.returncode != 0:
        pytest.fail(result.stdout[-4000:])
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)
    con.execute(f"attach '{tmp_path / 'truth.duckdb'}' as truth (read_only)")
    try:
        compare(con, "seed 23, 1500 companies, as of 2026-07-20")
    finally:
        con.close()
