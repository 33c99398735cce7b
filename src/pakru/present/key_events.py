"""Annotated strips of key dated events, drawn for a width: each key event (a row whose
``key_label`` is filled) on a row of its own with its date and label, and under them a strip marking
every event, with a tooltip each. The events' extents and labels come from :mod:`.timeline`.

``key_events_chart(frame, text, width_in, **options)``: on a desktop each label stands on its mark's
row, beside the mark (right of it in the first half of the axis, left of it in the second), on one
line, so that a row is one line tall and the chart prints at full size in the PDF; on a phone above
its mark, over the whole width. Rows are laid out in inches (see
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

KEY_LABEL_CHARS = 31  # a label wrapped to lines this long when it fits on neither side of its mark (desktop)
STRIP_LABEL = "key events"
MARK_IN = 0.22        # the row a key event's mark sits in
GAP_IN = 0.07         # between two key events' rows (phone)
ROW_IN = LINE_IN      # a key event's row on a desktop: one line of label beside its mark, with its leading
MARK_PT = 7.5         # a key event's dot
BESIDE_PT = 5         # between a mark's edge and its label (desktop)
EDGE_IN = 0.08        # a label stays this far inside the figure's edges
RUG_IN = 0.3          # the strip of every event


def is_key(frame: pd.DataFrame) -> pd.Series:
    """True for the rows with a ``key_label`` (the editorial choice, kept with the data)."""
    if "key_label" not in frame:
        return pd.Series(False, index=frame.index)
    return frame["key_label"].map(lambda v: isinstance(v, str) and bool(v.strip())).astype(bool)


def key_label(event: pd.Series, chars: int | None = KEY_LABEL_CHARS) -> str:
    """``"Jun 2023: First Russian crude\\ncargo reaches Karachi"``: the date as precisely as known and
    the event's ``key_label`` (else its ``label`` or title), wrapped to ``chars`` (``None``: one line)."""
    text = next((event.get(c) for c in ("key_label", "label", "title", "value")
                 if isinstance(event.get(c), str) and event.get(c)), "")
    when = date_label(event["date"], event["precision"], event.get("end_date"))
    return f"{when}: {text}" if chars is None else textwrap.fill(f"{when}: {text}", chars)


def _mark(ax: charts.plt.Axes, r: pd.Series, y: float, x_span: float) -> None:
    colour = charts.PALETTE[0]
    a, b = mdates.date2num(r["x_start"]), mdates.date2num(r["x_end"])
    weak = bool(r["weak"])
    if r["shape"] == "point" or (b - a) < x_span * 0.006:
        mark, = ax.plot([(a + b) / 2], [y], linestyle="none", marker="o", markersize=MARK_PT,
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
    # phone: each label over the whole width, above its mark; desktop: one line beside its mark
    chars = int((width_in - 0.5) * charts.BODY_CHARS_PER_IN * 0.9) if phone else None
    labels = [key_label(r, chars) for _, r in shown.iterrows()]
    rug_label = textwrap.fill(rug_words, chars) if chars and rug_words else rug_words
    width = axes_width(fig, ax)
    rows: list[tuple[float, float]] = []  # (label's y, mark's y) in inches from the top
    top = -0.04
    for label in labels:
        if phone:  # the label, then its mark under it
            lines = label.count("\n") + 1
            rows.append((top, top - lines * LINE_IN - MARK_IN / 2))
            top -= lines * LINE_IN + MARK_IN + GAP_IN
        else:
            rows.append((top - ROW_IN / 2, top - ROW_IN / 2))
            top -= ROW_IN
    if not phone and labels:
        top -= 0.04
    rug_head = (rug_label.count("\n") + 1) * LINE_IN if rug_label else 0.0  # its name, above its ticks
    rug_h = RUG_IN if rugged else 0.0
    needed = -top + rug_head + rug_h + 0.04
    rug_y = top - rug_head - rug_h / 2
    date_ticks(ax, start, end, width)
    for a, b in shade:
        ax.axvspan(mdates.date2num(pd.Timestamp(a)), mdates.date2num(pd.Timestamp(b)), color="#e6e6e6", zorder=0,
                   linewidth=0)
    for (_, r), (_, mark_y) in zip(shown.iterrows(), rows):
        _mark(ax, r, mark_y, x1 - x0)
    if rugged:
        ticks, = ax.plot([mdates.date2num(x) for x in rest["x_start"]], [rug_y] * len(rest), linestyle="none",
                         marker="|", markersize=11, markeredgewidth=1.1, color="#8c8c8c", zorder=2)
        svg.annotate_points(ticks, [tooltip(r) for _, r in rest.iterrows()])
    if rugged and len(shown):
        ax.plot([mdates.date2num(x) for x in shown["x_start"]], [rug_y] * len(shown), linestyle="none", marker="|",
                markersize=11, markeredgewidth=1.6, color=charts.PALETTE[0], zorder=3)
    if rugged:
        ax.axhline(top, color="#bbbbbb", linewidth=0.6, zorder=1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#eeeeee")
    fit_height(fig, ax, needed)
    if phone:
        for label, (label_y, _) in zip(labels, rows):
            ax.annotate(label, (0, label_y), xycoords=("axes fraction", "data"), xytext=(3, 0),
                        textcoords="offset points", ha="left", va="top", fontsize=charts.MIN_FONT_PT,
                        color="#222222", annotation_clip=False)
    else:  # the layout is final: each label goes where its one line fits
        beside(ax, [(mdates.date2num(r["x_start"]), mdates.date2num(r["x_end"])) for _, r in shown.iterrows()],
               [y for y, _ in rows], labels)
    if rug_label:
        ax.annotate(rug_label, (0, top - 0.02), xycoords=("axes fraction", "data"), xytext=(3, 0),
                    textcoords="offset points", ha="left", va="top", fontsize=charts.MIN_FONT_PT,
                    color=charts.GREY, annotation_clip=False)
    return fig


def beside(ax: charts.plt.Axes, spans: Sequence[tuple[float, float]], ys: Sequence[float], labels: Sequence[str],
           color: str = "#222222") -> list:
    """Each label on its mark's row, the mark covering ``spans`` (first and last x, in data units) at
    ``ys``: right of the mark when the mark is in the axis's first half, left of it in the second, on
    one line where that fits inside the figure, else on the side with more room, wrapped to it. Call
    it once the layout is final: the labels are kept out of the layout (they stand over the plot,
    which the layout cannot make room for), so this keeps them inside the figure."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    dpi = fig.dpi
    lo_px, hi_px = EDGE_IN * dpi, (fig.get_figwidth() - EDGE_IN) * dpi
    pad_px = (BESIDE_PT + MARK_PT / 2) / 72 * dpi
    x_mid = sum(ax.get_xlim()) / 2
    out = []
    for (a, b), y, label in zip(spans, ys, labels):
        left_px = ax.transData.transform((a, y))[0] - pad_px  # the room left of the mark
        right_px = ax.transData.transform((b, y))[0] + pad_px
        probe = ax.text(0, 0, label, fontsize=charts.MIN_FONT_PT)
        width_px = probe.get_window_extent(renderer).width
        probe.remove()
        room = {"right": hi_px - right_px, "left": left_px - lo_px}
        side = "right" if (a + b) / 2 < x_mid else "left"
        if width_px > room[side]:  # the other side, or wrapped to the roomier one
            side = max(room, key=lambda k: room[k])
            if width_px > room[side]:
                label = textwrap.fill(label, max(12, int(room[side] / (width_px / max(len(label), 1)))))
        off = BESIDE_PT + MARK_PT / 2
        note = ax.annotate(label, (b if side == "right" else a, y), xytext=(off if side == "right" else -off, 0),
                           textcoords="offset points", ha="left" if side == "right" else "right", va="center",
                           fontsize=charts.MIN_FONT_PT, color=color, annotation_clip=False)
        note.set_in_layout(False)
        out.append(note)
    return out


def strip_axes(fig: charts.plt.Figure) -> charts.plt.Axes:
    """The axes of a figure :func:`key_events_chart` drew."""
    return next(ax for ax in fig.axes if ax.get_label() == STRIP_LABEL)


__all__ = ["year_step", "is_key", "key_label", "key_events_chart", "strip_axes", "KEY_LABEL_CHARS", "STRIP_LABEL"]
