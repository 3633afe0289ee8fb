{#- The public face of `int_attribution_credits` (a Python model, which cannot carry an
    enforced contract): every new customer's touches with their credit under each model. -#}
with

credits as (
    select * from {{ ref('int_attribution_credits') }}
),

final as (
    select
        attribution_id,
        customer_id,
        touch_id,
        model,
        touch_at,
        touch_position,
        channel,
        campaign_name,
        new_month,
        credit,
        attributed_new_mrr
    from credits
)

select * from final
