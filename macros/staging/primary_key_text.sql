{% macro primary_key_text(columns) -%}
    {#- A row's primary key as one text value (the data-quality `dq_row_id`). For a
        composite key the parts are joined with '|' and a null part is written as ''
        so the rest of the key stays readable on a row set aside for it. -#}
    {%- if columns | length == 1 -%}
        cast({{ columns[0] }} as {{ dbt.type_string() }})
    {%- else -%}
        {%- set parts = [] -%}
        {%- for column in columns -%}
            {%- if not loop.first -%}
                {%- do parts.append("'|'") -%}
            {%- endif -%}
            {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '')") -%}
        {%- endfor -%}
        {{ dbt.concat(parts) }}
    {%- endif -%}
{%- endmacro %}
