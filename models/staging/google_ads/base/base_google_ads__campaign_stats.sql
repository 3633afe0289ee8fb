with

source as (
    select * from {{ source('google_ads', 'campaign_stats') }}
),

renamed as (
    select
        cast(customer_id as {{ dbt.type_string() }}) as ads_account_id,
        cast(date as date) as date_day,
        cast(id as {{ dbt.type_string() }}) as campaign_id,
        {{ dbt.safe_cast('clicks', dbt.type_bigint()) }} as clicks,
        {{ dbt.safe_cast('impressions', dbt.type_bigint()) }} as impressions,
        {#- Micros are millionths of the ads account's currency; conversion to the
            reporting currency happens downstream, where the account is known. #}
        {{ dbt.safe_cast('cost_micros', api.Column.translate_type('double')) }} / 1000000.0 as cost,
        {{ dbt.safe_cast('conversions', api.Column.translate_type('double')) }} as conversions,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['ads_account_id', 'date_day', 'campaign_id']) }} as dq_row_id,
        {#- The later sync wins; the metrics break ties so the kept row is stable. #}
        row_number() over (
            partition by ads_account_id, date_day, campaign_id
            order by _fivetran_synced desc nulls last, cost desc, clicks desc, impressions desc
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when ads_account_id is null or date_day is null or campaign_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when cost < 0 or clicks < 0 or impressions < 0 then 'negative_amount'
        end as dq_reason
    from ranked
)

select * from classified
