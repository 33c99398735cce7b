"""What is traded, as the trade section tells it: the largest product lines each way as bar charts,
the sentence that opens the subsection, and the goods officials name without values."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from ..present import charts
from ..present.shown import Table
from .charts import bar_chart
from .composition import composition_top, goods_lists
from .headlines import Window


def composition_charts(composition: pd.DataFrame, sources: pd.DataFrame, window: Window
                       ) -> Iterator[tuple[charts.plt.Figure, str]]:
    """Bar charts of the largest product lines, each way and in each classification, with alt texts."""
    for flow, who in (("exports", "Pakistan's exports to Russia"), ("imports", "Pakistan's imports from Russia")):
        for cls, what in (("OTS group", "Open Trade Statistics product group"), ("HS2", "HS chapter")):
            top = composition_top(composition, flow, cls)
            top = top[top["year"].between(window.start_year, window.end_year)] if not top.empty else top
            if top.empty:
                continue
            year, lead = int(top["year"].iloc[0]), top.iloc[0]
            whose = {"PAK": "Pakistan's records", "RUS": "Russia's records"}.get(
                composition.loc[composition["source_id"] == lead["source_id"], "reporter"].iloc[0],
                "Open Trade Statistics, which reconciles both countries' records")
            title = (f"{lead['product']} led {who} in {year}: {lead['share_pct']:.0f}% of the value, the latest year "
                     f"this breakdown by {'product group' if cls == 'OTS group' else 'HS chapter'} covers ({whose})")
            title = title[0].upper() + title[1:]
            fig = bar_chart(list(top["product"]), list(top["value"]), title,
                            charts.source_line(top["source_id"], sources), "USD million",
                            note=f"{who}, {year}, by {what}; the largest {len(top)} lines.",
                            tips=[f"{p} ({year}): {v:,.1f} USD million [{sid}]" for p, v, sid
                                  in zip(top["product"], top["value"], top["source_id"])])
            yield fig, (f"Bar chart of {who} in {year} by {what}, USD million: "
                        + "; ".join(f"{p} {v:,.1f}" for p, v in zip(top["product"], top["value"])) + ".")


def composition_finding(composition: pd.DataFrame, window: Window) -> str:
    """The first sentence of "What is traded": the largest product group each way."""
    parts = []
    for flow, who in (("exports", "Pakistan's exports to Russia"), ("imports", "its imports from Russia")):
        top = composition_top(composition, flow, "OTS group")
        top = top[top["year"].between(window.start_year, window.end_year)] if not top.empty else top
        if not top.empty:
            r = top.iloc[0]
            parts.append(f"{r['product']} led {who} in {int(r['year'])} ({r['share_pct']:.0f}% of the total)")
    text = "; ".join(parts) + "." if parts else "No product breakdown falls in this window."
    later = composition[(composition["classification"] == "product group") & composition["value"].notna()]
    if not later.empty:
        last = later.sort_values("period_start").iloc[-1]
        text += (f" No full product breakdown is published after those years; the latest product figures are "
                 f"single lines from press analyses of Pakistani statistics (e.g. {last['product']}, "
                 f"{last['period_start']:%B %Y}: {last['value']:,.0f} USD m), told above under what drove the "
                 "2023 surge.")
    return text


def goods_lists_table(composition: pd.DataFrame) -> Table | None:
    lists = goods_lists(composition)
    if lists.empty:
        return None
    return Table(lists.assign(flow=lists["flow"].map({"exports": "Pakistan → Russia", "imports": "Russia → Pakistan"})),
                 "Goods named in official statements (no values published)", formats={c: "text" for c in lists.columns},
                 appendix=True)
