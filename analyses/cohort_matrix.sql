{#- The cohort retention matrix in long form, one row per cohort × months since start,
    so a BI tool pivots it (cohorts down, months since start across) without SQL pivots.
    Each cell carries its calendar month and whether that month is partial, because a
    partial month's retention is as of the as-of date, not the month end. -#}
with

cohort_retention as (
    select * from {{ ref('metrics_cohort_retention') }}
),

revenue_monthly as (
    select * from {{ ref('metrics_revenue_monthly') }}
),

cells as (
    select
        cohort_retention.cohort_month,
        cohort_retention.months_since_start,
        cast(
            {{ dbt.dateadd('month', 'cohort_retention.months_since_start', 'cohort_retention.cohort_month') }}
            as date
        ) as date_month,
        cohort_retention.cohort_customers,
        cohort_retention.retained_customers,
        cohort_retention.logo_retention,
        cohort_retention.cohort_starting_mrr,
        cohort_retention.retained_mrr,
        cohort_retention.revenue_retention
    from cohort_retention
),

matrix as (
    select
        cells.cohort_month,
        cells.months_since_start,
        cells.date_month,
        cells.cohort_customers,
        cells.retained_customers,
        cells.logo_retention,
        cells.cohort_starting_mrr,
        cells.retained_mrr,
        cells.revenue_retention,
        revenue_monthly.is_partial_month
    from cells
    left join revenue_monthly
        on cells.date_month = revenue_monthly.date_month
)

select * from matrix
order by cohort_month, months_since_start
