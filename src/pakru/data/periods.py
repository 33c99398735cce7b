"""Periods and years: Pakistan's fiscal years (July–June), the labels readers see for a period,
date windows, and runs of years with and without a figure.

Three kinds of label, kept apart by name:

* :func:`window_label` — a trade figure's window on its basis: ``2019``, ``FY2022-23``,
  ``Jul 2022–May 2023 (FY2022-23)``;
* :func:`statistic_period_label` — one observation of a monthly, quarterly or yearly statistic:
  ``July 2024``, ``2022-Q1``, ``2021``;
* :func:`year_span_label` — a span of whole years: ``1950–54``, ``1995–2004``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def fiscal_year_end(day: date) -> int:
    """The calendar year in which the fiscal year holding ``day`` ends: 2022-07-01 -> 2023."""
    return day.year + 1 if day.month >= 7 else day.year


def fiscal_label(end_year: int) -> str:
    """``2023`` -> ``"FY2022-23"``."""
    return f"FY{end_year - 1}-{end_year % 100:02d}"


def is_full_year(start: date | pd.Timestamp, end: date | pd.Timestamp, basis: str) -> bool:
    """True when the window is a whole calendar year (basis calendar) or fiscal year (basis fiscal)."""
    if basis == "fiscal":
        return (start.month, start.day, end.month, end.day) == (7, 1, 6, 30) and end.year == start.year + 1
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and end.year == start.year


def year_of(start: date | pd.Timestamp, basis: str) -> int:
    """The year a window is labelled with: its calendar year, or the year its fiscal year ends."""
    return fiscal_year_end(start) if basis == "fiscal" else start.year


def window_label(start: date | pd.Timestamp, end: date | pd.Timestamp, basis: str) -> str:
    """A trade window as a reader's label: ``2019``, ``FY2022-23``, or ``Jul 2022–May 2023 (FY2022-23)``."""
    if is_full_year(start, end, basis):
        return fiscal_label(fiscal_year_end(start)) if basis == "fiscal" else str(start.year)
    span = f"{start:%b %Y}–{end:%b %Y}" if (start.year, start.month) != (end.year, end.month) else f"{start:%b %Y}"
    if basis == "fiscal":
        return f"{span} ({fiscal_label(fiscal_year_end(start))})"
    return span


def statistic_period_label(start: object, end: object, period_type: str) -> str:
    """One observation's period: ``"July 2024"``, ``"2022-Q1"``, ``"2021"``, ``"Jan–Mar 2023"``."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    if period_type == "month":
        return f"{MONTHS[s.month - 1]} {s.year}"
    if period_type == "quarter":
        return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
    if period_type == "year":
        return str(s.year)
    if s == e:
        return f"{s.day} {MONTHS[s.month - 1]} {s.year}"
    return f"{s:%b %Y}–{e:%b %Y}"


def year_span_label(first: int, last: int) -> str:
    """``(1950, 1954)`` -> ``"1950–54"``; ``(1995, 2004)`` -> ``"1995–2004"``; ``(1970, 1970)`` -> ``"1970"``."""
    if first == last:
        return str(first)
    if first // 100 == last // 100:
        return f"{first}–{last % 100:02d}"
    return f"{first}–{last}"


def day_label(ts: pd.Timestamp, precision: str = "day") -> str:
    """``"11 June 2023"``, or ``"June 2023"`` for a date known only to the month."""
    month = f"{MONTHS[ts.month - 1]} {ts.year}"
    return month if precision != "day" else f"{ts.day} {month}"


def in_period(frame: pd.DataFrame, start: object, end: object, column: str = "period_start") -> pd.DataFrame:
    """Rows whose ``column`` (a date) lies between ``start`` and ``end``, both inclusive.

    ``start`` and ``end`` are ISO date strings or anything :class:`pandas.Timestamp` takes; a
    row of a period (month, quarter, year) is kept when the period *starts* in the window."""
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    if lo > hi:
        raise ValueError(f"start ({lo.date()}) is after end ({hi.date()})")
    dates = pd.to_datetime(frame[column])
    return frame[(dates >= lo) & (dates <= hi)].copy()


def midpoint(start: pd.Series, end: pd.Series) -> pd.Series:
    """The middle of each period (``end`` is the period's last day, inclusive)."""
    s, e = pd.to_datetime(start), pd.to_datetime(end) + pd.Timedelta(days=1)
    return (s + (e - s) / 2).dt.floor("D")


def gaps(years_present: Iterable[int], start_year: int, end_year: int) -> list[int]:
    """Years in the window ``start_year``..``end_year`` with no figure."""
    have = {int(y) for y in years_present}
    return [y for y in range(start_year, end_year + 1) if y not in have]


def missing_years(years: Iterable[int]) -> list[int]:
    """Years between the first and last given year that are absent: [2016, 2017, 2019] -> [2018]."""
    have = sorted({int(y) for y in years})
    return gaps(have, have[0], have[-1]) if have else []


def compress_years(years: Iterable[int], fiscal: bool = False) -> str:
    """``[1992, 1993, 1994, 1999]`` -> ``"1992–1994, 1999"`` (fiscal years as FY labels); ``"none"``
    for no years."""
    years = list(years)
    if not years:
        return "none"
    label = fiscal_label if fiscal else str
    runs: list[tuple[int, int]] = []
    for y in years:
        if runs and y == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], y)
        else:
            runs.append((y, y))
    return ", ".join(label(a) if a == b else f"{label(a)}–{label(b)}" for a, b in runs)
