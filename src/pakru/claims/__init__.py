"""Checked claims: the verdict model (:mod:`.model`), the article's general claims
(:mod:`.general`) and the whole article in its order (:mod:`.article`)."""

from .model import ClaimCheck, Verdict, clashes, to_frame, verdict_counts, verdicts_clash

__all__ = ["ClaimCheck", "Verdict", "clashes", "to_frame", "verdict_counts", "verdicts_clash"]
