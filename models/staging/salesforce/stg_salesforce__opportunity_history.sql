with

base_opportunity_history as (
    select * from {{ ref('base_salesforce__opportunity_history') }}
),

kept as (
    select
        opportunity_history_id,
        opportunity_id,
        stage_name,
        amount,
        probability,
        forecast_category,
        close_date,
        created_at,
        _fivetran_synced
    from base_opportunity_history
    where dq_reason is null
)

select * from kept
