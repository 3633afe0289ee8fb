"""`revops-publish`: copy the public marts into the serving file BI tools read.

DuckDB allows one writer or many readers of a file, never both. dbt writes the working
file (`REVOPS_WAREHOUSE_PATH`); BI tools read the serving file (`REVOPS_SERVING_PATH`),
which only this step writes, and never in place: the marts go into a new file next to
it, which is checkpointed, closed and renamed over the serving file. A reader that has
the old file open keeps reading the old inode; a new connection opens the new one. No
reader ever blocks a build or sees a half-built warehouse.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

DEFAULT_WAREHOUSE_PATH = "warehouse/revops.duckdb"
DEFAULT_SERVING_PATH = "warehouse/serving.duckdb"
PUBLIC_SCHEMA = "marts"
META_SCHEMA = "serving_meta"


class ServingError(RuntimeError):
    """The serving file could not be published; the previous one is left as it was."""


@dataclass(frozen=True)
class PublishResult:
    serving_path: Path
    version: int
    published_at: datetime  # UTC, naive, as stored in serving_meta.publication
    row_counts: dict[str, int]  # table in schema `marts` -> rows copied
    seconds: float

    @property
    def tables(self) -> int:
        return len(self.row_counts)

    @property
    def rows(self) -> int:
        return sum(self.row_counts.values())


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _previous_version(con: duckdb.DuckDBPyConnection, serving_path: Path) -> int:
    """Version number of the file being replaced; 0 when there is none we can read.

    `version` counts the publishes of one serving file, for people telling versions apart;
    it restarts at 1 when the previous file is missing or unreadable (`published_at` never
    goes back).
    """
    if not serving_path.exists():
        return 0
    try:
        con.execute(f"attach {_literal(str(serving_path))} as previous (read_only)")
    except duckdb.Error:
        return 0
    try:
        row = con.execute(f"select max(version) from previous.{META_SCHEMA}.publication").fetchone()
        return int(row[0] or 0)
    except duckdb.Error:
        return 0
    finally:
        con.execute("detach previous")


def _copy_marts(con: duckdb.DuckDBPyConnection, warehouse_path: Path) -> dict[str, int]:
    """Copy every relation of the source's `marts` schema, with its comments; set-based."""
    relations = con.execute(
        """
        select table_name, comment from duckdb_tables()
        where database_name = 'source' and schema_name = ?
        union all
        select view_name, comment from duckdb_views()
        where database_name = 'source' and schema_name = ? and not internal
        order by 1
        """,
        [PUBLIC_SCHEMA, PUBLIC_SCHEMA],
    ).fetchall()
    if not relations:
        raise ServingError(
            f"{warehouse_path} has no tables in schema `{PUBLIC_SCHEMA}`: run `make build` "
            "first (dbt build writes the marts there)."
        )
    columns = con.execute(
        """
        select table_name, column_name, comment, is_nullable from duckdb_columns()
        where database_name = 'source' and schema_name = ?
        order by table_name, column_index
        """,
        [PUBLIC_SCHEMA],
    ).fetchall()

    schema = _ident(PUBLIC_SCHEMA)
    con.execute(f"create schema {schema}")
    row_counts = {}
    for table, comment in relations:
        target = f"{schema}.{_ident(table)}"
        con.execute(f"create table {target} as select * from source.{target}")
        if comment:
            con.execute(f"comment on table {target} is {_literal(comment)}")
        row_counts[table] = con.execute(f"select count(*) from {target}").fetchone()[0]
    for table, column, comment, is_nullable in columns:
        target = f"{schema}.{_ident(table)}"
        if comment:
            con.execute(f"comment on column {target}.{_ident(column)} is {_literal(comment)}")
        if not is_nullable:
            # CREATE TABLE AS drops constraints: keep the contract's not-null columns visible.
            con.execute(f"alter table {target} alter column {_ident(column)} set not null")
    return row_counts


def _write_manifest(
    con: duckdb.DuckDBPyConnection,
    *,
    version: int,
    published_at: datetime,
    warehouse_path: Path,
    row_counts: dict[str, int],
) -> None:
    meta = _ident(META_SCHEMA)
    con.execute(f"create schema {meta}")
    con.execute(
        f"""
        create table {meta}.publication as select
            cast(? as bigint) as version,
            cast(? as timestamp) as published_at,
            cast(? as timestamp) as source_modified_at,
            cast(? as varchar) as source_path,
            cast(? as integer) as tables,
            cast(? as bigint) as total_rows,
            cast(? as varchar) as duckdb_version
        """,
        [
            version,
            published_at,
            datetime.fromtimestamp(warehouse_path.stat().st_mtime, timezone.utc).replace(
                tzinfo=None
            ),
            str(warehouse_path.resolve()),
            len(row_counts),
            sum(row_counts.values()),
            duckdb.__version__,
        ],
    )
    con.execute(
        f"create table {meta}.published_tables "
        "(version bigint, table_schema varchar, table_name varchar, row_count bigint)"
    )
    con.executemany(
        f"insert into {meta}.published_tables values (?, ?, ?, ?)",
        [[version, PUBLIC_SCHEMA, table, rows] for table, rows in row_counts.items()],
    )
    for statement in (
        f"comment on table {meta}.publication is 'One row: which publication of the marts "
        "this file holds. version rises by 1 with each publish; published_at is UTC.'",
        f"comment on table {meta}.published_tables is 'Rows of each table of schema marts "
        "in this publication.'",
    ):
        con.execute(statement)


def _fsync(path: Path) -> None:
    """Flush a file (or, on POSIX, a directory entry) to disk; best effort elsewhere."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def publish(warehouse_path: str | Path, serving_path: str | Path) -> PublishResult:
    """Copy schema `marts` of the warehouse into a new file, then rename it over the serving file."""
    started = time.perf_counter()
    warehouse_path = Path(warehouse_path)
    serving_path = Path(serving_path)
    if not warehouse_path.is_file():
        raise ServingError(f"No warehouse file at {warehouse_path}: run `make build` first.")
    if warehouse_path.resolve() == serving_path.resolve():
        raise ServingError("The serving file must not be the warehouse file dbt builds.")
    serving_path.parent.mkdir(parents=True, exist_ok=True)

    # Same folder as the serving file, so the final rename stays on one file system.
    temporary = serving_path.with_name(f".{serving_path.name}.{os.getpid()}.publishing")
    temporary_wal = temporary.with_name(temporary.name + ".wal")
    for leftover in (temporary, temporary_wal):
        leftover.unlink(missing_ok=True)

    published_at = datetime.now(timezone.utc).replace(tzinfo=None)
    try:
        con = duckdb.connect(str(temporary))
        try:
            version = _previous_version(con, serving_path) + 1
            try:
                con.execute(f"attach {_literal(str(warehouse_path))} as source (read_only)")
            except duckdb.IOException as error:
                raise ServingError(
                    f"Cannot open {warehouse_path} read-only: is a dbt build writing it? "
                    f"Publish after it finishes. ({error})"
                ) from error
            # One transaction: every table is read from the same snapshot of the warehouse.
            con.execute("begin transaction")
            row_counts = _copy_marts(con, warehouse_path)
            _write_manifest(
                con,
                version=version,
                published_at=published_at,
                warehouse_path=warehouse_path,
                row_counts=row_counts,
            )
            con.execute("commit")
            con.execute("detach source")
            con.execute("checkpoint")
        finally:
            con.close()
        _fsync(temporary)
        # A WAL left by someone opening the serving file read-write belongs to the old file.
        serving_path.with_name(serving_path.name + ".wal").unlink(missing_ok=True)
        os.replace(temporary, serving_path)
        _fsync(serving_path.parent)
    except BaseException:
        for leftover in (temporary, temporary_wal):
            leftover.unlink(missing_ok=True)
        raise
    return PublishResult(
        serving_path=serving_path,
        version=version,
        published_at=published_at,
        row_counts=row_counts,
        seconds=time.perf_counter() - started,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="revops-publish",
        description="Publish the public marts of the warehouse dbt built into the serving "
        "file BI tools read (atomically: readers see the old or the new version, never a mix).",
    )
    parser.add_argument(
        "--warehouse",
        default=os.environ.get("REVOPS_WAREHOUSE_PATH", DEFAULT_WAREHOUSE_PATH),
        help="warehouse file dbt built (env REVOPS_WAREHOUSE_PATH, default %(default)s)",
    )
    parser.add_argument(
        "--serving",
        default=os.environ.get("REVOPS_SERVING_PATH", DEFAULT_SERVING_PATH),
        help="serving file to replace (env REVOPS_SERVING_PATH, default %(default)s)",
    )
    args = parser.parse_args(argv)
    try:
        result = publish(args.warehouse, args.serving)
    except ServingError as error:
        print(f"revops-publish: {error}", file=sys.stderr)
        return 1
    print(
        f"revops-publish: {result.tables} tables, {result.rows:,} rows of schema "
        f"`{PUBLIC_SCHEMA}` published to {result.serving_path} as version {result.version} "
        f"in {result.seconds:.2f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
