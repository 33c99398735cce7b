"""A reusable timeline chart: one lane per category, dates drawn as precisely as they are known.

Input is any DataFrame with these columns (other columns are ignored):

``date``
    datetime64; for month, year or decade precision the first day of that month, year or decade.
``precision``
    ``"day"``, ``"month"``, ``"year"`` or ``"decade"``.
``end_date``
    datetime64 or missing; the last day (or the first day of the last month/year/decade, at the
    same precision as ``date``) of an event that lasted a while.
``category``
    the lane the event is drawn in.
``title``
    a short description (used by :func:`date_label` tables, not drawn).
``weak``
    bool; True when the event rests only on weakly rated sources.

How each event is drawn (see :func:`drawn_extent`):

* a day-precise event without an end date is a **point** (a marker);
* an event with an end date is a **span**, a bar from its first to its last day (a month- or
  year-precise span runs from the first day of its first period to the end of its last);
* a month-, year- or decade-precise event without an end date is a **band**: a translucent
  rectangle with bracket ends covering the whole month, year or decade, so that it can never be
  read as a single day;
* weak events are hollow (points and spans) or dotted-edged and paler (bands), and the legend
  says so;
* every mark carries a native SVG tooltip (:func:`pakru.present.svg.annotate_points`): the event, its
  date as precisely as known and, when the frame has a ``source_ids`` column, its sources.

Light fills, never hatches: a dense hatch weighs about 250 KB in the SVG of a long timeline.

Nothing here reads files; the chart is built with :mod:`pakru.present.charts`' house style.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.colors import to_rgba
from matplotlib.patches import Patch, Rectangle

from . import charts, svg

PRECISIONS = ("day", "month", "year", "decade")
SHAPES = ("point", "span", "band")
REQUIRED_COLUMNS = ("date", "precision", "end_date", "category", "title", "weak")


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


def extents(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with four more columns from :func:`drawn_extent`: ``x_start``, ``x_end``
    (exclusive), ``shape`` and ``imprecise``."""
    out = frame.copy()
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
    if not show_weak:
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


def layout(frame: pd.DataFrame, lanes: Sequence[str], start: pd.Timestamp, end: pd.Timestamp,
           max_rows: int = 3, marker_frac: float = 0.01) -> tuple[pd.DataFrame, dict[str, tuple[float, float]]]:
    """Where each event goes: the extents plus ``y`` (its row's centre); and each lane's
    (bottom, top) in y. Lanes run top to bottom in ``lanes`` order; within a lane events that
    would collide go to extra rows (at most ``max_rows``, then they share)."""
    ext = extents(frame[frame["category"].isin(list(lanes))]) if len(frame) else extents(frame)
    ext = ext.sort_values(["x_start", "x_end"], kind="stable")
    span_days = max((end - start) / pd.Timedelta(days=1), 1.0)
    ys = pd.Series(0.0, index=ext.index)
    bounds: dict[str, tuple[float, float]] = {}
    top = 0.0
    for lane in lanes:
        sub = ext[ext["category"] == lane]
        s = [mdates.date2num(x) for x in sub["x_start"]]
        e = [mdates.date2num(x) for x in sub["x_end"]]
        rows = [r % max_rows for r in pack_rows(s, e, span_days * marker_frac)]
        n = max(rows, default=0) + 1
        height = max(n, 1) * 1.0
        bottom = top - height
        for idx, r in zip(sub.index, rows):
            ys[idx] = top - 0.5 - r
        bounds[lane] = (bottom, top)
        top = bottom - 0.35
    ext["y"] = ys
    return ext, bounds


PLOT_LABEL = "timeline"


def plot_axes(fig: charts.plt.Figure) -> charts.plt.Axes:
    """The axes holding the lanes of a figure :func:`timeline_chart` drew (the legend has its own)."""
    return next(ax for ax in fig.axes if ax.get_label() == PLOT_LABEL)


def tooltip(event: pd.Series) -> str:
    """An event's tooltip: ``"20 Nov 2014: Defence cooperation agreement signed [def-dawn-…]"``."""
    text = f"{date_label(event['date'], event['precision'], event['end_date'])}: {event['title']}"
    ids = event.get("source_ids")
    text += f" [{ids}]" if isinstance(ids, str) and ids else ""
    return text + (" (weak sources only)" if event["weak"] else "")


def timeline_chart(frame: pd.DataFrame, title: str, source: str, note: str = "",
                   lanes: Sequence[str] | None = None, start: object = None, end: object = None,
                   lane_labels: dict[str, str] | None = None) -> charts.plt.Figure:
    """The timeline: one lane per category (``lanes`` order, default: sorted categories), the
    x axis from ``start`` to ``end`` (default: the events' extent). See the module docstring for
    how points, spans and bands are drawn."""
    missing = [c for c in REQUIRED_COLUMNS if c not in frame]
    if missing:
        raise ValueError(f"timeline frame lacks column(s): {', '.join(missing)}")
    lanes = list(lanes) if lanes is not None else sorted(set(frame["category"]))
    ext_all = extents(frame)
    start = pd.Timestamp(start) if start is not None else (ext_all["x_start"].min() if len(ext_all) else
                                                            pd.Timestamp("2000-01-01"))
    end = pd.Timestamp(end) if end is not None else (ext_all["x_end"].max() if len(ext_all) else
                                                     pd.Timestamp("2001-01-01"))
    ext, bounds = layout(frame, lanes, start, end)
    n_rows = sum(b[1] - b[0] for b in bounds.values())
    height = 1.9 + 0.24 * n_rows + 0.08 * len(lanes)
    # the legend gets its own full-width row above the plot, so it neither runs into the title nor
    # squeezes the plot to its width
    fig, legend_ax, (ax,) = charts.figure_with_legend_row(height)
    ax.set_label(PLOT_LABEL)
    x0, x1 = mdates.date2num(start), mdates.date2num(end)
    for i, lane in enumerate(lanes):
        bottom, top = bounds[lane]
        if i % 2 == 0:
            ax.axhspan(bottom - 0.12, top + 0.12, color="#f3f3f3", zorder=0, linewidth=0)
    for i, lane in enumerate(lanes):
        style = charts.style_for(i)
        colour = str(style["color"])
        sub = ext[ext["category"] == lane]
        for _, r in sub.iterrows():
            a, b, y = mdates.date2num(r["x_start"]), mdates.date2num(r["x_end"]), float(r["y"])
            weak = bool(r["weak"])
            if r["shape"] == "point":
                # one marker shape for every lane: shape means precision here, the lane gives the category
                mark, = ax.plot([a + 0.5], [y], linestyle="none", marker="o", markersize=6.5,
                                markeredgecolor=colour, markeredgewidth=1.3,
                                markerfacecolor="white" if weak else colour, zorder=4)
                svg.annotate_points(mark, [tooltip(r)])
            elif r["shape"] == "span":
                # a span known only to the month or year is paler than one known to the day
                fill = "white" if weak else to_rgba(colour, 0.5 if r["imprecise"] else 1.0)
                bar = ax.add_patch(Rectangle((a, y - 0.2), b - a, 0.4, facecolor=fill, edgecolor=colour,
                                             linewidth=1.4, zorder=3))
                svg.annotate_points([bar], [tooltip(r)])
            else:  # band: the whole month, year or decade, translucent, with bracket ends
                band = ax.add_patch(Rectangle((a, y - 0.4), b - a, 0.8, facecolor=colour, alpha=0.1 if weak else 0.22,
                                              edgecolor="none", zorder=2))
                ax.add_patch(Rectangle((a, y - 0.4), b - a, 0.8, facecolor="none", edgecolor=colour,
                                       linewidth=1.1, linestyle=":" if weak else "-", zorder=2.5))
                svg.annotate_points([band], [tooltip(r)])
    centres = [(b[0] + b[1]) / 2 for b in bounds.values()]
    labels = [(lane_labels or {}).get(lane, lane) for lane in lanes]
    ax.set_yticks(centres, labels)
    ax.tick_params(axis="y", length=0)
    lowest = min((b[0] for b in bounds.values()), default=-1.0)
    ax.set_ylim(lowest - 0.3, 0.3)
    ax.set_xlim(x0, x1)
    ax.xaxis_date()
    years = (end - start).days / 365.25
    if years <= 3:  # a close-up: months named on the axis
        locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.set_xlabel("date")
    else:
        step = next((s for s in (1, 2, 5, 10, 20) if years / s <= 10), 20)
        ax.xaxis.set_major_locator(mdates.YearLocator(step))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.set_xlabel("date (calendar year)")
    ax.grid(axis="y", visible=False)
    legend = [
        Line2D([], [], linestyle="none", marker="o", markersize=6, color="#333333", label="exact day"),
        Patch(facecolor="#333333", edgecolor="#333333", label="first to last day (paler: month/year)"),
        Patch(facecolor="#dddddd", edgecolor="#333333", label="band: month, year or decade"),
        Line2D([], [], linestyle="none", marker="o", markersize=6, markerfacecolor="white",
               markeredgecolor="#333333", label="hollow or dotted: weak sources"),
    ]
    assert legend_ax is not None
    legend_ax.legend(handles=legend, loc="center left", ncols=2, fontsize=charts.MIN_FONT_PT, borderaxespad=0,
                     handlelength=1.6, columnspacing=1.2)
    return charts.finish(fig, title, source, note)


# --- the annotated strip of key dates ----------------------------------------------------------------


__all__ = ["Extent", "PRECISIONS", "SHAPES", "REQUIRED_COLUMNS", "period_start", "period_end", "drawn_extent",
           "extents", "date_label", "select", "pack_rows", "layout", "tooltip", "plot_axes", "timeline_chart"]
