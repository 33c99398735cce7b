"""Readers for transcriptions of the SWIFT RMB Tracker (renminbi share of payments on SWIFT).

SWIFT publishes the tracker only as monthly PDF reports. Two CSV transcriptions of them are
read here, and both come out in one tidy shape:

``transcription``
    one row per **data month** (``month`` = ``2024-07``) with the renminbi's global share and
    rank, its share and rank excluding payments inside the euro area, and the US dollar's and
    euro's global shares from the report's currency table.
``cisembayer``
    two files from a student project's extraction of the same PDFs:

    * a ``*_clean`` file, one row per **data month** written as its first day (``date`` =
      ``2025-07-01``) with the renminbi's global and ex-euro-area shares and global rank;
    * an ``*_extracted`` currency table, one row per **report month** (``date`` =
      ``2025-08-01`` for the August 2025 report), one column per currency.

The report published in month M describes month M-1, so the currency-table reader moves each
row back one month. Getting this wrong shifts the whole series by a month, which is why the
readers return the data month explicitly rather than passing dates through.

Tidy columns (every reader): ``series`` (``swift_global`` or ``swift_ex_ez``), ``currency``
(ISO code), ``period_start`` / ``period_end`` (first and last day of the data month),
``share_pct`` (float, percent of payments by value), ``rank`` (nullable integer),
``source_file``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = [
    "read_rmb_tracker",
    "transcription_layout",
    "read_transcription",
    "read_cisembayer_tracker",
    "read_cisembayer_currency_table",
    "TIDY_COLUMNS",
]

TIDY_COLUMNS = ["series", "currency", "period_start", "period_end", "share_pct", "rank", "source_file"]

_TRANSCRIPTION_HEADER = {"month", "rmb_share_global_pct", "rmb_share_excl_eurozone_pct"}
_CLEAN_HEADER = {"date", "rmb_global_share_pct", "rmb_international_share_pct"}
_TABLE_HEADER = {"date", "pdf", "USD", "EUR", "CNY"}
# columns of the student project's table that are its own derivations, not SWIFT figures
_TABLE_DERIVED = {"date", "pdf", "R5_proxy", "quarter", "HHI_month"}


def _month_bounds(starts: pd.Series) -> tuple[pd.Series, pd.Series]:
    start = pd.to_datetime(starts).dt.to_period("M").dt.start_time.dt.normalize()
    end = pd.to_datetime(starts).dt.to_period("M").dt.end_time.dt.normalize()
    return start, end


def _tidy(rows: list[pd.DataFrame]) -> pd.DataFrame:
    out = pd.concat(rows, ignore_index=True)
    out["share_pct"] = out["share_pct"].astype(float)
    out["rank"] = out["rank"].astype("Int64")
    out = out[TIDY_COLUMNS]
    return out.sort_values(["series", "currency", "period_start"]).reset_index(drop=True)


def read_transcription(path: Path) -> pd.DataFrame:
    """Read our month-by-month transcription of the RMB Tracker PDFs (``month`` column)."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = _TRANSCRIPTION_HEADER - set(raw.columns)
    if missing:
        raise ValueError(f"{path}: not an RMB Tracker transcription (missing {sorted(missing)})")
    raw = raw[raw["month"].str.strip() != ""]
    start, end = _month_bounds(raw["month"] + "-01")
    source = raw["source_pdf"] if "source_pdf" in raw else pd.Series(path.name, index=raw.index)

    def block(series: str, currency: str, share_col: str, rank_col: str | None) -> pd.DataFrame:
        ranks = raw[rank_col].replace("", None) if rank_col else None
        return pd.DataFrame({
            "series": series, "currency": currency, "period_start": start, "period_end": end,
            "share_pct": raw[share_col], "rank": pd.to_numeric(ranks) if ranks is not None else pd.NA,
            "source_file": source,
        })

    rows = [
        block("swift_global", "CNY", "rmb_share_global_pct", "rmb_rank_global"),
        block("swift_ex_ez", "CNY", "rmb_share_excl_eurozone_pct", "rmb_rank_excl_eurozone"),
    ]
    # the dollar and euro shares come from the report's currency table; no rank is kept
    for col, cur in (("usd_share_global_pct", "USD"), ("eur_share_global_pct", "EUR")):
        if col in raw:
            b = block("swift_global", cur, col, None)
            rows.append(b[b["share_pct"].str.strip() != ""])
    return _tidy(rows)


def read_cisembayer_tracker(path: Path) -> pd.DataFrame:
    """Read the student project's ``swift_rmb_tracker_clean.csv`` (``date`` = data month)."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = _CLEAN_HEADER - set(raw.columns)
    if missing:
        raise ValueError(f"{path}: not a cisembayer RMB tracker file (missing {sorted(missing)})")
    start, end = _month_bounds(raw["date"])
    ranks = pd.to_numeric(raw["rmb_global_rank"].replace("", None)) if "rmb_global_rank" in raw else pd.NA
    common = {"currency": "CNY", "period_start": start, "period_end": end, "source_file": path.name}
    rows = [
        pd.DataFrame({"series": "swift_global", "share_pct": raw["rmb_global_share_pct"], "rank": ranks, **common}),
        # this file carries no ex-euro-area rank
        pd.DataFrame({"series": "swift_ex_ez", "share_pct": raw["rmb_international_share_pct"], "rank": pd.NA,
                      **common}),
    ]
    return _tidy(rows)


def read_cisembayer_currency_table(path: Path) -> pd.DataFrame:
    """Read the student project's currency table (``date`` = **report** month).

    Each row is moved back to its data month (report month minus one). Blank cells (the
    currency was not in that month's top-20 table) are dropped.
    """
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = _TABLE_HEADER - set(raw.columns)
    if missing:
        raise ValueError(f"{path}: not a cisembayer currency table (missing {sorted(missing)})")
    data_month = pd.to_datetime(raw["date"]) - pd.DateOffset(months=1)
    raw = raw.assign(_data_month=data_month)
    currencies = [c for c in raw.columns if c not in _TABLE_DERIVED and c != "_data_month"]
    long = raw.melt(id_vars=["_data_month", "pdf"], value_vars=currencies, var_name="currency",
                    value_name="share_pct")
    long = long[long["share_pct"].str.strip() != ""]
    start, end = _month_bounds(long["_data_month"])
    out = pd.DataFrame({
        "series": "swift_global", "currency": long["currency"], "period_start": start, "period_end": end,
        "share_pct": long["share_pct"], "rank": pd.NA, "source_file": long["pdf"],
    })
    return _tidy([out])


def transcription_layout(path: Path) -> str:
    """Which transcription a file is, from its header: ``transcription``, ``cisembayer_clean`` or
    ``cisembayer_table``."""
    header = set(pd.read_csv(path, nrows=0).columns)
    if _TRANSCRIPTION_HEADER <= header:
        return "transcription"
    if _CLEAN_HEADER <= header:
        return "cisembayer_clean"
    if _TABLE_HEADER <= header:
        return "cisembayer_table"
    raise ValueError(f"{path}: header matches no known RMB Tracker transcription: {sorted(header)}")


def read_rmb_tracker(path: Path) -> pd.DataFrame:
    """Read any of the three transcription files, choosing the reader from the header."""
    readers = {"transcription": read_transcription, "cisembayer_clean": read_cisembayer_tracker,
               "cisembayer_table": read_cisembayer_currency_table}
    return readers[transcription_layout(path)](path)
