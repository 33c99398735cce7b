"""What a notebook cell shows: the section's words, its charts, its tables and its facts.

Each function displays one output the page knows by its MIME type, and returns what it showed, so
an analyst in JupyterLab can look at the frame behind a chart or the Markdown behind a paragraph:

- :func:`tell` renders a text template with the section's facts (figures marked as ``<data>``);
- :func:`chart` draws a chart twice, for the desktop and for a phone, through the chart function
  itself, and carries the chart's data as CSV for the "Download the data" link;
- :func:`table` shows a table, in place or (``appendix=True``) lifted into the appendices;
- :func:`publish` hands the section's facts to the build ("What changed", the manifest).
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..facts import Facts
from ..facts.model import FactBook
from . import text as words

TEXT_MIME = "application/vnd.pakru.text+json"
CHART_MIME = "application/vnd.pakru.chart+json"
TABLE_MIME = "application/vnd.pakru.table+json"
FACTS_MIME = "application/vnd.pakru.facts+json"

WIDE_IN = 7.2     # fits A4 with margins
NARROW_IN = 4.0   # a 390 px phone: at 369 px of column, 10.5 pt text renders at about 10 px
CSV_COLUMNS = ("period", "value", "unit", "series")


def _display(bundle: dict[str, Any], metadata: dict[str, Any] | None = None) -> None:
    try:
        from IPython.display import display
    except ImportError:  # outside IPython there is nothing to show on
        return
    display(bundle, raw=True, metadata=metadata or {})


# --- words ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Told:
    """A rendered template: its Markdown (what an analyst reads) and its HTML (what the page shows)."""

    template: str
    markdown: str
    html: str
    box: bool = False
    cited: tuple[str, ...] = ()

    def _repr_html_(self) -> str:
        return self.html

    def _repr_markdown_(self) -> str:
        return self.markdown


def told(template: str, facts: Facts | Mapping[str, Any], *, box: bool = False, **context: Any) -> Told:
    """Render a template without showing it (tests and the page use this)."""
    cited: set[str] = set()
    markdown = words.render(template, facts, cited=cited, **context)
    body = words.to_html(markdown)
    classes = "told box" if box else "told"
    return Told(template, markdown, f'<div class="{classes}">{body}</div>' if body else "", box,
                tuple(sorted(cited)))


def tell(template: str, facts: Facts | Mapping[str, Any], *, box: bool = False, **context: Any) -> Told | None:
    """Show a template's text in the notebook and the report. A template that writes nothing (a
    condition the data do not meet) shows nothing."""
    out = told(template, facts, box=box, **context)
    if out.html:
        _display({"text/html": out.html, "text/markdown": out.markdown,
                  TEXT_MIME: {"template": template, "cited": list(out.cited)}})
    return out


# --- charts -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ChartText:
    """The words of one chart, from its template's blocks: the title states the finding, the
    alt text says what a screen reader should hear, the note explains a mark, the source names
    the publishers and years behind the drawn data."""

    title: str
    alt: str
    source: str
    note: str = ""
    labels: Mapping[str, str] = field(default_factory=dict)


Draw = Callable[..., Any]  # draw(frame, text, width_in, **options) -> matplotlib Figure


@dataclass(frozen=True)
class Chart:
    """One chart as the page shows it: both drawings, the words, and the data behind it."""

    name: str
    text: ChartText
    wide_svg: str
    narrow_svg: str
    frame: pd.DataFrame
    csv: str

    def _repr_svg_(self) -> str:
        return self.wide_svg


def source_line(frame: pd.DataFrame, facts: Facts | None, limit: int = 4) -> str:
    """``"Source: State Bank of Pakistan, 2026."``: publishers and years of the frame's
    ``source_id`` column, at most ``limit`` publishers and the rest counted."""
    if "source_id" not in frame.columns:
        return ""
    book = FactBook(getattr(facts, "sources", None))
    from ..data import source_ids

    counts: dict[str, int] = {}
    for cell in frame["source_id"].dropna().astype(str):
        for sid in source_ids.split(cell):
            counts[sid] = counts.get(sid, 0) + 1
    seen: dict[str, list[str]] = {}
    weight: dict[str, tuple[int, int]] = {}
    rank = {"primary": 0, "secondary": 1, "weak": 2}
    for s in book.sources_of(list(counts)):
        seen.setdefault(s.publisher, [])
        if s.year and s.year not in seen[s.publisher]:
            seen[s.publisher].append(s.year)
        # the strongest sources first, then the publishers most of the drawn rows rest on
        q, n = weight.get(s.publisher, (3, 0))
        weight[s.publisher] = (min(q, rank.get(s.quality, 3)), n - counts[s.id])
    order_of = {p: i for i, p in enumerate(seen)}
    publishers = sorted(seen, key=lambda p: (*weight[p], order_of[p]))
    weak = {p for p in publishers if weight[p][0] == rank["weak"]}
    named = [(f"{p}, {', '.join(sorted(seen[p]))}" if seen[p] else p) + (" (weak)" if p in weak else "")
             for p in publishers]
    if not named:
        return ""
    label = "Sources" if len(named) > 1 else "Source"
    if limit and len(named) > limit:
        rest = publishers[limit:]
        weak_rest = sum(p in weak for p in rest)
        named = named[:limit] + [f"and {len(rest)} other publisher{'s' if len(rest) > 1 else ''}"
                                 + (f", {weak_rest} of them weak" if weak_rest else "") + " (all in the appendix)"]
    return f"{label}: {'; '.join(named)}."


def csv_of(frame: pd.DataFrame, facts: Facts | None) -> str:
    """The chart's data as a reader downloads it: period, value, unit, series, the qualifier where
    there is one, and the source (publisher, year and address) instead of an internal id."""
    missing = [c for c in CSV_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"a chart's frame needs the columns {', '.join(CSV_COLUMNS)} (missing {', '.join(missing)})")
    out = frame[[c for c in (*CSV_COLUMNS, "qualifier") if c in frame.columns]].copy()
    if "source_id" in frame.columns:
        book = FactBook(getattr(facts, "sources", None))
        found = [book.sources_of(cell) for cell in frame["source_id"].fillna("")]
        out["source"] = ["; ".join(s.short for s in ss) for ss in found]
        out["source_url"] = ["; ".join(s.url for s in ss if s.url) for ss in found]
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def chart_text(template: str, facts: Facts, frame: pd.DataFrame, **context: Any) -> ChartText:
    """Render a chart template's blocks (``title``, ``alt``, optional ``note`` and ``label_*``)."""
    env = words.environment(True)
    blocks = env.get_template(template).blocks
    text = {b: words.plain(template, facts, block=b, frame=frame, **context) for b in blocks}
    labels = {b.removeprefix("label_"): v for b, v in text.items() if b.startswith("label_")}
    return ChartText(title=text.get("title", ""), alt=text.get("alt", "") or text.get("title", ""),
                     source=source_line(frame, facts), note=text.get("note", ""), labels=labels)


def draw_svgs(draw: Draw, frame: pd.DataFrame, text: ChartText, name: str, **options: Any) -> tuple[str, str]:
    """The chart drawn at the desktop's and at the phone's width by its own function."""
    import matplotlib.pyplot as plt

    from . import svg

    out = []
    for width, variant in ((WIDE_IN, "wide"), (NARROW_IN, "narrow")):
        fig = draw(frame, text, width, **options)
        try:
            drawn = svg.figure_svg(fig, text.alt)
        finally:
            plt.close(fig)
        drawn = svg.inline(drawn, f"{name}-{variant[0]}")
        out.append(re.sub(r"<svg\b", f'<svg class="chart-{variant}"', drawn, count=1))
    return out[0], out[1]


def chart(draw: Draw, frame: pd.DataFrame, facts: Facts, *, name: str, template: str,
          context: Mapping[str, Any] | None = None, **options: Any) -> Chart | None:
    """Draw and show one chart: ``draw(frame, text, width_in, **options)`` returns a matplotlib
    figure; ``template`` holds its words (``trade/charts/lead.j2``); ``name`` is its stable id
    (``trade-lead``), which names its CSV file and prefixes its SVG ids. An empty frame draws
    nothing (the text around says why)."""
    if frame is None or frame.empty:
        return None
    text = chart_text(template, facts, frame, **dict(context or {}))
    wide, narrow = draw_svgs(draw, frame, text, name, **options)
    csv = csv_of(frame, facts)
    made = Chart(name, text, wide, narrow, frame, csv)
    _display({"image/svg+xml": wide, "text/plain": text.alt,
              CHART_MIME: {"name": name, "title": text.title, "alt": text.alt, "narrow": narrow,
                           "csv": base64.b64encode(csv.encode("utf-8")).decode("ascii"),
                           "cited": _frame_sources(frame)}})
    return made


def _frame_sources(frame: pd.DataFrame) -> list[str]:
    from ..data import source_ids

    ids: list[str] = []
    for column in ("source_id", "also_source_ids", "source_ids", "sources"):
        if column in frame.columns:
            ids.extend(source_ids.split_all(frame[column].dropna().astype(str)))
    return sorted(set(ids))


# --- tables -----------------------------------------------------------------------------------------

def table(frame: pd.DataFrame, caption: str, *, formats: Mapping[str, str] | None = None, decimals: int = 1,
          note: str = "", appendix: bool = False, printed: bool = True, name: str = "") -> str:
    """Show a table. ``appendix=True`` moves it to the section's appendix on the page (a line
    links to it where it stood); ``printed=False`` keeps it out of the PDF."""
    from .tables import table_html

    # the caption and the note sit outside the box that scrolls sideways, so on a phone they wrap to
    # the screen instead of running off it with the table's last columns
    markup = table_html(frame, "", formats=formats, decimals=decimals)
    label = html.escape(caption, quote=True)
    body = (f'<div class="table-scroll" tabindex="0" role="region" aria-label="{label}">{markup}</div>'
            + (f'<p class="table-note">{html.escape(note)}</p>' if note else ""))
    wrapped = f'<figure class="table"><figcaption>{html.escape(caption)}</figcaption>{body}</figure>'
    # "body" is the table without its caption: an appendix shows the caption as its summary
    _display({"text/html": wrapped, TABLE_MIME: {"caption": caption, "rows": len(frame), "appendix": appendix,
                                                 "printed": printed, "name": name, "body": body,
                                                 "cited": _frame_sources(frame)}})
    return wrapped


# --- facts ------------------------------------------------------------------------------------------

def publish(facts: Facts) -> None:
    """Hand the section's facts to the build (its manifest and "What changed"); in JupyterLab the
    cell shows how many."""
    _display({FACTS_MIME: facts.to_json(), "text/plain": f"{len(facts)} facts published for the report"})
