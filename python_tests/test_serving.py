"""The serving file: BI readers never block a build and never see a half-published file."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import run_dbt
from revops.serving import ServingError, publish

# A BI reader, as its own process. `loop`: for each read, open a connection, read the row
# count and MRR total of fct_mrr and the publication's version in one transaction, close.
# `hold`: one connection kept open across every publish, read at start and at the end.
READER = r"""
import json, sys, time
from pathlib import Path
import duckdb

mode, serving, out, stop = sys.argv[1], sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
QUERY = '''
    select
        (select count(*) from marts.fct_mrr),
        (select cast(sum(mrr) as varchar) from marts.fct_mrr),
        (select version from serving_meta.publication),
        (select cast(published_at as varchar) from serving_meta.publication)
'''

def read(con):
    con.execute("begin transaction")
    rows, mrr, version, published_at = con.execute(QUERY).fetchone()
    con.execute("commit")
    return {"rows": rows, "mrr": mrr, "version": version, "published_at": published_at}

with out.open("a") as sink:
    def record(entry):
        sink.write(json.dumps(entry) + "\n")
        sink.flush()

    held = duckdb.connect(serving, read_only=True) if mode == "hold" else None
    if held is not None:
        record({"when": "start", **read(held)})
    while not stop.exists():
        if held is None:
            try:
                con = duckdb.connect(serving, read_only=True)
                try:
                    record(read(con))
                finally:
                    con.close()
            except Exception as error:
                record({"error": repr(error)})
        time.sleep(0.05)
    if held is not None:
        record({"when": "end", **read(held)})
        held.close()
"""


def figures(serving: Path) -> dict:
    """What a reader must see of one published version."""
    con = duckdb.connect(str(serving), read_only=True)
    try:
        rows, mrr = con.execute(
            "select count(*), cast(sum(mrr) as varchar) from marts.fct_mrr"
        ).fetchone()
        version, published_at = con.execute(
            "select version, cast(published_at as varchar) from serving_meta.publication"
        ).fetchone()
    finally:
        con.close()
    return {"rows": rows, "mrr": mrr, "version": version, "published_at": published_at}


def read_lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture()
def workdir(built: Path, tmp_path: Path) -> Path:
    """A copy of the built warehouse, so rebuilding it leaves the shared one untouched."""
    for name in ("raw.duckdb", "warehouse.duckdb"):
        shutil.copyfile(built / name, tmp_path / name)
    return tmp_path


def test_readers_see_one_whole_version_while_dbt_builds_and_publish_replaces(workdir: Path):
    warehouse, serving = workdir / "warehouse.duckdb", workdir / "serving.duckdb"
    stop, loop_out, hold_out = workdir / "stop", workdir / "loop.jsonl", workdir / "hold.jsonl"

    first = publish(warehouse, serving)
    old = figures(serving)
    assert first.version == 1 and old["version"] == 1
    assert first.row_counts["fct_mrr"] == old["rows"]

    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, mode, str(serving), str(out), str(stop)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for mode, out in (("loop", loop_out), ("hold", hold_out))
    ]
    try:
        assert wait_for(lambda: read_lines(loop_out) and read_lines(hold_out), 30), (
            "readers never read"
        )
        # The working file is rebuilt while readers hold the serving file open: an earlier
        # as-of date, so fct_mrr loses months and the two versions differ. Only the revenue
        # models downstream of the reporting calendar, to keep the test short.
        started = time.monotonic()
        rebuilt = run_dbt(
            workdir,
            "run",
            "--select",
            "int_calendar_months+,path:models/intermediate/revenue",
            "int_calendar_months+,path:models/marts/revenue",
            "--vars",
            "{as_of_date: '2026-03-31'}",
        )
        assert rebuilt.returncode == 0, rebuilt.stdout[-4000:]
        build_seconds = time.monotonic() - started
        reads_during_build = len(read_lines(loop_out))

        second = publish(warehouse, serving)
        assert second.version == 2
        assert wait_for(
            lambda: sum(r.get("version") == 2 for r in read_lines(loop_out)) >= 20, 30
        ), "the reader did not see the new version"
    finally:
        stop.touch()
        errors = []
        for reader in readers:
            try:
                errors.append(reader.communicate(timeout=30)[1])
            except subprocess.TimeoutExpired:
                reader.kill()
                errors.append(reader.communicate()[1])
    assert [reader.returncode for reader in readers] == [0, 0], errors

    new = figures(serving)
    assert new["version"] == 2
    assert new["rows"] < old["rows"], "the rebuilt version should have fewer months"
    assert second.row_counts["fct_mrr"] == new["rows"]

    reads = read_lines(loop_out)
    assert [r for r in reads if "error" in r] == []
    seen = {r["version"] for r in reads}
    assert seen == {1, 2}
    # Every read is exactly one whole version: its rows, total and manifest together.
    assert [r for r in reads if r not in (old, new)] == []
    # A reader that connected before the publish keeps reading the version it opened.
    held = read_lines(hold_out)
    assert [r["when"] for r in held] == ["start", "end"]
    assert [{k: v for k, v in r.items() if k != "when"} for r in held] == [old, old]
    print(
        f"\ndbt run: {build_seconds:.1f}s; publish: {first.seconds:.2f}s and {second.seconds:.2f}s; "
        f"{len(reads)} reads ({reads_during_build} before the second publish), "
        f"{sum(r['version'] == 1 for r in reads)} of version 1, "
        f"{sum(r['version'] == 2 for r in reads)} of version 2"
    )


def test_publish_copies_tables_rows_and_comments(built: Path, tmp_path: Path):
    result = publish(built / "warehouse.duckdb", tmp_path / "serving.duckdb")
    con = duckdb.connect(str(tmp_path / "serving.duckdb"), read_only=True)
    con.execute(f"attach '{built / 'warehouse.duckdb'}' as source (read_only)")
    try:
        tables = """
            select table_name, comment from duckdb_tables()
            where database_name = ? and schema_name = 'marts' order by table_name
        """
        source_tables = con.execute(tables, ["source"]).fetchall()
        assert con.execute(tables, ["serving"]).fetchall() == source_tables
        assert "fct_mrr" in dict(source_tables)
        assert all(comment for _, comment in source_tables), "persist_docs wrote no comment"

        columns = """
            select table_name, column_name, data_type, is_nullable, comment
            from duckdb_columns()
            where database_name = ? and schema_name = 'marts'
            order by table_name, column_index
        """
        assert (
            con.execute(columns, ["serving"]).fetchall()
            == con.execute(columns, ["source"]).fetchall()
        )
        comment = con.execute(
            "select comment from duckdb_columns() where database_name = 'serving' "
            "and table_name = 'fct_mrr' and column_name = 'movement'"
        ).fetchone()[0]
        assert comment.startswith("**Movement**, per customer and month")

        for table, _ in source_tables:
            count = f"select count(*) from {{}}.marts.{table}"
            rows = con.execute(count.format("serving")).fetchone()[0]
            assert rows == con.execute(count.format("source")).fetchone()[0]
            assert result.row_counts[table] == rows
        assert con.execute(
            "select version, tables, total_rows from serving_meta.publication"
        ).fetchone() == (1, len(source_tables), result.rows)
        assert (
            con.execute(
                "select count(*) from serving_meta.published_tables where version = 1"
            ).fetchone()[0]
            == result.tables
        )
    finally:
        con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["serving.duckdb"], "temp file left"


def test_publish_without_marts_says_to_build_first(tmp_path: Path):
    duckdb.connect(str(tmp_path / "empty.duckdb")).close()
    with pytest.raises(ServingError, match="make build"):
        publish(tmp_path / "empty.duckdb", tmp_path / "serving.duckdb")
    with pytest.raises(ServingError, match="make build"):
        publish(tmp_path / "missing.duckdb", tmp_path / "serving.duckdb")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.duckdb"]
