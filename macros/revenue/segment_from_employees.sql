{% macro segment_from_employees(employees_column) -%}
    {#- MARTS.md: SMB < 100 employees, Mid-Market 100-999, Enterprise >= 1000. -#}
    case
        when {{ employees_column }} is null then 'Unknown'
        when {{ employees_column }} < 100 then 'SMB'
        when {{ employees_column }} < 1000 then 'Mid-Market'
        else 'Enterprise'
    end
{%- endmacro %}
