{#- Every recorded version of every kept opportunity with the interval it was in force:
    from its `created_at` up to the next version's. The state of the pipeline at any
    instant is then one interval lookup per opportunity (`valid_from < instant` and
    `valid_to` null or at or after it) instead of ranking all earlier history at every
    instant. Versions recorded at the same time are ordered by history id, so the highest
    id is the one in force, as everywhere else in the project. Only history of opportunities
    staging keeps (the inner join makes sure); a version carries its opportunity's currency. -#}
with

opportunity_history as (
    select * from {{ ref('stg_salesforce__opportunity_history') }}
),

opportunities as (
    select * from {{ ref('stg_salesforce__opportunities') }}
),

versions as (
    select
        opportunity_history.opportunity_history_id,
        opportunity_history.opportunity_id,
        opportunity_history.stage_name,
        opportunity_history.forecast_category,
        opportunity_history.close_date,
        opportunity_history.amount,
        opportunities.currency,
        opportunity_history.created_at as valid_from,
        lead(opportunity_history.created_at) over (
            partition by opportunity_history.opportunity_id
            order by opportunity_history.created_at, opportunity_history.opportunity_history_id
        ) as valid_to
    from opportunity_history
    inner join opportunities
        on opportunity_history.opportunity_id = opportunities.opportunity_id
)

select * from versions
