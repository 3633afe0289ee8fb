{#- Customer acquisition cost per month: blended (channel 'All': all S&M cost ÷ all new
    customers) and per channel (the channel's ad spend and campaign cost ÷ the new
    customers attributed to it under the var `cac_attribution_model`). New customers
    are `new` movements only; a month without them has a null CAC. -#}
with

costs as (
    select * from {{ ref('int_sm_costs_monthly') }}
),

credits as (
    select * from {{ ref('fct_attribution') }}
),

months as (
    select * from {{ ref('int_months_reported') }}
),

channel_costs as (
    select
        date_month,
        channel,
        ad_spend,
        campaign_cost,
        other_sm_cost,
        total_sm_cost
    from costs
    union all
    select
        date_month,
        'All' as channel,
        sum(ad_spend) as ad_spend,
        sum(campaign_cost) as campaign_cost,
        sum(other_sm_cost) as other_sm_cost,
        sum(total_sm_cost) as total_sm_cost
    from costs
    group by date_month
),

channel_acquisitions as (
    select
        new_month as date_month,
        channel,
        sum(credit) as new_customers,
        sum(attributed_new_mrr) as new_mrr
    from credits
    where model = '{{ var("cac_attribution_model") }}'
    group by new_month, channel
    union all
    select
        new_month as date_month,
        'All' as channel,
        sum(credit) as new_customers,
        sum(attributed_new_mrr) as new_mrr
    from credits
    where model = '{{ var("cac_attribution_model") }}'
    group by new_month
),

channels as (
    select distinct channel from channel_costs
    union
    select distinct channel from channel_acquisitions
),

cac as (
    select
        months.date_month,
        channels.channel,
        cast(coalesce(channel_costs.ad_spend, 0) as decimal(18, 2)) as ad_spend,
        cast(coalesce(channel_costs.campaign_cost, 0) as decimal(18, 2)) as campaign_cost,
        cast(coalesce(channel_costs.other_sm_cost, 0) as decimal(18, 2)) as other_sm_cost,
        cast(coalesce(channel_costs.total_sm_cost, 0) as decimal(18, 2)) as total_sm_cost,
        cast(coalesce(channel_acquisitions.new_customers, 0) as double) as new_customers,
        cast(coalesce(channel_acquisitions.new_mrr, 0) as decimal(18, 2)) as new_mrr,
        cast(
            coalesce(channel_costs.total_sm_cost, 0) / nullif(channel_acquisitions.new_customers, 0) as double
        ) as cac,
        months.is_partial_month
    from months
    cross join channels
    left join channel_costs
        on
            months.date_month = channel_costs.date_month
            and channels.channel = channel_costs.channel
    left join channel_acquisitions
        on
            months.date_month = channel_acquisitions.date_month
            and channels.channel = channel_acquisitions.channel
),

payback as (
    select
        date_month,
        channel,
        ad_spend,
        campaign_cost,
        other_sm_cost,
        total_sm_cost,
        new_customers,
        cac,
        new_mrr,
        cast(
            cac / nullif(new_mrr / nullif(new_customers, 0) * {{ var('gross_margin') }}, 0) as double
        ) as cac_payback_months,
        is_partial_month
    from cac
)

select * from payback
