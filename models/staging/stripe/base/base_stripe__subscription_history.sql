with

source as (
    select * from {{ source('stripe', 'subscription_history') }}
),

renamed as (
    select
        id as subscription_id,
        customer_id,
        status,
        created as created_at,
        start_date as started_at,
        trial_start as trial_started_at,
        trial_end as trial_ended_at,
        cancel_at,
        cancel_at_period_end as is_cancel_at_period_end,
        canceled_at,
        ended_at,
        _fivetran_start as valid_from,
        _fivetran_end as valid_to,
        _fivetran_active as is_current_version,
        livemode as is_livemode,
        _fivetran_synced
    from source
),

{# History mode: a version is one subscription at one `_fivetran_start`, so that pair is
    the key, and every version is kept (MRR reads the status in force on each day). #}
ranked as (
    select
        *,
        {{ primary_key_text(['subscription_id', 'valid_from']) }} as dq_row_id,
        row_number() over (
            partition by subscription_id, valid_from
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when subscription_id is null or valid_from is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when not is_livemode then 'test_mode'
            when customer_id is null then 'missing_customer_id'
        end as dq_reason
    from ranked
)

select * from classified
