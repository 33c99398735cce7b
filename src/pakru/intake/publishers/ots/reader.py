"""Open Trade Statistics (tradestatistics.io): trade by product community.

OTS serves UN Comtrade data re-processed into its own tables. The ``yrpc`` table (year, reporter,
partner, commodity) carries a product *community* for each commodity (22 groups such as
"Textiles" or "Vegetable Products"); summed by community it reads::

    year,community_name,reporter_iso,partner_iso,export_value_usd,import_value_usd

``export_value_usd`` is what ``reporter_iso`` sells to ``partner_iso``; ``import_value_usd`` what
it buys from it; both in US dollars (units). OTS keeps one value per direction for a country pair
(the partner's table holds the same numbers mirrored), so the values are OTS's, not one
customs authority's own report.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

_COLUMNS = ("year", "community_name", "reporter_iso", "partner_iso", "export_value_usd", "import_value_usd")


def read_ots_communities(path: Path, drop_zero: bool = False) -> pd.DataFrame:
    """Read an OTS community table into one row per year, community and direction.

    Returns ``year, community, reporter_iso, partner_iso, trade_flow, value_usd, value_text`` with
    ``trade_flow`` ``exports``/``imports`` as the reporter sees it. ``drop_zero`` removes rows
    whose value is 0: in a community sum a zero usually means that no commodity row existed in
    that direction, not a reported zero.
    """
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in _COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"{path}: not an OTS community table, missing column(s) {missing}")
    parts = []
    for column, flow in (("export_value_usd", "exports"), ("import_value_usd", "imports")):
        part = pd.DataFrame({
            "year": raw["year"].astype("int64"),
            "community": raw["community_name"],
            "reporter_iso": raw["reporter_iso"].str.upper(),
            "partner_iso": raw["partner_iso"].str.upper(),
            "trade_flow": flow,
            "value_usd": raw[column].astype("float64"),
            "value_text": raw[column].str.strip(),
        })
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    if drop_zero:
        frame = frame[frame["value_usd"] != 0]
    return frame.sort_values(["year", "trade_flow", "community"], ignore_index=True)
