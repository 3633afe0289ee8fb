{#- Per segment: the sBG fit behind every customer's predicted CLV, its reliability, the
    average CLV, and LTV:CAC over a trailing window of complete months (var
    `ltv_to_cac_window_months`): the average CLV of the segment's customers won in the
    window ÷ blended CAC of the window. No S&M cost carries a segment, so CAC is the
    blended figure, the same on every row. -#}
{%- if var('ltv_to_cac_window_months') | int < 1 -%}
    {{ exceptions.raise_compiler_error("var ltv_to_cac_window_months must be a whole number of months, at least 1") }}
{%- endif %}

with

fits as (
    select * from {{ ref('int_clv_segment_fits') }}
),

clv as (
    select * from {{ ref('metrics_clv') }}
),

mrr as (
    select * from {{ ref('fct_mrr') }}
),

cac_monthly as (
    select * from {{ ref('metrics_cac_monthly') }}
),

months as (
    select * from {{ ref('int_months_reported') }}
),

average_clv as (
    select
        segment,
        avg(clv) as avg_clv
    from clv
    group by segment
),

{# Complete months only: the partial month of the as-of date books its whole month of
    S&M expense against new customers won only up to the as-of date. #}
ltv_to_cac_window as (
    select
        cast(
            {{ dbt.dateadd('month', 1 - var('ltv_to_cac_window_months') | int, 'max(date_month)') }} as date
        ) as window_start_month,
        max(date_month) as window_end_month
    from months
    where not is_partial_month
),

window_cost as (
    select
        sum(cac_monthly.total_sm_cost) as window_sm_cost,
        sum(cac_monthly.new_customers) as window_blended_new_customers
    from cac_monthly
    inner join ltv_to_cac_window
        on
            cac_monthly.date_month >= ltv_to_cac_window.window_start_month
            and cac_monthly.date_month <= ltv_to_cac_window.window_end_month
    where cac_monthly.channel = 'All'
),

{# A won customer without a CLV (its segment has no usable lifetime) leaves the
    segment's figure unknown rather than averaged over the others. #}
won_in_window as (
    select
        clv.segment,
        count(*) as window_new_customers,
        case when count(clv.clv) = count(*) then sum(clv.clv) end as window_total_clv
    from mrr
    inner join ltv_to_cac_window
        on
            mrr.date_month >= ltv_to_cac_window.window_start_month
            and mrr.date_month <= ltv_to_cac_window.window_end_month
    inner join clv
        on mrr.customer_id = clv.customer_id
    where mrr.movement = 'new'
    group by clv.segment
),

{# Blended CAC, unrounded, so LTV:CAC is not skewed by the cent rounding of `cac`. #}
blended_cac as (
    select
        ltv_to_cac_window.window_start_month,
        ltv_to_cac_window.window_end_month,
        window_cost.window_sm_cost,
        window_cost.window_blended_new_customers,
        window_cost.window_sm_cost / nullif(window_cost.window_blended_new_customers, 0) as cac
    from ltv_to_cac_window
    cross join window_cost
),

final as (
    select
        fits.segment,
        fits.customers,
        fits.fit_customers,
        fits.sbg_alpha,
        fits.sbg_beta,
        fits.is_fit_reliable,
        fits.avg_monthly_logo_churn,
        fits.expected_lifetime_months,
        cast(average_clv.avg_clv as decimal(18, 2)) as avg_clv,
        blended_cac.window_start_month,
        blended_cac.window_end_month,
        cast(coalesce(won_in_window.window_new_customers, 0) as bigint) as window_new_customers,
        cast(
            case when won_in_window.segment is null then 0 else won_in_window.window_total_clv end as decimal(18, 2)
        ) as window_total_clv,
        cast(
            won_in_window.window_total_clv / nullif(won_in_window.window_new_customers, 0) as decimal(18, 2)
        ) as window_avg_clv,
        cast(blended_cac.window_sm_cost as decimal(18, 2)) as window_sm_cost,
        cast(blended_cac.window_blended_new_customers as double) as window_blended_new_customers,
        cast(blended_cac.cac as decimal(18, 2)) as cac,
        cast(
            won_in_window.window_total_clv
            / nullif(won_in_window.window_new_customers, 0)
            / nullif(blended_cac.cac, 0) as double
        ) as ltv_to_cac
    from fits
    cross join blended_cac
    left join average_clv
        on fits.segment = average_clv.segment
    left join won_in_window
        on fits.segment = won_in_window.segment
)

select * from final
