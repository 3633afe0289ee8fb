{#- The sBG fit's input, aggregated: per segment and period t, customers lost at the end
    of their t-th paid month (first life) and customers known to have survived exactly t
    renewals (still in their first life). Small: segments x months of history. -#}
with

lifetimes as (
    select * from {{ ref('int_customer_lifetimes') }}
),

lost as (
    select
        segment,
        first_life_paid_months as period,
        count(*) as lost_customers,
        0 as censored_customers
    from lifetimes
    where has_churned and first_life_paid_months > 0
    group by segment, first_life_paid_months
),

censored as (
    select
        segment,
        first_life_renewals as period,
        0 as lost_customers,
        count(*) as censored_customers
    from lifetimes
    where not has_churned and first_life_renewals > 0
    group by segment, first_life_renewals
),

combined as (
    select * from lost
    union all
    select * from censored
),

counts as (
    select
        segment,
        cast(period as integer) as period,
        cast(sum(lost_customers) as bigint) as lost_customers,
        cast(sum(censored_customers) as bigint) as censored_customers
    from combined
    group by segment, period
)

select * from counts
