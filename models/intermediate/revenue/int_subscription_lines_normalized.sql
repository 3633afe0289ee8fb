{#- Each counted subscription invoice line as a monthly run-rate in the reporting
    currency, over the days it is in force (METRICS.md, "MRR on a day"). -#}
with

lines as (
    select * from {{ ref('stg_stripe__invoice_line_items') }}
),

invoices as (
    select * from {{ ref('stg_stripe__invoices') }}
),

prices as (
    select * from {{ ref('stg_stripe__prices') }}
),

fx_rates as (
    select * from {{ ref('int_fx_rates_reporting') }}
),

recurring_lines as (
    select
        lines.invoice_line_item_id,
        lines.invoice_id,
        lines.subscription_id,
        invoices.customer_id,
        invoices.status as invoice_status,
        lines.price_id,
        lines.is_proration,
        lines.quantity,
        lines.amount,
        lines.currency,
        prices.unit_amount,
        prices.recurring_interval,
        prices.recurring_interval_count,
        lines.period_start_at,
        lines.period_end_at
    from lines
    inner join invoices
        on lines.invoice_id = invoices.invoice_id
    inner join prices
        on lines.price_id = prices.price_id
    where
        lines.line_type = 'subscription'
        and prices.price_type = 'recurring'
        and prices.recurring_usage_type = 'licensed'
        and invoices.status in ('paid', 'open')
        {# A $0 line (a trial) contributes nothing; its sign is zero. #}
        and lines.amount != 0
        and lines.subscription_id is not null
),

normalized as (
    select
        *,
        case when amount > 0 then 1 else -1 end
        * unit_amount * quantity
        * {{ monthly_factor('recurring_interval', 'recurring_interval_count') }} as mrr_local,
        cast(period_start_at as date) as in_force_from_date,
        cast(period_end_at as date) as in_force_to_date,
        cast({{ dbt.date_trunc('month', 'period_start_at') }} as date) as fx_month
    from recurring_lines
),

converted as (
    select
        normalized.invoice_line_item_id,
        normalized.invoice_id,
        normalized.subscription_id,
        normalized.customer_id,
        normalized.invoice_status,
        normalized.price_id,
        normalized.is_proration,
        normalized.quantity,
        normalized.amount,
        normalized.currency,
        normalized.unit_amount,
        normalized.recurring_interval,
        normalized.recurring_interval_count,
        normalized.in_force_from_date,
        normalized.in_force_to_date,
        normalized.mrr_local,
        fx_rates.rate_to_reporting,
        normalized.mrr_local * fx_rates.rate_to_reporting as mrr
    from normalized
    left join fx_rates
        on
            normalized.currency = fx_rates.currency
            and normalized.fx_month = fx_rates.date_month
)

select * from converted
