{#- The months revenue is reported for: from the first month any billing line is in
    force through the month of the as-of date, each with the day it is measured on (its
    last day, or the as-of date for the partial month). -#}
with

lines as (
    select * from {{ ref('int_subscription_lines_normalized') }}
),

months as (
    {{ dbt.date_spine('month', "cast('2000-01-01' as date)", "cast('2100-01-01' as date)") }}
),

as_of as (
    select {{ as_of_date() }} as as_of_date
),

first_month as (
    select cast({{ dbt.date_trunc('month', 'min(in_force_from_date)') }} as date) as first_date_month
    from lines
),

month_ends as (
    select
        cast(date_month as date) as date_month,
        cast({{ dbt.last_day('date_month', 'month') }} as date) as month_end_date
    from months
),

reported as (
    select
        month_ends.date_month,
        least(month_ends.month_end_date, as_of.as_of_date) as evaluated_on,
        as_of.as_of_date < month_ends.month_end_date as is_partial_month
    from month_ends
    cross join as_of
    cross join first_month
    where
        month_ends.date_month >= first_month.first_date_month
        and month_ends.date_month <= as_of.as_of_date
)

select * from reported
