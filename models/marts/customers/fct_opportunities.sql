{#- Every live opportunity, with its customer, owner, outcome, amount in the reporting
    currency and cycle length. The close is read from the stage history: `closed_at` is
    when the opportunity reached its final closed stage, and an opportunity lost and then
    reopened and won `was_reopened`. -#}
with

opportunities as (
    select * from {{ ref('stg_salesforce__opportunities') }}
),

history as (
    select * from {{ ref('stg_salesforce__opportunity_history') }}
),

stages as (
    select * from {{ ref('opportunity_stage_mapping') }}
),

users as (
    select * from {{ ref('stg_salesforce__users') }}
),

accounts as (
    select * from {{ ref('int_identity_accounts_merged') }}
),

customers as (
    select * from {{ ref('int_customers_resolved') }}
),

first_touches as (
    select * from {{ ref('int_customer_first_touches') }}
),

fx_rates as (
    select * from {{ ref('int_fx_rates_reporting') }}
),

as_of as (
    select cast({{ dbt.date_trunc('month', as_of_date()) }} as date) as as_of_month
),

history_stages as (
    select
        history.opportunity_id,
        history.created_at,
        stages.is_closed,
        stages.is_won,
        row_number() over (
            partition by history.opportunity_id order by history.created_at desc, history.opportunity_history_id desc
        ) as version_rank
    from history
    left join stages
        on history.stage_name = stages.stage_name
),

closes as (
    select
        opportunity_id,
        max(case when version_rank = 1 and is_closed then created_at end) as closed_at,
        {#- A won deal with an earlier closed-lost version was lost, reopened and won. #}
        max(case when is_closed and not is_won and version_rank > 1 then 1 else 0 end) = 1 as has_lost_version
    from history_stages
    group by opportunity_id
),

enriched as (
    select
        opportunities.opportunity_id,
        accounts.customer_id,
        opportunities.account_id,
        opportunities.opportunity_name,
        opportunities.owner_user_id,
        users.user_name as owner_name,
        opportunities.opportunity_type,
        opportunities.stage_name,
        opportunities.forecast_category,
        opportunities.lead_source,
        opportunities.campaign_id,
        opportunities.created_at,
        opportunities.close_date,
        opportunities.amount as amount_original,
        opportunities.currency,
        case
            when opportunities.is_closed and opportunities.is_won then 'won'
            when opportunities.is_closed then 'lost'
            else 'open'
        end as status,
        case when opportunities.is_closed then opportunities.close_date end as closed_date,
        case
            when opportunities.is_closed
                then coalesce(closes.closed_at, cast(opportunities.close_date as {{ dbt.type_timestamp() }}))
        end as closed_at,
        case
            when opportunities.is_closed
                then {{ dbt.datediff('cast(opportunities.created_at as date)', 'opportunities.close_date', 'day') }}
        end as sales_cycle_days,
        coalesce(opportunities.is_won and closes.has_lost_version, false) as was_reopened,
        {#- Converted at the close month's rate; an open deal's future close month is not
            in the rates yet, so it takes the as-of month's. #}
        {{ to_reporting_currency('opportunities.amount', 'fx_rates.rate_to_reporting', '1.0') }} as amount,
        coalesce(customers.segment, 'Unknown') as segment,
        first_touches.acquisition_channel
    from opportunities
    cross join as_of
    left join closes
        on opportunities.opportunity_id = closes.opportunity_id
    left join users
        on opportunities.owner_user_id = users.user_id
    left join accounts
        on opportunities.account_id = accounts.account_id
    left join customers
        on accounts.customer_id = customers.customer_id
    left join first_touches
        on accounts.customer_id = first_touches.customer_id
    left join fx_rates
        on
            opportunities.currency = fx_rates.currency
            and least(
                cast({{ dbt.date_trunc('month', 'opportunities.close_date') }} as date), as_of.as_of_month
            ) = fx_rates.date_month
),

final as (
    select
        opportunity_id,
        customer_id,
        account_id,
        opportunity_name,
        owner_user_id,
        owner_name,
        opportunity_type,
        stage_name,
        forecast_category,
        status,
        cast(amount as decimal(18, 2)) as amount,
        amount_original,
        currency,
        created_at,
        close_date,
        closed_date,
        closed_at,
        sales_cycle_days,
        was_reopened,
        lead_source,
        campaign_id,
        acquisition_channel,
        segment
    from enriched
)

select * from final
