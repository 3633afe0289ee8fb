"""The generator: deterministic for a seed, and its truth follows METRICS.md's MRR rules."""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from datetime import date, datetime

import duckdb
import pytest
import yaml

from conftest import PROJECT_DIR
from revops.synth.billing import BillingContext, Contract, ContractLine, Price, SubscriptionSim
from revops.synth.cli import DEFAULT_FX, generate
from revops.synth.schema import RAW_TABLES
from revops.synth.tables import FxRates, Ids, RawTables, add_months
from revops.synth.world import World
from revops.synth.writer import TRUTH_TABLES

SMALL = {"accounts": 60, "months": 12, "end_date": date(2026, 6, 30), "mess_rate": 0.05}


def table_rows(path, schema: str, table: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(f'select * from "{schema}"."{table}" order by all').fetchall()


def test_same_seed_same_data_different_seed_different_data(tmp_path):
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        generate(
            out=tmp_path / f"{name}.duckdb",
            truth_path=tmp_path / f"{name}_truth.duckdb",
            seed=seed,
            **SMALL,
        )
    differing = []
    for schema, table in RAW_TABLES:
        a = table_rows(tmp_path / "a.duckdb", schema, table)
        assert a == table_rows(tmp_path / "b.duckdb", schema, table), (
            f"{schema}.{table} differs for one seed"
        )
        if a != table_rows(tmp_path / "c.duckdb", schema, table):
            differing.append(f"{schema}.{table}")
    # Every table whose rows depend on chance differs; the product catalogue does not.
    assert len(differing) >= 20, differing
    truth_a = table_rows(tmp_path / "a_truth.duckdb", "main", "mrr_monthly")
    assert truth_a == table_rows(tmp_path / "b_truth.duckdb", "main", "mrr_monthly")


def test_fx_range_error_says_what_to_fix(tmp_path):
    with pytest.raises(ValueError, match=r"extend seeds/fx_rates.csv"):
        generate(
            out=tmp_path / "r.duckdb",
            truth_path=tmp_path / "t.duckdb",
            seed=1,
            accounts=5,
            months=6,
            end_date=date(2035, 1, 31),
            mess_rate=0,
        )


# What a marketing budget moves: amounts, and the clicks and impressions bought with them.
BUDGET_COLUMNS = {
    ("google_ads", "campaign_stats"): ("clicks", "impressions", "cost_micros"),
    ("facebook_ads", "basic_ad"): ("impressions", "inline_link_clicks", "spend"),
    ("salesforce", "campaign"): ("budgeted_cost", "actual_cost"),
    ("main", "spend_daily"): ("amount", "amount_usd"),
}


def rows_without(path, schema: str, table: str) -> list[tuple]:
    exclude = BUDGET_COLUMNS.get((schema, table))
    columns = f"* exclude ({', '.join(exclude)})" if exclude else "*"
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(f'select {columns} from "{schema}"."{table}" order by all').fetchall()


def test_budgets_scale_spend_and_leave_every_other_row_alone(tmp_path, monkeypatch):
    """Tripling the marketing budgets (World.budget_scale) triples ad spend and campaign
    costs, and the clicks bought with them, and changes nothing else: no random draw
    depends on a budget, so every other raw row, and every truth table but spend_daily,
    is the same row for row."""
    generate(out=tmp_path / "a.duckdb", truth_path=tmp_path / "a_truth.duckdb", seed=3, **SMALL)
    budget_scale = World.budget_scale.fget
    monkeypatch.setattr(World, "budget_scale", property(lambda world: 3 * budget_scale(world)))
    generate(out=tmp_path / "b.duckdb", truth_path=tmp_path / "b_truth.duckdb", seed=3, **SMALL)
    for schema, table in RAW_TABLES:
        assert rows_without(tmp_path / "a.duckdb", schema, table) == rows_without(
            tmp_path / "b.duckdb", schema, table
        ), f"{schema}.{table}"
    for table in TRUTH_TABLES:
        assert rows_without(tmp_path / "a_truth.duckdb", "main", table) == rows_without(
            tmp_path / "b_truth.duckdb", "main", table
        ), f"truth.{table}"
    totals = {}
    for name in ("a", "b"):
        with duckdb.connect(str(tmp_path / f"{name}.duckdb"), read_only=True) as con:
            totals[name] = con.execute("""
                select
                    (select sum(cost_micros) from google_ads.campaign_stats),
                    (select sum(clicks) from google_ads.campaign_stats),
                    (select sum(spend) from facebook_ads.basic_ad),
                    (select sum(inline_link_clicks) from facebook_ads.basic_ad),
                    (select sum(actual_cost) from salesforce.campaign)
            """).fetchone()
    cost, clicks, spend, fb_clicks, campaign_cost = (
        b / a for a, b in zip(totals["a"], totals["b"], strict=True)
    )
    assert cost == pytest.approx(3, rel=1e-4) and spend == pytest.approx(3, rel=1e-4)
    assert campaign_cost == pytest.approx(3, rel=1e-4)
    # Clicks are spend ÷ a drawn cost per click, rounded down (this small sample spends a
    # few dollars a day, so rounding weighs): about three times as many.
    assert 2.5 < clicks < 3.5 and 2.5 < fb_clicks < 3.5, (clicks, fb_clicks)


def test_sample_cac_payback_is_plausible(sample):
    """The budgets are sized for the sample: over its window, CAC payback (CAC ÷ new MRR
    per new customer ÷ the gross_margin var, which comes to S&M cost ÷ new MRR ÷ margin) is
    12 to 30 months blended, as for a healthy SaaS company, and 6 to 36 months for each
    paid channel (a channel may do worse than the blend). All from the sample's truth
    (generated once for the session): spend in USD, customers by their first month of
    positive MRR and their first-touch channel, plus the sm_expenses seed (converted with
    fx_rates) for the blend. Ad budgets sized for a far larger company once made paid
    search payback 200 months on this sample."""
    project = yaml.safe_load((PROJECT_DIR / "dbt_project.yml").read_text())
    margin = float(project["vars"]["gross_margin"])
    cost: dict[str, float] = defaultdict(float)
    months = set()
    with duckdb.connect(str(sample / "truth.duckdb"), read_only=True) as truth:
        spend = truth.execute("select channel, date_day, amount_usd from spend_daily").fetchall()
        mrr_months = truth.execute("select company_id, date_month, mrr from mrr_monthly").fetchall()
        channel = dict(
            truth.execute("select company_id, acquisition_channel from companies").fetchall()
        )
    for spend_channel, day, amount_usd in spend:
        cost[spend_channel] += amount_usd
        cost["All"] += amount_usd
        months.add(day.replace(day=1))
    rates = FxRates(DEFAULT_FX)
    with open(PROJECT_DIR / "seeds" / "sm_expenses.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            month = date.fromisoformat(row["date_month"])
            if month in months:
                cost["All"] += rates.to_usd(row["currency"], month) * float(row["amount"])
    first_mrr: dict[str, tuple[date, float]] = {}
    for company_id, date_month, mrr in mrr_months:
        if round(mrr, 2) > 0 and date_month < first_mrr.get(company_id, (date.max, 0.0))[0]:
            first_mrr[company_id] = (date_month, mrr)
    new_mrr: dict[str, float] = defaultdict(float)
    for company_id, (_, mrr) in first_mrr.items():
        new_mrr[channel[company_id]] += mrr
        new_mrr["All"] += mrr
    payback = {c: cost[c] / (new_mrr[c] * margin) for c in ("All", "Paid Search", "Paid Social")}
    print(
        "CAC payback months from the truth: "
        + ", ".join(f"{c} {m:.1f}" for c, m in payback.items())
    )
    assert 12 <= payback["All"] <= 30, payback
    assert all(6 <= payback[c] <= 36 for c in ("Paid Search", "Paid Social")), payback


@pytest.mark.parametrize(
    ("interval", "count", "expected"),
    [
        ("month", 1, 1.0),
        ("month", 3, 1 / 3),
        ("year", 1, 1 / 12),
        ("year", 2, 1 / 24),
        ("week", 1, 52 / 12),
        ("day", 1, 365 / 12),
    ],
)
def test_monthly_factor_follows_metrics_md(interval, count, expected):
    price = Price("p", "prod", "k", "usd", 100, interval, count)
    assert price.monthly_factor() == pytest.approx(expected)


def contract(**kwargs) -> Contract:
    c = Contract("sub_1", **kwargs)
    c.status_times = [datetime(2025, 1, 10, 9), datetime(2025, 3, 5, 12), datetime(2025, 3, 12, 8)]
    c.statuses = ["active", "past_due", "unpaid"]
    return c


def test_contract_mrr_hand_worked():
    # $1,200/year x 2 seats = $200 a month, in force from Jan 10, 2025 for a year.
    c = contract(lines=[ContractLine(date(2025, 1, 10), date(2026, 1, 10), 200.0)])
    assert c.mrr_usd(date(2025, 1, 9)) == 0  # before the status and the line
    assert c.mrr_usd(date(2025, 1, 31)) == 200  # active
    assert c.mrr_usd(date(2025, 3, 5)) == 200  # past_due (from noon) still counts
    assert c.mrr_usd(date(2025, 3, 12)) == 0  # unpaid at the end of the day: not counted


def test_contract_mrr_prorations_coupons_and_end():
    # 10 seats at $60 (=600); on Feb 15 seats go to 12: -600 (unused) + 720 (remaining).
    lines = [
        ContractLine(date(2025, 2, 1), date(2025, 3, 1), 600.0),
        ContractLine(date(2025, 2, 15), date(2025, 3, 1), -600.0),
        ContractLine(date(2025, 2, 15), date(2025, 3, 1), 720.0),
    ]
    c = Contract(
        "sub_2",
        lines=lines,
        status_times=[datetime(2025, 2, 1)],
        statuses=["active"],
        percent_off=[(date(2025, 2, 1), date(2025, 2, 20), 25.0)],
        amount_off_usd=[(date(2025, 2, 25), None, 50.0)],
        ended_on=date(2025, 2, 27),
    )
    assert c.mrr_usd(date(2025, 2, 14)) == pytest.approx(450.0)  # 600 x 0.75
    assert c.mrr_usd(date(2025, 2, 15)) == pytest.approx(540.0)  # 720 x 0.75
    assert c.mrr_usd(date(2025, 2, 20)) == pytest.approx(720.0)  # coupon over
    assert c.mrr_usd(date(2025, 2, 25)) == pytest.approx(670.0)  # 720 - 50 amount off
    assert c.mrr_usd(date(2025, 2, 27)) == 0  # ended that day


def test_subscription_sim_writes_stripe_rows_and_contract():
    fx = FxRates(DEFAULT_FX)
    raw = RawTables()
    ctx = BillingContext(raw, Ids(), fx, horizon=datetime(2025, 6, 30, 23, 59, 59))
    price = Price("price_pro_quarter_eur", "prod_pro", "pro_quarter", "eur", 15_300, "month", 3)
    sim = SubscriptionSim(ctx, random.Random(1), "cus_1", "eur", price, seats=4, monthly_churn=0.0)
    sim.run(datetime(2025, 1, 15, 10), allow_seat_changes=False, fail_rate=0, void_rate=0)
    invoices = raw.rows[("stripe", "invoice")]
    assert len(invoices) == 2  # Jan 15 and Apr 15; Jul 15 is after the horizon
    names = raw.names[("stripe", "invoice")]
    first = dict(zip(names, invoices[0], strict=True))
    assert first["subtotal"] == 61_200 and first["tax"] == 12_240  # EUR: 20% VAT, not MRR
    # 4 seats x EUR 153 a quarter = EUR 204 a month, at January's and April's rates.
    jan = 204 * fx.to_usd("EUR", date(2025, 1, 1))
    apr = 204 * fx.to_usd("EUR", date(2025, 4, 1))
    assert sim.contract.mrr_usd(date(2025, 3, 31)) == pytest.approx(jan)
    assert sim.contract.mrr_usd(date(2025, 4, 30)) == pytest.approx(apr)
    assert add_months(datetime(2025, 1, 31), 1) == datetime(2025, 2, 28)
