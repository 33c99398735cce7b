"""UN Comtrade: reporter totals from the Comtrade+ API and HS chapters from the legacy API.

Two layouts occur in the copies this project reads:

* **Comtrade+ reduced extract** — what ``comtradeapicall.getFinalData`` returns, cut down by the
  copying project to ``date, value, reporter, partner``: ``date`` is ``YYYY-01-01`` for annual
  data, ``value`` is Comtrade's ``primaryValue`` in US dollars (units), ``reporter`` the reporting
  country (``reporterDesc``) and ``partner`` the partner (``partnerDesc``). The flow is not in the
  file (one file per flow), so the caller names it.
* **Legacy API CSV** (``comtrade.un.org/api/get`` JSON written out by pandas, so a leading unnamed
  index column) with the legacy field names: ``yr, rgDesc, rtTitle, rt3ISO, ptTitle, pt3ISO,
  cmdCode, cmdDescE, TradeValue, ...``. ``TradeValue`` is in US dollars (units).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd

TradeFlow = Literal["exports", "imports"]

# Comtrade's country names for the two countries in this report, mapped to ISO codes.
COUNTRY_CODES: dict[str, str] = {"Pakistan": "PAK", "Russian Federation": "RUS"}

_PLUS_COLUMNS = ("date", "value", "reporter", "partner")
_LEGACY_FLOWS = {"Export": "exports", "Import": "imports", "Re-Export": "re-exports", "Re-Import": "re-imports"}


def read_comtrade_plus_totals(path: Path, trade_flow: TradeFlow) -> pd.DataFrame:
    """Read a reduced Comtrade+ extract (``date, value, reporter, partner``).

    ``trade_flow`` is the flow the file was downloaded for (``exports`` for flowCode X,
    ``imports`` for M), as the reporter sees it. Returns ``year, reporter, reporter_code, partner,
    partner_code, trade_flow, value_usd, value_text`` with ``value_usd`` in US dollars (units) and
    ``value_text`` the number as stored.
    """
    if trade_flow not in ("exports", "imports"):
        raise ValueError(f"trade_flow must be exports or imports, not {trade_flow!r}")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in _PLUS_COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"{path}: not a reduced Comtrade+ extract, missing column(s) {missing}")
    dates = pd.to_datetime(raw["date"], format="%Y-%m-%d")
    # Annual Comtrade data are dated 1 January of the reference year; anything else is monthly.
    if not ((dates.dt.month == 1) & (dates.dt.day == 1)).all():
        raise ValueError(f"{path}: expected annual data dated YYYY-01-01")
    frame = pd.DataFrame({
        "year": dates.dt.year.astype("int64"),
        "reporter": raw["reporter"],
        "reporter_code": raw["reporter"].map(COUNTRY_CODES),
        "partner": raw["partner"],
        "partner_code": raw["partner"].map(COUNTRY_CODES),
        "trade_flow": trade_flow,
        "value_usd": raw["value"].astype("float64"),
        "value_text": raw["value"].str.strip(),
    })
    return frame.sort_values(["year", "reporter"], ignore_index=True)


def read_legacy_api(path: Path) -> pd.DataFrame:
    """Read a legacy Comtrade API CSV (one row per reporter, partner, flow and commodity).

    Returns ``year, classification, reporter, reporter_code, partner, partner_code, trade_flow,
    aggregate_level, cmd_code, cmd_desc, value_usd, value_text``. ``cmd_code`` stays text so HS
    chapters keep their leading zero (``"07"``).
    """
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    # pandas wrote the frame with its index: a first column with an empty name.
    raw = raw.drop(columns=[c for c in raw.columns if c == "" or c.startswith("Unnamed:")])
    needed = ("yr", "pfCode", "rgDesc", "rtTitle", "rt3ISO", "ptTitle", "pt3ISO", "aggrLevel",
              "cmdCode", "cmdDescE", "TradeValue")
    missing = [c for c in needed if c not in raw.columns]
    if missing:
        raise ValueError(f"{path}: not a legacy Comtrade API CSV, missing column(s) {missing}")
    unknown = set(raw["rgDesc"]) - set(_LEGACY_FLOWS)
    if unknown:
        raise ValueError(f"{path}: unknown trade flow(s) {sorted(unknown)}")
    frame = pd.DataFrame({
        "year": raw["yr"].astype("int64"),
        "classification": raw["pfCode"],
        "reporter": raw["rtTitle"],
        "reporter_code": raw["rt3ISO"],
        "partner": raw["ptTitle"],
        "partner_code": raw["pt3ISO"],
        "trade_flow": raw["rgDesc"].map(_LEGACY_FLOWS),
        "aggregate_level": raw["aggrLevel"].astype("int64"),
        "cmd_code": raw["cmdCode"],
        "cmd_desc": raw["cmdDescE"],
        "value_usd": raw["TradeValue"].astype("float64"),
        "value_text": raw["TradeValue"].str.strip(),
    })
    return frame.sort_values(["year", "cmd_code"], ignore_index=True)
