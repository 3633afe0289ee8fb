{% macro normalize_email(column) -%}
    {#- Emails match case-insensitively after trimming (RAW_LANDING.md); blank is null. -#}
    nullif(lower(trim({{ column }})), '')
{%- endmacro %}
