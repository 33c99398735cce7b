"""Run a notebook with papermill and read what it showed: shared by the notebook tests."""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill


def write_notebook(path: Path, *sources: str) -> None:
    """A python3 notebook at ``path``: a parameters cell (``x = 1``) and one code cell per source."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("x = 1")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, *(nbformat.v4.new_code_cell(s) for s in sources)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


def run_notebook(notebook: Path, out: Path, **parameters: object) -> nbformat.NotebookNode:
    """Execute ``notebook`` as plain papermill would (cwd = its folder) into ``out``."""
    papermill.execute_notebook(str(notebook), str(out), parameters=parameters, cwd=str(notebook.parent),
                               kernel_name="python3", progress_bar=False)
    return nbformat.read(out, as_version=4)


def text_of(nb: nbformat.NotebookNode) -> str:
    """Markdown, printed text, HTML/plain outputs and chart alt texts (not the PNG bytes)."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts.extend(str(v) for k, v in (out.get("data") or {}).items() if k != "image/png")
            alt = (out.get("metadata") or {}).get("image/png", {}).get("alt")
            if alt:
                parts.append(f"[chart: {alt}]")
    return "\n".join(parts)


def images(nb: nbformat.NotebookNode) -> list[dict]:
    """The charts: each PNG output with its metadata (alt text)."""
    return [out for cell in nb.cells for out in cell.get("outputs", []) if "image/png" in (out.get("data") or {})]
