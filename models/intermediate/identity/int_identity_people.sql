{#- One row per person: a normalised email seen on a contact, lead, Stripe customer or
    Segment identify. The same person on several records (a lead and the contact it
    became, 'Ana@X.com ' and 'ana@x.com') is one row. Its customer comes from its most
    trusted record: a contact (its account), then a billing customer, then a lead. -#}
with

contacts as (
    select * from {{ ref('stg_salesforce__contacts') }}
),

accounts as (
    select * from {{ ref('int_identity_accounts_merged') }}
),

billing_customers as (
    select * from {{ ref('int_billing_customers_mapped') }}
),

leads as (
    select * from {{ ref('int_identity_leads_resolved') }}
),

identifies as (
    select * from {{ ref('stg_segment__identifies') }}
),

records as (
    select
        contacts.email,
        accounts.customer_id,
        'crm_contact' as record_type,
        contacts.contact_id as record_id,
        1 as trust_rank
    from contacts
    left join accounts
        on contacts.account_id = accounts.account_id
    where contacts.email is not null

    union all

    select
        email,
        customer_id,
        'billing_customer' as record_type,
        stripe_customer_id as record_id,
        2 as trust_rank
    from billing_customers
    where email is not null

    union all

    select
        email,
        customer_id,
        'crm_lead' as record_type,
        lead_id as record_id,
        3 as trust_rank
    from leads
    where email is not null

    union all

    select
        email,
        cast(null as {{ dbt.type_string() }}) as customer_id,
        'web_visitor' as record_type,
        anonymous_id as record_id,
        4 as trust_rank
    from identifies
    where email is not null
),

ranked as (
    select
        email,
        customer_id,
        record_type,
        record_id,
        count(*) over (partition by email) as records,
        row_number() over (
            partition by email
            order by case when customer_id is null then 1 else 0 end, trust_rank, record_id
        ) as record_rank
    from records
),

people as (
    select
        email,
        customer_id,
        records,
        case when customer_id is not null then record_type end as resolved_by_record_type,
        case when customer_id is not null then record_id end as resolved_by_record_id
    from ranked
    where record_rank = 1
)

select * from people
