"""The de-dollarisation section: how Pakistan paid for Russian crude, its barter order and yuan
swap line, and the currencies Russia, SWIFT and the world's reserves are settled in.

Public API, as in every section:

- :func:`parameters` — the section's parameters (``report/report.yaml``, block ``payments``);
- :func:`facts` — every figure the section states (:mod:`.facts`);
- :func:`frames` — one tidy frame per chart and table (:mod:`.frames`);
- :mod:`charts` — the draw functions, ``draw(frame, text, width_in) -> Figure``.

The words are templates in ``text/``; the domain modules (:mod:`.cargoes`, :mod:`.currency_shares`,
:mod:`.events`, :mod:`.claims`) are pure functions over the frames :func:`pakru.data.datasets.load`
returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import cargoes, charts, claims, currency_shares, events
from .facts import facts
from .frames import appendix, cargo_table, frames

SECTION = "payments"


def parameters(namespace: Mapping[str, Any] | None = None) -> Any:
    """The parameter record: from a notebook's namespace (checked as ``pakru build`` checks it), or
    the defaults of report/report.yaml."""
    from ..spec.notebook import defaults, section_params

    return defaults(SECTION) if namespace is None else section_params(SECTION, namespace)


__all__ = ["appendix", "cargo_table", "cargoes", "charts", "claims", "currency_shares", "events", "facts", "frames",
           "parameters"]
