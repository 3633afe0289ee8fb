with

campaigns as (
    select * from {{ ref('base_facebook_ads__campaigns') }}
),

kept as (
    select
        campaign_id,
        ads_account_id,
        campaign_name,
        campaign_name_key,
        status,
        updated_at,
        _fivetran_synced
    from campaigns
    where dq_reason is null
),

versioned as (
    select
        *,
        updated_at = max(updated_at) over (partition by campaign_id) as is_latest_version
    from kept
)

select * from versioned
