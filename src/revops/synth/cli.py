"""`revops-synth`: write the raw landing file and its ground truth."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from .mess import Mess
from .tables import FxRates
from .world import World
from .writer import write_raw, write_truth

DEFAULT_FX = Path(__file__).resolve().parents[3] / "seeds" / "fx_rates.csv"


def generate(
    *,
    accounts: int,
    months: int,
    seed: int,
    end_date: date,
    mess_rate: float,
    out: str | Path,
    truth_path: str | Path,
    fx_path: str | Path = DEFAULT_FX,
) -> World:
    """Simulate, inject messy rows, write both files; returns the world for inspection."""
    world = World(
        accounts=accounts,
        months=months,
        seed=seed,
        end_date=end_date,
        fx=FxRates(fx_path),
        mess_rate=mess_rate,
    )
    world.simulate()
    live = world.billing.invoices
    as_of = max((inv["created_at"].date() for inv in live), default=end_date)
    world.truth.meta.update(
        {
            "seed": seed,
            "accounts": accounts,
            "months": months,
            "mess_rate": mess_rate,
            "start_date": world.start_date,
            "end_date": end_date,
            "as_of_date": as_of,
            "reporting_currency": "USD",
        }
    )
    world.record_mrr(as_of)
    world.truth.invoices = live
    world.truth.refunds = world.billing.refunds
    Mess(world.raw, world.truth, mess_rate, seed).inject()
    write_raw(world.raw, out)
    write_truth(world.truth, truth_path)
    return world


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="revops-synth", description=__doc__)
    parser.add_argument(
        "--accounts", type=int, default=400, help="companies simulated (default 400)"
    )
    parser.add_argument("--months", type=int, default=24, help="months of history (default 24)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument(
        "--end-date",
        type=date.fromisoformat,
        default=date(2026, 10, 15),
        help="last day simulated, the as-of date (default 2026-10-15)",
    )
    parser.add_argument(
        "--mess-rate",
        type=float,
        default=0.02,
        help="share of rows per table given each kind of messiness (default 0.02)",
    )
    parser.add_argument("--out", default="data/raw.duckdb", help="raw DuckDB file to write")
    parser.add_argument(
        "--truth", default="data/truth.duckdb", help="ground-truth DuckDB file to write"
    )
    parser.add_argument("--fx-rates", default=str(DEFAULT_FX), help="fx_rates seed CSV")
    args = parser.parse_args(argv)
    if args.accounts < 1 or args.months < 1 or not 0 <= args.mess_rate < 0.5:
        parser.error("--accounts and --months must be positive and --mess-rate in [0, 0.5)")
    started = time.perf_counter()
    try:
        world = generate(
            accounts=args.accounts,
            months=args.months,
            seed=args.seed,
            end_date=args.end_date,
            mess_rate=args.mess_rate,
            out=args.out,
            truth_path=args.truth,
            fx_path=args.fx_rates,
        )
    except ValueError as error:
        print(f"revops-synth: {error}", file=sys.stderr)
        return 2
    rows = sum(len(r) for r in world.raw.rows.values())
    print(
        f"revops-synth: {args.accounts} companies, {world.start_date} to {args.end_date}, "
        f"seed {args.seed}: {rows:,} raw rows in {time.perf_counter() - started:.1f}s"
    )
    print(f"  raw data:     {args.out}")
    print(f"  ground truth: {args.truth} (as of {world.truth.meta['as_of_date']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
