{#- Cohort = the month of a customer's `new` movement. For every month since, the share
    of the cohort still paying and the share of its starting MRR retained. -#}
with

mrr as (
    select * from {{ ref('fct_mrr') }}
),

cohorts as (
    select
        customer_id,
        date_month as cohort_month,
        mrr as starting_mrr
    from mrr
    where movement = 'new'
),

report_months as (
    select distinct date_month from mrr
),

cohort_pairs as (
    select
        cohorts.customer_id,
        cohorts.cohort_month,
        cohorts.starting_mrr,
        report_months.date_month
    from cohorts
    inner join report_months
        on cohorts.cohort_month <= report_months.date_month
),

cohort_months as (
    select
        *,
        {{ dbt.datediff('cohort_month', 'date_month', 'month') }} as months_since_start  -- noqa: LT05
    from cohort_pairs
),

retained as (
    select
        cohort_months.cohort_month,
        cohort_months.months_since_start,
        count(*) as cohort_customers,
        sum(case when coalesce(mrr.mrr, 0) > 0 then 1 else 0 end) as retained_customers,
        sum(cohort_months.starting_mrr) as cohort_starting_mrr,
        sum(coalesce(mrr.mrr, 0)) as retained_mrr
    from cohort_months
    left join mrr
        on
            cohort_months.customer_id = mrr.customer_id
            and cohort_months.date_month = mrr.date_month
    group by cohort_months.cohort_month, cohort_months.months_since_start
),

final as (
    select
        cohort_month,
        cast(months_since_start as integer) as months_since_start,
        cast(cohort_customers as bigint) as cohort_customers,
        cast(retained_customers as bigint) as retained_customers,
        cast(retained_customers * 1.0 / cohort_customers as double) as logo_retention,
        cast(cohort_starting_mrr as decimal(18, 2)) as cohort_starting_mrr,
        cast(retained_mrr as decimal(18, 2)) as retained_mrr,
        cast(retained_mrr / nullif(cohort_starting_mrr, 0) as double) as revenue_retention
    from retained
)

select * from final
