with

accounts as (
    select * from {{ ref('base_google_ads__accounts') }}
),

kept as (
    select
        ads_account_id,
        currency,
        time_zone,
        updated_at,
        _fivetran_synced
    from accounts
    where dq_reason is null
),

versioned as (
    select
        *,
        updated_at = max(updated_at) over (partition by ads_account_id) as is_latest_version
    from kept
)

select * from versioned
