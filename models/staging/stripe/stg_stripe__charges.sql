with

base_charges as (
    select * from {{ ref('base_stripe__charges') }}
),

kept as (
    select
        charge_id,
        customer_id,
        invoice_id,
        amount,
        amount_refunded,
        currency,
        status,
        is_paid,
        is_refunded,
        created_at,
        _fivetran_synced
    from base_charges
    where dq_reason is null
)

select * from kept
