"""The trade section's charts, each drawn for a width: ``draw(frame, text, width_in)`` returns a
matplotlib figure laid out for a desktop (7.2 in) or a phone (4.0 in): panels side by side or
stacked, fewer ticks and shorter labels on a phone, titles and notes wrapped to the width. The
words (title, alt text, note, panel and legend labels) come from the chart's template
(``text/charts/<name>.j2``) through ``text``; the frames are :mod:`pakru.trade.frames`'."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.ticker import FixedLocator, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from ..present import svg
from ..present.numbers import fixed
from . import periods
from ..present.charts import (
    GREY, MIN_FONT_PT, PALETTE, TEXT_PALETTE, apply_style, finish_chart, is_phone, new_figure, plt, style_for)

BANK, OFFICIAL, MONTH = PALETTE[0], GREY, PALETTE[5]


def _style() -> None:
    """The house style, and no mathtext: "$1.1 billion … $244 million" is money, not a formula."""
    apply_style()
    plt.rcParams["text.parse_math"] = False


def money_short(value: float, digits: int = 1) -> str:
    """A value label on a chart: ``$1.1bn`` (``$1.04bn`` with two digits), ``$244m``, ``$6.0m``."""
    if value >= 1000:
        return f"${fixed(value / 1000, digits)}bn"
    return f"${fixed(value)}m" if value >= 10 else f"${fixed(value, 1)}m"


def _label(text: Any, key: str, default: str) -> str:
    return (getattr(text, "labels", {}) or {}).get(key) or default


def _fy_short(fy: int) -> str:
    """``2024`` -> ``FY24`` (the State Bank's own short form for July 2023–June 2024)."""
    return f"FY{fy % 100:02d}"


def _years_axis(ax: plt.Axes, years: Sequence[int], width_in: float, fiscal: bool = False, panels: int = 1) -> None:
    """Year ticks from the data's span, never the window's: at most about one label per 0.6 in
    of axis, whole years only; one year gets one tick and a little room either side."""
    first, last = min(years), max(years)
    room = max(1, int(width_in / panels / 0.62))
    step = max(1, math.ceil((last - first + 1) / room))
    step = next(s for s in (1, 2, 5, 10, 20, 50) if s >= step)
    ticks = [y for y in range(first, last + 1) if (y - first) % step == 0 or (step >= 5 and y % step == 0)]
    if step >= 5:
        ticks = [y for y in range(first, last + 1) if y % step == 0] or [first]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.set_xticklabels([_fy_short(y) if fiscal else str(y) for y in ticks])
    pad = 0.6 if last - first < 3 else 0.5
    ax.set_xlim(first - pad, last + pad)


def _y_ticks(ax: plt.Axes, top: float, most: int) -> None:
    """Value ticks from zero to ``top`` only (a tick above the data never reaches the title)."""
    ticks = [t for t in MaxNLocator(most, steps=[1, 2, 2.5, 5, 10]).tick_values(0, top) if 0 <= t <= top]
    ax.set_yticks(ticks, [f"{t:,.0f}" for t in ticks])
    ax.set_ylim(0, top)


def _x_ticks(ax: plt.Axes, top: float, most: int) -> None:
    """Value ticks on a horizontal axis from zero to the data's top only; room beyond it is for labels."""
    ticks = [t for t in MaxNLocator(most, steps=[1, 2, 2.5, 5, 10]).tick_values(0, top) if 0 <= t <= top]
    ax.set_xticks(ticks, [f"{t:,.0f}" for t in ticks])


def _legend(legend_ax: plt.Axes | None, handles: list, labels: list[str], width_in: float) -> None:
    """The legend in its own row under the plots, starting at the figure's left edge (not the plot's,
    so long labels are not pushed past the right edge on a phone); it never covers a plot, the
    title or the note."""
    if legend_ax is None or not handles:
        return
    fig = legend_ax.figure
    where = blended_transform_factory(fig.transFigure, legend_ax.transAxes)
    legend = legend_ax.legend(handles, labels, loc="center left", bbox_to_anchor=(0.0, 0.5), bbox_transform=where,
                              ncols=1 if is_phone(width_in) else 2, frameon=False, fontsize=MIN_FONT_PT,
                              handlelength=1.6, borderaxespad=0, columnspacing=1.2)
    legend.set_in_layout(False)


def _rows_needed(labels: list[str], width_in: float) -> int:
    cols = 1 if is_phone(width_in) else 2
    return math.ceil(len(labels) / cols)


# --- the lead: where trade stands, by fiscal year ---------------------------------------------------

OTHER, OTHER_EDGE = "#c4c4c4", "#8c8c8c"  # other records: grey, never the State Bank's blue
# the desktop's plots with their titles and ticks: the right-hand column holds the single months and the
# legend, and the whole chart with its note stays under the PDF's 128 mm at the page's width
LEAD_PLOT_IN = 3.15
LEGEND_COLUMN_CHARS = 26  # a line of the legend in the desktop's right-hand column
MONTHS_TITLE_CHARS = 30   # a line of the single months' title, right of their names


def _lead_kind(r: pd.Series) -> str:
    """How a year's bar is drawn: bank, partial (year to date), official, weak (an official figure
    from a weak copy), or gap (no bar: disputed or none)."""
    if r["kind"] in ("disputed", "none") or pd.isna(r["value"]):
        return "gap"
    if r["kind"] == "official":
        return "weak" if r["quality"] == "weak" else "official"
    return "partial" if r["partial"] else "bank"


BAR_STYLE: dict[str, dict[str, Any]] = {
    "bank": {"color": BANK, "edgecolor": BANK},
    "partial": {"facecolor": "white", "edgecolor": BANK, "hatch": "////", "linewidth": 1.4},
    "official": {"facecolor": OTHER, "edgecolor": OTHER},
    "weak": {"facecolor": "white", "edgecolor": OTHER_EDGE, "hatch": "xxx", "linewidth": 1.0},
}


def _bar_tip(r: pd.Series) -> str:
    span = f", {r['span']}" if r["span"] else ""
    mark = f", {r['qualifier']}" if r["qualifier"] else ""
    weak = ", weak source" if r["quality"] == "weak" else ""
    return f"{r['period']}{span}: {r['value']:,.1f} USD million ({r['series']}{mark}; {r['publisher']}{weak})"


def _leading_gaps_dropped(years: pd.DataFrame) -> pd.DataFrame:
    """The years from the first with a figure or a dispute on: a year before any record begins is
    said in the note, not drawn as an empty row."""
    shown = years[years["kind"] != "none"]
    return years[years["fy"] >= shown["fy"].min()] if len(shown) else years.iloc[:0]


def lead(frame: pd.DataFrame, text: Any, width_in: float) -> plt.Figure:
    """Two-way trade by fiscal year: the State Bank's goods settled through banks (blue; the current
    year to date hatched), Pakistan's other records as quoted in the press for the years before
    (grey, never joined to the blue; a figure from a weak copy hatched in grey and labelled so), a
    year whose figures disagree written as such, not drawn; beside it the single months the State
    Bank's workbooks give, lying down (a row each, valued). Columns on a desktop, the months and the
    legend in a column beside them; on a phone the bars lie down too (one row per year, its full label
    and value beside it) and the months and the legend follow."""
    phone = is_phone(width_in)
    years = _leading_gaps_dropped(frame[frame["kind"] != "month"].sort_values("fy")).reset_index(drop=True)
    months = frame[frame["kind"] == "month"].reset_index(drop=True)
    keys = ("bank", "partial", "official", "weak")
    labels = [_label(text, k, k) for k in keys]
    _style()
    legend_h = 0.3 * _rows_needed(labels, width_in)
    if phone:
        heights = [0.34 * len(years) + 0.5, *([0.34 * len(months) + 0.5] if len(months) else []), legend_h]
        fig = plt.figure(figsize=(width_in, sum(heights) + 0.4), layout="constrained")
        gs = fig.add_gridspec(len(heights), 1, height_ratios=heights)
        ax, lax = fig.add_subplot(gs[0, 0]), fig.add_subplot(gs[-1, 0])
        mx = fig.add_subplot(gs[1, 0]) if len(months) else None
    else:  # the single months, then the legend, in a column right of the years (the legend reaching down
        # beside their tick labels): no row under the plots makes the chart too tall to print at full size
        fig = plt.figure(figsize=(width_in, LEAD_PLOT_IN + 0.3), layout="constrained")
        gs = fig.add_gridspec(2, 2, width_ratios=[3.0, 1.75], height_ratios=[0.26 * len(months) + 0.1, 1.0])
        ax, lax = fig.add_subplot(gs[:, 0]), fig.add_subplot(gs[1, 1])
        mx = fig.add_subplot(gs[0, 1]) if len(months) else None
    lax.axis("off")
    top = float(np.nanmax(years["value"])) if years["value"].notna().any() else 1.0
    # on a phone the years run down the page, the oldest at the top
    pos = np.arange(len(years))[::-1] if phone else np.arange(len(years))
    handles: dict[str, Any] = {}
    for i, r in years.iterrows():
        at, kind = pos[i], _lead_kind(r)
        if kind == "gap":
            word = _label(text, "disputed" if r["kind"] == "disputed" else "gap", "no figure")
            ax.annotate(word, (0, at) if phone else (at, 0), xytext=(3, 0) if phone else (0, 3),
                        textcoords="offset points", ha="left" if phone else "center",
                        va="center" if phone else "bottom", rotation=0 if phone else 90, fontsize=MIN_FONT_PT,
                        color=GREY, fontstyle="italic")
            continue
        bar = (ax.barh if phone else ax.bar)(at, r["value"], 0.64, zorder=2, **BAR_STYLE[kind])
        handles.setdefault(kind, bar.patches[0])
        svg.annotate_points(bar, [_bar_tip(r)])
        value = money_short(float(r["value"]))
        if kind == "weak":
            value += (", " if phone else "\n") + _label(text, "weak_value", "weak source")
        colour = TEXT_PALETTE[0] if kind in ("bank", "partial") else GREY
        xy = (float(r["value"]), at) if phone else (at, float(r["value"]))
        ax.annotate(value, xy, xytext=(3, 0) if phone else (0, 3), textcoords="offset points",
                    ha="left" if phone else "center", va="center" if phone else "bottom", fontsize=MIN_FONT_PT,
                    color=colour, fontweight="bold" if r["value"] == top else "normal", linespacing=1.0,
                    path_effects=[patheffects.withStroke(linewidth=3, foreground="white")])  # over a gridline
    if phone:
        ax.set_yticks(pos, [f"{p}, {_months_short(span)}" if part else p
                            for p, part, span in zip(years["period"], years["partial"], years["span"])])
        ax.set_ylim(-0.6, len(years) - 0.4)
        _x_ticks(ax, top, 3)
        ax.set_xlim(0, top * 1.45)
        ax.set_xlabel("USD million")
        ax.grid(axis="y", visible=False)
    else:
        ax.set_xticks(pos, [_fy_short(int(fy)) + ("\n" + _label(text, "partial_tick", "to date") if p else "")
                            for fy, p in zip(years["fy"], years["partial"])])
        ax.set_xlim(-0.8, len(years) - 0.4)  # room for a two-line label on the first bar
        _y_ticks(ax, top * 1.16, 5)
        ax.set_ylabel("USD million")
        ax.grid(axis="x", visible=False)
    ax.set_title(_label(text, "years", "fiscal years (July–June)"), fontsize=MIN_FONT_PT, fontweight="normal",
                 loc="left")
    if mx is not None:  # the single months lie down at either width: a row each, named and valued
        mpos = np.arange(len(months))[::-1]
        bars = mx.barh(mpos, months["value"], 0.6, color=MONTH, edgecolor=MONTH, zorder=2)
        svg.annotate_points(bars, [_bar_tip(r) for _, r in months.iterrows()])
        for at, v in zip(mpos, months["value"]):
            mx.annotate(money_short(float(v)), (float(v), at), xytext=(3, 0), textcoords="offset points",
                        ha="left", va="center", fontsize=MIN_FONT_PT)
        stamps = [pd.Timestamp(p) for p in months["period"]]
        mx.set_yticks(mpos, [f"{t:%B %Y}" if phone else f"{t:%b %Y}" for t in stamps])
        mx.set_ylim(-0.6, len(months) - 0.4)
        mx.set_xlim(0, float(months["value"].max()) * 1.3)
        mx.grid(axis="y", visible=False)
        if phone:
            _x_ticks(mx, float(months["value"].max()), 3)
            mx.set_xlabel("USD million")
        else:  # every bar carries its value in $m: no scale, so the column holds the legend too
            mx.xaxis.set_visible(False)
            mx.spines["bottom"].set_visible(False)
            mx.grid(axis="x", visible=False)
        title = _label(text, "months", "single months")
        mx.set_title(textwrap.fill(title, MONTHS_TITLE_CHARS), fontsize=MIN_FONT_PT, fontweight="normal", loc="left")
    order = [k for k in keys if k in handles]
    names = [labels[keys.index(k)] for k in order]
    if phone:
        _legend(lax, [handles[k] for k in order], names, width_in)
    elif order:  # under the single months, at the figure's right edge, its lines wrapped to the column; it
        # may reach down beside the years' tick labels (the tests check that no text meets it)
        legend = lax.legend([handles[k] for k in order], [textwrap.fill(n, LEGEND_COLUMN_CHARS) for n in names],
                            loc="upper right", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=MIN_FONT_PT,
                            bbox_transform=blended_transform_factory(fig.transFigure, lax.transAxes),
                            borderaxespad=0.3, labelspacing=0.4, handlelength=1.5, handletextpad=0.5)
        legend.set_in_layout(False)
    return finish_chart(fig, text.title, text.source, width_in, text.note)


# --- the press figures --------------------------------------------------------------------------

def press(frame: pd.DataFrame, text: Any, width_in: float) -> plt.Figure:
    """Fiscal-year totals quoted since FY2020-21, one row per figure, oldest at the top, never joined:
    goods circles, goods and services squares, part of a year hollow, a figure the report does not
    use crossed; each with its value beside it."""
    kinds = (("goods", True), ("goods", False), ("goods and services", True), ("goods and services", False))
    names = [_label(text, "goods_full", "goods, full year"), _label(text, "goods_part", "goods, part year"),
             _label(text, "gs_full", "services too, full year"),
             _label(text, "gs_part", "services too, part year")]
    legend_names = [n for (cov, full), n in zip(kinds, names)
                    if ((frame["coverage"] == cov) & (frame["full_year"] == full)).any()]
    rejected = frame["verdict"] == "not used"
    if rejected.any():
        legend_names.append(_label(text, "rejected", "not used (see the text)"))
    _style()
    rows = frame.reset_index(drop=True)
    phone = is_phone(width_in)
    # a desktop's rows are one line each, set close so that the chart prints at full size in the PDF
    fig, (ax,), lax = new_figure(width_in, (0.46 if phone else 0.25) * len(rows) + 0.6,
                                 legend_rows=_rows_needed(legend_names, width_in))
    ypos = np.arange(len(rows))[::-1]
    handles = []
    for (cov, full), name in zip(kinds, names):
        sel = ((rows["coverage"] == cov) & (rows["full_year"] == full)).to_numpy()
        if not sel.any():
            continue
        colour, marker = (PALETTE[0], "o") if cov == "goods" else (PALETTE[1], "s")
        dots = ax.scatter(rows.loc[sel, "value"], ypos[sel], s=46, marker=marker, linewidths=1.6, zorder=3,
                          facecolors=colour if full else "white", edgecolors=colour, label=name)
        svg.annotate_points(dots, [f"{r['period']}: {r['value']:,.1f} USD million ({r['coverage']}; {r['publisher']})"
                                   for _, r in rows[sel].iterrows()])
        handles.append(dots)
    if rejected.any():
        handles.append(ax.scatter(rows.loc[rejected.to_numpy(), "value"], ypos[rejected.to_numpy()], s=120, marker="x",
                                  color=PALETTE[6], linewidths=1.4, zorder=4))
    for y, (_, r) in zip(ypos, rows.iterrows()):
        value = money_short(float(r["value"]), 2)
        ax.annotate(value if phone else f"{value}, {r['who']}", (float(r["value"]), y), xytext=(8, 0),
                    textcoords="offset points", va="center", ha="left", fontsize=MIN_FONT_PT,
                    color=TEXT_PALETTE[0] if r["coverage"] == "goods" else TEXT_PALETTE[1])
    ax.set_yticks(ypos, [f"{periods.short(p)}\n{w}" if phone else periods.short(p)
                         for p, w in zip(rows["period"], rows["who"])])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    top = float(rows["value"].max())
    _x_ticks(ax, top, 3 if is_phone(width_in) else 5)
    ax.set_xlim(0, top * (1.35 if phone else 1.5))
    ax.set_xlabel("USD million")
    ax.grid(axis="y", visible=False)
    _legend(lax, handles, legend_names, width_in)
    return finish_chart(fig, text.title, text.source, width_in, text.note)


def _months_short(span: str) -> str:
    """``July 2025–March 2026`` -> ``Jul–Mar``."""
    parts = [p.strip().split(" ")[0][:3] for p in span.split("–")]
    return "–".join(parts)


# --- the long run -------------------------------------------------------------------------------

def history(frame: pd.DataFrame, text: Any, width_in: float) -> plt.Figure:
    """Two-way goods trade by year in the window, one line per record (series and reporter), the
    record growth rests on drawn heavier; lines break where a year has no figure; a record with one
    year is a marker."""
    fiscal = frame["period"].astype(str).str.startswith("FY").any()
    lines = list(dict.fromkeys(frame.sort_values(["chosen", "series"], ascending=[False, True])["line"]))
    _style()
    fig, (ax,), lax = new_figure(width_in, 3.0 if is_phone(width_in) else 3.4,
                                 legend_rows=_rows_needed(lines, width_in))
    years = list(range(int(frame["year"].min()), int(frame["year"].max()) + 1))
    handles = []
    for i, name in enumerate(lines):
        g = frame[frame["line"] == name]
        values = g.groupby("year")["value"].first().reindex(years)
        style = style_for(i)
        heavy = bool(g["chosen"].any())
        size = (4 if heavy else 3) if len(years) > 3 else 7
        (line,) = ax.plot(years, values.values, linewidth=2.2 if heavy else 1.3, markersize=size, **style, label=name)
        tips = g.set_index("year").reindex(years)
        svg.annotate_points(line, [f"{y}: {'no figure' if pd.isna(v) else f'{v:,.1f} USD million'} ({name})"
                                   for y, v in zip(tips["period"].fillna(pd.Series(years, index=years).astype(str)),
                                                   values.values)])
        handles.append(line)
    _years_axis(ax, years, width_in, fiscal)
    _y_ticks(ax, float(frame["value"].max()) * 1.1, 4 if is_phone(width_in) else 5)
    ax.set_ylabel("USD million")
    if fiscal:
        ax.set_xlabel(_label(text, "xlabel_fiscal", "fiscal year"))
    _legend(lax, handles, lines, width_in)
    return finish_chart(fig, text.title, text.source, width_in, text.note)


# --- the mirror ---------------------------------------------------------------------------------

def mirror(frame: pd.DataFrame, text: Any, width_in: float) -> plt.Figure:
    """Each direction of trade as Pakistan and as Russia record it, one panel per direction (side by
    side on a desktop, stacked on a phone), same years on both."""
    flows = [f for f in ("exports", "imports") if (frame["flow"] == f).any()]
    whose = list(dict.fromkeys(frame.sort_values("reporter")["series"]))
    _style()
    fig, axes, lax = new_figure(width_in, 2.6 if is_phone(width_in) else 3.0, panels=len(flows),
                                legend_rows=_rows_needed(whose, width_in))
    years = list(range(int(frame["year"].min()), int(frame["year"].max()) + 1))
    handles: dict[str, Any] = {}
    for ax, flow in zip(axes, flows):
        sub = frame[frame["flow"] == flow]
        for i, who in enumerate(whose):
            g = sub[sub["series"] == who].set_index("year")["value"].reindex(years)
            (line,) = ax.plot(years, g.values, linewidth=1.6, markersize=3.5 if len(years) > 3 else 7,
                              **style_for(i), label=who)
            svg.annotate_points(line, [f"{y}: {'no figure' if pd.isna(v) else f'{v:,.1f} USD million'} "
                                       f"({sub['direction'].iloc[0]}, {who})" for y, v in zip(years, g.values)])
            handles.setdefault(who, line)
        panels = 1 if is_phone(width_in) else len(flows)
        _years_axis(ax, years, width_in, panels=panels)
        _y_ticks(ax, float(sub["value"].max()) * 1.12, 4)
        ax.set_ylabel("USD million")
        ax.set_title(sub["direction"].iloc[0], fontsize=MIN_FONT_PT, fontweight="normal", loc="left")
    _legend(lax, list(handles.values()), list(handles), width_in)
    return finish_chart(fig, text.title, text.source, width_in, text.note)


# --- what is traded -----------------------------------------------------------------------------

def _product_label(name: str, chars: int) -> str:
    """A product group's name in full, wrapped to lines of about ``chars`` characters (never cut)."""
    return "\n".join(textwrap.wrap(str(name), chars, break_long_words=False)) or str(name)


def products(frame: pd.DataFrame, text: Any, width_in: float) -> plt.Figure:
    """The largest product groups each way in one year, as horizontal bars with their values; one
    panel per direction (side by side on a desktop, stacked on a phone). Names are wrapped, never
    cut, and a row is taller when its name takes two lines."""
    phone = is_phone(width_in)
    flows = [f for f in ("exports", "imports") if (frame["flow"] == f).any()]
    n = int(frame.groupby("flow").size().max())
    chars = 24 if phone else 13
    names = {p: _product_label(p, chars) for p in frame["product"]}
    lines = max(str(v).count("\n") + 1 for v in names.values()) if names else 1
    _style()
    fig, axes, _ = new_figure(width_in, (0.3 if lines == 1 else 0.42) * n + 0.7, panels=len(flows))
    for ax, flow in zip(axes, flows):
        g = frame[frame["flow"] == flow].sort_values("value", ascending=False)
        ypos = np.arange(len(g))[::-1]
        bars = ax.barh(ypos, g["value"], color=PALETTE[0] if flow == "exports" else PALETTE[2], height=0.66)
        svg.annotate_points(bars, [f"{r['product']} ({r['period']}): {r['value']:,.1f} USD million, "
                                   f"{r['share_pct']:.0f}% of the year's {r['direction']}" for _, r in g.iterrows()])
        ax.set_yticks(ypos, [names[p] for p in g["product"]], linespacing=1.0)
        for y, v in zip(ypos, g["value"]):
            ax.annotate(money_short(float(v)), (float(v), y), xytext=(3, 0), textcoords="offset points", va="center",
                        fontsize=MIN_FONT_PT)
        _x_ticks(ax, float(g["value"].max()), 3)
        ax.set_xlim(0, float(g["value"].max()) * 1.35)
        ax.set_ylim(-0.6, len(g) - 0.4)
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("USD million")
        ax.set_title(g["direction"].iloc[0], fontsize=MIN_FONT_PT, fontweight="normal", loc="left")
    return finish_chart(fig, text.title, text.source, width_in, text.note)


__all__ = ["lead", "press", "history", "mirror", "products", "money_short"]
