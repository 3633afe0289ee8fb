"""The generator: deterministic for a seed, and its truth follows METRICS.md's MRR rules."""

from __future__ import annotations

import random
from datetime import date, datetime

import duckdb
import pytest

from revops.synth.billing import BillingContext, Contract, ContractLine, Price, SubscriptionSim
from revops.synth.cli import DEFAULT_FX, generate
from revops.synth.schema import RAW_TABLES
from revops.synth.tables import FxRates, Ids, RawTables, add_months

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
