{#- What did the last load set aside, and why? Run after a build:
    dbt compile --select data_quality_by_reason, then run target/compiled/.../data_quality_by_reason.sql.
    Set-aside rows need a person; removed-by-rule rows are expected noise. -#}
with

excluded_rows as (
    select * from {{ ref('dq_excluded_rows') }}
),

row_counts as (
    select * from {{ ref('dq_row_counts') }}
),

by_reason as (
    select
        source_name,
        table_name,
        dq_action,
        dq_reason,
        count(*) as excluded_rows,
        max(_fivetran_synced) as last_synced_at
    from excluded_rows
    group by source_name, table_name, dq_action, dq_reason
),

with_share as (
    select
        by_reason.source_name,
        by_reason.table_name,
        by_reason.dq_action,
        by_reason.dq_reason,
        by_reason.excluded_rows,
        by_reason.last_synced_at,
        row_counts.raw_rows,
        by_reason.excluded_rows * 1.0 / row_counts.raw_rows as share_of_raw_rows
    from by_reason
    inner join row_counts
        on
            by_reason.source_name = row_counts.source_name
            and by_reason.table_name = row_counts.table_name
)

select * from with_share
order by dq_action desc, excluded_rows desc
