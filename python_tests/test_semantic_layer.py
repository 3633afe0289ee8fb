"""The MetricFlow semantic layer validates, and its queries give the metrics tables' numbers.

The metrics tables are proven against the generator's ground truth elsewhere; here `mf query`
must reproduce them, by month and by coarser grains where the semantic layer has to add
stocks and flows correctly (a quarter's MRR is its last month's, its win rate the ratio of
its sums).
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import PROJECT_DIR, dbt_env
from revops.serving import publish

MF = Path(sys.executable).parent / "mf"
CENT = 0.0051  # both sides are rounded to the cent at most once
RATE = 1e-9


@pytest.fixture(scope="module")
def mf_env(built: Path) -> dict[str, str]:
    """`mf` reads `<project>/target/semantic_manifest.json`, ignoring DBT_TARGET_PATH, so it
    runs from a stand-in project folder whose `target` is the test build's."""
    project = built / "mf_project"
    project.mkdir(exist_ok=True)
    for name, target in (
        ("dbt_project.yml", PROJECT_DIR / "dbt_project.yml"),
        ("target", built / "target"),
    ):
        link = project / name
        if not link.exists():
            link.symlink_to(target)
    return {**dbt_env(built), "DBT_PROJECT_DIR": str(project)}


def mf(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(MF), *args],
        cwd=env["DBT_PROJECT_DIR"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def mf_query(
    env: dict[str, str], tmp_path: Path, metrics: list[str], group_by: list[str]
) -> list[dict]:
    out = tmp_path / f"{'_'.join(group_by)}.csv"
    result = mf(
        env,
        "query",
        "--metrics",
        ",".join(metrics),
        "--group-by",
        ",".join(group_by),
        "--csv",
        str(out),
    )
    assert result.returncode == 0 and out.exists(), result.stdout[-3000:] + result.stderr[-3000:]
    with out.open(newline="") as handle:
        return [
            {key: (None if value == "" else value) for key, value in row.items()}
            for row in csv.DictReader(handle)
        ]


def as_float(value) -> float | None:
    return None if value is None else float(value)


def row_mismatches(
    actual: dict, expected: dict, tolerances: dict[str, float], relative: tuple[str, ...] = ()
) -> list[str]:
    """The mismatches between two {key: {column: value}} maps: keys on one side only, and
    columns off by more than their tolerance (for `relative` columns, tolerance times the
    expected value's size, at least 1)."""
    problems = (
        [f"keys only in mf: {sorted(set(actual) - set(expected))}"]
        if set(actual) - set(expected)
        else []
    )
    problems += (
        [f"keys only in the table: {sorted(set(expected) - set(actual))}"]
        if set(expected) - set(actual)
        else []
    )
    for key in sorted(set(actual) & set(expected)):
        for column, tolerance in tolerances.items():
            got, want = as_float(actual[key][column]), as_float(expected[key][column])
            if column in relative and want is not None:
                tolerance *= max(1.0, abs(want))
            if (got is None) != (want is None) or (got is not None and abs(got - want) > tolerance):
                problems.append(f"{key} {column}: mf {got} vs table {want}")
    return problems


def table(built: Path, sql: str) -> dict[str, dict]:
    """Rows of a query keyed by its first column (as text: 'YYYY-MM-DD'), read after `mf` is done."""
    with duckdb.connect(str(built / "warehouse.duckdb"), read_only=True) as con:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return {str(row[0]): dict(zip(names, row, strict=True)) for row in cursor.fetchall()}


def keyed(rows: list[dict], key: str) -> dict[str, dict]:
    """Rows by their date key; rows without one (records with no date) are left out."""
    return {row[key][:10]: row for row in rows if row[key] is not None}


def test_mf_validate_configs_passes_including_the_warehouse_checks(mf_env):
    result = mf(mf_env, "validate-configs")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    # The semantic checks and five against the warehouse (semantic models, dimensions,
    # entities, measures, metrics), each reporting zero errors of any kind.
    summaries = re.findall(
        r"Successfully validated .*?\((ERRORS: \d+, FUTURE_ERRORS: \d+, WARNINGS: \d+)\)", output
    )
    assert summaries == ["ERRORS: 0, FUTURE_ERRORS: 0, WARNINGS: 0"] * 6, output[-4000:]


def test_mrr_bridge_and_rates_by_month_equal_metrics_revenue_monthly(mf_env, built, tmp_path):
    rows = mf_query(
        mf_env,
        tmp_path,
        [
            "mrr", "arr", "starting_mrr", "new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr",
            "reactivation_mrr", "customers", "starting_customers", "new_customers", "churned_customers",
            "reactivated_customers", "logo_churn_rate", "gross_mrr_churn_rate", "quick_ratio", "arpa",
            "nrr_12m", "grr_12m",
        ],
        ["metric_time__month"],
    )  # fmt: skip
    expected = table(
        built,
        """
        select
            cast(date_month as varchar), ending_mrr as mrr, ending_arr as arr, starting_mrr, new_mrr,
            expansion_mrr, contraction_mrr, churned_mrr, reactivation_mrr, ending_customers as customers,
            starting_customers, new_customers, churned_customers, reactivated_customers, logo_churn_rate,
            gross_mrr_churn_rate, quick_ratio, arpa, nrr_12m, grr_12m
        from marts.metrics_revenue_monthly
        """,
    )
    assert len(expected) >= 20
    money = [
        "mrr",
        "arr",
        "starting_mrr",
        "new_mrr",
        "expansion_mrr",
        "contraction_mrr",
        "churned_mrr",
    ]
    counts = [
        "customers",
        "starting_customers",
        "new_customers",
        "churned_customers",
        "reactivated_customers",
    ]
    rates = ["logo_churn_rate", "gross_mrr_churn_rate", "quick_ratio", "nrr_12m", "grr_12m"]
    tolerances = {
        **dict.fromkeys([*money, "reactivation_mrr"], CENT),
        **dict.fromkeys(counts, 0),
        **dict.fromkeys(rates, RATE),
        "arpa": CENT,  # the table divides unrounded MRR; the metric, MRR rounded to the cent
    }
    assert row_mismatches(keyed(rows, "metric_time__month"), expected, tolerances) == []
    # The movements really happen in this sample, so the comparison above is not of zeros.
    assert sum(float(r["reactivation_mrr"] or 0) for r in rows) > 0
    assert sum(float(r["churned_mrr"] or 0) for r in rows) > 0


def test_by_quarter_stocks_are_read_at_the_ends_and_flows_are_summed(mf_env, built, tmp_path):
    rows = mf_query(
        mf_env,
        tmp_path,
        [
            "mrr",
            "starting_mrr",
            "new_mrr",
            "churned_customers",
            "starting_customers",
            "logo_churn_rate",
            "nrr_12m",
        ],
        ["metric_time__quarter"],
    )
    expected = table(
        built,
        """
        with months as (
            select
                *,
                cast(date_trunc('quarter', date_month) as date) as date_quarter,
                row_number() over (partition by date_trunc('quarter', date_month) order by date_month) as first_rank,
                row_number() over (partition by date_trunc('quarter', date_month) order by date_month desc) as last_rank
            from marts.metrics_revenue_monthly
        )
        select
            cast(date_quarter as varchar),
            max(case when last_rank = 1 then ending_mrr end) as mrr,
            max(case when first_rank = 1 then starting_mrr end) as starting_mrr,
            sum(new_mrr) as new_mrr,
            sum(churned_customers) as churned_customers,
            max(case when first_rank = 1 then starting_customers end) as starting_customers,
            sum(churned_customers) * 1.0
            / nullif(max(case when first_rank = 1 then starting_customers end), 0) as logo_churn_rate,
            max(case when last_rank = 1 then nrr_12m end) as nrr_12m
        from months
        group by date_quarter
        """,
    )
    assert len(expected) >= 7
    tolerances = {
        "mrr": CENT,
        "starting_mrr": CENT,
        "new_mrr": CENT * 3,  # three monthly figures, each rounded to the cent
        "churned_customers": 0,
        "starting_customers": 0,
        "logo_churn_rate": RATE,
        "nrr_12m": RATE,
    }
    assert row_mismatches(keyed(rows, "metric_time__quarter"), expected, tolerances) == []


def test_win_rate_and_sales_cycle_by_quarter_equal_metrics_win_rate(mf_env, built, tmp_path):
    rows = mf_query(
        mf_env,
        tmp_path,
        [
            "win_rate",
            "win_rate_amount",
            "won_opportunities",
            "lost_opportunities",
            "avg_sales_cycle_days",
        ],
        ["metric_time__quarter"],
    )
    expected = table(
        built,
        """
        select
            cast(cast(date_trunc('quarter', period_month) as date) as varchar) as date_quarter,
            sum(won_count) * 1.0 / nullif(sum(won_count + lost_count), 0) as win_rate,
            sum(won_amount) / nullif(sum(won_amount + lost_amount), 0) as win_rate_amount,
            sum(won_count) as won_opportunities,
            sum(lost_count) as lost_opportunities,
            sum(avg_sales_cycle_days * won_count) / nullif(sum(won_count), 0) as avg_sales_cycle_days
        from marts.metrics_win_rate
        where segment = 'All' and opportunity_type = 'All'
        group by 1
        """,
    )
    assert len(expected) >= 5
    # Open opportunities have no close date: mf groups them under a null quarter, where
    # they count neither as won nor lost.
    undated = [r for r in rows if r["metric_time__quarter"] is None]
    assert all(
        float(r["won_opportunities"]) == float(r["lost_opportunities"]) == 0 for r in undated
    )
    tolerances = {
        "win_rate": RATE,
        "win_rate_amount": 1e-6,
        "won_opportunities": 0,
        "lost_opportunities": 0,
        "avg_sales_cycle_days": 1e-6,
    }
    assert row_mismatches(keyed(rows, "metric_time__quarter"), expected, tolerances) == []


def test_cac_blended_and_by_channel_equal_metrics_cac_monthly(mf_env, built, tmp_path):
    blended = mf_query(
        mf_env, tmp_path, ["cac", "sm_cost", "acquired_customers"], ["metric_time__month"]
    )
    expected = table(
        built,
        """
        select cast(date_month as varchar), cac, total_sm_cost as sm_cost, new_customers as acquired_customers
        from marts.metrics_cac_monthly
        where channel = 'All'
        """,
    )
    # mf adds up the channel rows, each rounded to the cent (up to ten of them), where the
    # table's 'All' row rounds once; and mf prints money to the cent.
    tolerances = {"cac": 10 * CENT, "sm_cost": 10 * CENT, "acquired_customers": 1e-9}
    assert row_mismatches(keyed(blended, "metric_time__month"), expected, tolerances) == []

    by_channel = mf_query(
        mf_env, tmp_path, ["cac"], ["metric_time__month", "acquisition_cost__channel"]
    )
    expected = table(
        built,
        """
        select cast(date_month as varchar) || ' ' || channel, cac
        from marts.metrics_cac_monthly
        where channel <> 'All'
        """,
    )
    actual = {
        f"{r['metric_time__month'][:10]} {r['acquisition_cost__channel']}": r for r in by_channel
    }
    assert row_mismatches(actual, expected, {"cac": CENT}) == []
    assert any(r["cac"] is not None for r in actual.values())


def test_pipeline_velocity_from_its_inputs_equals_metrics_pipeline_velocity(
    mf_env, built, tmp_path
):
    rows = mf_query(
        mf_env,
        tmp_path,
        ["pipeline_velocity_per_day", "pipeline_open_opportunities", "pipeline_window_won_deals"],
        ["metric_time__month", "pipeline_month__segment"],
    )
    expected = table(
        built,
        """
        select
            cast(date_month as varchar) || ' ' || segment,
            velocity_per_day as pipeline_velocity_per_day,
            open_opportunities as pipeline_open_opportunities,
            window_won_count as pipeline_window_won_deals
        from marts.metrics_pipeline_velocity
        where segment <> 'All'
        """,
    )
    actual = {f"{r['metric_time__month'][:10]} {r['pipeline_month__segment']}": r for r in rows}
    # The table multiplies by the average deal size rounded to the cent; relative 1e-6 covers it.
    tolerances = {
        "pipeline_velocity_per_day": 1e-6,
        "pipeline_open_opportunities": 0,
        "pipeline_window_won_deals": 0,
    }
    relative = ("pipeline_velocity_per_day",)
    assert row_mismatches(actual, expected, tolerances, relative) == []

    totals = mf_query(mf_env, tmp_path, ["pipeline_velocity_per_day"], ["metric_time__month"])
    all_rows = table(
        built,
        """
        select cast(date_month as varchar), velocity_per_day as pipeline_velocity_per_day
        from marts.metrics_pipeline_velocity
        where segment = 'All'
        """,
    )
    assert (
        row_mismatches(
            keyed(totals, "metric_time__month"),
            all_rows,
            {"pipeline_velocity_per_day": 1e-6},
            relative,
        )
        == []
    )


def test_mrr_by_customer_segment_joins_dim_customers(mf_env, built, tmp_path):
    """Sliced through the `customer` entity, the last month's MRR per segment is each
    segment's `dim_customers.current_mrr` (MRR on the as-of date)."""
    rows = mf_query(mf_env, tmp_path, ["mrr", "customers"], ["customer__segment"])
    expected = table(
        built,
        """
        select segment, sum(current_mrr) as mrr, count(*) filter (where current_mrr > 0) as customers
        from marts.dim_customers
        where first_paid_at is not null
        group by segment
        """,
    )
    actual = {r["customer__segment"]: r for r in rows}
    assert row_mismatches(actual, expected, {"mrr": CENT, "customers": 0}) == []
    assert len(actual) >= 3


def test_mf_lists_the_governed_metrics(mf_env):
    result = mf(mf_env, "list", "metrics")
    assert result.returncode == 0, result.stdout[-2000:]
    assert "win_rate" in result.stdout and "mrr" in result.stdout


def test_mf_on_the_serving_target_reads_while_a_build_holds_the_working_file(
    mf_env, built, tmp_path
):
    """BI tools query the semantic layer with REVOPS_DBT_TARGET=serving: it reads the
    published serving file, so a build holding the working file's write lock blocks nothing."""
    working = tmp_path / "warehouse.duckdb"  # same name, so the same catalog as the manifest's
    shutil.copyfile(built / "warehouse.duckdb", working)
    publish(working, tmp_path / "serving.duckdb")
    env = {
        **mf_env,
        "REVOPS_WAREHOUSE_PATH": str(working),
        "REVOPS_SERVING_PATH": str(tmp_path / "serving.duckdb"),
    }
    build_lock = duckdb.connect(str(working))  # what `dbt build` holds while it runs
    try:
        blocked = mf(env, "query", "--metrics", "mrr", "--group-by", "metric_time__month")
        assert blocked.returncode != 0, (
            "the dev target should not open a file another process writes"
        )
        rows = mf_query(
            {**env, "REVOPS_DBT_TARGET": "serving"}, tmp_path, ["mrr"], ["metric_time__month"]
        )
    finally:
        build_lock.close()
    expected = table(
        built,
        "select cast(date_month as varchar), ending_mrr as mrr from marts.metrics_revenue_monthly",
    )
    assert row_mismatches(keyed(rows, "metric_time__month"), expected, {"mrr": CENT}) == []
