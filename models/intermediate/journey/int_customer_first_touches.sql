{#- Each customer's first touch and acquisition channel. The first touch is the earliest
    marketing touch of any person resolved to the customer; its channel is the
    acquisition channel. A customer with no touch (an outbound deal, a sign-up that came
    straight to the site) takes the channel of its earliest lead's source, else
    'Direct'. Untagged visits never claim acquisition, so a later tagged visit does
    (the "last non-direct" convention of web analytics). -#}
with

touches as (
    select * from {{ ref('int_marketing_touches') }}
),

leads_resolved as (
    select * from {{ ref('int_identity_leads_resolved') }}
),

leads as (
    select * from {{ ref('stg_salesforce__leads') }}
),

customers as (
    select * from {{ ref('int_customers_resolved') }}
),

lead_source_channels as (
    select * from {{ ref('int_lead_sources_mapped') }}
),

first_touch as (
    select
        customer_id,
        touch_id,
        touched_at,
        channel,
        campaign_name,
        row_number() over (partition by customer_id order by touched_at, touch_id) as touch_rank
    from touches
    where customer_id is not null
),

first_lead as (
    select
        leads_resolved.customer_id,
        leads.lead_source,
        leads.created_at,
        row_number() over (
            partition by leads_resolved.customer_id order by leads.created_at, leads.lead_id
        ) as lead_rank
    from leads_resolved
    inner join leads
        on leads_resolved.lead_id = leads.lead_id
    where leads_resolved.customer_id is not null
),

first_touches as (
    select
        customers.customer_id,
        first_touch.touch_id as first_touch_id,
        first_touch.touched_at as first_touch_at,
        first_touch.campaign_name as first_touch_campaign_name,
        first_lead.created_at as lead_created_at,
        case
            when first_touch.touch_id is not null then first_touch.channel
            when first_lead.lead_source is not null then coalesce(lead_source_channels.channel, 'Other')
            else 'Direct'
        end as acquisition_channel,
        case
            when first_touch.touch_id is not null then 'first_touch'
            when first_lead.lead_source is not null then 'lead_source'
            else 'no_touch'
        end as acquisition_channel_basis
    from customers
    left join first_touch
        on
            customers.customer_id = first_touch.customer_id
            and first_touch.touch_rank = 1
    left join first_lead
        on
            customers.customer_id = first_lead.customer_id
            and first_lead.lead_rank = 1
    left join lead_source_channels
        on first_lead.lead_source = lead_source_channels.lead_source
)

select * from first_touches
