with

source as (
    select * from {{ source('google_ads', 'account_history') }}
),

renamed as (
    select
        cast(id as {{ dbt.type_string() }}) as ads_account_id,
        upper(trim(currency_code)) as currency,
        time_zone,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['ads_account_id', 'updated_at']) }} as dq_row_id,
        row_number() over (
            partition by ads_account_id, updated_at
            order by _fivetran_synced desc nulls last, currency asc, time_zone asc
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when ads_account_id is null or updated_at is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when currency is null or not ({{ is_known_currency('currency') }}) then 'unknown_currency'
        end as dq_reason
    from ranked
)

select * from classified
