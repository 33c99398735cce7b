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
                     note: str = "", after_table: pd.DataFrame | None = None,
                     register_end: int | None = None) -> charts.plt.Figure:
    """Bars of SIPRI TIV by year, one colour and hatch per supplier (Soviet Union, Russia); a year
    without a bar had no recorded deliveries. Years after the TIV table's last year (``end_year``)
    up to ``register_end`` are not zero but unknown in TIV: a hatched band says so and names what
    the register lists delivered in them (``after_table``, :func:`sipri.deliveries_after_table`).
    SIPRI's credit line is added to ``source`` if absent."""
    source = source if SIPRI_CREDIT in source else f"{credit_line()} {source}"
    charts.apply_style()
    fig, ax = charts.plt.subplots(figsize=(charts.WIDTH_IN, 3.8), layout="constrained")
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
        peak = g.sort_values(["tiv", "year"], ascending=[False, True]).iloc[0]
        # each supplier named above its largest bar, not in a legend that could cover a bar
        # (the first left of its bar's top, where the years before are empty; the other above its bar)
        ax.annotate(supplier, (peak["year"] - 0.5, peak["tiv"]) if i == 0 else (peak["year"], peak["tiv"]),
                    xytext=(-3, -2) if i == 0 else (0, 3), textcoords="offset points",
                    ha="right" if i == 0 else "center", va="top" if i == 0 else "bottom", fontsize=charts.MIN_FONT_PT,
                    color=charts.TEXT_PALETTE[i], fontweight="bold")
    last = end_year
    top = float(deliveries["tiv"].max()) if len(deliveries) else 1.0
    ax.set_ylim(0, top * 1.15)
    if register_end is not None and register_end > end_year:
        last = register_end
        band = ax.add_patch(charts.plt.Rectangle((end_year + 0.5, 0), register_end - end_year, top * 1.12,
                                                 facecolor="#f2f2f2", edgecolor=charts.GREY, hatch="xx",
                                                 linewidth=0.6, zorder=0))
        items = after_table if after_table is not None else pd.DataFrame(columns=["year", "designation"])
        listed = join_words([f"{d} ({', '.join(str(y) for y in g['year'])})" for d, g in items.groupby("designation")])
        span = f"{end_year + 1}–{register_end}"
        svg.annotate_points([band], [f"{span}: no TIV figure (SIPRI's table ends in {end_year}); the register lists "
                                     + (f"deliveries of {listed}" if listed else "no Soviet or Russian delivery")
                                     + (f" [{source_ids.join(items['source_id'])}]" if len(items) else "")])
        words = (f"{span}: no TIV figure;\nthe register lists\n"
                 + ("\n".join(f"{d} deliveries" for d in dict.fromkeys(items["designation"])) if len(items)
                    else "no delivery")
                 + (f"\n({', '.join(map(str, sorted(set(items['year']))))})" if len(items) else ""))
        ax.annotate(words, (end_year + 0.5, top * 1.05), xytext=(-5, 0), textcoords="offset points", ha="right",
                    va="top", fontsize=charts.MIN_FONT_PT, color="#222222")
    ax.set_xlim(start_year - 0.8, last + 0.8)
    ax.set_ylabel("million TIV")
    ax.set_xlabel("year of delivery")
    ax.grid(axis="x", visible=False)
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
    # a name is lifted off the x axis and starts clear of its line's last marker, so that neither the
    # axis nor the line is drawn through it
    placed: list[float] = []
    for value, x, name, colour in sorted(ends):
        y = max(value, placed[-1] + 10, 5.0) if placed else max(value, 5.0)
        placed.append(y)
        # the name only: the last point may be a cut-short period, so its value would not match the title's
        ax.annotate(name.split(" (")[0], (x, value), xytext=(x + 0.5, y), textcoords="data",
                    va="center", fontsize=charts.MIN_FONT_PT, color=colour, fontweight="bold")
    # many periods: upright labels, which do not run into each other on a phone's narrow chart
    ax.set_xticks(range(len(labels)), labels, rotation=90 if len(labels) > 8 else 0, ha="center")
    ax.set_xlim(-0.4, len(labels) - 1 + max(2.0, len(labels) * 0.2))  # room for the end labels
    ax.set_ylim(0, 100)
    ax.set_ylabel("% of Pakistan's arms imports (TIV)")
    ax.set_xlabel(f"period of {period_years} year{'s' if period_years != 1 else ''} (* = cut short: years covered)")
    return charts.finish(fig, title, source, note)


def timeline_figure(frame: pd.DataFrame, lanes: list[str], first_year: int, last_year: int, headline: str,
                    sources: pd.DataFrame, agreement: pd.Timestamp | None, zoom_note: str = "") -> object:
    """The defence timeline in the house style: one lane per category (with its count), the
    precision note, the sources line, and a dashed line at the 2014 agreement when it is in view."""
    from ..present.show import ChartText

    counts = frame["category"].value_counts()
    where = "each event's sources are in the appendix table of all events"
    text = ChartText(headline, headline, summary_source_line(frame["source_ids"], sources, where), zoom_note.strip())
    marks = [(agreement, f"{agreement:%b %Y} agreement")] if agreement is not None and \
        first_year <= agreement.year <= last_year else []
    return timeline.timeline_chart(
        frame, text, charts.WIDTH_IN, lanes=lanes, start=pd.Timestamp(year=first_year, month=1, day=1),
        end=pd.Timestamp(year=last_year + 1, month=1, day=1),
        lane_labels={c: f"{c} ({counts.get(c, 0)})" for c in lanes}, marks=marks)
