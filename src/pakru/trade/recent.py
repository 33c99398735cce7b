"""Trade figures published after the statistical series end: full years and partial windows, goods
and goods and services, each kept as what it is (pure functions over ``trade_observations``), and
what the section tells of them: the latest figure, the chart, the finding and the table of the
2021–2025 subsection, and the July–May fall."""

from __future__ import annotations

import pandas as pd

from ..present import charts
from ..data import source_ids
from ..present.key_figures import KeyFigure
from ..data.periods import fiscal_label
from ..present.shown import Table
from .charts import recent_trade_chart
from .series import GOODS, growth_pct, is_exact, is_value, label_years


def describe(row: pd.Series) -> str:
    """What a published figure is: ``"Jul 2024–May 2025 (FY2024-25), 11 months, goods and services"``
    or ``"FY2022-23, goods"`` (rows from :func:`label_years`)."""
    what = row["period"]
    if not row["full_year"]:
        months = ((row["period_end"].year - row["period_start"].year) * 12
                  + row["period_end"].month - row["period_start"].month + 1)
        what += f", {months} month{'s' if months != 1 else ''}"
    return f"{what}, {row['coverage']}"


def most_recent(observations: pd.DataFrame, flow: str = "total") -> pd.Series | None:
    """The most recently ending published figure for ``flow``, whatever its window or coverage,
    with ``what`` saying which (:func:`describe`). Exact and rounded values only (no bounds); at a
    tie, full years come before partial windows and goods before goods and services."""
    obs = label_years(observations[(observations["flow"] == flow)
                                   & is_value(observations["qualifier"])])
    if obs.empty:
        return None
    obs = obs.assign(_partial=~obs["full_year"], _gs=obs["coverage"] != GOODS)
    order = obs.sort_values(["period_end", "_partial", "_gs"], ascending=[False, True, True], kind="stable")
    row = order.iloc[0].drop(["_partial", "_gs"]).copy()
    row["what"] = describe(row)
    return row


def recent(observations: pd.DataFrame, first_year: int = 2021, flow: str | None = None) -> pd.DataFrame:
    """Every published figure whose window ends in ``first_year`` or later (calendar or fiscal year
    end), full years and partial windows alike, each with what it covers. Columns: year, period,
    what, flow, basis, coverage, full_year, reporter, series, value, qualifier, source_id."""
    obs = label_years(observations)
    obs = obs[obs["period_end"].dt.year >= first_year]
    if flow:
        obs = obs[obs["flow"] == flow]
    obs = obs.assign(what=[describe(r) for _, r in obs.iterrows()]) if not obs.empty else obs.assign(what=[])
    cols = ["year", "period", "what", "flow", "basis", "coverage", "full_year", "reporter", "series", "value",
            "qualifier", "source_id", "period_start", "period_end"]
    return obs.sort_values(["period_end", "period_start", "flow"])[cols].reset_index(drop=True)


def recent_totals(observations: pd.DataFrame, first_year: int = 2021) -> pd.DataFrame:
    """Fiscal-year totals ending in ``first_year`` or later, exact values (the chart's points)."""
    rec = recent(observations, first_year, "total")
    return rec[(rec["basis"] == "fiscal") & is_exact(rec["qualifier"])].reset_index(drop=True)


def like_for_like(points: pd.DataFrame) -> tuple[int, int] | None:
    """Positions of the two latest partial windows with the same months and coverage a year apart
    (e.g. Jul–May of two fiscal years, both goods and services), from one source."""
    part = points[~points["full_year"]]
    for i in reversed(part.index):
        b = part.loc[i]
        same = part[(part["coverage"] == b["coverage"]) & (part["source_id"] == b["source_id"])
                    & (part["period_start"] == b["period_start"] - pd.DateOffset(years=1))
                    & (part["period_end"] == b["period_end"] - pd.DateOffset(years=1))]
        if not same.empty:
            return int(same.index[0]), int(i)
    return None


def publisher_of(source_id: str, sources: pd.DataFrame) -> str:
    reg = sources.set_index("source_id")
    sid = source_ids.split(source_id)[0]
    return str(reg.at[sid, "publisher"]) if sid in reg.index else sid


def latest_figure(observations: pd.DataFrame, sources: pd.DataFrame, headline: bool = True) -> KeyFigure | None:
    """The most recent published total of any window and coverage, saying which."""
    last = most_recent(observations, "total")
    if last is None:
        return None
    return KeyFigure("trade.latest_figure", round(float(last["value"]), 1),
                     f"The most recent published trade total is {last['value']:,.0f} USD m for {last['what']} "
                     f"({last['series']} data via {publisher_of(last['source_id'], sources)}).",
                     unit="USD million", source_ids=last["source_id"], headline=headline)


def recent_chart(observations: pd.DataFrame, sources: pd.DataFrame) -> tuple[charts.plt.Figure, str] | None:
    """Fiscal-year totals published since FY2020-21, goods and goods and services apart."""
    points = recent_totals(observations)
    if points.empty:
        return None
    peak = points.loc[points["value"].idxmax()]
    title = (f"Press-quoted totals since FY2020-21 mix goods with goods and services and peak at "
             f"{peak['value']:,.0f} USD m in {peak['period']}; they are shown as published, not as a series")
    # no line joins the July–May pair: its base cannot be squared with the same report's full year
    # (see the weighed conflicts); the State Bank's workbook gives the like-for-like change
    fig = recent_trade_chart(
        points, title, charts.compact_source_line(points["source_id"], sources, table_below=False), None,
        note="Circles: goods; squares: goods and services; hollow: part of the year (placed left of its "
             "fiscal year). No line joins figures of different coverage or sources.")
    alt = (f"Scatter chart of {len(points)} published Pakistan–Russia trade totals by fiscal year, "
           f"{fiscal_label(int(points['year'].min()))} to {fiscal_label(int(points['year'].max()))}, USD million: "
           + "; ".join(f"{r['period']} {r['value']:,.0f} ({r['coverage']})" for _, r in points.iterrows()) + ". "
           + title + ".")
    return fig, alt


def julmay_fall(observations: pd.DataFrame) -> tuple[str, KeyFigure | None]:
    """The one like-for-like comparison after FY2022-23: the same eleven months, same coverage."""
    points = recent_totals(observations)
    pair = like_for_like(points)
    if pair is None:
        return "", None
    a, b = points.loc[pair[0]], points.loc[pair[1]]
    g = growth_pct(b["value"], a["value"])
    sentence = (f"Trade in {b['period']} was {b['value']:,.0f} USD m ({b['what'].split(', ', 1)[1]}), "
                f"{abs(g):.1f}% {'less' if g < 0 else 'more'} than the {a['value']:,.0f} of the same months a year "
                f"earlier ({b['series']} data); this is the latest figure published, and as it includes services "
                "it is not compared with the goods figures.")
    # not a headline: the pair's base (1,040 for July–May) cannot be squared with the same report's
    # 1,810 for the whole year (see the weighed conflicts); the State Bank's workbook gives the change
    return sentence, KeyFigure("trade.julmay_fy25_growth", round(g, 1), sentence, unit="percent",
                               source_ids=source_ids.join([a["source_id"], b["source_id"]]), headline=False)


def recent_finding(observations: pd.DataFrame) -> str:
    """The first sentence of the 2021–2025 subsection: what the press-quoted totals are, and why
    their one like-for-like pair is not used for the change."""
    points = recent_totals(observations)
    if points.empty:
        return "No trade total has been published for a period since 2021."
    peak = points.loc[points["value"].idxmax()]
    text = (f"Press-quoted totals since FY2020-21 peak at {peak['value']:,.0f} USD m for {peak['period']} "
            f"({peak['coverage']}); {int((points['coverage'] != GOODS).sum())} of the {len(points)} include services.")
    pair = like_for_like(points)
    if pair is not None:
        a, b = points.loc[pair[0]], points.loc[pair[1]]
        text += (f" The only same-months pair, {a['value']:,.0f} and {b['value']:,.0f} USD m for July–May, comes from "
                 "a report whose full-year figure cannot be squared with it (see where the figures disagree), so the "
                 "change is taken from the State Bank's own workbook instead.")
    return text


def recent_table(observations: pd.DataFrame) -> Table:
    rec = recent(observations, 2021)
    shown = rec[["period", "what", "flow", "reporter", "series", "value", "qualifier", "source_id"]].rename(
        columns={"what": "window and coverage"})
    return Table(shown, "Every trade figure published for periods ending 2021 or later (USD million): full years "
                 "and partial windows, goods and goods and services", appendix=True,
                 formats={c: "text" for c in ("period", "window and coverage", "flow", "reporter", "series",
                                              "qualifier", "source_id")})
