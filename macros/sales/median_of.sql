{% macro median_of(expression) -%}
    {#- The median (interpolated between the two middle values of an even count). -#}
    {{ return(adapter.dispatch('median_of', 'revops_warehouse')(expression)) }}
{%- endmacro %}

{% macro default__median_of(expression) -%}
    median({{ expression }})
{%- endmacro %}

{% macro spark__median_of(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}
