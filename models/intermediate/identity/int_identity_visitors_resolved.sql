{#- Every anonymous web visitor that identified itself, with the person and customer it
    belongs to. A visitor is the email of its first `identifies` call (a shared browser
    that later logs in as someone else stays the first person); its earlier, anonymous
    page views belong to that person's journey. Visitors that never identify are not
    here: nothing ties them to anyone. -#}
with

identifies as (
    select * from {{ ref('stg_segment__identifies') }}
),

people as (
    select * from {{ ref('int_identity_people') }}
),

first_identify as (
    select
        anonymous_id,
        email,
        identified_at,
        row_number() over (partition by anonymous_id order by identified_at, identify_id) as identify_rank
    from identifies
    where anonymous_id is not null and email is not null
),

resolved as (
    select
        first_identify.anonymous_id,
        first_identify.email,
        first_identify.identified_at,
        people.customer_id,
        people.resolved_by_record_type as matched_record_type,
        people.resolved_by_record_id as matched_record_id,
        case when people.customer_id is not null then 'exact_email' else 'unresolved' end as match_method
    from first_identify
    left join people
        on first_identify.email = people.email
    where first_identify.identify_rank = 1
)

select * from resolved
