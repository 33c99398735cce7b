"""The defence section: Pakistan's defence (and wider) relations with the Soviet Union and Russia,
from the dated events, the Druzhba exercises and SIPRI's arms-transfer data.

The public API: :func:`parameters` (the section's parameters, checked as ``report/report.yaml``
declares them), :func:`facts` (every figure the section states, :mod:`.facts`), :func:`frames` (one
tidy frame per chart and table, :mod:`.frames`) and :mod:`charts` (the draw functions). The words
are templates in ``text/``. Below them: :mod:`.events`, :mod:`.sipri` and :mod:`.published_shares`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import charts, events, published_shares, sipri
from .facts import facts
from .frames import frames


def parameters(namespace: Mapping[str, Any] | None = None) -> Any:
    """The section's parameters: from a notebook's namespace (``globals()``, checked; a misspelled
    ``-p`` name or a bad value is one line), or the report's defaults."""
    from ..spec import notebook

    if namespace is None:
        return notebook.defaults("defence")
    return notebook.section_params("defence", namespace)


__all__ = ["parameters", "facts", "frames", "charts", "events", "published_shares", "sipri"]
