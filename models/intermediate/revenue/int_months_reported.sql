{#- The months revenue is reported for: from the first month any billing line is in
    force through the month of the as-of date, each with the day it is measured on (its
    last day, or the as-of date for the partial month). -#}
with

lines as (
    select * from {{ ref('int_subscription_lines_normalized') }}
),

calendar as (
    select * from {{ ref('int_calendar_months') }}
),

first_month as (
    select cast({{ dbt.date_trunc('month', 'min(in_force_from_date)') }} as date) as first_date_month
    from lines
),

reported as (
    select
        calendar.date_month,
        calendar.evaluated_on,
        calendar.is_partial_month
    from calendar
    cross join first_month
    where calendar.date_month >= first_month.first_date_month
)

select * from reported
