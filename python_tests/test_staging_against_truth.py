"""dbt build on a fresh messy sample: staging agrees with what the generator simulated."""

from __future__ import annotations

from conftest import scalar
from revops.synth.schema import RAW_TABLES


def test_build_has_no_failures_or_warnings(run_results):
    # Exposures have nothing to run: `dbt build` reports them as no-op.
    bad = [
        (r["unique_id"], r["status"])
        for r in run_results
        if r["status"] not in ("success", "pass")
        and not (r["unique_id"].startswith("exposure.") and r["status"] == "no-op")
    ]
    assert bad == []
    assert len(run_results) > 150  # seeds, ~60 staging models and their tests


def test_every_injected_bad_row_gets_its_expected_reason(wh):
    """Per table and reason, staging excluded exactly the rows the generator made bad."""
    mismatches = wh.execute("""
        with expected as (
            select table_name, expected_reason as dq_reason, expected_action as dq_action,
                   count(*) as expected_rows
            from truth.bad_rows group by all
        ),
        actual as (
            select source_name || '.' || table_name as table_name, dq_reason, dq_action,
                   count(*) as actual_rows
            from data_quality.dq_excluded_rows group by all
        )
        select * from expected full outer join actual using (table_name, dq_reason, dq_action)
        where coalesce(expected_rows, 0) != coalesce(actual_rows, 0)
    """).fetchall()
    print(f"dq reason mismatches: {len(mismatches)}")
    assert mismatches == []
    assert scalar(wh, "select count(*) from truth.bad_rows") > 300


def test_row_counts_reconcile_and_match_raw(wh):
    assert (
        scalar(wh, "select count(*) from data_quality.dq_row_counts where not is_reconciled") == 0
    )
    assert scalar(wh, "select count(*) from data_quality.dq_row_counts") == 28
    raw_rows = sum(
        scalar(wh, f'select count(*) from raw."{schema}"."{table}"') for schema, table in RAW_TABLES
    )
    assert scalar(wh, "select sum(raw_rows) from data_quality.dq_row_counts") == raw_rows


def test_live_salesforce_records_match_truth(wh):
    for obj, model in (
        ("account", "stg_salesforce__accounts"),
        ("contact", "stg_salesforce__contacts"),
        ("lead", "stg_salesforce__leads"),
        ("opportunity", "stg_salesforce__opportunities"),
    ):
        expected = scalar(
            wh,
            f"select count(*) from truth.identity_map where system = 'salesforce' and object = '{obj}'",
        )
        assert scalar(wh, f"select count(*) from staging.{model}") == expected, obj


def test_unique_people_after_normalising_emails(wh):
    """Leads and contacts of one person differ only in email case and whitespace."""
    expected = scalar(
        wh,
        """
        select count(distinct person_id) from truth.identity_map
        where system = 'salesforce' and object in ('lead', 'contact')
    """,
    )
    actual = scalar(
        wh,
        """
        select count(distinct email) from (
            select email from staging.stg_salesforce__leads
            union all select email from staging.stg_salesforce__contacts
        )
    """,
    )
    raw_distinct = scalar(
        wh,
        """
        select count(distinct email) from (
            select email from raw.salesforce.lead where not is_deleted
            union all select email from raw.salesforce.contact where not is_deleted
        )
    """,
    )
    assert actual == expected
    assert raw_distinct > expected  # the raw emails really were messy


def test_stripe_customers_and_paid_invoices_match_truth(wh):
    assert scalar(wh, "select count(*) from staging.stg_stripe__customers") == scalar(
        wh, "select count(*) from truth.identity_map where system = 'stripe'"
    )
    expected = wh.execute("""
        select currency, count(*), round(sum(total_minor) / 100, 2)
        from truth.invoices where status = 'paid' group by 1 order by 1
    """).fetchall()
    actual = wh.execute("""
        select currency, count(*), round(sum(total), 2)
        from staging.stg_stripe__invoices where status = 'paid' group by 1 order by 1
    """).fetchall()
    assert actual == expected
    assert len(expected) == 3  # USD, EUR and GBP customers


def test_ad_spend_matches_truth(wh):
    expected = wh.execute("""
        select currency, round(sum(amount), 2) from truth.spend_daily
        where source in ('google_ads', 'facebook_ads') group by 1 order by 1
    """).fetchall()
    actual = wh.execute("""
        with spend as (
            select accounts.currency, stats.cost as amount
            from staging.stg_google_ads__campaign_stats as stats
            inner join staging.stg_google_ads__accounts as accounts
                on stats.ads_account_id = accounts.ads_account_id
            union all
            select accounts.currency, stats.spend
            from staging.stg_facebook_ads__ad_stats as stats
            inner join staging.stg_facebook_ads__accounts as accounts
                on stats.ads_account_id = accounts.ads_account_id
        )
        select currency, round(sum(amount), 2) from spend group by 1 order by 1
    """).fetchall()
    assert actual == expected
