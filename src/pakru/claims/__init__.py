"""Checked claims: the verdict model (:mod:`.model`), the article's general claims
(:mod:`.general`) and the whole article in its order (:mod:`.article`)."""

from .model import ClaimCheck, Verdict, to_frame, verdict_counts

__all__ = ["ClaimCheck", "Verdict", "to_frame", "verdict_counts"]
