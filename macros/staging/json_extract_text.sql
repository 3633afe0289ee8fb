{% macro json_extract_text(column, key) -%}
    {#- One top-level key of a JSON text column, as text; null when the key is absent or
        the text is not valid JSON (a connector's free-form metadata must not fail a build). -#}
    {{ return(adapter.dispatch('json_extract_text', 'revops_warehouse')(column, key)) }}
{%- endmacro %}

{% macro default__json_extract_text(column, key) -%}
    {#- DuckDB: json_extract_string raises on malformed text, so it is guarded. -#}
    case
        when json_valid({{ column }}) then json_extract_string({{ column }}, '$.{{ key }}')
    end
{%- endmacro %}

{% macro spark__json_extract_text(column, key) -%}
    get_json_object({{ column }}, '$.{{ key }}')
{%- endmacro %}
