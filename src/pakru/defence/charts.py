"""The defence charts, each drawn for a width: ``draw(frame, text, width_in) -> Figure`` with the
frame from :func:`pakru.defence.frames` and the words from ``text/charts/<name>.j2``. They draw;
they decide no finding.

- :func:`lead`: the strip of key dates over a strip of every event;
- :func:`exercises`: the joint exercises in a lane per kind;
- :func:`deliveries`: SIPRI TIV by year and supplier, the years after the TIV table that the register
  lists deliveries in as hollow marks on the axis (no TIV figure), never bars;
- :func:`supplier_shares`: shares of Pakistan's imports by period, named at their ends;
- :func:`russia_share`: Russia's share by period, and as SIPRI's releases gave it.
"""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..present import charts, key_events, svg
from ..present import timeline as timelines
from ..present.show import ChartText

PHONE_TICK_IN = 0.75
# the SIPRI series each line of the shares charts stands for, named short at the line's end
SHORT = {"Russia (Soviet Union to 1991)": "Russia/USSR"}


def lead(frame: pd.DataFrame, text: ChartText, width_in: float) -> charts.plt.Figure:
    """The key dates (rows with a key_label) over a strip of every event in the selection."""
    a = frame.attrs
    return key_events.key_events_chart(frame, text, width_in, start=a.get("start"), end=a.get("end"),
                                       shade=a.get("shade", ()))


def exercises(frame: pd.DataFrame, text: ChartText, width_in: float) -> charts.plt.Figure:
    """The joint exercises, one lane per kind (the two armies' Druzhba, the navies' Arabian Monsoon, the
    rest), each drawn as precisely as its date is known, the lanes named with their counts."""
    a = frame.attrs
    lanes = list(a.get("lanes") or sorted(set(frame["category"])))
    counts = frame["category"].value_counts()
    return timelines.timeline_chart(frame, text, width_in, lanes=lanes, start=a.get("start"), end=a.get("end"),
                                    lane_labels={c: f"{c} ({counts.get(c, 0)})" for c in lanes},
                                    marks=a.get("marks", ()), shade=a.get("shade", ()))


def _ticks_inside(ax: charts.plt.Axes) -> None:
    """Only the y ticks inside the axis (a tick label past the limits is never drawn, but would
    still be counted as text)."""
    lo, hi = ax.get_ylim()
    ax.set_yticks([t for t in ax.get_yticks() if lo <= t <= hi])


def _year_ticks(ax: charts.plt.Axes, lo: float, hi: float, width_in: float) -> None:
    most = max(2, int((width_in - 1.0) / PHONE_TICK_IN))
    step = timelines.year_step(max(hi - lo, 1), most + 1)
    first = math.ceil(lo / step) * step
    ax.set_xticks(list(range(int(first), int(hi) + 1, step)))
    ax.xaxis.set_major_formatter("{x:.0f}")


def _runs(years: list[int]) -> list[tuple[int, int]]:
    """[2023, 2024, 2026] -> [(2023, 2024), (2026, 2026)]."""
    out: list[tuple[int, int]] = []
    for y in years:
        if out and y == out[-1][1] + 1:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out


def deliveries(frame: pd.DataFrame, text: ChartText, width_in: float) -> charts.plt.Figure:
    """Bars of SIPRI TIV by year, one colour and hatch per supplier, named in the legend row; the
    register-only years a hollow mark on the axis, named by ``text.labels["band"]``."""
    fig, (ax,), legend_ax = charts.new_figure(width_in, 2.9, legend_rows=2 if charts.is_phone(width_in) else 1)
    table = frame[frame["kind"] == "TIV table"]
    after = frame[frame["kind"] == "register only"]
    handles = []
    for i, supplier in enumerate(("Soviet Union", "Russia")):
        g = table[table["series"] == supplier]
        if g.empty:
            continue
        bars = ax.bar(g["year"], g["value"], width=0.8, color=charts.style_for(i)["color"], edgecolor="black",
                      linewidth=0.4, hatch="//" if supplier == "Soviet Union" else None)
        svg.annotate_points(bars, [f"{y}: {v:,.0f} million TIV, {supplier} [{sid}]"
                                   for y, v, sid in zip(g["year"], g["value"], g["source_id"])])
        handles.append(Patch(facecolor=charts.style_for(i)["color"], edgecolor="black", linewidth=0.4,
                             hatch="//" if supplier == "Soviet Union" else None, label=supplier))
    top = float(table["value"].max()) if len(table) else 1.0
    ax.set_ylim(0, top * 1.12)
    years = list(table["year"]) + list(after["year"])
    lo, hi = (min(years), max(years)) if years else (frame.attrs.get("start", 2000), frame.attrs.get("start", 2000))
    if len(after):  # one hollow mark on the axis per run of years: never a bar, which would read as a value
        runs = _runs(sorted(set(int(y) for y in after["year"])))
        marked = [(a + b) / 2 for a, b in runs]
        marks, = ax.plot(marked, [0] * len(marked), linestyle="none", marker="o", markersize=7, clip_on=False,
                         markerfacecolor="white", markeredgecolor=charts.GREY, markeredgewidth=1.4, zorder=5)
        items = ", ".join(dict.fromkeys(after["item"]))
        svg.annotate_points(marks, [f"{y}: no TIV figure; the register lists {items} deliveries "
                                    f"[{'; '.join(dict.fromkeys(after['source_id']))}]"
                                    for y in (f"{a}–{b}" if b > a else str(a) for a, b in runs)])
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=7, markerfacecolor="white",
                              markeredgecolor=charts.GREY, markeredgewidth=1.4,
                              label=text.labels.get("band", "no TIV figure")))
    ax.set_xlim(lo - 0.8, hi + 0.8)
    _year_ticks(ax, lo, hi, width_in)
    ax.set_ylabel("million TIV")
    _ticks_inside(ax)
    ax.grid(axis="x", visible=False)
    assert legend_ax is not None
    if handles:
        legend_ax.legend(handles=handles, loc="center left", ncols=1 if charts.is_phone(width_in) else len(handles),
                         borderaxespad=0, handlelength=1.6, columnspacing=1.2)
    return charts.finish_chart(fig, text.title, text.source, width_in, text.note)


def _mid(frame: pd.DataFrame) -> pd.Series:
    return (frame["first_year"].astype(float) + frame["last_year"].astype(float)) / 2


def _points(ax: charts.plt.Axes, x: pd.Series, y: pd.Series, complete: pd.Series, colour: str, marker: str,
            size: float) -> None:
    """Markers at (x, y): filled for a complete period, hollow for one cut short by the window or the table."""
    full = complete.astype(bool).to_numpy()
    for keep, face in ((full, colour), (~full, "white")):
        if keep.any():
            ax.plot(x[keep], y[keep], linestyle="none", marker=marker, markersize=size, color=colour,
                    markerfacecolor=face, markeredgewidth=1.2)


# SIPRI's published shares are thin diamonds: matplotlib draws "d" 0.6 × √2 × its size wide
DIAMOND = "d"
DIAMOND_WIDTH = 0.6 * 2 ** 0.5


def _marker_pt(fig: charts.plt.Figure, ax: charts.plt.Axes, lo: float, hi: float, largest: float = 8.0) -> float:
    """The size (points) of a published share's diamond at which two one year apart do not touch."""
    per_year = timelines.axes_width(fig, ax) * 72 / max(hi - lo + 1.0, 1.0)
    return max(3.5, min(largest, per_year * 0.85 / DIAMOND_WIDTH))


def _shares_legend(legend_ax: charts.plt.Axes, text: ChartText, width_in: float, size: float) -> None:
    handles = [Line2D([], [], color="#333333", marker="o", markersize=5, linewidth=1.6,
                      label=text.labels.get("computed", "computed from SIPRI's import values")),
               Line2D([], [], color="#333333", marker=DIAMOND, markersize=size, linestyle="none",
                      label=text.labels.get("published", "as SIPRI published"))]
    legend_ax.legend(handles=handles, loc="center left", ncols=1 if charts.is_phone(width_in) else 2,
                     borderaxespad=0, handlelength=1.8, columnspacing=1.2)


def supplier_shares(frame: pd.DataFrame, text: ChartText, width_in: float) -> charts.plt.Figure:
    """One line per supplier group over the periods (at each period's middle year), named at its end; a
    period cut short by the window or the table is a hollow marker; SIPRI's published share in a later
    window (rows of kind ``published``) a diamond in the line's colour."""
    fig, (ax,), legend_ax = charts.new_figure(width_in, 2.9, legend_rows=2 if charts.is_phone(width_in) else 1)
    charts.finish_chart(fig, text.title, text.source, width_in, text.note)
    kind = frame["kind"] if "kind" in frame else pd.Series("computed", index=frame.index)
    mine, theirs = frame[kind == "computed"], frame[kind == "published"]
    ends: list[tuple[float, str, str]] = []
    lo, hi = float(frame["first_year"].min()), float(frame["last_year"].max())
    size = 8.0  # one diamond per line at most: the latest window only
    for i, (name, g) in enumerate(mine.groupby("series", sort=False)):
        g = g.sort_values("first_year")
        st = charts.style_for(i)
        colour = str(st["color"])
        x = _mid(g)
        line, = ax.plot(x, g["value"], color=colour, linestyle=st["linestyle"], linewidth=1.6)
        _points(ax, x, g["value"], g["complete"], colour, str(st["marker"]), 5)
        svg.annotate_points(line, [f"{name}, {y}: {s:.1f}% ({t:,.0f} of {tot:,.0f} million TIV, computed) [{ids}]"
                                   for y, s, t, tot, ids in zip(g["period"], g["value"], g["tiv"], g["total_tiv"],
                                                                g["source_id"])])
        last = float(g["value"].dropna().iloc[-1]) if g["value"].notna().any() else None
        pub = theirs[theirs["series"] == name]
        if len(pub):
            dots, = ax.plot(_mid(pub), pub["value"], linestyle="none", marker=DIAMOND, markersize=size, color=colour)
            svg.annotate_points(dots, [f"{name}, {y}: {v:g}% (SIPRI, {r} release) [{sid}]" for y, v, r, sid in
                                       zip(pub["period"], pub["value"], pub["release"], pub["source_id"])])
            last = float(pub["value"].iloc[-1])
        if last is not None:
            ends.append((last, SHORT.get(str(name), str(name)), colour))
    ax.set_ylim(0, 100)
    ax.set_ylabel("% of imports (TIV)")
    label_in = max((len(n) for _, n, _ in ends), default=6) * charts.MIN_FONT_PT * 0.6 / 72 + 0.15
    width = timelines.axes_width(fig, ax)
    span_years = max(hi - lo, 1.0)
    room = span_years * label_in / max(width - label_in, 0.5)
    ax.set_xlim(lo - 0.5, hi + room)
    _year_ticks(ax, lo, hi, width_in)
    height = ax.get_position().height * fig.get_figheight()
    gap = 100 * charts.MIN_FONT_PT * 1.35 / 72 / max(height, 0.5)
    placed = charts.spread([v for v, _, _ in ends], gap, lo=gap / 2, hi=100 - gap / 2)
    for (value, name, colour), y in zip(ends, placed):
        ax.annotate(name, (hi, value), xytext=(hi + room * 0.08, y), textcoords="data", va="center", ha="left",
                    fontsize=charts.MIN_FONT_PT, color=svg.readable(colour), fontweight="bold")
    assert legend_ax is not None
    _shares_legend(legend_ax, text, width_in, size)
    return fig


def russia_share(frame: pd.DataFrame, text: ChartText, width_in: float) -> charts.plt.Figure:
    """Russia's share by period as this report divides SIPRI's TIV table (a line; a period cut short is
    hollow), and as SIPRI's releases gave it (diamonds, sized so that two one year apart never touch),
    each at its period's middle year; the legend row names both."""
    mine = frame[frame["kind"] == "computed"].sort_values("first_year")
    theirs = frame[frame["kind"] == "published"].sort_values("first_year")
    partial = bool((~mine["complete"].astype(bool)).any())
    fig, (ax,), legend_ax = charts.new_figure(width_in, 2.6,
                                              legend_rows=2 + partial if charts.is_phone(width_in) else 1)
    charts.finish_chart(fig, text.title, text.source, width_in, text.note)
    lo, hi = float(frame["first_year"].min()), float(frame["last_year"].max())
    ax.set_xlim(lo - 0.5, hi + 0.5)
    size = _marker_pt(fig, ax, lo, hi)
    if len(mine):
        line, = ax.plot(_mid(mine), mine["value"], color=charts.PALETTE[0], linewidth=1.6)
        _points(ax, _mid(mine), mine["value"], mine["complete"], charts.PALETTE[0], "o", min(5.0, size))
        svg.annotate_points(line, [f"{y}: {v:.1f}% (computed for this report) [{s}]"
                                   for y, v, s in zip(mine["period"], mine["value"], mine["source_id"])])
    if len(theirs):
        dots, = ax.plot(_mid(theirs), theirs["value"], linestyle="none", marker=DIAMOND, markersize=size,
                        color=charts.PALETTE[1], zorder=3)
        svg.annotate_points(dots, [f"{y}: {v:g}% ({r} release) [{s}]" for y, v, r, s in
                                   zip(theirs["period"], theirs["value"], theirs["release"], theirs["source_id"])])
    _year_ticks(ax, lo, hi, width_in)
    ax.set_ylim(0, max(float(frame["value"].max()) * 1.25, 5.0))
    ax.set_ylabel("% of imports (TIV)")
    _ticks_inside(ax)
    assert legend_ax is not None
    handles = [Line2D([], [], color=charts.PALETTE[0], marker="o", markersize=5, linewidth=1.6,
                      label=text.labels.get("computed", "computed from SIPRI's import values")),
               Line2D([], [], color=charts.PALETTE[1], marker=DIAMOND, markersize=size, linestyle="none",
                      label=text.labels.get("published", "as SIPRI published"))]
    if partial:
        handles.append(Line2D([], [], color=charts.PALETTE[0], marker="o", markersize=5, linestyle="none",
                              markerfacecolor="white", label=text.labels.get("partial", "period cut short")))
    legend_ax.legend(handles=handles, loc="center left", ncols=1 if charts.is_phone(width_in) else len(handles),
                     borderaxespad=0, handlelength=1.8, columnspacing=1.2)
    return fig
