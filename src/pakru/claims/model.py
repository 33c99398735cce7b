"""The verdict model of a checked claim: what the data say of it (:class:`Verdict`), the record a
check returns (:class:`ClaimCheck`: the verdict, the facts it rests on, the sources), and the rule
that two opposing claims cannot both stand (:func:`verdicts_clash`).

A check holds no sentence: its finding is written by a template from its facts, so the words can
change without touching the verdict, and the verdict can be tested without reading words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from ..data import source_ids
from ..facts import Fact, Facts


class Verdict(StrEnum):
    """What the data say about a claim. The value is the wording the report prints."""

    SUPPORTED = "supported"
    PARTLY = "partly supported"
    CONTRADICTED = "contradicted"
    NOT_CHECKABLE = "not checkable with the data held"

    def __str__(self) -> str:
        return self.value

    @property
    def key(self) -> str:
        """A short name for ids: ``supported``, ``partly``, ``contradicted``, ``not_checkable``."""
        return {"partly supported": "partly", "not checkable with the data held": "not_checkable"}.get(
            self.value, self.value)


@dataclass(frozen=True)
class ClaimCheck:
    """One claim checked against the data.

    ``claim_id`` is stable across runs and wordings (``"defence.druzhba_since_2017"``); ``verdict``
    is decided by the check's rule; ``facts`` are the figures and dates the finding states (ids
    ``claims.<claim_id>.<name>``), which its template writes; ``source_ids`` are the sources the
    verdict rests on, in first-cited order (the facts' sources and any the rule read besides)."""

    claim_id: str
    verdict: Verdict
    facts: Facts = field(default_factory=Facts)
    source_ids: tuple[str, ...] = ()

    @classmethod
    def of(cls, claim_id: str, verdict: Verdict, facts: Iterable[Fact | None] | Facts = (),
           ids: Iterable[object] = ()) -> ClaimCheck:
        """A check from its facts (gaps, ``None``, skipped) and any further source-id cells; the
        sources are the facts' and those ids, each once."""
        made = facts if isinstance(facts, Facts) else Facts([f for f in facts if f is not None])
        found = [s for f in made.values() for s in f.source_ids]
        return cls(claim_id, Verdict(verdict), made, tuple(source_ids.split(*found, *ids)))

    @property
    def section(self) -> str:
        """The report section the claim belongs to: the part of the id before the dot."""
        return self.claim_id.split(".")[0]

    @property
    def prefix(self) -> str:
        """The prefix of the check's fact ids: ``claims.general.anniversary.``."""
        return f"claims.{self.claim_id}."


def verdict_counts(checks: Iterable[ClaimCheck]) -> dict[Verdict, int]:
    """How many checks got each verdict, every verdict present (zero when none)."""
    checks = list(checks)
    return {v: sum(c.verdict is v for c in checks) for v in Verdict}


def verdicts_clash(claim: Verdict, counter: Verdict) -> bool:
    """True when the verdicts on a claim and on a claim that opposes it cannot both stand.

    Both supported: two opposing statements cannot both be wholly true. One contradicted and the
    other only partly supported: if the opposing statement is false it cannot be what keeps the
    other short of 'supported' (the review of December 2026 found the yuan claim 'partly' and the
    power minister's dollar claim 'contradicted' at once)."""
    pair = {claim, counter}
    return pair == {Verdict.SUPPORTED} or pair == {Verdict.PARTLY, Verdict.CONTRADICTED}


def clashes(checks: Iterable[ClaimCheck], opposing: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The ``opposing`` pairs of claim ids whose verdicts clash (:func:`verdicts_clash`); pairs
    with a claim not among ``checks`` are skipped."""
    by_id = {c.claim_id: c for c in checks}
    return [(a, b) for a, b in opposing
            if a in by_id and b in by_id and verdicts_clash(by_id[a].verdict, by_id[b].verdict)]
