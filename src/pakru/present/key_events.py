"""Annotated strips of key dated events, drawn for a width: each key event (a row whose
``key_label`` is filled) on a row of its own with its date and label, and under them a strip marking
every event, with a tooltip each. The events' extents and labels come from :mod:`.timeline`.

``key_events_chart(frame, text, width_in, **options)``: on a desktop the labels stand left of the
strip, on a phone above their marks, over the whole width. Rows are laid out in inches (see
:func:`pakru.present.timeline.fit_height`), so no two labels can meet at either width.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from . import charts, svg
from .show import ChartText
from .timeline import (LINE_IN, REQUIRED_COLUMNS, axes_width, date_label, date_ticks, extents, fit_height,
                       tooltip, year_step)

KEY_LABEL_CHARS = 31  # a key event's label is wrapped to lines this long beside the strip (desktop)
STRIP_LABEL = "key events"
MARK_IN = 0.22        # the row a key event's mark sits in
GAP_IN = 0.07         # between two key events' rows
RUG_IN = 0.3          # the strip of every event


def is_key(frame: pd.DataFrame) -> pd.Series:
    """True for the rows with a ``key_label`` (the editorial choice, kept with the data)."""
    if "key_label" not in frame:
        return pd.Series(False, index=frame.index)
    return frame["key_label"].map(lambda v: isinstance(v, str) and bool(v.strip())).astype(bool)


def key_label(event: pd.Series, chars: int = KEY_LABEL_CHARS) -> str:
    """``"Jun 2023: First Russian crude\\ncargo reaches Karachi"``: the date as precisely as known and
    the event's ``key_label`` (else its ``label`` or title), wrapped to ``chars``."""
    text = next((event.get(c) for c in ("key_label", "label", "title", "value")
                 if isinstance(event.get(c), str) and event.get(c)), "")
    when = date_label(event["date"], event["precision"], event.get("end_date"))
    return textwrap.fill(f"{when}: {text}", chars)


def _mark(ax: charts.plt.Axes, r: pd.Series, y: float, x_span: float) -> None:
    colour = charts.PALETTE[0]
    a, b = mdates.date2num(r["x_start"]), mdates.date2num(r["x_end"])
    weak = bool(r["weak"])
    if r["shape"] == "point" or (b - a) < x_span * 0.006:
        mark, = ax.plot([(a + b) / 2], [y], linestyle="none", marker="o", markersize=7.5,
                        markerfacecolor="white" if weak else colour, markeredgecolor=colour,
                        markeredgewidth=1.4, zorder=4)
        svg.annotate_points(mark, [tooltip(r)])
    else:
        fill = "white" if weak else to_rgba(colour, 0.45 if r["imprecise"] else 1.0)
        bar = ax.add_patch(Rectangle((a, y - 0.06), b - a, 0.12, facecolor=fill, edgecolor=colour,
                                     linewidth=1.3, zorder=3))
        svg.annotate_points([bar], [tooltip(r)])


def key_events_chart(frame: pd.DataFrame, text: ChartText, width_in: float = charts.WIDTH_IN,
                     start: object = None, end: object = None, shade: Sequence[tuple[object, object]] = (),
                     **options: object) -> charts.plt.Figure:
    """The strip of key dates for ``width_in`` inches: one row per key event (:func:`is_key`), oldest
    at the top, its label (:func:`key_label`) and its mark at its date; under them one strip of every
    event as a thin tick, the key ones dark, so that the reader sees where the events cluster. A
    day-dated event is a dot; one known only to the month or year, or lasting a while, a bar over its
    whole period; weak events are hollow. ``shade``: (start, end) stretches drawn as a light band
    (the template's note explains them). ``text.labels["rug"]`` names the strip of every event; a frame of
    key events only has no such strip."""
    missing = [c for c in REQUIRED_COLUMNS if c not in frame]
    if missing:
        raise ValueError(f"timeline frame lacks column(s): {', '.join(missing)}")
    phone = charts.is_phone(width_in)
    ext = extents(frame)
    key = is_key(frame)
    start = pd.Timestamp(start) if start is not None else ext["x_start"].min()
    end = pd.Timestamp(end) if end is not None else ext["x_end"].max()
    x0, x1 = mdates.date2num(start), mdates.date2num(end)
    shown = ext[key.to_numpy()].sort_values(["x_start", "x_end"], kind="stable")
    rest = ext[~key.to_numpy()]
    rugged = len(rest) > 0  # the strip of every event only when the frame holds more than the key ones
    rug_words = text.labels.get("rug", "") if rugged else ""
    charts.apply_style()
    fig, (ax,), _ = charts.new_figure(width_in, 3.0)
    ax.set_label(STRIP_LABEL)
    charts.finish_chart(fig, text.title, text.source, width_in, text.note)
    # desktop: labels in a column of KEY_LABEL_CHARS left of the strip; phone: over the whole width
    chars = int((width_in - 0.5) * charts.BODY_CHARS_PER_IN * 0.9) if phone else KEY_LABEL_CHARS
    labels = [key_label(r, chars) for _, r in shown.iterrows()]
    rug_label = textwrap.fill(rug_words, chars if phone else 16) if rug_words else ""
    if not phone:  # the widest label stands in for the column, so the layout makes room for it first
        probe = ax.annotate(max(labels + [rug_label], key=len, default=""), (0, 0.5), xycoords="axes fraction",
                            xytext=(-6, 0), textcoords="offset points", ha="right", va="center",
                            fontsize=charts.MIN_FONT_PT)
        width = axes_width(fig, ax)
        probe.remove()
    else:
        width = axes_width(fig, ax)
    rows: list[tuple[float, float]] = []  # (label's y, mark's y) in inches from the top
    top = -0.04
    for label in labels:
        lines = label.count("\n") + 1
        if phone:  # the label, then its mark under it
            rows.append((top, top - lines * LINE_IN - MARK_IN / 2))
            top -= lines * LINE_IN + MARK_IN + GAP_IN
        else:
            h = max(lines * LINE_IN, MARK_IN)
            rows.append((top - h / 2, top - h / 2))
            top -= h + GAP_IN
    rug_lines = rug_label.count("\n") + 1 if rug_label else 0
    rug_head = rug_lines * LINE_IN if phone else 0.0
    rug_h = max(RUG_IN, 0.0 if phone else rug_lines * LINE_IN) if rugged else 0.0
    needed = -top + rug_head + rug_h + 0.04
    rug_y = top - rug_head - rug_h / 2
    date_ticks(ax, start, end, width)
    for a, b in shade:
        ax.axvspan(mdates.date2num(pd.Timestamp(a)), mdates.date2num(pd.Timestamp(b)), color="#e6e6e6", zorder=0,
                   linewidth=0)
    for (_, r), label, (label_y, mark_y) in zip(shown.iterrows(), labels, rows):
        a = mdates.date2num(r["x_start"])
        if not phone:
            ax.plot([x0, min(a, x1)], [mark_y, mark_y], color="#cccccc", linewidth=0.7, linestyle=":", zorder=1)
        _mark(ax, r, mark_y, x1 - x0)
        ax.annotate(label, (0, label_y), xycoords=("axes fraction", "data"), xytext=(3, 0) if phone else (-6, 0),
                    textcoords="offset points", ha="left" if phone else "right", va="top" if phone else "center",
                    fontsize=charts.MIN_FONT_PT, color="#222222", annotation_clip=False)
    if rugged:
        ticks, = ax.plot([mdates.date2num(x) for x in rest["x_start"]], [rug_y] * len(rest), linestyle="none",
                         marker="|", markersize=11, markeredgewidth=1.1, color="#8c8c8c", zorder=2)
        svg.annotate_points(ticks, [tooltip(r) for _, r in rest.iterrows()])
    if rugged and len(shown):
        ax.plot([mdates.date2num(x) for x in shown["x_start"]], [rug_y] * len(shown), linestyle="none", marker="|",
                markersize=11, markeredgewidth=1.6, color=charts.PALETTE[0], zorder=3)
    if rug_label:
        at = (0, top - 0.02) if phone else (0, rug_y)
        ax.annotate(rug_label, at, xycoords=("axes fraction", "data"), xytext=(3, 0) if phone else (-6, 0),
                    textcoords="offset points", ha="left" if phone else "right", va="top" if phone else "center",
                    fontsize=charts.MIN_FONT_PT, color=charts.GREY, annotation_clip=False)
    if rugged:
        ax.axhline(top, color="#bbbbbb", linewidth=0.6, zorder=1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#eeeeee")
    fit_height(fig, ax, needed)
    return fig


def strip_axes(fig: charts.plt.Figure) -> charts.plt.Axes:
    """The axes of a figure :func:`key_events_chart` drew."""
    return next(ax for ax in fig.axes if ax.get_label() == STRIP_LABEL)


__all__ = ["year_step", "is_key", "key_label", "key_events_chart", "strip_axes", "KEY_LABEL_CHARS", "STRIP_LABEL"]
