{% macro is_known_currency(currency_column) -%}
    {#- A currency is usable only if the fx_rates seed can convert it. Written as a
        correlated count rather than `in (select ...)`: the base models test it inside a
        case expression, where Spark before SPARK-30220 rejects IN and EXISTS subqueries; a
        scalar subquery works on every engine. The seed's column is renamed in a derived
        table so that an unqualified `currency` argument binds to the outer row. -#}
    (
        (
            select count(*)
            from (select fx_rates.currency as fx_currency from {{ ref('fx_rates') }} as fx_rates) as fx_currencies
            where fx_currencies.fx_currency = upper({{ currency_column }})
        ) > 0
    )
{%- endmacro %}
