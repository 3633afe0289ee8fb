with

source as (
    select * from {{ source('salesforce', 'account') }}
),

renamed as (
    select
        id as account_id,
        name as account_name,
        type as account_type,
        industry,
        number_of_employees,
        annual_revenue,
        billing_country,
        website,
        {{ url_domain('website') }} as website_domain,
        account_source,
        parent_id as parent_account_id,
        owner_id as owner_user_id,
        created_date as created_at,
        is_deleted,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        cast(account_id as {{ dbt.type_string() }}) as dq_row_id,
        row_number() over (
            partition by account_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when account_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when is_deleted then 'soft_deleted'
        end as dq_reason
    from ranked
)

select * from classified
