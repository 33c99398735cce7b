"""Annotated strips of key dated events: each key event on a row of its own with its date and a
short label, and under them a strip marking every event, with a tooltip each. The events' extents and
labels come from :mod:`.timeline`."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from . import charts, svg
from .timeline import REQUIRED_COLUMNS, date_label, extents, tooltip


KEY_LABEL_CHARS = 31  # a key event's label is wrapped to lines this long, at both widths (fits a phone)
STRIP_LABEL = "key events"


def year_step(years: float, most: int = 4) -> int:
    """A step between year ticks giving at most ``most`` labels over ``years`` years (so that the
    labels never touch, even on the phone's narrow chart)."""
    return next((s for s in (1, 2, 5, 10, 20, 25, 50) if years / s < most), 100)


def key_label(event: pd.Series, chars: int = KEY_LABEL_CHARS) -> str:
    """``"Jun 2023: First Russian crude\ncargo reaches Karachi"``: the date as precisely as known and
    the event's short label (``label`` column, else its title), wrapped to ``chars``."""
    import textwrap

    text = event.get("label")
    text = text if isinstance(text, str) and text else str(event["title"])
    when = date_label(event["date"], event["precision"], event.get("end_date"))
    return textwrap.fill(f"{when}: {text}", chars)


def key_events_chart(events: pd.DataFrame, key: Sequence[bool], title: str, source: str, note: str = "",
                     start: object = None, end: object = None, shade: Sequence[tuple[object, object]] = (),
                     rug_label: str = "") -> charts.plt.Figure:
    """An annotated strip of the key dates: one row per key event (``key`` True), oldest at the top,
    its label (date and text, :func:`key_label`) at the row's left and its mark at its date; under
    them one strip of every event in ``events`` as a thin tick, the key ones dark, so that the
    reader sees where the events cluster. Labels sit in rows of their own, so they cannot collide,
    at either width. A day-dated event is a dot; one known only to the month or year, or lasting a
    while, a bar over its whole period; weak events are hollow. ``shade``: (start, end) stretches
    drawn as a light band (explain them in ``note``). Every key mark and every other event's tick
    carries its tooltip."""
    missing = [c for c in REQUIRED_COLUMNS if c not in events]
    if missing:
        raise ValueError(f"timeline frame lacks column(s): {', '.join(missing)}")
    key = pd.Series(list(key), index=events.index, dtype=bool)
    ext = extents(events)
    start = pd.Timestamp(start) if start is not None else ext["x_start"].min()
    end = pd.Timestamp(end) if end is not None else ext["x_end"].max()
    x0, x1 = mdates.date2num(start), mdates.date2num(end)
    shown = ext[key].sort_values(["x_start", "x_end"], kind="stable")
    n = len(shown)
    charts.apply_style()
    fig = charts.plt.figure(figsize=(charts.WIDTH_IN, 1.4 + 0.38 * n + 0.5), layout="constrained")
    ax = fig.add_subplot()
    ax.set_label(STRIP_LABEL)
    colour = charts.PALETTE[0]
    rug_y = -n - 0.35
    for a, b in shade:
        ax.axvspan(pd.Timestamp(a), pd.Timestamp(b), color="#e6e6e6", zorder=0, linewidth=0)
    for i, (_, r) in enumerate(shown.iterrows()):
        y = -i
        a, b = mdates.date2num(r["x_start"]), mdates.date2num(r["x_end"])
        weak = bool(r["weak"])
        ax.plot([x0, min(a, x1)], [y, y], color="#cccccc", linewidth=0.7, linestyle=":", zorder=1)
        if r["shape"] == "point" or (b - a) < (x1 - x0) * 0.006:
            mark, = ax.plot([(a + b) / 2], [y], linestyle="none", marker="o", markersize=7.5,
                            markerfacecolor="white" if weak else colour, markeredgecolor=colour,
                            markeredgewidth=1.4, zorder=4)
            svg.annotate_points(mark, [tooltip(r)])
        else:
            fill = "white" if weak else to_rgba(colour, 0.45 if r["imprecise"] else 1.0)
            bar = ax.add_patch(Rectangle((a, y - 0.2), b - a, 0.4, facecolor=fill, edgecolor=colour,
                                         linewidth=1.3, zorder=3))
            svg.annotate_points([bar], [tooltip(r)])
        ax.annotate(key_label(r), (0, y), xycoords=("axes fraction", "data"), xytext=(-6, 0),
                    textcoords="offset points", ha="right", va="center", fontsize=charts.MIN_FONT_PT,
                    color="#222222", annotation_clip=False)
    rest = ext[~key]
    if len(rest):
        ticks, = ax.plot([mdates.date2num(x) for x in rest["x_start"]], [rug_y] * len(rest), linestyle="none",
                         marker="|", markersize=11, markeredgewidth=1.1, color="#8c8c8c", zorder=2)
        svg.annotate_points(ticks, [tooltip(r) for _, r in rest.iterrows()])
    if n:
        ax.plot([mdates.date2num(x) for x in shown["x_start"]], [rug_y] * n, linestyle="none", marker="|",
                markersize=11, markeredgewidth=1.6, color=colour, zorder=3)
    ax.annotate(rug_label or f"all {len(events)} events\n(key ones dark)", (0, rug_y),
                xycoords=("axes fraction", "data"), xytext=(-6, 0), textcoords="offset points", ha="right",
                va="center", fontsize=charts.MIN_FONT_PT, color=charts.GREY, annotation_clip=False)
    ax.axhline(rug_y + 0.5, color="#bbbbbb", linewidth=0.6, zorder=1)
    ax.set_ylim(rug_y - 0.6, 0.6)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlim(x0, x1)
    ax.xaxis_date()
    years = (end - start).days / 365.25
    step = year_step(years)
    ax.xaxis.set_major_locator(mdates.YearLocator(step))
    ax.xaxis.set_minor_locator(mdates.YearLocator(1 if step <= 5 else step // 2 if step % 2 == 0 else step))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#eeeeee")
    ax.set_xlabel("date")
    legend = "Dot: exact day; bar: known only to the month or year, or first to last day; hollow: weak sources."
    return charts.finish(fig, title, source, f"{legend} {note}".strip())


def strip_axes(fig: charts.plt.Figure) -> charts.plt.Axes:
    """The axes of a figure :func:`key_events_chart` drew."""
    return next(ax for ax in fig.axes if ax.get_label() == STRIP_LABEL)


__all__ = ["year_step", "key_label", "key_events_chart", "strip_axes", "KEY_LABEL_CHARS", "STRIP_LABEL"]
