{#- Per segment: customers with MRR history and the average monthly logo churn (churned
    / customers paying at the start of the month, over months with any), the fallback
    when the segment's sBG fit is unreliable. -#}
with

mrr as (
    select * from {{ ref('fct_mrr') }}
),

lifetimes as (
    select * from {{ ref('int_customer_lifetimes') }}
),

monthly as (
    select
        lifetimes.segment,
        mrr.date_month,
        sum(case when mrr.previous_mrr > 0 then 1 else 0 end) as starting_customers,
        sum(case when mrr.movement = 'churn' then 1 else 0 end) as churned_customers
    from mrr
    inner join lifetimes
        on mrr.customer_id = lifetimes.customer_id
    group by lifetimes.segment, mrr.date_month
),

churn as (
    select
        segment,
        avg(churned_customers * 1.0 / starting_customers) as avg_monthly_logo_churn
    from monthly
    where starting_customers > 0
    group by segment
),

customers as (
    select
        segment,
        count(*) as customers
    from lifetimes
    group by segment
),

final as (
    select
        customers.segment,
        cast(customers.customers as bigint) as customers,
        cast(churn.avg_monthly_logo_churn as double) as avg_monthly_logo_churn
    from customers
    left join churn
        on customers.segment = churn.segment
)

select * from final
