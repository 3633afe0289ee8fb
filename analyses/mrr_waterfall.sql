{#- The MRR waterfall (bridge) per month, ready for a waterfall chart: losses are
    negative, so each row reads left to right as
    starting + new + expansion + reactivation + contraction + churn = ending. -#}
with

revenue_monthly as (
    select * from {{ ref('metrics_revenue_monthly') }}
),

signed as (
    select
        *,
        -contraction_mrr as contraction_mrr_negative,
        -churned_mrr as churned_mrr_negative,
        new_mrr + expansion_mrr + reactivation_mrr - contraction_mrr - churned_mrr as net_new_mrr
    from revenue_monthly
),

waterfall as (
    select
        date_month,
        starting_mrr,
        new_mrr,
        expansion_mrr,
        reactivation_mrr,
        contraction_mrr_negative as contraction_mrr,
        churned_mrr_negative as churned_mrr,
        ending_mrr,
        net_new_mrr,
        is_partial_month
    from signed
)

select * from waterfall
order by date_month
