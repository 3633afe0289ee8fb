with

source as (
    select * from {{ source('salesforce', 'campaign_member') }}
),

campaigns as (
    select * from {{ ref('base_salesforce__campaigns') }}
),

{# The one join staging allows: a semi-join to the parent's base model, to classify
    members whose campaign is missing or excluded. #}
parent_campaigns as (
    {{ dq_parent_keys('campaigns', 'campaign_id') }}
),

renamed as (
    select
        id as campaign_member_id,
        campaign_id,
        lead_id,
        contact_id,
        status as member_status,
        has_responded,
        first_responded_date,
        created_date as created_at,
        is_deleted,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        cast(campaign_member_id as {{ dbt.type_string() }}) as dq_row_id,
        row_number() over (
            partition by campaign_member_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        ranked.*,
        case
            when ranked.campaign_member_id is null then 'null_primary_key'
            when ranked.dq_row_rank > 1 then 'duplicate'
            when ranked.is_deleted then 'soft_deleted'
            when ranked.campaign_id is null then 'missing_campaign_id'
            when parent_campaigns.campaign_id is null then 'orphan_campaign'
            when parent_campaigns.is_kept = 0 then 'parent_excluded'
            when ranked.lead_id is null and ranked.contact_id is null then 'missing_member'
        end as dq_reason
    from ranked
    left join parent_campaigns
        on ranked.campaign_id = parent_campaigns.campaign_id
)

select * from classified
