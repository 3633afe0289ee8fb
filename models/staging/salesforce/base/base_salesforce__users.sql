with

source as (
    select * from {{ source('salesforce', 'user') }}
),

renamed as (
    select
        id as user_id,
        name as user_name,
        {{ normalize_email('email') }} as email,
        title,
        manager_id as manager_user_id,
        is_active,
        created_date as created_at,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        cast(user_id as {{ dbt.type_string() }}) as dq_row_id,
        row_number() over (
            partition by user_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

{# Salesforce users are deactivated, never soft deleted: there is no is_deleted. #}
classified as (
    select
        *,
        case
            when user_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
        end as dq_reason
    from ranked
)

select * from classified
