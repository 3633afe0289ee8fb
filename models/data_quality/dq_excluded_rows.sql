{#- Every raw row the staging layer did not keep, from every table, with its reason. -#}
with

excluded as (
    {% for source_name, table_name, base_model, stg_model in dq_tables() %}
        select
            '{{ source_name }}' as source_name,
            '{{ table_name }}' as table_name,
            '{{ base_model }}' as base_model,
            dq_row_id,
            dq_row_rank,
            dq_reason,
            {{ dq_action('dq_reason') }} as dq_action,
            _fivetran_synced
        from {{ ref(base_model) }}
        where dq_reason is not null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select * from excluded
