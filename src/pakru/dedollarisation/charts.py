"""The section's charts, each drawn for a width: ``draw(frame, text, width_in) -> Figure``.

Each function lays itself out for the width it is given (panels side by side on a desktop, under
each other on a phone; fewer ticks and wrapped labels on a phone), takes its words from ``text``
(the chart template's title, note, source and ``label_*`` blocks) and draws the frame of
:func:`pakru.dedollarisation.frames` it is named after. None of them decides a finding.
"""

from __future__ import annotations

import math
import textwrap
from typing import Any

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory

from ..data.periods import midpoint
from ..present import charts as house, key_events as strips, svg
from ..present.numbers import fixed
from ..present.charts import GREY, MIN_FONT_PT, PALETTE, finish_chart, is_phone, new_figure
from ..present.timeline import extents, fit_height, year_step
from .cargoes import PAID_IN_YUAN, YUAN_INTENDED
from .currency_shares import CBR_GROUP_LABELS, CBR_GROUPS, split_at_breaks

Figure = house.plt.Figure
DARK = PALETTE[0]


def _label(text: Any, key: str, default: str) -> str:
    return (getattr(text, "labels", {}) or {}).get(key) or default


def _year_axis(ax: house.plt.Axes, lo: pd.Timestamp, hi: pd.Timestamp, width_in: float,
               most: int | None = None) -> None:
    """Year ticks over ``lo``..``hi``, kept off the axis's ends (so that two panels side by side
    never put their labels together): at most five labels on a narrow axis, eight on a wide one
    (``most`` sets another limit); months when the span is under two years."""
    years = max((hi - lo).days / 365.25, 0.1)
    if years >= 2:
        # a year that starts just inside an end (data from 2 January 2018) would lose its label to the
        # margin and the first marks would sit under no year: widen the axis to show it. Decided by
        # lo and hi alone, so panels sharing the axis widen alike.
        margin = (hi - lo) * 0.02
        first, last = pd.Timestamp(year=lo.year + 1, month=1, day=1), pd.Timestamp(year=hi.year, month=1, day=1)
        if lo < first < lo + margin:
            lo = first - 1.5 * margin  # clear of the margin the ticks keep below
        if hi - margin < last < hi:
            hi = last + 1.5 * margin
    narrow = is_phone(width_in)
    if years < 2:
        room = max(1, int(width_in / 0.9))  # a "May 2024" label needs about 0.9 in with its gap
        step = next(m for m in (3, 6, 12, 24) if years * 12 / m <= room or m == 24)
        step = max(step, 6 if years > 1 or narrow else 3)
        ticks = pd.date_range(lo.to_period("M").to_timestamp(), hi, freq=f"{step}MS")
        fmt = "%b %Y"
    else:
        step = year_step(years, most or (6 if narrow else 9))
        ticks = [pd.Timestamp(year=y, month=1, day=1) for y in range(lo.year + 1, hi.year + 1) if y % step == 0]
        fmt = "%Y"
    margin = (hi - lo) * 0.02
    inside = [t for t in ticks if lo + margin <= t <= hi - margin] or list(ticks)[:1]
    ax.set_xticks(inside, [t.strftime(fmt) for t in inside])
    ax.set_xlim(lo, hi)


def _span(starts: pd.Series, ends: pd.Series, pad_days: int = 45) -> tuple[pd.Timestamp, pd.Timestamp]:
    lo, hi = pd.Timestamp(starts.min()), pd.Timestamp(ends.max())
    return lo - pd.Timedelta(days=pad_days), hi + pd.Timedelta(days=pad_days)


# --- the cargoes (the lead chart) --------------------------------------------------------------------------

def cargoes(frame: pd.DataFrame, text: Any, width_in: float) -> Figure:
    """One horizontal bar per cargo in order of arrival, its length the published tonnage, one
    panel per product, all on one scale. Paid in yuan: solid; yuan intended, not confirmed: hollow
    and hatched; no currency recorded: light grey; a tonnage reported only as a total over months
    (not one cargo): dotted grey, said so beside it and in the legend. A cargo without a published
    tonnage gets no bar, only words."""
    house.apply_style()
    products = [p for p in ("crude oil", "LPG") if (frame["product"] == p).any()]
    products += [p for p in dict.fromkeys(frame["product"]) if p not in products]
    phone = is_phone(width_in)
    sizes = [int((frame["product"] == p).sum()) for p in products]
    summed_any = bool(frame["cumulative"].any())
    # a phone: the panels, then the legend in a row under them. A desktop: the legend in a column
    # beside the panels, rows set closer and the scale named under the last panel only, so that the
    # chart prints at full size in the PDF (under 128 mm tall at the page's width)
    row_in = 0.62 if phone else 0.34
    head_in = 0.5 if phone else 0.25  # a panel's title, and on a phone its own scale under it
    axis_in = 0.0 if phone else 0.4   # the scale shared under the last panel (desktop)
    if phone:
        legend_in = (3 + summed_any) * 0.27 + 0.1  # one 10.5 pt legend row is about 0.27 in
        fig = house.plt.figure(figsize=(width_in, sum(sizes) * row_in + 0.75 * len(products) + legend_in + 0.3),
                               layout="constrained")
        grid = fig.add_gridspec(len(products) + 1, 1,
                                height_ratios=[n * row_in + head_in for n in sizes] + [legend_in])
    else:
        heights = [n * row_in + head_in for n in sizes]
        heights[-1] += axis_in
        fig = house.plt.figure(figsize=(width_in, sum(heights) + 0.25 * len(products) + 0.3), layout="constrained")
        grid = fig.add_gridspec(len(products), 1, height_ratios=heights)
    unpublished = _label(text, "unpublished", "size not published")
    summed_word = _label(text, "summed_short", "total over months")
    top = float(frame["value"].max()) if frame["value"].notna().any() else 1.0
    axes = []
    for k, product in enumerate(products):
        ax = fig.add_subplot(grid[k, 0], sharex=axes[0] if axes else None)
        axes.append(ax)
        sub = frame[frame["product"] == product].reset_index(drop=True)
        names = [_cargo_name(r, phone) for _, r in sub.iterrows()]
        y = list(range(len(sub)))[::-1]
        paid, intended, summed = sub["series"] == PAID_IN_YUAN, sub["series"] == YUAN_INTENDED, sub["cumulative"]
        bars = ax.barh(y, sub["value"].fillna(0), height=0.6,
                       color=[DARK if p else "white" if i or c else "#d9d9d9"
                              for p, i, c in zip(paid, intended, summed)],
                       edgecolor=[DARK if p or i else GREY for p, i in zip(paid, intended)], linewidth=1.1)
        for bar, i, c in zip(bars, intended, summed):
            if i or c:
                bar.set_hatch("///" if i else "..")
            if c:
                bar.set_linestyle(":")
        amounts = [unpublished if pd.isna(v) else f"{fixed(v)} t" + ("\n" + summed_word if c else "")
                   for v, c in zip(sub["value"], summed)]
        svg.annotate_points(bars, [f"{product}, {n}: {a}, {s} [{i}]".replace("\n", ", ") for n, a, s, i in
                                   zip(names, amounts, sub["series"], sub["source_id"])])
        for yy, v, a in zip(y, sub["value"], amounts):
            ax.annotate(a, (0 if pd.isna(v) else v, yy), xytext=(4, 0), textcoords="offset points", va="center",
                        fontsize=MIN_FONT_PT, color=GREY if pd.isna(v) else "#222222")
        ax.set_yticks(y, names)
        ax.set_ylim(-0.6, len(sub) - 0.4)
        ax.grid(axis="y", visible=False)
        ax.set_title(_label(text, product.replace(" ", "_"), product[:1].upper() + product[1:]),
                     fontsize=MIN_FONT_PT, fontweight="bold", loc="left")
        if phone or k == len(products) - 1:
            ax.set_xlabel(_label(text, "x", "thousand tonnes"))
        else:  # on a desktop the panels share the scale under the last one
            ax.tick_params(labelbottom=False)
    # one scale for every panel, with room for the words after the longest bar
    axes[0].set_xlim(0, top * (2.1 if phone else 1.6))
    axes[0].xaxis.set_major_locator(house.plt.MaxNLocator(3 if phone else 5))
    axes[0].xaxis.set_major_formatter(lambda v, _: f"{v / 1000:,.0f}")
    names = [_label(text, "paid", PAID_IN_YUAN), _label(text, "intended", YUAN_INTENDED),
             _label(text, "other", "no currency recorded")] + (
        [_label(text, "summed", "total over months, not one cargo")] if summed_any else [])
    if not phone:  # the column beside the panels holds about 19 characters a line after the key
        names = [textwrap.fill(n, 19) for n in names]
    handles = [Patch(facecolor=DARK, edgecolor=DARK, label=names[0]),
               Patch(facecolor="white", edgecolor=DARK, hatch="///", label=names[1]),
               Patch(facecolor="#d9d9d9", edgecolor=GREY, label=names[2])]
    if summed_any:
        handles.append(Patch(facecolor="white", edgecolor=GREY, hatch="..", linestyle=":", label=names[3]))
    if phone:
        lax = fig.add_subplot(grid[len(products), 0])
        lax.axis("off")
        _legend_from_left(fig, lax, handles, 1)
    else:  # beside the panels, which the layout narrows to make room for it
        fig.legend(handles=handles, loc="outside right center", frameon=False, fontsize=MIN_FONT_PT,
                   labelspacing=0.7, handlelength=1.5, handletextpad=0.5)
    return finish_chart(fig, text.title, text.source, width_in, text.note)


def _legend_from_left(fig: Figure, lax: house.plt.Axes, handles: list, ncols: int) -> None:
    """The legend in its row under the panels, starting at the figure's left edge (where the title
    and the notes start) and left out of the layout: a legend wider than the panels' column would
    otherwise squeeze the panels to its width."""
    where = blended_transform_factory(fig.transFigure, lax.transAxes)
    legend = lax.legend(handles=handles, loc="center left", bbox_to_anchor=(0.0, 0.5), bbox_transform=where,
                        ncols=ncols, frameon=False, fontsize=MIN_FONT_PT, borderaxespad=0.2)
    legend.set_in_layout(False)


def _cargo_name(row: pd.Series, phone: bool) -> str:
    who = row["vessel"] or row["buyer"]
    if not who:
        return row["period"]
    return f"{who}\n{row['period']}" if phone or len(who) + len(row["period"]) > 24 else f"{who}, {row['period']}"


# --- the key steps ------------------------------------------------------------------------------------------

STEP_LANES = ("swap line", "payment policy", "barter", "oil and LPG cargo", "statement")
STEP_ROW_IN = 0.18  # a key step's row on a desktop: one line of label beside its mark
LANE_IN = 0.25      # a lane of the desktop's strip of every event


def key_events(frame: pd.DataFrame, text: Any, width_in: float) -> Figure:
    """The key steps (``key`` rows), one row each, oldest at the top, each labelled with its date and
    ``key_label`` and marked at its date; under them a tick for every event (the key steps dark), so
    the reader sees where the steps cluster. A day-dated event is a dot, one known to the month or
    year a bar over its period; events resting only on weak sources are hollow.

    On a desktop (:func:`_steps_beside`) each label stands on one line beside its mark, over the full
    width, and a lane per category sits under the marks on the same time axis, named at its left.
    On a phone the labels stand in a column of their own at the left, so no two can meet, set
    tight, and one lane of every event takes the full width, named above its ticks, so the chart
    stays about a phone screen tall."""
    house.apply_style()
    ext = extents(frame.assign(end_date=pd.NaT))
    key = ext[ext["key"].astype(bool)].sort_values(["x_start", "event_id"], kind="stable")
    if not is_phone(width_in):
        return _steps_beside(frame, ext, key, text, width_in)
    label_in = width_in * 0.6
    chars = max(22, int(label_in * house.BODY_CHARS_PER_IN) - 1)
    labels = [textwrap.fill(f"{r['period']}: {r['key_label']}", chars) for _, r in key.iterrows()]
    line_in, gap_in = 0.17, 0.08
    heights = [(lab.count("\n") + 1) * line_in + gap_in for lab in labels]
    categories = [c for c in STEP_LANES if (frame["category"] == c).any()]
    rug_in = 0.45 + 0.15  # its name above the ticks, with a clear gap between them
    fig = house.plt.figure(figsize=(width_in, sum(heights) + rug_in + 0.75), layout="constrained")
    ratios = ([sum(heights)] if len(key) else []) + [rug_in]
    grid = fig.add_gridspec(len(ratios), 2, width_ratios=[label_in, width_in - label_in], height_ratios=ratios)
    lo, hi = _span(ext["x_start"], ext["x_end"], 60)
    if len(key):
        lax, ax = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
        lax.axis("off")
        tops = [sum(heights[:i]) for i in range(len(heights))]
        ys = [-(t + h / 2) for t, h in zip(tops, heights)]
        for y, lab, (_, r) in zip(ys, labels, key.iterrows()):
            lax.text(0, y, lab, ha="left", va="center", fontsize=MIN_FONT_PT, color="#222222", linespacing=1.05)
            ax.axhline(y, color="#e3e3e3", linewidth=0.8, zorder=0)
            _mark(ax, r, y)
        for a in (lax, ax):
            a.set_ylim(-sum(heights), 0)
        lax.set_xlim(0, 1)
        ax.set_yticks([])
        ax.grid(axis="y", visible=False)
        _year_axis(ax, lo, hi, width_in - label_in, most=3)
    rug = fig.add_subplot(grid[-1, :])
    rows = ext[ext["category"].isin(categories)]
    ticks = rug.scatter(list(rows["x_start"] + (rows["x_end"] - rows["x_start"]) / 2), [-0.22] * len(rows),
                        marker="|", s=110, c=[DARK if k else "#8a8a8a" for k in rows["key"]], linewidths=1.5)
    svg.annotate_points(ticks, [f"{p}: {t} [{s}]" for p, t, s in zip(rows["period"], rows["title"],
                                                                     rows["source_id"])])
    # the lane's name above its ticks, from the axis's left edge
    rug.annotate(_label(text, "every_event", "every payment event"), (0, 0.5), xycoords=("axes fraction", "data"),
                 xytext=(2, -1), textcoords="offset points", ha="left", va="top", fontsize=MIN_FONT_PT, color=GREY)
    rug.set_ylim(-0.5, 0.5)
    rug.set_yticks([])
    rug.grid(axis="y", visible=False)
    _year_axis(rug, lo, hi, width_in)
    return finish_chart(fig, text.title, text.source, width_in, text.note)


def _steps_beside(frame: pd.DataFrame, ext: pd.DataFrame, key: pd.DataFrame, text: Any, width_in: float) -> Figure:
    """The key steps for a desktop, in one plot measured in inches from its top: a row one line tall
    for each step, its label beside its mark (right of it in the first half of the axis, left in
    the second), so that the chart prints at full size in the PDF; under a rule, a lane per kind of
    event, named at its left, on the same time axis."""
    categories = [c for c in STEP_LANES if (frame["category"] == c).any()]
    labels = [f"{r['period']}: {r['key_label']}" for _, r in key.iterrows()]
    fig = house.plt.figure(figsize=(width_in, 4.0), layout="constrained")
    ax = fig.add_subplot()
    ys = [-(i + 0.5) * STEP_ROW_IN for i in range(len(key))]
    for y, (_, r) in zip(ys, key.iterrows()):
        _mark(ax, r, y)
    rule = -len(key) * STEP_ROW_IN - 0.03 if len(key) else 0.0
    # a lane's name is a line of text: LANE_IN apart, and a little more than half a line at either end
    lanes = [rule - 0.13 - i * LANE_IN for i in range(len(categories))]
    for y, cat in zip(lanes, categories):
        rows = ext[ext["category"] == cat]
        ticks = ax.scatter(list(rows["x_start"] + (rows["x_end"] - rows["x_start"]) / 2), [y] * len(rows),
                           marker="|", s=90, c=[DARK if k else "#8a8a8a" for k in rows["key"]], linewidths=1.5)
        svg.annotate_points(ticks, [f"{p}: {t} [{s}]" for p, t, s in zip(rows["period"], rows["title"],
                                                                         rows["source_id"])])
    if len(key):
        ax.axhline(rule, color="#bbbbbb", linewidth=0.6, zorder=1)
    ax.set_yticks(lanes, categories)
    ax.tick_params(axis="y", length=0, labelcolor=GREY)
    ax.tick_params(axis="x", pad=3)  # no value axis here whose "0" the years could touch
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    finish_chart(fig, text.title, text.source, width_in, text.note)
    lo, hi = _span(ext["x_start"], ext["x_end"], 60)
    _year_axis(ax, lo, hi, width_in - 1.4)
    fit_height(fig, ax, -(lanes[-1] if lanes else rule) + 0.1)
    spans = [(mdates.date2num(r["x_start"]), mdates.date2num(r["x_end"] if r["shape"] != "point" else r["x_start"]))
             for _, r in key.iterrows()]
    strips.beside(ax, spans, ys, labels)
    return fig


def _mark(ax: house.plt.Axes, r: pd.Series, y: float) -> None:
    weak = bool(r["weak"])
    tip = [f"{r['period']}: {r['title']}. Why key: {r['key_reason']} [{r['source_id']}]"]
    if r["shape"] == "point":
        (dot,) = ax.plot([r["x_start"]], [y], linestyle="none", marker="o", markersize=7,
                         markerfacecolor="white" if weak else DARK, markeredgecolor=DARK, markeredgewidth=1.4)
        svg.annotate_points(dot, tip)
    else:
        bar = ax.barh([y], [r["x_end"] - r["x_start"]], left=[r["x_start"]], height=0.14,
                      color="white" if weak else DARK, alpha=1 if weak else 0.55, edgecolor=DARK, linewidth=1.2)
        svg.annotate_points(bar, tip)


# --- the statistics ------------------------------------------------------------------------------------------

def _breaks(ax: house.plt.Axes, rows: pd.DataFrame) -> None:
    """A dotted vertical line where a series changes definition; its note is its tooltip (the
    chart's note says what the lines are; the definitions are in the appendix)."""
    flagged = rows[rows["break"]].drop_duplicates("period_start")
    for day, note in zip(flagged["period_start"], flagged["break_note"]):
        line = ax.axvline(day, color=GREY, linestyle=":", linewidth=1.3, zorder=1)
        svg.annotate_points(line, [f"{pd.Timestamp(day):%B %Y}: {note}"] * 2)


def cbr(frame: pd.DataFrame, text: Any, width_in: float) -> Figure:
    """One panel per direction (Russia's export receipts, its import payments): the rouble's, the
    yuan's and the dollar-plus-euro shares. Months are joined only when consecutive, a quarter or
    year is a marker with a wide bar across its period, no line crosses a change of definition
    (dotted line), and a figure resting only on weak sources is hollow (as in the SWIFT chart).
    Side by side on a desktop, stacked on a phone, each panel the full width."""
    panels = [s for s in ("cbr_exports", "cbr_imports") if (frame["series"] == s).any()]
    phone = is_phone(width_in)
    # a desktop's panels are side by side and short enough that the chart prints at full size in the
    # PDF (under 128 mm tall at the page's width)
    fig, axes, lax = new_figure(width_in, 2.6 if phone else 2.75, len(panels), legend_rows=3 if phone else 2,
                                sharey=True)
    styles = {g: house.style_for(i) for i, g in enumerate(CBR_GROUPS)}
    lo, hi = _span(frame["period_start"], frame["period_end"])
    for ax, series in zip(axes, panels):
        sub = frame[frame["series"] == series]
        cuts = sub[sub["break"]]["period_start"].drop_duplicates()
        for group in CBR_GROUPS:
            g = sub[sub["group"] == group].assign(currency=group).sort_values("period_start")
            st = styles[group]
            for seg in split_at_breaks(g, cuts):
                ax.plot(list(seg["x"]), list(seg["value"]), color=st["color"], linestyle=st["linestyle"],
                        linewidth=1.4)
                dots = ax.scatter(list(seg["x"]), list(seg["value"]), marker=st["marker"], s=24, zorder=3,
                                  facecolors=["white" if q == "weak" else st["color"] for q in seg["quality"]],
                                  edgecolors=st["color"], linewidths=1.1)
                svg.annotate_points(dots, [f"{p}: {CBR_GROUP_LABELS[group]} {v:g}%" + (", added" if d else "")
                                           + f" ({q} source) [{i}]" for p, v, d, q, i in
                                           zip(seg["period"], seg["value"], seg["derived"], seg["quality"],
                                               seg["source_id"])])
                for _, r in seg[seg["period_type"].isin(["quarter", "year"])].iterrows():
                    ax.plot([r["period_start"], r["period_end"] + pd.Timedelta(days=1)], [r["value"]] * 2,
                            color=st["color"], linewidth=3, alpha=0.45, solid_capstyle="butt")
        ax.set_title(_label(text, series, series), fontsize=MIN_FONT_PT, fontweight="normal", loc="left")
        ax.set_ylim(0, 100)
        _year_axis(ax, lo, hi, width_in / (1 if phone else 2))
        _breaks(ax, sub)
    axes[0].set_ylabel(_label(text, "y", "share, %"))
    if len(axes) > 1 and not phone:
        axes[1].tick_params(labelleft=False)
    handles = [Line2D([], [], color=styles[g]["color"], linestyle=styles[g]["linestyle"], marker=styles[g]["marker"],
                      label=CBR_GROUP_LABELS[g]) for g in CBR_GROUPS]
    handles += [Line2D([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor="#333333",
                       label=_label(text, "weak", "hollow: weak source only")),
                Line2D([], [], color="#333333", linewidth=3, alpha=0.45,
                       label=_label(text, "bar", "wide bar: year or quarter"))]
    _legend_from_left(fig, lax, handles, 2 if phone else 3)
    return finish_chart(fig, text.title, text.source, width_in, text.note)


def swift(frame: pd.DataFrame, text: Any, width_in: float) -> Figure:
    """The yuan's monthly share of SWIFT payments, one line per series chosen; lines stop at the
    two changes of what SWIFT counts (dotted lines) and at months without a figure; months resting
    on a weak source (a student project's extraction) are hollow."""
    fig, (ax,), lax = new_figure(width_in, 3.2, 1, legend_rows=2 if is_phone(width_in) else 1)
    present = [s for s in ("swift_global", "swift_ex_ez") if (frame["series"] == s).any()]
    handles = []
    for i, series in enumerate(present):
        g = frame[frame["series"] == series].sort_values("period_start")
        style = house.style_for(i)
        for seg in split_at_breaks(g, g[g["break"]]["period_start"].drop_duplicates()):
            ax.plot(list(seg["x"]), list(seg["value"]), color=style["color"], linestyle=style["linestyle"],
                    linewidth=1.5)
            dots = ax.scatter(list(seg["x"]), list(seg["value"]), marker=style["marker"], s=14, zorder=3,
                              facecolors=["white" if q == "weak" else style["color"] for q in seg["quality"]],
                              edgecolors=style["color"], linewidths=1.0)
            svg.annotate_points(dots, [f"{p}: {v:.2f}% ({q} source) [{s}]" for p, v, q, s in
                                       zip(seg["period"], seg["value"], seg["quality"], seg["source_id"])])
        handles.append(Line2D([], [], color=style["color"], linestyle=style["linestyle"], marker=style["marker"],
                              label=_label(text, series, series)))
        _breaks(ax, g)
    if (frame["quality"] == "weak").any():
        handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor="#333333",
                              label=_label(text, "weak", "hollow: weak source")))
    top = float(frame["value"].max()) if len(frame) else 5.0
    ax.set_ylim(0, max(5.0, math.ceil(top * 1.15)))
    ax.set_ylabel(_label(text, "y", "yuan share, %"))
    _year_axis(ax, *_span(frame["period_start"], frame["period_end"]), width_in)
    lax.legend(handles=handles, loc="center", ncols=1 if is_phone(width_in) else 3, frameon=False,
               fontsize=MIN_FONT_PT)
    return finish_chart(fig, text.title, text.source, width_in, text.note)


def cofer(frame: pd.DataFrame, text: Any, width_in: float) -> Figure:
    """The dollar's and the renminbi's shares of the world's allocated reserves, quarterly, each in
    its own panel and on its own scale (the dollar's does not start at zero, and its panel title
    says so); side by side on a desktop, stacked on a phone."""
    currencies = [c for c in ("USD", "CNY") if (frame["currency"] == c).any()]
    fig, axes, _ = new_figure(width_in, 2.4, len(currencies))
    lo, hi = _span(frame["period_start"], frame["period_end"])
    for i, (ax, currency) in enumerate(zip(axes, currencies)):
        rows = frame[frame["currency"] == currency].sort_values("period_start")
        style = house.style_for(i)
        for seg in split_at_breaks(rows):
            (line,) = ax.plot(list(midpoint(seg["period_start"], seg["period_end"])), list(seg["value"]),
                              markersize=2.5, linewidth=1.5, **style)
            svg.annotate_points(line, [f"{p}: {v:.2f}%" for p, v in zip(seg["period"], seg["value"])])
        values = rows["value"]
        if currency == "USD":
            bottom, top = 5 * math.floor(values.min() / 5 - 0.5), 5 * math.ceil(values.max() / 5 + 0.2)
        else:
            bottom, top = 0, max(1.0, math.ceil(values.max() * 1.25 * 2) / 2)
        ax.set_ylim(bottom, top)
        ax.set_yticks([t for t in house.plt.MaxNLocator(5).tick_values(bottom, top) if bottom <= t <= top])
        ax.set_title(f"{_label(text, currency, currency)} ({bottom:g}–{top:g}%)", fontsize=MIN_FONT_PT,
                     fontweight="normal", loc="left")
        ax.set_ylabel(_label(text, "y", "share, %"))
        _year_axis(ax, lo, hi, width_in / (1 if is_phone(width_in) else 2))
    return finish_chart(fig, text.title, text.source, width_in, text.note)


DRAW = {"cargoes": cargoes, "key_events": key_events, "cbr": cbr, "swift": swift, "cofer": cofer}

__all__ = ["DRAW", "cargoes", "cbr", "cofer", "key_events", "swift"]
