"""The de-dollarisation charts in the house style of :mod:`pakru.present.charts`: they draw the frames
the other modules compute and decide no finding."""

from __future__ import annotations

import re
import textwrap

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from ..present import charts, svg
from ..present.charts import date_axis, figure_with_legend_row, plot_window
from ..data.periods import midpoint
from ..present.timeline import date_label
from .cargoes import PAID_IN_YUAN, YUAN_INTENDED, payment_status, probably_cumulative
from .currency_shares import CBR_GROUP_LABELS, CBR_GROUPS, SERIES, SERIES_LABELS, period_labels, split_at_breaks


def short_note(note: str, width: int = 60) -> str:
    """A break note cut to fit beside a line on a chart: the first clause, at most ``width``
    characters."""
    first = re.split(r"[:;(]", str(note), maxsplit=1)[0].strip()
    return textwrap.shorten(first or str(note), width, placeholder="…")


# the names written at the SWIFT lines' ends: short enough to sit right of the last month
END_LABELS = {"swift_global": "all payments", "swift_ex_ez": "outside the\neuro area"}


def tips(rows: pd.DataFrame, what: str = "", decimals: int = 2) -> list[str]:
    """One tooltip per row of a share series: '2024-07: 4.74% [pay-swift-…]'."""
    lead = f"{what} " if what else ""
    return [f"{p}: {lead}{v:.{decimals}f}% [{i}]" for p, v, i in
            zip(period_labels(rows), rows["share_pct"], rows["source_id"])]


def _draw_breaks(ax: charts.plt.Axes, breaks: pd.DataFrame, labels: dict[str, str] | None = None,
                 width: int = 46) -> None:
    """A vertical dotted line at each break date, labelled with its shortened note, or with the
    letter ``labels`` gives its note."""
    ymin, ymax = ax.get_ylim()
    for i, (day, g) in enumerate(breaks.groupby("date", sort=True)):
        note = " / ".join(dict.fromkeys(g["note"]))
        ax.axvline(day, color=charts.GREY, linestyle=":", linewidth=1.3, zorder=1)
        if labels:  # a short letter beside the line; the notes go under the chart
            ax.text(day, ymax, f"break {labels[note]} ",
                    rotation=90, va="top", ha="right", fontsize=charts.MIN_FONT_PT, color=charts.GREY)
        else:  # the note itself, left of the line, one line of text per break, stepping down
            y = ymax - (ymax - ymin) * (0.03 + 0.075 * i)
            ax.annotate(f"break, {day:%b %Y}: {short_note(note, width)}", (day, y),
                        xytext=(-4, 0), textcoords="offset points", ha="right", va="center",
                        fontsize=charts.MIN_FONT_PT,
                        color=charts.GREY, bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.5})


def _break_letters(breaks: pd.DataFrame) -> dict[str, str]:
    notes = list(dict.fromkeys(" / ".join(dict.fromkeys(g["note"])) for _, g in
                               breaks.sort_values("date").groupby(["series", "date"], sort=False)))
    return {n: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 26] for i, n in enumerate(notes)}


def swift_chart(rows: pd.DataFrame, breaks: pd.DataFrame, title: str, source: str, start: object, end: object,
                note: str = "") -> charts.plt.Figure:
    """The yuan's share of SWIFT payments, one line per series; lines stop at every series break
    (a vertical dotted line labelled with the break's note; the full notes go under the chart)
    and at months without a figure."""
    fig, _, (ax,) = figure_with_legend_row(4.3, legend=False)
    present = [s for s in SERIES if s in set(rows["series"])]
    for i, series in enumerate(present):
        g = rows[rows["series"] == series]
        style = charts.style_for(i)
        cuts = breaks[breaks["series"] == series]["date"]
        segments = split_at_breaks(g, cuts)
        for seg in segments:
            x = midpoint(seg["period_start"], seg["period_end"])
            (line,) = ax.plot(list(x), list(seg["share_pct"]), markersize=3.2, linewidth=1.5, **style)
            svg.annotate_points(line, tips(seg))
        if segments:  # the series named right of its line's end, not in a legend
            tail = segments[-1]
            ax.annotate(END_LABELS.get(series, series),
                        (midpoint(tail["period_start"], tail["period_end"]).iloc[-1], tail["share_pct"].iloc[-1]),
                        xytext=(6, 0), textcoords="offset points", ha="left", va="center", annotation_clip=False,
                        fontsize=charts.MIN_FONT_PT, color=style["color"], fontweight="bold")
    ax.set_ylabel("yuan share of payments, %")
    ax.set_xlabel("month (marker in the middle of the month)")
    ax.set_ylim(0, max(5.0, float(rows["share_pct"].max()) * 1.3) if len(rows) else 5.0)
    lo, hi = plot_window(start, end, rows["period_start"].min(), rows["period_end"].max())
    date_axis(ax, lo, hi)
    shown = breaks[(breaks["date"] >= lo) & (breaks["date"] <= hi)].drop_duplicates(["date", "note"])
    _draw_breaks(ax, shown, width=34)
    notes = [f"Break, {d:%B %Y}: {n}"
             for d, n in shown.drop_duplicates("date")[["date", "note"]].itertuples(index=False)]
    return charts.finish(fig, title, source, "\n".join([n for n in [note] if n] + notes))


def cbr_chart(plot: pd.DataFrame, breaks: pd.DataFrame, title: str, source: str, start: object, end: object,
              note: str = "") -> charts.plt.Figure:
    """One panel per Bank of Russia series (exports, imports): rouble, yuan and dollar-plus-euro
    shares (rows of :func:`cbr_shares`). Monthly figures are joined only when consecutive; a
    quarter or year is a marker with a bar across the whole period; lines never cross a break
    (dotted lines lettered by break note; the notes go under the chart)."""
    panels = [s for s in ("cbr_exports", "cbr_imports") if s in set(plot["series"])]
    fig, lax, axes = figure_with_legend_row(4.4, max(len(panels), 1), sharey=True)
    styles = {g: charts.style_for(i) for i, g in enumerate(CBR_GROUPS)}
    lo, hi = plot_window(start, end, plot["period_start"].min(), plot["period_end"].max())
    letters = _break_letters(breaks[(breaks["date"] >= lo) & (breaks["date"] <= hi)])
    for ax, series in zip(axes, panels):
        sub = plot[plot["series"] == series]
        cuts = breaks[breaks["series"] == series]["date"]
        for group in CBR_GROUPS:
            g = sub[sub["group"] == group].assign(currency=group)
            st = styles[group]
            for seg in split_at_breaks(g, cuts):
                face = ["white" if d else st["color"] for d in seg["derived"]]
                ax.plot(list(seg["x"]), list(seg["share_pct"]), color=st["color"], linestyle=st["linestyle"],
                        linewidth=1.4)
                dots = ax.scatter(list(seg["x"]), list(seg["share_pct"]), marker=st["marker"], s=24, zorder=3,
                                  facecolors=face, edgecolors=st["color"], linewidths=1.1)
                svg.annotate_points(dots, tips(seg, CBR_GROUP_LABELS[group]))
                for _, r in seg[seg["period_type"].isin(["quarter", "year"])].iterrows():
                    ax.plot([r["period_start"], r["period_end"] + pd.Timedelta(days=1)], [r["share_pct"]] * 2,
                            color=st["color"], linewidth=2.6, alpha=0.5, solid_capstyle="butt")
        ax.set_title(SERIES_LABELS[series].split(" (")[0], fontsize=charts.MIN_FONT_PT, fontweight="normal")
        ax.set_ylim(0, 100)
        ax.set_xlabel("period")
        date_axis(ax, lo, hi)
        sb = breaks[(breaks["series"] == series) & (breaks["date"] >= lo) & (breaks["date"] <= hi)]
        _draw_breaks(ax, sb, labels=letters)
    axes[0].set_ylabel("share of payments, %")
    handles = [Line2D([], [], color=styles[g]["color"], linestyle=styles[g]["linestyle"], marker=styles[g]["marker"],
                      label=CBR_GROUP_LABELS[g]) for g in CBR_GROUPS]
    handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor="#333333",
                          label="hollow: computed sum of dollar and euro"))
    handles.append(Line2D([], [], color="#333333", linewidth=2.6, alpha=0.5, label="bar: quarter or year covered"))
    lax.legend(handles=handles, loc="center", ncols=2, fontsize=charts.MIN_FONT_PT)
    notes = [f"Break {letter}: {n}" for n, letter in letters.items()]
    return charts.finish(fig, title, source, "\n".join([n for n in [note] if n] + notes))


def cofer_chart(usd: pd.DataFrame, cny: pd.DataFrame, title: str, source: str, start: object, end: object,
                note: str = "") -> charts.plt.Figure:
    """Two panels with their own scales: the dollar's and the renminbi's share of the world's
    allocated reserves, quarterly (a missing quarter leaves a gap)."""
    fig, _, axes = figure_with_legend_row(3.5, 2, legend=False)
    both = pd.concat([usd, cny])
    lo, hi = plot_window(start, end, both["period_start"].min(), both["period_end"].max())
    for i, (ax, rows, name) in enumerate(((axes[0], usd, "US dollar"), (axes[1], cny, "Chinese renminbi"))):
        for seg in split_at_breaks(rows):
            (line,) = ax.plot(list(midpoint(seg["period_start"], seg["period_end"])), list(seg["share_pct"]),
                              markersize=3, linewidth=1.5, **charts.style_for(i))
            svg.annotate_points(line, tips(seg, name, decimals=2))
        # each panel gets its own scale; the dollar's does not start at zero, and says so
        values = rows["share_pct"] if len(rows) else pd.Series([0.0, 1.0])
        if i == 0:
            bottom = 5 * int(values.min() // 5 - (1 if values.min() % 5 < 2.5 else 0))
            top = 5 * int(values.max() // 5 + 1)
        else:
            bottom, top = 0, float(np.ceil(values.max() * 1.2 * 2) / 2)
        ax.set_title(f"{name} (axis {bottom:g}–{top:g}%)", fontsize=charts.MIN_FONT_PT, fontweight="normal")
        ax.set_ylabel("share of allocated reserves, %")
        ax.set_xlabel("quarter")
        ax.set_ylim(bottom, top)
        date_axis(ax, lo, hi)
    return charts.finish(fig, title, source, note)


def statements_chart(points: pd.DataFrame, stats: pd.DataFrame, title: str, source: str, start: object,
                     end: object, note: str = "") -> charts.plt.Figure:
    """Officials' statements as hollow black points numbered 1, 2, … (``points`` from
    :func:`statement_points`; the numbers are the rows' order), an upward triangle for 'more
    than', never joined by a line; beside them, as coloured lines with filled markers, the Bank of
    Russia's statistic of roubles plus yuan in all Russia's export receipts (``stats``: rows of
    :func:`rub_cny_share`)."""
    fig, lax, (ax,) = figure_with_legend_row(4.6)
    styles = {"roubles + yuan": charts.style_for(0),
              "roubles + friendly currencies (yuan included)": charts.style_for(2)}
    for what, st in styles.items():
        sub = stats[stats["combination"] == what] if len(stats) else stats
        for seg in (split_at_breaks(sub.assign(currency=what)) if len(sub) else []):
            (line,) = ax.plot(list(midpoint(seg["period_start"], seg["period_end"])), list(seg["share_pct"]),
                              markersize=5, linewidth=1.8, **st)
            svg.annotate_points(line, [f"{p}: {what} {v:g}% of Russia's export receipts [{i}]" for p, v, i in
                                       zip(period_labels(seg), seg["share_pct"], seg["source_ids"])])
    ink = "#222222"
    for n, (_, r) in enumerate(points.iterrows(), start=1):
        marker = "^" if r["qualifier"] == "more_than" else "v" if r["qualifier"] == "less_than" else "o"
        (dot,) = ax.plot([r["x"]], [r["share_pct"]], linestyle="none", marker=marker, markersize=7,
                         markerfacecolor="white", markeredgecolor=ink, markeredgewidth=1.3, zorder=4)
        svg.annotate_points(dot, [f"{n}. {r['date']:%b %Y}: {r['speaker']} stated {r['label'].split()[-1]} "
                                  f"(a statement, not a statistic) [{r['source_ids']}]"])
        ax.annotate(str(n), (r["x"], r["share_pct"]), textcoords="offset points",
                    xytext=(0, 8 if n % 2 else -14), ha="center", fontsize=charts.MIN_FONT_PT, color=ink,
                    fontweight="bold")
    ax.set_ylim(0, 110)
    ax.set_ylabel("share in roubles + yuan, %")
    ax.set_xlabel("date")
    xs = list(points["x"]) + (list(stats["period_start"]) if len(stats) else [])
    lo, hi = plot_window(start, end, min(xs) if xs else None, max(xs) if xs else None, pad_days=90)
    date_axis(ax, lo, hi)
    handles = [
        Line2D([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor=ink, markersize=7,
               label="official's statement, Russia–China settlements (numbered; not a statistic)"),
        Line2D([], [], linestyle="none", marker="^", markerfacecolor="white", markeredgecolor=ink, markersize=7,
               label="statement says 'more than'"),
    ]
    if len(stats):
        handles += [Line2D([], [], **styles[w], label=f"Bank of Russia statistic: {w}, all Russia's export receipts")
                    for w in styles if (stats["combination"] == w).any()]
    lax.legend(handles=handles, loc="center", ncols=1, fontsize=charts.MIN_FONT_PT)
    return charts.finish(fig, title, source, note)


def cargo_chart(cargoes: pd.DataFrame, title: str, source: str) -> charts.plt.Figure:
    """One horizontal bar per cargo in order of arrival, its length the published tonnage, in one
    panel per product (crude oil, then LPG: never ranked together, each on its own scale). A cargo
    paid in yuan is a solid dark bar; one whose yuan payment was only intended is hollow and
    hatched and says 'yuan intended, not confirmed'; another currency or none, light grey. A
    tonnage its note calls probably cumulative says so; a cargo whose tonnage was never published
    gets no bar, only the words 'tonnage not published'."""
    rows = cargoes.sort_values(["arrival_date", "cargo_id"]).reset_index(drop=True)
    rows["payment"] = payment_status(rows)
    rows["cumulative"] = probably_cumulative(rows)
    products = [p for p in ("crude oil", "LPG") if (rows["product"] == p).any()]
    products += [p for p in dict.fromkeys(rows["product"]) if p not in products]
    sizes = [int((rows["product"] == p).sum()) for p in products]
    charts.apply_style()
    fig = charts.plt.figure(figsize=(charts.WIDTH_IN, 0.55 * len(rows) + 0.75 * len(products) + 0.9),
                            layout="constrained")
    grid = fig.add_gridspec(len(products), 1, height_ratios=[n + 0.8 for n in sizes])
    dark = charts.PALETTE[0]
    for k, product in enumerate(products):
        ax = fig.add_subplot(grid[k, 0])
        sub = rows[rows["product"] == product].reset_index(drop=True)
        # a cargo without a vessel's name is told apart by its date, not by its row id; how it was paid
        # goes under its name, so that the words after the bar stay short at a phone's width
        when = [f"{v}, {date_label(d, p)}" if isinstance(v, str) and v else f"{date_label(d, p)}"
                for v, d, p in zip(sub["vessel"], sub["arrival_date"], sub["precision"])]
        names = [f"{n}\n{w}" for n, w in zip(when, sub["payment"])]
        y = list(range(len(sub)))[::-1]
        paid = sub["payment"] == PAID_IN_YUAN
        intended = sub["payment"] == YUAN_INTENDED
        bars = ax.barh(y, sub["tonnes"].fillna(0), height=0.62,
                       color=[dark if p else "white" if i else "#d9d9d9" for p, i in zip(paid, intended)],
                       edgecolor=[dark if p or i else charts.GREY for p, i in zip(paid, intended)], linewidth=1.0)
        for bar, i in zip(bars, intended):
            if i:  # drawn unlike a confirmed payment: hollow, hatched in the yuan colour
                bar.set_hatch("///")
        amounts = ["tonnage not published" if pd.isna(t) else f"{t:,.0f} t" + ("*" if c else "")
                   for t, c in zip(sub["tonnes"], sub["cumulative"])]
        svg.annotate_points(bars, [f"{product}, {n}: {a.rstrip('*')}"
                                   + (" (probably cumulative over months)" if c else "") + f", {w} [{i}]"
                                   for n, a, c, w, i in zip(when, amounts, sub["cumulative"], sub["payment"],
                                                            sub["source_id"])])
        for yy, t, a in zip(y, sub["tonnes"], amounts):
            ax.annotate(a, (0 if pd.isna(t) else t, yy), xytext=(4, 0), textcoords="offset points", va="center",
                        fontsize=charts.MIN_FONT_PT, color=charts.GREY if pd.isna(t) else "#222222")
        ax.set_yticks(y, names)
        ax.set_ylim(-0.6, len(sub) - 0.4)
        top = float(sub["tonnes"].max()) if sub["tonnes"].notna().any() else 1.0
        ax.set_xlim(0, top * 1.9)  # room for the tonnage after the longest bar
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_locator(charts.plt.MaxNLocator(4))
        ax.xaxis.set_major_formatter(lambda v, _: f"{v / 1000:,.0f}")
        ax.set_title(product[:1].upper() + product[1:] + (", on its own scale" if k else ""),
                     fontsize=charts.MIN_FONT_PT, fontweight="bold")
        ax.set_xlabel("thousand tonnes (published figure)")
    notes = []
    if len(products) > 1:
        notes.append("LPG is not ranked with crude: it came overland, by road and through Iran.")
    if rows["cumulative"].any():
        notes.append("* Probably cumulative over months, not one cargo.")
    if (rows["payment"] == YUAN_INTENDED).any():
        notes.append("Hatched: a yuan payment reported as intended, not confirmed.")
    return charts.finish(fig, title, source, " ".join(notes))
