{#- Every live CRM account and the customer it belongs to. Accounts with the same
    business website domain are one company entered twice: they merge into the earliest
    created, which names the customer. An account without a usable domain stands alone. -#}
with

accounts as (
    select * from {{ ref('stg_salesforce__accounts') }}
),

free_mail_domains as (
    select * from {{ ref('free_mail_domains') }}
),

keyed as (
    select
        accounts.account_id,
        accounts.account_name,
        accounts.created_at,
        {{ company_name_key('accounts.account_name') }} as company_name_key,
        case when free_mail_domains.domain is null then accounts.website_domain end as company_domain
    from accounts
    left join free_mail_domains
        on accounts.website_domain = free_mail_domains.domain
),

first_by_domain as (
    select
        keyed.account_id,
        keyed.account_name,
        keyed.created_at,
        keyed.company_name_key,
        keyed.company_domain,
        first_value(keyed.account_id) over (
            partition by keyed.company_domain
            order by keyed.created_at, keyed.account_id
        ) as first_account_id
    from keyed
),

merged as (
    select
        account_id,
        account_name,
        company_name_key,
        company_domain,
        created_at,
        case when company_domain is null then account_id else first_account_id end as customer_id,
        case
            when company_domain is not null and account_id != first_account_id then 'business_domain'
            else 'crm_account'
        end as match_method,
        case when company_domain is not null and account_id != first_account_id then first_account_id end
            as matched_account_id
    from first_by_domain
)

select * from merged
