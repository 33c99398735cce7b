"""One check per claim of the article, by claim id (``data/article/claims.csv`` lists the claims
in the article's order; each has a check here and a finding template in
``text/claims/<claim_id>.md.j2``). A check takes the :class:`~pakru.article.inputs.Inputs` and
returns a :class:`~pakru.claims.model.ClaimCheck`: its verdict, the facts its finding states, its
sources."""

from __future__ import annotations

from collections.abc import Callable

from ...claims.model import ClaimCheck
from ..inputs import Inputs
from . import defence, general, payments, trade

Check = Callable[[Inputs], ClaimCheck]

CHECKS: dict[str, Check] = {
    "general.anniversary": general.anniversary,
    "general.president_visit": general.president_visit,
    "general.bilawal_visit": general.bilawal_visit,
    "defence.agreement_2014": defence.agreement_2014,
    "defence.mi35": defence.mi35,
    "defence.su35_interest": defence.su35_interest,
    "defence.druzhba_since_2017": defence.druzhba_since_2017,
    "payments.first_cargo": payments.first_cargo_check,
    "payments.first_after_sanctions": payments.first_after_sanctions,
    "payments.paid_in_yuan": payments.paid_in_yuan,
    "trade.growth_34pct": trade.growth_34pct,
    "payments.barter": payments.barter,
    "general.sco": general.sco,
    "general.steel_mill": general.steel_mill,
    "general.guddu": general.guddu,
}
# claims the article does not make but that oppose one it makes (their verdicts must not clash)
COUNTER_CHECKS: dict[str, Check] = {"payments.paid_in_dollars": payments.paid_in_dollars}
OPPOSING = payments.OPPOSING

__all__ = ["CHECKS", "COUNTER_CHECKS", "OPPOSING", "Check", "defence", "general", "payments", "trade"]
