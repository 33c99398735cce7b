"""Row builders shared by the publishers: a trade observation, a composition row, a currency share.

Flows are always named from Pakistan's side (``exports`` = Pakistan to Russia), whoever
reported them; ``reporter`` keeps whose statistics a figure is. Values in US dollars are moved
to USD million by shifting the decimal point of the published text, so nothing is rounded.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from .extract import ShapeError, year_bounds

COUNTRY_NAMES = {"PAK": "Pakistan", "RUS": "Russia"}
PAIR = frozenset({"PAK", "RUS"})
# Comtrade's and M49's numeric codes for the two countries
M49 = {"PAK": "586", "RUS": "643"}


def bilateral_flow(reporter_code: str, direction: str, home: str = "PAK") -> str:
    """Name a reporter's flow from ``home``'s side: ``exports`` = home's exports to the partner.

    Pakistan's own exports stay ``exports``; Russia's reported exports to Pakistan are Pakistan's
    ``imports`` (and Russia's imports from Pakistan are the mirror of Pakistan's ``exports``).
    """
    if direction not in ("exports", "imports"):
        raise ValueError(f"direction must be exports or imports, not {direction!r}")
    if reporter_code == home:
        return direction
    return "imports" if direction == "exports" else "exports"


def observation(flow: str, year: int, reporter: str, value: str, series: str, source_id: str,
                note: str) -> dict[str, str]:
    start, end = year_bounds(year)
    # every statistical series read here (DOTS, IMTS, Comtrade) counts merchandise only
    return {"flow": flow, "period_start": start, "period_end": end, "basis": "calendar", "coverage": "goods",
            "reporter": reporter, "value": value, "qualifier": "", "unit": "USD million", "series": series,
            "source_id": source_id, "note": note}


def composition(flow: str, year: int, reporter: str, classification: str, code: str, product: str, value: str,
                source_id: str, note: str) -> dict[str, str]:
    start, end = year_bounds(year)
    return {"flow": flow, "period_start": start, "period_end": end, "basis": "calendar", "reporter": reporter,
            "classification": classification, "product_code": code, "product": product, "value": value,
            "unit": "USD million", "source_id": source_id, "note": note}


def share_row(series: str, start: pd.Timestamp, end: pd.Timestamp, period_type: str, currency: str,
              share: str, source_id: str, note: str) -> dict[str, str]:
    return {"series": series, "period_start": start.strftime("%Y-%m-%d"), "period_end": end.strftime("%Y-%m-%d"),
            "period_type": period_type, "currency": currency, "share_pct": share, "break": "", "break_note": "",
            "source_id": source_id, "note": note}


def reported(reporter: str, direction: str, flow: str, tail: str) -> str:
    """``Russia-reported exports (primaryValue); mirror of Pakistan's imports`` and the like."""
    text = f"{COUNTRY_NAMES[reporter]}-reported {direction}{tail}"
    if reporter != "PAK":
        text += f"; mirror of Pakistan's {flow}"
    return text


def read_frame(reader: Callable[..., pd.DataFrame], path: Path, *args: Any, **kwargs: Any) -> pd.DataFrame:
    """A reader's frame; its ValueError or KeyError (the file's layout) becomes a ShapeError without the path."""
    try:
        return reader(path, *args, **kwargs)
    except (ValueError, KeyError) as err:
        raise ShapeError(str(err).replace(f"{path}: ", "")) from None
