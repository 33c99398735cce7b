"""The trade section: the annual series, growth, the mirror comparison, Russia's share, conflicts
and coverage (:mod:`.series`), the figures published since the databases stop (:mod:`.recent`),
what is traded (:mod:`.composition`, told by :mod:`.goods`), the section's sentences, tables and
key figures for the reader's window (:mod:`.headlines`) and its charts (:mod:`.charts`). Pure
functions over the frames :func:`pakru.data.datasets.load` returns; nothing here reads files."""

from . import charts, composition, goods, headlines, recent, series

__all__ = ["charts", "composition", "goods", "headlines", "recent", "series"]
