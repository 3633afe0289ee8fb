{#- Every month up to and including the as-of month, each with the day it is measured on
    (its last day, or the as-of date for the partial month). The one calendar: each
    reporting model keeps the months from its own first month on. -#}
with

months as (
    {{ dbt.date_spine('month', "cast('2000-01-01' as date)", "cast('2100-01-01' as date)") }}
),

as_of as (
    select {{ as_of_date() }} as as_of_date
),

month_ends as (
    select
        cast(date_month as date) as date_month,
        cast({{ dbt.last_day('date_month', 'month') }} as date) as month_end_date
    from months
),

calendar as (
    select
        month_ends.date_month,
        least(month_ends.month_end_date, as_of.as_of_date) as evaluated_on,
        as_of.as_of_date < month_ends.month_end_date as is_partial_month
    from month_ends
    cross join as_of
    where month_ends.date_month <= as_of.as_of_date
)

select * from calendar
