with

base_customers as (
    select * from {{ ref('base_stripe__customers') }}
),

kept as (
    select
        customer_id,
        email,
        email_domain,
        customer_name,
        currency,
        crm_account_id,
        is_delinquent,
        created_at,
        _fivetran_synced
    from base_customers
    where dq_reason is null
)

select * from kept
