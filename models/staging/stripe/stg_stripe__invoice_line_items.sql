with

base_invoice_line_items as (
    select * from {{ ref('base_stripe__invoice_line_items') }}
),

kept as (
    select
        invoice_line_item_id,
        invoice_id,
        subscription_id,
        subscription_item_id,
        price_id,
        line_type,
        is_proration,
        quantity,
        amount,
        currency,
        period_start_at,
        period_end_at,
        description,
        _fivetran_synced
    from base_invoice_line_items
    where dq_reason is null
)

select * from kept
