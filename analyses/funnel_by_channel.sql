{#- Which channels bring leads that convert? Per lead cohort month and channel, the
    count reaching each stage and each stage's conversion, over complete cohorts only:
    a cohort whose leads are still inside their `funnel_window_days` can still fill its
    later stages, so its rates would read low. One cohort's channel holds a handful of
    leads, so each row also carries the channel's rates pooled over every complete cohort
    (sums divided, never rates averaged), which is the figure to compare channels on. -#}
with

funnel as (
    select * from {{ ref('metrics_funnel') }}
),

{# A cohort is complete when its 'All' row is: a channel's row can be complete earlier
    (its last lead came early in the month), but keeping whole cohorts keeps every
    channel's rows summing to the 'All' row. #}
cohort_totals as (
    select
        cohort_month,
        leads as cohort_leads
    from funnel
    where channel = 'All' and is_complete
),

complete_cohorts as (
    select
        funnel.cohort_month,
        funnel.channel,
        funnel.leads,
        funnel.mqls,
        funnel.sqls,
        funnel.opportunities,
        funnel.won,
        funnel.paying_customers,
        funnel.lead_to_mql_rate,
        funnel.mql_to_sql_rate,
        funnel.sql_to_opportunity_rate,
        funnel.opportunity_to_won_rate,
        funnel.lead_to_customer_rate,
        funnel.leads * 1.0 / nullif(cohort_totals.cohort_leads, 0) as share_of_cohort_leads
    from funnel
    inner join cohort_totals
        on funnel.cohort_month = cohort_totals.cohort_month
),

channel_totals as (
    select
        channel,
        count(*) as complete_cohorts,
        sum(leads) as leads,
        sum(mqls) as mqls,
        sum(sqls) as sqls,
        sum(opportunities) as opportunities,
        sum(won) as won,
        sum(paying_customers) as paying_customers
    from complete_cohorts
    group by channel
),

channel_pooled as (
    select
        channel,
        complete_cohorts,
        leads,
        mqls * 1.0 / nullif(leads, 0) as lead_to_mql_rate,
        sqls * 1.0 / nullif(mqls, 0) as mql_to_sql_rate,
        opportunities * 1.0 / nullif(sqls, 0) as sql_to_opportunity_rate,
        won * 1.0 / nullif(opportunities, 0) as opportunity_to_won_rate,
        paying_customers * 1.0 / nullif(leads, 0) as lead_to_customer_rate
    from channel_totals
),

funnel_by_channel as (
    select
        complete_cohorts.cohort_month,
        complete_cohorts.channel,
        complete_cohorts.leads,
        complete_cohorts.mqls,
        complete_cohorts.sqls,
        complete_cohorts.opportunities,
        complete_cohorts.won,
        complete_cohorts.paying_customers,
        complete_cohorts.lead_to_mql_rate,
        complete_cohorts.mql_to_sql_rate,
        complete_cohorts.sql_to_opportunity_rate,
        complete_cohorts.opportunity_to_won_rate,
        complete_cohorts.lead_to_customer_rate,
        complete_cohorts.share_of_cohort_leads,
        channel_pooled.complete_cohorts as channel_complete_cohorts,
        channel_pooled.leads as channel_leads,
        channel_pooled.lead_to_mql_rate as channel_lead_to_mql_rate,
        channel_pooled.mql_to_sql_rate as channel_mql_to_sql_rate,
        channel_pooled.sql_to_opportunity_rate as channel_sql_to_opportunity_rate,
        channel_pooled.opportunity_to_won_rate as channel_opportunity_to_won_rate,
        channel_pooled.lead_to_customer_rate as channel_lead_to_customer_rate
    from complete_cohorts
    left join channel_pooled
        on complete_cohorts.channel = channel_pooled.channel
)

select * from funnel_by_channel
order by cohort_month asc, case when channel = 'All' then 1 else 0 end asc, leads desc, channel asc
