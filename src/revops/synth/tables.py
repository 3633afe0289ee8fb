"""Row buffers for the raw and truth tables, and the small time helpers the simulation uses."""

from __future__ import annotations

import calendar
import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from .schema import RAW_TABLES, columns


def add_months(day: date | datetime, months: int) -> date | datetime:
    """Same day-of-month `months` later, clamped to the month's last day (Stripe's rule)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def month_start(day: date | datetime) -> date:
    return date(day.year, day.month, 1)


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def at(day: date, seconds: int = 0) -> datetime:
    """A timestamp `seconds` into `day` (UTC)."""
    return datetime.combine(day, time()) + timedelta(seconds=seconds)


class FxRates:
    """Monthly rates to USD from the fx_rates seed, the same file dbt loads."""

    def __init__(self, path: str | Path):
        self.rates: dict[tuple[date, str], float] = {}
        with open(path, newline="") as handle:
            for row in csv.DictReader(handle):
                month = date.fromisoformat(row["date_month"])
                self.rates[(month, row["currency"].upper())] = float(row["rate_to_usd"])
        months = sorted({m for m, _ in self.rates})
        self.first_month, self.last_month = months[0], months[-1]

    def to_usd(self, currency: str, day: date | datetime) -> float:
        key = (month_start(day), currency.upper())
        if key not in self.rates:
            raise ValueError(
                f"fx_rates has no {currency.upper()} rate for {key[0]:%Y-%m}: "
                f"extend seeds/fx_rates.csv (it covers {self.first_month:%Y-%m} to "
                f"{self.last_month:%Y-%m}) or generate a window inside it."
            )
        return self.rates[key]


@dataclass
class Ids:
    """Sequential, prefixed ids: deterministic because companies are simulated in order."""

    counters: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def next(self, prefix: str, width: int = 8) -> str:
        self.counters[prefix] += 1
        return f"{prefix}{self.counters[prefix]:0{width}d}"


class RawTables:
    """Column-ordered row buffers, one per raw table of schema.RAW_TABLES."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], list[tuple]] = {key: [] for key in RAW_TABLES}
        self.names = {key: [name for name, _ in columns(*key)] for key in RAW_TABLES}
        self.name_sets = {key: frozenset(names) for key, names in self.names.items()}

    def add(self, schema: str, table: str, synced: datetime, **values) -> tuple:
        """Append one row; every contract column must be given (None for null)."""
        names = self.names[(schema, table)]
        values["_fivetran_synced"] = synced
        if values.keys() != self.name_sets[(schema, table)]:
            missing = self.name_sets[(schema, table)] - values.keys()
            extra = values.keys() - self.name_sets[(schema, table)]
            raise KeyError(f"{schema}.{table}: missing {sorted(missing)}, unknown {sorted(extra)}")
        row = tuple(values[name] for name in names)
        self.rows[(schema, table)].append(row)
        return row
