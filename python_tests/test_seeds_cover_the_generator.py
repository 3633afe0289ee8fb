"""The seeds a person maintains map every value the generator can emit."""

from __future__ import annotations

import csv

from conftest import PROJECT_DIR
from revops.synth import catalog


def read_seed(name: str) -> list[dict]:
    with open(PROJECT_DIR / "seeds" / f"{name}.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def test_channel_mapping_covers_catalog():
    rows = {
        (r["mapping_type"], r["source_value"], r["medium_value"] or None): r["channel"]
        for r in read_seed("channel_mapping")
    }
    for (source, medium), channel in catalog.UTM_CHANNELS.items():
        assert rows[("utm", source, medium)] == channel
    for kind, channel in catalog.CAMPAIGN_TYPE_CHANNELS.items():
        assert rows[("campaign_type", kind, None)] == channel
    for source, channel in catalog.LEAD_SOURCE_CHANNELS.items():
        assert rows[("lead_source", source, None)] == channel


def test_stage_mapping_matches_catalog():
    rows = {r["stage_name"]: r for r in read_seed("opportunity_stage_mapping")}
    assert list(rows) == [s.name for s in catalog.STAGES]
    for stage in catalog.STAGES:
        assert rows[stage.name]["is_qualified"] == str(stage.is_qualified).lower()
        assert rows[stage.name]["default_forecast_category"] == stage.forecast_category


def test_fx_rates_cover_every_billing_currency_monthly():
    rows = read_seed("fx_rates")
    months = sorted({r["date_month"] for r in rows})
    for currency in ("USD", "EUR", "GBP"):
        have = {r["date_month"] for r in rows if r["currency"] == currency}
        assert have == set(months), currency


def test_free_mail_seed_covers_the_generators_providers():
    """Identity resolution never matches on these domains: the seed must know every
    provider the generator hands out, or two strangers would merge."""
    domains = {r["domain"] for r in read_seed("free_mail_domains")}
    assert set(catalog.FREE_MAIL_DOMAINS) <= domains


def test_sm_expenses_cover_every_month_the_generator_can_simulate():
    """The generator simulates any months inside the fx_rates seed (it refuses others):
    sm_expenses must book every category in each of them, in a currency fx_rates converts,
    or a month's salaries would silently drop out of blended CAC."""
    fx = read_seed("fx_rates")
    rows = read_seed("sm_expenses")
    categories = {"salaries", "tools", "events", "agencies"}
    booked = {(r["date_month"], r["category"]) for r in rows}
    missing = {(r["date_month"], c) for r in fx for c in categories} - booked
    assert sorted(missing) == []
    assert {r["category"] for r in rows} == categories
    assert {r["currency"] for r in rows} <= {r["currency"] for r in fx}
    assert all(float(r["amount"]) > 0 for r in rows)
