{#- What does a new customer cost, per channel, and how long until it pays back? Per month
    and channel ('All' is blended CAC, every other channel paid CAC under the var
    `cac_attribution_model`), the month's figures from metrics_cac_monthly and the same
    over the trailing 3 months, because one channel wins a handful of customers a month
    and one month's CAC swings with them. Trailing CAC divides summed cost by summed new
    customers (never averages monthly CACs); it is null until 3 months are in the window.
    The mart holds every reported month for every channel, so 3 rows are 3 months.
    The as-of month is partial: its spend runs to the as-of date only. -#}
with

cac_monthly as (
    select * from {{ ref('metrics_cac_monthly') }}
),

trailing_sums as (
    select
        date_month,
        channel,
        ad_spend,
        campaign_cost,
        other_sm_cost,
        total_sm_cost,
        new_customers,
        new_mrr,
        cac,
        cac_payback_months,
        is_partial_month,
        count(*) over (
            partition by channel
            order by date_month
            rows between 2 preceding and current row
        ) as months_in_window,
        sum(total_sm_cost) over (
            partition by channel
            order by date_month
            rows between 2 preceding and current row
        ) as total_sm_cost_3m,
        sum(new_customers) over (
            partition by channel
            order by date_month
            rows between 2 preceding and current row
        ) as new_customers_3m,
        sum(new_mrr) over (
            partition by channel
            order by date_month
            rows between 2 preceding and current row
        ) as new_mrr_3m
    from cac_monthly
),

cac_by_channel as (
    select
        date_month,
        channel,
        ad_spend,
        campaign_cost,
        other_sm_cost,
        total_sm_cost,
        new_customers,
        new_mrr,
        cac,
        cac_payback_months,
        case when months_in_window = 3 then total_sm_cost_3m end as total_sm_cost_3m,
        case when months_in_window = 3 then new_customers_3m end as new_customers_3m,
        case
            when months_in_window = 3
                then cast(total_sm_cost_3m / nullif(new_customers_3m, 0) as double)
        end as cac_3m,
        {#- Payback as the mart defines it (CAC ÷ (new MRR per new customer × gross
            margin)), with both sides summed over the window. -#}
        case
            when months_in_window = 3
                then cast(
                    total_sm_cost_3m / nullif(new_customers_3m, 0)
                    / nullif(new_mrr_3m / nullif(new_customers_3m, 0) * {{ var('gross_margin') }}, 0)
                    as double
                )
        end as cac_payback_months_3m,
        is_partial_month
    from trailing_sums
)

select * from cac_by_channel
order by date_month, case when channel = 'All' then 1 else 0 end, channel
