with

base_accounts as (
    select * from {{ ref('base_salesforce__accounts') }}
),

kept as (
    select
        account_id,
        account_name,
        account_type,
        industry,
        number_of_employees,
        annual_revenue,
        billing_country,
        website,
        website_domain,
        account_source,
        parent_account_id,
        owner_user_id,
        created_at,
        _fivetran_synced
    from base_accounts
    where dq_reason is null
)

select * from kept
