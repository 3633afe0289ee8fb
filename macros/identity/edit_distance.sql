{% macro edit_distance(left, right) -%}
    {#- Levenshtein distance between two strings (insertions, deletions, substitutions). -#}
    {{ return(adapter.dispatch('edit_distance', 'revops_warehouse')(left, right)) }}
{%- endmacro %}

{% macro default__edit_distance(left, right) -%}
    levenshtein({{ left }}, {{ right }})
{%- endmacro %}

{% macro snowflake__edit_distance(left, right) -%}
    editdistance({{ left }}, {{ right }})
{%- endmacro %}

{% macro bigquery__edit_distance(left, right) -%}
    edit_distance({{ left }}, {{ right }})
{%- endmacro %}
