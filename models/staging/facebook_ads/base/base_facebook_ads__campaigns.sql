with

source as (
    select * from {{ source('facebook_ads', 'campaign_history') }}
),

renamed as (
    select
        cast(id as {{ dbt.type_string() }}) as campaign_id,
        cast(account_id as {{ dbt.type_string() }}) as ads_account_id,
        trim(name) as campaign_name,
        {#- UTM campaign names match ad campaign names whatever their case and spacing. #}
        {{ campaign_name_key('name') }} as campaign_name_key,
        status,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['campaign_id', 'updated_at']) }} as dq_row_id,
        row_number() over (
            partition by campaign_id, updated_at
            order by _fivetran_synced desc nulls last, campaign_name asc, status asc
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when campaign_id is null or updated_at is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
        end as dq_reason
    from ranked
)

select * from classified
