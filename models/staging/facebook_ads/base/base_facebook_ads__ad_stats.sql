with

source as (
    select * from {{ source('facebook_ads', 'basic_ad') }}
),

renamed as (
    select
        cast(ad_id as {{ dbt.type_string() }}) as ad_id,
        cast(account_id as {{ dbt.type_string() }}) as ads_account_id,
        cast(date as date) as date_day,
        {{ dbt.safe_cast('impressions', dbt.type_bigint()) }} as impressions,
        {{ dbt.safe_cast('inline_link_clicks', dbt.type_bigint()) }} as clicks,
        {#- Already in major units of the ads account's currency; conversion to the
            reporting currency happens downstream, where the account is known. #}
        {{ dbt.safe_cast('spend', api.Column.translate_type('double')) }} as spend,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['ad_id', 'date_day']) }} as dq_row_id,
        {#- The later sync wins; the metrics break ties so the kept row is stable. #}
        row_number() over (
            partition by ad_id, date_day
            order by _fivetran_synced desc nulls last, spend desc, clicks desc, impressions desc
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when ad_id is null or date_day is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when spend < 0 or clicks < 0 or impressions < 0 then 'negative_amount'
        end as dq_reason
    from ranked
)

select * from classified
