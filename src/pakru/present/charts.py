"""One house style for every chart: a title that states the finding, labelled axes with units,
the source under the chart, and colours and markers that survive greyscale and colour blindness.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable

import matplotlib

matplotlib.use("Agg")  # charts are rendered to SVG for the report; no display is needed

import matplotlib.pyplot as plt  # noqa: E402

from . import svg  # noqa: E402

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
        # a little more room under the x axis than matplotlib's 3.5 pt: the first year label and the
        # y axis's "0" otherwise touch at the corner in a browser's font metrics
        "xtick.major.pad": 5.5,
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
