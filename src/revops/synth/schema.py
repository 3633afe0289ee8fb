"""The raw landing schema (contract/RAW_LANDING.md) as data.

One entry per raw table: its connector schema, its columns and their DuckDB types,
in the order an EL tool would land them. The generator writes exactly these tables;
`create_empty` writes them with no rows, which is enough to compile and run the
staging layer before any data exists.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

TS = "timestamp"
DATE = "date"
TEXT = "varchar"
INT = "integer"
BIG = "bigint"
DBL = "double"
BOOL = "boolean"

# Every table also carries `_fivetran_synced` (timestamp), appended by `columns()`.
RAW_TABLES: dict[tuple[str, str], list[tuple[str, str]]] = {
    ("salesforce", "account"): [
        ("id", TEXT),
        ("name", TEXT),
        ("type", TEXT),
        ("industry", TEXT),
        ("number_of_employees", INT),
        ("annual_revenue", DBL),
        ("billing_country", TEXT),
        ("website", TEXT),
        ("account_source", TEXT),
        ("parent_id", TEXT),
        ("owner_id", TEXT),
        ("created_date", TS),
        ("is_deleted", BOOL),
    ],
    ("salesforce", "contact"): [
        ("id", TEXT),
        ("account_id", TEXT),
        ("email", TEXT),
        ("first_name", TEXT),
        ("last_name", TEXT),
        ("title", TEXT),
        ("lead_source", TEXT),
        ("owner_id", TEXT),
        ("created_date", TS),
        ("is_deleted", BOOL),
    ],
    ("salesforce", "lead"): [
        ("id", TEXT),
        ("email", TEXT),
        ("first_name", TEXT),
        ("last_name", TEXT),
        ("company", TEXT),
        ("industry", TEXT),
        ("country", TEXT),
        ("number_of_employees", INT),
        ("lead_source", TEXT),
        ("status", TEXT),
        ("mql_date_c", TS),
        ("sql_date_c", TS),
        ("is_converted", BOOL),
        ("converted_date", DATE),
        ("converted_account_id", TEXT),
        ("converted_contact_id", TEXT),
        ("converted_opportunity_id", TEXT),
        ("owner_id", TEXT),
        ("created_date", TS),
        ("is_deleted", BOOL),
    ],
    ("salesforce", "opportunity"): [
        ("id", TEXT),
        ("account_id", TEXT),
        ("owner_id", TEXT),
        ("campaign_id", TEXT),
        ("name", TEXT),
        ("type", TEXT),
        ("stage_name", TEXT),
        ("amount", DBL),
        ("currency_iso_code", TEXT),
        ("probability", DBL),
        ("forecast_category", TEXT),
        ("lead_source", TEXT),
        ("is_closed", BOOL),
        ("is_won", BOOL),
        ("close_date", DATE),
        ("created_date", TS),
        ("is_deleted", BOOL),
    ],
    ("salesforce", "opportunity_history"): [
        ("id", TEXT),
        ("opportunity_id", TEXT),
        ("stage_name", TEXT),
        ("amount", DBL),
        ("probability", DBL),
        ("forecast_category", TEXT),
        ("close_date", DATE),
        ("created_date", TS),
        ("is_deleted", BOOL),
    ],
    ("salesforce", "user"): [
        ("id", TEXT),
        ("name", TEXT),
        ("email", TEXT),
        ("title", TEXT),
        ("manager_id", TEXT),
        ("is_active", BOOL),
        ("created_date", TS),
    ],
    ("salesforce", "campaign"): [
        ("id", TEXT),
        ("name", TEXT),
        ("type", TEXT),
        ("status", TEXT),
        ("start_date", DATE),
        ("end_date", DATE),
        ("budgeted_cost", DBL),
        ("actual_cost", DBL),
        ("is_active", BOOL),
        ("created_date", TS),
        ("is_deleted", BOOL),
    ],
    ("salesforce", "campaign_member"): [
        ("id", TEXT),
        ("campaign_id", TEXT),
        ("lead_id", TEXT),
        ("contact_id", TEXT),
        ("status", TEXT),
        ("has_responded", BOOL),
        ("first_responded_date", DATE),
        ("created_date", TS),
        ("is_deleted", BOOL),
    ],
    ("stripe", "customer"): [
        ("id", TEXT),
        ("email", TEXT),
        ("name", TEXT),
        ("currency", TEXT),
        ("created", TS),
        ("delinquent", BOOL),
        ("metadata", TEXT),
        ("livemode", BOOL),
        ("is_deleted", BOOL),
    ],
    ("stripe", "product"): [
        ("id", TEXT),
        ("name", TEXT),
        ("active", BOOL),
        ("created", TS),
    ],
    ("stripe", "price"): [
        ("id", TEXT),
        ("product_id", TEXT),
        ("nickname", TEXT),
        ("currency", TEXT),
        ("unit_amount", BIG),
        ("type", TEXT),
        ("recurring_interval", TEXT),
        ("recurring_interval_count", INT),
        ("recurring_usage_type", TEXT),
        ("active", BOOL),
        ("created", TS),
    ],
    ("stripe", "subscription_history"): [
        ("id", TEXT),
        ("customer_id", TEXT),
        ("status", TEXT),
        ("created", TS),
        ("start_date", TS),
        ("trial_start", TS),
        ("trial_end", TS),
        ("cancel_at", TS),
        ("cancel_at_period_end", BOOL),
        ("canceled_at", TS),
        ("ended_at", TS),
        ("metadata", TEXT),
        ("livemode", BOOL),
        ("_fivetran_start", TS),
        ("_fivetran_end", TS),
        ("_fivetran_active", BOOL),
    ],
    ("stripe", "subscription_item"): [
        ("id", TEXT),
        ("subscription_id", TEXT),
        ("price_id", TEXT),
        ("quantity", INT),
        ("created", TS),
        ("current_period_start", TS),
        ("current_period_end", TS),
    ],
    ("stripe", "coupon"): [
        ("id", TEXT),
        ("name", TEXT),
        ("percent_off", DBL),
        ("amount_off", BIG),
        ("currency", TEXT),
        ("duration", TEXT),
        ("duration_in_months", INT),
        ("created", TS),
    ],
    ("stripe", "discount"): [
        ("id", TEXT),
        ("coupon_id", TEXT),
        ("customer_id", TEXT),
        ("subscription_id", TEXT),
        ("invoice_id", TEXT),
        ("amount", BIG),
        ("start", TS),
        ("end", TS),
    ],
    ("stripe", "invoice"): [
        ("id", TEXT),
        ("customer_id", TEXT),
        ("subscription_id", TEXT),
        ("number", TEXT),
        ("status", TEXT),
        ("billing_reason", TEXT),
        ("currency", TEXT),
        ("subtotal", BIG),
        ("total_discount_amount", BIG),
        ("tax", BIG),
        ("total", BIG),
        ("amount_due", BIG),
        ("amount_paid", BIG),
        ("period_start", TS),
        ("period_end", TS),
        ("created", TS),
        ("livemode", BOOL),
        ("is_deleted", BOOL),
    ],
    ("stripe", "invoice_line_item"): [
        ("id", TEXT),
        ("invoice_id", TEXT),
        ("subscription_id", TEXT),
        ("subscription_item_id", TEXT),
        ("price_id", TEXT),
        ("type", TEXT),
        ("proration", BOOL),
        ("quantity", INT),
        ("amount", BIG),
        ("currency", TEXT),
        ("period_start", TS),
        ("period_end", TS),
        ("description", TEXT),
    ],
    ("stripe", "charge"): [
        ("id", TEXT),
        ("customer_id", TEXT),
        ("invoice_id", TEXT),
        ("amount", BIG),
        ("amount_refunded", BIG),
        ("currency", TEXT),
        ("status", TEXT),
        ("paid", BOOL),
        ("refunded", BOOL),
        ("created", TS),
        ("livemode", BOOL),
    ],
    ("stripe", "refund"): [
        ("id", TEXT),
        ("charge_id", TEXT),
        ("amount", BIG),
        ("currency", TEXT),
        ("status", TEXT),
        ("reason", TEXT),
        ("created", TS),
    ],
    ("google_ads", "campaign_stats"): [
        ("customer_id", TEXT),
        ("date", DATE),
        ("id", TEXT),
        ("clicks", INT),
        ("impressions", INT),
        ("cost_micros", BIG),
        ("conversions", DBL),
    ],
    ("google_ads", "campaign_history"): [
        ("id", TEXT),
        ("customer_id", TEXT),
        ("name", TEXT),
        ("status", TEXT),
        ("updated_at", TS),
    ],
    ("google_ads", "account_history"): [
        ("id", TEXT),
        ("currency_code", TEXT),
        ("time_zone", TEXT),
        ("updated_at", TS),
    ],
    ("facebook_ads", "basic_ad"): [
        ("ad_id", TEXT),
        ("account_id", TEXT),
        ("date", DATE),
        ("impressions", INT),
        ("inline_link_clicks", INT),
        ("spend", DBL),
    ],
    ("facebook_ads", "ad_history"): [
        ("id", TEXT),
        ("account_id", TEXT),
        ("campaign_id", TEXT),
        ("name", TEXT),
        ("updated_at", TS),
    ],
    ("facebook_ads", "campaign_history"): [
        ("id", TEXT),
        ("account_id", TEXT),
        ("name", TEXT),
        ("status", TEXT),
        ("updated_at", TS),
    ],
    ("facebook_ads", "account_history"): [
        ("id", TEXT),
        ("currency", TEXT),
        ("timezone_name", TEXT),
        ("updated_at", TS),
    ],
    ("segment", "pages"): [
        ("id", TEXT),
        ("anonymous_id", TEXT),
        ("user_id", TEXT),
        ("timestamp", TS),
        ("context_page_url", TEXT),
        ("context_page_path", TEXT),
        ("context_page_referrer", TEXT),
        ("context_campaign_source", TEXT),
        ("context_campaign_medium", TEXT),
        ("context_campaign_name", TEXT),
        ("context_campaign_content", TEXT),
        ("received_at", TS),
    ],
    ("segment", "identifies"): [
        ("id", TEXT),
        ("anonymous_id", TEXT),
        ("user_id", TEXT),
        ("email", TEXT),
        ("timestamp", TS),
        ("received_at", TS),
    ],
}


def columns(schema: str, table: str) -> list[tuple[str, str]]:
    """Columns of one raw table, `_fivetran_synced` last."""
    return [*RAW_TABLES[(schema, table)], ("_fivetran_synced", TS)]


def create_table_sql(schema: str, table: str) -> str:
    cols = ", ".join(f'"{name}" {typ}' for name, typ in columns(schema, table))
    return f'create table "{schema}"."{table}" ({cols})'


def create_empty(path: str | Path) -> None:
    """Write every raw table, with no rows, to a new DuckDB file at `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    try:
        for schema in sorted({s for s, _ in RAW_TABLES}):
            con.execute(f'create schema "{schema}"')
        for schema, table in RAW_TABLES:
            con.execute(create_table_sql(schema, table))
    finally:
        con.close()
