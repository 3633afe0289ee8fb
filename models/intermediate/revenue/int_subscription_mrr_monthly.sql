{#- Each subscription's MRR on the last day of every month (on the as-of date for its
    month), per METRICS.md: counted lines in force that day, while the subscription is
    active or past_due and has not ended, net of recurring coupons in force. -#}
with

lines as (
    select * from {{ ref('int_subscription_lines_normalized') }}
),

subscription_history as (
    select * from {{ ref('stg_stripe__subscription_history') }}
),

discounts as (
    select * from {{ ref('stg_stripe__discounts') }}
),

coupons as (
    select * from {{ ref('stg_stripe__coupons') }}
),

fx_rates as (
    select * from {{ ref('int_fx_rates_reporting') }}
),

reported_months as (
    select * from {{ ref('int_months_reported') }}
),

evaluation_days as (
    select
        date_month,
        evaluated_on,
        {{ dbt.dateadd('day', 1, 'evaluated_on') }} as end_of_day_at
    from reported_months
),

{# The version in force at the end of the day: started before midnight, ended at or after it. #}
status_on_day as (
    select
        evaluation_days.date_month,
        evaluation_days.evaluated_on,
        subscription_history.subscription_id,
        subscription_history.customer_id,
        subscription_history.status
    from evaluation_days
    inner join subscription_history
        on
            evaluation_days.end_of_day_at > subscription_history.valid_from
            and evaluation_days.end_of_day_at <= subscription_history.valid_to
),

subscription_ends as (
    select
        subscription_id,
        cast(ended_at as date) as ended_on
    from subscription_history
    where is_current_version
),

line_mrr as (
    select
        status_on_day.date_month,
        status_on_day.evaluated_on,
        status_on_day.subscription_id,
        status_on_day.customer_id,
        status_on_day.status,
        sum(lines.mrr) as gross_mrr,
        max(lines.recurring_interval) as recurring_interval,
        max(lines.recurring_interval_count) as recurring_interval_count
    from status_on_day
    inner join lines
        on
            status_on_day.subscription_id = lines.subscription_id
            and status_on_day.evaluated_on >= lines.in_force_from_date
            and status_on_day.evaluated_on < lines.in_force_to_date
    left join subscription_ends
        on status_on_day.subscription_id = subscription_ends.subscription_id
    where
        status_on_day.status in ('active', 'past_due')
        {# A line stops counting the day its subscription ends (immediate cancellation). #}
        and (subscription_ends.ended_on is null or status_on_day.evaluated_on < subscription_ends.ended_on)
    group by
        status_on_day.date_month,
        status_on_day.evaluated_on,
        status_on_day.subscription_id,
        status_on_day.customer_id,
        status_on_day.status
),

{# A coupon application appears once per discounted invoice; its term is one row. #}
coupon_terms as (
    select distinct
        discounts.subscription_id,
        discounts.coupon_id,
        cast(discounts.started_at as date) as starts_on,
        cast(discounts.ended_at as date) as ends_on,
        cast({{ dbt.date_trunc('month', 'discounts.started_at') }} as date) as fx_month,
        coupons.percent_off,
        coupons.amount_off,
        coupons.currency
    from discounts
    inner join coupons
        on discounts.coupon_id = coupons.coupon_id
    where coupons.duration in ('forever', 'repeating')
),

discount_on_day as (
    select
        line_mrr.subscription_id,
        line_mrr.date_month,
        max(coalesce(coupon_terms.percent_off, 0)) as percent_off,
        sum(
            coalesce(coupon_terms.amount_off, 0)
            * {{ monthly_factor('line_mrr.recurring_interval', 'line_mrr.recurring_interval_count') }}
            * coalesce(fx_rates.rate_to_reporting, 0)
        ) as amount_off_mrr
    from line_mrr
    inner join coupon_terms
        on
            line_mrr.subscription_id = coupon_terms.subscription_id
            and line_mrr.evaluated_on >= coupon_terms.starts_on
            and (coupon_terms.ends_on is null or line_mrr.evaluated_on < coupon_terms.ends_on)
    left join fx_rates
        on
            coupon_terms.currency = fx_rates.currency
            and coupon_terms.fx_month = fx_rates.date_month
    group by line_mrr.subscription_id, line_mrr.date_month
),

net as (
    select
        line_mrr.subscription_id,
        line_mrr.customer_id,
        line_mrr.date_month,
        line_mrr.evaluated_on,
        line_mrr.status,
        line_mrr.gross_mrr,
        coalesce(discount_on_day.percent_off, 0) as percent_off,
        coalesce(discount_on_day.amount_off_mrr, 0) as amount_off_mrr,
        {# Percent first, then fixed amounts; a discount never makes MRR negative. #}
        greatest(
            line_mrr.gross_mrr * (1 - coalesce(discount_on_day.percent_off, 0) / 100.0)
            - coalesce(discount_on_day.amount_off_mrr, 0),
            0
        ) as mrr
    from line_mrr
    left join discount_on_day
        on
            line_mrr.subscription_id = discount_on_day.subscription_id
            and line_mrr.date_month = discount_on_day.date_month
)

select * from net
