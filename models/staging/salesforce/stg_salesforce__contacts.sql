with

base_contacts as (
    select * from {{ ref('base_salesforce__contacts') }}
),

kept as (
    select
        contact_id,
        account_id,
        email,
        email_domain,
        first_name,
        last_name,
        title,
        lead_source,
        owner_user_id,
        created_at,
        _fivetran_synced
    from base_contacts
    where dq_reason is null
)

select * from kept
