"""Benchmark: generator throughput and `dbt build` time at a few scales. Prints its figures.

Usage: python scripts/benchmark.py [--scales 400,4000,20000] [--keep DIR]
Never a test: timings depend on the machine, so they are printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

from revops.synth.cli import generate

PROJECT_DIR = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="400,4000,20000", help="comma-separated account counts")
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--keep", help="folder to keep the files in (default: a temp folder)")
    args = parser.parse_args()
    root = Path(args.keep or tempfile.mkdtemp(prefix="revops-bench-"))
    dbt = Path(sys.executable).parent / "dbt"
    print(f"{'accounts':>9} {'raw rows':>11} {'generate s':>11} {'rows/s':>10} {'dbt build s':>12}")
    for accounts in (int(s) for s in args.scales.split(",")):
        workdir = root / str(accounts)
        workdir.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        generate(
            accounts=accounts,
            months=args.months,
            seed=7,
            end_date=date(2026, 10, 15),
            mess_rate=0.02,
            out=workdir / "raw.duckdb",
            truth_path=workdir / "truth.duckdb",
        )
        gen_s = time.perf_counter() - started
        with duckdb.connect(str(workdir / "raw.duckdb"), read_only=True) as con:
            tables = con.execute(
                "select table_schema, table_name from information_schema.tables"
            ).fetchall()
            rows = sum(
                con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in tables
            )
        env = {
            **os.environ,
            "DBT_PROFILES_DIR": str(PROJECT_DIR),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "REVOPS_RAW_PATH": str(workdir / "raw.duckdb"),
            "REVOPS_WAREHOUSE_PATH": str(workdir / "warehouse.duckdb"),
            "DBT_TARGET_PATH": str(workdir / "target"),
            "DBT_LOG_PATH": str(workdir / "logs"),
        }
        started = time.perf_counter()
        result = subprocess.run(
            [str(dbt), "build", "--quiet"], cwd=PROJECT_DIR, env=env, capture_output=True, text=True
        )
        build_s = time.perf_counter() - started
        status = "" if result.returncode == 0 else "  (dbt build FAILED)"
        print(
            f"{accounts:>9,} {rows:>11,} {gen_s:>11.1f} {rows / gen_s:>10,.0f} {build_s:>12.1f}{status}"
        )
    print(f"files in {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
