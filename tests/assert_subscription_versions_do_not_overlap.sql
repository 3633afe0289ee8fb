{#- MRR reads the subscription version in force at the end of each day: two versions of
    one subscription in force at the same moment would count its lines twice. -#}
with

versions as (
    select * from {{ ref('stg_stripe__subscription_history') }}
)

select
    earlier.subscription_id,
    earlier.valid_from as earlier_valid_from,
    earlier.valid_to as earlier_valid_to,
    later.valid_from as later_valid_from
from versions as earlier
inner join versions as later
    on
        earlier.subscription_id = later.subscription_id
        and earlier.valid_from < later.valid_from
        and earlier.valid_to > later.valid_from
