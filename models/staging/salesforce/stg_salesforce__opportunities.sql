with

base_opportunities as (
    select * from {{ ref('base_salesforce__opportunities') }}
),

kept as (
    select
        opportunity_id,
        account_id,
        owner_user_id,
        campaign_id,
        opportunity_name,
        opportunity_type,
        stage_name,
        amount,
        currency,
        probability,
        forecast_category,
        lead_source,
        is_closed,
        is_won,
        close_date,
        created_at,
        _fivetran_synced
    from base_opportunities
    where dq_reason is null
)

select * from kept
