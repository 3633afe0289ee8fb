with

campaign_stats as (
    select * from {{ ref('base_google_ads__campaign_stats') }}
),

kept as (
    select
        ads_account_id,
        date_day,
        campaign_id,
        clicks,
        impressions,
        cost,
        conversions,
        _fivetran_synced
    from campaign_stats
    where dq_reason is null
)

select * from kept
