"""``pakru update imf``: the IMTS and COFER queries of :mod:`.sdmx`, each answer one extract."""

from __future__ import annotations

from ...extract import NoData
from ...fetch import Fetcher
from ...publisher import Parsed, Snapshot
from . import sdmx


def fetch(fetcher: Fetcher) -> tuple[Snapshot, ...]:
    base = sdmx.base_url()
    return tuple(Snapshot(f"{q.name}.csv", fetcher.get(base + q.path, dict(q.params), {"Accept": sdmx.ACCEPT_CSV}))
                 for q in sdmx.queries())


def parse(snaps: tuple[Snapshot, ...]) -> tuple[Parsed, ...]:
    out = []
    for s in snaps:
        try:
            out.append(Parsed("imf-sdmx", sdmx.extract_from_csv(s.response.content), (s,)))
        except NoData as err:
            raise NoData(f"{s.name} ({s.response.url}): {err}") from None
    return tuple(out)
