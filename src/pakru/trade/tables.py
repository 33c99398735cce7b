"""The trade section's tables as the notebook shows them: the frame with readable column names,
its caption and note (from ``text/tables.j2``), number formats, and whether the page lifts it
into the appendix. ``table(**trade.tables.spec("sbp", frames, facts, p))``.

A column of source ids is shown under the heading ``sources``: the page writes it as the
publishers and years, linked to the sources appendix (never the ids)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from ..facts import Facts
from ..present import text as words
from ..present.tables import SOURCE_COLUMNS

TEMPLATE = "trade/tables.j2"
SOURCES = {"source_id": "sources"}
# name: (columns shown and their headings, formats, in the appendix)
SHOWN: dict[str, tuple[dict[str, str], dict[str, str], bool]] = {
    "sbp": ({"period": "period", "exports": "exports", "imports": "imports", "two_way": "two-way",
             "balance": "balance"}, {"period": "text"}, False),
    "share": ({"period": "period", "record": "record", "flow": "flow", "russia": "with Russia", "world": "with all",
               "share_pct": "Russia's share", **SOURCES}, {"Russia's share": "text"}, True),
    "published": ({"period": "period", "what": "window and coverage", "flow": "flow", "reporter": "reporter",
                   "series": "record", "value": "USD million", "qualifier": "mark", **SOURCES}, {}, True),
    "weighings": ({"question": "question", "figure": "figure", "period": "period", "value": "value", "unit": "unit",
                   "verdict": "verdict", "reason": "why", **SOURCES}, {}, True),
    "conflicts": ({"period": "period", "flow": "flow", "coverage": "coverage", "series": "record",
                   "value": "USD million", "qualifier": "mark", "kind": "kind", **SOURCES}, {}, True),
    "growth": ({}, {}, True),
    "mirror_table": ({}, {"year": "int", "PK→RU gap %": "pct", "RU→PK gap %": "pct"}, True),
    "products_hs": ({"year": "year", "product": "HS chapter", "value": "USD million", "share_pct": "share %",
                     **SOURCES}, {"year": "int", "share %": "pct_plain"}, True),
    "goods_lists": ({"period": "period", "flow": "direction", "products": "goods named", **SOURCES}, {}, True),
    "coverage": ({"basis": "basis", "coverage": "coverage", "series": "record", "reporter": "reporter",
                  "full_years": "full years", "n_full": "number of full years", "partial_windows": "parts of years",
                  "bounds": "bounds"}, {"number of full years": "int", "parts of years": "int", "bounds": "int"}, True),
}
BLOCK = {"mirror_table": "mirror"}
MARKS = {"provisional": "P", "revised": "R"}  # the State Bank's own marks, as its tables abbreviate them


def share_text(value: float) -> str:
    """A share as the section writes it: two decimals under 1% (``0.08%``), one from 1% (``1.3%``)."""
    if pd.isna(value):
        return "–"
    return f"{value:.{2 if abs(value) < 1 else 1}f}%"


def _sbp(frame: pd.DataFrame) -> pd.DataFrame:
    """Short period labels a phone's table fits, each with the State Bank's mark beside it
    (``Jul–Mar FY26 (P)``), instead of a column of marks."""
    marks = frame["status"].map(MARKS).fillna("")
    return frame.assign(period=[f"{s} ({m})" if m else s for s, m in zip(frame["short"], marks)])


def _share(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(share_pct=frame["share_pct"].map(share_text))


def _marks(frame: pd.DataFrame) -> pd.DataFrame:
    """A bound or an approximation in words (``more than``), not the data's code (``more_than``)."""
    return frame.assign(qualifier=frame["qualifier"].map(lambda q: words.QUALIFIER_WORDS.get(q, q).strip()
                                                         if isinstance(q, str) else q))


PREPARE: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {"sbp": _sbp, "share": _share, "published": _marks,
                                                              "conflicts": _marks}


def spec(name: str, frames: dict[str, pd.DataFrame], facts: Facts, p: Any) -> dict[str, Any]:
    """Keyword arguments for :func:`pakru.present.show.table` for the table ``name``."""
    columns, formats, appendix = SHOWN[name]
    frame = PREPARE.get(name, lambda x: x)(frames[name])
    shown = frame[list(columns)].rename(columns=columns) if columns else frame.copy()
    text_cols = {c: "text" for c in shown.columns
                 if shown[c].dtype == object and c not in formats and c not in SOURCE_COLUMNS}
    if name == "growth":
        formats = {c: "pct" for c in shown.columns if c.endswith("growth %")} | {"period": "text"}
    block = BLOCK.get(name, name)
    env = words.environment(True)
    blocks = env.get_template(TEMPLATE).blocks
    note = words.plain(TEMPLATE, facts, block=f"{block}_note", p=p) if f"{block}_note" in blocks else ""
    return {"frame": shown, "caption": words.plain(TEMPLATE, facts, block=block, p=p),
            "formats": text_cols | formats, "note": note, "appendix": appendix, "name": f"trade-{name}"}
