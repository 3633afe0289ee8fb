{#- The emails and business email domains that explicit CRM ids tie to one customer: a
    contact's email (its account), a converted lead's email (the account it converted
    to), a Stripe customer's email when its metadata names the account, and the
    website and contact domains of each account. A key that points at two customers
    proves nothing and is left out, so no rule can join two companies through it. -#}
with

accounts as (
    select * from {{ ref('int_identity_accounts_merged') }}
),

contacts as (
    select * from {{ ref('stg_salesforce__contacts') }}
),

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

stripe_customers as (
    select * from {{ ref('stg_stripe__customers') }}
),

free_mail_domains as (
    select * from {{ ref('free_mail_domains') }}
),

anchored_emails as (
    select
        'email' as key_type,
        contacts.email as key_value,
        accounts.customer_id,
        'crm_contact' as anchor_record_type,
        contacts.contact_id as anchor_record_id,
        contacts.email_domain
    from contacts
    inner join accounts
        on contacts.account_id = accounts.account_id
    where contacts.email is not null

    union all

    select
        'email' as key_type,
        leads.email as key_value,
        accounts.customer_id,
        'crm_lead' as anchor_record_type,
        leads.lead_id as anchor_record_id,
        leads.email_domain
    from leads
    inner join accounts
        on leads.converted_account_id = accounts.account_id
    where leads.email is not null

    union all

    select
        'email' as key_type,
        stripe_customers.email as key_value,
        accounts.customer_id,
        'billing_customer' as anchor_record_type,
        stripe_customers.customer_id as anchor_record_id,
        stripe_customers.email_domain
    from stripe_customers
    inner join accounts
        on stripe_customers.crm_account_id = accounts.account_id
    where stripe_customers.email is not null
),

anchored_domains as (
    select
        'domain' as key_type,
        company_domain as key_value,
        customer_id,
        'crm_account' as anchor_record_type,
        account_id as anchor_record_id
    from accounts
    where company_domain is not null

    union all

    select
        'domain' as key_type,
        anchored_emails.email_domain as key_value,
        anchored_emails.customer_id,
        anchored_emails.anchor_record_type,
        anchored_emails.anchor_record_id
    from anchored_emails
    left join free_mail_domains
        on anchored_emails.email_domain = free_mail_domains.domain
    where anchored_emails.email_domain is not null and free_mail_domains.domain is null
),

anchors as (
    select
        key_type,
        key_value,
        customer_id,
        anchor_record_type,
        anchor_record_id
    from anchored_emails
    union all
    select
        key_type,
        key_value,
        customer_id,
        anchor_record_type,
        anchor_record_id
    from anchored_domains
),

{# The most trusted record stands for the key: an account, then a contact. #}
{{ unambiguous_keys(
    'anchors',
    "case anchor_record_type when 'crm_account' then 1 when 'crm_contact' then 2 when 'crm_lead' then 3 else 4 end"
) }}

select * from unambiguous_keys
