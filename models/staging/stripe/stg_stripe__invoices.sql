with

base_invoices as (
    select * from {{ ref('base_stripe__invoices') }}
),

kept as (
    select
        invoice_id,
        customer_id,
        subscription_id,
        invoice_number,
        status,
        billing_reason,
        currency,
        subtotal,
        total_discount_amount,
        tax,
        total,
        amount_due,
        amount_paid,
        period_start_at,
        period_end_at,
        created_at,
        _fivetran_synced
    from base_invoices
    where dq_reason is null
)

select * from kept
