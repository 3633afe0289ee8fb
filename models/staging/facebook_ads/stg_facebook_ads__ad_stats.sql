with

ad_stats as (
    select * from {{ ref('base_facebook_ads__ad_stats') }}
),

kept as (
    select
        ad_id,
        ads_account_id,
        date_day,
        impressions,
        clicks,
        spend,
        _fivetran_synced
    from ad_stats
    where dq_reason is null
)

select * from kept
