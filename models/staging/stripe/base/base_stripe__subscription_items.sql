with

source as (
    select * from {{ source('stripe', 'subscription_item') }}
),

subscription_history as (
    select * from {{ ref('base_stripe__subscription_history') }}
),

{# The one join staging allows: a semi-join to the parent's base model, to tell items
    whose subscription never arrived from items of a subscription that was excluded. A
    subscription is kept when any of its versions is. #}
parent_subscriptions as (
    {{ dq_parent_keys('subscription_history', 'subscription_id') }}
),

renamed as (
    select
        id as subscription_item_id,
        subscription_id,
        price_id,
        quantity,
        created as created_at,
        current_period_start as current_period_start_at,
        current_period_end as current_period_end_at,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['subscription_item_id']) }} as dq_row_id,
        row_number() over (
            partition by subscription_item_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        ranked.*,
        case
            when ranked.subscription_item_id is null then 'null_primary_key'
            when ranked.dq_row_rank > 1 then 'duplicate'
            when
                ranked.subscription_id is not null
                and parent_subscriptions.subscription_id is null
                then 'orphan_subscription'
            when parent_subscriptions.is_kept = 0 then 'parent_excluded'
            when ranked.subscription_id is null then 'missing_subscription_id'
            when ranked.quantity < 0 then 'negative_amount'
        end as dq_reason
    from ranked
    left join parent_subscriptions
        on ranked.subscription_id = parent_subscriptions.subscription_id
)

select * from classified
