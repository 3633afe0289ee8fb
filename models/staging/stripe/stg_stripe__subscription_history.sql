with

base_subscription_history as (
    select * from {{ ref('base_stripe__subscription_history') }}
),

kept as (
    select
        subscription_id,
        customer_id,
        status,
        created_at,
        started_at,
        trial_started_at,
        trial_ended_at,
        cancel_at,
        is_cancel_at_period_end,
        canceled_at,
        ended_at,
        valid_from,
        valid_to,
        is_current_version,
        _fivetran_synced
    from base_subscription_history
    where dq_reason is null
)

select * from kept
