with

source as (
    select * from {{ source('segment', 'pages') }}
),

renamed as (
    select
        cast(id as {{ dbt.type_string() }}) as page_view_id,
        cast(anonymous_id as {{ dbt.type_string() }}) as anonymous_id,
        cast(user_id as {{ dbt.type_string() }}) as user_id,
        cast(timestamp as {{ dbt.type_timestamp() }}) as viewed_at,
        context_page_url as page_url,
        context_page_path as page_path,
        context_page_referrer as referrer,
        {#- Tags arrive in any case and spacing; a blank tag is no tag. The campaign
            keeps its spelling for display and gets a key to match ad campaign names. #}
        nullif(lower(trim(context_campaign_source)), '') as utm_source,
        nullif(lower(trim(context_campaign_medium)), '') as utm_medium,
        nullif(trim(context_campaign_name), '') as utm_campaign,
        {{ campaign_name_key('context_campaign_name') }} as utm_campaign_key,
        context_campaign_content as utm_content,
        cast(received_at as {{ dbt.type_timestamp() }}) as received_at,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as _fivetran_synced
    from source
),

tagged as (
    select
        *,
        utm_source is not null as has_utm
    from renamed
),

ranked as (
    select
        *,
        {{ primary_key_text(['page_view_id']) }} as dq_row_id,
        row_number() over (
            partition by page_view_id
            order by _fivetran_synced desc nulls last, received_at desc nulls last
        ) as dq_row_rank
    from tagged
),

classified as (
    select
        *,
        case
            when page_view_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when anonymous_id is null and user_id is null then 'missing_visitor_id'
        end as dq_reason
    from ranked
)

select * from classified
