{#- Counts straight from the raw tables (not through the base models) must equal
    kept + removed by rule + set aside, table by table. Returns the tables that do not. -#}
with

raw_counts as (
    {% for source_name, table_name, base_model, stg_model in dq_tables() %}
        select
            '{{ source_name }}' as source_name,
            '{{ table_name }}' as table_name,
            count(*) as raw_rows
        from {{ source(source_name, table_name) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

dq_counts as (
    select * from {{ ref('dq_row_counts') }}
)

select
    raw_counts.source_name,
    raw_counts.table_name,
    raw_counts.raw_rows,
    dq_counts.kept_rows,
    dq_counts.removed_by_rule_rows,
    dq_counts.set_aside_rows
from raw_counts
left join dq_counts
    on
        raw_counts.source_name = dq_counts.source_name
        and raw_counts.table_name = dq_counts.table_name
where
    dq_counts.kept_rows is null
    or raw_counts.raw_rows != dq_counts.kept_rows + dq_counts.removed_by_rule_rows + dq_counts.set_aside_rows
