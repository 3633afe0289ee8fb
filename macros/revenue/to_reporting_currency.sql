{% macro to_reporting_currency(amount, rate_to_usd, reporting_rate_to_usd) -%}
    {#- fx_rates holds rates to USD; any other reporting currency divides by its own
        rate in the same month. -#}
    {{ amount }} * {{ rate_to_usd }} / {{ reporting_rate_to_usd }}
{%- endmacro %}
