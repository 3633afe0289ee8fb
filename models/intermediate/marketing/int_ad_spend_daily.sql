{#- Ad spend of both ad platforms, one row per day, platform, ads account and campaign,
    in the ads account's currency and in the reporting currency (METRICS.md, "Sales &
    marketing cost"). -#}
{%- set campaign_types = ad_platform_campaign_types() %}

with

google_stats as (
    select * from {{ ref('stg_google_ads__campaign_stats') }}
),

google_campaigns as (
    select * from {{ ref('stg_google_ads__campaigns') }}
),

google_accounts as (
    select * from {{ ref('stg_google_ads__accounts') }}
),

facebook_stats as (
    select * from {{ ref('stg_facebook_ads__ad_stats') }}
),

facebook_ads as (
    select * from {{ ref('stg_facebook_ads__ads') }}
),

facebook_campaigns as (
    select * from {{ ref('stg_facebook_ads__campaigns') }}
),

facebook_accounts as (
    select * from {{ ref('stg_facebook_ads__accounts') }}
),

campaign_type_channels as (
    select * from {{ ref('int_campaign_types_mapped') }}
),

fx_rates as (
    select * from {{ ref('int_fx_rates_reporting') }}
),

{# Each platform's campaigns are mirrored in Salesforce by one campaign type, so the
    channel_mapping seed's campaign_type rows name the platform's channel. #}
google_daily as (
    select
        'google_ads' as platform,
        '{{ campaign_types["google_ads"] }}' as campaign_type,
        google_stats.date_day,
        google_stats.ads_account_id,
        google_stats.campaign_id,
        google_campaigns.campaign_name,
        google_stats.cost as spend_local,
        google_stats.clicks,
        google_stats.impressions
    from google_stats
    left join google_campaigns
        on
            google_stats.campaign_id = google_campaigns.campaign_id
            and google_campaigns.is_latest_version
),

{# Facebook reports per ad: an ad's campaign is the one its latest version belongs to.
    Spend of an ad missing from ad_history stays, with no campaign. #}
facebook_ad_campaigns as (
    select
        facebook_stats.date_day,
        facebook_stats.ads_account_id,
        facebook_ads.campaign_id,
        facebook_stats.spend,
        facebook_stats.clicks,
        facebook_stats.impressions
    from facebook_stats
    left join facebook_ads
        on
            facebook_stats.ad_id = facebook_ads.ad_id
            and facebook_ads.is_latest_version
),

facebook_daily as (
    select
        'facebook_ads' as platform,
        '{{ campaign_types["facebook_ads"] }}' as campaign_type,
        facebook_ad_campaigns.date_day,
        facebook_ad_campaigns.ads_account_id,
        facebook_ad_campaigns.campaign_id,
        max(facebook_campaigns.campaign_name) as campaign_name,
        sum(facebook_ad_campaigns.spend) as spend_local,
        sum(facebook_ad_campaigns.clicks) as clicks,
        sum(facebook_ad_campaigns.impressions) as impressions
    from facebook_ad_campaigns
    left join facebook_campaigns
        on
            facebook_ad_campaigns.campaign_id = facebook_campaigns.campaign_id
            and facebook_campaigns.is_latest_version
    group by
        facebook_ad_campaigns.date_day,
        facebook_ad_campaigns.ads_account_id,
        facebook_ad_campaigns.campaign_id
),

{# An ad platform does not let an account change its currency: the latest version's
    currency is the account's. #}
account_currencies as (
    select
        'google_ads' as platform,
        ads_account_id,
        currency
    from google_accounts
    where is_latest_version
    union all
    select
        'facebook_ads' as platform,
        ads_account_id,
        currency
    from facebook_accounts
    where is_latest_version
),

daily as (
    select * from google_daily
    union all
    select * from facebook_daily
),

converted as (
    select
        daily.date_day,
        cast({{ dbt.date_trunc('month', 'daily.date_day') }} as date) as date_month,
        daily.platform,
        daily.ads_account_id,
        daily.campaign_id,
        daily.campaign_name,
        {{ campaign_name_key('daily.campaign_name') }} as campaign_name_key,
        coalesce(campaign_type_channels.channel, 'Other') as channel,
        account_currencies.currency,
        daily.spend_local,
        fx_rates.rate_to_reporting,
        daily.spend_local * fx_rates.rate_to_reporting as spend,
        daily.clicks,
        daily.impressions
    from daily
    left join account_currencies
        on
            daily.platform = account_currencies.platform
            and daily.ads_account_id = account_currencies.ads_account_id
    left join campaign_type_channels
        on daily.campaign_type = campaign_type_channels.campaign_type
    {# A left join, so a month or currency fx_rates lacks leaves a null rate (tested)
        instead of silently dropping the spend. #}
    left join fx_rates
        on
            account_currencies.currency = fx_rates.currency
            and cast({{ dbt.date_trunc('month', 'daily.date_day') }} as date) = fx_rates.date_month
)

select * from converted
