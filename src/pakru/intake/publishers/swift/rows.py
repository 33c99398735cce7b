"""SWIFT RMB Tracker transcriptions as rows of ``data/payments/currency_shares.csv``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...extract import ShapeError, number_text
from ...rows import share_row
from . import reader


def swift_layout(path: Path) -> str:
    try:
        return reader.transcription_layout(path)
    except ValueError as err:
        raise ShapeError(str(err).replace(f"{path}: ", "")) from None


def swift_rows(path: Path, source_id: str) -> tuple[dict[str, str], ...]:
    layout = swift_layout(path)
    frame = reader.read_rmb_tracker(path)
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
