{#- Forecast accuracy per month (METRICS.md, "Sales performance"): the forecast frozen at
    the month's first instant from the opportunity history, against the amount actually
    won with a close date in the month. -#}
with

versions as (
    select * from {{ ref('int_opportunity_versions') }}
),

opportunities as (
    select * from {{ ref('stg_salesforce__opportunities') }}
),

stages as (
    select * from {{ ref('opportunity_stage_mapping') }}
),

fx_rates as (
    select * from {{ ref('int_fx_rates_reporting') }}
),

calendar as (
    select * from {{ ref('int_calendar_months') }}
),

as_of as (
    select {{ as_of_date() }} as as_of_date
),

first_month as (
    select cast({{ dbt.date_trunc('month', 'min(created_at)') }} as date) as first_date_month
    from opportunities
),

reported_months as (
    select
        calendar.date_month,
        calendar.is_partial_month,
        cast(calendar.date_month as {{ dbt.type_timestamp() }}) as forecast_frozen_at
    from calendar
    cross join first_month
    where calendar.date_month >= first_month.first_date_month
),

{# The state of every opportunity at the freeze: the version in force at the month's
    first instant. An opportunity created later is not in that month's forecast. #}
frozen_versions as (
    select
        reported_months.date_month,
        versions.opportunity_id,
        versions.stage_name,
        versions.forecast_category,
        versions.close_date,
        versions.amount,
        versions.currency
    from reported_months
    inner join versions
        on
            reported_months.forecast_frozen_at > versions.valid_from
            and (versions.valid_to is null or reported_months.forecast_frozen_at <= versions.valid_to)
),

{# Open in Commit, or already Closed Won, with the close date in the month. A stage
    missing from the stage mapping counts as open. #}
forecast_opportunities as (
    select
        frozen_versions.date_month,
        frozen_versions.opportunity_id,
        frozen_versions.amount,
        frozen_versions.currency,
        coalesce(stages.is_won, false) as is_closed_won
    from frozen_versions
    left join stages
        on frozen_versions.stage_name = stages.stage_name
    where
        cast({{ dbt.date_trunc('month', 'frozen_versions.close_date') }} as date) = frozen_versions.date_month
        and (
            coalesce(stages.is_won, false)
            or (not coalesce(stages.is_closed, false) and frozen_versions.forecast_category = 'Commit')
        )
),

{# The final state decides the actual: won, with the close date in the month (through the
    as-of date). #}
won_opportunities as (
    select
        cast({{ dbt.date_trunc('month', 'opportunities.close_date') }} as date) as date_month,
        opportunities.opportunity_id,
        opportunities.amount,
        opportunities.currency
    from opportunities
    cross join as_of
    where
        opportunities.is_won
        and opportunities.close_date <= as_of.as_of_date
),

{# Both sides at the rate of the month of their close date, which is the reported month:
    an exchange-rate move never shows up as forecast error. #}
forecast_by_month as (
    select
        forecast_opportunities.date_month,
        count(*) as forecast_opportunities,
        sum(forecast_opportunities.amount * fx_rates.rate_to_reporting) as forecast_amount,
        sum(
            case when forecast_opportunities.is_closed_won then 0 else 1 end
            * forecast_opportunities.amount * fx_rates.rate_to_reporting
        ) as forecast_commit_amount,
        sum(
            case when forecast_opportunities.is_closed_won then 1 else 0 end
            * forecast_opportunities.amount * fx_rates.rate_to_reporting
        ) as forecast_closed_won_amount,
        sum(case when fx_rates.rate_to_reporting is null then 1 else 0 end) as unconverted
    from forecast_opportunities
    left join fx_rates
        on
            forecast_opportunities.currency = fx_rates.currency
            and forecast_opportunities.date_month = fx_rates.date_month
    group by forecast_opportunities.date_month
),

actual_by_month as (
    select
        won_opportunities.date_month,
        count(*) as actual_won_opportunities,
        sum(won_opportunities.amount * fx_rates.rate_to_reporting) as actual_won_amount,
        sum(case when fx_rates.rate_to_reporting is null then 1 else 0 end) as unconverted
    from won_opportunities
    left join fx_rates
        on
            won_opportunities.currency = fx_rates.currency
            and won_opportunities.date_month = fx_rates.date_month
    group by won_opportunities.date_month
),

{# A month with an amount fx_rates cannot convert publishes null (and fails the not_null
    test), never a sum that silently left it out. #}
amounts as (
    select
        reported_months.date_month,
        reported_months.forecast_frozen_at,
        reported_months.is_partial_month,
        cast(coalesce(forecast_by_month.forecast_opportunities, 0) as bigint) as forecast_opportunities,
        cast(coalesce(actual_by_month.actual_won_opportunities, 0) as bigint) as actual_won_opportunities,
        case
            when coalesce(forecast_by_month.unconverted, 0) = 0
                then cast(coalesce(forecast_by_month.forecast_amount, 0) as decimal(18, 2))
        end as forecast_amount,
        case
            when coalesce(forecast_by_month.unconverted, 0) = 0
                then cast(coalesce(forecast_by_month.forecast_commit_amount, 0) as decimal(18, 2))
        end as forecast_commit_amount,
        case
            when coalesce(forecast_by_month.unconverted, 0) = 0
                then cast(coalesce(forecast_by_month.forecast_closed_won_amount, 0) as decimal(18, 2))
        end as forecast_closed_won_amount,
        case
            when coalesce(actual_by_month.unconverted, 0) = 0
                then cast(coalesce(actual_by_month.actual_won_amount, 0) as decimal(18, 2))
        end as actual_won_amount
    from reported_months
    left join forecast_by_month
        on reported_months.date_month = forecast_by_month.date_month
    left join actual_by_month
        on reported_months.date_month = actual_by_month.date_month
),

scored as (
    select
        *,
        cast(
            1 - abs(forecast_amount - actual_won_amount) / nullif(actual_won_amount, 0) as double
        ) as accuracy,
        cast((forecast_amount - actual_won_amount) / nullif(actual_won_amount, 0) as double) as bias
    from amounts
),

final as (
    select
        date_month,
        forecast_frozen_at,
        forecast_amount,
        forecast_commit_amount,
        forecast_closed_won_amount,
        forecast_opportunities,
        actual_won_amount,
        actual_won_opportunities,
        accuracy,
        bias,
        is_partial_month
    from scored
)

select * from final
