"""The de-dollarisation section: Pakistan's steps away from the dollar in trade with Russia
(:mod:`.events`, :mod:`.cargoes`), the currency statistics that put them in context
(:mod:`.currency_shares`), the claims made about them (:mod:`.claims`) and their charts
(:mod:`.charts`). Pure functions over the frames :func:`pakru.data.datasets.load` returns; nothing here
reads files."""

from . import cargoes, charts, claims, currency_shares, events

__all__ = ["cargoes", "charts", "claims", "currency_shares", "events"]
