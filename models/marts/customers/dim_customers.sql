{#- One row per customer: a CRM account (with every duplicate account, billing customer,
    contact, lead and web visitor that resolves to it) or a self-serve billing customer.
    Lifecycle dates come from every system the customer touched; revenue from the
    revenue marts, as of the var `as_of_date`. -#}
with

customers as (
    select * from {{ ref('int_customers_resolved') }}
),

first_touches as (
    select * from {{ ref('int_customer_first_touches') }}
),

opportunities as (
    select * from {{ ref('fct_opportunities') }}
),

billing_customers as (
    select * from {{ ref('int_billing_customers_mapped') }}
),

charges as (
    select * from {{ ref('stg_stripe__charges') }}
),

mrr as (
    select * from {{ ref('fct_mrr') }}
),

net_revenue as (
    select * from {{ ref('int_customer_net_revenue') }}
),

months_reported as (
    select * from {{ ref('int_months_reported') }}
),

as_of as (
    select {{ as_of_date() }} as as_of_date
),

latest_month as (
    select max(date_month) as date_month from months_reported
),

opportunity_dates as (
    select
        customer_id,
        min(created_at) as first_opportunity_at,
        min(case when status = 'won' then closed_at end) as first_won_at
    from opportunities
    where customer_id is not null
    group by customer_id
),

{#- The first money received: a successful charge of more than zero (a $0 trial
    invoice is not a payment). #}

first_payments as (
    select
        billing_customers.customer_id,
        min(charges.created_at) as first_paid_at
    from charges
    inner join billing_customers
        on charges.customer_id = billing_customers.stripe_customer_id
    cross join as_of
    where
        charges.status = 'succeeded'
        and charges.amount > 0
        and cast(charges.created_at as date) <= as_of.as_of_date
    group by billing_customers.customer_id
),

mrr_state as (
    select
        mrr.customer_id,
        sum(case when months_reported.date_month = latest_month.date_month then mrr.mrr else 0 end) as current_mrr,
        max(case when mrr.movement = 'churn' then months_reported.evaluated_on end) as last_churned_on
    from mrr
    inner join months_reported
        on mrr.date_month = months_reported.date_month
    cross join latest_month
    group by mrr.customer_id
),

final as (
    select
        customers.customer_id,
        customers.crm_account_id,
        customers.billing_customer_ids,
        customers.customer_name,
        customers.industry,
        customers.number_of_employees,
        customers.segment,
        customers.billing_country,
        customers.is_self_serve,
        first_touches.acquisition_channel,
        first_touches.acquisition_channel_basis,
        first_touches.first_touch_at,
        first_touches.first_touch_campaign_name,
        first_touches.lead_created_at,
        opportunity_dates.first_opportunity_at,
        opportunity_dates.first_won_at,
        first_payments.first_paid_at,
        {#- Churned: no MRR now, after having had some; dated on the day MRR was measured
            at zero (a month's last day). #}
        case
            when coalesce(mrr_state.current_mrr, 0) = 0 and mrr_state.last_churned_on is not null
                then cast(mrr_state.last_churned_on as {{ dbt.type_timestamp() }})
        end as churned_at,
        coalesce(mrr_state.current_mrr, 0) > 0 as is_active,
        cast(coalesce(mrr_state.current_mrr, 0) as decimal(18, 2)) as current_mrr,
        cast(coalesce(mrr_state.current_mrr, 0) * 12 as decimal(18, 2)) as current_arr,
        cast(coalesce(net_revenue.net_paid_revenue, 0) as decimal(18, 2)) as lifetime_revenue
    from customers
    left join first_touches
        on customers.customer_id = first_touches.customer_id
    left join opportunity_dates
        on customers.customer_id = opportunity_dates.customer_id
    left join first_payments
        on customers.customer_id = first_payments.customer_id
    left join mrr_state
        on customers.customer_id = mrr_state.customer_id
    left join net_revenue
        on customers.customer_id = net_revenue.customer_id
)

select * from final
