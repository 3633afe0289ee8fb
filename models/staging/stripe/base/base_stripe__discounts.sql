with

source as (
    select * from {{ source('stripe', 'discount') }}
),

coupons as (
    select * from {{ ref('base_stripe__coupons') }}
),

{# The one join staging allows: a semi-join to the parent's base model, to tell discounts
    whose coupon never arrived from discounts of a coupon that was excluded. #}
parent_coupons as (
    {{ dq_parent_keys('coupons', 'coupon_id') }}
),

renamed as (
    select
        id as discount_id,
        coupon_id,
        customer_id,
        subscription_id,
        invoice_id,
        {# The discount row has no currency: it is the invoice's, so the amount stays in
            minor units and is converted downstream with the invoice's currency. #}
        amount as amount_minor,
        {{ adapter.quote('start') }} as started_at,
        {{ adapter.quote('end') }} as ended_at,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['discount_id']) }} as dq_row_id,
        row_number() over (
            partition by discount_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        ranked.*,
        case
            when ranked.discount_id is null then 'null_primary_key'
            when ranked.dq_row_rank > 1 then 'duplicate'
            when ranked.coupon_id is not null and parent_coupons.coupon_id is null then 'orphan_coupon'
            when parent_coupons.is_kept = 0 then 'parent_excluded'
            when ranked.coupon_id is null then 'missing_coupon_id'
        end as dq_reason
    from ranked
    left join parent_coupons
        on ranked.coupon_id = parent_coupons.coupon_id
)

select * from classified
