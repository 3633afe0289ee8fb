"""Shared fixtures: a warehouse built by dbt from freshly generated data, in a temp folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

from revops.synth.cli import generate

PROJECT_DIR = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).parent / "dbt"

# A messy sample at a seed other than the README's, so nothing is tuned to one data set.
SAMPLE = {
    "accounts": 400,
    "months": 24,
    "seed": 11,
    "end_date": date(2026, 10, 15),
    "mess_rate": 0.03,
}


def dbt_env(workdir: Path) -> dict[str, str]:
    """Environment that points dbt at files under `workdir`, never the developer's."""
    return {
        **os.environ,
        "DBT_PROFILES_DIR": str(PROJECT_DIR),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
        "REVOPS_RAW_PATH": str(workdir / "raw.duckdb"),
        "REVOPS_WAREHOUSE_PATH": str(workdir / "warehouse.duckdb"),
        "DBT_TARGET_PATH": str(workdir / "target"),
        "DBT_LOG_PATH": str(workdir / "logs"),
    }


def run_dbt(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(DBT), *args], cwd=PROJECT_DIR, env=dbt_env(workdir), capture_output=True, text=True
    )


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Path:
    """Generate the sample once: the folder holding raw.duckdb and truth.duckdb."""
    workdir = tmp_path_factory.mktemp("warehouse")
    generate(out=workdir / "raw.duckdb", truth_path=workdir / "truth.duckdb", **SAMPLE)
    return workdir


@pytest.fixture(scope="session")
def built(sample: Path) -> Path:
    """Run `dbt build` over the sample; returns the folder holding every file."""
    workdir = sample
    result = run_dbt(workdir, "build")
    if result.returncode != 0:
        pytest.fail(f"dbt build failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}")
    return workdir


@pytest.fixture(scope="session")
def docs_target(built: Path) -> Path:
    """`dbt docs generate --static` over the built warehouse, once per session: the folder
    holding its manifest.json, catalog.json, index.html and static_index.html.

    It writes into its own target folder (a copy of the build's, for partial parsing),
    because docs generate also rewrites run_results.json, which other tests read.
    """
    target = built / "docs_target"
    shutil.copytree(built / "target", target, dirs_exist_ok=True)
    result = run_dbt(built, "docs", "generate", "--static", "--target-path", str(target))
    if result.returncode != 0:
        pytest.fail(f"dbt docs generate failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}")
    return target


@pytest.fixture(scope="session")
def run_results(built: Path) -> list[dict]:
    return json.loads((built / "target" / "run_results.json").read_text())["results"]


@pytest.fixture()
def wh(built: Path):
    """Read-only connection to the built warehouse, with the truth attached as `truth`."""
    con = duckdb.connect(str(built / "warehouse.duckdb"), read_only=True)
    con.execute(f"attach '{built / 'truth.duckdb'}' as truth (read_only)")
    con.execute(f"attach '{built / 'raw.duckdb'}' as raw (read_only)")
    yield con
    con.close()


def scalar(con: duckdb.DuckDBPyConnection, sql: str):
    return con.execute(sql).fetchone()[0]
