{% macro generate_schema_name(custom_schema_name, node) -%}
    {#- A model's custom schema is used as it is (marts build into `marts`, not
        `main_marts`), so BI users see the same schema names in every target. -#}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
