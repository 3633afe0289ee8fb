{#- Customer lifetime value per customer (METRICS.md): what it has paid, plus what its
    current MRR is expected to earn over the lifetime the segment's fit predicts. -#}
with

lifetimes as (
    select * from {{ ref('int_customer_lifetimes') }}
),

residual as (
    select * from {{ ref('int_clv_residual_lifetimes') }}
),

net_revenue as (
    select * from {{ ref('int_customer_net_revenue') }}
),

valued as (
    select
        lifetimes.customer_id,
        lifetimes.segment,
        cast(lifetimes.current_mrr as decimal(18, 2)) as current_mrr,
        cast(round(coalesce(net_revenue.net_paid_revenue, 0), 2) as decimal(18, 2)) as historical_value,
        cast(
            case when lifetimes.current_mrr > 0 then residual.expected_remaining_months else 0 end as double
        ) as expected_remaining_months,
        residual.lifetime_method
    from lifetimes
    left join residual
        on
            lifetimes.segment = residual.segment
            and lifetimes.current_life_renewals = residual.current_life_renewals
    left join net_revenue
        on lifetimes.customer_id = net_revenue.customer_id
),

predicted as (
    select
        *,
        current_mrr * {{ var('gross_margin') }} * expected_remaining_months as predicted_value
    from valued
),

final as (
    select
        customer_id,
        segment,
        current_mrr,
        historical_value,
        expected_remaining_months,
        lifetime_method,
        cast(round(predicted_value, 2) as decimal(18, 2)) as predicted_clv,
        cast(round(historical_value + predicted_value, 2) as decimal(18, 2)) as clv
    from predicted
)

select * from final
