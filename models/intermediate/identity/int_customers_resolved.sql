{#- One row per customer with who it is: every CRM customer (an account, with its merged
    duplicates) and every self-serve billing customer. Firmographics come from the
    customer's own account first, then its merged duplicate accounts, then the leads
    resolved to it, so a self-serve sign-up whose colleague filled a form still gets a
    segment. -#}
with

accounts_merged as (
    select * from {{ ref('int_identity_accounts_merged') }}
),

crm_accounts as (
    select * from {{ ref('stg_salesforce__accounts') }}
),

billing_customers as (
    select * from {{ ref('int_billing_customers_mapped') }}
),

stripe_customers as (
    select * from {{ ref('stg_stripe__customers') }}
),

leads_resolved as (
    select * from {{ ref('int_identity_leads_resolved') }}
),

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

customer_ids as (
    select customer_id from accounts_merged
    union
    select customer_id from billing_customers
),

from_accounts as (
    select
        accounts_merged.customer_id,
        max(case when accounts_merged.account_id = accounts_merged.customer_id then crm_accounts.account_name end)
            as account_name,
        {#- The customer's own account wins; a merged duplicate fills what it lacks. #}
        coalesce(
            max(case when accounts_merged.account_id = accounts_merged.customer_id then crm_accounts.industry end),
            max(crm_accounts.industry)
        ) as industry,
        coalesce(
            max(
                case
                    when accounts_merged.account_id = accounts_merged.customer_id
                        then crm_accounts.number_of_employees
                end
            ),
            max(crm_accounts.number_of_employees)
        ) as number_of_employees,
        coalesce(
            max(
                case when accounts_merged.account_id = accounts_merged.customer_id then crm_accounts.billing_country end
            ),
            max(crm_accounts.billing_country)
        ) as billing_country
    from accounts_merged
    inner join crm_accounts
        on accounts_merged.account_id = crm_accounts.account_id
    group by accounts_merged.customer_id
),

from_billing as (
    select
        billing_customers.customer_id,
        {{ array_agg_sorted('billing_customers.stripe_customer_id') }} as billing_customer_ids,
        min(
            case
                when
                    billing_customers.stripe_customer_id = billing_customers.customer_id
                    then stripe_customers.customer_name
            end
        )
            as billing_name
    from billing_customers
    inner join stripe_customers
        on billing_customers.stripe_customer_id = stripe_customers.customer_id
    group by billing_customers.customer_id
),

from_leads as (
    select
        leads_resolved.customer_id,
        max(leads.industry) as industry,
        max(leads.number_of_employees) as number_of_employees,
        max(leads.country) as country
    from leads_resolved
    inner join leads
        on leads_resolved.lead_id = leads.lead_id
    where leads_resolved.customer_id is not null
    group by leads_resolved.customer_id
),

customers as (
    select
        customer_ids.customer_id,
        from_billing.billing_customer_ids,
        case when from_accounts.customer_id is not null then customer_ids.customer_id end as crm_account_id,
        coalesce(from_accounts.account_name, from_billing.billing_name) as customer_name,
        coalesce(from_accounts.industry, from_leads.industry) as industry,
        coalesce(from_accounts.number_of_employees, from_leads.number_of_employees) as number_of_employees,
        {{ segment_from_employees('coalesce(from_accounts.number_of_employees, from_leads.number_of_employees)') }}
            as segment,
        coalesce(from_accounts.billing_country, from_leads.country) as billing_country,
        from_accounts.customer_id is null as is_self_serve
    from customer_ids
    left join from_accounts
        on customer_ids.customer_id = from_accounts.customer_id
    left join from_billing
        on customer_ids.customer_id = from_billing.customer_id
    left join from_leads
        on customer_ids.customer_id = from_leads.customer_id
)

select * from customers
