"""Tables and computed sentences for the notebooks, in the house style.

Everything that comes from data is HTML-escaped here, so a source title or a note that happens
to contain ``<script>`` is shown as text and never run.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import pandas as pd

from .numbers import fixed


SOURCE_COLUMNS = ("source_id", "source_ids", "also_source_ids", "sources")


def cited_html(cell: object) -> str:
    """Source ids (``"trd-a;trd-b"``) as the publishers and years they stand for, each linked to its
    row in the sources appendix; a weak source says so. Unknown ids are left out."""
    from ..data import datasets
    from ..facts.model import FactBook

    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return ""
    book = FactBook(datasets.load("sources"))
    by: dict[str, list] = {}
    for s in book.sources_of(cell):
        if s.publisher == s.id:  # not in the registry
            continue
        by.setdefault(s.publisher, []).append(s)
    parts = []
    for pub, items in by.items():
        years = sorted({s.year for s in items if s.year})
        text = f"{pub}, {', '.join(years)}" if years else pub
        anchor = "src-" + re.sub(r"[^A-Za-z0-9_-]+", "-", items[0].id)
        weak = all(s.quality == "weak" for s in items)
        parts.append(f'<a class="cite" href="#{anchor}">{html.escape(text)}</a>'
                     + ('<span class="weak">, weak source</span>' if weak else ""))
    return "; ".join(parts)


def fmt_number(value: object, decimals: int = 1) -> str:
    """``1046.25`` -> ``"1,046.3"``; missing -> ``"–"`` (a gap shown as a gap)."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA or pd.isna(value):
        return "–"
    if isinstance(value, (int,)) and not isinstance(value, bool):
        return f"{value:,d}".replace("-", "\u2212")
    try:
        return fixed(float(value), decimals).replace("-", "\u2212")  # a minus sign, not a hyphen
    except (TypeError, ValueError):
        return str(value)


def fmt_pct(value: object, decimals: int = 1, sign: bool = True) -> str:
    if value is None or pd.isna(value):
        return "–"
    text = f"{fixed(float(value), decimals, grouping=False)}%"
    if sign and not text.startswith("-"):
        text = "+" + text
    return text.replace("-", "\u2212")


def table_html(frame: pd.DataFrame, caption: str, formats: Mapping[str, str] | None = None,
               decimals: int = 1, note: str = "") -> str:
    """An HTML table with a caption; ``formats`` maps a column to ``"number"``, ``"pct"``,
    ``"pct_plain"``, ``"int"``, ``"text"`` or ``"sources"`` (default: numbers for float columns,
    sources for a column of source ids, text otherwise). A sources column shows publishers and years
    linked to the sources appendix, never the ids."""
    formats = dict(formats or {})
    shown = pd.DataFrame(index=frame.index)
    links: dict[str, str] = {}
    for col in frame.columns:
        kind = formats.get(col)
        series = frame[col]
        if kind is None:
            kind = "sources" if col in SOURCE_COLUMNS else "number" if pd.api.types.is_float_dtype(series) else "text"
        if kind == "sources":
            cells = []
            for v in series:
                token = f"\x00{len(links)}\x00"
                links[token] = cited_html(v)
                cells.append(token)
            shown[col] = cells
            continue
        if kind == "number":
            shown[col] = [fmt_number(v, decimals) for v in series]
        elif kind == "pct":
            shown[col] = [fmt_pct(v) for v in series]
        elif kind == "pct_plain":
            shown[col] = [fmt_pct(v, sign=False) for v in series]
        elif kind == "int":
            shown[col] = ["–" if pd.isna(v) else f"{int(v)}" for v in series]
        else:
            shown[col] = ["" if (v is None or (not isinstance(v, str) and pd.isna(v))) else str(v) for v in series]
    text_cols = sum(1 for c in frame.columns if (formats.get(c) or ("number" if pd.api.types.is_float_dtype(frame[c])
                                                                   else "text")) == "text")
    # tables that are mostly words read better left-aligned; numeric tables stay right-aligned
    classes = "pakru-table text-cell" if text_cols * 2 > len(frame.columns) else "pakru-table"
    shown = shown.rename(columns={c: "sources" for c in frame.columns
                                  if (formats.get(c) or ("sources" if c in SOURCE_COLUMNS else "")) == "sources"
                                  and "sources" not in frame.columns})
    body = shown.to_html(index=False, escape=True, border=0, classes=classes)
    for token, markup in links.items():  # the citations, built from escaped parts above
        body = body.replace(html.escape(token), markup).replace(token, markup)
    # a period label or a date is never broken at its hyphen ("FY2022- / 23") in a narrow column
    body = re.sub(r"<td>((?:FY)?\d{4}[-–]\d{2}(?:[-–]\d{2})?(?: \([RP]\))?)</td>",
                  r'<td><span class="nw">\1</span></td>', body)
    # the caption goes right after the opening tag, whatever attributes pandas writes there
    if caption:
        body = re.sub(r"<table\b[^>]*>", lambda m: f"{m.group(0)}<caption>{html.escape(caption)}</caption>", body,
                      count=1)
    if note:
        body += f'<p class="table-note"><small>{html.escape(note)}</small></p>'
    return body


__all__ = ["fmt_number", "fmt_pct", "table_html", "cited_html", "SOURCE_COLUMNS"]
