{#- Pipeline velocity at the start of each month, per segment and for 'All'. Every input
    but the open pipeline comes from one trailing window (var `velocity_window_days`)
    and one population (the segment's opportunities closed in the window):
    velocity per day = qualified open opportunities at the month's first instant
    × average won deal size × win rate ÷ average sales cycle days. The open pipeline
    is read from the stage history as it stood at that instant. -#}
with

opportunities as (
    select * from {{ ref('fct_opportunities') }}
),

versions as (
    select * from {{ ref('int_opportunity_versions') }}
),

stages as (
    select * from {{ ref('opportunity_stage_mapping') }}
),

calendar as (
    select * from {{ ref('int_calendar_months') }}
),

first_month as (
    select cast({{ dbt.date_trunc('month', 'min(created_at)') }} as date) as first_month
    from opportunities
),

reported_months as (
    select calendar.date_month
    from calendar
    cross join first_month
    where calendar.date_month >= first_month.first_month
),

segments as (
    select distinct segment from opportunities
    union all
    select 'All' as segment
),

{#- Qualified opportunities open at each month's first instant: the version then in force. #}

open_at_start as (
    select
        reported_months.date_month,
        opportunities.segment,
        count(*) as open_opportunities
    from reported_months
    inner join versions
        on
            cast(reported_months.date_month as {{ dbt.type_timestamp() }}) > versions.valid_from
            and (
                versions.valid_to is null
                or cast(reported_months.date_month as {{ dbt.type_timestamp() }}) <= versions.valid_to
            )
    inner join stages
        on versions.stage_name = stages.stage_name
    inner join opportunities
        on versions.opportunity_id = opportunities.opportunity_id
    where stages.is_qualified and not stages.is_closed
    group by reported_months.date_month, opportunities.segment
),

window_closes as (
    select
        reported_months.date_month,
        opportunities.segment,
        opportunities.status,
        opportunities.amount,
        opportunities.sales_cycle_days
    from reported_months
    inner join opportunities
        on
            reported_months.date_month > opportunities.closed_date
            and opportunities.closed_date
            >= {{ dbt.dateadd('day', -var('velocity_window_days'), 'reported_months.date_month') }}
    where opportunities.status in ('won', 'lost')
),

window_expanded as (
    select
        date_month,
        segment,
        status,
        amount,
        sales_cycle_days
    from window_closes
    union all
    select
        date_month,
        'All' as segment,
        status,
        amount,
        sales_cycle_days
    from window_closes
),

window_stats as (
    select
        date_month,
        segment,
        sum(case when status = 'won' then 1 else 0 end) as won_count,
        sum(case when status = 'lost' then 1 else 0 end) as lost_count,
        sum(case when status = 'won' then 1 else 0 end) * 1.0
        / nullif(sum(case when status = 'won' then 1 else 0 end) + sum(case when status = 'lost' then 1 else 0 end), 0)
            as win_rate,
        sum(case when status = 'won' then amount else 0 end) as won_amount,
        sum(case when status = 'won' then sales_cycle_days else 0 end) as won_cycle_days,
        avg(case when status = 'won' then amount end) as avg_won_deal_size,
        avg(case when status = 'won' then sales_cycle_days end) as avg_sales_cycle_days,
        {{ median_of("case when status = 'won' then sales_cycle_days end") }} as median_sales_cycle_days
    from window_expanded
    group by date_month, segment
),

open_rolled_up as (
    select
        date_month,
        segment,
        open_opportunities
    from open_at_start
    union all
    select
        date_month,
        'All' as segment,
        sum(open_opportunities) as open_opportunities
    from open_at_start
    group by date_month
),

velocity as (
    select
        reported_months.date_month,
        segments.segment,
        cast(coalesce(open_rolled_up.open_opportunities, 0) as bigint) as open_opportunities,
        cast(coalesce(window_stats.won_count, 0) as bigint) as window_won_count,
        cast(coalesce(window_stats.lost_count, 0) as bigint) as window_lost_count,
        cast(coalesce(window_stats.won_amount, 0) as decimal(18, 2)) as window_won_amount,
        cast(coalesce(window_stats.won_cycle_days, 0) as bigint) as window_won_cycle_days,
        cast(window_stats.avg_won_deal_size as decimal(18, 2)) as avg_won_deal_size,
        cast(window_stats.win_rate as double) as win_rate,
        cast(window_stats.avg_sales_cycle_days as double) as avg_sales_cycle_days,
        cast(window_stats.median_sales_cycle_days as double) as median_sales_cycle_days,
        cast(
            coalesce(open_rolled_up.open_opportunities, 0)
            * window_stats.avg_won_deal_size
            * window_stats.win_rate
            / nullif(window_stats.avg_sales_cycle_days, 0) as double
        ) as velocity_per_day
    from reported_months
    cross join segments
    left join open_rolled_up
        on
            reported_months.date_month = open_rolled_up.date_month
            and segments.segment = open_rolled_up.segment
    left join window_stats
        on
            reported_months.date_month = window_stats.date_month
            and segments.segment = window_stats.segment
)

select * from velocity
