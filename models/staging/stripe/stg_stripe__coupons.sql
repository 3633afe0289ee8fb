with

base_coupons as (
    select * from {{ ref('base_stripe__coupons') }}
),

kept as (
    select
        coupon_id,
        coupon_name,
        percent_off,
        amount_off,
        currency,
        duration,
        duration_in_months,
        created_at,
        _fivetran_synced
    from base_coupons
    where dq_reason is null
)

select * from kept
