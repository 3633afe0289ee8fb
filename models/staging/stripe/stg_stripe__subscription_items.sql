with

base_subscription_items as (
    select * from {{ ref('base_stripe__subscription_items') }}
),

kept as (
    select
        subscription_item_id,
        subscription_id,
        price_id,
        quantity,
        created_at,
        current_period_start_at,
        current_period_end_at,
        _fivetran_synced
    from base_subscription_items
    where dq_reason is null
)

select * from kept
