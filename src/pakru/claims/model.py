"""One model of a checked claim, shared by every section and by the claims-check notebook."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from ..data import source_ids


class Verdict(StrEnum):
    """What the data say about a claim. The value is the wording the report prints."""

    SUPPORTED = "supported"
    PARTLY = "partly supported"
    CONTRADICTED = "contradicted"
    NOT_CHECKABLE = "not checkable with the data held"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class ClaimCheck:
    """One claim checked against the data.

    ``claim_id`` is stable across runs and wordings (e.g. ``"defence.druzhba"``); ``claim`` is the
    claim in our words, ``finding`` what the data say with their numbers, ``source_ids`` the
    sources the finding rests on, in first-cited order."""

    claim_id: str
    claim: str
    finding: str
    verdict: Verdict
    source_ids: tuple[str, ...] = ()

    @classmethod
    def of(cls, claim_id: str, claim: str, finding: str, verdict: Verdict,
           ids: Iterable[object] = ()) -> ClaimCheck:
        """A check whose ids may be given as cells holding joined ids; repeats are dropped."""
        return cls(claim_id, claim, finding, Verdict(verdict), tuple(source_ids.split(*ids)))

    @property
    def section(self) -> str:
        """The report section the claim belongs to: the part of the id before the dot."""
        return self.claim_id.split(".")[0]

    @property
    def sources(self) -> str:
        """The source ids as the report prints them: ``"a; b"``."""
        return source_ids.join(self.source_ids)


COLUMNS = ["claim_id", "section", "claim", "finding", "verdict", "source_ids"]


def to_frame(checks: Iterable[ClaimCheck]) -> pd.DataFrame:
    """The checks as a table for display: one row per claim, the verdict as its wording and the
    source ids joined. Columns: claim_id, section, claim, finding, verdict, source_ids."""
    return pd.DataFrame([{"claim_id": c.claim_id, "section": c.section, "claim": c.claim, "finding": c.finding,
                          "verdict": c.verdict.value, "source_ids": c.sources} for c in checks], columns=COLUMNS)


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
