with

source as (
    select * from {{ source('stripe', 'charge') }}
),

renamed as (
    select
        id as charge_id,
        customer_id,
        invoice_id,
        {{ minor_to_major('amount', 'currency') }} as amount,
        {{ minor_to_major('amount_refunded', 'currency') }} as amount_refunded,
        upper(trim(currency)) as currency,
        status,
        paid as is_paid,
        refunded as is_refunded,
        created as created_at,
        livemode as is_livemode,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['charge_id']) }} as dq_row_id,
        row_number() over (
            partition by charge_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when charge_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when not is_livemode then 'test_mode'
            when currency is null or not ({{ is_known_currency('currency') }}) then 'unknown_currency'
            when amount < 0 then 'negative_amount'
        end as dq_reason
    from ranked
)

select * from classified
