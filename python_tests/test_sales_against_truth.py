"""Win rate, sales cycle and the funnel against the generator's truth (issue 5)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from revops.synth import catalog

WINDOW = timedelta(days=180)  # the var funnel_window_days' default


def test_won_and_lost_counts_and_cycles_match_truth(wh):
    """Per month of close: won and lost counts, and the mean cycle of won deals, equal
    those of the simulated opportunities (truth.sales_cycle_days)."""
    mismatches = wh.execute(
        """
        with truth as (
            select date_trunc('month', close_date) as period_month,
                count(*) filter (where status = 'won') as won_count,
                count(*) filter (where status = 'lost') as lost_count,
                avg(sales_cycle_days) filter (where status = 'won') as avg_cycle
            from truth.opportunities where status != 'open' group by 1
        ),
        model as (
            select period_month, won_count, lost_count, avg_sales_cycle_days as avg_cycle
            from marts.metrics_win_rate where segment = 'All' and opportunity_type = 'All'
        )
        select * from truth full outer join model using (period_month)
        where truth.won_count is distinct from model.won_count
            or truth.lost_count is distinct from model.lost_count
            or abs(coalesce(truth.avg_cycle, -1) - coalesce(model.avg_cycle, -1)) > 1e-9
        """
    ).fetchall()
    months = wh.execute(
        "select count(distinct period_month) from marts.metrics_win_rate"
    ).fetchone()
    print(f"\n{months[0]} months compared; mismatches: {len(mismatches)}")
    assert months[0] > 12
    assert mismatches == []


def test_funnel_matches_truth(wh):
    """Every cohort x channel count of the funnel equals the count recomputed in Python
    from the simulated funnel timestamps, with the same window and skip rule."""
    opportunities = {
        row[0]: row[1:]
        for row in wh.execute(
            "select opportunity_id, created_at, closed_at, status from truth.opportunities"
        ).fetchall()
    }
    paid = dict(wh.execute("select company_id, first_paid_at from truth.companies").fetchall())
    expected: Counter = Counter()
    for lead_source, company_id, created, mql, sql, opportunity_id in wh.execute(
        "select lead_source, company_id, created_at, mql_at, sql_at, opportunity_id from truth.leads"
    ).fetchall():
        ends = created + WINDOW
        opp_at, closed_at, status = opportunities.get(opportunity_id, (None, None, None))
        first_paid = paid.get(company_id)
        reached = [
            True,
            bool(mql and mql <= ends),
            bool(sql and sql <= ends),
            bool(opp_at and opp_at <= ends),
            bool(status == "won" and closed_at <= ends),
            bool(first_paid and created <= first_paid <= ends),
        ]
        for stage in range(len(reached) - 2, 0, -1):  # a later stage implies the earlier
            reached[stage] = reached[stage] or reached[stage + 1]
        cohort = created.date().replace(day=1)
        for channel in (catalog.LEAD_SOURCE_CHANNELS[lead_source], "All"):
            for stage, hit in enumerate(reached):
                expected[(cohort, channel, stage)] += int(hit)
    model: Counter = Counter()
    for cohort, channel, *counts in wh.execute(
        "select cohort_month, channel, leads, mqls, sqls, opportunities, won, paying_customers "
        "from marts.metrics_funnel"
    ).fetchall():
        for stage, n in enumerate(counts):
            if n:
                model[(cohort, channel, stage)] = n
    expected = Counter({k: v for k, v in expected.items() if v})
    different = sorted(
        set(expected) ^ set(model) | {k for k in expected if expected[k] != model[k]}
    )
    print(f"\n{len(expected)} cohort x channel x stage counts; mismatches: {len(different)}")
    print("  e.g.", [(k, expected[k], model[k]) for k in different[:5]])
    assert len(expected) > 100
    assert different == []


def test_new_customers_per_month_match_truth(wh):
    """Blended CAC's denominator: new customers per month equal the companies whose true
    MRR first turned positive that month."""
    mismatches = wh.execute(
        """
        with truth as (
            select first_month as date_month, count(*) as new_customers
            from (select company_id, min(date_month) as first_month
                  from truth.mrr_monthly where round(mrr, 2) > 0 group by 1)
            group by 1
        ),
        model as (
            select date_month, new_customers from marts.metrics_cac_monthly where channel = 'All'
        )
        select * from model left join truth using (date_month)
        where model.new_customers != coalesce(truth.new_customers, 0)
        """
    ).fetchall()
    months = wh.execute(
        "select count(*) from marts.metrics_cac_monthly where channel = 'All'"
    ).fetchone()[0]
    print(f"\n{months} months compared; new-customer mismatches: {len(mismatches)}")
    assert months > 12
    assert mismatches == []
