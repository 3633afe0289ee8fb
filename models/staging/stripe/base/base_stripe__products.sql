with

source as (
    select * from {{ source('stripe', 'product') }}
),

renamed as (
    select
        id as product_id,
        name as product_name,
        active as is_active,
        created as created_at,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['product_id']) }} as dq_row_id,
        row_number() over (
            partition by product_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when product_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
        end as dq_reason
    from ranked
)

select * from classified
