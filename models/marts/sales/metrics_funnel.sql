{#- Funnel conversion by lead cohort (month the lead was created) and channel (the lead
    source's channel, `channel_mapping`), with an 'All' row per cohort. A lead reaches a
    stage when it gets there within the var `funnel_window_days` of its creation; a lead
    that skips a stage (no MQL date but an SQL date, a self-serve company that pays
    without a sales deal) counts as having passed it. Stages: lead, MQL, SQL,
    opportunity (the lead converted to one), won (that opportunity won), paying customer
    (the lead's customer received its first payment, after the lead was created). -#}
with

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

leads_resolved as (
    select * from {{ ref('int_identity_leads_resolved') }}
),

opportunities as (
    select * from {{ ref('fct_opportunities') }}
),

customers as (
    select * from {{ ref('dim_customers') }}
),

lead_source_channels as (
    select * from {{ ref('int_lead_sources_mapped') }}
),

as_of as (
    select {{ as_of_date() }} as as_of_date
),

milestones as (
    select
        leads.lead_id,
        leads.created_at,
        cast({{ dbt.date_trunc('month', 'leads.created_at') }} as date) as cohort_month,
        coalesce(lead_source_channels.channel, 'Other') as channel,
        {{ dbt.dateadd('day', var('funnel_window_days'), 'leads.created_at') }} as window_ends_at,
        leads.mql_at,
        leads.sql_at,
        opportunities.created_at as opportunity_at,
        case when opportunities.status = 'won' then opportunities.closed_at end as won_at,
        case when customers.first_paid_at >= leads.created_at then customers.first_paid_at end as paid_at
    from leads
    left join lead_source_channels
        on leads.lead_source = lead_source_channels.lead_source
    left join opportunities
        on leads.converted_opportunity_id = opportunities.opportunity_id
    left join leads_resolved
        on leads.lead_id = leads_resolved.lead_id
    left join customers
        on leads_resolved.customer_id = customers.customer_id
),

reached as (
    select
        lead_id,
        cohort_month,
        channel,
        created_at,
        window_ends_at,
        paid_at <= window_ends_at as is_paying,
        won_at <= window_ends_at as is_won_direct,
        opportunity_at <= window_ends_at as is_opportunity_direct,
        sql_at <= window_ends_at as is_sql_direct,
        mql_at <= window_ends_at as is_mql_direct
    from milestones
),

{#- A later stage reached implies every earlier one. #}

cascaded as (
    select
        lead_id,
        cohort_month,
        channel,
        window_ends_at,
        coalesce(is_paying, false) as is_paying,
        coalesce(is_won_direct, false) or coalesce(is_paying, false) as is_won,
        coalesce(is_opportunity_direct, false) or coalesce(is_won_direct, false) or coalesce(is_paying, false)
            as is_opportunity,
        coalesce(is_sql_direct, false) or coalesce(is_opportunity_direct, false)
        or coalesce(is_won_direct, false) or coalesce(is_paying, false) as is_sql,
        coalesce(is_mql_direct, false) or coalesce(is_sql_direct, false) or coalesce(is_opportunity_direct, false)
        or coalesce(is_won_direct, false) or coalesce(is_paying, false) as is_mql
    from reached
),

expanded as (
    select
        cohort_month,
        channel,
        window_ends_at,
        is_mql,
        is_sql,
        is_opportunity,
        is_won,
        is_paying
    from cascaded
    union all
    select
        cohort_month,
        'All' as channel,
        window_ends_at,
        is_mql,
        is_sql,
        is_opportunity,
        is_won,
        is_paying
    from cascaded
),

counted as (
    select
        cohort_month,
        channel,
        count(*) as leads,
        sum(case when is_mql then 1 else 0 end) as mqls,
        sum(case when is_sql then 1 else 0 end) as sqls,
        sum(case when is_opportunity then 1 else 0 end) as opportunities,
        sum(case when is_won then 1 else 0 end) as won,
        sum(case when is_paying then 1 else 0 end) as paying_customers,
        max(window_ends_at) as last_window_ends_at
    from expanded
    group by cohort_month, channel
),

rates as (
    select
        counted.cohort_month,
        counted.channel,
        cast(counted.leads as bigint) as leads,
        cast(counted.mqls as bigint) as mqls,
        cast(counted.sqls as bigint) as sqls,
        cast(counted.opportunities as bigint) as opportunities,
        cast(counted.won as bigint) as won,
        cast(counted.paying_customers as bigint) as paying_customers,
        cast(counted.mqls * 1.0 / nullif(counted.leads, 0) as double) as lead_to_mql_rate,
        cast(counted.sqls * 1.0 / nullif(counted.mqls, 0) as double) as mql_to_sql_rate,
        cast(counted.opportunities * 1.0 / nullif(counted.sqls, 0) as double) as sql_to_opportunity_rate,
        cast(counted.won * 1.0 / nullif(counted.opportunities, 0) as double) as opportunity_to_won_rate,
        cast(counted.paying_customers * 1.0 / nullif(counted.leads, 0) as double) as lead_to_customer_rate,
        {#- Until every lead's window has passed, later stages can still fill in. #}
        cast(counted.last_window_ends_at as date) <= as_of.as_of_date as is_complete
    from counted
    cross join as_of
)

select * from rates
