"""Write the raw tables and the truth to DuckDB files, atomically (temp file, then rename)."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pyarrow as pa

from .schema import RAW_TABLES, columns, create_table_sql
from .tables import RawTables
from .world import Truth

ARROW_TYPES = {
    "varchar": pa.string(),
    "timestamp": pa.timestamp("us"),
    "date": pa.date32(),
    "integer": pa.int32(),
    "bigint": pa.int64(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
}
TRUTH_TABLES = (
    "companies",
    "people",
    "identity_map",
    "opportunities",
    "leads",
    "mrr_monthly",
    "invoices",
    "refunds",
    "spend_daily",
    "bad_rows",
    "touches",
)


def _replace(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        write(con)
        con.execute("checkpoint")
    finally:
        con.close()
    os.replace(tmp, path)


def write_raw(raw: RawTables, path: str | Path) -> None:
    def write(con: duckdb.DuckDBPyConnection) -> None:
        for schema in sorted({s for s, _ in RAW_TABLES}):
            con.execute(f'create schema "{schema}"')
        for key in RAW_TABLES:
            cols = columns(*key)
            rows = raw.rows[key]
            arrays = [
                pa.array([row[i] for row in rows], type=ARROW_TYPES[typ])
                for i, (_, typ) in enumerate(cols)
            ]
            batch = pa.Table.from_arrays(arrays, names=[name for name, _ in cols])  # noqa: F841
            con.execute(create_table_sql(*key))
            con.execute(f'insert into "{key[0]}"."{key[1]}" select * from batch')

    _replace(Path(path), write)


def write_truth(truth: Truth, path: str | Path) -> None:
    def write(con: duckdb.DuckDBPyConnection) -> None:
        meta_rows = pa.Table.from_pylist(  # noqa: F841
            [{"key": k, "value": str(v)} for k, v in truth.meta.items()]
        )
        con.execute("create table meta as select * from meta_rows")
        for name in TRUTH_TABLES:
            rows = getattr(truth, name)
            if not rows:
                continue
            arrow_rows = pa.Table.from_pylist(rows)  # noqa: F841
            con.execute(f"create table {name} as select * from arrow_rows")

    _replace(Path(path), write)
