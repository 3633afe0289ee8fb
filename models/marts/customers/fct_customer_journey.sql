{#- Every customer's story in order, across the systems that each saw a part of it:
    marketing touches (Segment, Salesforce campaigns), the lead's lifecycle and the
    opportunities (Salesforce), trials and subscriptions (Stripe) and the MRR movements
    that followed. Events of a person before they identified belong here once an
    identify ties them to the customer. `event_sequence` orders each customer's events
    by time; events at the same instant follow the funnel's order. -#}
with

touches as (
    select * from {{ ref('int_marketing_touches') }}
),

first_touches as (
    select * from {{ ref('int_customer_first_touches') }}
),

leads_resolved as (
    select * from {{ ref('int_identity_leads_resolved') }}
),

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

lead_source_channels as (
    select * from {{ ref('int_lead_sources_mapped') }}
),

opportunities as (
    select * from {{ ref('fct_opportunities') }}
),

sf_campaigns as (
    select * from {{ ref('stg_salesforce__campaigns') }}
),

subscription_history as (
    select * from {{ ref('stg_stripe__subscription_history') }}
),

billing_customers as (
    select * from {{ ref('int_billing_customers_mapped') }}
),

mrr as (
    select * from {{ ref('fct_mrr') }}
),

months_reported as (
    select * from {{ ref('int_months_reported') }}
),

touch_events as (
    select
        touches.customer_id,
        touches.touched_at as event_at,
        case when touches.touch_id = first_touches.first_touch_id then 'first_touch' else 'marketing_touch' end
            as event_type,
        touches.channel,
        touches.campaign_name,
        touches.lead_id,
        cast(null as {{ dbt.type_string() }}) as opportunity_id,
        cast(null as {{ dbt.type_string() }}) as subscription_id,
        cast(null as decimal(18, 2)) as mrr_change,
        touches.source_system,
        touches.touch_id as source_record_id
    from touches
    inner join first_touches
        on touches.customer_id = first_touches.customer_id
),

customer_leads as (
    select
        leads_resolved.customer_id,
        leads.lead_id,
        leads.created_at,
        leads.mql_at,
        leads.sql_at,
        {#- As the funnel names it: a source the mapping does not know, or none, is 'Other'. #}
        coalesce(lead_source_channels.channel, 'Other') as channel
    from leads_resolved
    inner join leads
        on leads_resolved.lead_id = leads.lead_id
    left join lead_source_channels
        on leads.lead_source = lead_source_channels.lead_source
    where leads_resolved.customer_id is not null
),

lead_stages as (
    select
        customer_id,
        lead_id,
        channel,
        'lead_created' as event_type,
        created_at as event_at
    from customer_leads
    union all
    select
        customer_id,
        lead_id,
        channel,
        'mql' as event_type,
        mql_at as event_at
    from customer_leads
    where mql_at is not null
    union all
    select
        customer_id,
        lead_id,
        channel,
        'sql' as event_type,
        sql_at as event_at
    from customer_leads
    where sql_at is not null
),

lead_events as (
    select
        customer_id,
        event_at,
        event_type,
        channel,
        cast(null as {{ dbt.type_string() }}) as campaign_name,
        lead_id,
        cast(null as {{ dbt.type_string() }}) as opportunity_id,
        cast(null as {{ dbt.type_string() }}) as subscription_id,
        cast(null as decimal(18, 2)) as mrr_change,
        'salesforce' as source_system,
        lead_id as source_record_id
    from lead_stages
),

opportunity_stages as (
    select
        opportunities.customer_id,
        opportunities.opportunity_id,
        opportunities.campaign_id,
        'opportunity_created' as event_type,
        opportunities.created_at as event_at
    from opportunities
    where opportunities.customer_id is not null
    union all
    select
        opportunities.customer_id,
        opportunities.opportunity_id,
        opportunities.campaign_id,
        {{ dbt.concat(["'opportunity_'", 'opportunities.status']) }} as event_type,
        opportunities.closed_at as event_at
    from opportunities
    where opportunities.customer_id is not null and opportunities.status in ('won', 'lost')
),

opportunity_events as (
    select
        opportunity_stages.customer_id,
        opportunity_stages.event_at,
        opportunity_stages.event_type,
        cast(null as {{ dbt.type_string() }}) as channel,
        sf_campaigns.campaign_name,
        cast(null as {{ dbt.type_string() }}) as lead_id,
        opportunity_stages.opportunity_id,
        cast(null as {{ dbt.type_string() }}) as subscription_id,
        cast(null as decimal(18, 2)) as mrr_change,
        'salesforce' as source_system,
        opportunity_stages.opportunity_id as source_record_id
    from opportunity_stages
    left join sf_campaigns
        on opportunity_stages.campaign_id = sf_campaigns.campaign_id
),

{#- A subscription starts when it is first active (or past due): a trial that never
    converts has a trial_started event and no subscription_started. #}

subscription_milestones as (
    select
        billing_customers.customer_id,
        subscription_history.subscription_id,
        min(subscription_history.trial_started_at) as trial_started_at,
        min(case when subscription_history.status in ('active', 'past_due') then subscription_history.valid_from end)
            as started_at
    from subscription_history
    inner join billing_customers
        on subscription_history.customer_id = billing_customers.stripe_customer_id
    group by billing_customers.customer_id, subscription_history.subscription_id
),

subscription_stages as (
    select
        customer_id,
        subscription_id,
        'trial_started' as event_type,
        trial_started_at as event_at
    from subscription_milestones
    where trial_started_at is not null
    union all
    select
        customer_id,
        subscription_id,
        'subscription_started' as event_type,
        started_at as event_at
    from subscription_milestones
    where started_at is not null
),

subscription_events as (
    select
        customer_id,
        event_at,
        event_type,
        cast(null as {{ dbt.type_string() }}) as channel,
        cast(null as {{ dbt.type_string() }}) as campaign_name,
        cast(null as {{ dbt.type_string() }}) as lead_id,
        cast(null as {{ dbt.type_string() }}) as opportunity_id,
        subscription_id,
        cast(null as decimal(18, 2)) as mrr_change,
        'stripe' as source_system,
        subscription_id as source_record_id
    from subscription_stages
),

{#- MRR movements are measured at the end of the day MRR is read (a month's last day, or
    the as-of date), so they follow every event of that day. #}

mrr_events as (
    select
        mrr.customer_id,
        {{ dbt.dateadd('second', 86399, 'cast(months_reported.evaluated_on as ' ~ dbt.type_timestamp() ~ ')') }}
            as event_at,
        mrr.movement as event_type,
        cast(null as {{ dbt.type_string() }}) as channel,
        cast(null as {{ dbt.type_string() }}) as campaign_name,
        cast(null as {{ dbt.type_string() }}) as lead_id,
        cast(null as {{ dbt.type_string() }}) as opportunity_id,
        cast(null as {{ dbt.type_string() }}) as subscription_id,
        mrr.mrr_change,
        'stripe' as source_system,
        mrr.customer_month_id as source_record_id
    from mrr
    inner join months_reported
        on mrr.date_month = months_reported.date_month
    where mrr.movement in ('expansion', 'contraction', 'churn', 'reactivation')
),

events as (
    select * from touch_events
    union all
    select * from lead_events
    union all
    select * from opportunity_events
    union all
    select * from subscription_events
    union all
    select * from mrr_events
),

sequenced as (
    select
        {{ dbt.concat(['events.event_type', "':'", 'events.source_record_id']) }} as journey_event_id,
        events.customer_id,
        events.event_at,
        events.event_type,
        row_number() over (
            partition by events.customer_id
            order by
                events.event_at,
                case events.event_type
                    when 'first_touch' then 1
                    when 'marketing_touch' then 2
                    when 'lead_created' then 3
                    when 'mql' then 4
                    when 'sql' then 5
                    when 'opportunity_created' then 6
                    when 'opportunity_lost' then 7
                    when 'opportunity_won' then 8
                    when 'trial_started' then 9
                    when 'subscription_started' then 10
                    else 11
                end,
                events.source_record_id
        ) as event_sequence,
        events.channel,
        events.campaign_name,
        events.lead_id,
        events.opportunity_id,
        events.subscription_id,
        events.mrr_change,
        events.source_system
    from events
)

select * from sequenced
