{% macro regexp_replace_all(expression, pattern, replacement) -%}
    {#- Every match of a regular expression replaced; engines differ in how they ask for
        "all matches", so this is dispatched. -#}
    {{ return(adapter.dispatch('regexp_replace_all', 'revops_warehouse')(expression, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{% macro spark__regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, '{{ pattern }}', '{{ replacement }}')
{%- endmacro %}
