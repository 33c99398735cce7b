"""Trade files (IMF DOTS, UN Comtrade, Open Trade Statistics) as rows of ``data/trade/``.

Flows are always named from Pakistan's side (``exports`` = Pakistan to Russia), whoever
reported them; ``reporter`` keeps whose statistics a figure is. Values in US dollars are moved
to USD million by shifting the decimal point of the published text, so nothing is rounded.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .readers import comtrade, imf_dots, ots, sbp
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


# --- State Bank of Pakistan country workbooks -----------------------------------------------------

SBP_SERIES = "SBP, goods settled through banks"
_SBP_BASIS = {"year": "fiscal", "window": "fiscal", "month": "month"}
_SBP_WHAT = {"exports": ("export receipts", "Pakistan's exports to the Russian Federation"),
             "imports": ("import payments", "Pakistan's imports from the Russian Federation")}
SBP_COVERAGE_NOTE = (
    "Goods settled through banks only: the State Bank's payments record, not the Pakistan Bureau of "
    "Statistics' customs record. Leaves out barter, land-borne trade and other goods not settled through "
    "banks (the workbook's line IV, 'Other', has no country breakdown); freight is deducted only at the "
    "total level (line II), not in the country rows.")


def _sbp_status(status: str) -> str:
    return {"revised": " Marked (R), revised, in the workbook.",
            "provisional": " Marked (P), provisional, in the workbook."}.get(status, "")


def sbp_rows(values: tuple[sbp.Value, ...], source_id: str) -> dict[str, tuple[dict[str, str], ...]]:
    """The Russian Federation row to ``observations`` and line I (through banks, all countries) to
    ``pakistan_totals``, in USD million: the workbook's thousand US dollars with the decimal point
    moved three places (the cell's digits as :func:`sbp.cell_text` writes them)."""
    observations, totals = [], []
    for v in values:
        col = v.column
        value = shift_decimal(v.text, -3)
        what, flow_words = _SBP_WHAT[v.flow]
        unit = (f"Published in thousand US dollars; decimal point moved three places to USD million. "
                f"Column '{col.label}'.")
        if v.line == "Russian Federation":
            note = (f"{flow_words}, SBP country-wise {what}, row 'Russian Federation'. {SBP_COVERAGE_NOTE} {unit}"
                    + _sbp_status(col.status))
            observations.append({
                "flow": v.flow, "period_start": col.start.isoformat(), "period_end": col.end.isoformat(),
                "basis": _SBP_BASIS[col.period], "coverage": "goods", "reporter": "PAK", "value": value,
                "qualifier": col.status, "unit": "USD million", "series": SBP_SERIES, "source_id": source_id,
                "note": note})
        else:
            note = (f"SBP line '{v.line}': goods {what} settled through banks, all countries (the sum of the "
                    "country rows), before freight is deducted; not the BOP total (lines III + IV). "
                    f"{unit}" + _sbp_status(col.status))
            totals.append({
                "flow": v.flow, "period_start": col.start.isoformat(), "period_end": col.end.isoformat(),
                "basis": _SBP_BASIS[col.period], "coverage": "goods", "compiler": "SBP", "value": value,
                "unit": "USD million", "source_id": source_id, "note": note})
    return {"trade_observations": tuple(observations), "pakistan_totals": tuple(totals)}
