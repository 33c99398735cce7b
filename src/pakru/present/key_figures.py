"""Key figures a notebook hands to the report.

A notebook calls :func:`record` for each number the report's key findings quote. The value
travels inside the executed notebook as a display output of its own MIME type, so the build
reads it from there (no side files, nothing typed into a template) and the renderer drops
the output from the page.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

MIME = "application/vnd.pakru.finding+json"


def record(key: str, value: Any, text: str, unit: str = "", source_ids: str = "",
           headline: bool = True) -> None:
    """Publish one key figure: ``key`` is stable (e.g. ``trade.latest_total``), ``text`` is the
    finding's sentence with the number already in it. ``headline=False`` keeps it out of the
    report's key findings (it is still compared between runs).

    Returns nothing on purpose: a value returned as a notebook cell's last expression would be
    printed into the report."""
    if isinstance(value, float) and math.isnan(value):
        value = None
    item = {"key": key, "value": value, "text": text, "unit": unit, "source_ids": source_ids,
            "headline": headline}
    try:
        from IPython.display import display

        display({MIME: item, "text/plain": f"Key figure {key}: {text}"}, raw=True)
    except ImportError:  # outside IPython there is no notebook to carry the record
        pass


@dataclass(frozen=True)
class KeyFigure:
    """One key figure as an analysis hands it to a notebook: see :func:`record` for the fields."""

    key: str
    value: Any
    text: str
    unit: str = ""
    source_ids: str = ""
    headline: bool = True


def publish(*figures: KeyFigure | None) -> None:
    """:func:`record` each figure given; a None (a figure the data could not give) is skipped."""
    for f in figures:
        if f is not None:
            record(f.key, f.value, f.text, f.unit, f.source_ids, f.headline)


def read(notebook: dict[str, Any]) -> list[dict[str, Any]]:
    """The key figures recorded in an executed notebook (as parsed JSON), in order."""
    found = []
    for cell in notebook.get("cells", []):
        for out in cell.get("outputs", []) or []:
            data = out.get("data") or {}
            if MIME in data:
                item = data[MIME]
                found.append(json.loads(item) if isinstance(item, str) else item)
    return found
