with

pages as (
    select * from {{ ref('base_segment__pages') }}
),

kept as (
    select
        page_view_id,
        anonymous_id,
        user_id,
        viewed_at,
        page_url,
        page_path,
        referrer,
        utm_source,
        utm_medium,
        utm_campaign,
        utm_campaign_key,
        utm_content,
        has_utm,
        received_at,
        _fivetran_synced
    from pages
    where dq_reason is null
)

select * from kept
