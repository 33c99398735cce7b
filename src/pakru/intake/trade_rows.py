"""Trade files (IMF DOTS, UN Comtrade, Open Trade Statistics) as rows of ``data/trade/``.

Flows are always named from Pakistan's side (``exports`` = Pakistan to Russia), whoever
reported them; ``reporter`` keeps whose statistics a figure is. Values in US dollars are moved
to USD million by shifting the decimal point of the published text, so nothing is rounded.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .readers import comtrade, imf_dots, ots
from .extract import ShapeError, shift_decimal, year_bounds

COUNTRY_NAMES = {"PAK": "Pakistan", "RUS": "Russia"}
PAIR = frozenset({"PAK", "RUS"})
# Comtrade's and M49's numeric codes for the two countries
M49 = {"PAK": "586", "RUS": "643"}


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


def _reported(reporter: str, direction: str, flow: str, tail: str) -> str:
    """``Russia-reported exports (primaryValue); mirror of Pakistan's imports`` and the like."""
    text = f"{COUNTRY_NAMES[reporter]}-reported {direction}{tail}"
    if reporter != "PAK":
        text += f"; mirror of Pakistan's {flow}"
    return text


# --- IMF DOTS Excel report copy -----------------------------------------------------------------

def dots_reporter(path: Path) -> str:
    frame = _read(imf_dots.read_dots_report, path)
    codes = set(frame["reporter_code"].dropna())
    if len(codes & PAIR) != 1:
        found = sorted(set(frame["reporter"]))
        raise ShapeError(f"expected one reporter, Pakistan or Russian Federation; found {found}")
    return (codes & PAIR).pop()


def dots_observations(path: Path, source_id: str) -> tuple[dict[str, str], ...]:
    frame = imf_dots.with_bilateral_flow(_read(imf_dots.read_dots_report, path))
    # DOTS names the partner in words: Pakistan's partner is the Russian Federation (not the USSR)
    partner_name = {"PAK": "Russian Federation", "RUS": "Pakistan"}
    rows = []
    for r in frame.itertuples():
        if r.reporter_code not in PAIR or r.partner != partner_name[r.reporter_code]:
            continue
        toward = "to" if r.direction == "exports" else "from"
        other = "the Russian Federation" if r.reporter_code == "PAK" else "Pakistan"
        note = _reported(r.reporter_code, r.direction, r.flow, f" {toward} {other} ({r.valuation})")
        note += "; value as stored in the DOTS workbook (US dollars, millions)."
        if r.estimated:
            note += " DOTS marks it as an IMF estimate."
        rows.append(observation(r.flow, int(r.year), r.reporter_code, str(r.value_text), "IMF DOTS", source_id, note))
    return tuple(rows)


# --- UN Comtrade ---------------------------------------------------------------------------------

def comtrade_layout(path: Path) -> str:
    header = set(pd.read_csv(path, nrows=0, dtype=str).columns)
    if {"rgDesc", "cmdCode", "TradeValue"} <= header:
        return "legacy"
    if {"date", "value", "reporter", "partner"} <= header:
        return "plus"
    raise ShapeError("neither a reduced Comtrade+ extract (date, value, reporter, partner) nor a legacy "
                     f"Comtrade API CSV (rgDesc, cmdCode, TradeValue, ...); header: {sorted(header)}")


def comtrade_plus_observations(path: Path, trade_flow: str, source_id: str) -> tuple[dict[str, str], ...]:
    frame = _read(comtrade.read_comtrade_plus_totals, path, trade_flow)
    rows = []
    for r in frame.itertuples():
        if {r.reporter_code, r.partner_code} != PAIR:
            continue
        flow = imf_dots.bilateral_flow(r.reporter_code, trade_flow)
        note = (_reported(r.reporter_code, trade_flow, flow, " (primaryValue)")
                + f". Published in US dollars ({r.value_text}); divided by 1e6 to USD million, no rounding.")
        rows.append(observation(flow, int(r.year), r.reporter_code, shift_decimal(r.value_text, -6), "UN Comtrade",
                                source_id, note))
    return tuple(rows)


def comtrade_legacy_rows(path: Path, source_id: str) -> dict[str, tuple[dict[str, str], ...]]:
    """HS chapters go to ``composition``; a ``TOTAL`` row to ``observations``."""
    frame = _read(comtrade.read_legacy_api, path)
    chapters, totals = [], []
    for r in frame.itertuples():
        if {r.reporter_code, r.partner_code} != PAIR or r.trade_flow not in ("exports", "imports"):
            continue
        flow = imf_dots.bilateral_flow(r.reporter_code, r.trade_flow)
        toward = "to" if r.trade_flow == "exports" else "from"
        other = COUNTRY_NAMES[r.partner_code] if r.partner_code == "RUS" else "Pakistan"
        value = shift_decimal(r.value_text, -6)
        if r.cmd_code == "TOTAL":
            note = (_reported(r.reporter_code, r.trade_flow, flow, f" {toward} {other} (TradeValue)")
                    + f". Published in US dollars ({r.value_text}); divided by 1e6 to USD million, no rounding.")
            totals.append(observation(flow, int(r.year), r.reporter_code, value, "UN Comtrade", source_id, note))
        elif int(r.aggregate_level) == 2:
            note = (f"{COUNTRY_NAMES[r.reporter_code]}-reported {r.trade_flow} {toward} {other} by HS chapter "
                    f"({r.classification}); published in US dollars ({r.value_text}), divided by 1e6.")
            chapters.append(composition(flow, int(r.year), r.reporter_code, "HS2", r.cmd_code, r.cmd_desc, value,
                                        source_id, note))
    return {"trade_composition": tuple(chapters), "trade_observations": tuple(totals)}


# --- Open Trade Statistics -----------------------------------------------------------------------

def ots_composition(path: Path, source_id: str) -> tuple[dict[str, str], ...]:
    frame = _read(ots.read_ots_communities, path, drop_zero=True)
    rows = []
    for r in frame.itertuples():
        if {r.reporter_iso, r.partner_iso} != PAIR:
            continue
        flow = imf_dots.bilateral_flow(r.reporter_iso, r.trade_flow)
        what = "exports to Russia" if flow == "exports" else "imports from Russia"
        note = (f"OTS community sum for Pakistan's {what}; published in US dollars ({r.value_text}), "
                "divided by 1e6.")
        # OTS keeps one value per direction for the pair, so no country is the reporter
        rows.append(composition(flow, int(r.year), "unstated", "OTS group", "", r.community,
                                shift_decimal(r.value_text, -6), source_id, note))
    return tuple(rows)


def _read(reader, path: Path, *args, **kwargs) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    try:
        return reader(path, *args, **kwargs)
    except (ValueError, KeyError) as err:
        raise ShapeError(str(err).replace(f"{path}: ", "")) from None
