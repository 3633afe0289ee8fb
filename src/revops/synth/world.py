"""The simulated B2B SaaS company: marketing, funnel, sales and billing, company by company.

Every company draws from its own random stream (seeded by the run seed and its index),
so a run is deterministic for a seed. Rows go to `RawTables` as an EL tool would land
them; what really happened goes to `Truth`, never derived from the raw rows.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import catalog
from .billing import BillingContext, Coupon, Price, SubscriptionSim
from .tables import FxRates, Ids, RawTables, add_months, at, month_end, month_start

SEGMENT_CHURN = {"SMB": (1.0, 14.0), "Mid-Market": (1.2, 28.0), "Enterprise": (1.5, 70.0)}
SEGMENT_CYCLE_DAYS = {"SMB": (14, 45), "Mid-Market": (30, 90), "Enterprise": (60, 180)}
SALES_LED_SHARE = {"SMB": 0.35, "Mid-Market": 0.8, "Enterprise": 1.0}
CHANNEL_WEIGHTS = {
    "Paid Search": 22,
    "Paid Social": 14,
    "Organic Search": 16,
    "Email": 6,
    "Referral": 8,
    "Content": 7,
    "Webinar": 8,
    "Events": 5,
    "Direct": 8,
    "Outbound": 6,
}
UTM_BY_CHANNEL = {
    "Paid Search": [("google", "cpc")],
    "Paid Social": [("facebook", "paid_social")],
    "Organic Search": [("google", "organic"), ("bing", "organic")],
    "Email": [("newsletter", "email")],
    "Referral": [("partner", "referral"), ("g2", "referral")],
    "Content": [("blog", "content")],
}
LEAD_SOURCE_BY_CHANNEL = {
    "Paid Search": "Paid Search",
    "Paid Social": "Paid Social",
    "Organic Search": "Organic Search",
    "Email": "Email",
    "Referral": "Partner Referral",
    "Content": "Content",
    "Webinar": "Webinar",
    "Events": "Event",
    "Direct": "Web",
    "Outbound": "Outbound",
}
# Marketing budgets are sized for the sample (400 companies over 24 months: some 6 new
# customers a month at about $200 new MRR each) so that CAC payback comes out at one to
# three years, blended and per paid channel; World.budget_scale grows them with the market.
GOOGLE_CAMPAIGNS = [  # (name, ads account, daily budget in the account's currency)
    ("Brand - Search", "G-USD", 18.0),
    ("Generic - Revenue Analytics", "G-USD", 40.0),
    ("Competitor - Search", "G-USD", 13.0),
    ("EU - Search", "G-EUR", 16.0),
]
FACEBOOK_CAMPAIGNS = [
    ("Retargeting - Demo", "F-USD", 20.0),
    ("Lookalike - SaaS Leaders", "F-USD", 35.0),
    ("UK - Awareness", "F-GBP", 15.0),
]
# The Salesforce campaign type of each channel's campaigns (the seed's mapping, inverted).
CAMPAIGN_TYPE_BY_CHANNEL = {
    channel: kind for kind, channel in catalog.CAMPAIGN_TYPE_CHANNELS.items()
}
ADS_ACCOUNTS = {"G-USD": "USD", "G-EUR": "EUR", "F-USD": "USD", "F-GBP": "GBP"}
FIRST_NAMES = [
    "Ana",
    "Ben",
    "Chen",
    "Dara",
    "Eli",
    "Fatima",
    "Gus",
    "Hana",
    "Ivan",
    "Jo",
    "Kofi",
    "Lena",
    "Mateo",
    "Nia",
    "Omar",
    "Pia",
    "Quinn",
    "Ravi",
    "Sara",
    "Tom",
]
LAST_NAMES = [
    "Adams",
    "Berg",
    "Costa",
    "Diaz",
    "Evans",
    "Fischer",
    "Garcia",
    "Hughes",
    "Ito",
    "Jensen",
    "Khan",
    "Lopez",
    "Moreau",
    "Novak",
    "Olsen",
    "Patel",
]
NAME_PARTS = [
    "Acme",
    "Blue",
    "Cloud",
    "Data",
    "Echo",
    "Flux",
    "Grid",
    "Helix",
    "Iron",
    "Jade",
    "Kite",
    "Lumen",
    "Mosaic",
    "Nova",
    "Orbit",
    "Pixel",
    "Quanta",
    "Ridge",
    "Signal",
    "Terra",
    "Umbra",
    "Vertex",
    "Wave",
    "Zen",
]
NAME_SUFFIXES = [
    "Labs",
    "Systems",
    "Analytics",
    "Works",
    "Group",
    "Software",
    "Health",
    "Logistics",
    "Retail",
    "Capital",
]


def messy(text: str, rng: random.Random, rate: float) -> str:
    """The same value as a careless tool would write it: case and whitespace changed."""
    if rng.random() >= rate:
        return text
    style = rng.randrange(3)
    if style == 0:
        text = text.upper()
    elif style == 1:
        text = text.title()
    return (" " if rng.random() < 0.5 else "") + text + ("  " if rng.random() < 0.5 else "")


def typo(name: str, rng: random.Random) -> str:
    """A company name as someone types it into a form: a letter dropped or two swapped,
    sometimes a legal suffix added."""
    i = rng.randrange(1, len(name.split()[0]) - 1)
    name = (
        name[:i] + name[i + 1 :]
        if rng.random() < 0.5
        else name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    )
    return name + (" Ltd" if rng.random() < 0.3 else "")


@dataclass
class Truth:
    """What really happened, in rows for the truth file (see writer.TRUTH_TABLES)."""

    meta: dict = field(default_factory=dict)
    companies: list[dict] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    identity_map: list[dict] = field(default_factory=list)
    opportunities: list[dict] = field(default_factory=list)
    leads: list[dict] = field(default_factory=list)
    mrr_monthly: list[dict] = field(default_factory=list)
    spend_daily: list[dict] = field(default_factory=list)
    bad_rows: list[dict] = field(default_factory=list)
    invoices: list[dict] = field(default_factory=list)
    touches: list[dict] = field(default_factory=list)
    refunds: list[dict] = field(default_factory=list)

    def link(
        self, system: str, obj: str, raw_id: str, company_id: str, person_id: str | None = None
    ):
        self.identity_map.append(
            {
                "system": system,
                "object": obj,
                "raw_id": raw_id,
                "company_id": company_id,
                "person_id": person_id,
            }
        )


@dataclass
class Company:
    index: int
    company_id: str
    name: str
    domain: str
    industry: str
    employees: int
    segment: str
    country: str
    currency: str
    sales_led: bool
    arrival: datetime
    channel: str
    rng: random.Random
    account_id: str | None = None
    contact_ids: list[str] = field(default_factory=list)
    leads: list[tuple[datetime, str]] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    contracts: list = field(default_factory=list)
    first_paid_at: datetime | None = None
    owner_id: str | None = None


class World:
    def __init__(
        self,
        *,
        accounts: int,
        months: int,
        seed: int,
        end_date: date,
        fx: FxRates,
        mess_rate: float,
    ):
        self.accounts, self.months, self.seed = accounts, months, seed
        self.end_date = end_date
        self.start_date = month_start(add_months(end_date, -(months - 1)))
        self.horizon = at(end_date + timedelta(days=1)) - timedelta(seconds=1)
        self.fx, self.mess_rate = fx, mess_rate
        for day in (self.start_date, end_date):
            for currency in ("USD", "EUR", "GBP"):
                fx.to_usd(currency, day)  # fails early, with a message, outside the seed's range
        self.raw, self.ids, self.truth = RawTables(), Ids(), Truth()
        self.billing = BillingContext(self.raw, self.ids, fx, self.horizon)
        self.rng = random.Random(seed)
        self.prices: dict[tuple[str, str], Price] = {}
        self.coupons: dict[str, Coupon] = {}
        self.sf_campaigns: dict[str, list[tuple[str, date]]] = {}
        self.users: list[str] = []
        self.contracts: dict[str, list] = {}
        self.visitors: dict[str, dict] = {}  # anonymous id -> person, for the touch log

    # -- helpers -----------------------------------------------------------------------
    @property
    def budget_scale(self) -> float:
        """How many times the sample's market this run simulates (companies arriving per
        month), by which ad budgets and campaign costs are multiplied; at least a quarter,
        so a tiny run still spends in every channel. Only multiplies amounts: no random
        draw depends on it."""
        return max(self.accounts / 400 * 24 / self.months, 0.25)

    def synced(self, ts: datetime, rng: random.Random) -> datetime:
        """Load time: minutes to hours after the event; now and then days late."""
        lag = timedelta(minutes=rng.randint(5, 600))
        if rng.random() < self.mess_rate:
            lag = timedelta(days=rng.randint(3, 20))
        return min(ts + lag, self.horizon)

    def rand_ts(
        self, rng: random.Random, start: datetime, min_days: float, max_days: float
    ) -> datetime:
        return start + timedelta(seconds=int(rng.uniform(min_days, max_days) * 86400))

    # -- static setup ----------------------------------------------------------------------
    def setup(self) -> None:
        rng, raw = self.rng, self.raw
        created = at(self.start_date) - timedelta(days=30)
        manager = self.ids.next("005", 15)
        raw.add(
            "salesforce",
            "user",
            created,
            id=manager,
            name="Morgan Reyes",
            email="morgan.reyes@revops.example",
            title="VP Sales",
            manager_id=None,
            is_active=True,
            created_date=created,
        )
        self.users = []
        for i in range(8):
            user_id = self.ids.next("005", 15)
            first, last = FIRST_NAMES[(i * 3) % 20], LAST_NAMES[(i * 5) % 16]
            raw.add(
                "salesforce",
                "user",
                created,
                id=user_id,
                name=f"{first} {last}",
                email=f"{first}.{last}@revops.example".lower(),
                title="Account Executive",
                manager_id=manager,
                is_active=i != 7,
                created_date=created,
            )
            self.users.append(user_id)
        self._setup_catalog(created)
        self._setup_ads(rng)
        self._setup_sf_campaigns(rng)

    def _setup_catalog(self, created: datetime) -> None:
        raw = self.raw
        products: dict[str, str] = {}
        for plan in catalog.PLANS:
            if plan.product not in products:
                products[plan.product] = (
                    f"prod_{plan.product.lower().replace(' ', '_').replace('-', '')}"
                )
                raw.add(
                    "stripe",
                    "product",
                    created,
                    id=products[plan.product],
                    name=plan.product,
                    active=True,
                    created=created,
                )
            for currency, factor in catalog.CURRENCY_PRICE_FACTOR.items():
                price = Price(
                    f"price_{plan.key}_{currency}",
                    products[plan.product],
                    plan.key,
                    currency,
                    round(plan.unit_amount_usd_cents * factor / 100) * 100,
                    plan.interval,
                    plan.interval_count,
                )
                self._add_price(price, created, plan.product)
        for key, product, unit, kind in (
            ("api_calls", "API Calls", 2, "metered"),
            ("onboarding", "Onboarding", 250_000, "one_time"),
        ):
            product_id = f"prod_{key}"
            raw.add(
                "stripe",
                "product",
                created,
                id=product_id,
                name=product,
                active=True,
                created=created,
            )
            for currency, factor in catalog.CURRENCY_PRICE_FACTOR.items():
                price = Price(
                    f"price_{key}_{currency}",
                    product_id,
                    key,
                    currency,
                    max(1, round(unit * factor)),
                    "month" if kind == "metered" else "",
                    1 if kind == "metered" else 0,
                    "one_time" if kind == "one_time" else "recurring",
                    "metered" if kind == "metered" else "licensed",
                )
                self._add_price(price, created, product)
        for coupon in (
            Coupon("LAUNCH20", "once", percent_off=20.0),
            Coupon("PARTNER25X3", "repeating", percent_off=25.0, duration_in_months=3),
            Coupon("NONPROFIT10", "forever", percent_off=10.0),
            *(
                Coupon(
                    f"WELCOME50X3_{c.upper()}",
                    "repeating",
                    amount_off=5000,
                    currency=c,
                    duration_in_months=3,
                )
                for c in catalog.CURRENCY_PRICE_FACTOR
            ),
        ):
            self.coupons[coupon.coupon_id] = coupon
            raw.add(
                "stripe",
                "coupon",
                created,
                id=coupon.coupon_id,
                name=coupon.coupon_id,
                percent_off=coupon.percent_off,
                amount_off=coupon.amount_off,
                currency=coupon.currency,
                duration=coupon.duration,
                duration_in_months=coupon.duration_in_months,
                created=created,
            )

    def _add_price(self, price: Price, created: datetime, product: str) -> None:
        self.prices[(price.plan_key, price.currency)] = price
        recurring = price.price_type == "recurring"
        self.raw.add(
            "stripe",
            "price",
            created,
            id=price.price_id,
            product_id=price.product_id,
            nickname=f"{product} {price.plan_key} {price.currency.upper()}",
            currency=price.currency,
            unit_amount=price.unit_amount,
            type=price.price_type,
            recurring_interval=price.interval if recurring else None,
            recurring_interval_count=price.interval_count if recurring else None,
            recurring_usage_type=price.usage_type if recurring else None,
            active=True,
            created=created,
        )

    def _setup_ads(self, rng: random.Random) -> None:
        raw, start = self.raw, at(self.start_date) - timedelta(days=10)
        for account_id, currency in ADS_ACCOUNTS.items():
            if account_id.startswith("G"):
                raw.add(
                    "google_ads",
                    "account_history",
                    start,
                    id=account_id,
                    currency_code=currency,
                    time_zone="Etc/UTC",
                    updated_at=start,
                )
            else:
                raw.add(
                    "facebook_ads",
                    "account_history",
                    start,
                    id=account_id,
                    currency=currency,
                    timezone_name="Etc/UTC",
                    updated_at=start,
                )
        days = (self.end_date - self.start_date).days + 1
        scale = self.budget_scale
        for n, (name, account_id, budget) in enumerate(GOOGLE_CAMPAIGNS):
            campaign_id = f"{9000000 + n}"
            raw.add(
                "google_ads",
                "campaign_history",
                start,
                id=campaign_id,
                customer_id=account_id,
                name=name,
                status="ENABLED",
                updated_at=start,
            )
            for d in range(days):
                day = self.start_date + timedelta(days=d)
                cost = round(scale * budget * rng.uniform(0.6, 1.3) * (1 + d / days), 2)
                clicks = max(1, int(cost / rng.uniform(1.5, 4.0)))
                raw.add(
                    "google_ads",
                    "campaign_stats",
                    self.synced(at(day, 80000), rng),
                    customer_id=account_id,
                    date=day,
                    id=campaign_id,
                    clicks=clicks,
                    impressions=clicks * rng.randint(15, 40),
                    cost_micros=round(cost * 1_000_000),
                    conversions=float(rng.randint(0, 3)),
                )
                self._spend(day, "Paid Search", "google_ads", cost, ADS_ACCOUNTS[account_id])
        for n, (name, account_id, budget) in enumerate(FACEBOOK_CAMPAIGNS):
            campaign_id = f"{2380000 + n}"
            raw.add(
                "facebook_ads",
                "campaign_history",
                start,
                id=campaign_id,
                account_id=account_id,
                name=name,
                status="ACTIVE",
                updated_at=start,
            )
            for a in range(2):
                ad_id = f"{campaign_id}{a:02d}"
                raw.add(
                    "facebook_ads",
                    "ad_history",
                    start,
                    id=ad_id,
                    account_id=account_id,
                    campaign_id=campaign_id,
                    name=f"{name} - Ad {a + 1}",
                    updated_at=start,
                )
                for d in range(days):
                    day = self.start_date + timedelta(days=d)
                    spend = round(scale * budget / 2 * rng.uniform(0.5, 1.4) * (1 + d / days), 2)
                    clicks = max(0, int(spend / rng.uniform(0.8, 3.0)))
                    raw.add(
                        "facebook_ads",
                        "basic_ad",
                        self.synced(at(day, 80000), rng),
                        ad_id=ad_id,
                        account_id=account_id,
                        date=day,
                        impressions=clicks * rng.randint(30, 90),
                        inline_link_clicks=clicks,
                        spend=spend,
                    )
                    self._spend(day, "Paid Social", "facebook_ads", spend, ADS_ACCOUNTS[account_id])

    def _spend(self, day: date, channel: str, source: str, amount: float, currency: str) -> None:
        self.truth.spend_daily.append(
            {
                "date_day": day,
                "channel": channel,
                "source": source,
                "currency": currency,
                "amount": amount,
                "amount_usd": amount * self.fx.to_usd(currency, day),
            }
        )

    def _setup_sf_campaigns(self, rng: random.Random) -> None:
        """Salesforce campaigns: monthly webinars and newsletters, quarterly events, content,
        and one mirror campaign per paid ad campaign (its cost is ad spend)."""
        specs: list[tuple[str, str, date, float | None]] = []
        scale = self.budget_scale
        month = self.start_date
        while month <= self.end_date:
            specs.append(
                (
                    "Webinar",
                    f"Webinar {month:%Y-%m}: Revenue Metrics Live",
                    month + timedelta(days=14),
                    scale * rng.uniform(1000, 2500),
                )
            )
            specs.append(
                ("Email", f"Newsletter {month:%Y-%m}", month + timedelta(days=2), scale * 400.0)
            )
            if month.month in (3, 6, 9, 11):
                specs.append(
                    (
                        "Event",
                        f"RevOps Summit {month:%Y-%m}",
                        month + timedelta(days=20),
                        scale * rng.uniform(7000, 20000),
                    )
                )
            if month.month in (1, 4, 7, 10):
                specs.append(
                    (
                        "Content",
                        f"eBook {month:%Y-%m}: The CFO's SaaS Metrics",
                        month,
                        scale * rng.uniform(1000, 2000),
                    )
                )
            month = add_months(month, 1)
        for name, _, _ in GOOGLE_CAMPAIGNS:
            specs.append(("Paid Search", name, self.start_date, None))
        for name, _, _ in FACEBOOK_CAMPAIGNS:
            specs.append(("Paid Social", name, self.start_date, None))
        for kind, name, start, cost in specs:
            campaign_id = self.ids.next("701", 15)
            end = (
                self.end_date
                if kind.startswith("Paid")
                else min(start + timedelta(days=1), self.end_date)
            )
            created = at(start) - timedelta(days=20)
            actual = round(cost, 2) if cost is not None and end <= self.end_date else None
            self.raw.add(
                "salesforce",
                "campaign",
                created,
                id=campaign_id,
                name=name,
                type=kind,
                status="Completed" if end < self.end_date else "In Progress",
                start_date=start,
                end_date=end,
                budgeted_cost=round(cost or 0, -2) or None,
                actual_cost=actual,
                is_active=end >= self.end_date,
                created_date=created,
                is_deleted=False,
            )
            self.sf_campaigns.setdefault(kind, []).append((campaign_id, start, name))
            if actual is not None:
                self._spend(
                    start,
                    catalog.CAMPAIGN_TYPE_CHANNELS[kind],
                    "salesforce_campaign",
                    actual,
                    "USD",
                )

    # -- companies -------------------------------------------------------------------------
    def new_company(self, index: int) -> Company:
        rng = random.Random(self.seed * 1_000_003 + index)
        name = f"{NAME_PARTS[index % len(NAME_PARTS)]}{NAME_PARTS[(index // len(NAME_PARTS) + 7 * index) % len(NAME_PARTS)].lower()} {rng.choice(NAME_SUFFIXES)}"
        domain = name.split()[0].lower() + f"{index}" + rng.choice([".com", ".io", ".co"])
        employees = max(2, int(rng.lognormvariate(4.3, 1.4)))
        segment = "SMB" if employees < 100 else "Mid-Market" if employees < 1000 else "Enterprise"
        country = rng.choices(list(catalog.COUNTRIES), catalog.COUNTRY_WEIGHTS)[0]
        span = (self.horizon - at(self.start_date)).total_seconds() - 20 * 86400
        arrival = at(self.start_date) + timedelta(seconds=int(span * rng.random() ** 0.8))
        channel = rng.choices(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()))[0]
        return Company(
            index,
            f"C{index:07d}",
            name,
            domain,
            rng.choice(catalog.INDUSTRIES),
            employees,
            segment,
            country,
            catalog.COUNTRIES[country],
            rng.random() < SALES_LED_SHARE[segment],
            arrival,
            channel,
            rng,
        )

    def new_person(self, company: Company, free_mail: bool = False) -> dict:
        rng = company.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        n = len(company.people)
        domain = rng.choice(catalog.FREE_MAIL_DOMAINS) if free_mail else company.domain
        local = f"{first}.{last}{company.index}" if free_mail else f"{first}.{last}{n or ''}"
        person = {
            "person_id": f"{company.company_id}-P{n + 1}",
            "first_name": first,
            "last_name": last,
            "email": f"{local}@{domain}".lower(),
            "anonymous_id": f"anon-{self.seed}-{company.index}-{n + 1}",
            "lead_id": None,
            "contact_id": None,
            "identified_at": None,
            "touches": [],
        }
        company.people.append(person)
        self.visitors[person["anonymous_id"]] = person
        self.truth.people.append(
            {
                "person_id": person["person_id"],
                "company_id": company.company_id,
                "email": person["email"],
                "first_name": first,
                "last_name": last,
            }
        )
        self.truth.link(
            "segment",
            "anonymous_id",
            person["anonymous_id"],
            company.company_id,
            person["person_id"],
        )
        return person

    def utm_for(self, channel: str, rng: random.Random) -> tuple | None:
        """UTM tags as written (source, medium, campaign), then the truth: channel, campaign."""
        if channel not in UTM_BY_CHANNEL:
            return None
        source, medium = rng.choice(UTM_BY_CHANNEL[channel])
        campaign = None
        if channel == "Paid Search":
            campaign = rng.choice(GOOGLE_CAMPAIGNS)[0]
        elif channel == "Paid Social":
            campaign = rng.choice(FACEBOOK_CAMPAIGNS)[0]
        elif channel in ("Email", "Content"):
            campaign = rng.choice(self.sf_campaigns[channel])[2]
        return (
            messy(source, rng, 0.2),
            messy(medium, rng, 0.1),
            messy(campaign, rng, 0.3) if campaign else None,
            channel,
            campaign,
        )

    def page_view(
        self,
        anonymous_id: str,
        ts: datetime,
        utm,
        rng: random.Random,
        path: str | None = None,
        user_id: str | None = None,
    ) -> None:
        if ts > self.horizon:
            return
        path = path or rng.choice(["/", "/pricing", "/product", "/blog/saas-metrics", "/demo"])
        query = ""
        if utm:
            query = f"?utm_source={utm[0].strip()}&utm_medium={utm[1].strip()}"
        self.raw.add(
            "segment",
            "pages",
            self.synced(ts, rng),
            id=self.ids.next("pv-", 10),
            anonymous_id=anonymous_id,
            user_id=user_id,
            timestamp=ts,
            context_page_url=f"https://revops.example{path}{query}",
            context_page_path=path,
            context_page_referrer=rng.choice(
                ["https://www.google.com/", None, "https://www.linkedin.com/"]
            ),
            context_campaign_source=utm[0] if utm else None,
            context_campaign_medium=utm[1] if utm else None,
            context_campaign_name=utm[2] if utm else None,
            context_campaign_content=None,
            received_at=ts + timedelta(seconds=rng.randint(1, 30)),
        )
        if utm and anonymous_id in self.visitors:
            self.visitors[anonymous_id]["touches"].append((ts, "page_view", utm[3], utm[4]))

    def identify(
        self, person: dict, ts: datetime, rng: random.Random, user_id: str | None = None
    ) -> None:
        if ts > self.horizon:
            return
        self.raw.add(
            "segment",
            "identifies",
            self.synced(ts, rng),
            id=self.ids.next("idf-", 10),
            anonymous_id=person["anonymous_id"],
            user_id=user_id,
            email=messy(person["email"], rng, 0.3),
            timestamp=ts,
            received_at=ts + timedelta(seconds=rng.randint(1, 30)),
        )
        if person["identified_at"] is None or ts < person["identified_at"]:
            person["identified_at"] = ts

    def campaign_response(
        self, company: Company, person: dict, kind: str, ts: datetime
    ) -> str | None:
        """A registration/response to the Salesforce campaign of `kind` nearest after `ts`."""
        rng = company.rng
        options = [c for c in self.sf_campaigns.get(kind, []) if c[1] >= ts.date()]
        if not options or ts > self.horizon:
            return None
        campaign_id, start, campaign_name = options[0]
        respond = at(start, rng.randint(36000, 60000))
        if respond > self.horizon:
            return None
        self.raw.add(
            "salesforce",
            "campaign_member",
            self.synced(ts, rng),
            id=self.ids.next("00v", 15),
            campaign_id=campaign_id,
            lead_id=person["lead_id"],
            contact_id=person["contact_id"],
            status="Responded",
            has_responded=True,
            first_responded_date=respond.date(),
            created_date=ts,
            is_deleted=False,
        )
        person["touches"].append(
            (ts, "campaign_response", catalog.CAMPAIGN_TYPE_CHANNELS[kind], campaign_name)
        )
        return campaign_id

    def simulate(self) -> None:
        self.setup()
        for index in range(1, self.accounts + 1):
            self.simulate_company(self.new_company(index))
        self.noise_visitors()

    def simulate_company(self, company: Company) -> None:
        rng = company.rng
        person = self.new_person(company, free_mail=not company.sales_led and rng.random() < 0.25)
        company.owner_id = rng.choice(self.users[:7])
        t0 = company.arrival
        utm = self.utm_for(company.channel, rng)
        if company.channel not in ("Outbound", "Webinar", "Events"):
            self.page_view(person["anonymous_id"], t0, utm, rng, path="/")
        for _ in range(rng.randint(0, 3)):
            extra = rng.choice(list(CHANNEL_WEIGHTS))
            self.page_view(
                person["anonymous_id"],
                self.rand_ts(rng, t0, 0.1, 6),
                self.utm_for(extra, rng) if rng.random() < 0.5 else None,
                rng,
            )
        record = {
            "company_id": company.company_id,
            "name": company.name,
            "domain": company.domain,
            "industry": company.industry,
            "employees": company.employees,
            "segment": company.segment,
            "country": company.country,
            "currency": company.currency.upper(),
            "is_sales_led": company.sales_led,
            "acquisition_channel": company.channel,
            "first_touch_at": None,
            "lead_created_at": None,
            "first_won_at": None,
            "first_paid_at": None,
            "is_customer": False,
        }
        if company.sales_led:
            self.sales_motion(company, person, t0, record)
        else:
            self.self_serve_motion(company, person, t0, record)
        record["first_paid_at"] = company.first_paid_at
        record["is_customer"] = company.first_paid_at is not None
        self.record_touches(company, record)
        self.truth.companies.append(record)
        if company.contracts:
            self.contracts[company.company_id] = company.contracts

    def record_touches(self, company: Company, record: dict) -> None:
        """The touch log, and the company's first touch as the contract defines it: the
        earliest UTM-tagged visit of a person who identified (at any time) or campaign
        response; with none, the channel of the earliest lead's source, else Direct."""
        tied = []
        for person in company.people:
            for ts, kind, channel, campaign in person["touches"]:
                is_tied = kind == "campaign_response" or person["identified_at"] is not None
                self.truth.touches.append(
                    {
                        "company_id": company.company_id,
                        "person_id": person["person_id"],
                        "touched_at": ts,
                        "touch_kind": kind,
                        "channel": channel,
                        "campaign_name": campaign,
                        "is_tied_to_person": is_tied,
                    }
                )
                if is_tied:
                    tied.append((ts, channel))
        record["arrival_channel"] = company.channel
        record["lead_created_at"] = min(company.leads)[0] if company.leads else None
        if tied:
            record["first_touch_at"], record["acquisition_channel"] = min(tied)
            return
        record["first_touch_at"] = None
        record["acquisition_channel"] = (
            catalog.LEAD_SOURCE_CHANNELS[min(company.leads)[1]] if company.leads else "Direct"
        )

    # -- sales-led ---------------------------------------------------------------------------
    def create_lead(
        self, company: Company, person: dict, ts: datetime, lead_source: str
    ) -> dict | None:
        if ts > self.horizon:
            return None
        rng = company.rng
        lead = {
            "lead_id": self.ids.next("00Q", 15),
            "created_at": ts,
            "mql_at": None,
            "sql_at": None,
            "converted_at": None,
            "status": "Open",
            "lead_source": lead_source,
        }
        person["lead_id"] = lead["lead_id"]
        self.truth.link(
            "salesforce", "lead", lead["lead_id"], company.company_id, person["person_id"]
        )
        lead["email"] = messy(person["email"], rng, 0.15)
        if company.channel not in ("Outbound",):
            self.identify(person, ts, rng)
        return lead

    def write_lead(
        self,
        company: Company,
        person: dict,
        lead: dict,
        company_name: str | None = None,
        **converted,
    ) -> None:
        rng = company.rng
        hide_firmographics = rng.random() < self.mess_rate * 2
        self.raw.add(
            "salesforce",
            "lead",
            self.synced(lead.get("last_change", lead["created_at"]), rng),
            id=lead["lead_id"],
            email=lead["email"],
            first_name=person["first_name"],
            last_name=person["last_name"],
            company=company_name
            or (
                company.name if rng.random() > 0.2 else company.name.replace(" ", ", ", 1) + " Inc."
            ),
            industry=None if hide_firmographics else company.industry,
            country=company.country,
            number_of_employees=None if hide_firmographics else company.employees,
            lead_source=lead["lead_source"],
            status=lead["status"],
            mql_date_c=lead["mql_at"],
            sql_date_c=lead["sql_at"],
            is_converted=bool(converted),
            converted_date=converted["at"].date() if converted else None,
            converted_account_id=converted.get("account_id"),
            converted_contact_id=converted.get("contact_id"),
            converted_opportunity_id=converted.get("opportunity_id"),
            owner_id=company.owner_id,
            created_date=lead["created_at"],
            is_deleted=False,
        )
        company.leads.append((lead["created_at"], lead["lead_source"]))
        self.truth.leads.append(
            {
                "lead_id": lead["lead_id"],
                "person_id": person["person_id"],
                "company_id": company.company_id,
                "lead_source": lead["lead_source"],
                "created_at": lead["created_at"],
                "mql_at": lead["mql_at"],
                "sql_at": lead["sql_at"],
                "converted_at": converted["at"] if converted else None,
                "opportunity_id": converted.get("opportunity_id"),
            }
        )

    def sales_motion(self, company: Company, person: dict, t0: datetime, record: dict) -> None:
        rng = company.rng
        lead_source = LEAD_SOURCE_BY_CHANNEL[company.channel]
        lead_at = (
            t0
            if company.channel in ("Outbound", "Webinar", "Events")
            else self.rand_ts(rng, t0, 0.2, 20)
        )
        lead = self.create_lead(company, person, lead_at, lead_source)
        if lead is None:
            return
        record["lead_created_at"] = lead_at
        if company.channel in ("Webinar", "Events"):
            self.campaign_response(
                company, person, "Webinar" if company.channel == "Webinar" else "Event", lead_at
            )
        if rng.random() < 0.3:
            self.campaign_response(company, person, "Email", self.rand_ts(rng, lead_at, 1, 30))
        # Funnel: MQL (sometimes skipped), SQL, conversion to an opportunity.
        ts = lead_at
        skip_mql = rng.random() < 0.1
        if not skip_mql:
            if rng.random() > 0.75:
                lead["status"] = "Nurturing" if rng.random() < 0.5 else "Unqualified"
                self.write_lead(company, person, lead)
                return
            ts = self.rand_ts(rng, ts, 0.5, 12)
            if ts > self.horizon:
                lead["status"] = "Open"
                self.write_lead(company, person, lead)
                return
            lead["mql_at"] = ts
            lead["status"] = "Working"
        if rng.random() > 0.7:
            lead["status"] = "Unqualified"
            self.write_lead(company, person, lead)
            return
        ts = self.rand_ts(rng, ts, 1, 15)
        if ts > self.horizon:
            self.write_lead(company, person, lead)
            return
        lead["sql_at"] = ts
        lead["status"] = "Working"
        conv = self.rand_ts(rng, ts, 0.5, 7)
        if conv > self.horizon or rng.random() > 0.85:
            self.write_lead(company, person, lead)
            return
        lead["status"] = "Converted"
        # Conversion: account, contact and a New Business opportunity.
        account_id = self.ids.next("001", 15)
        contact_id = self.ids.next("003", 15)
        company.account_id = account_id
        person["contact_id"] = contact_id
        self.truth.link("salesforce", "account", account_id, company.company_id)
        self.truth.link(
            "salesforce", "contact", contact_id, company.company_id, person["person_id"]
        )
        plan, seats = self.pick_plan(company)
        price = self.prices[(plan, company.currency)]
        amount = price.unit_amount / 100 * seats * 12 / price.months
        campaign_id = self.campaign_for(company)
        opp = self.opportunity(company, "New Business", conv, amount, campaign_id, lead_source)
        self.write_lead(
            company,
            person,
            lead,
            at=conv,
            account_id=account_id,
            contact_id=contact_id,
            opportunity_id=opp["opportunity_id"],
        )
        won = opp["outcome"] == "won"
        contact_email = person["email"] if rng.random() > 0.3 else messy(person["email"], rng, 1.0)
        self.raw.add(
            "salesforce",
            "contact",
            self.synced(conv, rng),
            id=contact_id,
            account_id=account_id,
            email=contact_email,
            first_name=person["first_name"],
            last_name=person["last_name"],
            title=rng.choice(["CFO", "VP RevOps", "Head of Finance", "COO"]),
            lead_source=lead_source,
            owner_id=company.owner_id,
            created_date=conv,
            is_deleted=False,
        )
        for _ in range(rng.randint(0, 2)):
            colleague = self.new_person(company)
            colleague_id = self.ids.next("003", 15)
            colleague["contact_id"] = colleague_id
            self.truth.link(
                "salesforce", "contact", colleague_id, company.company_id, colleague["person_id"]
            )
            self.raw.add(
                "salesforce",
                "contact",
                self.synced(conv, rng),
                id=colleague_id,
                account_id=account_id,
                email=colleague["email"],
                first_name=colleague["first_name"],
                last_name=colleague["last_name"],
                title="Analyst",
                lead_source=lead_source,
                owner_id=company.owner_id,
                created_date=conv + timedelta(days=1),
                is_deleted=False,
            )
        events = None
        if won:
            record["first_won_at"] = opp["closed_at"]
            events = self.start_billing(
                company, person, opp["closed_at"], plan, seats, crm_account=rng.random() < 0.92
            )
        account_type = "Prospect"
        if won:
            account_type = "Former Customer" if events and events[-1].ended_at else "Customer"
        hide = rng.random() < self.mess_rate * 2
        self.raw.add(
            "salesforce",
            "account",
            self.synced(conv, rng),
            id=account_id,
            name=company.name,
            type=account_type,
            industry=None if hide else company.industry,
            number_of_employees=None if hide else company.employees,
            annual_revenue=float(company.employees * rng.randint(80, 250) * 1000),
            billing_country=company.country,
            website=f"https://www.{company.domain}/",
            account_source=lead_source,
            parent_id=None,
            owner_id=company.owner_id,
            created_date=conv,
            is_deleted=False,
        )
        self.crm_duplicates(company, person, conv)

    def crm_duplicates(self, company: Company, person: dict, conv: datetime) -> None:
        """What a CRM accumulates after a deal: a second account a rep creates for the same
        company, and a lead from a colleague on a free-mail address whose company name is
        typed differently. Drawn from their own stream, so the rest of the run is unchanged."""
        rng = random.Random(self.seed * 7_368_787 + company.index)
        if rng.random() < 0.05:
            created = conv + timedelta(days=rng.randint(30, 200))
            if created <= self.horizon:
                account_id = self.ids.next("001", 15)
                self.truth.link("salesforce", "account", account_id, company.company_id)
                self.raw.add(
                    "salesforce",
                    "account",
                    self.synced(created, rng),
                    id=account_id,
                    name=company.name.upper() if rng.random() < 0.5 else company.name + " Inc.",
                    type="Prospect",
                    industry=company.industry,
                    number_of_employees=company.employees,
                    annual_revenue=None,
                    billing_country=company.country,
                    website=rng.choice([f"http://{company.domain}", company.domain.upper()]),
                    account_source="Outbound",
                    parent_id=None,
                    owner_id=rng.choice(self.users[:7]),
                    created_date=created,
                    is_deleted=False,
                )
                colleague = self.new_person(company)
                colleague["contact_id"] = self.ids.next("003", 15)
                self.truth.link(
                    "salesforce",
                    "contact",
                    colleague["contact_id"],
                    company.company_id,
                    colleague["person_id"],
                )
                self.raw.add(
                    "salesforce",
                    "contact",
                    self.synced(created, rng),
                    id=colleague["contact_id"],
                    account_id=account_id,
                    email=colleague["email"],
                    first_name=colleague["first_name"],
                    last_name=colleague["last_name"],
                    title="Operations Manager",
                    lead_source="Outbound",
                    owner_id=company.owner_id,
                    created_date=created,
                    is_deleted=False,
                )
        if rng.random() < 0.08:
            created = conv + timedelta(days=rng.randint(20, 300))
            colleague = self.new_person(company, free_mail=True)
            lead = self.create_lead(company, colleague, created, "Web")
            if lead is not None:
                self.write_lead(company, colleague, lead, company_name=typo(company.name, rng))

    def campaign_for(self, company: Company) -> str | None:
        kind = CAMPAIGN_TYPE_BY_CHANNEL.get(company.channel)
        options = self.sf_campaigns.get(kind or "", [])
        return options[company.index % len(options)][0] if options else None

    def pick_plan(self, company: Company) -> tuple[str, int]:
        rng = company.rng
        seats = max(1, int(company.employees * rng.uniform(0.02, 0.12)))
        if company.segment == "Enterprise":
            return "enterprise_year", max(20, min(seats, 400))
        if company.segment == "Mid-Market":
            return rng.choice(["pro_month", "pro_quarter", "pro_year"]), max(5, min(seats, 120))
        return rng.choice(["starter_month", "starter_month", "pro_month"]), max(1, min(seats, 25))

    def opportunity(
        self,
        company: Company,
        opp_type: str,
        created: datetime,
        amount: float,
        campaign_id: str | None,
        lead_source: str,
        *,
        force: str | None = None,
        close_at: datetime | None = None,
    ) -> dict:
        """An opportunity and its stage history. `force` = 'won'/'lost' fixes the outcome
        (expansions and renewals follow the billing events); `close_at` fixes the close."""
        rng = company.rng
        opp_id = self.ids.next("006", 15)
        lo, hi = SEGMENT_CYCLE_DAYS[company.segment]
        if opp_type != "New Business":
            lo, hi = 10, 40
        cycle = timedelta(days=rng.uniform(lo, hi))
        closing = close_at or created + cycle
        outcome = force or (
            "won"
            if rng.random() < {"SMB": 0.35, "Mid-Market": 0.3, "Enterprise": 0.25}[company.segment]
            else "lost"
        )
        reopened = outcome == "won" and force is None and rng.random() < 0.06
        expected_close = (created + timedelta(days=(lo + hi) / 2)).date()
        amount = round(amount, 2)
        history: list[tuple[datetime, str, date, float]] = []
        stages = catalog.OPEN_STAGES
        last_open = len(stages) if outcome == "won" else rng.randint(1, len(stages))
        steps = max(1, last_open)
        for i in range(last_open):
            ts = created + (closing - created) * (i / steps) if i else created
            history.append((ts, stages[i].name, expected_close, amount))
            if i == 2 and rng.random() < 0.25:
                expected_close = expected_close + timedelta(days=rng.randint(15, 45))
                history.append((ts + timedelta(hours=2), stages[i].name, expected_close, amount))
        if reopened:
            lost_at = created + (closing - created) * 0.7
            history.append((lost_at, "Closed Lost", lost_at.date(), amount))
            history.append((lost_at + timedelta(days=3), "Negotiation", closing.date(), amount))
        final_stage = "Closed Won" if outcome == "won" else "Closed Lost"
        history.append((closing, final_stage, closing.date(), amount))
        history = [h for h in history if h[0] <= self.horizon]
        if not history:
            history = [(created, stages[0].name, expected_close, amount)]
        last = history[-1]
        stage = catalog.STAGE_BY_NAME[last[1]]
        is_closed = stage.is_closed
        status = ("won" if stage.is_won else "lost") if is_closed else "open"
        for ts, stage_name, close_date, amt in history:
            s = catalog.STAGE_BY_NAME[stage_name]
            self.raw.add(
                "salesforce",
                "opportunity_history",
                self.synced(ts, rng),
                id=self.ids.next("008", 15),
                opportunity_id=opp_id,
                stage_name=stage_name,
                amount=amt,
                probability=float(s.probability),
                forecast_category=s.forecast_category,
                close_date=close_date,
                created_date=ts,
                is_deleted=False,
            )
        self.raw.add(
            "salesforce",
            "opportunity",
            self.synced(last[0], rng),
            id=opp_id,
            account_id=company.account_id,
            owner_id=company.owner_id,
            campaign_id=campaign_id if opp_type == "New Business" else None,
            name=f"{company.name} - {opp_type}",
            type=opp_type,
            stage_name=last[1],
            amount=amount,
            currency_iso_code=company.currency.upper(),
            probability=float(stage.probability),
            forecast_category=stage.forecast_category,
            lead_source=lead_source,
            is_closed=is_closed,
            is_won=stage.is_won,
            close_date=last[2],
            created_date=created,
            is_deleted=False,
        )
        self.truth.link("salesforce", "opportunity", opp_id, company.company_id)
        closed_at = last[0] if is_closed else None
        self.truth.opportunities.append(
            {
                "opportunity_id": opp_id,
                "company_id": company.company_id,
                "opportunity_type": opp_type,
                "segment": company.segment,
                "owner_id": company.owner_id,
                "lead_source": lead_source,
                "created_at": created,
                "closed_at": closed_at,
                "close_date": last[2],
                "status": status,
                "amount": amount,
                "currency": company.currency.upper(),
                "amount_usd": amount * self.fx.to_usd(company.currency, last[2]),
                "was_reopened": reopened and status == "won",
                "sales_cycle_days": (last[2] - created.date()).days if status == "won" else None,
            }
        )
        return {"opportunity_id": opp_id, "outcome": status, "closed_at": closed_at}

    # -- billing ----------------------------------------------------------------------------
    def stripe_customer(
        self,
        company: Company,
        person: dict,
        ts: datetime,
        *,
        crm_account: bool,
        livemode: bool = True,
    ) -> str:
        rng = company.rng
        customer_id = self.ids.next("cus_")
        metadata = (
            {"salesforce_account_id": company.account_id}
            if crm_account and company.account_id
            else {}
        )
        self.raw.add(
            "stripe",
            "customer",
            self.synced(ts, rng),
            id=customer_id,
            email=messy(person["email"], rng, 0.2),
            name=company.name,
            currency=company.currency,
            created=ts,
            delinquent=False,
            metadata=json.dumps(metadata),
            livemode=livemode,
            is_deleted=False,
        )
        if livemode:
            self.truth.link(
                "stripe", "customer", customer_id, company.company_id, person["person_id"]
            )
        return customer_id

    def start_billing(
        self,
        company: Company,
        person: dict,
        won_at: datetime,
        plan: str,
        seats: int,
        *,
        crm_account: bool,
        trial_days: int = 0,
    ) -> list:
        rng = company.rng
        start = won_at + timedelta(days=rng.randint(0, 5), hours=rng.randint(0, 12))
        if start > self.horizon:
            return []
        customer_id = self.stripe_customer(company, person, start, crm_account=crm_account)
        a, b = SEGMENT_CHURN[company.segment]
        churn = rng.betavariate(a, b)
        results = []
        addon_done = False
        while start <= self.horizon:
            price = self.prices[(plan, company.currency)]
            sim = SubscriptionSim(
                self.billing,
                rng,
                customer_id,
                company.currency,
                price,
                seats,
                churn,
                metered_price=self.prices[("api_calls", company.currency)]
                if plan.startswith("pro") and rng.random() < 0.3
                else None,
                onboarding_price=self.prices[("onboarding", company.currency)]
                if plan == "enterprise_year"
                else None,
            )
            coupon = self.pick_coupon(rng, price, seats, company.currency)
            events = sim.run(start, trial_days=trial_days, coupon=coupon)
            trial_days = 0
            company.contracts.append(sim.contract)
            results.append(events)
            if events.first_paid_at and company.first_paid_at is None:
                company.first_paid_at = events.first_paid_at
            self.crm_follow_up(company, price, events)
            if not addon_done and plan.startswith("pro") and rng.random() < 0.25:
                addon_done = True
                self.add_on(
                    company, customer_id, start + timedelta(days=rng.randint(20, 200)), churn
                )
            if not events.ended_at or rng.random() > 0.25:
                break
            # Reactivation: the same customer subscribes again after a gap.
            start = events.ended_at + timedelta(days=rng.randint(30, 180))
            seats = max(1, seats + rng.randint(-2, 3))
        return results

    def add_on(self, company: Company, customer_id: str, start: datetime, churn: float) -> None:
        if start > self.horizon:
            return
        rng = company.rng
        sim = SubscriptionSim(
            self.billing,
            rng,
            customer_id,
            company.currency,
            self.prices[("analytics_addon_month", company.currency)],
            rng.randint(1, 5),
            min(0.5, churn * 3),
        )
        sim.run(start, allow_seat_changes=False)
        company.contracts.append(sim.contract)

    def pick_coupon(
        self, rng: random.Random, price: Price, seats: int, currency: str
    ) -> Coupon | None:
        r = rng.random()
        if r < 0.06:
            return self.coupons["LAUNCH20"]
        if r < 0.10:
            return self.coupons["PARTNER25X3"]
        if r < 0.13:
            return self.coupons["NONPROFIT10"]
        if r < 0.16 and price.months == 1 and price.unit_amount * seats > 10000:
            return self.coupons[f"WELCOME50X3_{currency.upper()}"]
        return None

    def crm_follow_up(self, company: Company, price: Price, events) -> None:
        """Sales-led accounts: seat increases close Expansion opportunities, annual terms Renewals."""
        if company.account_id is None:
            return
        rng = company.rng
        for ts, old, new in events.seat_changes:
            if new > old:
                amount = price.unit_amount / 100 * (new - old) * 12 / price.months
                self.opportunity(
                    company,
                    "Expansion",
                    ts - timedelta(days=rng.randint(10, 30)),
                    amount,
                    None,
                    "Outbound",
                    force="won",
                    close_at=ts,
                )
        if price.months == 12:
            for start, end, renewed in events.renewals:
                created = end - timedelta(days=60)
                if created <= start or created > self.horizon:
                    continue
                amount = price.unit_amount / 100 * 12
                self.opportunity(
                    company,
                    "Renewal",
                    created,
                    amount,
                    None,
                    "Outbound",
                    force="won" if renewed else "lost",
                    close_at=end,
                )

    # -- self-serve --------------------------------------------------------------------------
    def self_serve_motion(self, company: Company, person: dict, t0: datetime, record: dict) -> None:
        rng = company.rng
        signup = self.rand_ts(rng, t0, 0.05, 10)
        if signup > self.horizon:
            return
        user_id = f"usr_{company.index}"
        self.identify(person, signup, rng, user_id=user_id)
        self.page_view(person["anonymous_id"], signup, None, rng, path="/signup", user_id=user_id)
        if rng.random() < 0.5 and not person["email"].endswith(tuple(catalog.FREE_MAIL_DOMAINS)):
            # A colleague fills a form: a lead the CRM never converts (matched on email domain).
            colleague = self.new_person(company)
            lead = self.create_lead(
                company, colleague, self.rand_ts(rng, signup, 1, 60), "Product Signup"
            )
            if lead is not None:
                self.write_lead(company, colleague, lead)
        plan = rng.choice(["starter_month", "pro_month", "starter_month"])
        seats = max(1, min(int(company.employees * rng.uniform(0.02, 0.1)), 10))
        customer_id = self.stripe_customer(company, person, signup, crm_account=False)
        price = self.prices[(plan, company.currency)]
        a, b = SEGMENT_CHURN[company.segment]
        sim = SubscriptionSim(
            self.billing, rng, customer_id, company.currency, price, seats, rng.betavariate(a, b)
        )
        events = sim.run(
            signup,
            trial_days=14,
            converts=rng.random() < 0.6,
            coupon=self.pick_coupon(rng, price, seats, company.currency),
        )
        company.contracts.append(sim.contract)
        company.first_paid_at = events.first_paid_at
        if events.ended_at and events.first_paid_at and rng.random() < 0.2:
            again = events.ended_at + timedelta(days=rng.randint(30, 150))
            if again <= self.horizon:
                sim2 = SubscriptionSim(
                    self.billing,
                    rng,
                    customer_id,
                    company.currency,
                    price,
                    seats,
                    rng.betavariate(a, b),
                )
                sim2.run(again)
                company.contracts.append(sim2.contract)

    def noise_visitors(self) -> None:
        """Visitors who never identify: most web traffic. Tagged ones are not journey events
        of any customer, untagged ones are not events at all."""
        rng = random.Random(self.seed * 7919 + 1)
        span = (self.horizon - at(self.start_date)).total_seconds()
        for n in range(self.accounts):
            anonymous_id = f"anon-{self.seed}-x{n}"
            ts = at(self.start_date) + timedelta(seconds=int(span * rng.random()))
            for _ in range(rng.randint(1, 3)):
                channel = rng.choice(list(CHANNEL_WEIGHTS))
                self.page_view(
                    anonymous_id,
                    self.rand_ts(rng, ts, 0, 3),
                    self.utm_for(channel, rng) if rng.random() < 0.5 else None,
                    rng,
                )

    # -- truth: MRR --------------------------------------------------------------------------
    def record_mrr(self, as_of: date) -> None:
        """True MRR at every month end (the as-of day for its month) from the contracts."""
        days = []
        month = self.start_date
        while month <= as_of:
            days.append((month, min(month_end(month), as_of)))
            month = add_months(month, 1)
        for company_id, contracts in self.contracts.items():
            started = False
            for date_month, day in days:
                mrr = sum(contract.mrr_usd(day) for contract in contracts)
                started = started or mrr > 0
                if started:
                    self.truth.mrr_monthly.append(
                        {"company_id": company_id, "date_month": date_month, "mrr": mrr}
                    )
