with

base_products as (
    select * from {{ ref('base_stripe__products') }}
),

kept as (
    select
        product_id,
        product_name,
        is_active,
        created_at,
        _fivetran_synced
    from base_products
    where dq_reason is null
)

select * from kept
