{#- The customers metrics_clv_segments counts as won in the LTV:CAC window, summed over
    segments, are the blended new customers its CAC divides by: the numerator's and the
    denominator's populations are the same customers. Returns a row when they differ. -#}
with

segments as (
    select * from {{ ref('metrics_clv_segments') }}
),

totals as (
    select
        sum(window_new_customers) as segment_new_customers,
        max(window_blended_new_customers) as blended_new_customers,
        count(distinct window_blended_new_customers) as blended_values
    from segments
)

select *
from totals
where
    abs(coalesce(segment_new_customers, 0) - coalesce(blended_new_customers, 0)) > 1e-6
    or blended_values > 1
