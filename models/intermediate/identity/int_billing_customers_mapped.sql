{#- Which customer each live Stripe customer bills, by the first rule that applies, in
    order of trust:
    1. explicit_id: its metadata `salesforce_account_id` names a live CRM account;
    2. exact_email: its email is the email of a contact, converted lead or explicitly
       linked Stripe customer of exactly one CRM customer;
    3. business_domain: its email domain (never a free-mail one) is the website or
       contact domain of exactly one CRM customer;
    4. self_serve: none applies, so it is a customer of its own; self-serve sign-ups
       from one business domain merge into the earliest (the same company twice).
    Every revenue model reads customers through this model. -#}
with

stripe_customers as (
    select * from {{ ref('stg_stripe__customers') }}
),

accounts as (
    select * from {{ ref('int_identity_accounts_merged') }}
),

crm_anchors as (
    select * from {{ ref('int_identity_crm_anchors') }}
),

free_mail_domains as (
    select * from {{ ref('free_mail_domains') }}
),

candidates as (
    select
        stripe_customers.customer_id as stripe_customer_id,
        stripe_customers.email,
        stripe_customers.created_at,
        accounts.customer_id as explicit_customer_id,
        accounts.account_id as explicit_account_id,
        email_anchors.customer_id as email_customer_id,
        email_anchors.anchor_record_type as email_anchor_type,
        email_anchors.anchor_record_id as email_anchor_id,
        domain_anchors.customer_id as domain_customer_id,
        domain_anchors.anchor_record_type as domain_anchor_type,
        domain_anchors.anchor_record_id as domain_anchor_id,
        case
            when free_mail_domains.domain is null then stripe_customers.email_domain
        end as business_domain
    from stripe_customers
    left join accounts
        on stripe_customers.crm_account_id = accounts.account_id
    left join crm_anchors as email_anchors
        on
            email_anchors.key_type = 'email'
            and stripe_customers.email = email_anchors.key_value
    left join crm_anchors as domain_anchors
        on
            domain_anchors.key_type = 'domain'
            and stripe_customers.email_domain = domain_anchors.key_value
    left join free_mail_domains
        on stripe_customers.email_domain = free_mail_domains.domain
),

self_serve_first as (
    select
        candidates.*,
        case
            when candidates.business_domain is null then candidates.stripe_customer_id
            else first_value(candidates.stripe_customer_id) over (
                partition by
                    candidates.business_domain,
                    coalesce(
                        candidates.explicit_customer_id,
                        candidates.email_customer_id,
                        candidates.domain_customer_id
                    ) is null
                order by candidates.created_at, candidates.stripe_customer_id
            )
        end as first_self_serve_id
    from candidates
),

mapped as (
    select
        stripe_customer_id,
        email,
        coalesce(explicit_customer_id, email_customer_id, domain_customer_id) as crm_account_id,
        coalesce(
            explicit_customer_id, email_customer_id, domain_customer_id, first_self_serve_id
        ) as customer_id,
        case
            when explicit_customer_id is not null then 'explicit_id'
            when email_customer_id is not null then 'exact_email'
            when domain_customer_id is not null then 'business_domain'
            when first_self_serve_id != stripe_customer_id then 'business_domain'
            else 'self_serve'
        end as match_method,
        case
            when explicit_customer_id is not null then 'crm_account'
            when email_customer_id is not null then email_anchor_type
            when domain_customer_id is not null then domain_anchor_type
            when first_self_serve_id != stripe_customer_id then 'billing_customer'
        end as matched_record_type,
        case
            when explicit_customer_id is not null then explicit_account_id
            when email_customer_id is not null then email_anchor_id
            when domain_customer_id is not null then domain_anchor_id
            when first_self_serve_id != stripe_customer_id then first_self_serve_id
        end as matched_record_id
    from self_serve_first
)

select * from mapped
