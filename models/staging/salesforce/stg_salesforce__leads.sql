with

base_leads as (
    select * from {{ ref('base_salesforce__leads') }}
),

kept as (
    select
        lead_id,
        email,
        email_domain,
        first_name,
        last_name,
        company,
        industry,
        country,
        number_of_employees,
        lead_source,
        lead_status,
        mql_at,
        sql_at,
        is_converted,
        converted_date,
        converted_account_id,
        converted_contact_id,
        converted_opportunity_id,
        owner_user_id,
        created_at,
        _fivetran_synced
    from base_leads
    where dq_reason is null
)

select * from kept
