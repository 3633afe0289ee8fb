{#- Which customer each Stripe customer bills. Today: the explicit link only (Stripe
    metadata `salesforce_account_id` naming a live CRM account), else the Stripe customer
    is a self-serve customer of its own. Identity resolution (issue: customer identity)
    adds its email and domain rules here, so every revenue model follows. -#}
with

stripe_customers as (
    select * from {{ ref('stg_stripe__customers') }}
),

crm_accounts as (
    select * from {{ ref('stg_salesforce__accounts') }}
),

mapped as (
    select
        stripe_customers.customer_id as stripe_customer_id,
        crm_accounts.account_id as crm_account_id,
        coalesce(crm_accounts.account_id, stripe_customers.customer_id) as customer_id,
        case
            when crm_accounts.account_id is not null then 'stripe_metadata_account_id'
            else 'self_serve_billing_customer'
        end as match_method
    from stripe_customers
    left join crm_accounts
        on stripe_customers.crm_account_id = crm_accounts.account_id
)

select * from mapped
