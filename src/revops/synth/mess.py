"""Messy rows a real connector delivers, injected at a rate, each recorded with why it is bad.

Every injected row gets one expected staging outcome (models/staging/_staging__docs.md):
the reason staging must give it, and whether that reason removes it by rule or sets it
aside. Exact duplicates copy clean rows; every other kind adds a new row, so no clean row
is ever changed and the truth simulated from clean contracts stays true.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from .tables import RawTables
from .world import Truth

REMOVED = "removed_by_rule"
SET_ASIDE = "set_aside"

# Tables whose primary key is more than `id`, for the row id staging reports.
COMPOSITE_KEYS = {
    ("stripe", "subscription_history"): ("id", "_fivetran_start"),
    ("google_ads", "campaign_stats"): ("customer_id", "date", "id"),
    ("google_ads", "campaign_history"): ("id", "updated_at"),
    ("google_ads", "account_history"): ("id", "updated_at"),
    ("facebook_ads", "basic_ad"): ("ad_id", "date"),
    ("facebook_ads", "ad_history"): ("id", "updated_at"),
    ("facebook_ads", "campaign_history"): ("id", "updated_at"),
    ("facebook_ads", "account_history"): ("id", "updated_at"),
}


class Mess:
    def __init__(self, raw: RawTables, truth: Truth, rate: float, seed: int):
        self.raw, self.truth, self.rate = raw, truth, rate
        self.rng = random.Random(seed * 104_729 + 3)
        self.counter = 0
        # Bad rows are made from clean rows only, so each one has exactly one fault.
        self.clean = {key: len(rows) for key, rows in raw.rows.items()}

    def count(self, key: tuple[str, str]) -> int:
        n = len(self.raw.rows[key])
        return 0 if n == 0 or self.rate <= 0 else max(1, round(self.rate * n))

    def row_id(self, key: tuple[str, str], row: dict) -> str | None:
        parts = [row[c] for c in COMPOSITE_KEYS.get(key, ("id",))]
        return None if any(p is None for p in parts) else "|".join(str(p) for p in parts)

    def record(self, key, row: dict, issue: str, reason: str, action: str) -> None:
        self.truth.bad_rows.append(
            {
                "table_name": f"{key[0]}.{key[1]}",
                "row_id": self.row_id(key, row),
                "issue": issue,
                "expected_reason": reason,
                "expected_action": action,
            }
        )

    def sample(self, key, k: int, where: Callable[[dict], bool] | None = None) -> list[dict]:
        """Up to k distinct random clean rows of a table (as dicts) that satisfy `where`."""
        names, rows, n = self.raw.names[key], self.raw.rows[key], self.clean[key]
        if where is None:
            return [
                dict(zip(names, rows[i], strict=True)) for i in self.rng.sample(range(n), min(k, n))
            ]
        out, seen = [], set()
        for _ in range(50 * k + 100):
            if len(out) == k or len(seen) == n:
                break
            i = self.rng.randrange(n)
            if i in seen:
                continue
            seen.add(i)
            row = dict(zip(names, rows[i], strict=True))
            if where(row):
                out.append(row)
        return out

    def add(self, key, row: dict, issue: str, reason: str, action: str) -> dict:
        names = self.raw.names[key]
        self.raw.rows[key].append(tuple(row[n] for n in names))
        self.record(key, row, issue, reason, action)
        return row

    def new_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter:06d}"

    def inject(self) -> None:
        if self.rate <= 0:
            return
        self.soft_deleted()
        self.test_mode()
        self.orphans()
        self.invalid_values()
        # Exact re-deliveries last, and only of rows that were clean.
        for key, n in self.clean.items():
            names = self.raw.names[key]
            picks = self.rng.sample(range(n), min(self.count(key), n)) if n else []
            for i in sorted(picks):
                row = dict(zip(names, self.raw.rows[key][i], strict=True))
                self.add(key, row, "exact_duplicate", "duplicate", REMOVED)

    def soft_deleted(self) -> None:
        """Records created by mistake and deleted: same details as a real one, new id."""
        for key, prefix in (
            (("salesforce", "account"), "001DEL"),
            (("salesforce", "contact"), "003DEL"),
            (("salesforce", "lead"), "00QDEL"),
            (("salesforce", "opportunity"), "006DEL"),
            (("stripe", "customer"), "cus_del"),
        ):
            for row in self.sample(key, self.count(key)):
                self.add(
                    key,
                    {**row, "id": self.new_id(prefix), "is_deleted": True},
                    "soft_deleted",
                    "soft_deleted",
                    REMOVED,
                )
        invoices = ("stripe", "invoice")
        for row in self.sample(invoices, self.count(invoices), lambda r: r["livemode"]):
            invoice = self.add(
                invoices,
                {**row, "id": self.new_id("in_del"), "is_deleted": True, "status": "draft"},
                "soft_deleted",
                "soft_deleted",
                REMOVED,
            )
            self.line_for(invoice, "parent_excluded", REMOVED, "line_of_deleted_invoice")

    def line_for(self, invoice: dict, reason: str, action: str, issue: str) -> None:
        key = ("stripe", "invoice_line_item")
        template = self.sample(key, 1)[0]
        self.add(
            key,
            {
                **template,
                "id": self.new_id("il_x"),
                "invoice_id": invoice["id"],
                "currency": invoice["currency"],
            },
            issue,
            reason,
            action,
        )

    def test_mode(self) -> None:
        """Customers created in Stripe's test mode, with a subscription, invoice and charge."""
        customers = ("stripe", "customer")
        for row in self.sample(customers, self.count(customers), lambda r: r["livemode"]):
            customer = self.add(
                customers,
                {
                    **row,
                    "id": self.new_id("cus_test"),
                    "livemode": False,
                    "email": f"test+{self.counter}@revops.example",
                },
                "test_mode",
                "test_mode",
                REMOVED,
            )
            sub = self.sample(("stripe", "subscription_history"), 1)[0]
            self.add(
                ("stripe", "subscription_history"),
                {
                    **sub,
                    "id": self.new_id("sub_test"),
                    "customer_id": customer["id"],
                    "livemode": False,
                },
                "test_mode",
                "test_mode",
                REMOVED,
            )
            paid = self.sample(
                ("stripe", "invoice"), 1, lambda r: r["livemode"] and r["status"] == "paid"
            )
            if not paid:
                continue
            inv = paid[0]
            invoice = self.add(
                ("stripe", "invoice"),
                {
                    **inv,
                    "id": self.new_id("in_test"),
                    "customer_id": customer["id"],
                    "livemode": False,
                },
                "test_mode",
                "test_mode",
                REMOVED,
            )
            self.line_for(invoice, "parent_excluded", REMOVED, "line_of_test_invoice")
            charge = self.sample(("stripe", "charge"), 1)[0]
            self.add(
                ("stripe", "charge"),
                {
                    **charge,
                    "id": self.new_id("ch_test"),
                    "customer_id": customer["id"],
                    "invoice_id": invoice["id"],
                    "livemode": False,
                },
                "test_mode",
                "test_mode",
                REMOVED,
            )

    def orphans(self) -> None:
        """Child rows whose parent never arrived (or never existed)."""
        for key, fk, prefix, parent in (
            (("stripe", "invoice_line_item"), "invoice_id", "il_orph", "invoice"),
            (("stripe", "subscription_item"), "subscription_id", "si_orph", "subscription"),
            (("stripe", "refund"), "charge_id", "re_orph", "charge"),
            (("salesforce", "opportunity_history"), "opportunity_id", "008ORPH", "opportunity"),
            (("salesforce", "campaign_member"), "campaign_id", "00vORPH", "campaign"),
        ):
            for row in self.sample(key, self.count(key)):
                self.add(
                    key,
                    {**row, "id": self.new_id(prefix), fk: self.new_id(f"missing_{parent}_")},
                    "orphan_foreign_key",
                    f"orphan_{parent}",
                    SET_ASIDE,
                )

    def invalid_values(self) -> None:
        """Null keys, unknown currencies, negative amounts and members with no person."""
        for key in (("segment", "pages"), ("stripe", "charge"), ("salesforce", "campaign_member")):
            for row in self.sample(key, self.count(key)):
                self.add(
                    key, {**row, "id": None}, "null_primary_key", "null_primary_key", SET_ASIDE
                )
        charges = ("stripe", "charge")
        for row in self.sample(charges, self.count(charges), lambda r: r["livemode"]):
            self.add(
                charges,
                {**row, "id": self.new_id("ch_xts"), "currency": "xts"},
                "unknown_currency",
                "unknown_currency",
                SET_ASIDE,
            )
        refunds = ("stripe", "refund")
        for row in self.sample(
            refunds, self.count(refunds), lambda r: not r["id"].startswith("re_orph")
        ):
            self.add(
                refunds,
                {**row, "id": self.new_id("re_neg"), "amount": -abs(row["amount"])},
                "negative_amount",
                "negative_amount",
                SET_ASIDE,
            )
        ads = ("facebook_ads", "basic_ad")
        for row in self.sample(ads, max(1, self.count(ads) // 20)):
            self.add(
                ads,
                {**row, "ad_id": self.new_id("neg-ad-"), "spend": -abs(row["spend"])},
                "negative_amount",
                "negative_amount",
                SET_ASIDE,
            )
        members = ("salesforce", "campaign_member")
        for row in self.sample(members, self.count(members)):
            self.add(
                members,
                {**row, "id": self.new_id("00vNOBODY"), "lead_id": None, "contact_id": None},
                "missing_member",
                "missing_member",
                SET_ASIDE,
            )
