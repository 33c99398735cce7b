"""The trade section's charts in the house style of :mod:`pakru.present.charts`: the annual series (one
panel per flow, or the total with its lines labelled), the mirror comparison, the figures published
since the databases stop, and the product lines as bars. Each point carries its exact value and
source id as a tooltip."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.ticker import MultipleLocator

from ..present import svg
from ..present.charts import (
    GREY, MIN_FONT_PT, PALETTE, WIDTH_IN, apply_style, figure_with_legend_row, finish, grid_with_legend,
    legend_in, plt, style_for)


def annual_trade_chart(rows: pd.DataFrame, flows: Sequence[str], start_year: int, end_year: int, title: str,
                       source: str, basis: str, note: str = "") -> plt.Figure:
    """One panel per flow; one line per (series, reporter); missing years leave gaps.

    ``rows`` has the columns of :func:`pakru.trade.series.annual` (year, flow, reporter, series, value)."""
    nrows = (len(flows) + 1) // 2 if len(flows) > 1 else 1
    ncols = 2 if len(flows) > 1 else 1
    fig, axes, legend_ax = grid_with_legend(nrows, ncols, 3.2, sharex=True)
    years = list(range(start_year, end_year + 1))
    who = {"PAK": "Pakistan-reported", "RUS": "Russia-reported", "unstated": "reporter not stated"}
    combos = sorted({(s, r) for s, r in zip(rows["series"], rows["reporter"])})
    styles = {c: style_for(i) for i, c in enumerate(combos)}
    flow_title = {"exports": "Pakistan's exports to Russia", "imports": "Pakistan's imports from Russia",
                  "total": "Total trade (exports + imports)", "balance": "Balance (exports − imports)"}
    for ax, flow in zip(axes.flat, flows):
        sub = rows[rows["flow"] == flow]
        for combo in combos:
            g = sub[(sub["series"] == combo[0]) & (sub["reporter"] == combo[1])]
            if g.empty:
                continue
            series = g.groupby("year")["value"].first().reindex(years)
            ids = g.groupby("year")["source_id"].first().reindex(years)
            (line,) = ax.plot(series.index, series.values, label=f"{combo[0]}, {who.get(combo[1], combo[1])}",
                              markersize=3.5, linewidth=1.5, **styles[combo])
            svg.annotate_points(line, [point_label(y, v, i, f"{combo[0]}, {who.get(combo[1], combo[1])}, {flow}",
                                                   basis) for y, v, i in zip(years, series.values, ids.values)])
        if flow == "balance":
            ax.axhline(0, color=GREY, linewidth=0.8)
        ax.set_title(flow_title[flow], fontsize=MIN_FONT_PT, fontweight="normal")
        ax.set_ylabel("USD million")
        ax.set_xlabel("fiscal year ending in" if basis == "fiscal" else "year")
        # every panel spans the whole window, in whole years, so panels line up and a sparse
        # series is not stretched across the axis
        ax.set_xlim(start_year - 0.5, end_year + 0.5)
        ax.xaxis.set_major_locator(year_locator(end_year - start_year, ncols))
        if flow != "balance":  # levels start at zero so that a small change does not look large
            ax.set_ylim(bottom=0)
    for ax in list(axes.flat)[len(flows):]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    for ax in list(axes.flat)[1:len(flows)]:
        for h, lab in zip(*ax.get_legend_handles_labels()):
            if lab not in labels:
                handles.append(h)
                labels.append(lab)
    # two columns: three of these labels at the house font size are wider than the figure, and the
    # layout would squeeze the panels to make room for them
    legend_in(legend_ax, handles, labels, ncols=2)
    return finish(fig, title, source, note)


def point_label(year: int, value: float, source_id: object, what: str = "", basis: str = "calendar") -> str:
    """A point's tooltip: ``"2020: 762.4 USD million (IMF DOTS, Pakistan-reported, total) [trd-imf-dots-pak]"``."""
    when = f"FY{year - 1}-{str(year)[-2:]}" if basis == "fiscal" else str(year)
    val = "no figure" if value is None or pd.isna(value) else f"{value:,.1f} USD million"
    return f"{when}: {val}" + (f" ({what})" if what else "") + (f" [{source_id}]" if isinstance(source_id, str) else "")


def total_trade_chart(rows: pd.DataFrame, start_year: int, end_year: int, title: str, source: str, basis: str,
                      note: str = "") -> plt.Figure:
    """Two-way trade, one line per (series, reporter), each labelled at its last point with its name
    and value instead of a legend; missing years leave gaps. ``rows`` as for :func:`annual_trade_chart`."""
    apply_style()
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 4.2), layout="constrained")
    years = list(range(start_year, end_year + 1))
    who = {"PAK": "Pakistan's records", "RUS": "Russia's records", "unstated": "reporter not stated"}
    sub = rows[rows["flow"] == "total"]
    ends = []
    for i, (ser, rep) in enumerate(sorted({(s, r) for s, r in zip(sub["series"], sub["reporter"])})):
        g = sub[(sub["series"] == ser) & (sub["reporter"] == rep)]
        values = g.groupby("year")["value"].first().reindex(years)
        ids = g.groupby("year")["source_id"].first().reindex(years)
        (line,) = ax.plot(years, values, markersize=3.5, linewidth=1.6, **style_for(i))
        svg.annotate_points(line, [point_label(y, v, sid, f"{ser}, {who.get(rep, rep)}, total", basis)
                                   for y, v, sid in zip(years, values, ids)])
        last = values.last_valid_index()
        about = "about " if "qualifier" in g and (g.loc[g["year"] == last, "qualifier"] == "about").any() else ""
        ends.append((float(values[last]), last, f"{ser}, {who.get(rep, rep)}: {about}{values[last]:,.0f}",
                     PALETTE[i % len(PALETTE)]))
    top = max((e[0] for e in ends), default=1.0)
    gap = top * 0.075  # labels at least this far apart vertically, so that line ends close together stay legible
    placed: list[float] = []
    for value, year, text, colour in sorted(ends):
        y = value if not placed else max(value, placed[-1] + gap)
        placed.append(y)
        ax.annotate(text, (year, value), xytext=(end_year + 0.8, y), textcoords="data", va="center",
                    fontsize=MIN_FONT_PT, color=colour, annotation_clip=False,
                    arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 0.5})
    ax.set_xlim(start_year - 0.5, end_year + 0.5)
    ax.xaxis.set_major_locator(year_locator(end_year - start_year))
    ax.set_ylim(bottom=0, top=max(top, placed[-1] if placed else top) * 1.08)
    ax.set_ylabel("USD million")
    ax.set_xlabel("fiscal year ending in" if basis == "fiscal" else "year")
    return finish(fig, title, source, note)


def year_locator(span_years: int, panels_across: int = 1) -> MultipleLocator:
    """Ticks every 1, 2, 5 or 10 years, so that year labels never run into each other; a panel
    that shares the width with another has room for half as many labels."""
    span = span_years * panels_across
    step = 10 if span > 30 else 5 if span > 12 else 2 if span > 6 else 1
    return MultipleLocator(step)


def label_line_ends(ax: plt.Axes, ends: list[tuple[int, str, int, float]]) -> None:
    """Name each line at its last point instead of in a legend; two ends closer than a tenth of the
    axis height are pushed apart (the higher up, the lower down) so that their names stay legible."""
    top = max([v for *_, v in ends] + [1.0])
    ordered = sorted(ends, key=lambda e: e[3])
    close = len(ordered) == 2 and abs(ordered[1][3] - ordered[0][3]) < 0.1 * top
    for rank, (i, who, year, value) in enumerate(ordered):
        dy = (7 if rank else -7) if close else 0
        ax.annotate(who, (year, value), xytext=(4, dy), textcoords="offset points", va="center",
                    fontsize=MIN_FONT_PT, color=PALETTE[i])


def mirror_chart(gap: pd.DataFrame, title: str, source: str) -> plt.Figure:
    """Pakistan-reported against Russia-reported values of each flow, side by side by year."""
    fig, grid, legend_ax = grid_with_legend(1, 2, 3.0)
    axes = list(grid[0])
    names = {"exports": "Pakistan → Russia", "imports": "Russia → Pakistan"}
    for ax, flow in zip(axes, ("exports", "imports")):
        g = gap[gap["flow"] == flow].set_index("year")
        if g.empty:
            ax.set_visible(False)
            continue
        years = list(range(int(g.index.min()), int(g.index.max()) + 1))
        ids = g["source_ids"].reindex(years)
        ends = []
        for i, (col, who) in enumerate((("pak_reported", "Pakistan"), ("rus_reported", "Russia"))):
            values = g[col].reindex(years)
            (line,) = ax.plot(years, values, label=f"as {who} reports it", markersize=3.5, linewidth=1.5,
                              **style_for(i))
            svg.annotate_points(line, [point_label(y, v, sid, f"{names[flow]}, as {who} reports it")
                                       for y, v, sid in zip(years, values, ids)])
            last = values.last_valid_index()
            if last is not None:
                ends.append((i, who, last, float(values[last])))
        label_line_ends(ax, ends)
        ax.margins(x=0.15)
        ax.set_title(names[flow], fontsize=MIN_FONT_PT, fontweight="normal")
        ax.set_ylabel("USD million")
        ax.set_xlabel("year")
        ax.xaxis.set_major_locator(year_locator(years[-1] - years[0], 2))
        ax.set_ylim(bottom=0)
    legend_ax.set_visible(False)
    return finish(fig, title, source)


def bar_chart(labels: Sequence[str], values: Sequence[float], title: str, source: str, xlabel: str,
              note: str = "", tips: Sequence[str] | None = None) -> plt.Figure:
    """Horizontal bars, largest at the top, values written at the bar ends; ``tips`` are the bars'
    tooltips (default: label and value)."""
    apply_style()
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.38 * len(labels) + 1.4), layout="constrained")
    ypos = list(range(len(labels)))[::-1]
    bars = ax.barh(ypos, values, color=PALETTE[0], edgecolor="black", linewidth=0.4)
    svg.annotate_points(bars, list(tips) if tips is not None else
                        [f"{lab}: {v:,.1f} {xlabel}" for lab, v in zip(labels, values)])
    ax.set_yticks(ypos, [textwrap.shorten(str(lab), 48) for lab in labels])
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    for y, v in zip(ypos, values):
        ax.text(v, y, f" {v:,.1f}", va="center", fontsize=MIN_FONT_PT)
    ax.margins(x=0.12)
    return finish(fig, title, source, note)


# a point's label names who gave the figure in a reader's words (no abbreviations on the chart)
SERIES_WORDS = {
    "Pakistan MoC": "commerce ministry", "SBP": "State Bank, via press", "Business body": "business body",
    "Press analysis": "press analysis", "Pakistan official": "official", "Russian official": "Russian official",
}


def recent_trade_chart(points: pd.DataFrame, title: str, source: str, compare: tuple[int, int] | None = None,
                       note: str = "") -> plt.Figure:
    """Published fiscal-year totals, one marker per figure and no line between them: goods and goods
    and services are different markers (circles, squares), partial windows hollow and set a little
    left of their fiscal year. ``compare`` names two row positions of ``points`` (same coverage,
    same months) joined by the one line the chart draws.

    ``points`` has the columns of :func:`pakru.trade.recent.recent` (year = fiscal year end)."""
    fig, lax, (ax,) = figure_with_legend_row(4.4)
    kinds = (("goods", True, "goods, full fiscal year"), ("goods", False, "goods, part of the year"),
             ("goods and services", True, "goods and services, full fiscal year"),
             ("goods and services", False, "goods and services, part of the year"))
    xs = points["year"] - np.where(points["full_year"], 0.0, 0.28)
    handles = []
    for cov, full, label in kinds:
        sel = (points["coverage"] == cov) & (points["full_year"] == full)
        if not sel.any():
            continue
        colour, marker = (PALETTE[0], "o") if cov == "goods" else (PALETTE[1], "s")
        dots = ax.scatter(xs[sel], points.loc[sel, "value"], s=48, marker=marker, linewidths=1.6, zorder=3,
                          facecolors=colour if full else "white", edgecolors=colour, label=label)
        svg.annotate_points(dots, [f"{r['period']}: {r['value']:,.1f} USD million ({r['coverage']}, {r['series']})"
                                   f" [{r['source_id']}]" for _, r in points[sel].iterrows()])
        handles.append(dots)
    for x, (_, r) in zip(xs, points.iterrows()):
        short = SERIES_WORDS.get(str(r["series"]), str(r["series"]))
        ax.annotate(f"{r['value']:,.0f} {short}", (x, r["value"]), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=MIN_FONT_PT)
    if compare is not None:
        a, b = points.iloc[compare[0]], points.iloc[compare[1]]
        xa, xb = xs.iloc[compare[0]], xs.iloc[compare[1]]
        ax.plot([xa, xb], [a["value"], b["value"]], color=PALETTE[1], linewidth=1.2, linestyle="--", zorder=2)
        change = (b["value"] / a["value"] - 1) * 100
        ax.annotate(f"same months: {'−' if change < 0 else '+'}{abs(change):.0f}%",
                    ((xa + xb) / 2, (a["value"] + b["value"]) / 2), xytext=(8, 8), textcoords="offset points",
                    fontsize=MIN_FONT_PT, color=PALETTE[1])
    years = list(range(int(points["year"].min()), int(points["year"].max()) + 1))
    # FY24 is how the State Bank labels July 2023–June 2024; the long form runs together on a phone
    ax.set_xticks(years, [f"FY{str(y)[-2:]}" for y in years])
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.7)
    ax.set_ylim(bottom=0, top=float(points["value"].max()) * 1.15)
    ax.set_ylabel("USD million")
    ax.set_xlabel("fiscal year (July–June; FY24 = July 2023–June 2024)")
    if lax is not None:
        legend_in(lax, handles, [h.get_label() for h in handles], ncols=2)
    return finish(fig, title, source, note)
