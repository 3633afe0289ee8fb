{#- Every marketing touch of a known person: UTM-tagged page views of visitors who
    identified (before or after the visit), and responses to Salesforce campaigns, with
    the channel and campaign each belongs to and the customer its person resolves to
    (null for people attached to no customer yet). Untagged page views are not touches.
    A campaign response is timed at its membership's creation, when the person first
    engaged (registered, replied); Salesforce keeps only the date of the response. -#}
with

pages as (
    select * from {{ ref('stg_segment__pages') }}
),

visitors as (
    select * from {{ ref('int_identity_visitors_resolved') }}
),

campaign_members as (
    select * from {{ ref('stg_salesforce__campaign_members') }}
),

sf_campaigns as (
    select * from {{ ref('stg_salesforce__campaigns') }}
),

google_campaigns as (
    select * from {{ ref('stg_google_ads__campaigns') }}
),

facebook_campaigns as (
    select * from {{ ref('stg_facebook_ads__campaigns') }}
),

contacts as (
    select * from {{ ref('stg_salesforce__contacts') }}
),

accounts as (
    select * from {{ ref('int_identity_accounts_merged') }}
),

leads as (
    select * from {{ ref('int_identity_leads_resolved') }}
),

channel_mapping as (
    select * from {{ ref('channel_mapping') }}
),

campaign_type_channels as (
    select * from {{ ref('int_campaign_types_mapped') }}
),

{#- UTM campaign names are typed by hand; they name the ad platform's or Salesforce's
    campaign up to case and whitespace (macro `campaign_name_key`, as staging keys them). #}

named_campaigns as (
    select
        campaign_name_key,
        campaign_name
    from google_campaigns
    where is_latest_version
    union all
    select
        campaign_name_key,
        campaign_name
    from facebook_campaigns
    where is_latest_version
    union all
    select
        {{ campaign_name_key('campaign_name') }} as campaign_name_key,
        campaign_name
    from sf_campaigns
),

campaign_names as (
    select
        campaign_name_key,
        min(campaign_name) as campaign_name
    from named_campaigns
    group by campaign_name_key
),

utm_channels as (
    select
        channel,
        lower(trim(source_value)) as utm_source_key,
        lower(trim(medium_value)) as utm_medium_key
    from channel_mapping
    where mapping_type = 'utm'
),

page_touches as (
    select
        {{ dbt.concat(["'page_view:'", 'pages.page_view_id']) }} as touch_id,
        'page_view' as touch_type,
        pages.viewed_at as touched_at,
        pages.anonymous_id,
        cast(null as {{ dbt.type_string() }}) as lead_id,
        cast(null as {{ dbt.type_string() }}) as contact_id,
        cast(null as {{ dbt.type_string() }}) as campaign_id,
        visitors.email,
        visitors.customer_id,
        coalesce(utm_channels.channel, 'Other') as channel,
        coalesce(campaign_names.campaign_name, trim(pages.utm_campaign)) as campaign_name,
        'segment' as source_system
    from pages
    inner join visitors
        on pages.anonymous_id = visitors.anonymous_id
    left join utm_channels
        on
            lower(trim(pages.utm_source)) = utm_channels.utm_source_key
            and lower(trim(pages.utm_medium)) = utm_channels.utm_medium_key
    left join campaign_names
        on pages.utm_campaign_key = campaign_names.campaign_name_key
    where pages.has_utm
),

campaign_touches as (
    select
        {{ dbt.concat(["'campaign_member:'", 'campaign_members.campaign_member_id']) }} as touch_id,
        'campaign_response' as touch_type,
        campaign_members.created_at as touched_at,
        cast(null as {{ dbt.type_string() }}) as anonymous_id,
        campaign_members.lead_id,
        campaign_members.contact_id,
        campaign_members.campaign_id,
        coalesce(contacts.email, leads.email) as email,
        coalesce(accounts.customer_id, leads.customer_id) as customer_id,
        coalesce(campaign_type_channels.channel, 'Other') as channel,
        sf_campaigns.campaign_name,
        'salesforce' as source_system
    from campaign_members
    inner join sf_campaigns
        on campaign_members.campaign_id = sf_campaigns.campaign_id
    left join campaign_type_channels
        on sf_campaigns.campaign_type = campaign_type_channels.campaign_type
    left join contacts
        on campaign_members.contact_id = contacts.contact_id
    left join accounts
        on contacts.account_id = accounts.account_id
    left join leads
        on campaign_members.lead_id = leads.lead_id
    where campaign_members.has_responded
),

touches as (
    select * from page_touches
    union all
    select * from campaign_touches
)

select * from touches
