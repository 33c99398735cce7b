"""One house style for every chart: a title that states the finding, labelled axes with units,
the source under the chart, and colours and markers that survive greyscale and colour blindness.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable

import matplotlib
import matplotlib.dates as mdates

matplotlib.use("Agg")  # charts are rendered to SVG for the report; no display is needed

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ..data import source_ids as source_id_list  # noqa: E402
from . import svg, wording  # noqa: E402

# Okabe & Ito's palette: distinguishable with the common colour-vision deficiencies. Each colour
# also gets its own marker and line style, so that series stay apart in a greyscale print.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1)), "-", "--")
GREY = "#555555"
# darker shades of the palette for text (each at least 4.5:1 on white); lines keep PALETTE
TEXT_PALETTE = tuple(svg.readable(c) for c in PALETTE)
WIDTH_IN = 7.2  # fits A4 with margins and scales down on a phone without unreadable text
# The PDF prints a chart at A4's text width (182 mm, 516 pt); a chart with its labels and source
# line measures up to about 580 pt, so it prints at 0.89 of its size or more: 10.5 pt in the figure
# is still 9 pt on paper, the smallest size a chart may use (tests/test_report.py measures it)
MIN_FONT_PT = 10.5
TITLE_PT = 12


def apply_style() -> None:
    """Set the house style for matplotlib (called by every chart function)."""
    plt.rcParams.update({
        "figure.dpi": 110,
        "savefig.dpi": 120,
        "font.size": MIN_FONT_PT,
        "xtick.labelsize": MIN_FONT_PT,
        "ytick.labelsize": MIN_FONT_PT,
        "axes.titlesize": TITLE_PT,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": MIN_FONT_PT,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.color": "#dddddd",
        "grid.linewidth": 0.6,
        "legend.frameon": False,
        "legend.fontsize": MIN_FONT_PT,
        "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    })


def style_for(i: int) -> dict[str, object]:
    """Colour, marker and line style of the i-th series."""
    return {"color": PALETTE[i % len(PALETTE)], "marker": MARKERS[i % len(MARKERS)],
            "linestyle": LINESTYLES[i % len(LINESTYLES)]}


def source_line(source_ids: Iterable[str], sources: pd.DataFrame, prefix: str = "Source", limit: int = 6) -> str:
    """``"Sources: IMF, 2026; UN Comtrade, 2025; Business Recorder, 2023."``: publishers and years
    (:func:`pakru.present.wording.cite`), never ids; the ids stay in the points' tooltips and the
    appendix, which has every title and link. Past ``limit`` publishers the rest are counted."""
    ids = source_id_list.split_all(source_ids)
    label = prefix + ("s" if len(ids) > 1 else "")
    text = wording.cite(ids, sources, limit=limit)
    more = " (every title and link in the appendix)" if limit and len(wording.citations(ids, sources)) > limit else ""
    return f"{label}: {text or 'see the appendix'}{more}."


TITLE_CHARS, FOOTER_CHARS = 75, 92  # characters a line of the title, of the footer holds at WIDTH_IN


def finish(fig: plt.Figure, title: str, source: str, note: str = "") -> plt.Figure:
    """Put the finding as title and the source (and an optional note) under the chart. The
    unwrapped texts stay on the figure, so that its narrow (phone) variant can wrap them again
    (:func:`pakru.present.svg.narrow_variant`)."""
    sup = fig.suptitle(textwrap.fill(title, TITLE_CHARS), x=0.01, ha="left", fontsize=TITLE_PT, fontweight="bold")
    footer = source if not note else f"{note}\n{source}"
    wrapped = "\n".join(textwrap.fill(line, FOOTER_CHARS) for line in footer.split("\n"))
    foot = fig.text(0.01, -0.01, wrapped, ha="left", va="top", fontsize=MIN_FONT_PT, color=GREY)
    svg.rewrap(sup, title, TITLE_CHARS)
    svg.rewrap(foot, footer, FOOTER_CHARS)
    return fig


def grid_with_legend(nrows: int, ncols: int, panel_height: float, sharex: bool = False
                     ) -> tuple[plt.Figure, np.ndarray, plt.Axes]:
    """Panels plus a full-width legend row under them. The legend lives in the layout (not
    floating over it), so it can never overlap the title above or the source line below."""
    apply_style()
    fig = plt.figure(figsize=(WIDTH_IN, panel_height * nrows + 0.7), layout="constrained")
    # the legend row holds up to three lines of entries at the house font size
    gs = fig.add_gridspec(nrows + 1, ncols, height_ratios=[1.0] * nrows + [0.3])
    axes = np.empty((nrows, ncols), dtype=object)
    for r in range(nrows):
        for c in range(ncols):
            share = axes[0, c] if (sharex and r) else None
            axes[r, c] = fig.add_subplot(gs[r, c], sharex=share)
    legend_ax = fig.add_subplot(gs[nrows, :])
    legend_ax.axis("off")
    return fig, axes, legend_ax


def legend_in(legend_ax: plt.Axes, handles: list, labels: list[str], ncols: int = 3) -> None:
    legend_ax.legend(handles, labels, loc="center", ncols=min(ncols, max(1, len(labels))), frameon=False)


def show(fig: plt.Figure, alt: str) -> None:
    """Display a chart in the notebook as inline SVG carrying its text alternative; the points a
    chart function annotated (:func:`pakru.present.svg.annotate_points`) carry their exact values."""
    svg.show(fig, alt)


def plot_window(start: object, end: object, first: object, last: object, pad_days: int = 60
                ) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The x range of a chart: the window ``start``..``end`` narrowed to the data it shows
    (``first``..``last``) plus a margin, so that an empty stretch before the first figure is not
    drawn as if it were part of the series."""
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    if first is not None and not pd.isna(first):
        lo = max(lo, pd.Timestamp(first) - pd.Timedelta(days=pad_days))
    if last is not None and not pd.isna(last):
        hi = min(hi, pd.Timestamp(last) + pd.Timedelta(days=pad_days))
    return (lo, hi) if lo < hi else (pd.Timestamp(start), pd.Timestamp(end))


def compact_source_line(source_ids: Iterable[str], sources: pd.DataFrame, limit: int = 4,
                        table_below: bool = True) -> str:
    """:func:`source_line` naming at most ``limit`` publishers, the rest counted: a chart resting
    on dozens of news reports does not carry a paragraph of names. (``table_below`` is kept for
    callers; the ids are in the appendix either way.)"""
    return source_line(source_ids, sources, limit=limit)


def figure_with_legend_row(height: float, ncols: int = 1, legend: bool = True, sharey: bool = False
                           ) -> tuple[plt.Figure, plt.Axes | None, list[plt.Axes]]:
    """A figure with an optional legend row above the panels (a figure legend placed 'outside'
    collides with the title under constrained layout). Returns (fig, legend_axes or None, axes)."""
    apply_style()
    fig = plt.figure(figsize=(WIDTH_IN, height), layout="constrained")
    gs = fig.add_gridspec(2 if legend else 1, ncols, height_ratios=[0.1, 1] if legend else [1])
    lax = None
    if legend:
        lax = fig.add_subplot(gs[0, :])
        lax.axis("off")
    row = 1 if legend else 0
    axes = [fig.add_subplot(gs[row, 0])]
    for i in range(1, ncols):
        axes.append(fig.add_subplot(gs[row, i], sharey=axes[0] if sharey else None))
    return fig, lax, axes


def date_axis(ax: plt.Axes, start: pd.Timestamp, end: pd.Timestamp) -> None:
    """An x axis of dates from ``start`` to ``end`` with a year label every 1, 2, 5 or 10 years."""
    years = max((end - start).days / 365.25, 1)
    step = next((s for s in (1, 2, 5) if years / s <= 7), 10)
    ax.xaxis.set_major_locator(mdates.YearLocator(step))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlim(start, end)


# --- charts drawn for a width ----------------------------------------------------------------------
# Each chart function takes (frame, text, width_in) and lays itself out for that width: panels side
# by side on a desktop, under each other on a phone (below PHONE_IN), titles and notes wrapped to
# the width. Nothing re-lays out a finished figure.
PHONE_IN = 5.5
# characters per inch of a line: bold 12 pt title, 10.5 pt body (DejaVu Sans, measured at 7.2 in)
TITLE_CHARS_PER_IN, BODY_CHARS_PER_IN = 10.4, 12.6


def is_phone(width_in: float) -> bool:
    return width_in < PHONE_IN


def wrapped(text: str, width_in: float, per_in: float = BODY_CHARS_PER_IN) -> str:
    """``text`` in lines that fit ``width_in`` inches (existing line breaks kept)."""
    chars = max(24, int(width_in * per_in))
    return "\n".join(textwrap.fill(line, chars) for line in text.split("\n"))


def lines_of(text: str) -> int:
    return text.count("\n") + 1 if text else 0


def new_figure(width_in: float, panel_height_in: float, panels: int = 1, legend_rows: int = 0,
               sharex: bool = False, sharey: bool = False) -> tuple[plt.Figure, list[plt.Axes], plt.Axes | None]:
    """A figure of ``panels`` plots: side by side when wide (at most two across), one under the
    other on a phone; with ``legend_rows`` a legend row under them that lives in the layout (it
    can never cover the title or the source line). Returns (figure, axes, legend axes or None)."""
    apply_style()
    across = 1 if is_phone(width_in) or panels == 1 else 2
    rows = math.ceil(panels / across)
    legend_h = 0.28 * legend_rows
    fig = plt.figure(figsize=(width_in, panel_height_in * rows + legend_h + 0.2), layout="constrained")
    ratios = [panel_height_in] * rows + ([legend_h] if legend_rows else [])
    gs = fig.add_gridspec(len(ratios), across, height_ratios=ratios)
    axes: list[plt.Axes] = []
    for i in range(panels):
        r, c = divmod(i, across)
        share_x = axes[0] if sharex and axes else None
        share_y = axes[0] if sharey and axes else None
        axes.append(fig.add_subplot(gs[r, c], sharex=share_x, sharey=share_y))
    legend_ax = None
    if legend_rows:
        legend_ax = fig.add_subplot(gs[rows, :])
        legend_ax.axis("off")
    return fig, axes, legend_ax


def finish_chart(fig: plt.Figure, title: str, source: str, width_in: float, note: str = "") -> plt.Figure:
    """Title (the finding) above, the note and the source line below, each wrapped to the width."""
    fig.suptitle(wrapped(title, width_in, TITLE_CHARS_PER_IN), x=0.01, ha="left", fontsize=TITLE_PT,
                 fontweight="bold")
    footer = "\n".join(part for part in (note, source) if part)
    if footer:
        fig.text(0.01, -0.01, wrapped(footer, width_in), ha="left", va="top", fontsize=MIN_FONT_PT, color=GREY)
    return fig


def spread(positions: Iterable[float], gap: float, lo: float | None = None, hi: float | None = None) -> list[float]:
    """Positions moved apart as little as possible so that neighbours are at least ``gap`` apart
    (order kept), within [lo, hi] where given: direct labels that never overlap."""
    items = sorted(enumerate(positions), key=lambda t: t[1])
    if not items:
        return []
    ys = [p for _, p in items]
    for _ in range(len(ys) + 1):  # push up, then pull back inside the upper bound
        for i in range(1, len(ys)):
            ys[i] = max(ys[i], ys[i - 1] + gap)
        if hi is not None and ys[-1] > hi:
            ys[-1] = hi
            for i in range(len(ys) - 2, -1, -1):
                ys[i] = min(ys[i], ys[i + 1] - gap)
        if lo is None or ys[0] >= lo:
            break
        ys[0] = lo
    out = [0.0] * len(ys)
    for (index, _), y in zip(items, ys):
        out[index] = y
    return out


def text_overlaps(fig: plt.Figure, pad_px: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of visible texts whose drawn boxes overlap (a quick check that needs no browser;
    the browser test measures the page itself)."""
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    # tick labels outside the axis limits exist but are not drawn
    hidden: set[int] = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            eps = (hi - lo) * 1e-9
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not lo - eps <= tick.get_loc() <= hi + eps:
                    hidden.update({id(tick.label1), id(tick.label2)})
    boxes = []
    for t in fig.findobj(Text):
        if not t.get_visible() or not t.get_text().strip() or id(t) in hidden:
            continue
        bb = t.get_window_extent(renderer)
        boxes.append((t.get_text(), bb.x0 + pad_px, bb.y0 + pad_px, bb.x1 - pad_px, bb.y1 - pad_px))
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]:
                found.append((a[0], b[0]))
    return found
