with

source as (
    select * from {{ source('stripe', 'customer') }}
),

renamed as (
    select
        id as customer_id,
        {{ normalize_email('email') }} as email,
        nullif({{ dbt.split_part(normalize_email('email'), "'@'", 2) }}, '') as email_domain,
        name as customer_name,
        {# Informative only: null until the customer is first billed, so never checked. #}
        upper(trim(currency)) as currency,
        nullif(trim({{ json_extract_text('metadata', 'salesforce_account_id') }}), '') as crm_account_id,
        delinquent as is_delinquent,
        created as created_at,
        livemode as is_livemode,
        is_deleted,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['customer_id']) }} as dq_row_id,
        row_number() over (
            partition by customer_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when customer_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when is_deleted then 'soft_deleted'
            when not is_livemode then 'test_mode'
        end as dq_reason
    from ranked
)

select * from classified
