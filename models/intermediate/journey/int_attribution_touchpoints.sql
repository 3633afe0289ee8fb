{#- The converting journeys attribution shares credit over: for every new customer (a
    `new` movement in `fct_mrr`), its touches before it converted (its first won
    opportunity; a self-serve customer, its first payment) and within the var
    `attribution_lookback_days`, in order. A new customer with no such touch gets one
    stand-in touch in its acquisition channel, so every new customer's credits sum to 1
    and CAC per channel adds up to blended CAC. -#}
with

touches as (
    select * from {{ ref('int_marketing_touches') }}
),

customers as (
    select * from {{ ref('dim_customers') }}
),

mrr as (
    select * from {{ ref('fct_mrr') }}
),

new_customers as (
    select
        customer_id,
        date_month as new_month,
        mrr as new_mrr
    from mrr
    where movement = 'new'
),

converted as (
    select
        new_customers.customer_id,
        new_customers.new_month,
        new_customers.new_mrr,
        customers.acquisition_channel,
        coalesce(customers.first_won_at, customers.first_paid_at) as converted_at
    from new_customers
    inner join customers
        on new_customers.customer_id = customers.customer_id
),

journey_touches as (
    select
        converted.customer_id,
        converted.new_month,
        converted.new_mrr,
        touches.touch_id,
        touches.touched_at,
        touches.channel,
        touches.campaign_name
    from converted
    inner join touches
        on
            converted.customer_id = touches.customer_id
            and converted.converted_at >= touches.touched_at
            and touches.touched_at
            >= {{ dbt.dateadd('day', -var('attribution_lookback_days'), 'converted.converted_at') }}
),

stand_ins as (
    select
        converted.customer_id,
        converted.new_month,
        converted.new_mrr,
        {{ dbt.concat(["'no_touch:'", 'converted.customer_id']) }} as touch_id,
        converted.converted_at as touched_at,
        converted.acquisition_channel as channel,
        cast(null as {{ dbt.type_string() }}) as campaign_name
    from converted
    where not exists (
        select 1 from journey_touches
        where journey_touches.customer_id = converted.customer_id
    )
),

touchpoints as (
    select * from journey_touches
    union all
    select * from stand_ins
),

ordered as (
    select
        customer_id,
        new_month,
        new_mrr,
        touch_id,
        touched_at,
        channel,
        campaign_name,
        row_number() over (partition by customer_id order by touched_at, touch_id) as touch_position
    from touchpoints
)

select * from ordered
