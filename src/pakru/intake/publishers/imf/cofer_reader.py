"""Reader for the IMF COFER export (Currency Composition of Official Foreign Exchange Reserves).

The IMF data portal exports one row per series with one column per period: annual columns
(``1999``) and quarterly columns (``1999-Q1``) side by side. Each row is identified by a
series code such as ``G001.AFXRA.CI_CNY.SHRO_PT.Q``:

* ``G001``      the reporting area (World)
* ``AFXRA``     allocated FX reserves (``UFXRA`` = unallocated)
* ``CI_CNY``    claims in that currency (``CI_T`` = all currencies, ``CI_OTHC`` = other currencies)
* ``SHRO_PT``   share in percent (``NV_USD`` = nominal value in US dollars)
* ``Q`` / ``A`` quarterly or annual

:func:`read_cofer` turns the wide export into one row per (series, period); :func:`cofer_shares`
picks the currency shares of allocated reserves that the report charts.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd

__all__ = ["read_cofer", "cofer_shares", "parse_series_code"]

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")

# The two currency codes COFER uses that are not ISO 4217 codes.
_CURRENCY_ALIASES = {"T": "ALL", "OTHC": "OTHER"}


def parse_series_code(code: str) -> dict[str, str]:
    """Split an IMF COFER series code into its parts.

    >>> parse_series_code("G001.AFXRA.CI_CNY.SHRO_PT.Q")["currency"]
    'CNY'
    """
    parts = code.split(".")
    if len(parts) != 5 or not parts[2].startswith("CI_"):
        raise ValueError(f"not a COFER series code: {code!r}")
    area, indicator, claims, measure, freq = parts
    raw = claims[len("CI_"):]
    return {
        "area": area,
        "indicator": indicator,
        "currency": _CURRENCY_ALIASES.get(raw, raw),
        "measure": measure,
        "frequency": {"Q": "quarter", "A": "year"}.get(freq, freq),
    }


@functools.lru_cache(maxsize=4096)  # an export repeats each period column on every row: 1,400 calls, 200 labels
def _period_bounds(label: str) -> tuple[pd.Timestamp, pd.Timestamp, str]:
    """First and last day of a period column (``2022-Q1`` or ``2022``) and its type."""
    m = _QUARTER.match(label)
    if m:
        period = pd.Period(year=int(m.group(1)), quarter=int(m.group(2)), freq="Q")
        return period.start_time.normalize(), period.end_time.normalize(), "quarter"
    m = _YEAR.match(label)
    if m:
        year = int(m.group(1))
        return pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31), "year"
    raise ValueError(f"not a COFER period column: {label!r}")


def read_cofer(path: Path) -> pd.DataFrame:
    """Read an IMF COFER CSV export into one row per series and period.

    Columns: ``series_code``, ``area``, ``indicator``, ``currency`` (ISO code, or ``ALL`` /
    ``OTHER``), ``measure`` (``SHRO_PT`` share in percent, ``NV_USD`` nominal value),
    ``frequency`` (``quarter``/``year``), ``period`` (the export's column label),
    ``period_start``, ``period_end``, ``value`` (float). Empty cells (no observation, e.g.
    the renminbi before 2016-Q4) are dropped, not filled.

    Only the period columns that match the row's own frequency are kept: the export repeats
    every period column on every row, and an annual row has nothing in the quarterly ones.
    """
    wide = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "SERIES_CODE" not in wide.columns:
        raise ValueError(f"{path}: no SERIES_CODE column; is this an IMF COFER export?")
    period_cols = [c for c in wide.columns if _QUARTER.match(c) or _YEAR.match(c)]
    long = wide.melt(id_vars=["SERIES_CODE"], value_vars=period_cols, var_name="period", value_name="raw")
    long = long[long["raw"].str.strip() != ""]

    parts = pd.DataFrame([parse_series_code(c) for c in long["SERIES_CODE"]], index=long.index)
    bounds = pd.DataFrame([_period_bounds(p) for p in long["period"]], index=long.index,
                          columns=["period_start", "period_end", "period_type"])
    out = pd.concat([long[["SERIES_CODE", "period"]].rename(columns={"SERIES_CODE": "series_code"}),
                     parts, bounds], axis=1)
    out["value"] = long["raw"].astype(float)
    # a quarterly series only has observations in quarterly columns, and vice versa
    out = out[out["frequency"] == out["period_type"]].drop(columns="period_type")
    return out.sort_values(["series_code", "period_start"]).reset_index(drop=True)


def cofer_shares(path: Path, currencies: tuple[str, ...] = ("USD", "EUR", "CNY"),
                 frequency: str = "quarter") -> pd.DataFrame:
    """World currency shares of *allocated* FX reserves, in percent, long format.

    Columns: ``currency``, ``period_start``, ``period_end``, ``share_pct``, ``series_code``.
    Shares are of allocated reserves only (reserves whose currency the reporting central
    banks disclose), which is how the IMF publishes them; the unallocated part is not in the
    denominator.
    """
    frame = read_cofer(path)
    picked = frame[(frame["indicator"] == "AFXRA") & (frame["measure"] == "SHRO_PT")
                   & (frame["frequency"] == frequency) & (frame["currency"].isin(currencies))]
    out = picked.rename(columns={"value": "share_pct"})[
        ["currency", "period_start", "period_end", "share_pct", "series_code"]]
    return out.sort_values(["currency", "period_start"]).reset_index(drop=True)
