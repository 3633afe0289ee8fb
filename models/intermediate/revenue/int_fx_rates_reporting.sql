{#- One rate per currency and month to the reporting currency (var reporting_currency). -#}
with

fx_rates as (
    select * from {{ ref('fx_rates') }}
),

reporting as (
    select
        date_month,
        rate_to_usd
    from fx_rates
    where currency = upper('{{ var("reporting_currency") }}')
),

rates as (
    select
        fx_rates.date_month,
        fx_rates.currency,
        {{ to_reporting_currency('1.0', 'fx_rates.rate_to_usd', 'reporting.rate_to_usd') }} as rate_to_reporting
    from fx_rates
    inner join reporting
        on fx_rates.date_month = reporting.date_month
)

select * from rates
