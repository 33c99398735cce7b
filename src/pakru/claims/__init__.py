"""Checked claims: the verdict model every claim check shares (:mod:`.model`). The checks of the
article's claims, and the article itself, are in :mod:`pakru.article`."""

from .model import ClaimCheck, Verdict, clashes, verdict_counts, verdicts_clash

__all__ = ["ClaimCheck", "Verdict", "clashes", "verdict_counts", "verdicts_clash"]
