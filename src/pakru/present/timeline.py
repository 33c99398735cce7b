"""A reusable timeline chart: one lane per category, dates drawn as precisely as they are known.

Input is an events frame with these columns (others are ignored):

``date``
    datetime64; for month, year or decade precision the first day of that month, year or decade.
``precision``
    ``"day"``, ``"month"``, ``"year"`` or ``"decade"``.
``category``
    the lane the event is drawn in.
``end_date`` (optional)
    the last day (or the first day of the last month/year/decade, at the same precision as
    ``date``) of an event that lasted a while.
``title`` or ``value`` (optional)
    what happened, for the tooltip (a chart frame's ``value`` is the event's title).
``weak`` (optional)
    bool; True when the event rests only on weakly rated sources.
``source_id`` (optional)
    the event's sources, ``"a; b"``, named in its tooltip.

How each event is drawn (see :func:`drawn_extent`):

* a day-precise event without an end date is a **point** (a marker);
* an event with an end date is a **span**, a bar from its first to its last day (a month- or
  year-precise span runs from the first day of its first period to the end of its last);
* a month-, year- or decade-precise event without an end date is a **band**: a translucent
  rectangle with bracket ends covering the whole month, year or decade, so that it can never be
  read as a single day;
* weak events are hollow (points and spans) or dotted-edged and paler (bands), and the legend
  says so;
* every mark carries a native SVG tooltip (:func:`pakru.present.svg.annotate_points`).

:func:`timeline_chart` draws itself for a width (``draw(frame, text, width_in, **options)``): lane
names left of the lanes on a desktop, above each lane on a phone; ticks from the span and the
width. Light fills, never hatches: a dense hatch weighs about 250 KB in the SVG of a long timeline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from . import charts, svg
from .show import ChartText

PRECISIONS = ("day", "month", "year", "decade")
SHAPES = ("point", "span", "band")
REQUIRED_COLUMNS = ("date", "precision", "category")
# one line of 10.5 pt text, in inches, with its leading
LINE_IN = charts.MIN_FONT_PT * 1.3 / 72
ROW_IN = 0.22         # one row of marks
LANE_GAP_IN = 0.12    # between two lanes
MARKER_IN = 0.13      # a marker and the gap after it, so neighbours in a row stay apart
TICK_LABEL_IN = 0.75  # the room one year label needs on the axis, with air around it
LEGEND = {"point": "exact day", "span": "first to last day", "band": "month, year or decade",
          "weak": "hollow or dotted: weak sources"}


@dataclass(frozen=True)
class Extent:
    """What the chart covers for one event: ``start`` inclusive, ``end`` exclusive (the first
    instant after the event's last day or period)."""

    start: pd.Timestamp
    end: pd.Timestamp
    shape: str  # "point", "span" or "band"
    imprecise: bool  # True when the date is known only to the month, year or decade

    @property
    def days(self) -> float:
        return (self.end - self.start) / pd.Timedelta(days=1)


def period_start(day: object, precision: str) -> pd.Timestamp:
    """The first day of the day, month, year or decade that ``day`` falls in."""
    ts = pd.Timestamp(day).normalize()
    if precision == "day":
        return ts
    if precision == "month":
        return ts.replace(day=1)
    if precision == "year":
        return ts.replace(month=1, day=1)
    if precision == "decade":
        return ts.replace(year=ts.year - ts.year % 10, month=1, day=1)
    raise ValueError(f"unknown precision {precision!r}; allowed: {', '.join(PRECISIONS)}")


def period_end(day: object, precision: str) -> pd.Timestamp:
    """The first instant after the day, month, year or decade that ``day`` falls in:
    ``period_end("2018-01-01", "year")`` is 2019-01-01."""
    start = period_start(day, precision)
    if precision == "day":
        return start + pd.Timedelta(days=1)
    if precision == "month":
        return start + pd.DateOffset(months=1)
    if precision == "year":
        return start + pd.DateOffset(years=1)
    return start + pd.DateOffset(years=10)


def drawn_extent(date: object, precision: str, end_date: object = None) -> Extent:
    """The stretch of time the chart draws for one event.

    ``drawn_extent("2018-01-01", "year")`` covers 2018-01-01 up to 2019-01-01 (a band), never
    the single day 1 January."""
    if date is None or pd.isna(date):
        raise ValueError("an event needs a date")
    start = period_start(date, precision)
    imprecise = precision != "day"
    if end_date is not None and not pd.isna(end_date):
        end = period_end(end_date, precision)
        if end <= start:
            raise ValueError(f"end_date {end_date} is before date {date}")
        return Extent(start, end, "span", imprecise)
    if precision == "day":
        return Extent(start, period_end(start, "day"), "point", False)
    return Extent(start, period_end(start, precision), "band", True)


def with_defaults(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the optional columns filled in: no ``end_date``, not ``weak``, ``title``
    from ``value``."""
    out = frame.copy()
    if "end_date" not in out:
        out["end_date"] = pd.NaT
    if "weak" not in out:
        out["weak"] = False
    if "title" not in out:
        out["title"] = out["value"].astype(str) if "value" in out else ""
    return out


def extents(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (with :func:`with_defaults`) and four more columns from :func:`drawn_extent`:
    ``x_start``, ``x_end`` (exclusive), ``shape`` and ``imprecise``."""
    out = with_defaults(frame)
    ext = [drawn_extent(d, p, e) for d, p, e in zip(out["date"], out["precision"], out["end_date"])]
    out["x_start"] = pd.to_datetime([e.start for e in ext]) if ext else pd.Series(dtype="datetime64[ns]")
    out["x_end"] = pd.to_datetime([e.end for e in ext]) if ext else pd.Series(dtype="datetime64[ns]")
    out["shape"] = [e.shape for e in ext]
    out["imprecise"] = [e.imprecise for e in ext]
    return out


def date_label(date: object, precision: str, end_date: object = None) -> str:
    """The date as precisely as it is known: ``"4–10 Jan 1966"``, ``"May 1969"``, ``"1969"``,
    ``"1980s"``, ``"Apr 1981–Aug 1985"``."""
    d = pd.Timestamp(date)
    e = None if end_date is None or pd.isna(end_date) else pd.Timestamp(end_date)

    def one(x: pd.Timestamp) -> str:
        if precision == "day":
            return f"{x.day} {x:%b %Y}"
        if precision == "month":
            return f"{x:%b %Y}"
        if precision == "year":
            return f"{x.year}"
        return f"{x.year - x.year % 10}s"

    if e is None or period_start(e, precision) == period_start(d, precision):
        return one(d)
    if precision == "day":
        if (d.year, d.month) == (e.year, e.month):
            return f"{d.day}–{e.day} {e:%b %Y}"
        if d.year == e.year:
            return f"{d.day} {d:%b}–{e.day} {e:%b %Y}"
    return f"{one(d)}–{one(e)}"


def select(frame: pd.DataFrame, start_year: int, end_year: int, categories: Sequence[str] | None = None,
           show_weak: bool = True) -> pd.DataFrame:
    """Events whose drawn extent overlaps the calendar years ``start_year``..``end_year``, in the
    given categories (None = all), without the weak ones unless ``show_weak``. Sorted by date."""
    if start_year > end_year:
        raise ValueError(f"start_year ({start_year}) is after end_year ({end_year})")
    ext = extents(frame)
    lo = pd.Timestamp(year=start_year, month=1, day=1)
    hi = pd.Timestamp(year=end_year + 1, month=1, day=1)
    keep = (ext["x_start"] < hi) & (ext["x_end"] > lo) if len(ext) else pd.Series(dtype=bool)
    if categories is not None:
        keep &= frame["category"].isin(list(categories))
    if not show_weak and "weak" in frame:
        keep &= ~frame["weak"].astype(bool)
    return frame[keep.to_numpy(dtype=bool)].sort_values(["date", "category"], kind="stable")


def pack_rows(starts: Sequence[float], ends: Sequence[float], min_width: float) -> list[int]:
    """Give each interval a row so that intervals in one row do not touch; an interval is
    treated as at least ``min_width`` wide, plus a gap of a third of that after it (so that
    neighbouring markers and adjacent bands stay apart). Greedy in the given order (pass them
    sorted by start): the lowest free row wins."""
    row_ends: list[float] = []
    rows = []
    for s, e in zip(starts, ends):
        e = max(e, s + min_width) + min_width / 3
        for i, last in enumerate(row_ends):
            if s >= last:
                row_ends[i] = e
                rows.append(i)
                break
        else:
            row_ends.append(e)
            rows.append(len(row_ends) - 1)
    return rows


def tooltip(event: pd.Series) -> str:
    """An event's tooltip: ``"20 Nov 2014: Defence cooperation agreement signed [def-dawn-…]"``."""
    what = event.get("title")
    what = what if isinstance(what, str) and what else str(event.get("value", ""))
    text = f"{date_label(event['date'], event['precision'], event.get('end_date'))}: {what}"
    ids = event.get("source_ids", event.get("source_id"))
    text += f" [{ids}]" if isinstance(ids, str) and ids else ""
    return text + (" (weak sources only)" if bool(event.get("weak", False)) else "")


# --- ticks and heights shared by the timeline and the key-event strip ------------------------------

def year_step(years: float, most: int = 4) -> int:
    """A step between year ticks giving at most ``most`` labels over ``years`` years (so that the
    labels never touch, even on the phone's narrow chart)."""
    return next((s for s in (1, 2, 5, 10, 20, 25, 50) if years / s < most), 100)


def date_ticks(ax: charts.plt.Axes, start: pd.Timestamp, end: pd.Timestamp, axes_width_in: float) -> None:
    """Ticks from the span and the room: years every 1, 2, 5, 10... years for two years or more,
    months under two years; never more labels than the axis holds."""
    most = max(2, int(axes_width_in / TICK_LABEL_IN))
    years = (end - start).days / 365.25
    ax.set_xlim(mdates.date2num(start), mdates.date2num(end))
    ax.xaxis_date()
    if years >= 2:
        step = year_step(years, most + 1)
        ax.xaxis.set_major_locator(mdates.YearLocator(step))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        return
    locator = mdates.AutoDateLocator(minticks=2, maxticks=most)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))


def fit_height(fig: charts.plt.Figure, ax: charts.plt.Axes, needed_in: float) -> None:
    """Grow or shrink the figure until ``ax`` is ``needed_in`` inches tall once the layout has made
    room for the title, ticks and legend; then one unit of ``ax``'s y axis is one inch, so rows of
    text placed in inches never run into each other. (The layout's margins do not depend on the
    figure's height, so one correction nearly always lands.)"""
    ax.set_ylim(-needed_in, 0)
    engine = fig.get_layout_engine()
    spec = ax.get_subplotspec()
    ratios = list(spec.get_gridspec().get_height_ratios() or [1.0] * spec.get_gridspec().nrows)
    own = sum(ratios[spec.rowspan.start:spec.rowspan.stop]) / sum(ratios)  # the axes' part of the grid
    for _ in range(4):
        if engine is not None:
            engine.execute(fig)
        height = ax.get_position().height * fig.get_figheight()
        if abs(height - needed_in) < 0.01:
            break
        fig.set_figheight(max(fig.get_figheight() + (needed_in - height) / own, 1.0))


def axes_width(fig: charts.plt.Figure, ax: charts.plt.Axes) -> float:
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)
    return ax.get_position().width * fig.get_figwidth()


# --- the timeline of every event --------------------------------------------------------------------

PLOT_LABEL = "timeline"


def plot_axes(fig: charts.plt.Figure) -> charts.plt.Axes:
    """The axes holding the lanes of a figure :func:`timeline_chart` drew (the legend has its own)."""
    return next(ax for ax in fig.axes if ax.get_label() == PLOT_LABEL)


def _rows(ext: pd.DataFrame, lanes: Sequence[str], x_per_in: float, max_rows: int = 4) -> dict[str, list[int]]:
    out = {}
    for lane in lanes:
        sub = ext[ext["category"] == lane].sort_values(["x_start", "x_end"], kind="stable")
        s = [mdates.date2num(x) for x in sub["x_start"]]
        e = [mdates.date2num(x) for x in sub["x_end"]]
        out[lane] = list(zip(sub.index, [r % max_rows for r in pack_rows(s, e, MARKER_IN * x_per_in)]))
    return out


def _draw_event(ax: charts.plt.Axes, r: pd.Series, y: float, colour: str) -> None:
    a, b = mdates.date2num(r["x_start"]), mdates.date2num(r["x_end"])
    weak = bool(r["weak"])
    if r["shape"] == "point":
        # one marker shape for every lane: shape means precision here, the lane gives the category
        mark, = ax.plot([a + 0.5], [y], linestyle="none", marker="o", markersize=6.5, markeredgecolor=colour,
                        markeredgewidth=1.3, markerfacecolor="white" if weak else colour, zorder=4)
        svg.annotate_points(mark, [tooltip(r)])
    elif r["shape"] == "span":
        # a span known only to the month or year is paler than one known to the day
        fill = "white" if weak else to_rgba(colour, 0.5 if r["imprecise"] else 1.0)
        bar = ax.add_patch(Rectangle((a, y - 0.06), b - a, 0.12, facecolor=fill, edgecolor=colour,
                                     linewidth=1.4, zorder=3))
        svg.annotate_points([bar], [tooltip(r)])
    else:  # band: the whole month, year or decade, translucent, with bracket ends
        band = ax.add_patch(Rectangle((a, y - 0.09), b - a, 0.18, facecolor=colour, alpha=0.1 if weak else 0.22,
                                      edgecolor="none", zorder=2))
        ax.add_patch(Rectangle((a, y - 0.09), b - a, 0.18, facecolor="none", edgecolor=colour, linewidth=1.1,
                               linestyle=":" if weak else "-", zorder=2.5))
        svg.annotate_points([band], [tooltip(r)])


def timeline_chart(frame: pd.DataFrame, text: ChartText, width_in: float = charts.WIDTH_IN, *,
                   lanes: Sequence[str] | None = None, start: object = None, end: object = None,
                   lane_labels: Mapping[str, str] | None = None,
                   marks: Sequence[tuple[object, str]] = (),
                   shade: Sequence[tuple[object, object]] = ()) -> charts.plt.Figure:
    """Every event of ``frame`` in one lane per category (``lanes`` order, default: sorted), the x
    axis from ``start`` to ``end`` (default: the events' extent), drawn for ``width_in`` inches:
    lane names (``lane_labels``) left of the lanes when wide, above each lane on a phone.
    ``marks``: (date, label) pairs drawn as dashed lines, their labels in a row above the lanes.
    ``shade``: (start, end) stretches drawn as a grey band over the lanes (the note says what they are).
    Legend words: ``text.labels`` ``point``, ``span``, ``band``, ``weak`` (else :data:`LEGEND`)."""
    missing = [c for c in REQUIRED_COLUMNS if c not in frame]
    if missing:
        raise ValueError(f"timeline frame lacks column(s): {', '.join(missing)}")
    phone = charts.is_phone(width_in)
    lanes = list(lanes) if lanes is not None else sorted(set(frame["category"]))
    ext = extents(frame)
    start = pd.Timestamp(start) if start is not None else (ext["x_start"].min() if len(ext) else
                                                           pd.Timestamp("2000-01-01"))
    end = pd.Timestamp(end) if end is not None else (ext["x_end"].max() if len(ext) else pd.Timestamp("2001-01-01"))
    names = [(lane_labels or {}).get(lane, lane) for lane in lanes]
    legend_ncols = 1 if phone else 2
    legend_in = 0.28 * (4 // legend_ncols)
    fig, (ax,), legend_ax = charts.new_figure(width_in, 4.0, legend_rows=4 // legend_ncols)
    ax.set_label(PLOT_LABEL)
    if not phone:  # lane names as tick labels: the layout makes room for them before the rows are packed
        ax.set_yticks(range(len(names)), names)
        ax.set_ylim(-0.5, len(names) - 0.5)
    charts.finish_chart(fig, text.title, text.source, width_in, text.note)
    words = {**LEGEND, **{k: v for k, v in text.labels.items() if k in LEGEND}}
    handles = [
        Line2D([], [], linestyle="none", marker="o", markersize=6, color="#333333", label=words["point"]),
        Patch(facecolor="#333333", edgecolor="#333333", label=words["span"]),
        Patch(facecolor="#dddddd", edgecolor="#333333", label=words["band"]),
        Line2D([], [], linestyle="none", marker="o", markersize=6, markerfacecolor="white",
               markeredgecolor="#333333", label=words["weak"]),
    ]
    assert legend_ax is not None
    legend_ax.legend(handles=handles, loc="center left", ncols=legend_ncols, fontsize=charts.MIN_FONT_PT,
                     borderaxespad=0, handlelength=1.6, columnspacing=1.2)
    width = axes_width(fig, ax)
    date_ticks(ax, start, end, width)
    rows = _rows(ext, lanes, (mdates.date2num(end) - mdates.date2num(start)) / max(width, 0.5))
    # heights in inches, top down: the marks' labels, then each lane (its name above it on a phone)
    head = LINE_IN + 0.04 if phone else 0.0
    top = -(LINE_IN + 0.08) * len(marks)
    centres, spans = [], []
    for lane in lanes:
        n = max((r for _, r in rows[lane]), default=0) + 1
        spans.append((top, top - head - n * ROW_IN))
        centres.append(top - head - n * ROW_IN / 2)
        top -= head + n * ROW_IN + LANE_GAP_IN
    needed = -top
    for i, (lane, (hi, lo)) in enumerate(zip(lanes, spans)):
        if i % 2 == 0:
            ax.axhspan(lo - 0.03, hi + 0.03, color="#f3f3f3", zorder=0, linewidth=0)
        colour = str(charts.style_for(i)["color"])
        for idx, row in rows[lane]:
            _draw_event(ax, ext.loc[idx], hi - head - (row + 0.5) * ROW_IN, colour)
        if phone:
            ax.annotate(names[i], (0, hi - 0.02), xycoords=("axes fraction", "data"), xytext=(3, 0),
                        textcoords="offset points", ha="left", va="top", fontsize=charts.MIN_FONT_PT,
                        color=charts.TEXT_PALETTE[i % len(charts.TEXT_PALETTE)], fontweight="bold",
                        # on the lane's own ground, over a dated line that crosses the lane (an agreement)
                        bbox={"facecolor": "#f3f3f3" if i % 2 == 0 else "white", "edgecolor": "none", "pad": 1.0})
    if phone:
        ax.set_yticks([])
    else:
        ax.set_yticks(centres, names)
    ax.tick_params(axis="y", length=0)
    for j, (when, label) in enumerate(marks):
        x = mdates.date2num(pd.Timestamp(when))
        ax.axvline(x, color=charts.GREY, linestyle="--", linewidth=1, zorder=1)
        right = (x - mdates.date2num(start)) / max(mdates.date2num(end) - mdates.date2num(start), 1) > 0.6
        ax.annotate(label, (x, -(LINE_IN + 0.08) * j - 0.04), xytext=(-3 if right else 3, 0),
                    textcoords="offset points", ha="right" if right else "left", va="top",
                    fontsize=charts.MIN_FONT_PT, color=charts.GREY)
    for a, b in shade:
        ax.axvspan(mdates.date2num(pd.Timestamp(a)), mdates.date2num(pd.Timestamp(b)), color="#ebebeb", zorder=0.5,
                   linewidth=0)
    ax.grid(axis="y", visible=False)
    # the grid's rows in inches, so that growing the figure to fit the lanes does not grow the legend
    ax.get_subplotspec().get_gridspec().set_height_ratios([needed, legend_in])
    fit_height(fig, ax, needed)
    return fig


__all__ = ["Extent", "PRECISIONS", "SHAPES", "REQUIRED_COLUMNS", "LEGEND", "period_start", "period_end",
           "drawn_extent", "with_defaults", "extents", "date_label", "select", "pack_rows", "tooltip",
           "year_step", "date_ticks", "fit_height", "axes_width", "plot_axes", "timeline_chart"]
