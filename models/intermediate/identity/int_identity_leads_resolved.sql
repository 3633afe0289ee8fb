{#- Every live lead and the customer it belongs to, by the first rule that applies:
    1. explicit_id: it converted, and its `converted_account_id` is a live account;
    2. exact_email: its email is the email of exactly one customer's contact, converted
       lead or billing customer (emails are compared trimmed and lower-cased);
    3. business_domain: its email domain (never free-mail) is exactly one customer's;
    4. fuzzy_company_name: the company it typed is, after normalisation, within the
       var `identity_fuzzy_min_score` of a CRM customer's account name in the same
       country, and better than the next-best customer by `identity_fuzzy_min_margin`;
    5. unresolved: a person attached to no customer (yet); its funnel steps still count.
    `match_score` is 1 for rules 1-3 and the name similarity for rule 4. -#}
with

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

accounts as (
    select * from {{ ref('int_identity_accounts_merged') }}
),

crm_accounts as (
    select * from {{ ref('stg_salesforce__accounts') }}
),

customer_keys as (
    select * from {{ ref('int_identity_customer_keys') }}
),

by_rules as (
    select
        leads.lead_id,
        leads.email,
        leads.company,
        leads.country,
        converted.customer_id as explicit_customer_id,
        converted.account_id as explicit_account_id,
        email_keys.customer_id as email_customer_id,
        email_keys.anchor_record_type as email_anchor_type,
        email_keys.anchor_record_id as email_anchor_id,
        domain_keys.customer_id as domain_customer_id,
        domain_keys.anchor_record_type as domain_anchor_type,
        domain_keys.anchor_record_id as domain_anchor_id
    from leads
    left join accounts as converted
        on leads.converted_account_id = converted.account_id
    left join customer_keys as email_keys
        on
            email_keys.key_type = 'email'
            and leads.email = email_keys.key_value
    left join customer_keys as domain_keys
        on
            domain_keys.key_type = 'domain'
            and leads.email_domain = domain_keys.key_value
),

{#- Fuzzy matching only for what the exact rules left, blocked by country so the
    comparison stays linear in practice, and only against CRM accounts (a self-serve
    customer has no company name the CRM typed). #}

unmatched as (
    select
        lead_id,
        country,
        {{ company_name_key('company') }} as company_name_key
    from by_rules
    where coalesce(explicit_customer_id, email_customer_id, domain_customer_id) is null
),

account_names as (
    select
        accounts.customer_id,
        accounts.account_id,
        accounts.company_name_key,
        crm_accounts.billing_country
    from accounts
    inner join crm_accounts
        on accounts.account_id = crm_accounts.account_id
    where accounts.company_name_key is not null
),

scored as (
    select
        unmatched.lead_id,
        account_names.customer_id,
        max(
            1.0 - {{ edit_distance('unmatched.company_name_key', 'account_names.company_name_key') }}
            / cast(greatest(
                {{ dbt.length('unmatched.company_name_key') }},
                {{ dbt.length('account_names.company_name_key') }}
            ) as double)
        ) as name_similarity
    from unmatched
    inner join account_names
        on unmatched.country = account_names.billing_country
    where unmatched.company_name_key is not null
    group by unmatched.lead_id, account_names.customer_id
),

best_names as (
    select
        lead_id,
        customer_id,
        name_similarity,
        row_number() over (partition by lead_id order by name_similarity desc, customer_id asc) as similarity_rank,
        lead(name_similarity) over (partition by lead_id order by name_similarity desc, customer_id asc)
            as runner_up_similarity
    from scored
),

fuzzy as (
    select
        lead_id,
        customer_id,
        name_similarity,
        runner_up_similarity
    from best_names
    where
        similarity_rank = 1
        and name_similarity >= {{ var('identity_fuzzy_min_score') }}
        and name_similarity - coalesce(runner_up_similarity, 0) >= {{ var('identity_fuzzy_min_margin') }}
),

resolved as (
    select
        by_rules.lead_id,
        by_rules.email,
        fuzzy.runner_up_similarity as fuzzy_runner_up_score,
        coalesce(
            by_rules.explicit_customer_id,
            by_rules.email_customer_id,
            by_rules.domain_customer_id,
            fuzzy.customer_id
        ) as customer_id,
        case
            when by_rules.explicit_customer_id is not null then 'explicit_id'
            when by_rules.email_customer_id is not null then 'exact_email'
            when by_rules.domain_customer_id is not null then 'business_domain'
            when fuzzy.customer_id is not null then 'fuzzy_company_name'
            else 'unresolved'
        end as match_method,
        case
            when coalesce(
                by_rules.explicit_customer_id, by_rules.email_customer_id, by_rules.domain_customer_id
            ) is not null then 1.0
            else fuzzy.name_similarity
        end as match_score,
        case
            when by_rules.explicit_customer_id is not null then 'crm_account'
            when by_rules.email_customer_id is not null then by_rules.email_anchor_type
            when by_rules.domain_customer_id is not null then by_rules.domain_anchor_type
            when fuzzy.customer_id is not null then 'crm_account'
        end as matched_record_type,
        case
            when by_rules.explicit_customer_id is not null then by_rules.explicit_account_id
            when by_rules.email_customer_id is not null then by_rules.email_anchor_id
            when by_rules.domain_customer_id is not null then by_rules.domain_anchor_id
            when fuzzy.customer_id is not null then fuzzy.customer_id
        end as matched_record_id
    from by_rules
    left join fuzzy
        on by_rules.lead_id = fuzzy.lead_id
)

select * from resolved
