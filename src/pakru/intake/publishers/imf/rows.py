"""IMF files as rows for ``data/``: the DOTS Excel report (trade) and the COFER export (currency shares)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...extract import ShapeError, rounded_text
from ...rows import PAIR, observation, read_frame, reported, share_row
from . import cofer_reader, dots_reader

# The currencies the report charts; COFER's other currencies are not in the dataset.
COFER_CURRENCIES: tuple[str, ...] = ("USD", "EUR", "CNY")
# COFER shares are published to many decimals; four are kept (hundredths of a percentage point
# are far below what the chart or the text can show, and four is what data/ has always held)
COFER_DECIMALS = 4


def dots_reporter(path: Path) -> str:
    frame = read_frame(dots_reader.read_dots_report, path)
    codes = set(frame["reporter_code"].dropna())
    if len(codes & PAIR) != 1:
        found = sorted(set(frame["reporter"]))
        raise ShapeError(f"expected one reporter, Pakistan or Russian Federation; found {found}")
    return (codes & PAIR).pop()


def dots_observations(path: Path, source_id: str) -> tuple[dict[str, str], ...]:
    frame = dots_reader.with_bilateral_flow(read_frame(dots_reader.read_dots_report, path))
    # DOTS names the partner in words: Pakistan's partner is the Russian Federation (not the USSR)
    partner_name = {"PAK": "Russian Federation", "RUS": "Pakistan"}
    rows = []
    for r in frame.itertuples():
        if r.reporter_code not in PAIR or r.partner != partner_name[r.reporter_code]:
            continue
        toward = "to" if r.direction == "exports" else "from"
        other = "the Russian Federation" if r.reporter_code == "PAK" else "Pakistan"
        note = reported(r.reporter_code, r.direction, r.flow, f" {toward} {other} ({r.valuation})")
        note += "; value as stored in the DOTS workbook (US dollars, millions)."
        if r.estimated:
            note += " DOTS marks it as an IMF estimate."
        rows.append(observation(r.flow, int(r.year), r.reporter_code, str(r.value_text), "IMF DOTS", source_id, note))
    return tuple(rows)


def cofer_rows_from_frame(frame: pd.DataFrame, source_id: str) -> tuple[dict[str, str], ...]:
    """Rows from a :func:`pakru.intake.publishers.imf.cofer_reader.read_cofer`-shaped frame (also used by the API)."""
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
        frame = cofer_reader.read_cofer(path)
    except (ValueError, KeyError) as err:
        raise ShapeError(str(err).replace(f"{path}: ", "")) from None
    return cofer_rows_from_frame(frame, source_id)
