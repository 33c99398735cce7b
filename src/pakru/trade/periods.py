"""The periods of trade figures as the report writes them (:class:`pakru.facts.Period`):
``FY2023-24``, ``July 2025–March 2026``, ``March 2026``, ``2023``, ``2010–20``."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from ..data.periods import MONTHS, fiscal_label, fiscal_year_end, is_full_year, year_span_label
from ..facts import Period


def _day(value: object) -> date:
    return pd.Timestamp(value).date()


def fiscal(fy_end: int) -> Period:
    """``2024`` -> FY2023-24 (July 2023–June 2024)."""
    return Period(fiscal_label(fy_end), date(fy_end - 1, 7, 1), date(fy_end, 6, 30), "fiscal")


def calendar(year: int) -> Period:
    return Period(str(year), date(year, 1, 1), date(year, 12, 31), "calendar")


def month(start: object) -> Period:
    s = pd.Timestamp(start)
    end = s + pd.offsets.MonthEnd(0)
    return Period(f"{MONTHS[s.month - 1]} {s.year}", s.date(), end.date(), "month")


def window(start: object, end: object) -> Period:
    """A span of months inside a year: ``July 2025–March 2026``, ``January–July 2025``."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    if (s.year, s.month) == (e.year, e.month):
        return month(s)
    first = f"{MONTHS[s.month - 1]}" + ("" if s.year == e.year else f" {s.year}")
    return Period(f"{first}–{MONTHS[e.month - 1]} {e.year}", s.date(), e.date(), "window")


def span(first: int, last: int, basis: str = "calendar") -> Period:
    """Whole years: ``2010–20``; fiscal years as ``FY2018-19–FY2020-21``."""
    if basis == "fiscal":
        label = fiscal_label(first) if first == last else f"{fiscal_label(first)} to {fiscal_label(last)}"
        return Period(label, date(first - 1, 7, 1), date(last, 6, 30), "span" if first != last else "fiscal")
    return Period(year_span_label(first, last), date(first, 1, 1), date(last, 12, 31),
                  "span" if first != last else "calendar")


def year(value: int, basis: str) -> Period:
    """One whole year on a basis (``2020`` or ``FY2019-20``)."""
    return fiscal(value) if basis == "fiscal" else calendar(value)


def of_row(start: object, end: object, basis: str) -> Period:
    """The period of a published figure: a whole year on its basis, one month, or a window."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    if basis in ("fiscal", "calendar") and is_full_year(s, e, basis):
        return fiscal(fiscal_year_end(s.date())) if basis == "fiscal" else calendar(s.year)
    return window(s, e)


def short(label: str) -> str:
    """``July 2021–May 2022`` -> ``Jul 2021–May 2022``: a period label that fits a phone's column."""
    for name in MONTHS:
        label = re.sub(rf"\b{name}\b", name[:3], label)
    return label
