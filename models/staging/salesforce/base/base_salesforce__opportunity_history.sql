with

source as (
    select * from {{ source('salesforce', 'opportunity_history') }}
),

opportunities as (
    select * from {{ ref('base_salesforce__opportunities') }}
),

{# The one join staging allows: a semi-join to the parent's base model, to classify
    history rows whose opportunity is missing or excluded. #}
parent_opportunities as (
    {{ dq_parent_keys('opportunities', 'opportunity_id') }}
),

renamed as (
    select
        id as opportunity_history_id,
        opportunity_id,
        stage_name,
        amount,
        probability,
        forecast_category,
        close_date,
        created_date as created_at,
        is_deleted,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        cast(opportunity_history_id as {{ dbt.type_string() }}) as dq_row_id,
        row_number() over (
            partition by opportunity_history_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        ranked.*,
        case
            when ranked.opportunity_history_id is null then 'null_primary_key'
            when ranked.dq_row_rank > 1 then 'duplicate'
            when ranked.is_deleted then 'soft_deleted'
            when ranked.opportunity_id is null then 'missing_opportunity_id'
            when parent_opportunities.opportunity_id is null then 'orphan_opportunity'
            when parent_opportunities.is_kept = 0 then 'parent_excluded'
            when ranked.amount < 0 then 'negative_amount'
        end as dq_reason
    from ranked
    left join parent_opportunities
        on ranked.opportunity_id = parent_opportunities.opportunity_id
)

select * from classified
