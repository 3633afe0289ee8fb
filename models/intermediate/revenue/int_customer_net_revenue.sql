{#- Net paid revenue to date per customer: paid invoices (net of the tax they collected)
    minus refunds, each converted at the rate of the month it happened (METRICS.md,
    historical value). -#}
with

invoices as (
    select * from {{ ref('stg_stripe__invoices') }}
),

refunds as (
    select * from {{ ref('stg_stripe__refunds') }}
),

charges as (
    select * from {{ ref('stg_stripe__charges') }}
),

billing_customers as (
    select * from {{ ref('int_billing_customers_mapped') }}
),

fx_rates as (
    select * from {{ ref('int_fx_rates_reporting') }}
),

as_of as (
    select {{ as_of_date() }} as as_of_date
),

movements as (
    select
        invoices.customer_id as stripe_customer_id,
        invoices.currency,
        invoices.created_at,
        {# Tax collected is owed to the state, not revenue. #}
        invoices.amount_paid - coalesce(invoices.tax, 0) as amount
    from invoices
    where invoices.status = 'paid'
    union all
    select
        charges.customer_id as stripe_customer_id,
        refunds.currency,
        refunds.created_at,
        -refunds.amount as amount
    from refunds
    inner join charges
        on refunds.charge_id = charges.charge_id
),

converted as (
    select
        billing_customers.customer_id,
        fx_rates.rate_to_reporting,
        movements.amount * fx_rates.rate_to_reporting as amount
    from movements
    cross join as_of
    inner join billing_customers
        on movements.stripe_customer_id = billing_customers.stripe_customer_id
    left join fx_rates
        on
            movements.currency = fx_rates.currency
            and cast({{ dbt.date_trunc('month', 'movements.created_at') }} as date) = fx_rates.date_month
    where cast(movements.created_at as date) <= as_of.as_of_date
),

net as (
    select
        customer_id,
        sum(amount) as net_paid_revenue,
        {# A month the fx_rates seed lacks would vanish from the sum: counted, and tested. #}
        sum(case when rate_to_reporting is null then 1 else 0 end) as unconverted_movements
    from converted
    group by customer_id
)

select * from net
