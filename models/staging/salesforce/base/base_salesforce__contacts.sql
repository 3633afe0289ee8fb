with

source as (
    select * from {{ source('salesforce', 'contact') }}
),

renamed as (
    select
        id as contact_id,
        account_id,
        {{ normalize_email('email') }} as email,
        nullif({{ dbt.split_part(normalize_email('email'), "'@'", 2) }}, '') as email_domain,
        first_name,
        last_name,
        title,
        lead_source,
        owner_id as owner_user_id,
        created_date as created_at,
        is_deleted,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        cast(contact_id as {{ dbt.type_string() }}) as dq_row_id,
        row_number() over (
            partition by contact_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when contact_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when is_deleted then 'soft_deleted'
        end as dq_reason
    from ranked
)

select * from classified
