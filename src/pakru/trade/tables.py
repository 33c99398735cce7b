"""The trade section's tables as the notebook shows them: the frame with readable column names,
its caption and note (from ``text/tables.j2``), number formats, and whether the page lifts it
into the appendix. ``table(**trade.tables.spec("sbp", frames, facts, p))``."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..facts import Facts
from ..present import text as words

TEMPLATE = "trade/tables.j2"
# name: (columns shown and their headings, formats, in the appendix)
SHOWN: dict[str, tuple[dict[str, str], dict[str, str], bool]] = {
    "sbp": ({"period": "period", "exports": "Pakistan's exports", "imports": "Pakistan's imports", "two_way": "two-way",
             "balance": "balance", "status": "mark"}, {"period": "text", "mark": "text"}, False),
    "share": ({"period": "period", "record": "record", "flow": "flow", "russia": "with Russia", "world": "with all",
               "share_pct": "Russia's share %"}, {"Russia's share %": "pct_plain"}, True),
    "published": ({"period": "period", "what": "window and coverage", "flow": "flow", "reporter": "reporter",
                   "series": "record", "value": "USD million", "qualifier": "mark"}, {}, True),
    "weighings": ({"question": "question", "figure": "figure", "period": "period", "value": "value", "unit": "unit",
                   "verdict": "verdict", "reason": "why"}, {}, True),
    "conflicts": ({"period": "period", "flow": "flow", "coverage": "coverage", "series": "record",
                   "value": "USD million", "qualifier": "mark", "kind": "kind"}, {}, True),
    "growth": ({}, {}, True),
    "mirror_table": ({}, {"year": "int", "PK→RU gap %": "pct", "RU→PK gap %": "pct"}, True),
    "products_hs": ({"year": "year", "product": "HS chapter", "value": "USD million", "share_pct": "share %"},
                    {"year": "int", "share %": "pct_plain"}, True),
    "goods_lists": ({"period": "period", "flow": "direction", "products": "goods named"}, {}, True),
    "coverage": ({"basis": "basis", "coverage": "coverage", "series": "record", "reporter": "reporter",
                  "full_years": "full years", "n_full": "number of full years", "partial_windows": "parts of years",
                  "bounds": "bounds"}, {"number of full years": "int", "parts of years": "int", "bounds": "int"}, True),
}
BLOCK = {"mirror_table": "mirror"}


def spec(name: str, frames: dict[str, pd.DataFrame], facts: Facts, p: Any) -> dict[str, Any]:
    """Keyword arguments for :func:`pakru.present.show.table` for the table ``name``."""
    columns, formats, appendix = SHOWN[name]
    frame = frames[name]
    shown = frame[list(columns)].rename(columns=columns) if columns else frame.copy()
    text_cols = {c: "text" for c in shown.columns if shown[c].dtype == object and c not in formats}
    if name == "growth":
        formats = {c: "pct" for c in shown.columns if c.endswith("growth %")} | {"period": "text"}
    block = BLOCK.get(name, name)
    env = words.environment(True)
    blocks = env.get_template(TEMPLATE).blocks
    note = words.plain(TEMPLATE, facts, block=f"{block}_note", p=p) if f"{block}_note" in blocks else ""
    return {"frame": shown, "caption": words.plain(TEMPLATE, facts, block=block, p=p),
            "formats": text_cols | formats, "note": note, "appendix": appendix, "name": f"trade-{name}"}
