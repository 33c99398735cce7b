"""The defence section: the events timeline and the Druzhba exercises (:mod:`.events`), SIPRI's
arms-transfer data (:mod:`.sipri`), their charts (:mod:`.charts`) and the article's defence
claims (:mod:`.claims`). Pure functions over the frames :func:`pakru.data.datasets.load` returns."""

from . import charts, claims, engines, events, published_shares, sipri

__all__ = ["charts", "claims", "engines", "events", "published_shares", "sipri"]
