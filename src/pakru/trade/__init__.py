"""The trade section: how Pakistan–Russia goods trade has grown, where it stands, in which goods,
on calendar and Pakistan fiscal-year (July–June) bases, and how the two countries' records differ.

For an analyst::

    from pakru import trade
    p = trade.parameters()            # the report's defaults (or trade.parameters(globals()) in a notebook)
    f = trade.facts(p)                # every figure the section states, with period, qualifier, sources
    fr = trade.frames(p)              # one tidy frame per chart and table: fr["lead"], fr["sbp_months"], ...
    trade.charts.lead(fr["lead"], text, 7.2)   # each chart draws itself at a width

The words live in ``text/`` (Jinja2 templates). Modules, by what they know:

- :mod:`.bank_settled` the State Bank of Pakistan's record of goods settled through banks;
- :mod:`.series` the annual series, growth, the mirror comparison and shares;
- :mod:`.recent` figures published after the databases stop;
- :mod:`.drivers` the crude cargoes, wheat and events behind the FY2023-24 peak;
- :mod:`.composition` what is traded;
- :mod:`.conflicts` conflicting figures found and weighed (``data/trade/weighings.csv``);
- :mod:`.facts`, :mod:`.frames`, :mod:`.charts` what the notebook shows; :mod:`.inputs` what it reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..facts import Facts
from . import bank_settled, charts, composition, conflicts, drivers, recent, series, tables
from . import facts as _facts
from . import frames as _frames

SECTION = "trade"

__all__ = ["parameters", "facts", "frames", "context", "charts", "bank_settled", "composition", "conflicts",
           "drivers", "recent", "series", "tables"]


def parameters(namespace: Mapping[str, Any] | None = None) -> Any:
    """The section's parameters as a frozen record (``p.start_year``, ``p.basis``, …): from a
    notebook's namespace (``trade.parameters(globals())``, checked as ``pakru build`` checks them),
    or the report's defaults."""
    from ..spec.notebook import defaults, section_params

    return section_params(SECTION, namespace) if namespace is not None else defaults(SECTION)


def facts(p: Any = None) -> Facts:
    """Every figure the section states (:mod:`pakru.trade.facts`), for ``p`` (default: the report's)."""
    return _facts.facts(p if p is not None else parameters())


def frames(p: Any = None) -> dict[str, pd.DataFrame]:
    """One tidy frame per chart and table (:mod:`pakru.trade.frames`), for ``p``."""
    return _frames.frames(p if p is not None else parameters())


def context(frames: dict[str, pd.DataFrame], p: Any) -> dict[str, Any]:
    """What the templates read besides the facts: the parameters, and the rows of data whose words
    they print (the events and weighings chosen in ``data/trade/``)."""
    return {"p": p, "events": frames["events"].to_dict("records"), "weighings": frames["weighings"].to_dict("records")}
