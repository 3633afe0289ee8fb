{#- MetricFlow's daily time spine: one row per UTC day from var `time_spine_start_date`
    up to (not including) `time_spine_end_date`, built with dbt's own `date_spine`
    macro so it runs on any adapter. -#}
with

days as (
    {{ dbt.date_spine(
        datepart='day',
        start_date="cast('" ~ var('time_spine_start_date') ~ "' as date)",
        end_date="cast('" ~ var('time_spine_end_date') ~ "' as date)",
    ) }}
),

spine as (
    select cast(date_day as date) as date_day
    from days
)

select * from spine
