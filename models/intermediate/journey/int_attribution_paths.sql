{#- The distinct channel paths of new customers' converting journeys and how many
    customers followed each: the Markov chain is fitted on these, not on every row. -#}
with

touchpoints as (
    select * from {{ ref('int_attribution_touchpoints') }}
),

paths as (
    select
        customer_id,
        {{ dbt.listagg('channel', "' > '", 'order by touch_position') }} as channel_path
    from touchpoints
    group by customer_id
),

counted as (
    select
        channel_path,
        count(*) as customers
    from paths
    group by channel_path
)

select * from counted
