with

base_prices as (
    select * from {{ ref('base_stripe__prices') }}
),

kept as (
    select
        price_id,
        product_id,
        price_nickname,
        currency,
        unit_amount,
        price_type,
        recurring_interval,
        recurring_interval_count,
        recurring_usage_type,
        is_active,
        created_at,
        _fivetran_synced
    from base_prices
    where dq_reason is null
)

select * from kept
