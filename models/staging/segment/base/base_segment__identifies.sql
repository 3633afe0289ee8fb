with

source as (
    select * from {{ source('segment', 'identifies') }}
),

renamed as (
    select
        cast(id as {{ dbt.type_string() }}) as identify_id,
        cast(anonymous_id as {{ dbt.type_string() }}) as anonymous_id,
        cast(user_id as {{ dbt.type_string() }}) as user_id,
        {{ normalize_email('email') }} as email,
        cast(timestamp as {{ dbt.type_timestamp() }}) as identified_at,
        cast(received_at as {{ dbt.type_timestamp() }}) as received_at,
        cast(_fivetran_synced as {{ dbt.type_timestamp() }}) as _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['identify_id']) }} as dq_row_id,
        row_number() over (
            partition by identify_id
            order by _fivetran_synced desc nulls last, received_at desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        *,
        case
            when identify_id is null then 'null_primary_key'
            when dq_row_rank > 1 then 'duplicate'
            when anonymous_id is null and user_id is null then 'missing_visitor_id'
        end as dq_reason
    from ranked
)

select * from classified
