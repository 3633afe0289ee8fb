{% macro as_of_date() -%}
    {#- The day every metric is computed as of: the var `as_of_date` when set, else the
        date of the latest loaded billing record. Never the clock, so a rerun on the same
        data gives the same numbers. -#}
    {%- set configured = var('as_of_date', none) -%}
    {%- if configured -%}
        cast('{{ configured }}' as date)
    {%- else -%}
        (select max(cast(invoices.created_at as date)) from {{ ref('stg_stripe__invoices') }} as invoices)
    {%- endif -%}
{%- endmacro %}
