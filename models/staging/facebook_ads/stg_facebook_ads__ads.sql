with

ads as (
    select * from {{ ref('base_facebook_ads__ads') }}
),

kept as (
    select
        ad_id,
        ads_account_id,
        campaign_id,
        ad_name,
        updated_at,
        _fivetran_synced
    from ads
    where dq_reason is null
),

versioned as (
    select
        *,
        updated_at = max(updated_at) over (partition by ad_id) as is_latest_version
    from kept
)

select * from versioned
