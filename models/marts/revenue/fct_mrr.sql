{#- One row per customer and month, from the customer's first month with MRR through
    the as-of month: every month with MRR, plus the churn month (MRR 0); months after a
    churn are not invented until the customer comes back. -#}
with

subscription_mrr as (
    select * from {{ ref('int_subscription_mrr_monthly') }}
),

billing_customers as (
    select * from {{ ref('int_billing_customers_mapped') }}
),

reported_months as (
    select * from {{ ref('int_months_reported') }}
),

{# Money to the cent: movements compare cents, so float noise is never an expansion. #}
customer_mrr as (
    select
        billing_customers.customer_id,
        subscription_mrr.date_month,
        round(sum(subscription_mrr.mrr), 2) as mrr
    from subscription_mrr
    inner join billing_customers
        on subscription_mrr.customer_id = billing_customers.stripe_customer_id
    group by billing_customers.customer_id, subscription_mrr.date_month
),

first_months as (
    select
        customer_id,
        min(date_month) as first_date_month
    from customer_mrr
    where mrr > 0
    group by customer_id
),

customer_months as (
    select
        first_months.customer_id,
        reported_months.date_month,
        reported_months.is_partial_month,
        coalesce(customer_mrr.mrr, 0) as mrr
    from first_months
    inner join reported_months
        on first_months.first_date_month <= reported_months.date_month
    left join customer_mrr
        on
            first_months.customer_id = customer_mrr.customer_id
            and reported_months.date_month = customer_mrr.date_month
),

compared as (
    select
        customer_id,
        date_month,
        is_partial_month,
        mrr,
        coalesce(lag(mrr) over (partition by customer_id order by date_month), 0) as previous_mrr,
        coalesce(
            max(mrr) over (
                partition by customer_id order by date_month
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as highest_earlier_mrr
    from customer_months
),

classified as (
    select
        customer_id,
        date_month,
        is_partial_month,
        mrr,
        previous_mrr,
        {{ dbt.cast('date_month', api.Column.translate_type('string')) }} as date_month_text,
        mrr - previous_mrr as mrr_change,
        {# METRICS.md's order: new, reactivation, churn, then the comparisons. #}
        case
            when mrr > 0 and highest_earlier_mrr = 0 then 'new'
            when mrr > 0 and previous_mrr = 0 then 'reactivation'
            when mrr = 0 and previous_mrr > 0 then 'churn'
            when mrr > previous_mrr then 'expansion'
            when mrr < previous_mrr then 'contraction'
            else 'unchanged'
        end as movement
    from compared
    where mrr > 0 or previous_mrr > 0
),

final as (
    select
        {{ dbt.concat(["classified.customer_id", "'|'", "classified.date_month_text"]) }} as customer_month_id,
        classified.customer_id,
        classified.date_month,
        cast(classified.mrr as decimal(18, 2)) as mrr,
        cast(classified.previous_mrr as decimal(18, 2)) as previous_mrr,
        cast(classified.mrr_change as decimal(18, 2)) as mrr_change,
        classified.movement,
        cast(classified.mrr * 12 as decimal(18, 2)) as arr,
        classified.is_partial_month
    from classified
)

select * from final
