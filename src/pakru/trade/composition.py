"""What is traded: the largest product lines of one year, and the goods lists officials name
without values. Pure functions over the ``trade_composition`` frame of :func:`pakru.data.datasets.load`."""

from __future__ import annotations

import pandas as pd

from ..data.periods import window_label


def _label(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["period"] = [window_label(s, e, b) for s, e, b in zip(out["period_start"], out["period_end"], out["basis"])]
    return out


TOP_COLUMNS = ["year", "flow", "classification", "product_code", "product", "value", "share_pct", "reporter",
               "source_id"]


def labelled(composition: pd.DataFrame) -> pd.DataFrame:
    """Every composition row with its ``period`` label and ``year`` (the year it starts), reporter
    and source kept: what an analyst filters."""
    return _label(composition).assign(year=composition["period_start"].dt.year)


def composition_top(composition: pd.DataFrame, flow: str, classification: str, year: int | None = None,
                    n: int = 8) -> pd.DataFrame:
    """The ``n`` largest product lines of one flow and classification in one year (default: the
    latest year with values). Columns: year, flow, classification, product_code, product, value,
    share_pct (of all lines of that year, flow and classification), reporter (whose records: PAK,
    RUS or unstated), source_id."""
    comp = composition[(composition["flow"] == flow) & (composition["classification"] == classification)
                       & composition["value"].notna()].copy()
    if comp.empty:
        return pd.DataFrame(columns=TOP_COLUMNS)
    comp["year"] = comp["period_start"].dt.year
    if year is None:
        year = int(comp["year"].max())
    comp = comp[comp["year"] == year]
    comp["share_pct"] = comp["value"] / comp["value"].sum() * 100.0
    top = comp.sort_values("value", ascending=False).head(n)
    return top[TOP_COLUMNS].reset_index(drop=True)


def goods_lists(composition: pd.DataFrame) -> pd.DataFrame:
    """Ministry and official goods lists (no values): one row per list with its products joined.

    Columns: period, flow, products, source_id."""
    lists = _label(composition[composition["classification"] == "goods list"])
    if lists.empty:
        return pd.DataFrame(columns=["period", "flow", "products", "source_id"])
    out = (lists.groupby(["period_start", "period", "flow", "source_id"], sort=True)["product"]
           .agg(lambda s: "; ".join(s)).reset_index().rename(columns={"product": "products"}))
    return out[["period", "flow", "products", "source_id"]]
