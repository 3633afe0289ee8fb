{% macro is_known_currency(currency_column) -%}
    {#- A currency is usable only if the fx_rates seed can convert it. -#}
    {{ return(adapter.dispatch('is_known_currency', 'revops_warehouse')(currency_column)) }}
{%- endmacro %}

{% macro default__is_known_currency(currency_column) -%}
    upper({{ currency_column }}) in (select fx_rates.currency from {{ ref('fx_rates') }} as fx_rates)
{%- endmacro %}

{% macro spark__is_known_currency(currency_column) -%}
    {#- Spark before SPARK-30220 rejects IN and EXISTS subqueries inside a case expression,
        where the base models test this; a scalar subquery works there. The seed's column
        is renamed in a derived table so an unqualified `currency` argument binds to the
        outer row. -#}
    (
        (
            select count(*)
            from (select fx_rates.currency as fx_currency from {{ ref('fx_rates') }} as fx_rates) as fx_currencies
            where fx_currencies.fx_currency = upper({{ currency_column }})
        ) > 0
    )
{%- endmacro %}
