"""The defence charts in the house style of :mod:`pakru.present.charts`: the events timeline, SIPRI
deliveries and supplier shares. They draw; they decide no finding."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..present import charts, svg, timeline
from ..data import source_ids
from ..present.wording import join_words
from .sipri import OUR_SHARES, RUSSIA, SHARE_GROUPS, SIPRI_CREDIT, credit_line


def summary_source_line(source_ids_cells: Iterable[str], sources: pd.DataFrame, where: str) -> str:
    """A short source line for a chart resting on many documents: how many documents from how many
    publishers, the most cited publishers, and where the full list is (``where``). Carries
    SIPRI's credit line when a SIPRI source is among them."""
    ids = source_ids.split_all(source_ids_cells)
    reg = sources.set_index("source_id")
    publishers = pd.Series([str(reg.at[s, "publisher"]) if s in reg.index else s for s in ids], dtype=object)
    top = list(publishers.value_counts().index[:4]) if len(publishers) else []
    credit = f" {SIPRI_CREDIT}." if any(s.startswith("def-sipri") for s in ids) else ""
    n_pub = publishers.nunique()
    return (f"Sources: {len(ids)} document{'s' if len(ids) != 1 else ''} from {n_pub} publisher"
            f"{'s' if n_pub != 1 else ''}" + (f", most often {join_words(top)}" if top else "")
            + f"; {where}.{credit}")


def deliveries_chart(deliveries: pd.DataFrame, start_year: int, end_year: int, title: str, source: str,
                     note: str = "") -> charts.plt.Figure:
    """Bars of SIPRI TIV by year, one colour and hatch per supplier (Soviet Union, Russia); a year
    without a bar had no recorded deliveries. SIPRI's credit line is added to ``source`` if absent."""
    source = source if SIPRI_CREDIT in source else f"{credit_line()} {source}"
    charts.apply_style()
    fig, ax = charts.plt.subplots(figsize=(charts.WIDTH_IN, 3.6), layout="constrained")
    # a light hatch tells the Soviet bars from the Russian ones in greyscale; few bars, so few bytes
    hatches = {"Soviet Union": "//", "Russia": None}
    for i, supplier in enumerate(SHARE_GROUPS[RUSSIA]):
        g = deliveries[deliveries["supplier"] == supplier]
        if g.empty:
            continue
        bars = ax.bar(g["year"], g["tiv"], width=0.8, color=charts.style_for(i)["color"], edgecolor="black",
                      linewidth=0.4, hatch=hatches.get(supplier), label=supplier)
        who = "the Soviet Union" if supplier == "Soviet Union" else supplier
        svg.annotate_points(bars, [f"{int(y)}: {v:,.0f} million TIV delivered by {who} [{sid}]"
                                   for y, v, sid in zip(g["year"], g["tiv"], g["source_id"])])
    ax.set_xlim(start_year - 0.8, end_year + 0.8)
    ax.set_ylabel("million TIV (SIPRI trend-indicator value)")
    ax.set_xlabel("year of delivery")
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper right")
    return charts.finish(fig, title, source, note)


def shares_chart(shares: pd.DataFrame, period_years: int, title: str, source: str,
                 note: str = "") -> charts.plt.Figure:
    """One line per supplier group, named at its end: its share of Pakistan's arms imports per
    period; each point's tooltip gives the share, the TIV behind it and the sources. A period cut
    short by the window or the data is labelled with the years it covers and marked with '*'.
    SIPRI's credit line and the computed-by-pakru label are added to ``source`` if absent."""
    if SIPRI_CREDIT not in source or OUR_SHARES not in source:
        source = f"{credit_line(computed=True)} {source.replace(credit_line(), '').strip()}"
    charts.apply_style()
    fig, ax = charts.plt.subplots(figsize=(charts.WIDTH_IN, 3.9), layout="constrained")
    periods = shares.drop_duplicates("period").sort_values("first_year")
    labels = [p if c else f"{y}*" for p, y, c in zip(periods["period"], periods["years"], periods["complete"])]
    pos = {p: i for i, p in enumerate(periods["period"])}
    ends: list[tuple[float, int, str, str]] = []
    for i, name in enumerate(dict.fromkeys(shares["supplier"])):
        g = shares[shares["supplier"] == name].sort_values("first_year")
        st = charts.style_for(i)
        line, = ax.plot([pos[p] for p in g["period"]], g["share_pct"], label=name, linewidth=1.6, markersize=5, **st)
        svg.annotate_points(line, [f"{name}, {y}: {s:.1f}% ({t:,.0f} of {tot:,.0f} million TIV) [{ids}]"
                                   for y, s, t, tot, ids in zip(g["years"], g["share_pct"], g["tiv"], g["total_tiv"],
                                                                g["source_ids"])])
        last = g[g["share_pct"].notna()]
        if not last.empty:
            ends.append((float(last["share_pct"].iloc[-1]), pos[last["period"].iloc[-1]], name, str(st["color"])))
    # each line's name at its end, not in a distant legend; ends closer than 10 points are pushed apart
    placed: list[float] = []
    for value, x, name, colour in sorted(ends):
        y = max(value, placed[-1] + 10) if placed else value
        placed.append(y)
        # the name only: the last point may be a cut-short period, so its value would not match the title's
        ax.annotate(name.split(" (")[0], (x, value), xytext=(x + 0.25, y), textcoords="data",
                    va="center", fontsize=charts.MIN_FONT_PT, color=colour, fontweight="bold")
    ax.set_xticks(range(len(labels)), labels, rotation=45 if len(labels) > 8 else 0,
                  ha="right" if len(labels) > 8 else "center")
    ax.set_xlim(-0.4, len(labels) - 1 + max(1.6, len(labels) * 0.16))  # room for the end labels
    ax.set_ylim(0, 100)
    ax.set_ylabel("% of Pakistan's arms imports (TIV)")
    ax.set_xlabel(f"period of {period_years} year{'s' if period_years != 1 else ''} (* = cut short: years covered)")
    return charts.finish(fig, title, source, note)


def timeline_figure(frame: pd.DataFrame, lanes: list[str], first_year: int, last_year: int, headline: str,
                    sources: pd.DataFrame, agreement: pd.Timestamp | None, zoom_note: str = "") -> object:
    """The defence timeline in the house style: one lane per category (with its count), the
    precision note, the sources line, and a dashed line at the 2014 agreement when it is in view."""
    counts = frame["category"].value_counts()
    fig = timeline.timeline_chart(
        frame, headline,
        summary_source_line(frame["source_ids"], sources,
                            "each event's sources are in the appendix table of all events"),
        note=("Precision: marker = exact day; bar = first to last day; shaded band = known only to the month, "
              "year or decade, drawn over the whole period." + zoom_note),
        lanes=lanes, start=pd.Timestamp(year=first_year, month=1, day=1),
        end=pd.Timestamp(year=last_year + 1, month=1, day=1),
        lane_labels={c: f"{c} ({counts.get(c, 0)})" for c in lanes})
    if agreement is not None and first_year <= agreement.year <= last_year:
        ax = timeline.plot_axes(fig)
        ax.axvline(agreement, color=charts.GREY, linestyle="--", linewidth=1, zorder=1)
        ax.annotate(f"{agreement:%b %Y} agreement", (agreement, ax.get_ylim()[1]), xytext=(3, -10),
                    textcoords="offset points", fontsize=charts.MIN_FONT_PT, color=charts.GREY)
    return fig
