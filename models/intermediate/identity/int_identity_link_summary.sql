{#- How identity resolution went, per source record type and rule: how many records each
    rule joined, and their share of that record type. The first place to look after a
    load: a jump in `unresolved` or `fuzzy_company_name` says the raw data changed. -#}
with

links as (
    select * from {{ ref('int_identity_links') }}
),

counted as (
    select
        record_type,
        match_method,
        count(*) as links,
        count(distinct customer_id) as customers,
        min(match_score) as min_match_score
    from links
    group by record_type, match_method
),

shares as (
    select
        record_type,
        match_method,
        links,
        customers,
        min_match_score,
        links / cast(sum(links) over (partition by record_type) as double) as share_of_records
    from counted
)

select * from shares
