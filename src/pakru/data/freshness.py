"""How current the report's evidence is: the latest period each series the body uses reaches,
and, for a publisher with a known schedule, whether a release after the one held is due or
overdue at the edition's date, and how to bring it in.

The series are declared here, once, with their schedules (monthly, quarterly, each March), as
data: the title block's "Latest data" line and its "newer releases due" list read them, so an
edition never passes stale figures off as the latest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True)
class Series:
    """One series the report's body states, and how its publisher releases it."""

    key: str
    topic: str            # what the reader knows it as: "goods trade", "arms-supplier shares"
    publisher: str        # who publishes the figures (not who relayed them)
    dataset: str          # the dataset in data/ that holds it
    match: tuple[tuple[str, str], ...]  # (column, value) pairs that pick its rows
    cadence: str          # "monthly", "quarterly", "yearly"
    lag_days: int         # from the end of a period to its release, as the publisher usually takes
    how: str              # the command (or step) that brings a new release in
    release_month: int = 0  # yearly releases: the month they come out (SIPRI: March)


SERIES: tuple[Series, ...] = (
    # the State Bank's country workbooks: a month's figures come out in the third or fourth week
    # of the next month (the March 2026 workbook was published on 15 April 2026)
    Series("sbp", "goods trade", "State Bank of Pakistan", "trade_observations",
           (("series", "SBP, goods settled through banks"),), "monthly", 30, "pakru update sbp"),
    # SIPRI's "Trends in international arms transfers" comes out each March with the five years to
    # the end of the previous year
    Series("sipri_shares", "arms-supplier shares", "SIPRI", "supplier_shares", (("recipient", "Pakistan"),),
           "yearly", 0, "enter the new release's shares in data/defence/supplier_shares.csv", release_month=3),
    Series("cbr", "rouble share of Russia's export receipts", "Bank of Russia", "currency_shares",
           (("series", "cbr_exports"), ("currency", "RUB")), "monthly", 75,
           "add the new figures to data/payments/currency_shares.csv with their source"),
    # SWIFT's RMB Tracker for a month is published in the third or fourth week of the next one
    Series("swift", "yuan's share of SWIFT payments", "SWIFT", "currency_shares",
           (("series", "swift_global"), ("currency", "CNY")), "monthly", 30,
           "download the RMB Tracker and run pakru import swift-rmb FILE"),
    # COFER: a quarter's reserve shares come out about three months after it ends
    Series("cofer", "yuan's share of world reserves", "IMF COFER", "currency_shares",
           (("series", "imf_cofer"), ("currency", "CNY")), "quarterly", 92, "pakru update imf"),
)


@dataclass(frozen=True)
class Held:
    """The latest period of a series the data hold."""

    series: Series
    end: date
    label: str
    provisional: bool = False


@dataclass(frozen=True)
class Due:
    """A release after the one held: what it covers, when it was (or is) due, how to get it."""

    series: Series
    held: str
    next_label: str
    due_by: date
    overdue: bool


def _rows(frame: pd.DataFrame, series: Series) -> pd.DataFrame:
    rows = frame
    for column, value in series.match:
        if column not in rows.columns:
            return rows.iloc[0:0]
        rows = rows[rows[column] == value]
    return rows


def _month_label(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.year}"


def _label(series: Series, start: Any, end: pd.Timestamp, period_type: str = "") -> str:
    if period_type == "quarter" or (series.cadence == "quarterly"):
        return f"{end.year}-Q{(end.month - 1) // 3 + 1}"
    if period_type == "year" or (start is not None and pd.Timestamp(start).month == 1 and end.month == 12
                                 and pd.Timestamp(start).year == end.year and period_type != "month"):
        return str(end.year)
    return _month_label(end.date())


def held(frames: dict[str, pd.DataFrame]) -> list[Held]:
    """The latest period each declared series reaches in the data (series with no rows are left out)."""
    out = []
    for s in SERIES:
        frame = frames.get(s.dataset)
        if frame is None or frame.empty:
            continue
        rows = _rows(frame, s)
        if rows.empty:
            continue
        if "window_end" in rows.columns:  # SIPRI: a five-year window ending in a year
            last = rows.loc[rows["window_end"].idxmax()]
            end = date(int(last["window_end"]), 12, 31)
            label = f"{int(last['window_start'])}–{int(last['window_end']) % 100:02d}"
            out.append(Held(s, end, label))
            continue
        ends = pd.to_datetime(rows["period_end"])
        last = rows.loc[ends.idxmax()]
        end = pd.Timestamp(last["period_end"])
        label = _label(s, last.get("period_start"), end, str(last.get("period_type") or ""))
        provisional = str(last.get("qualifier") or "") == "provisional"
        out.append(Held(s, end.date(), label, provisional))
    return out


def _next_period(h: Held) -> tuple[str, date]:
    """The period after the one held, and its last day."""
    s = h.series
    if s.cadence == "monthly":
        first = (pd.Timestamp(h.end) + pd.offsets.MonthBegin(1)).date()
        last = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
        return _month_label(first), last
    if s.cadence == "quarterly":
        last = (pd.Timestamp(h.end) + pd.offsets.QuarterEnd(1)).date()
        return f"{last.year}-Q{(last.month - 1) // 3 + 1}", last
    year = h.end.year + 1
    return f"{year - 4}–{year % 100:02d}", date(year, 12, 31)


def due(holdings: list[Held], edition: date) -> list[Due]:
    """For each series, the next release after the one held: overdue when its usual release date
    is before the edition's date; otherwise the date it is due."""
    out = []
    for h in holdings:
        s = h.series
        label, last = _next_period(h)
        if s.cadence == "yearly":
            when = date(last.year + 1, s.release_month or 3, 31)
        else:
            when = last + timedelta(days=s.lag_days)
        out.append(Due(s, h.label, label, when, when < edition))
    return out
