{#- One row per customer with MRR history: its segment, its first paid life (for the
    survival fit) and its current life (for the residual lifetime). -#}
with

mrr as (
    select * from {{ ref('fct_mrr') }}
),

customers as (
    select * from {{ ref('int_customers_resolved') }}
),

as_of as (
    select cast({{ dbt.date_trunc('month', as_of_date()) }} as date) as as_of_month
),

milestones as (
    select
        mrr.customer_id,
        min(case when mrr.movement = 'new' then mrr.date_month end) as cohort_month,
        min(case when mrr.movement = 'churn' then mrr.date_month end) as first_churn_month,
        max(case when mrr.movement in ('new', 'reactivation') then mrr.date_month end) as latest_start_month,
        sum(case when mrr.date_month = as_of.as_of_month then mrr.mrr else 0 end) as current_mrr
    from mrr
    cross join as_of
    group by mrr.customer_id
),

lifetimes as (
    select
        milestones.customer_id,
        coalesce(customers.segment, 'Unknown') as segment,
        milestones.cohort_month,
        milestones.first_churn_month,
        milestones.current_mrr,
        milestones.first_churn_month is not null as has_churned,
        {#- A customer who churned in month m paid for the months from its cohort to m. #}
        {{ dbt.datediff('milestones.cohort_month', 'milestones.first_churn_month', 'month') }} as first_life_paid_months,  -- noqa: LT05
        {#- Still in its first life in month k of it: k - 1 renewals survived (T > k - 1). #}
        {{ dbt.datediff('milestones.cohort_month', 'as_of.as_of_month', 'month') }} as first_life_renewals,  -- noqa: LT05
        case
            when milestones.current_mrr > 0
                then {{ dbt.datediff('milestones.latest_start_month', 'as_of.as_of_month', 'month') }}
        end as current_life_renewals
    from milestones
    cross join as_of
    left join customers
        on milestones.customer_id = customers.customer_id
)

select * from lifetimes
