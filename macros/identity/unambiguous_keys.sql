{% macro unambiguous_keys(keys, trust_order) -%}
{#- Two CTEs, `ranked_keys` and `unambiguous_keys`: of the (key_type, key_value,
    customer_id, anchor_record_type, anchor_record_id) rows of the CTE `keys`, the keys
    that point at exactly one customer, each with its most trusted record (ordered by
    the SQL expression `trust_order`, then record id). A key pointing at two customers
    proves nothing and is dropped. -#}
ranked_keys as (
    select
        key_type,
        key_value,
        customer_id,
        anchor_record_type,
        anchor_record_id,
        min(customer_id) over (partition by key_type, key_value) as min_customer_id,
        max(customer_id) over (partition by key_type, key_value) as max_customer_id,
        row_number() over (
            partition by key_type, key_value
            order by {{ trust_order }}, anchor_record_id
        ) as anchor_rank
    from {{ keys }}
),

unambiguous_keys as (
    select
        key_type,
        key_value,
        customer_id,
        anchor_record_type,
        anchor_record_id
    from ranked_keys
    where anchor_rank = 1 and min_customer_id = max_customer_id
)
{%- endmacro %}
