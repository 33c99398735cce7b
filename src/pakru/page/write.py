"""Write ``report.html`` for a run: read the executed notebooks and their facts, work out what the
page says around them (:mod:`.context`), and render it (:mod:`.assemble`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import assemble, context
from .what_changed import ChangesShape, view
from ..present import show


def facts_of(notebook: dict[str, Any]) -> list[dict[str, Any]]:
    """The facts a notebook published (:func:`pakru.present.show.publish`), in order."""
    found: list[dict[str, Any]] = []
    for cell in notebook.get("cells", []):
        for out in cell.get("outputs", []) or []:
            data = out.get("data") or {}
            if show.FACTS_MIME in data:
                found.extend(data[show.FACTS_MIME])
    return found


def findings(executed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every figure the build compares between runs: the facts the sections published, by id."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for nb in executed:
        for f in facts_of(nb):
            if f["id"] in seen:
                continue
            seen.add(f["id"])
            period = (f.get("period") or {}).get("label", "")
            out.append({"key": f["id"], "value": f["value"], "unit": f["unit"], "period": period,
                        "text": "", "source_ids": ";".join(s["id"] for s in f.get("sources", [])), "headline": False})
    return out


def data_frames(root: Path, spec: Any) -> tuple[dict[str, Any], Any]:
    from ..data import datasets as data
    from ..data.schema import DATASETS

    names = list(dict.fromkeys(n for s in spec.sections for n in (s.reads or tuple(DATASETS))))
    frames = {n: data.load(n, root) for n in names if n != "sources"}
    return frames, data.load("sources", root)


def render_page(spec: Any, executed: list[dict[str, Any]], values: dict[str, Any], show_code: bool) -> str:
    sections = [assemble.SectionNotebook(s.id, s.title, nb) for s, nb in zip(spec.sections, executed)]
    return assemble.render(sections, values, show_code)


@dataclass(frozen=True)
class Page:
    """The written page, and how to render its print variant: every table open, the cited sources
    only, and (once a first print shows where each target landed) the contents' page numbers."""

    path: Path
    spec: Any
    executed: list[dict[str, Any]]
    values: dict[str, Any]
    show_code: bool

    def print_html(self, pages: dict[str, int], marks: bool) -> str:
        values = {**self.values, "print": True, "marks": marks, "pages": pages}
        return render_page(self.spec, self.executed, values, self.show_code)


def write(root: Path, spec: Any, runs: list[Any], run_dir: Path, manifest: dict[str, Any],
          changes: ChangesShape | None, show_code: bool, log: Any) -> Page:
    """Render ``run_dir/report.html`` from the executed notebooks. The build has put the figures
    (``findings``, :func:`findings`) and "About this run"'s lines (``changes``) in the manifest;
    ``changes`` is its "What changed" record (``pakru.build.changes.Changes``: news against the last
    edition built with the same settings, and this edition's own settings)."""
    import nbformat

    log("rendering report.html ...")
    executed = [nbformat.read(r.executed, as_version=4) for r in runs]
    if changes is not None and changes.baseline_started_utc:
        since = f"the edition of {context.long_date(changes.baseline_started_utc)}"
    else:
        since = "the last edition built with these settings"
    frames, sources = data_frames(root, spec)
    values = context.page_values(spec, manifest, frames, sources, view(changes, executed, since))
    page = render_page(spec, executed, values, show_code)
    out = run_dir / "report.html"
    tmp = out.with_suffix(".html.part")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    return Page(out, spec, executed, values, show_code)
