with

base_users as (
    select * from {{ ref('base_salesforce__users') }}
),

kept as (
    select
        user_id,
        user_name,
        email,
        title,
        manager_user_id,
        is_active,
        created_at,
        _fivetran_synced
    from base_users
    where dq_reason is null
)

select * from kept
