{#- One row per raw table: what staging kept, removed by rule and set aside. -#}
with

classified as (
    {% for source_name, table_name, base_model, stg_model in dq_tables() %}
        select
            '{{ source_name }}' as source_name,
            '{{ table_name }}' as table_name,
            count(*) as raw_rows,
            sum(case when {{ dq_action('dq_reason') }} = 'kept' then 1 else 0 end) as classified_kept_rows,
            sum(case when {{ dq_action('dq_reason') }} = 'removed_by_rule' then 1 else 0 end) as removed_by_rule_rows,
            sum(case when {{ dq_action('dq_reason') }} = 'set_aside' then 1 else 0 end) as set_aside_rows
        from {{ ref(base_model) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

kept as (
    {% for source_name, table_name, base_model, stg_model in dq_tables() %}
        select
            '{{ source_name }}' as source_name,
            '{{ table_name }}' as table_name,
            count(*) as kept_rows
        from {{ ref(stg_model) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

reconciled as (
    select
        classified.source_name,
        classified.table_name,
        classified.raw_rows,
        kept.kept_rows,
        classified.removed_by_rule_rows,
        classified.set_aside_rows,
        classified.raw_rows
        = kept.kept_rows + classified.removed_by_rule_rows + classified.set_aside_rows as is_reconciled
    from classified
    inner join kept
        on
            classified.source_name = kept.source_name
            and classified.table_name = kept.table_name
)

select * from reconciled
