"""Stripe billing for one simulated subscription, and the true MRR of its contract.

`SubscriptionSim.run` walks a subscription period by period (trial, renewals, seat
changes with proration, coupons, failed payments, cancellations) and writes the raw
Stripe rows. Alongside, it keeps the contract as plain facts (`Contract`): the lines in
force with their run-rate, the status timeline, the coupons. `Contract.mrr_usd(day)`
applies METRICS.md's definition of MRR to those facts; it never reads the raw tables.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .tables import FxRates, Ids, RawTables, add_months

FAR_FUTURE = datetime(9999, 12, 31, 23, 59, 59)
COUNTED_STATUSES = ("active", "past_due")
TAXED_CURRENCIES = ("eur", "gbp")


@dataclass(frozen=True)
class Price:
    price_id: str
    product_id: str
    plan_key: str
    currency: str
    unit_amount: int  # minor units
    interval: str
    interval_count: int
    price_type: str = "recurring"
    usage_type: str = "licensed"

    @property
    def months(self) -> int:
        return self.interval_count * (12 if self.interval == "year" else 1)

    def monthly_factor(self) -> float:
        """METRICS.md: month / n, year / (12 n), week x 52 / (12 n), day x 365 / (12 n)."""
        n = self.interval_count
        return {"month": 1 / n, "year": 1 / (12 * n), "week": 52 / (12 * n), "day": 365 / (12 * n)}[
            self.interval
        ]


@dataclass(frozen=True)
class Coupon:
    coupon_id: str
    duration: str  # once, repeating, forever
    percent_off: float | None = None
    amount_off: int | None = None  # minor units, in `currency`
    currency: str | None = None
    duration_in_months: int | None = None


@dataclass
class ContractLine:
    """A counted subscription line: run-rate in force on [start, end) dates."""

    start: date
    end: date
    monthly_usd: float


@dataclass
class Contract:
    """The facts of one subscription that MRR depends on, kept as the simulation decides them."""

    subscription_id: str
    lines: list[ContractLine] = field(default_factory=list)
    status_times: list[datetime] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    ended_on: date | None = None
    percent_off: list[tuple[date, date | None, float]] = field(default_factory=list)
    amount_off_usd: list[tuple[date, date | None, float]] = field(default_factory=list)

    def status_on(self, day: date) -> str | None:
        """Status in force at the end of `day`."""
        end_of_day = datetime.combine(day + timedelta(days=1), datetime.min.time())
        i = bisect_right(self.status_times, end_of_day - timedelta(microseconds=1))
        return self.statuses[i - 1] if i else None

    def mrr_usd(self, day: date) -> float:
        if self.ended_on is not None and day >= self.ended_on:
            return 0.0
        if self.status_on(day) not in COUNTED_STATUSES:
            return 0.0
        mrr = sum(line.monthly_usd for line in self.lines if line.start <= day < line.end)
        for start, end, pct in self.percent_off:
            if start <= day and (end is None or day < end):
                mrr *= 1 - pct / 100
        for start, end, amount in self.amount_off_usd:
            if start <= day and (end is None or day < end):
                mrr -= amount
        return max(mrr, 0.0)


@dataclass
class BillingContext:
    raw: RawTables
    ids: Ids
    fx: FxRates
    horizon: datetime  # nothing after this moment is emitted (end of the as-of day)
    invoices: list[dict] = field(default_factory=list)  # truth: every live invoice
    refunds: list[dict] = field(default_factory=list)  # truth: every live refund

    def synced(self, ts: datetime, rng: random.Random) -> datetime:
        return min(ts + timedelta(minutes=rng.randint(5, 600)), self.horizon)


@dataclass
class SubscriptionEvents:
    """What the CRM side needs to know of a subscription's life."""

    seat_changes: list[tuple[datetime, int, int]] = field(default_factory=list)
    renewals: list[tuple[datetime, datetime, bool]] = field(default_factory=list)
    ended_at: datetime | None = None
    first_paid_at: datetime | None = None
    churned: bool = False


class SubscriptionSim:
    """Simulates one subscription of one Stripe customer."""

    def __init__(
        self,
        ctx: BillingContext,
        rng: random.Random,
        customer_id: str,
        currency: str,
        price: Price,
        seats: int,
        monthly_churn: float,
        *,
        livemode: bool = True,
        metered_price: Price | None = None,
        onboarding_price: Price | None = None,
    ):
        self.ctx, self.rng = ctx, rng
        self.customer_id, self.currency, self.price, self.seats = (
            customer_id,
            currency,
            price,
            seats,
        )
        self.monthly_churn = monthly_churn
        self.livemode = livemode
        self.metered_price, self.onboarding_price = metered_price, onboarding_price
        self.subscription_id = ctx.ids.next("sub_")
        self.item_id = ctx.ids.next("si_")
        self.contract = Contract(self.subscription_id)
        self.events = SubscriptionEvents()
        self.versions: list[dict] = []
        self.state: dict = {}
        self.coupon: Coupon | None = None
        self.coupon_start: datetime | None = None
        self.period: tuple[datetime, datetime] | None = None

    # -- status history --------------------------------------------------------------
    def _set(self, ts: datetime, **changes) -> None:
        if ts > self.ctx.horizon:
            return
        if self.versions and ts < self.versions[-1]["ts"]:
            raise ValueError(f"{self.subscription_id}: a version at {ts} before the latest one")
        self.state = {**self.state, **changes}
        # Changes at the same moment are one version of the object, as Fivetran records it.
        if self.versions and self.versions[-1]["ts"] == ts:
            self.versions[-1] = {"ts": ts, **self.state}
        else:
            self.versions.append({"ts": ts, **self.state})
        if "status" in changes:
            if self.contract.status_times and self.contract.status_times[-1] == ts:
                self.contract.statuses[-1] = changes["status"]
            else:
                self.contract.status_times.append(ts)
                self.contract.statuses.append(changes["status"])

    def _write_history(self) -> None:
        raw, rng = self.ctx.raw, self.rng
        for i, version in enumerate(self.versions):
            nxt = self.versions[i + 1]["ts"] if i + 1 < len(self.versions) else None
            raw.add(
                "stripe",
                "subscription_history",
                self.ctx.synced(version["ts"], rng),
                id=self.subscription_id,
                customer_id=self.customer_id,
                status=version["status"],
                created=self.versions[0]["ts"],
                start_date=self.versions[0]["ts"],
                trial_start=version.get("trial_start"),
                trial_end=version.get("trial_end"),
                cancel_at=version.get("cancel_at"),
                cancel_at_period_end=version.get("cancel_at_period_end", False),
                canceled_at=version.get("canceled_at"),
                ended_at=version.get("ended_at"),
                metadata="{}",
                livemode=self.livemode,
                _fivetran_start=version["ts"],
                _fivetran_end=nxt or FAR_FUTURE,
                _fivetran_active=nxt is None,
            )

    # -- invoices ----------------------------------------------------------------------
    def _line(self, invoice_id, price, qty, amount, start, end, *, proration, line_type, desc):
        self.ctx.raw.add(
            "stripe",
            "invoice_line_item",
            self.ctx.synced(start, self.rng),
            id=self.ctx.ids.next("il_"),
            invoice_id=invoice_id,
            subscription_id=self.subscription_id if line_type == "subscription" else None,
            subscription_item_id=self.item_id if price is self.price else None,
            price_id=price.price_id,
            type=line_type,
            proration=proration,
            quantity=qty,
            amount=amount,
            currency=self.currency,
            period_start=start,
            period_end=end,
            description=desc,
        )

    def _invoice(self, created, reason, lines, period, *, status="paid", discount=None):
        """Write an invoice with its lines, discount, tax and charge; returns (id, charge id)."""
        ctx, rng = self.ctx, self.rng
        invoice_id = ctx.ids.next("in_")
        subtotal = sum(line[2] for line in lines)
        discount_amount = 0
        if discount is not None and subtotal > 0:
            coupon = discount
            if coupon.percent_off:
                discount_amount = round(subtotal * coupon.percent_off / 100)
            else:
                discount_amount = min(coupon.amount_off or 0, subtotal)
        taxable = subtotal - discount_amount
        tax = round(taxable * 0.2) if self.currency in TAXED_CURRENCIES and taxable > 0 else 0
        total = taxable + tax
        amount_due = max(total, 0)
        paid = status == "paid"
        for price, qty, amount, start, end, proration, line_type, desc in lines:
            self._line(
                invoice_id,
                price,
                qty,
                amount,
                start,
                end,
                proration=proration,
                line_type=line_type,
                desc=desc,
            )
            counted = (
                status in ("paid", "open")
                and line_type == "subscription"
                and price.price_type == "recurring"
                and price.usage_type == "licensed"
                and amount != 0
                and self.livemode
            )
            if counted:
                sign = 1 if amount > 0 else -1
                monthly_local = sign * price.unit_amount / 100 * qty * price.monthly_factor()
                self.contract.lines.append(
                    ContractLine(
                        start.date(),
                        end.date(),
                        monthly_local * ctx.fx.to_usd(self.currency, start),
                    )
                )
        ctx.raw.add(
            "stripe",
            "invoice",
            ctx.synced(created, rng),
            id=invoice_id,
            customer_id=self.customer_id,
            subscription_id=self.subscription_id,
            number=f"INV-{invoice_id[3:]}",
            status=status,
            billing_reason=reason,
            currency=self.currency,
            subtotal=subtotal,
            total_discount_amount=discount_amount,
            tax=tax,
            total=total,
            amount_due=amount_due if status != "draft" else 0,
            amount_paid=amount_due if paid else 0,
            period_start=period[0],
            period_end=period[1],
            created=created,
            livemode=self.livemode,
            is_deleted=False,
        )
        if discount_amount:
            end = (
                add_months(self.coupon_start, discount.duration_in_months)
                if discount.duration == "repeating"
                else None
            )
            ctx.raw.add(
                "stripe",
                "discount",
                ctx.synced(created, rng),
                id=ctx.ids.next("di_"),
                coupon_id=discount.coupon_id,
                customer_id=self.customer_id,
                subscription_id=self.subscription_id,
                invoice_id=invoice_id,
                amount=discount_amount,
                start=self.coupon_start,
                end=end,
            )
        charge_id = None
        if paid and amount_due > 0:
            charge_id = self._charge(
                invoice_id, amount_due, created + timedelta(minutes=2), "succeeded"
            )
        if self.livemode and status != "draft":
            ctx.invoices.append(
                {
                    "invoice_id": invoice_id,
                    "customer_id": self.customer_id,
                    "subscription_id": self.subscription_id,
                    "status": status,
                    "currency": self.currency.upper(),
                    "total_minor": total,
                    "tax_minor": tax,
                    "amount_paid_minor": amount_due if paid else 0,
                    "created_at": created,
                }
            )
        return invoice_id, charge_id

    def _charge(self, invoice_id, amount, ts, status):
        if status == "succeeded" and amount > 0 and self.events.first_paid_at is None:
            self.events.first_paid_at = ts  # the first money received
        charge_id = self.ctx.ids.next("ch_")
        self.ctx.raw.add(
            "stripe",
            "charge",
            self.ctx.synced(ts, self.rng),
            id=charge_id,
            customer_id=self.customer_id,
            invoice_id=invoice_id,
            amount=amount,
            amount_refunded=0,
            currency=self.currency,
            status=status,
            paid=status == "succeeded",
            refunded=False,
            created=ts,
            livemode=self.livemode,
        )
        return charge_id

    def _refund(self, charge_id, amount, ts):
        """Refund part of a charge: the refund row, and the charge's refunded amount."""
        charge_rows = self.ctx.raw.rows[("stripe", "charge")]
        names = self.ctx.raw.names[("stripe", "charge")]
        for i in range(len(charge_rows) - 1, -1, -1):
            if charge_rows[i][0] == charge_id:
                row = dict(zip(names, charge_rows[i], strict=True))
                row["amount_refunded"] = amount
                row["refunded"] = amount >= row["amount"]
                row["_fivetran_synced"] = self.ctx.synced(ts, self.rng)
                charge_rows[i] = tuple(row[name] for name in names)
                break
        self.ctx.raw.add(
            "stripe",
            "refund",
            self.ctx.synced(ts, self.rng),
            id=self.ctx.ids.next("re_"),
            charge_id=charge_id,
            amount=amount,
            currency=self.currency,
            status="succeeded",
            reason="requested_by_customer",
            created=ts,
        )
        if self.livemode:
            self.ctx.refunds.append(
                {
                    "customer_id": self.customer_id,
                    "currency": self.currency.upper(),
                    "amount_minor": amount,
                    "created_at": ts,
                }
            )

    def _coupon_applies(self, period_start: datetime) -> Coupon | None:
        coupon = self.coupon
        if coupon is None:
            return None
        if coupon.duration == "once":
            return coupon if period_start == self.coupon_start else None
        if coupon.duration == "repeating":
            end = add_months(self.coupon_start, coupon.duration_in_months)
            return coupon if period_start < end else None
        return coupon

    def attach_coupon(self, coupon: Coupon, start: datetime) -> None:
        self.coupon, self.coupon_start = coupon, start
        end = (
            add_months(start, coupon.duration_in_months) if coupon.duration == "repeating" else None
        )
        if coupon.duration == "once":
            return
        end_day = end.date() if end else None
        if coupon.percent_off:
            self.contract.percent_off.append((start.date(), end_day, coupon.percent_off))
        else:
            usd = (
                coupon.amount_off
                / 100
                / self.price.months
                * self.ctx.fx.to_usd(coupon.currency, start)
            )
            self.contract.amount_off_usd.append((start.date(), end_day, usd))

    # -- the life of the subscription --------------------------------------------------------
    def run(
        self,
        start: datetime,
        *,
        trial_days: int = 0,
        converts: bool = True,
        coupon: Coupon | None = None,
        allow_seat_changes: bool = True,
        fail_rate: float = 0.03,
        void_rate: float = 0.01,
    ) -> SubscriptionEvents:
        rng, horizon, price = self.rng, self.ctx.horizon, self.price
        self._set(start, status="trialing" if trial_days else "active")
        period_start = start
        if trial_days:
            trial_end = start + timedelta(days=trial_days)
            self._set(start, trial_start=start, trial_end=trial_end)
            self._invoice(
                start,
                "subscription_create",
                [
                    (
                        price,
                        self.seats,
                        0,
                        start,
                        trial_end,
                        False,
                        "subscription",
                        f"Trial period for {self.seats} x {price.plan_key}",
                    )
                ],
                (start, trial_end),
            )
            if not converts:
                self._set(trial_end, status="canceled", canceled_at=trial_end, ended_at=trial_end)
                self._finish(trial_end)
                return self.events
            self._set(trial_end, status="active")
            period_start = trial_end
        if coupon is not None:
            self.attach_coupon(coupon, period_start)
        first = True
        per_period_churn = 1 - (1 - self.monthly_churn) ** price.months
        while period_start <= horizon:
            period_end = add_months(period_start, price.months)
            self.period = (period_start, period_end)
            reason = "subscription_create" if first and not trial_days else "subscription_cycle"
            lines = [
                (
                    price,
                    self.seats,
                    price.unit_amount * self.seats,
                    period_start,
                    period_end,
                    False,
                    "subscription",
                    f"{self.seats} x {price.plan_key}",
                )
            ]
            if self.metered_price is not None and not first:
                usage = rng.randint(0, 4000)
                prev_start = add_months(period_start, -price.months)
                lines.append(
                    (
                        self.metered_price,
                        usage,
                        usage * self.metered_price.unit_amount,
                        prev_start,
                        period_start,
                        False,
                        "subscription",
                        "API calls (metered)",
                    )
                )
            if first and self.onboarding_price is not None:
                lines.append(
                    (
                        self.onboarding_price,
                        1,
                        self.onboarding_price.unit_amount,
                        period_start,
                        period_start,
                        False,
                        "invoiceitem",
                        "Onboarding",
                    )
                )
            if rng.random() < void_rate:
                # A billing mistake: the first invoice is voided and a corrected one issued.
                self._invoice(
                    period_start, reason, lines, (period_start, period_end), status="void"
                )
            failed = rng.random() < fail_rate
            invoice_id, charge_id = self._invoice(
                period_start,
                reason,
                lines,
                (period_start, period_end),
                status="open" if failed else "paid",
                discount=self._coupon_applies(period_start),
            )
            first = False
            if failed and self._dunning(invoice_id, period_start, lines):
                return self.events
            length = (period_end - period_start).days
            # Renewal decision for this period: cancel at its end, or immediately within it.
            churns = rng.random() < per_period_churn
            seat_change_day = rng.randint(2, max(2, length - 2))
            if (
                allow_seat_changes
                and not churns
                and seat_change_day < length
                and rng.random() < 0.12 * price.months
            ):
                self._seat_change(period_start + timedelta(days=seat_change_day), period_end)
            if churns:
                self.events.churned = True
                if rng.random() < 0.3 and charge_id is not None:
                    cancel_ts = period_start + timedelta(
                        days=rng.randint(1, max(1, length - 1)), hours=3
                    )
                    # Never before the latest change (a payment recovered after dunning).
                    cancel_ts = max(cancel_ts, self.versions[-1]["ts"] + timedelta(minutes=1))
                    if cancel_ts > horizon:
                        break
                    self._set(
                        cancel_ts, status="canceled", canceled_at=cancel_ts, ended_at=cancel_ts
                    )
                    unused = (period_end - cancel_ts) / (period_end - period_start)
                    refund = round(price.unit_amount * self.seats * unused)
                    if refund > 0:
                        self._refund(charge_id, refund, cancel_ts + timedelta(minutes=1))
                    self.events.renewals.append((period_start, cancel_ts, False))
                    self._finish(cancel_ts)
                    return self.events
                decided = period_start + timedelta(days=rng.randint(1, max(1, length - 1)))
                decided = max(decided, self.versions[-1]["ts"] + timedelta(minutes=1))
                self._set(
                    decided, cancel_at_period_end=True, cancel_at=period_end, canceled_at=decided
                )
                self.events.renewals.append((period_start, period_end, False))
                if period_end > horizon:
                    break
                self._set(period_end, status="canceled", ended_at=period_end)
                self._finish(period_end)
                return self.events
            self.events.renewals.append((period_start, period_end, True))
            period_start = period_end
        self._finish(None)
        return self.events

    def _seat_change(self, ts: datetime, period_end: datetime) -> None:
        """Mid-period seat change: unused-time credit and remaining-time charge (Stripe proration)."""
        if ts > self.ctx.horizon:
            return
        rng, price, old = self.rng, self.price, self.seats
        if rng.random() < 0.7:
            new = old + max(1, round(old * rng.uniform(0.1, 0.5)))
        else:
            new = max(1, old - max(1, round(old * rng.uniform(0.1, 0.4))))
        if new == old:
            return
        period_start = self.period[0]
        fraction = (period_end - ts) / (period_end - period_start)
        lines = [
            (
                price,
                old,
                -round(price.unit_amount * old * fraction),
                ts,
                period_end,
                True,
                "subscription",
                f"Unused time on {old} x {price.plan_key}",
            ),
            (
                price,
                new,
                round(price.unit_amount * new * fraction),
                ts,
                period_end,
                True,
                "subscription",
                f"Remaining time on {new} x {price.plan_key}",
            ),
        ]
        self._invoice(ts, "subscription_update", lines, (ts, period_end))
        self.events.seat_changes.append((ts, old, new))
        self.seats = new

    def _dunning(self, invoice_id: str, ts: datetime, lines) -> bool:
        """A failed payment: past_due, then recovered or unpaid and canceled. True if it ended."""
        rng = self.rng
        amount = self._invoice_amount_due(invoice_id)
        self._charge(invoice_id, amount, ts + timedelta(minutes=2), "failed")
        self._set(ts + timedelta(hours=1), status="past_due")
        if rng.random() < 0.65:
            paid_at = ts + timedelta(days=rng.randint(2, 10))
            if paid_at > self.ctx.horizon:
                return False
            self._charge(invoice_id, amount, paid_at, "succeeded")
            self._update_invoice(invoice_id, "paid", paid_at)
            self._set(paid_at, status="active")
            return False
        unpaid_at, cancel_at = ts + timedelta(days=14), ts + timedelta(days=30)
        self._set(unpaid_at, status="unpaid")
        if cancel_at > self.ctx.horizon:
            self.events.churned = True
            self._finish(None)
            return True
        self._update_invoice(invoice_id, "uncollectible", cancel_at)
        self._set(cancel_at, status="canceled", canceled_at=cancel_at, ended_at=cancel_at)
        self.events.churned = True
        self._finish(cancel_at)
        return True

    def _invoice_amount_due(self, invoice_id: str) -> int:
        names = self.ctx.raw.names[("stripe", "invoice")]
        row = next(
            r for r in reversed(self.ctx.raw.rows[("stripe", "invoice")]) if r[0] == invoice_id
        )
        return row[names.index("amount_due")]

    def _update_invoice(self, invoice_id: str, status: str, ts: datetime) -> None:
        rows = self.ctx.raw.rows[("stripe", "invoice")]
        names = self.ctx.raw.names[("stripe", "invoice")]
        for i in range(len(rows) - 1, -1, -1):
            if rows[i][0] == invoice_id:
                row = dict(zip(names, rows[i], strict=True))
                row["status"] = status
                if status == "paid":
                    row["amount_paid"] = row["amount_due"]
                row["_fivetran_synced"] = self.ctx.synced(ts, self.rng)
                rows[i] = tuple(row[name] for name in names)
                break
        for record in reversed(self.ctx.invoices):
            if record["invoice_id"] == invoice_id:
                record["status"] = status
                if status == "paid":
                    record["amount_paid_minor"] = record["total_minor"]
                break
        if status == "uncollectible":
            # The run-rate of an uncollectible invoice never counts (METRICS.md).
            period = self.period
            self.contract.lines = [
                line
                for line in self.contract.lines
                if not (line.start == period[0].date() and line.end == period[1].date())
            ]

    def _finish(self, ended_at: datetime | None) -> None:
        if ended_at is not None and ended_at <= self.ctx.horizon:
            self.events.ended_at = ended_at
            self.contract.ended_on = ended_at.date()
        self._write_history()
        if self.period is None:
            period = (self.versions[0]["ts"], self.state.get("trial_end") or self.versions[0]["ts"])
        else:
            period = self.period
        self.ctx.raw.add(
            "stripe",
            "subscription_item",
            self.ctx.synced(self.versions[0]["ts"], self.rng),
            id=self.item_id,
            subscription_id=self.subscription_id,
            price_id=self.price.price_id,
            quantity=self.seats,
            created=self.versions[0]["ts"],
            current_period_start=period[0],
            current_period_end=period[1],
        )
