with

base_refunds as (
    select * from {{ ref('base_stripe__refunds') }}
),

kept as (
    select
        refund_id,
        charge_id,
        amount,
        currency,
        status,
        refund_reason,
        created_at,
        _fivetran_synced
    from base_refunds
    where dq_reason is null
)

select * from kept
