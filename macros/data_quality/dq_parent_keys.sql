{% macro dq_parent_keys(parent, key) -%}
    {#- The parent ids a child row may point at, and whether any raw row of each is kept:
        a child whose parent id is absent is an orphan, one whose parent has no kept row
        is `parent_excluded`. -#}
    select
        {{ key }},
        max(case when dq_reason is null then 1 else 0 end) as is_kept
    from {{ parent }}
    where {{ key }} is not null
    group by {{ key }}
{%- endmacro %}
