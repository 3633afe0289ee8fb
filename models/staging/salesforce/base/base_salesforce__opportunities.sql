with

source as (
    select * from {{ source('salesforce', 'opportunity') }}
),

renamed as (
    select
        id as opportunity_id,
        account_id,
        owner_id as owner_user_id,
        campaign_id,
        name as opportunity_name,
        type as opportunity_type,
        stage_name,
        amount,
        probability,
        forecast_category,
        lead_source,
        is_closed,
        is_won,
        close_date,
        created_date as created_at,
        is_deleted,
        _fivetran_synced,
        upper(trim(currency_iso_code)) as currency
    from source
),

ranked as (
    select
        *,
        cast(opportunity_id as {{ dbt.type_string() }}) as dq_row_id,
        row_number() over (
            partition by opportunity_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when opportunity_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when is_deleted then 'soft_deleted'
            when close_date is null then 'missing_close_date'
            {# Every opportunity carries money: its history rows inherit its currency. #}
            when currency is null or not {{ is_known_currency('currency') }} then 'unknown_currency'
            when amount < 0 then 'negative_amount'
        end as dq_reason
    from ranked
)

select * from classified
