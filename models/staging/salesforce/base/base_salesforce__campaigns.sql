with

source as (
    select * from {{ source('salesforce', 'campaign') }}
),

renamed as (
    select
        id as campaign_id,
        name as campaign_name,
        type as campaign_type,
        status as campaign_status,
        start_date,
        end_date,
        budgeted_cost,
        actual_cost,
        is_active,
        created_date as created_at,
        is_deleted,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        cast(campaign_id as {{ dbt.type_string() }}) as dq_row_id,
        row_number() over (
            partition by campaign_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when campaign_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when is_deleted then 'soft_deleted'
            when budgeted_cost < 0 or actual_cost < 0 then 'negative_amount'
        end as dq_reason
    from ranked
)

select * from classified
