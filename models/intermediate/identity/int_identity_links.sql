{#- The audit trail of identity resolution: one row per source record (CRM account,
    contact, lead and opportunity, Stripe customer, identified web visitor) with the
    customer it was joined to, the rule that joined it and the record that justified
    it. `match_method`: crm_account (the account names the customer), explicit_id,
    exact_email, business_domain, fuzzy_company_name, self_serve, unresolved. -#}
with

accounts as (
    select * from {{ ref('int_identity_accounts_merged') }}
),

contacts as (
    select * from {{ ref('stg_salesforce__contacts') }}
),

opportunities as (
    select * from {{ ref('stg_salesforce__opportunities') }}
),

leads as (
    select * from {{ ref('int_identity_leads_resolved') }}
),

billing_customers as (
    select * from {{ ref('int_billing_customers_mapped') }}
),

visitors as (
    select * from {{ ref('int_identity_visitors_resolved') }}
),

links as (
    select
        'crm_account' as record_type,
        account_id as record_id,
        customer_id,
        cast(null as {{ dbt.type_string() }}) as email,
        match_method,
        1.0 as match_score,
        'crm_account' as matched_record_type,
        coalesce(matched_account_id, account_id) as matched_record_id
    from accounts

    union all

    select
        'crm_contact' as record_type,
        contacts.contact_id as record_id,
        accounts.customer_id,
        contacts.email,
        case when accounts.customer_id is not null then 'explicit_id' else 'unresolved' end as match_method,
        case when accounts.customer_id is not null then 1.0 end as match_score,
        case when accounts.customer_id is not null then 'crm_account' end as matched_record_type,
        accounts.account_id as matched_record_id
    from contacts
    left join accounts
        on contacts.account_id = accounts.account_id

    union all

    select
        'crm_opportunity' as record_type,
        opportunities.opportunity_id as record_id,
        accounts.customer_id,
        cast(null as {{ dbt.type_string() }}) as email,
        case when accounts.customer_id is not null then 'explicit_id' else 'unresolved' end as match_method,
        case when accounts.customer_id is not null then 1.0 end as match_score,
        case when accounts.customer_id is not null then 'crm_account' end as matched_record_type,
        accounts.account_id as matched_record_id
    from opportunities
    left join accounts
        on opportunities.account_id = accounts.account_id

    union all

    select
        'crm_lead' as record_type,
        lead_id as record_id,
        customer_id,
        email,
        match_method,
        match_score,
        matched_record_type,
        matched_record_id
    from leads

    union all

    select
        'billing_customer' as record_type,
        stripe_customer_id as record_id,
        customer_id,
        email,
        match_method,
        1.0 as match_score,
        matched_record_type,
        matched_record_id
    from billing_customers

    union all

    select
        'web_visitor' as record_type,
        anonymous_id as record_id,
        customer_id,
        email,
        match_method,
        case when customer_id is not null then 1.0 end as match_score,
        matched_record_type,
        matched_record_id
    from visitors
),

keyed as (
    select
        {{ dbt.concat(['record_type', "':'", 'record_id']) }} as link_id,
        record_type,
        record_id,
        customer_id,
        email,
        match_method,
        match_score,
        matched_record_type,
        matched_record_id
    from links
)

select * from keyed
