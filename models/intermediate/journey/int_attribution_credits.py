"""Multi-touch attribution of every new customer's converting journey (METRICS.md).

The thin dbt wrapper around `revops.attribution`: DuckDB orders the touchpoints; numpy
computes each model's credits over whole arrays (no loop over customers), and the
Markov chain is fitted on the distinct channel paths only.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from revops.attribution import MODELS, attribution_credits, markov_attribution

SCHEMA = pa.schema(
    [
        ("attribution_id", pa.string()),
        ("customer_id", pa.string()),
        ("touch_id", pa.string()),
        ("model", pa.string()),
        ("touch_at", pa.timestamp("us")),
        ("touch_position", pa.int64()),
        ("channel", pa.string()),
        ("campaign_name", pa.string()),
        ("new_month", pa.date32()),
        ("credit", pa.float64()),
        ("attributed_new_mrr", pa.float64()),
    ]
)


def as_table(relation) -> pa.Table:
    """A relation's rows as an Arrow table (DuckDB 1.5 hands back a batch reader)."""
    result = relation.arrow()
    return result.read_all() if isinstance(result, pa.RecordBatchReader) else result


def model(dbt, session):
    dbt.config(materialized="table")
    touchpoints = as_table(
        dbt.ref("int_attribution_touchpoints").order("customer_id, touch_position")
    )
    if touchpoints.num_rows == 0:
        return pa.Table.from_pylist([], schema=SCHEMA)
    customers = touchpoints["customer_id"].to_numpy(zero_copy_only=False)
    channels = touchpoints["channel"].to_numpy(zero_copy_only=False)
    new_mrr = touchpoints["new_mrr"].cast(pa.float64()).to_numpy(zero_copy_only=False)
    paths = as_table(dbt.ref("int_attribution_paths"))
    markov = markov_attribution(
        [path.split(" > ") for path in paths["channel_path"].to_pylist()],
        counts=paths["customers"].to_numpy(zero_copy_only=False),
    )
    removal_effects = dict(zip(markov.channels, markov.removal_effects.tolist(), strict=True))
    tables = []
    for name in MODELS:
        credits = attribution_credits(name, customers, channels, removal_effects)
        tables.append(
            pa.table(
                {
                    "attribution_id": pc.binary_join_element_wise(
                        touchpoints["customer_id"], touchpoints["touch_id"], pa.scalar(name), "|"
                    ),
                    "customer_id": touchpoints["customer_id"],
                    "touch_id": touchpoints["touch_id"],
                    "model": pa.array(np.full(len(credits), name)),
                    "touch_at": touchpoints["touched_at"].cast(pa.timestamp("us")),
                    "touch_position": touchpoints["touch_position"].cast(pa.int64()),
                    "channel": touchpoints["channel"],
                    "campaign_name": touchpoints["campaign_name"],
                    "new_month": touchpoints["new_month"].cast(pa.date32()),
                    "credit": pa.array(credits, pa.float64()),
                    "attributed_new_mrr": pa.array(credits * new_mrr, pa.float64()),
                },
                schema=SCHEMA,
            )
        )
    return pa.concat_tables(tables)
