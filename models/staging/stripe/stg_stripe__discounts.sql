with

base_discounts as (
    select * from {{ ref('base_stripe__discounts') }}
),

kept as (
    select
        discount_id,
        coupon_id,
        customer_id,
        subscription_id,
        invoice_id,
        amount_minor,
        started_at,
        ended_at,
        _fivetran_synced
    from base_discounts
    where dq_reason is null
)

select * from kept
