with

source as (
    select * from {{ source('stripe', 'coupon') }}
),

renamed as (
    select
        id as coupon_id,
        name as coupon_name,
        percent_off,
        {{ minor_to_major('amount_off', 'currency') }} as amount_off,
        upper(trim(currency)) as currency,
        duration,
        duration_in_months,
        created as created_at,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['coupon_id']) }} as dq_row_id,
        row_number() over (
            partition by coupon_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when coupon_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            {# A percent-off coupon has no currency; only an amount needs converting. #}
            when
                amount_off is not null
                and (currency is null or not ({{ is_known_currency('currency') }}))
                then 'unknown_currency'
        end as dq_reason
    from ranked
)

select * from classified
