"""Names the simulated company uses: channels, UTM tags, lead sources, stages, plans.

The seeds a person maintains (channel_mapping, opportunity_stage_mapping) map these
same values; a test checks that every value the generator can emit is mapped.
"""

from __future__ import annotations

from dataclasses import dataclass

# (utm_source, utm_medium) -> channel. The generator writes these with messy case.
UTM_CHANNELS: dict[tuple[str, str], str] = {
    ("google", "cpc"): "Paid Search",
    ("facebook", "paid_social"): "Paid Social",
    ("google", "organic"): "Organic Search",
    ("bing", "organic"): "Organic Search",
    ("newsletter", "email"): "Email",
    ("partner", "referral"): "Referral",
    ("g2", "referral"): "Referral",
    ("blog", "content"): "Content",
}

# Salesforce campaign type -> channel. Paid campaigns mirror the ad platforms: their
# cost is ad spend, so their Salesforce actual_cost never counts twice.
CAMPAIGN_TYPE_CHANNELS: dict[str, str] = {
    "Webinar": "Webinar",
    "Event": "Events",
    "Email": "Email",
    "Paid Search": "Paid Search",
    "Paid Social": "Paid Social",
    "Content": "Content",
}

# Salesforce lead_source -> channel.
LEAD_SOURCE_CHANNELS: dict[str, str] = {
    "Paid Search": "Paid Search",
    "Paid Social": "Paid Social",
    "Organic Search": "Organic Search",
    "Email": "Email",
    "Webinar": "Webinar",
    "Event": "Events",
    "Content": "Content",
    "Partner Referral": "Referral",
    "Outbound": "Outbound",
    "Product Signup": "Direct",
    "Web": "Direct",
}

CHANNELS = sorted(
    {*UTM_CHANNELS.values(), *CAMPAIGN_TYPE_CHANNELS.values(), *LEAD_SOURCE_CHANNELS.values()}
)


@dataclass(frozen=True)
class Stage:
    name: str
    order: int
    probability: float
    forecast_category: str
    funnel_stage: str
    is_qualified: bool
    is_closed: bool
    is_won: bool


STAGES: list[Stage] = [
    Stage("Prospecting", 1, 10, "Pipeline", "opportunity", False, False, False),
    Stage("Qualification", 2, 20, "Pipeline", "opportunity", False, False, False),
    Stage("Discovery", 3, 40, "BestCase", "qualified_opportunity", True, False, False),
    Stage("Proposal", 4, 60, "BestCase", "qualified_opportunity", True, False, False),
    Stage("Negotiation", 5, 80, "Commit", "qualified_opportunity", True, False, False),
    Stage("Closed Won", 6, 100, "Closed", "won", True, True, True),
    Stage("Closed Lost", 7, 0, "Omitted", "lost", True, True, False),
]
STAGE_BY_NAME = {s.name: s for s in STAGES}
OPEN_STAGES = [s for s in STAGES if not s.is_closed]

INDUSTRIES = [
    "Software",
    "Financial Services",
    "Healthcare",
    "Retail",
    "Manufacturing",
    "Education",
    "Media",
    "Logistics",
]

# Country -> billing currency of a customer there.
COUNTRIES: dict[str, str] = {
    "US": "usd",
    "CA": "usd",
    "GB": "gbp",
    "DE": "eur",
    "FR": "eur",
    "NL": "eur",
    "ES": "eur",
    "AU": "usd",
}
COUNTRY_WEIGHTS = [40, 5, 15, 12, 8, 6, 4, 10]

FREE_MAIL_DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "hotmail.com"]


@dataclass(frozen=True)
class Plan:
    """A Stripe product's recurring price in one currency and interval."""

    key: str
    product: str
    interval: str
    interval_count: int
    unit_amount_usd_cents: int  # per seat per interval, USD; other currencies scale


PLANS: list[Plan] = [
    Plan("starter_month", "Starter", "month", 1, 2_500),
    Plan("pro_month", "Pro", "month", 1, 6_000),
    Plan("pro_quarter", "Pro", "month", 3, 17_100),
    Plan("pro_year", "Pro", "year", 1, 64_800),
    Plan("enterprise_year", "Enterprise", "year", 1, 144_000),
    Plan("analytics_addon_month", "Analytics Add-on", "month", 1, 1_500),
]
PLAN_BY_KEY = {p.key: p for p in PLANS}

# Local list prices: a round number per currency, not an FX conversion.
CURRENCY_PRICE_FACTOR = {"usd": 1.0, "eur": 0.9, "gbp": 0.8}
