"""Every figure the claims check states, computed once (:func:`facts`):

- ``claims.<claim_id>.<name>``: what each check's finding states (``claims.general.anniversary.years``);
- ``claims.<claim_id>.verdict`` (text) and the tally ``claims.count.total``, ``.supported``,
  ``.partly``, ``.contradicted``, ``.not_checkable`` (counts): what the front page reads;
- ``theses.evidence.<name>``: the dated events weighed for the theses (``data/article/evidence.csv``);
- ``theses.arms.china_share_2023`` (percent): China's share of Pakistan's arms imports in SIPRI's
  window of the article's year (2019–23), weighed for 2023;
- ``theses.<question>.verdict`` and ``.confidence`` (text), for ``stronger_than_ever_2023``,
  ``stronger_than_ever_since`` and ``de_dollarisation``.

The theses also weigh the sections' facts (:func:`evidence`); the notebook renders its templates
with both, and publishes only its own.
"""

from __future__ import annotations

from typing import Any

from ..claims.model import ClaimCheck, Verdict
from ..facts import Fact, FactBook, Facts
from . import claims, theses
from .inputs import Inputs, load


def evidence() -> Facts:
    """The sections' facts the theses weigh, at the sections' defaults (trade, payments, defence)."""
    from .. import dedollarisation, defence, trade

    return trade.facts() | dedollarisation.facts() | defence.facts()


def verdicts(checks: list[ClaimCheck], registry: Any = None) -> Facts:
    """Each claim's verdict (``claims.<claim_id>.verdict``, resting on the check's sources) and the
    tally of verdicts, each count naming the verdicts it counts."""
    b = FactBook(registry)
    for c in checks:
        b.add(f"{c.prefix}verdict", c.verdict.value, "text", None, sources=list(c.source_ids))
    # the tally names the verdicts it counts, not their sources: those are each claim's, in the table
    # and the appendix (a count resting on sixty publishers would say nothing in a tooltip)
    counts = [Fact("claims.count.total", len(checks), "count", derived_from=tuple(f"{c.prefix}verdict" for c in checks),
                   definition="claims checked")]
    for v in Verdict:
        counts.append(Fact(f"claims.count.{v.key}", sum(c.verdict is v for c in checks), "count",
                           derived_from=tuple(f"{c.prefix}verdict" for c in checks if c.verdict is v),
                           definition=f"claims {v.value}"))
    return b.facts() | Facts(counts)


def facts(p: Any = None, sections: Facts | None = None, inputs: Inputs | None = None) -> Facts:
    """The claims check's facts for the parameters ``p`` (``p.as_of_year``; default: the report's).
    ``sections`` are the sections' facts the theses weigh (default: :func:`evidence`); ``inputs``
    the data (tests pass altered frames)."""
    if p is None:
        from . import parameters

        p = parameters()
    d = inputs if inputs is not None else load(p.as_of_year)
    checks = claims.check_all(d)
    own = Facts([f for c in checks for f in c.facts.values()], d.sources) | verdicts(checks, d.sources)
    events = theses.evidence_facts(d) | theses.arms_facts(d)
    weighed = own | events | (sections if sections is not None else evidence())
    rows = {q: tuple(d.evidence.loc[d.evidence["question"] == q, "fact"]) for q in theses.ROWS}
    return own | events | theses.thesis_facts(weighed, d.sources, rows)
