{% macro dq_action(reason_column='dq_reason') -%}
    {#- Rows a documented rule removes (noise that never counts anywhere) versus rows
        set aside because they are invalid and a person should look at them. -#}
    case
        when {{ reason_column }} is null then 'kept'
        when {{ reason_column }} in ('duplicate', 'soft_deleted', 'test_mode', 'parent_excluded')
            then 'removed_by_rule'
        else 'set_aside'
    end
{%- endmacro %}
