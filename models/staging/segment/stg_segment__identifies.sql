with

identifies as (
    select * from {{ ref('base_segment__identifies') }}
),

kept as (
    select
        identify_id,
        anonymous_id,
        user_id,
        email,
        identified_at,
        received_at,
        _fivetran_synced
    from identifies
    where dq_reason is null
)

select * from kept
