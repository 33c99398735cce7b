"""Trade growth: annual series, growth rates, the mirror comparison, shares, conflicts and coverage.

Pure functions over the frames :func:`pakru.data.datasets.load` returns (``trade_observations``,
``pakistan_totals``). Column conventions of the outputs are in each docstring. Nothing here reads
files.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..data import source_ids
from ..data.periods import compress_years, fiscal_label, is_full_year, window_label, year_of
from ..data.schema import BOUND_QUALIFIERS, STATUS_QUALIFIERS

FLOWS = ("exports", "imports", "total", "balance")
DATABASE_SERIES = ("IMF DOTS", "UN Comtrade")
GOODS = "goods"
# The IMF's IMTS replaced DOTS in 2025 with the same definitions (exports FOB, imports CIF by partner):
# the section reads both as one IMF series under the name readers choose ("IMF DOTS"); the rows keep
# their own name in ``dataset`` so that the break can be said.
IMF_SUCCESSORS = {"IMF IMTS": "IMF DOTS"}


def is_value(qualifier: pd.Series) -> pd.Series:
    """Rows whose figure is a value (as published, revised, provisional, an estimate, or rounded
    "about"), not a bound."""
    return ~qualifier.isin(BOUND_QUALIFIERS)


def is_exact(qualifier: pd.Series) -> pd.Series:
    """Rows whose figure is exact as published (whatever its revision status): no bound, no "about"."""
    return qualifier.isna() | qualifier.isin(STATUS_QUALIFIERS)


def growth_pct(new: float, old: float) -> float:
    """Percentage change from ``old`` to ``new``: ``growth_pct(760.5, 567.5)`` is about 34.0."""
    if old == 0 or pd.isna(old) or pd.isna(new):
        return float("nan")
    return (new / old - 1.0) * 100.0


def cagr_pct(first: float, last: float, years: int) -> float:
    """Compound annual growth rate, in percent, from ``first`` to ``last`` over ``years`` years."""
    if years <= 0 or first <= 0 or last <= 0:
        return float("nan")
    return ((last / first) ** (1.0 / years) - 1.0) * 100.0


def label_years(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``year``, ``full_year`` and ``period`` columns to observation-like rows."""
    out = frame.copy()
    out["year"] = [year_of(s, b) for s, b in zip(out["period_start"], out["basis"])]
    out["full_year"] = [is_full_year(s, e, b) for s, e, b in zip(out["period_start"], out["period_end"], out["basis"])]
    out["period"] = [window_label(s, e, b) for s, e, b in zip(out["period_start"], out["period_end"], out["basis"])]
    return out


def annual(observations: pd.DataFrame, basis: str, start_year: int, end_year: int,
           reporters: tuple[str, ...] = ("PAK", "RUS"), coverage: str = GOODS) -> pd.DataFrame:
    """Full-year figures on one basis and one coverage within the window: exact or rounded ("about").

    Partial windows, bounds (">1 bn") and figures of another coverage (goods and services against
    goods) are left out: they belong in their own tables, never in a yearly series. IMF IMTS rows
    count as the IMF DOTS series (``dataset`` keeps the published name). Columns: year, flow,
    reporter, series, dataset, value, qualifier, source_id, derived (False).
    """
    obs = label_years(observations)
    obs["dataset"] = obs["series"]
    obs["series"] = obs["series"].replace(IMF_SUCCESSORS)
    keep = (
        (obs["basis"] == basis)
        & (obs["coverage"] == coverage)
        & obs["full_year"]
        & is_value(obs["qualifier"])
        & obs["reporter"].isin(reporters)
        & obs["year"].between(start_year, end_year)
    )
    out = obs.loc[keep, ["year", "flow", "reporter", "series", "dataset", "value", "qualifier",
                         "source_id"]].copy()
    out["derived"] = False
    return out.sort_values(["series", "reporter", "flow", "year"]).reset_index(drop=True)


def with_total_and_balance(series_rows: pd.DataFrame) -> pd.DataFrame:
    """Add total (exports + imports) and balance (exports - imports) where a source gives both
    directions for a year and does not publish the total itself. Computed rows have derived=True
    and cite both sources (``a;b``)."""
    rows = [series_rows]
    keys = ["year", "reporter", "series"]
    wide = series_rows.pivot_table(index=keys, columns="flow", values="value", aggfunc="first")
    srcs = series_rows.pivot_table(index=keys, columns="flow", values="source_id", aggfunc="first")
    for flow in ("total", "balance"):
        if "exports" not in wide or "imports" not in wide:
            break
        have = wide[flow] if flow in wide else pd.Series(np.nan, index=wide.index)
        need = have.isna() & wide["exports"].notna() & wide["imports"].notna()
        if not need.any():
            continue
        value = wide["exports"] + wide["imports"] if flow == "total" else wide["exports"] - wide["imports"]
        idx = need[need].index
        src = pd.Series([source_ids.join([srcs.at[i, "exports"], srcs.at[i, "imports"]])
                         for i in idx], index=idx, dtype=object)
        extra = pd.DataFrame({"value": value[need], "source_id": src}).reset_index()
        extra["flow"] = flow
        extra["derived"] = True
        rows.append(extra)
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values(["series", "reporter", "flow", "year"]).reset_index(drop=True)


def series_break(rows: pd.DataFrame, series: str = "IMF DOTS") -> str:
    """``"IMF DOTS to 2020, IMF IMTS from 2021"`` when the rows of ``series`` come from more than one
    published dataset (see ``IMF_SUCCESSORS``), else ""."""
    if "dataset" not in rows:
        return ""
    sub = rows[(rows["series"] == series) & rows["dataset"].notna()]
    spans = sub.groupby("dataset")["year"].agg(["min", "max"]).sort_values("min")
    if len(spans) < 2:
        return ""
    parts = [f"{name} {int(r['min'])}–{int(r['max'])}" for name, r in spans.iterrows()]
    return ", then ".join(parts)


def yoy_growth(values: pd.Series) -> pd.Series:
    """Year-on-year growth in percent for a series indexed by year.

    Growth is only computed between consecutive years: a gap year gives NaN rather than a
    growth over two years passed off as one."""
    values = values.sort_index()
    prev = values.shift(1)
    consecutive = pd.Series(values.index, index=values.index).diff() == 1
    growth = (values / prev - 1.0) * 100.0
    return growth.where(consecutive)


@dataclass(frozen=True)
class Cagr:
    rate_pct: float
    first_year: int
    last_year: int
    first_value: float
    last_value: float


def cagr_over(values: pd.Series) -> Cagr | None:
    """CAGR between the first and last years that have a value (index = year)."""
    v = values.dropna().sort_index()
    if len(v) < 2:
        return None
    first_year, last_year = int(v.index[0]), int(v.index[-1])
    return Cagr(cagr_pct(float(v.iloc[0]), float(v.iloc[-1]), last_year - first_year),
                first_year, last_year, float(v.iloc[0]), float(v.iloc[-1]))


def growth_table(rows: pd.DataFrame, series: str, reporter: str) -> pd.DataFrame:
    """Values and year-on-year growth of each flow for one series and reporter.

    Columns: year, then ``<flow>`` and ``<flow> growth %`` for exports, imports and total."""
    sub = rows[(rows["series"] == series) & (rows["reporter"] == reporter)]
    wide = sub.pivot_table(index="year", columns="flow", values="value", aggfunc="first")
    out = pd.DataFrame(index=wide.index)
    for flow in ("exports", "imports", "total"):
        if flow in wide:
            out[flow] = wide[flow]
            out[f"{flow} growth %"] = yoy_growth(wide[flow])
    if "balance" in wide:
        out["balance"] = wide["balance"]
    out.index.name = "year"
    return out.reset_index()


def mirror_gap(observations: pd.DataFrame, series: str, basis: str = "calendar") -> pd.DataFrame:
    """Pakistan-reported against Russia-reported figures for the same flow and year.

    Pakistan records its exports free on board and its imports with cost, insurance and freight;
    Russia does the reverse, and the two customs services time, value and attribute shipments
    differently, so the pairs never match exactly. Columns: year, flow, pak_reported,
    rus_reported, gap (RUS - PAK), gap_pct (of PAK), source_ids.
    """
    rows = annual(observations, basis, 0, 9999)
    rows = rows[(rows["series"] == series) & rows["flow"].isin(["exports", "imports"])]
    pak = rows[rows["reporter"] == "PAK"].set_index(["year", "flow"])
    rus = rows[rows["reporter"] == "RUS"].set_index(["year", "flow"])
    both = pak[["value", "source_id"]].merge(rus[["value", "source_id"]], left_index=True, right_index=True,
                                            suffixes=("_pak", "_rus"), how="inner")
    out = pd.DataFrame({
        "pak_reported": both["value_pak"],
        "rus_reported": both["value_rus"],
    })
    out["gap"] = out["rus_reported"] - out["pak_reported"]
    out["gap_pct"] = out["gap"] / out["pak_reported"] * 100.0
    out["source_ids"] = [source_ids.join(pair) for pair in zip(both["source_id_pak"], both["source_id_rus"])]
    return out.reset_index().sort_values(["flow", "year"]).reset_index(drop=True)


def mirror_wide(gap: pd.DataFrame) -> pd.DataFrame:
    """The mirror comparison with one row per year: each direction as Pakistan and Russia record
    it, and the gap in percent of Pakistan's figure. Columns: year, PK→RU (PAK), PK→RU (RUS),
    PK→RU gap %, RU→PK (PAK), RU→PK (RUS), RU→PK gap %."""
    out = pd.DataFrame(index=sorted(set(gap["year"])))
    for flow, name in (("exports", "PK→RU"), ("imports", "RU→PK")):
        g = gap[gap["flow"] == flow].set_index("year")
        out[f"{name} (PAK)"] = g["pak_reported"]
        out[f"{name} (RUS)"] = g["rus_reported"]
        out[f"{name} gap %"] = g["gap_pct"]
    out.index.name = "year"
    return out.reset_index()


def coverage(observations: pd.DataFrame) -> pd.DataFrame:
    """Which years have data, on which basis, from whom.

    Columns: basis, coverage, series, reporter, flows, full_years (e.g. "1992–2020"), n_full,
    partial_windows, bounds."""
    obs = label_years(observations)
    rows = []
    groups = obs.groupby(["basis", "coverage", "series", "reporter"], sort=True)
    for (basis, cov, series, reporter), g in groups:
        full = g[g["full_year"] & is_exact(g["qualifier"])]
        years = sorted(set(full["year"]))
        rows.append({
            "basis": basis, "coverage": cov, "series": series, "reporter": reporter,
            "flows": ", ".join(sorted(set(g["flow"]))),
            "full_years": compress_years(years, fiscal=basis == "fiscal"),
            "n_full": len(years),
            "partial_windows": int((~g["full_year"]).sum()),
            "bounds": int((g["qualifier"].notna() & ~g["qualifier"].isin(STATUS_QUALIFIERS)).sum()),
        })
    return pd.DataFrame(rows)


def window_growth(observations: pd.DataFrame, flow: str, period: tuple[str, str],
                  earlier: tuple[str, str], reporter: str | None = None) -> pd.DataFrame:
    """Growth between two published windows (e.g. July-May of two fiscal years).

    Returns one row per source and coverage that publishes both windows: source_id,
    earlier_source_id, coverage, value, earlier_value, growth_pct. Only figures of the same coverage
    are compared (goods with goods, goods and services with goods and services). Used to check
    statements such as "760.5 against 567.5 a year earlier (+34%)".
    """
    obs = observations
    if reporter:
        obs = obs[obs["reporter"] == reporter]

    def pick(window: tuple[str, str]) -> pd.DataFrame:
        s, e = pd.Timestamp(window[0]), pd.Timestamp(window[1])
        return obs[(obs["flow"] == flow) & (obs["period_start"] == s) & (obs["period_end"] == e)]

    now, before = pick(period), pick(earlier)
    rows = []
    for _, r in now.iterrows():
        same = before[before["coverage"] == r["coverage"]]
        match = same[same["source_id"] == r["source_id"]]
        if match.empty and len(same) == 1:
            match = same
        for _, b in match.iterrows():
            rows.append({"source_id": r["source_id"], "earlier_source_id": b["source_id"],
                         "coverage": r["coverage"], "value": r["value"], "earlier_value": b["value"],
                         "growth_pct": growth_pct(r["value"], b["value"])})
    return pd.DataFrame(rows, columns=["source_id", "earlier_source_id", "coverage", "value", "earlier_value",
                                       "growth_pct"])


# Bilateral series whose numbers rest on the same statistics as a Pakistan total: the Ministry of
# Commerce and PBS use customs records, the SBP uses bank payment records. A share mixing the two
# would divide apples by oranges, so each bilateral series is matched to one compiler only.
_COMPILER_OF_SERIES = {"Pakistan MoC": "PBS", "PBS": "PBS", "SBP": "SBP", "SBP, goods settled through banks": "SBP"}
# series whose figures come from the press or a ministry and are divided by a published total of the
# same compiler; the SBP workbook rows are divided only by their own workbook's line I
_PRESS_PAIRED = frozenset({"Pakistan MoC", "PBS", "SBP"})


def russia_share(observations: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """Russia's share of Pakistan's trade, fiscal years, where a bilateral figure and a world total
    from the same compiler and of the same coverage (goods, or goods and services) exist.

    Columns: year (FY end), fy, flow, coverage, russia, world, share_pct, compiler, source_ids."""
    obs = label_years(observations)
    obs = obs[(obs["basis"] == "fiscal") & obs["full_year"] & is_exact(obs["qualifier"])
              & obs["series"].isin(list(_COMPILER_OF_SERIES))]
    tot = label_years(totals.assign(qualifier=pd.NA))
    tot = tot[tot["full_year"]]
    workbooks = set(obs.loc[~obs["series"].isin(list(_PRESS_PAIRED)), "source_id"])
    rows = []
    for _, r in obs.iterrows():
        compiler = _COMPILER_OF_SERIES[r["series"]]
        cand = tot[(tot["year"] == r["year"]) & (tot["compiler"] == compiler) & (tot["coverage"] == r["coverage"])]
        if r["series"] not in _PRESS_PAIRED:
            # a workbook's rows are divided by its own total line (SBP's country rows sum to its line I)
            cand = cand[cand["source_id"] == r["source_id"]]
        else:
            cand = cand[~cand["source_id"].isin(workbooks)]
        first = cand.groupby("flow", sort=False)["value"].first()
        if r["flow"] in ("exports", "imports"):
            denom = first.get(r["flow"], np.nan)
        elif r["flow"] == "total":
            denom = first.get("exports", np.nan) + first.get("imports", np.nan)
        else:
            continue
        used = list(cand["source_id"])
        if pd.isna(denom):
            continue
        rows.append({"year": r["year"], "fy": fiscal_label(r["year"]), "flow": r["flow"],
                     "coverage": r["coverage"], "russia": r["value"],
                     "world": denom, "share_pct": r["value"] / denom * 100.0, "compiler": compiler,
                     "source_ids": source_ids.join([r["source_id"], *used])})
    return pd.DataFrame(rows, columns=["year", "fy", "flow", "coverage", "russia", "world", "share_pct", "compiler",
                                       "source_ids"])


def mirror_ratio(gap: pd.DataFrame, flow: str = "exports") -> float:
    """Russia-reported over Pakistan-reported values of one flow, pooled over the years of ``gap``
    (:func:`mirror_gap`): the sum of one record over the sum of the other, so that no single year
    with a small base decides it. NaN without pairs."""
    sub = gap[gap["flow"] == flow]
    pak = float(sub["pak_reported"].sum())
    return float(sub["rus_reported"].sum()) / pak if len(sub) and pak else float("nan")


def balance_signs(observations: pd.DataFrame, series: str, start_year: int, end_year: int) -> pd.DataFrame:
    """Pakistan's balance with Russia by year as each country records it, within the window.

    Flows are named from Pakistan's side in both records (Russia's imports from Pakistan are stored
    as Pakistan's exports), so one subtraction serves both. Columns: year, reporter, balance
    (exports minus imports, USD million), source_id; only years with both flows of one reporter."""
    rows = annual(observations, "calendar", start_year, end_year)
    rows = rows[(rows["series"] == series) & rows["flow"].isin(["exports", "imports"])]
    wide = rows.pivot_table(index=["year", "reporter"], columns="flow", values="value", aggfunc="first")
    if not {"exports", "imports"} <= set(wide.columns):
        return pd.DataFrame(columns=["year", "reporter", "balance", "source_id"])
    wide = wide.dropna(subset=["exports", "imports"])
    ids = rows.groupby(["year", "reporter"])["source_id"].agg(lambda s: source_ids.join(s))
    out = pd.DataFrame({"balance": wide["exports"] - wide["imports"]}).join(ids.rename("source_id"))
    return out.reset_index().sort_values(["reporter", "year"]).reset_index(drop=True)


def averages(values: pd.Series, n: int = 3) -> tuple[pd.Series, pd.Series] | None:
    """The first and last ``n`` values of a yearly series (index = year), for a comparison of
    averages that no single year decides; None with fewer than ``2 * n`` years."""
    v = values.dropna().sort_index()
    if len(v) < 2 * n:
        return None
    return v.iloc[:n], v.iloc[-n:]


def average_growth_pct(head: pd.Series, tail: pd.Series) -> float:
    """Growth a year, compounded, between two averages taken at their middle years."""
    years = tail.index[len(tail) // 2] - head.index[len(head) // 2]
    return ((tail.mean() / head.mean()) ** (1 / years) - 1) * 100 if years > 0 and head.mean() > 0 else float("nan")
