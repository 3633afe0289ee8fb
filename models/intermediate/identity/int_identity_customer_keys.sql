{#- Every email and business email domain that points at exactly one customer, once
    billing customers are resolved: the CRM anchors, plus each Stripe customer's email
    and business domain (which is how a self-serve company's colleagues find it). Leads
    and web visitors resolve through this lookup. -#}
with

crm_anchors as (
    select * from {{ ref('int_identity_crm_anchors') }}
),

billing_customers as (
    select * from {{ ref('int_billing_customers_mapped') }}
),

stripe_customers as (
    select * from {{ ref('stg_stripe__customers') }}
),

free_mail_domains as (
    select * from {{ ref('free_mail_domains') }}
),

billing_keys as (
    select
        'email' as key_type,
        stripe_customers.email as key_value,
        billing_customers.customer_id,
        'billing_customer' as anchor_record_type,
        stripe_customers.customer_id as anchor_record_id
    from stripe_customers
    inner join billing_customers
        on stripe_customers.customer_id = billing_customers.stripe_customer_id
    where stripe_customers.email is not null

    union all

    select
        'domain' as key_type,
        stripe_customers.email_domain as key_value,
        billing_customers.customer_id,
        'billing_customer' as anchor_record_type,
        stripe_customers.customer_id as anchor_record_id
    from stripe_customers
    inner join billing_customers
        on stripe_customers.customer_id = billing_customers.stripe_customer_id
    left join free_mail_domains
        on stripe_customers.email_domain = free_mail_domains.domain
    where stripe_customers.email_domain is not null and free_mail_domains.domain is null
),

all_keys as (
    select
        key_type,
        key_value,
        customer_id,
        anchor_record_type,
        anchor_record_id,
        1 as trust_rank
    from crm_anchors
    union all
    select
        key_type,
        key_value,
        customer_id,
        anchor_record_type,
        anchor_record_id,
        2 as trust_rank
    from billing_keys
),

{{ unambiguous_keys('all_keys', 'trust_rank') }}

select * from unambiguous_keys
