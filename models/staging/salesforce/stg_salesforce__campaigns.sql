with

base_campaigns as (
    select * from {{ ref('base_salesforce__campaigns') }}
),

kept as (
    select
        campaign_id,
        campaign_name,
        campaign_type,
        campaign_status,
        start_date,
        end_date,
        budgeted_cost,
        actual_cost,
        is_active,
        created_at,
        _fivetran_synced
    from base_campaigns
    where dq_reason is null
)

select * from kept
