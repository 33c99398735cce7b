"""Calendar and Pakistan fiscal years (July-June)."""

from __future__ import annotations

from datetime import date

import pandas as pd


def fiscal_year_end(day: date) -> int:
    """The calendar year in which the fiscal year holding ``day`` ends: 2022-07-01 -> 2023."""
    return day.year + 1 if day.month >= 7 else day.year


def fiscal_label(end_year: int) -> str:
    """``2023`` -> ``"FY2022-23"``."""
    return f"FY{end_year - 1}-{end_year % 100:02d}"


def fiscal_year_bounds(end_year: int) -> tuple[date, date]:
    """FY ending in ``end_year`` runs from 1 July of the year before to 30 June."""
    return date(end_year - 1, 7, 1), date(end_year, 6, 30)


def is_full_year(start: date | pd.Timestamp, end: date | pd.Timestamp, basis: str) -> bool:
    """True when the window is a whole calendar year (basis calendar) or fiscal year (basis fiscal)."""
    if basis == "fiscal":
        return (start.month, start.day, end.month, end.day) == (7, 1, 6, 30) and end.year == start.year + 1
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and end.year == start.year


def year_of(start: date | pd.Timestamp, basis: str) -> int:
    """The year a window is labelled with: its calendar year, or the year its fiscal year ends."""
    return fiscal_year_end(start) if basis == "fiscal" else start.year


def period_label(start: date | pd.Timestamp, end: date | pd.Timestamp, basis: str) -> str:
    """A reader's label: ``2019``, ``FY2022-23``, or ``Jul 2022–May 2023 (FY2022-23)``."""
    if is_full_year(start, end, basis):
        return fiscal_label(fiscal_year_end(start)) if basis == "fiscal" else str(start.year)
    span = f"{start:%b %Y}–{end:%b %Y}" if (start.year, start.month) != (end.year, end.month) else f"{start:%b %Y}"
    if basis == "fiscal":
        return f"{span} ({fiscal_label(fiscal_year_end(start))})"
    return span
