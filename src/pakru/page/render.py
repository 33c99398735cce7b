"""Turn executed notebooks into ONE self-contained HTML page.

nbconvert renders each notebook's cells through ``templates/pakru`` (the lab cell markup, with no
page, no script and no CDN tag); this module writes the page around them: title block, table of
contents, the sections, and an inline stylesheet. Nothing on the page is fetched from a network.
"""

from __future__ import annotations

import copy
import html
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import nbformat
from nbconvert import HTMLExporter

from . import appendix
from ..present import key_figures, svg
from ..errors import RenderError
from .frame import head_html

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Section:
    id: str
    title: str
    notebook: dict[str, Any]


def _drop_report_noise(nb: dict[str, Any]) -> dict[str, Any]:
    """A copy without what belongs in the notebook but not on the page: key-figure records
    (they go to the findings block), stderr warnings, and empty code cells."""
    nb = copy.deepcopy(nb)
    # cells tagged remove-in-report serve a reader of the notebook alone (e.g. a per-section source
    # list, which the report's appendix already has)
    nb["cells"] = [c for c in nb.get("cells", [])
                   if "remove-in-report" not in (c.get("metadata", {}).get("tags") or [])]
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        cell["outputs"] = [
            o for o in cell.get("outputs", [])
            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            and key_figures.MIME not in (o.get("data") or {})
        ]
    return nb


def render_fragment(nb: dict[str, Any], show_code: bool) -> str:
    """The body HTML of one notebook."""
    exporter = HTMLExporter(extra_template_basedirs=[str(TEMPLATES)], template_name="pakru")
    exporter.exclude_input = not show_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    clean = _drop_report_noise(nb)
    charts = _set_aside_svgs(clean)
    node = nbformat.from_dict(clean)
    try:
        body, _ = exporter.from_notebook_node(node)
    except Exception as err:  # nbconvert raises many kinds; the build reports one line
        raise RenderError(f"rendering failed: {type(err).__name__}: {err}") from err
    return re.sub(r"<!--pakru-svg:(\d+)-->", lambda m: charts[int(m.group(1))], body)


def _set_aside_svgs(nb: dict[str, Any]) -> list[str]:
    """Replace each SVG output by a comment that marks its place, and return the SVGs.

    nbconvert re-parses its HTML with Python's html.parser, which lower-cases SVG's camel-case
    names (viewBox, clipPath); a comment passes through untouched, the chart goes back after."""
    charts: list[str] = []
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) or []:
            data = out.get("data") or {}
            if svg.MIME in data:
                text = data[svg.MIME]
                chart = "".join(text) if isinstance(text, list) else str(text)
                narrow = data.pop(svg.NARROW_MIME, None)
                if narrow:  # the phone's variant goes beside it; the stylesheet shows one of them
                    chart += "".join(narrow) if isinstance(narrow, list) else str(narrow)
                charts.append(chart)
                data[svg.MIME] = f"<!--pakru-svg:{len(charts) - 1}-->"
    return charts


_HEADING = re.compile(r'<h([1-3]) id="([^"]+)">(.*?)</h\1>', re.S)
_ID = re.compile(r'\bid="([^"]+)"')
_REFS = (re.compile(r'((?:xlink:)?href="#)([^"]+)'), re.compile(r"(url\(#)([^)]+)"))
_SVG = re.compile(r"(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE svg[^>]*>\s*)?<svg\b.*?</svg>", re.S)


def slug(text: str) -> str:
    """An id made of ASCII letters, digits, '-' and '_' (nbconvert's ids keep quotes, '%' and '=')."""
    return re.sub(r"[^A-Za-z0-9_]+", "-", unquote(text)).strip("-") or "x"


def _namespace_ids(fragment: str, prefix: str) -> str:
    """Make every id in a notebook's fragment unique on the page: nbconvert's cell ids
    (``cell-id=cell-00``) and heading ids repeat across notebooks, and matplotlib's SVG ids
    (``figure_1``, clip paths) repeat across charts. Links and SVG references follow their ids."""
    fragment = _SVG.sub(_numbered_svgs(), fragment)
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for old in _ID.findall(fragment):
        if old in mapping:
            continue
        new = base = f"{prefix}-{slug(old)}"
        n = 2
        while new in taken:
            new, n = f"{base}-{n}", n + 1
        mapping[old] = new
        taken.add(new)
    fragment = _ID.sub(lambda m: f'id="{mapping[m.group(1)]}"', fragment)

    def ref(m: re.Match[str]) -> str:
        target = m.group(2)
        new = mapping.get(target) or mapping.get(unquote(target)) or f"{prefix}-{slug(target)}"
        return m.group(1) + new

    for pattern in _REFS:
        fragment = pattern.sub(ref, fragment)
    return fragment


def _numbered_svgs() -> Any:
    count = itertools.count(1)
    return lambda m: svg.inline(m.group(0), f"fig{next(count)}")


def demote_headings(fragment: str) -> str:
    """One outline for the page: if a fragment has an h1 (a notebook's title), every heading in
    it moves one level down (h1 -> h2, h2 -> h3, ...); the page's only h1 is the report title."""
    if not re.search(r"<h1\b", fragment):
        return fragment
    return re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", fragment)


_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_MARKUP = re.compile(r"(<svg\b.*?</svg>|<style\b.*?</style>|<head\b.*?</head>|<[^>]+>)", re.S)


def cite_ids(markup: str, sources: Any, anchors: set[str] | None = None) -> str:
    """Every source id written in the visible text of ``markup`` (a sentence's "(trd-…)", a table's
    sources column) replaced by the publishers and years it stands for, each linked to its row in
    the sources appendix (when ``anchors``, the row ids on the page, has it). Ids inside charts
    (their tooltips) and in attributes are left alone."""
    from ..present import tables, wording

    reg = sources if sources.index.name == "source_id" else sources.set_index("source_id")
    known = sorted((str(s) for s in reg.index), key=len, reverse=True)
    if not known:
        return markup
    one = "(?:" + "|".join(re.escape(s) for s in known) + ")"
    group = re.compile(rf"(?<![A-Za-z0-9_-])(?:\[?ids?:\s*)?{one}(?:\s*[;,]\s*{one})*(?![A-Za-z0-9_-])\]?")
    single = re.compile(rf"(?<![A-Za-z0-9_-]){one}(?![A-Za-z0-9_-])")

    def linked(m: re.Match[str]) -> str:
        ids = single.findall(html.unescape(m.group(0)))
        parts = []
        for pub, years, pids in wording.citations(ids, reg):
            text = html.escape(f"{pub}, {years}" if years else pub)
            anchor = tables.source_anchor(pids[0])
            parts.append(f'<a class="cite" href="#{anchor}">{text}</a>'
                         if anchors is None or anchor in anchors else text)
        return "; ".join(parts)

    pieces = _MARKUP.split(markup)
    for i in range(0, len(pieces), 2):  # even pieces are text between tags
        if any(ch.isdigit() for ch in pieces[i]) or "-" in pieces[i]:
            pieces[i] = group.sub(linked, pieces[i])
    return "".join(pieces)


def scrollable_tables(markup: str) -> str:
    """Wrap each table in a box that scrolls sideways on a narrow screen; the box is focusable
    and named after the table's caption, so a keyboard reader can scroll it too."""
    def wrap(m: re.Match[str]) -> str:
        cap = re.search(r"<caption[^>]*>(.*?)</caption>", m.group(0), re.S)
        name = html.unescape(re.sub(r"<[^>]+>", "", cap.group(1))).strip() if cap else "Table"
        return (f'<div class="table-scroll" tabindex="0" role="region" aria-label="{html.escape(name)}">'
                f"{m.group(0)}</div>")

    return _TABLE.sub(wrap, markup)


def headings(fragment: str) -> list[tuple[int, str, str]]:
    """(level, id, text) of the h1-h3 headings in a fragment, anchor marks removed."""
    out = []
    for level, hid, inner in _HEADING.findall(fragment):
        text = re.sub(r"<[^>]+>", "", inner).replace("¶", "").strip()
        out.append((int(level), hid, html.unescape(text)))
    return out


STYLE = """
:root{--ink:#1b1b1b;--muted:#555;--rule:#d9d9d9;--accent:#0072B2;--bg:#fff;--soft:#f6f7f9}
*{box-sizing:border-box}
html{font-size:16px}
body{margin:0;background:var(--bg);color:var(--ink);font:1rem/1.55 "DejaVu Sans",Verdana,system-ui,sans-serif}
main{max-width:60rem;margin:0 auto;padding:1.5rem 1.25rem 4rem}
a{color:var(--accent)}
code,.changes li{overflow-wrap:anywhere}
header.title-block{border-bottom:3px solid var(--ink);padding-bottom:1rem;margin-bottom:1.5rem}
header.title-block h1{font-size:1.9rem;line-height:1.2;margin:.2rem 0 .4rem}
header.title-block .subtitle{font-size:1.1rem;color:var(--muted);margin:0 0 .8rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0;font-size:.9rem}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
nav.toc{background:var(--soft);border:1px solid var(--rule);padding:.8rem 1.2rem;margin:1.5rem 0}
nav.toc h2{font-size:1.05rem;margin:.2rem 0 .4rem}
nav.toc ol{margin:0;padding-left:1.3rem}nav.toc li{margin:.15rem 0}
nav.toc>ol{columns:2 18rem;column-gap:2rem}nav.toc>ol>li{break-inside:avoid}nav.toc ol ol{font-size:.9rem}
section.report-section{border-top:1px solid var(--rule);margin-top:2.5rem;padding-top:.5rem}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1.1rem}
.anchor-link{display:none}
.jp-Cell{margin:0 0 .6rem}
.jp-InputArea-editor,.highlight pre{background:var(--soft);border:1px solid var(--rule);padding:.5rem;
  overflow-x:auto;font-size:.8rem}
.jp-RenderedImage img{max-width:100%;height:auto;display:block;margin:.4rem 0}
.jp-RenderedSVG svg{width:100%;max-width:100%;height:auto;display:block;margin:.4rem 0}
.table-scroll{overflow-x:auto;max-width:100%}
.table-scroll:focus-visible{outline:2px solid var(--accent)}
.jp-OutputArea-output pre{white-space:pre-wrap;font-size:.85rem}
.jp-RenderedHTMLCommon{overflow-x:auto}
table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.85rem;font-variant-numeric:tabular-nums}
caption{caption-side:top;text-align:left;font-weight:bold;padding:.3rem 0;color:var(--ink)}
th,td{border-bottom:1px solid var(--rule);padding:.25rem .6rem;text-align:right;vertical-align:top}
th{background:var(--soft)}
td:first-child,th:first-child{text-align:left}
.text-cell td,.text-cell th{text-align:left}
table.text-cell{width:100%}
.box{border-left:4px solid var(--accent);background:var(--soft);padding:.6rem 1rem;margin:1rem 0}
.box h2{font-size:1.05rem;margin:.2rem 0 .4rem}
.key-findings{border:2px solid var(--ink);padding:.4rem 1.2rem .8rem;margin:1.2rem 0}
.key-findings h2{margin-top:.6rem}
.key-findings li{margin:.35rem 0}
table.sources,table.checksums{width:100%}
table.sources td,table.checksums td{font-size:.78rem;overflow-wrap:anywhere}
table.sources td:nth-child(4),table.sources td:nth-child(5){white-space:nowrap}
table.checksums code{font-size:.7rem}
.table-note{color:var(--muted)}
.pdf-mark,.print-only{display:none}
p.appendix-link{font-size:.9rem;color:var(--muted)}
details.appendix-table{border:1px solid var(--rule);margin:.5rem 0;padding:0 .6rem}
details.appendix-table>summary{cursor:pointer;padding:.45rem 0;font-weight:bold}
details.appendix-table[open]>summary{border-bottom:1px solid var(--rule)}
svg{max-width:100%;height:auto}
.jp-RenderedSVG svg.chart-narrow{display:none}
footer.colophon{margin-top:3rem;border-top:1px solid var(--rule);font-size:.85rem;color:var(--muted)}
.jp-OutputArea-output,.jp-RenderedHTMLCommon,section.report-section{max-width:100%;min-width:0}
@media (max-width:40rem){html{font-size:15px}main{padding:1rem .7rem}th,td{padding:.2rem .35rem}
  dl.meta{grid-template-columns:1fr}dl.meta dd{margin-bottom:.3rem}
  .jp-RenderedSVG svg.chart-wide{display:none}.jp-RenderedSVG svg.chart-narrow{display:block}
  .table-scroll td:first-child,.table-scroll th:first-child{position:sticky;left:0;z-index:1;
    background:var(--bg);box-shadow:1px 0 0 var(--rule)}
  .table-scroll th:first-child{background:var(--soft)}
  dl.meta dd,.refresh-notice{overflow-wrap:anywhere}
  td{overflow-wrap:normal}}
@media print{
  @page{size:A4;margin:16mm 14mm 18mm;
    @bottom-center{content:"Page " counter(page) " of " counter(pages);font-size:8pt;color:#555}}
  html{font-size:10pt}
  .key-findings,.box,table{break-inside:auto}tr,li,.box p{break-inside:avoid}
  .pdf-mark{display:inline;position:absolute;font-size:1px;line-height:1px;color:#fff}.print-only{display:block}
  nav.toc .pageno{float:right}
  section.appendix table{font-size:7.2pt}section.appendix th,section.appendix td{padding:.1rem .3rem;line-height:1.3}
  section.appendix details.appendix-table{margin:.2rem 0}
  table.sources td,table.sources th{font-size:6.6pt;padding:.03rem .2rem;line-height:1.2}
  table.sources td:nth-child(5),table.sources th:nth-child(5),table.sources td:nth-child(6),
  table.sources th:nth-child(6){display:none}
  #about-packages,#about-checksums{display:none}
  #about .print-only{display:block}
  details.appendix-table{border:0;padding:0}
  .print-omit{display:none!important}
  details.appendix-table>summary{list-style:none;break-after:avoid;page-break-after:avoid}
  details.appendix-table>summary::-webkit-details-marker{display:none}
  table.sources,table.checksums,table.pakru-table{break-inside:auto}
  main{max-width:none;padding:0}
  nav.toc{page-break-after:always}
  .table-scroll,.jp-RenderedHTMLCommon,.jp-OutputArea-output{overflow:visible!important}
  .jp-RenderedSVG svg.chart-narrow{display:none!important}.jp-RenderedSVG svg.chart-wide{display:block!important}
  .jp-RenderedImage,.jp-RenderedSVG,figure,tr,img,svg{break-inside:avoid;page-break-inside:avoid}
  h1,h2,h3{break-after:avoid;page-break-after:avoid}
  section.report-section:not(.appendix)+section.appendix{break-before:page}
  a{color:inherit;text-decoration:none}
}
"""




def page(title: str, subtitle: str, meta: list[tuple[str, str]], sections: list[Section], show_code: bool,
         before_sections: str = "", after_sections: str = "",
         appendix_toc: list[tuple[str, str]] | None = None,
         appendices: list[appendix.Appendix] | None = None, notice: str = "") -> str:
    """The whole report page. ``meta`` rows are shown in the title block (already plain text).

    Tables a notebook marks for the appendices leave the section bodies for lettered appendices
    after them (one per section that has any), followed by ``appendices`` (data and sources, the
    run); ``after_sections`` and ``appendix_toc`` are unlettered end matter, kept for callers that
    write their own."""
    parts: list[str] = []
    toc: list[str] = []
    lettered: list[appendix.Appendix] = []
    for sec in sections:
        fragment = demote_headings(_namespace_ids(render_fragment(sec.notebook, show_code), sec.id))
        if appendix.has_tables(fragment):
            fragment, tables = appendix.lift(fragment, sec.id, appendix.letter(len(lettered)))
            lettered.append(appendix.Appendix(f"appendix-{sec.id}", f"{sec.title} tables",
                                              appendix.tables_html(tables)))
        fragment = scrollable_tables(fragment)
        subs = [h for h in headings(fragment) if h[0] == 3]
        toc.append(f'<li><a href="#{sec.id}">{html.escape(sec.title)}</a>'
                   + ("<ol>" + "".join(f'<li><a href="#{hid}">{html.escape(text)}</a></li>' for _, hid, text in subs)
                      + "</ol>" if subs else "") + "</li>")
        parts.append(f'<section class="report-section" id="{sec.id}" aria-label="{html.escape(sec.title)}">\n'
                     f"{fragment}\n</section>")
    lettered.extend(appendices or [])
    end_matter = ""
    for i, app in enumerate(lettered):
        end_matter += scrollable_tables(appendix.section_html(app, appendix.letter(i)))
        toc.append(f'<li><a href="#{app.id}">Appendix {appendix.letter(i)}. {html.escape(app.title)}</a></li>')
    toc.extend(f'<li><a href="#{aid}">{html.escape(atitle)}</a></li>' for aid, atitle in appendix_toc or [])
    meta_html = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in meta)
    return head_html(title, STYLE) + f"""
<main>
<header class="title-block">
<h1>{html.escape(title)}</h1>
<p class="subtitle">{html.escape(subtitle)}</p>
<dl class="meta">{meta_html}</dl>
{notice}
</header>
{scrollable_tables(demote_headings(before_sections))}
<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>{''.join(toc)}</ol></nav>
{''.join(parts)}
{end_matter}
{scrollable_tables(demote_headings(after_sections))}
</main>
</body>
</html>
"""
