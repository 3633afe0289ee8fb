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


def true_movements(
    rows: list[tuple[str, date, float]],
) -> dict[tuple[str, date], tuple[float, str]]:
    """METRICS.md's movements, applied in Python to the truth's monthly MRR (in cents)."""
    out: dict[tuple[str, date], tuple[float, str]] = {}
    previous: dict[str, int] = {}
    ever: dict[str, bool] = {}
    for company, month, mrr in sorted(rows):
        cents, before = round(mrr * 100), previous.get(company, 0)
        if cents > 0 and not ever.get(company):
            label = "new"
        elif cents > 0 and before == 0:
            label = "reactivation"
        elif cents == 0 and before > 0:
            label = "churn"
        elif cents > before:
            label = "expansion"
        elif cents < before:
            label = "contraction"
        else:
            label = "unchanged"
        if cents > 0 or before > 0:
            out[(company, month)] = (cents / 100, label)
        previous[company], ever[company] = cents, ever.get(company, False) or cents > 0
    return out


def test_fct_mrr_rows_and_movements_equal_truth(wh):
    expected = true_movements(
        wh.execute("select company_id, date_month, mrr from truth.mrr_monthly").fetchall()
    )
    actual = {
        (company, month): (float(mrr), movement)
        for company, month, mrr, movement in wh.execute("""
            select identity.company_id, mrr.date_month, mrr.mrr, mrr.movement
            from marts.fct_mrr as mrr
            inner join truth.identity_map as identity on identity.raw_id = mrr.customer_id
        """).fetchall()
    }
    mismatched = sorted(
        k for k in expected.keys() | actual.keys() if expected.get(k) != actual.get(k)
    )
    labels = {label for _, label in expected.values()}
    print(f"fct_mrr: {len(mismatched)} row or movement mismatches in {len(expected)} true rows")
    assert labels == {"new", "expansion", "contraction", "churn", "reactivation", "unchanged"}
    assert mismatched == [], [(k, expected.get(k), actual.get(k)) for k in mismatched[:10]]


def test_revenue_metrics_and_cohorts_equal_truth(wh):
    """Monthly bridge totals, NRR and cohort retention recomputed from the true MRR."""
    movements = true_movements(
        wh.execute("select company_id, date_month, mrr from truth.mrr_monthly").fetchall()
    )
    by_month: dict[date, dict[str, float]] = {}
    for (_, month), (mrr, label) in movements.items():
        row = by_month.setdefault(
            month, {"ending_mrr": 0.0, "new": 0, "churn": 0, "reactivation": 0}
        )
        row["ending_mrr"] += mrr
        if label in ("new", "churn", "reactivation"):
            row[label] += 1
    actual = {
        month: (float(ending), new, churned, reactivated)
        for month, ending, new, churned, reactivated in wh.execute("""
            select date_month, ending_mrr, new_customers, churned_customers, reactivated_customers
            from marts.metrics_revenue_monthly
        """).fetchall()
    }
    expected = {
        m: (round(r["ending_mrr"], 2), r["new"], r["churn"], r["reactivation"])
        for m, r in by_month.items()
    }
    assert actual == expected
    # NRR for the last month, from the true MRR a year apart.
    last = max(by_month)
    year_ago = date(last.year - 1, last.month, 1)
    base = {c: mrr for (c, m), (mrr, _) in movements.items() if m == year_ago and mrr > 0}
    now = {c: mrr for (c, m), (mrr, _) in movements.items() if m == last}
    true_nrr = sum(now.get(c, 0.0) for c in base) / sum(base.values())
    model_nrr = wh.execute(
        "select nrr_12m from marts.metrics_revenue_monthly where date_month = ?", [last]
    ).fetchone()[0]
    assert model_nrr == pytest.approx(true_nrr, abs=1e-9)
    # Cohort retention: cohort of the `new` month, customers still paying each month after.
    cohorts = {c: m for (c, m), (_, label) in movements.items() if label == "new"}
    months = sorted(by_month)
    expected_cohorts = {}
    for company, cohort in cohorts.items():
        for month in months:
            if month < cohort:
                continue
            since = (month.year - cohort.year) * 12 + month.month - cohort.month
            paying = movements.get((company, month), (0.0, ""))[0] > 0
            key = (cohort, since)
            customers, retained = expected_cohorts.get(key, (0, 0))
            expected_cohorts[key] = (customers + 1, retained + int(paying))
    actual_cohorts = {
        (cohort, since): (customers, retained)
        for cohort, since, customers, retained in wh.execute("""
            select cohort_month, months_since_start, cohort_customers, retained_customers
            from marts.metrics_cohort_retention
        """).fetchall()
    }
    assert actual_cohorts == expected_cohorts
    print(
        f"revenue metrics: {len(expected)} months and {len(expected_cohorts)} cohort cells match the truth"
    )


def test_clv_fit_input_equals_truth_survival(wh):
    """The survival counts behind each segment's sBG fit, recomputed from the true MRR."""
    movements = true_movements(
        wh.execute("select company_id, date_month, mrr from truth.mrr_monthly").fetchall()
    )
    segment_of = dict(
        wh.execute("""
        select identity.company_id, lifetimes.segment
        from intermediate.int_customer_lifetimes as lifetimes
        inner join truth.identity_map as identity on identity.raw_id = lifetimes.customer_id
    """).fetchall()
    )
    as_of_month = max(month for _, month in movements)
    expected: dict[tuple[str, int], list[int]] = {}
    for company in {c for c, _ in movements}:
        rows = sorted((m, label) for (c, m), (_, label) in movements.items() if c == company)
        cohort = next(m for m, label in rows if label == "new")
        churn = next((m for m, label in rows if label == "churn"), None)
        end = churn or as_of_month
        months = (end.year - cohort.year) * 12 + end.month - cohort.month
        if months > 0:
            cell = expected.setdefault((segment_of[company], months), [0, 0])
            cell[0 if churn else 1] += 1
    actual = {
        (segment, period): [lost, censored]
        for segment, period, lost, censored in wh.execute(
            "select * from intermediate.int_clv_survival_counts"
        ).fetchall()
    }
    assert actual == expected
    fits = wh.execute(
        "select segment, fit_customers from intermediate.int_clv_segment_fits"
    ).fetchall()
    for segment, fit_customers in fits:
        assert fit_customers == sum(sum(v) for (s, _), v in expected.items() if s == segment)


def test_clv_historical_value_equals_truth(wh):
    """Historical value = paid invoices net of tax minus refunds, converted in their month."""
    mismatches = wh.execute("""
        with money as (
            select customer_id, currency, created_at, (amount_paid_minor - tax_minor) / 100 as amount
            from truth.invoices where status = 'paid'
            union all
            select customer_id, currency, created_at, -amount_minor / 100 from truth.refunds
        ),
        expected as (
            select identity.company_id, round(sum(money.amount * fx.rate_to_usd), 2) as value
            from money
            inner join seeds.fx_rates as fx
                on fx.currency = money.currency and fx.date_month = date_trunc('month', money.created_at)
            inner join truth.identity_map as identity on identity.raw_id = money.customer_id
            group by identity.company_id
        ),
        actual as (
            select identity.company_id, clv.historical_value as value
            from marts.metrics_clv as clv
            inner join truth.identity_map as identity on identity.raw_id = clv.customer_id
        )
        select actual.company_id, actual.value, expected.value
        from actual left join expected using (company_id)
        where abs(actual.value - coalesce(expected.value, 0)) > 0.01
    """).fetchall()
    compared = wh.execute("select count(*) from marts.metrics_clv").fetchone()[0]
    refunds = wh.execute("select count(*) from truth.refunds").fetchone()[0]
    print(
        f"historical value: {len(mismatches)} mismatches in {compared} customers ({refunds} refunds)"
    )
    assert refunds > 0
    assert mismatches == []
