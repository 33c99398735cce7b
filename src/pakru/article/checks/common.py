"""What every check uses: a fact book against the sources registry, dates of events as periods in
the house style, and finding events by what their title and detail say."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from ...data import source_ids
from ...facts import Fact, FactBook, Period
from ...present.text import date_text
from ..inputs import Inputs


def book(d: Inputs) -> FactBook:
    return FactBook(d.sources)


def event_period(day: object, precision: str, end: object = None) -> Period:
    """A dated event as a period: ``20 November 2014``, ``29–30 January 2023``, ``April 1981–August
    1985``, ``2018``, ``the 1980s`` (a date known to the decade)."""
    d = pd.Timestamp(day)
    if precision == "decade":
        first = d.year - d.year % 10
        return Period(f"the {first}s", date(first, 1, 1), date(first + 9, 12, 31), "span")
    e = None if end is None or pd.isna(end) else pd.Timestamp(end)
    basis = precision if precision in ("month", "year") else "day"
    start = d.date()
    if e is None or e == d:
        last = {"month": (d + pd.offsets.MonthEnd(0)).date(), "year": date(d.year, 12, 31)}.get(precision, start)
        return Period(date_text(start, precision), start, last, basis)
    if precision == "day" and (d.year, d.month) == (e.year, e.month):
        label = f"{d.day}–{date_text(e.date())}"
    elif precision == "day" and d.year == e.year:
        label = f"{d.day} {date_text(d.date(), 'month').split()[0]}–{date_text(e.date())}"
    else:
        label = f"{date_text(start, precision)}–{date_text(e.date(), precision)}"
    return Period(label, start, e.date(), "window")


def row_ids(row: pd.Series) -> list[str]:
    """A data row's sources: ``source_id`` and ``also_source_ids``."""
    return source_ids.split(row.get("source_id"), row.get("also_source_ids"))


def add_event(b: FactBook, fact_id: str, row: pd.Series, date_column: str = "date") -> Fact | None:
    """A date fact from an event row (its date, precision and end date, and its sources)."""
    precision = str(row.get("precision") or "day")
    period = event_period(row[date_column], precision, row.get("end_date"))
    return b.add(fact_id, pd.Timestamp(row[date_column]).date(), "date", period, sources=row_ids(row))


def mentions(events: pd.DataFrame, pattern: str, category: str | None = None) -> pd.DataFrame:
    """The events whose title or detail matches ``pattern`` (a case-blind regex), in date order."""
    text = events["title"].fillna("") + " " + events["detail"].fillna("")
    hit = text.str.contains(pattern, flags=re.IGNORECASE, regex=True)
    if category:
        hit &= events["category"] == category
    return events[hit].sort_values("date")


def year_period(year: int) -> Period:
    return Period(str(year), date(year, 1, 1), date(year, 12, 31), "calendar")


def span_period(first: int, last: int) -> Period:
    """``2015–18``, ``1995–2004``, or ``2018``."""
    if first == last:
        return year_period(first)
    label = f"{first}–{last % 100:02d}" if first // 100 == last // 100 else f"{first}–{last}"
    return Period(label, date(first, 1, 1), date(last, 12, 31), "span")


def weak_only(fact: Fact | None) -> bool:
    """True when a fact rests only on sources rated weak (the report's 'weak sources only' rule)."""
    return fact is not None and bool(fact.sources) and all(s.quality == "weak" for s in fact.sources)
