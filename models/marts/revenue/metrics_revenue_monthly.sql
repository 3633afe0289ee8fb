{#- The MRR bridge and every monthly revenue rate of METRICS.md, one row per month.
    A rate whose denominator is zero is null, never an error. -#}
with

mrr as (
    select * from {{ ref('fct_mrr') }}
),

bridge as (
    select
        date_month,
        sum(previous_mrr) as starting_mrr,
        sum(case when movement = 'new' then mrr else 0 end) as new_mrr,
        sum(case when movement = 'expansion' then mrr_change else 0 end) as expansion_mrr,
        sum(case when movement = 'contraction' then -mrr_change else 0 end) as contraction_mrr,
        sum(case when movement = 'churn' then previous_mrr else 0 end) as churned_mrr,
        sum(case when movement = 'reactivation' then mrr else 0 end) as reactivation_mrr,
        sum(mrr) as ending_mrr,
        sum(case when previous_mrr > 0 then 1 else 0 end) as starting_customers,
        sum(case when movement = 'new' then 1 else 0 end) as new_customers,
        sum(case when movement = 'churn' then 1 else 0 end) as churned_customers,
        sum(case when movement = 'reactivation' then 1 else 0 end) as reactivated_customers,
        sum(case when mrr > 0 then 1 else 0 end) as ending_customers,
        max(case when is_partial_month then 1 else 0 end) = 1 as is_partial_month
    from mrr
    group by date_month
),

{# NRR / GRR: the customers paying in M-12, and what the same customers pay in M. #}
year_ago as (
    select
        {{ dbt.dateadd('month', 12, 'earlier.date_month') }} as date_month,
        sum(earlier.mrr) as year_ago_mrr,
        sum(coalesce(later.mrr, 0)) as retained_mrr,
        sum(least(coalesce(later.mrr, 0), earlier.mrr)) as retained_mrr_capped
    from mrr as earlier
    left join mrr as later
        on
            earlier.customer_id = later.customer_id
            and {{ dbt.dateadd('month', 12, 'earlier.date_month') }} = later.date_month
    where earlier.mrr > 0
    group by {{ dbt.dateadd('month', 12, 'earlier.date_month') }}
),

rates as (
    select
        bridge.date_month,
        cast(bridge.starting_mrr as decimal(18, 2)) as starting_mrr,
        cast(bridge.new_mrr as decimal(18, 2)) as new_mrr,
        cast(bridge.expansion_mrr as decimal(18, 2)) as expansion_mrr,
        cast(bridge.contraction_mrr as decimal(18, 2)) as contraction_mrr,
        cast(bridge.churned_mrr as decimal(18, 2)) as churned_mrr,
        cast(bridge.reactivation_mrr as decimal(18, 2)) as reactivation_mrr,
        cast(bridge.ending_mrr as decimal(18, 2)) as ending_mrr,
        cast(bridge.ending_mrr * 12 as decimal(18, 2)) as ending_arr,
        cast(bridge.starting_customers as bigint) as starting_customers,
        cast(bridge.new_customers as bigint) as new_customers,
        cast(bridge.churned_customers as bigint) as churned_customers,
        cast(bridge.reactivated_customers as bigint) as reactivated_customers,
        cast(bridge.ending_customers as bigint) as ending_customers,
        cast(bridge.churned_customers * 1.0 / nullif(bridge.starting_customers, 0) as double) as logo_churn_rate,
        cast(
            (bridge.churned_mrr + bridge.contraction_mrr) / nullif(bridge.starting_mrr, 0) as double
        ) as gross_mrr_churn_rate,
        cast(
            (bridge.churned_mrr + bridge.contraction_mrr - bridge.expansion_mrr - bridge.reactivation_mrr)
            / nullif(bridge.starting_mrr, 0) as double
        ) as net_mrr_churn_rate,
        cast(
            (bridge.new_mrr + bridge.expansion_mrr + bridge.reactivation_mrr)
            / nullif(bridge.churned_mrr + bridge.contraction_mrr, 0) as double
        ) as quick_ratio,
        cast(bridge.ending_mrr / nullif(bridge.ending_customers, 0) as double) as arpa,
        cast(year_ago.retained_mrr / nullif(year_ago.year_ago_mrr, 0) as double) as nrr_12m,
        cast(year_ago.retained_mrr_capped / nullif(year_ago.year_ago_mrr, 0) as double) as grr_12m,
        cast(year_ago.year_ago_mrr as decimal(18, 2)) as nrr_base_mrr,
        cast(year_ago.retained_mrr as decimal(18, 2)) as nrr_retained_mrr,
        cast(year_ago.retained_mrr_capped as decimal(18, 2)) as grr_retained_mrr,
        bridge.is_partial_month
    from bridge
    left join year_ago
        on bridge.date_month = cast(year_ago.date_month as date)
)

select * from rates
