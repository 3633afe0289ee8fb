with

source as (
    select * from {{ source('stripe', 'refund') }}
),

charges as (
    select * from {{ ref('base_stripe__charges') }}
),

{# The one join staging allows: a semi-join to the parent's base model, to tell refunds
    whose charge never arrived from refunds of a charge that was excluded. #}
parent_charges as (
    {{ dq_parent_keys('charges', 'charge_id') }}
),

renamed as (
    select
        id as refund_id,
        charge_id,
        {{ minor_to_major('amount', 'currency') }} as amount,
        upper(trim(currency)) as currency,
        status,
        reason as refund_reason,
        created as created_at,
        _fivetran_synced
    from source
),

ranked as (
    select
        *,
        {{ primary_key_text(['refund_id']) }} as dq_row_id,
        row_number() over (
            partition by refund_id
            order by _fivetran_synced desc nulls last
        ) as dq_row_rank
    from renamed
),

classified as (
    select
        ranked.*,
        case
            when ranked.refund_id is null then 'null_primary_key'
            when ranked.dq_row_rank > 1 then 'duplicate'
            when ranked.charge_id is not null and parent_charges.charge_id is null then 'orphan_charge'
            when parent_charges.is_kept = 0 then 'parent_excluded'
            when ranked.charge_id is null then 'missing_charge_id'
            when
                ranked.currency is null
                or not ({{ is_known_currency('ranked.currency') }})
                then 'unknown_currency'
            when ranked.amount < 0 then 'negative_amount'
        end as dq_reason
    from ranked
    left join parent_charges
        on ranked.charge_id = parent_charges.charge_id
)

select * from classified
