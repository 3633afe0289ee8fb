with

source as (
    select * from {{ source('stripe', 'invoice_line_item') }}
),

invoices as (
    select * from {{ ref('base_stripe__invoices') }}
),

{# The one join staging allows: a semi-join to the parent's base model, to tell lines
    whose invoice never arrived from lines of an invoice that was excluded. #}
parent_invoices as (
    {{ dq_parent_keys('invoices', 'invoice_id') }}
),

renamed as (
    select
        id as invoice_line_item_id,
        invoice_id,
        subscription_id,
        subscription_item_id,
        price_id,
        type as line_type,
        proration as is_proration,
        quantity,
        {{ minor_to_major('amount', 'currency') }} as amount,
        upper(trim(currency)) as currency,
        period_start as period_start_at,
        period_end as period_end_at,
        description,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['invoice_line_item_id']) }} as dq_row_id,
        row_number() over (
            partition by invoice_line_item_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        ranked.*,
        case
            when ranked.invoice_line_item_id is null then 'null_primary_key'
            when ranked.dq_row_rank > 1 then 'duplicate'
            when ranked.invoice_id is not null and parent_invoices.invoice_id is null then 'orphan_invoice'
            when parent_invoices.is_kept = 0 then 'parent_excluded'
            when ranked.invoice_id is null then 'missing_invoice_id'
            {# MRR prices a subscription line by price x quantity, so it needs its price. #}
            when ranked.line_type = 'subscription' and ranked.price_id is null then 'missing_price_id'
            when
                ranked.currency is null
                or not ({{ is_known_currency('ranked.currency') }})
                then 'unknown_currency'
            {# Proration credits ("unused time") and invoice items (manual credits) are
                legitimately negative; a regular subscription charge is not. #}
            when
                ranked.amount < 0
                and ranked.line_type = 'subscription'
                and not coalesce(ranked.is_proration, false)
                then 'negative_amount'
        end as dq_reason
    from ranked
    left join parent_invoices
        on ranked.invoice_id = parent_invoices.invoice_id
)

select * from classified
