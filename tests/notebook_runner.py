"""Run a notebook with papermill and read what it showed: shared by the notebook tests."""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill



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
