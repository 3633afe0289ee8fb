{% macro campaign_name_key(column) -%}
    {#- The form an ad campaign name and a UTM campaign name are matched on: lower case,
        trimmed, every run of whitespace one space; null when blank. -#}
    {{ return(adapter.dispatch('campaign_name_key', 'revops_warehouse')(column)) }}
{%- endmacro %}

{% macro default__campaign_name_key(column) -%}
    nullif(lower(trim(regexp_replace({{ column }}, '\s+', ' ', 'g'))), '')
{%- endmacro %}

{% macro spark__campaign_name_key(column) -%}
    nullif(lower(trim(regexp_replace({{ column }}, '\\s+', ' '))), '')
{%- endmacro %}
