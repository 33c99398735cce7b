"""Payments files (IMF COFER, SWIFT RMB Tracker transcriptions) as rows of currency_shares.csv."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .readers import imf_cofer, swift
from .extract import ShapeError, number_text, rounded_text

# The currencies the report charts; COFER's other currencies are not in the dataset.
COFER_CURRENCIES: tuple[str, ...] = ("USD", "EUR", "CNY")
# COFER shares are published to many decimals; four are kept (hundredths of a percentage point
# are far below what the chart or the text can show, and four is what data/ has always held)
COFER_DECIMALS = 4


def share_row(series: str, start: pd.Timestamp, end: pd.Timestamp, period_type: str, currency: str,
              share: str, source_id: str, note: str) -> dict[str, str]:
    return {"series": series, "period_start": start.strftime("%Y-%m-%d"), "period_end": end.strftime("%Y-%m-%d"),
            "period_type": period_type, "currency": currency, "share_pct": share, "break": "", "break_note": "",
            "source_id": source_id, "note": note}


def cofer_rows_from_frame(frame: pd.DataFrame, source_id: str) -> tuple[dict[str, str], ...]:
    """Rows from a :func:`pakru.intake.readers.imf_cofer.read_cofer`-shaped frame (also used by the API)."""
    picked = frame[(frame["area"] == "G001") & (frame["indicator"] == "AFXRA") & (frame["measure"] == "SHRO_PT")
                   & (frame["frequency"] == "quarter") & (frame["currency"].isin(COFER_CURRENCIES))]
    rows = []
    for r in picked.sort_values(["currency", "period_start"]).itertuples():
        rows.append(share_row("imf_cofer", r.period_start, r.period_end, "quarter", r.currency,
                              rounded_text(r.value, COFER_DECIMALS), source_id,
                              f"World, share of allocated FX reserves; series {r.series_code}"))
    return tuple(rows)


def cofer_rows(path: Path, source_id: str) -> tuple[dict[str, str], ...]:
    try:
        frame = imf_cofer.read_cofer(path)
    except (ValueError, KeyError) as err:
        raise ShapeError(str(err).replace(f"{path}: ", "")) from None
    return cofer_rows_from_frame(frame, source_id)


def swift_layout(path: Path) -> str:
    try:
        return swift.transcription_layout(path)
    except ValueError as err:
        raise ShapeError(str(err).replace(f"{path}: ", "")) from None


def swift_rows(path: Path, source_id: str) -> tuple[dict[str, str], ...]:
    layout = swift_layout(path)
    frame = swift.read_rmb_tracker(path)
    if layout == "cisembayer_table":
        # the table's renminbi column repeats the clean file, which also carries the rank
        frame = frame[frame["currency"].isin(["USD", "EUR"])]
    rows = []
    for r in frame.itertuples():
        if layout == "cisembayer_clean":
            note = f"Data month as given in the student extraction {Path(str(r.source_file)).name}"
        else:
            note = f"SWIFT report file {Path(str(r.source_file)).name}"
        if not pd.isna(r.rank):
            note += f"; rank {int(r.rank)}"
        rows.append(share_row(r.series, r.period_start, r.period_end, "month", r.currency, number_text(r.share_pct),
                              source_id, note))
    return tuple(rows)
