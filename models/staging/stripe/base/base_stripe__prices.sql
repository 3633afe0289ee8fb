with

source as (
    select * from {{ source('stripe', 'price') }}
),

renamed as (
    select
        id as price_id,
        product_id,
        nickname as price_nickname,
        upper(trim(currency)) as currency,
        {{ minor_to_major('unit_amount', 'currency') }} as unit_amount,
        type as price_type,
        recurring_interval,
        recurring_interval_count,
        recurring_usage_type,
        active as is_active,
        created as created_at,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['price_id']) }} as dq_row_id,
        row_number() over (
            partition by price_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when price_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when currency is null or not ({{ is_known_currency('currency') }}) then 'unknown_currency'
            when unit_amount < 0 then 'negative_amount'
        end as dq_reason
    from ranked
)

select * from classified
