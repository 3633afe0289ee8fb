{% macro array_agg_sorted(column) -%}
    {#- The distinct non-null values of a column in a group, as a sorted list. -#}
    {{ return(adapter.dispatch('array_agg_sorted', 'revops_warehouse')(column)) }}
{%- endmacro %}

{% macro default__array_agg_sorted(column) -%}
    list(distinct {{ column }} order by {{ column }}) filter (where {{ column }} is not null)
{%- endmacro %}

{% macro spark__array_agg_sorted(column) -%}
    sort_array(collect_set({{ column }}))
{%- endmacro %}
