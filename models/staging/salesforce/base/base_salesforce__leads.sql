with

source as (
    select * from {{ source('salesforce', 'lead') }}
),

renamed as (
    select
        id as lead_id,
        {{ normalize_email('email') }} as email,
        nullif({{ dbt.split_part(normalize_email('email'), "'@'", 2) }}, '') as email_domain,
        first_name,
        last_name,
        company,
        industry,
        country,
        number_of_employees,
        lead_source,
        status as lead_status,
        mql_date_c as mql_at,
        sql_date_c as sql_at,
        is_converted,
        converted_date,
        converted_account_id,
        converted_contact_id,
        converted_opportunity_id,
        owner_id as owner_user_id,
        created_date as created_at,
        is_deleted,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        cast(lead_id as {{ dbt.type_string() }}) as dq_row_id,
        row_number() over (
            partition by lead_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when lead_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when is_deleted then 'soft_deleted'
        end as dq_reason
    from ranked
)

select * from classified
