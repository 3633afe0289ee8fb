{#- The board's revenue page: the latest complete month's headline figures, with the
    same month a year earlier for growth. A partial month (the as-of date falls before
    its end) is never the headline: its figures are not month-end figures. -#}
with

revenue_monthly as (
    select * from {{ ref('metrics_revenue_monthly') }}
),

latest_complete_month as (
    select max(date_month) as date_month
    from revenue_monthly
    where not is_partial_month
),

headline as (
    select revenue_monthly.*
    from revenue_monthly
    inner join latest_complete_month
        on revenue_monthly.date_month = latest_complete_month.date_month
),

year_earlier as (
    select
        date_month,
        ending_arr,
        ending_customers
    from revenue_monthly
),

board_kpis as (
    select
        headline.date_month,
        headline.ending_arr,
        headline.ending_mrr,
        headline.nrr_12m,
        headline.grr_12m,
        headline.logo_churn_rate,
        headline.quick_ratio,
        headline.ending_customers,
        headline.arpa,
        year_earlier.ending_arr as ending_arr_12m_earlier,
        headline.ending_arr / nullif(year_earlier.ending_arr, 0) - 1 as arr_growth_12m,
        headline.ending_customers - year_earlier.ending_customers as customers_added_12m
    from headline
    left join year_earlier
        on cast({{ dbt.dateadd('month', -12, 'headline.date_month') }} as date) = year_earlier.date_month
)

select * from board_kpis
