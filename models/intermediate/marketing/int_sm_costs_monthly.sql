{#- Sales & marketing cost per month and channel (METRICS.md, "Acquisition cost"): ad
    spend, the actual cost of Salesforce campaigns that are not paid ads, and the other
    S&M expense of the sm_expenses seed, all in the reporting currency, through the
    as-of date. -#}
{%- set paid_campaign_types = "'" ~ (ad_platform_campaign_types().values() | join("', '")) ~ "'" %}

with

ad_spend as (
    select * from {{ ref('int_ad_spend_daily') }}
),

campaigns as (
    select * from {{ ref('stg_salesforce__campaigns') }}
),

sm_expenses as (
    select * from {{ ref('sm_expenses') }}
),

campaign_type_channels as (
    select * from {{ ref('int_campaign_types_mapped') }}
),

fx_rates as (
    select * from {{ ref('int_fx_rates_reporting') }}
),

calendar as (
    select * from {{ ref('int_calendar_months') }}
),

as_of as (
    select {{ as_of_date() }} as as_of_date
),

ad_costs as (
    select
        ad_spend.date_month,
        ad_spend.channel,
        ad_spend.spend as ad_spend,
        0 as campaign_cost,
        0 as other_sm_cost,
        ad_spend.rate_to_reporting
    from ad_spend
    cross join as_of
    where ad_spend.date_day <= as_of.as_of_date
),

{# A campaign's actual cost is booked in the month it starts (webinars and events last
    a day or two); a campaign without a start date, in the month it was created.
    Paid-ads mirror campaigns are left out: their cost is the ad spend above. #}
campaigns_booked as (
    select
        campaign_type,
        actual_cost,
        coalesce(start_date, cast(created_at as date)) as booked_on
    from campaigns
    where
        actual_cost is not null
        and coalesce(campaign_type, '') not in ({{ paid_campaign_types }})
),

{# Salesforce campaigns carry no currency: their cost is in the org's corporate
    currency, var `salesforce_corporate_currency` (default USD). #}
campaign_costs as (
    select
        cast({{ dbt.date_trunc('month', 'campaigns_booked.booked_on') }} as date) as date_month,
        coalesce(campaign_type_channels.channel, 'Other') as channel,
        0 as ad_spend,
        campaigns_booked.actual_cost * fx_rates.rate_to_reporting as campaign_cost,
        0 as other_sm_cost,
        fx_rates.rate_to_reporting
    from campaigns_booked
    cross join as_of
    left join campaign_type_channels
        on campaigns_booked.campaign_type = campaign_type_channels.campaign_type
    left join fx_rates
        on
            fx_rates.currency = upper('{{ var("salesforce_corporate_currency", "USD") }}')
            and cast({{ dbt.date_trunc('month', 'campaigns_booked.booked_on') }} as date) = fx_rates.date_month
    where campaigns_booked.booked_on <= as_of.as_of_date
),

{# Salaries, tools, events and agencies belong to no one channel: they are 'Unallocated'
    ('Other' is the channel of unmapped marketing labels). #}
other_costs as (
    select
        sm_expenses.date_month,
        'Unallocated' as channel,
        0 as ad_spend,
        0 as campaign_cost,
        sm_expenses.amount * fx_rates.rate_to_reporting as other_sm_cost,
        fx_rates.rate_to_reporting
    from sm_expenses
    cross join as_of
    left join fx_rates
        on
            upper(sm_expenses.currency) = fx_rates.currency
            and sm_expenses.date_month = fx_rates.date_month
    where sm_expenses.date_month <= as_of.as_of_date
),

costs as (
    select * from ad_costs
    union all
    select * from campaign_costs
    union all
    select * from other_costs
),

by_channel as (
    select
        date_month,
        channel,
        sum(ad_spend) as ad_spend,
        sum(campaign_cost) as campaign_cost,
        sum(other_sm_cost) as other_sm_cost,
        {# A month fx_rates lacks would vanish from the sums: counted, and tested. #}
        sum(case when rate_to_reporting is null then 1 else 0 end) as unconverted_cost_rows
    from costs
    group by date_month, channel
),

{# Every month from the first with any cost through the as-of month, for every channel
    with any cost: a month without spend shows 0, not a missing row. #}
reported_months as (
    select calendar.date_month
    from calendar
    where calendar.date_month >= (select min(by_channel.date_month) from by_channel)
),

channels as (
    select distinct channel from by_channel
),

final as (
    select
        reported_months.date_month,
        channels.channel,
        cast(coalesce(by_channel.ad_spend, 0) as double) as ad_spend,
        cast(coalesce(by_channel.campaign_cost, 0) as double) as campaign_cost,
        cast(coalesce(by_channel.other_sm_cost, 0) as double) as other_sm_cost,
        cast(
            coalesce(by_channel.ad_spend, 0)
            + coalesce(by_channel.campaign_cost, 0)
            + coalesce(by_channel.other_sm_cost, 0) as double
        ) as total_sm_cost,
        cast(coalesce(by_channel.unconverted_cost_rows, 0) as bigint) as unconverted_cost_rows
    from reported_months
    cross join channels
    left join by_channel
        on
            reported_months.date_month = by_channel.date_month
            and channels.channel = by_channel.channel
)

select * from final
