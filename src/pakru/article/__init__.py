"""The claims check: the opinion article the report answers ("75 years on, Pakistan-Russia
relations are stronger than ever", Arab News, 2023), checked claim by claim, and its two theses
weighed against the evidence to the latest data. It sits above the sections and reads their facts.

Public API, as in every section:

- :func:`parameters` — the section's parameters (``report/report.yaml``, block ``claims``);
- :func:`facts` — every figure it states (:mod:`.facts`); :func:`evidence` the sections' facts the
  theses weigh;
- :func:`frames` — its tables (:mod:`.frames`); :func:`context` what the templates read besides the facts.

The claims are data (``data/article/claims.csv``), each checked by a rule in :mod:`.checks`; the
theses' rules are :mod:`.theses`; every sentence is a template in ``text/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import checks, claims, inputs, theses
from .facts import evidence, facts
from .frames import frames

SECTION = "claims"


def parameters(namespace: Mapping[str, Any] | None = None) -> Any:
    """The parameter record (``p.as_of_year``): from a notebook's namespace (checked as ``pakru
    build`` checks it; a misspelled ``-p`` name is refused), or the defaults of report/report.yaml."""
    from ..spec.notebook import defaults, section_params

    return defaults(SECTION) if namespace is None else section_params(SECTION, namespace)


def context(frames: Mapping[str, Any]) -> dict[str, Any]:
    """What the templates read besides the facts: the claims in the article's order with their
    verdicts (``rows``) and the dated events weighed for the theses (``evidence``)."""
    return {"rows": frames["claims"].to_dict("records"), "evidence": frames["evidence"].to_dict("records")}


__all__ = ["parameters", "facts", "evidence", "frames", "context", "checks", "claims", "inputs", "theses"]
