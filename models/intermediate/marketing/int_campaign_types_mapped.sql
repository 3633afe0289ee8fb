{#- The channel of every campaign type the channel_mapping seed knows (Salesforce campaign
    types, and the types this project gives the ad platforms' campaigns): the one place
    campaign touches, ad spend and campaign cost read it from. A type with no row here is
    'Other' in all three. -#}
with

channel_mapping as (
    select * from {{ ref('channel_mapping') }}
),

campaign_types as (
    select
        source_value as campaign_type,
        channel
    from channel_mapping
    where mapping_type = 'campaign_type'
)

select * from campaign_types
