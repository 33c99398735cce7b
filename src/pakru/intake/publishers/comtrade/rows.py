"""UN Comtrade extracts (Comtrade+ totals, legacy API CSV) as rows of ``data/trade/``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...extract import ShapeError, shift_decimal
from ...rows import COUNTRY_NAMES, PAIR, bilateral_flow, composition, observation, read_frame, reported
from . import reader


def comtrade_layout(path: Path) -> str:
    header = set(pd.read_csv(path, nrows=0, dtype=str).columns)
    if {"rgDesc", "cmdCode", "TradeValue"} <= header:
        return "legacy"
    if {"date", "value", "reporter", "partner"} <= header:
        return "plus"
    raise ShapeError("neither a reduced Comtrade+ extract (date, value, reporter, partner) nor a legacy "
                     f"Comtrade API CSV (rgDesc, cmdCode, TradeValue, ...); header: {sorted(header)}")


def comtrade_plus_observations(path: Path, trade_flow: str, source_id: str) -> tuple[dict[str, str], ...]:
    frame = read_frame(reader.read_comtrade_plus_totals, path, trade_flow)
    rows = []
    for r in frame.itertuples():
        if {r.reporter_code, r.partner_code} != PAIR:
            continue
        flow = bilateral_flow(r.reporter_code, trade_flow)
        note = (reported(r.reporter_code, trade_flow, flow, " (primaryValue)")
                + f". Published in US dollars ({r.value_text}); divided by 1e6 to USD million, no rounding.")
        rows.append(observation(flow, int(r.year), r.reporter_code, shift_decimal(r.value_text, -6), "UN Comtrade",
                                source_id, note))
    return tuple(rows)


def comtrade_legacy_rows(path: Path, source_id: str) -> dict[str, tuple[dict[str, str], ...]]:
    """HS chapters go to ``composition``; a ``TOTAL`` row to ``observations``."""
    frame = read_frame(reader.read_legacy_api, path)
    chapters, totals = [], []
    for r in frame.itertuples():
        if {r.reporter_code, r.partner_code} != PAIR or r.trade_flow not in ("exports", "imports"):
            continue
        flow = bilateral_flow(r.reporter_code, r.trade_flow)
        toward = "to" if r.trade_flow == "exports" else "from"
        other = COUNTRY_NAMES[r.partner_code] if r.partner_code == "RUS" else "Pakistan"
        value = shift_decimal(r.value_text, -6)
        if r.cmd_code == "TOTAL":
            note = (reported(r.reporter_code, r.trade_flow, flow, f" {toward} {other} (TradeValue)")
                    + f". Published in US dollars ({r.value_text}); divided by 1e6 to USD million, no rounding.")
            totals.append(observation(flow, int(r.year), r.reporter_code, value, "UN Comtrade", source_id, note))
        elif int(r.aggregate_level) == 2:
            note = (f"{COUNTRY_NAMES[r.reporter_code]}-reported {r.trade_flow} {toward} {other} by HS chapter "
                    f"({r.classification}); published in US dollars ({r.value_text}), divided by 1e6.")
            chapters.append(composition(flow, int(r.year), r.reporter_code, "HS2", r.cmd_code, r.cmd_desc, value,
                                        source_id, note))
    return {"trade_composition": tuple(chapters), "trade_observations": tuple(totals)}
