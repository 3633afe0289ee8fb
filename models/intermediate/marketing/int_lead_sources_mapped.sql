{#- The channel of every Salesforce lead source the channel_mapping seed knows: the one
    place the funnel, the acquisition channel and the customer journey read it from.
    Lead sources are matched as Salesforce writes them; a source with no row here is
    left for the reader to name: 'Other' in the funnel, the journey and the acquisition channel. -#}
with

channel_mapping as (
    select * from {{ ref('channel_mapping') }}
),

lead_sources as (
    select
        source_value as lead_source,
        channel
    from channel_mapping
    where mapping_type = 'lead_source'
)

select * from lead_sources
