{#- Every month: ending MRR = starting + new + reactivation + expansion - contraction
    - churn (to the cent), and ending customers = starting + new + reactivated - churned;
    and each month starts where the previous one ended. Returns the months that do not. -#}
with

monthly as (
    select * from {{ ref('metrics_revenue_monthly') }}
),

checked as (
    select
        date_month,
        ending_mrr,
        ending_customers,
        starting_mrr,
        starting_mrr + new_mrr + reactivation_mrr + expansion_mrr - contraction_mrr - churned_mrr as bridged_mrr,
        starting_customers + new_customers + reactivated_customers - churned_customers as bridged_customers,
        lag(ending_mrr) over (order by date_month) as previous_ending_mrr
    from monthly
)

select * from checked
where
    abs(ending_mrr - bridged_mrr) > 0.01
    or ending_customers != bridged_customers
    or abs(starting_mrr - coalesce(previous_ending_mrr, 0)) > 0.01
