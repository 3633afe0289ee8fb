{% macro is_known_currency(currency_column) -%}
    {#- A currency is usable only if the fx_rates seed can convert it. -#}
    upper({{ currency_column }}) in (select fx_rates.currency from {{ ref('fx_rates') }} as fx_rates)
{%- endmacro %}
