"""The one registry of publishers, read by ``pakru import`` (its kinds) and ``pakru update`` (its
sources): add a publisher's ``source.PUBLISHER`` here and both commands, their ``--help`` and
their errors know it."""

from __future__ import annotations

from ..errors import ParameterError
from .publisher import Kind, Publisher
from .publishers.comtrade.source import PUBLISHER as COMTRADE
from .publishers.imf.source import PUBLISHER as IMF
from .publishers.ots.source import PUBLISHER as OTS
from .publishers.sbp.source import PUBLISHER as SBP
from .publishers.sipri.source import PUBLISHER as SIPRI
from .publishers.swift.source import PUBLISHER as SWIFT

# in the order 'pakru update' runs them and 'pakru import --help' lists their kinds
PUBLISHERS: tuple[Publisher, ...] = (IMF, COMTRADE, SBP, SIPRI, SWIFT, OTS)

KINDS: dict[str, Kind] = {k.name: k for p in PUBLISHERS for k in p.kinds}
# what 'pakru update' knows: publishers with an API, then those that publish files only
UPDATE_SOURCES: dict[str, Publisher] = {p.name: p for p in PUBLISHERS if p.api} | {
    p.name: p for p in PUBLISHERS if not p.api and p.files_only}


def kind_named(name: str) -> Kind:
    if name not in KINDS:
        raise ParameterError(f"unknown kind {name!r}; known kinds: {', '.join(KINDS)}")
    return KINDS[name]
