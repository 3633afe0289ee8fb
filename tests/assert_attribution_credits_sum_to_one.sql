{#- METRICS.md: credits for one customer sum to 1 in every attribution model; and every
    new customer is attributed (CAC per channel adds up to blended CAC). -#}
with

credits as (
    select
        customer_id,
        model,
        sum(credit) as total_credit
    from {{ ref('fct_attribution') }}
    group by customer_id, model
),

new_customers as (
    select customer_id from {{ ref('fct_mrr') }}
    where movement = 'new'
)

select
    credits.customer_id,
    credits.model,
    credits.total_credit
from credits
where abs(credits.total_credit - 1) > 1e-9

union all

select
    new_customers.customer_id,
    'missing' as model,
    0 as total_credit
from new_customers
where not exists (
    select 1 from credits
    where credits.customer_id = new_customers.customer_id
)
