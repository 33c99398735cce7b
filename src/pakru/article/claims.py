"""The article's claims, in its order (``data/article/claims.csv``), each checked by its check
(:mod:`.checks`); the tally of verdicts; and the rule that no claim and counter-claim clash."""

from __future__ import annotations

from ..claims.model import ClaimCheck, clashes
from ..errors import DataError
from .checks import CHECKS, COUNTER_CHECKS, OPPOSING
from .inputs import Inputs


def check_all(d: Inputs) -> list[ClaimCheck]:
    """Every claim of ``data/article/claims.csv``, checked, in the article's order."""
    unknown = [c for c in d.claims["claim_id"] if c not in CHECKS]
    if unknown:
        raise DataError("data/article/claims.csv", f"claim {unknown[0]} has no check in src/pakru/article/checks",
                        column="claim_id", hint=f"known claims: {', '.join(CHECKS)}")
    return [CHECKS[c](d) for c in d.claims.sort_values("order")["claim_id"]]


def counter_checks(d: Inputs) -> list[ClaimCheck]:
    """The counter-claims (not the article's) whose verdicts must agree with the article's."""
    return [check(d) for check in COUNTER_CHECKS.values()]


def clashing(checks: list[ClaimCheck], counters: list[ClaimCheck]) -> list[tuple[str, str]]:
    """Pairs of opposing claims whose verdicts cannot both stand; empty when they are consistent."""
    return clashes([*checks, *counters], OPPOSING)
