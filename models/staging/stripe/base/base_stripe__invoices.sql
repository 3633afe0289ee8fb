with

source as (
    select * from {{ source('stripe', 'invoice') }}
),

renamed as (
    select
        id as invoice_id,
        customer_id,
        subscription_id,
        number as invoice_number,
        status,
        billing_reason,
        upper(trim(currency)) as currency,
        {{ minor_to_major('subtotal', 'currency') }} as subtotal,
        {{ minor_to_major('total_discount_amount', 'currency') }} as total_discount_amount,
        {{ minor_to_major('tax', 'currency') }} as tax,
        {{ minor_to_major('total', 'currency') }} as total,
        {{ minor_to_major('amount_due', 'currency') }} as amount_due,
        {{ minor_to_major('amount_paid', 'currency') }} as amount_paid,
        period_start as period_start_at,
        period_end as period_end_at,
        created as created_at,
        livemode as is_livemode,
        is_deleted,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['invoice_id']) }} as dq_row_id,
        row_number() over (
            partition by invoice_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when invoice_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when is_deleted then 'soft_deleted'
            when not is_livemode then 'test_mode'
            when customer_id is null then 'missing_customer_id'
            when currency is null or not ({{ is_known_currency('currency') }}) then 'unknown_currency'
            {# Subtotal and total may be negative (a credit-only proration invoice); what
                is owed and what was paid may not. #}
            when amount_due < 0 or amount_paid < 0 then 'negative_amount'
        end as dq_reason
    from ranked
)

select * from classified
