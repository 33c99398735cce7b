"""The executed notebooks made into ONE self-contained HTML page, by nbconvert and templates.

The notebooks are joined into one notebook (each cell knowing its section), and nbconvert exports
it with the ``pakru`` template (``templates/pakru/index.html.j2``, Jinja2 inheritance from
nbconvert's ``base/display_priority.j2``). Two preprocessors prepare the cells: nbconvert's
``TagRemovePreprocessor`` drops what belongs to the notebook alone (``remove-in-report``, the
parameter cells), and :class:`ReportCells` drops outputs that are for the build (facts, stderr),
lifts appendix tables out of the body, gives every heading a page-wide id, and marks where each
section opens and closes. Everything the page says around the notebooks (title block, what changed,
contents, appendices) is data in ``resources["pakru"]``; the template writes it. Nothing here
rewrites finished HTML.
"""

from __future__ import annotations

import copy
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mistune
import nbformat
from nbconvert.exporters import TemplateExporter
from nbconvert.preprocessors import Preprocessor, TagRemovePreprocessor
from traitlets.config import Config

from ..errors import PakruError, RenderError
from ..present import show

TEMPLATES = Path(__file__).parent / "templates"
APPENDIX_LINK_MIME = "application/vnd.pakru.appendix-link+json"
CHART_REF_MIME = "application/vnd.pakru.chart-ref+json"
REMOVED_TAGS = {"remove-in-report", "parameters", "injected-parameters"}
# what the page shows of an output, first found wins (our own types before the standard ones)
PRIORITY = [APPENDIX_LINK_MIME, CHART_REF_MIME, "image/svg+xml", "text/html", "text/markdown", "image/png",
            "text/plain"]


@dataclass(frozen=True)
class SectionNotebook:
    id: str
    title: str
    notebook: dict[str, Any]


def letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA": appendices never run out of letters."""
    letters = string.ascii_uppercase
    return letters[index] if index < 26 else letter(index // 26 - 1) + letters[index % 26]


def slug(text: str) -> str:
    """An id of ASCII letters, digits, '-' and '_'."""
    return re.sub(r"[^A-Za-z0-9_]+", "-", text).strip("-").lower() or "x"


_HEADING = re.compile(r"^(#{1,5})\s+(.+?)\s*#*\s*$")


def markdown_headings(source: str) -> list[tuple[int, str]]:
    """(level, text) of the ATX headings in a Markdown cell's source (fenced code skipped)."""
    out, fenced = [], False
    for line in source.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        m = None if fenced else _HEADING.match(line)
        if m:
            out.append((len(m.group(1)), m.group(2).strip()))
    return out


def pdfmark(target: str) -> str:
    """The invisible token the PDF's first print carries at a link target, so that the printed
    text shows which page each target landed on (:mod:`pakru.page.pdf`)."""
    return "QZ" + re.sub(r"[^A-Za-z0-9]", "X", target) + "ZQ"


class _Renderer(mistune.HTMLRenderer):
    """Markdown cells on the page: each heading one level down (the page's only h1 is the title)
    with the id the contents list links to (and, for the PDF's first print, its page marker)."""

    def __init__(self, heads: Sequence[dict[str, Any]], marks: bool) -> None:
        super().__init__(escape=False)
        self._heads = list(heads)
        self._marks = marks

    def heading(self, text: str, level: int, **attrs: Any) -> str:
        head = self._heads.pop(0) if self._heads else {"id": slug(re.sub(r"<[^>]+>", "", text))}
        mark = (f'<span class="pdf-mark" aria-hidden="true">{pdfmark(head.get("mark", head["id"]))}</span>'
                if self._marks else "")
        level = min(level + 1, 6)
        return f'<h{level} id="{head["id"]}">{text}{mark}</h{level}>\n'


def cell_markdown(source: str, cell: Any) -> str:
    """The filter the template calls for a Markdown cell."""
    meta = cell.get("metadata", {}).get("pakru", {})
    md = mistune.create_markdown(renderer=_Renderer(meta.get("headings") or [], bool(meta.get("marks"))),
                                 plugins=["table", "strikethrough"])
    return str(md(source))


class ReportCells(Preprocessor):  # type: ignore[misc]
    """Prepare the joined notebook for the page (see the module's docstring)."""

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        page = resources.setdefault("pakru", {})
        titles = dict(page.get("section_titles") or {})
        appendices: dict[str, dict[str, Any]] = {}
        contents: list[dict[str, Any]] = []
        cited: set[str] = set()
        taken: set[str] = set()
        self._charts: set[str] = set()
        kept = []
        for cell in nb.cells:
            meta = cell.metadata.setdefault("pakru", {})
            section = meta.get("section", "")
            if cell.cell_type == "code":
                cell.outputs = [o for o in (self._output(o, section, appendices, cited) for o in cell.outputs) if o]
                if not cell.outputs and not page.get("show_code"):
                    continue
            if cell.cell_type == "markdown":
                heads = []
                for level, text in markdown_headings(cell.source):
                    plain = re.sub(r"[*_`]", "", text)
                    hid = base = f"{section}-{slug(plain)}"
                    n = 2
                    while hid in taken:
                        hid, n = f"{base}-{n}", n + 1
                    taken.add(hid)
                    heads.append({"level": level, "text": plain, "id": hid,
                                  "mark": section if level == 1 and section != "overview" else hid})
                    if section != "overview" and level in (1, 2):
                        entry = {"id": section if level == 1 else hid, "title": plain, "level": level, "subs": []}
                        if level == 1 or not contents or contents[-1]["section"] != section:
                            contents.append({**entry, "section": section,
                                             "title": titles.get(section, plain) if level == 1 else plain})
                        else:
                            contents[-1]["subs"].append(entry)
                meta["headings"] = heads
                meta["marks"] = bool(page.get("marks"))
            kept.append(cell)
        # where each section opens and closes on the page
        for i, cell in enumerate(kept):
            sec = cell.metadata["pakru"].get("section", "")
            before = kept[i - 1].metadata["pakru"].get("section") if i else None
            after = kept[i + 1].metadata["pakru"].get("section") if i + 1 < len(kept) else None
            cell.metadata["pakru"]["opens"] = sec != before
            cell.metadata["pakru"]["closes"] = sec != after
        nb.cells = kept
        # what the page writes after the first section (what changed, the contents): after the front
        # page in the report, after whatever section comes first in a report without one
        page["first_section"] = kept[0].metadata["pakru"].get("section", "") if kept else ""
        page["section_appendices"] = list(appendices.values())
        page["contents"] = contents
        page["cited"] = sorted(cited | set(page.get("cited") or ()))
        return nb, resources

    def _output(self, out: Any, section: str, appendices: dict[str, dict[str, Any]], cited: set[str]) -> Any:
        data = out.get("data") or {}
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            return None
        if show.FACTS_MIME in data:
            return None
        for mime in (show.TEXT_MIME, show.CHART_MIME, show.TABLE_MIME):
            if mime in data:
                cited.update(data[mime].get("cited") or [])
        chart = data.get(show.CHART_MIME)
        if chart:
            # a chart the page already showed (the front page's lead chart, drawn again by its
            # section's notebook so that the notebook stands alone) is a link the second time
            if chart["name"] in self._charts:
                out = copy.deepcopy(out)
                out["data"] = {CHART_REF_MIME: {"name": chart["name"], "title": chart.get("title", "")}}
                return out
            self._charts.add(chart["name"])
        table = data.get(show.TABLE_MIME)
        if table and table.get("appendix"):
            if section not in appendices:  # lettered in the order the sections first lift a table
                appendices[section] = {"section": section, "tables": [], "letter": letter(len(appendices))}
            app = appendices[section]
            tid = f"table-{section}-{len(app['tables']) + 1}"
            entry = {"id": tid, "caption": table["caption"], "rows": table["rows"], "letter": app["letter"],
                     "printed": table.get("printed", True),
                     "html": table.get("body") or data.get("text/html", "")}
            app["tables"].append(entry)
            out = copy.deepcopy(out)
            out["data"] = {APPENDIX_LINK_MIME: entry}
        return out


def combine(sections: Sequence[SectionNotebook]) -> Any:
    """One notebook of every section's cells, each cell knowing its section."""
    cells = []
    for sec in sections:
        for i, cell in enumerate(sec.notebook.get("cells", [])):
            c = copy.deepcopy(cell)
            c["id"] = f"{sec.id}-{i}"  # cell ids repeat across notebooks; one page needs them unique
            c.setdefault("metadata", {})["pakru"] = {"section": sec.id}
            cells.append(c)
    nb = nbformat.v4.new_notebook(cells=[nbformat.from_dict(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


class PageExporter(TemplateExporter):  # type: ignore[misc]
    """nbconvert's template exporter writing HTML. Not ``HTMLExporter``: that one re-parses its
    output with BeautifulSoup's html.parser (to add alt texts to images), which lower-cases SVG's
    camel-case names (``viewBox``) and breaks every chart."""

    output_mimetype = "text/html"
    export_from_notebook = None

    def _file_extension_default(self) -> str:
        return ".html"


def exporter(show_code: bool) -> PageExporter:
    config = Config()
    config.NbConvertBase.display_data_priority = PRIORITY
    config.TagRemovePreprocessor.remove_cell_tags = REMOVED_TAGS
    config.TagRemovePreprocessor.enabled = True
    ex = PageExporter(config=config, extra_template_basedirs=[str(TEMPLATES)], template_name="pakru")
    ex.exclude_input = not show_code
    ex.exclude_input_prompt = True
    ex.exclude_output_prompt = True
    ex.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    ex.register_preprocessor(ReportCells(config=config), enabled=True)
    ex.register_filter("cell_markdown", cell_markdown)
    ex.register_filter("pdfmark", pdfmark)
    ex.register_filter("markdown_html", lambda text: str(mistune.html(text)))
    return ex


def render(sections: Sequence[SectionNotebook], page: dict[str, Any], show_code: bool = False) -> str:
    """The whole page. ``page`` is what the template writes around the notebooks (see
    :mod:`pakru.page.context`)."""
    nb = combine(sections)
    resources = {"pakru": {**page, "show_code": show_code,
                           "section_titles": {s.id: s.title for s in sections}}}
    try:
        body, _ = exporter(show_code).from_notebook_node(nb, resources=resources)
    except PakruError:  # a Ctrl-C while rendering (Interrupted), a template's own one-line error
        raise
    except Exception as err:  # nbconvert and Jinja raise many kinds; the build reports one line
        raise RenderError(f"rendering failed: {type(err).__name__}: {err}") from err
    return body
