{% macro monthly_factor(interval_column, interval_count_column) -%}
    {#- What one billing interval is worth per month (METRICS.md): month / n,
        year / (12 n), week x 52 / (12 n), day x 365 / (12 n). -#}
    case {{ interval_column }}
        when 'month' then 1.0 / {{ interval_count_column }}
        when 'year' then 1.0 / (12 * {{ interval_count_column }})
        when 'week' then 52.0 / (12 * {{ interval_count_column }})
        when 'day' then 365.0 / (12 * {{ interval_count_column }})
    end
{%- endmacro %}
