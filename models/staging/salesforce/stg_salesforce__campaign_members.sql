with

base_campaign_members as (
    select * from {{ ref('base_salesforce__campaign_members') }}
),

kept as (
    select
        campaign_member_id,
        campaign_id,
        lead_id,
        contact_id,
        member_status,
        has_responded,
        first_responded_date,
        created_at,
        _fivetran_synced
    from base_campaign_members
    where dq_reason is null
)

select * from kept
