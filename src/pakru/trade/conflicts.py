"""Conflicts found and weighed: every pair of published figures for the same flow and window that
disagree (:func:`find`, :func:`classified`: small differences between two statistical releases are
revisions, not conflicts), and the conflicts a reader needs, weighed in ``data/trade/weighings.csv``
(which figure is used and why, an editorial choice kept as data) with their figures read from the
data (:func:`weighed`) and the arithmetic that shows why two of them cannot both hold
(:func:`rest_of_year`).

A figure's weight follows its kind of source: a statistical release over a minister's statement,
a statement over a business body's remark; a majority of press reports settles nothing.
"""

from __future__ import annotations

import re

import pandas as pd

from . import bank_settled as bs
from ..data import source_ids
from ..data.periods import fiscal_year_end
from . import periods
from .series import is_value, label_years

def find(observations: pd.DataFrame, tolerance_pct: float = 1.0) -> pd.DataFrame:
    """Published figures for the same flow, window, basis, coverage and reporter that disagree.

    Exact values disagree when they differ by more than ``tolerance_pct`` percent; a bound
    ("more than 1,000") disagrees only with an exact value on the wrong side of it. Pakistan's and
    Russia's records of the same flow are mirror figures, compared in :func:`mirror_gap`, not here.
    A goods figure and a goods-and-services figure for the same window measure different things
    and are never compared. One row per figure, grouped by ``conflict`` number. Columns: conflict,
    year, period, flow, basis, coverage, reporter, series, value, qualifier, source_id; year is the
    calendar year or the year the fiscal year ends."""
    obs = label_years(observations)
    out = []
    n = 0
    for _, group in obs.groupby(["flow", "period_start", "period_end", "basis", "coverage", "reporter"], sort=True):
        if group["source_id"].nunique() < 2:
            continue
        # "about 331" is a value, not a bound
        exact = group[is_value(group["qualifier"])]["value"]
        disagree = False
        if len(exact) >= 2:
            low = abs(exact.min()) or 1e-9
            disagree = (exact.max() - exact.min()) / low * 100.0 > tolerance_pct
        for _, b in group[group["qualifier"].isin(["more_than", "less_than"])].iterrows():
            if b["qualifier"] == "more_than" and (exact < b["value"]).any():
                disagree = True
            if b["qualifier"] == "less_than" and (exact > b["value"]).any():
                disagree = True
        if not disagree:
            continue
        n += 1
        out.append(group.assign(conflict=n))
    columns = ["conflict", "year", "period", "flow", "basis", "coverage", "reporter", "series", "value", "qualifier",
               "source_id"]
    if not out:
        return pd.DataFrame(columns=columns)
    return pd.concat(out, ignore_index=True)[columns]


STATISTICS = ("IMF DOTS", "IMF IMTS", "UN Comtrade", bs.SERIES, "PBS")
REVISION_PCT = 5.0


def classified(observations: pd.DataFrame) -> pd.DataFrame:
    """:func:`find` with a ``kind`` per case: ``revision`` when every figure
    comes from a statistical release and they differ by less than 5%; ``remark against a statistic``
    when a business body's remark meets a statistic or an official figure; else ``conflict``."""
    conf = find(observations)
    if conf.empty:
        return conf.assign(kind=pd.Series(dtype=str))
    kinds = {}
    for n, g in conf.groupby("conflict"):
        values = g["value"]
        spread = (values.max() - values.min()) / (abs(values.min()) or 1e-9) * 100
        if g["series"].isin(STATISTICS).all() and spread < REVISION_PCT:
            kinds[n] = "revision"
        elif (g["series"] == "Business body").any() and not (g["series"] == "Business body").all():
            kinds[n] = "remark against a statistic"
        else:
            kinds[n] = "conflict"
    return conf.assign(kind=conf["conflict"].map(kinds))


WEIGHED_COLUMNS = ["weighing", "question", "figure", "fact", "dataset", "value", "unit", "qualifier", "period",
                   "period_start", "period_end", "basis", "coverage", "source_id", "verdict", "reason"]


def slug(label: str) -> str:
    """``"July–May"`` -> ``"july_may"``: a figure's label as part of a fact id."""
    out = "".join(ch if ch.isalnum() else "_" for ch in label.lower())
    return "_".join(part for part in out.split("_") if part)


def fact_id(weighing: str, figure: str) -> str:
    """The id of a weighed figure's fact: ``trade.weighing.fy2023_24.july_may``."""
    return f"trade.weighing.{weighing}.{slug(figure)}"


_TONNES = re.compile(r"^(about )?([\d.,]+)( million| thousand)? ?(t|tonnes)$")


def tonnes_of(cell: object) -> tuple[float, str] | None:
    """A tonnage as a claim states it: ``"1.6 million t"`` -> (1600000.0, ""), ``"about 100,000 t"`` ->
    (100000.0, "about"); None for anything else (a currency, "7 million barrels")."""
    m = _TONNES.match(str(cell).strip())
    if not m:
        return None
    scale = {" million": 1e6, " thousand": 1e3}.get(m.group(3) or "", 1.0)
    return float(m.group(2).replace(",", "")) * scale, "about" if m.group(1) else ""


def _figure(row: pd.Series, observations: pd.DataFrame, composition: pd.DataFrame,
            claims: pd.DataFrame) -> dict[str, object] | None:
    """The figure a weighing row points at, read from its dataset; None when it is not there."""
    ids = source_ids.split(row["source_ids"])
    if row["dataset"] == "payment_claims":
        hit = claims[(claims["topic"] == row["product"]) & claims["source_id"].isin(ids)]
        found = [q for q in (tonnes_of(v) for v in hit["value"]) if q is not None]
        if not found:
            return None
        value, qualifier = found[0]
        return {"value": value, "unit": "tonnes", "qualifier": qualifier, "basis": "calendar", "coverage": "goods"}
    frame = observations if row["dataset"] == "trade_observations" else composition
    keep = ((frame["period_start"] == row["period_start"]) & (frame["period_end"] == row["period_end"])
            & frame["source_id"].isin(ids))
    if row["dataset"] == "trade_composition":
        keep &= (frame["product"].str.lower() == str(row["product"]).lower()) & (frame["flow"] == row["flow"])
    elif pd.notna(row["coverage"]):
        keep &= frame["coverage"] == row["coverage"]
    hit = frame[keep & frame["value"].notna()]
    if row["dataset"] == "trade_observations":
        same = hit[hit["flow"] == row["flow"]]
        if same.empty and row["flow"] == "total":
            # a record that gives both directions and no total: the two-way sum of its pair of rows
            pair = hit[hit["flow"].isin(["exports", "imports"])].drop_duplicates("flow")
            if len(pair) != 2:
                return None
            qualifiers = set(pair["qualifier"].dropna())
            return {"value": float(pair["value"].sum()), "unit": "USD million",
                    "qualifier": next(iter(qualifiers)) if len(qualifiers) == 1 else "", "basis": pair["basis"].iloc[0],
                    "coverage": pair["coverage"].iloc[0]}
        hit = same
    if hit.empty:
        return None
    first = hit.iloc[0]
    qualifier = first["qualifier"] if pd.notna(first.get("qualifier")) else ""
    return {"value": float(first["value"]), "unit": "USD million", "qualifier": qualifier, "basis": first["basis"],
            "coverage": first.get("coverage", "goods") if pd.notna(first.get("coverage", None)) else "goods"}


def weighed(weighings: pd.DataFrame, observations: pd.DataFrame, composition: pd.DataFrame,
            claims: pd.DataFrame) -> pd.DataFrame:
    """The weighed conflicts of ``data/trade/weighings.csv`` with each figure read from the data.

    A figure the data do not hold is left out, and so is a weighing left with a single figure
    unless the file weighs that figure alone. Columns: weighing, question, figure, fact (the id of
    its fact), dataset,
    value, unit, qualifier, period (label), period_start, period_end, basis, coverage, source_id,
    verdict (used, shown, not used), reason."""
    rows = []
    for _, w in weighings.iterrows():
        found = _figure(w, observations, composition, claims)
        if found is None:
            continue
        basis = str(found["basis"])
        period = periods.of_row(w["period_start"], w["period_end"], basis).label if pd.notna(w["period_start"]) else ""
        rows.append({**{k: w[k] for k in ("weighing", "question", "figure", "dataset", "period_start", "period_end",
                                          "verdict", "reason")}, **found, "period": period,
                     "source_id": w["source_ids"], "fact": fact_id(w["weighing"], w["figure"])})
    out = pd.DataFrame(rows, columns=WEIGHED_COLUMNS)
    planned = weighings.groupby("weighing").size()
    held = out.groupby("weighing").size()
    complete = [k for k, n in held.items() if n == planned[k] or n >= 2]
    return out[out["weighing"].isin(complete)].reset_index(drop=True)


def rest_of_year(weighed_rows: pd.DataFrame) -> pd.DataFrame:
    """For each weighing that holds a whole fiscal year and a window from its July of the same
    coverage, what the two together leave for the rest of the year: ``rest`` (full year minus the
    window; negative when the window exceeds the year), ``rest_share_pct`` (of the window), and the
    months left. Columns: weighing, full_figure, window_figure, rest, rest_share_pct, rest_start,
    rest_end, months_in_window."""
    out = []
    for name, g in weighed_rows[weighed_rows["unit"] == "USD million"].groupby("weighing", sort=False):
        starts = g["period_start"]
        full = g[(starts.dt.month == 7) & (g["period_end"] == starts + pd.DateOffset(years=1) - pd.Timedelta(days=1))]
        part = g[(starts.dt.month == 7) & (g["period_end"] < starts + pd.DateOffset(years=1) - pd.Timedelta(days=1))]
        for _, a in full.iterrows():
            same = part[(part["coverage"] == a["coverage"])
                        & (part["period_start"] == a["period_start"])]
            for _, b in same.iterrows():
                months = (b["period_end"].year - b["period_start"].year) * 12 + b["period_end"].month - 6
                rest = a["value"] - b["value"]
                out.append({"weighing": name, "full_figure": a["figure"], "window_figure": b["figure"],
                            "rest": rest, "rest_share_pct": rest / b["value"] * 100,
                            "rest_start": b["period_end"] + pd.Timedelta(days=1), "rest_end": a["period_end"],
                            "months_in_window": months, "fiscal_year": fiscal_year_end(a["period_start"].date())})
    return pd.DataFrame(out, columns=REST_COLUMNS)


REST_COLUMNS = ["weighing", "full_figure", "window_figure", "rest", "rest_share_pct", "rest_start", "rest_end",
                "months_in_window", "fiscal_year"]
