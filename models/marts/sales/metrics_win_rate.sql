{#- Win rate per month of close, by segment and opportunity type, with 'All' rows for
    each rollup (a rate cannot be summed, so the totals are computed, not left to BI).
    An opportunity counts once, in its final state: a deal lost, reopened and won is a
    win in the month it was won. Open and deleted opportunities never count. -#}
with

opportunities as (
    select * from {{ ref('fct_opportunities') }}
),

closed as (
    select
        segment,
        status,
        amount,
        sales_cycle_days,
        cast({{ dbt.date_trunc('month', 'closed_date') }} as date) as period_month,
        coalesce(opportunity_type, 'Unknown') as opportunity_type
    from opportunities
    where status in ('won', 'lost')
),

{#- Each opportunity also counts in its 'All' rows, so one grouping computes every level. #}

expanded as (
    select
        period_month,
        segment,
        opportunity_type,
        status,
        amount,
        sales_cycle_days
    from closed
    union all
    select
        period_month,
        'All' as segment,
        opportunity_type,
        status,
        amount,
        sales_cycle_days
    from closed
    union all
    select
        period_month,
        segment,
        'All' as opportunity_type,
        status,
        amount,
        sales_cycle_days
    from closed
    union all
    select
        period_month,
        'All' as segment,
        'All' as opportunity_type,
        status,
        amount,
        sales_cycle_days
    from closed
),

rolled_up as (
    select
        period_month,
        segment,
        opportunity_type,
        sum(case when status = 'won' then 1 else 0 end) as won_count,
        sum(case when status = 'lost' then 1 else 0 end) as lost_count,
        sum(case when status = 'won' then amount else 0 end) as won_amount,
        sum(case when status = 'lost' then amount else 0 end) as lost_amount,
        avg(case when status = 'won' then sales_cycle_days end) as avg_sales_cycle_days,
        {{ median_of("case when status = 'won' then sales_cycle_days end") }} as median_sales_cycle_days
    from expanded
    group by period_month, segment, opportunity_type
),

rates as (
    select
        period_month,
        segment,
        opportunity_type,
        cast(won_count as bigint) as won_count,
        cast(lost_count as bigint) as lost_count,
        cast(won_amount as decimal(18, 2)) as won_amount,
        cast(lost_amount as decimal(18, 2)) as lost_amount,
        cast(won_count * 1.0 / nullif(won_count + lost_count, 0) as double) as win_rate,
        cast(won_amount / nullif(won_amount + lost_amount, 0) as double) as win_rate_amount,
        cast(avg_sales_cycle_days as double) as avg_sales_cycle_days,
        cast(median_sales_cycle_days as double) as median_sales_cycle_days
    from rolled_up
)

select * from rates
