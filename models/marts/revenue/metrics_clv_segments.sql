{#- Per segment: the sBG fit behind every customer's predicted CLV, its reliability and
    the average CLV. CAC and LTV:CAC come with the acquisition-cost metrics (null until
    then, never invented). -#}
with

fits as (
    select * from {{ ref('int_clv_segment_fits') }}
),

clv as (
    select * from {{ ref('metrics_clv') }}
),

average_clv as (
    select
        segment,
        avg(clv) as avg_clv
    from clv
    group by segment
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
        cast(null as decimal(18, 2)) as cac,
        cast(null as double) as ltv_to_cac
    from fits
    left join average_clv
        on fits.segment = average_clv.segment
)

select * from final
