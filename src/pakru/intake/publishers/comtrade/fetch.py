"""``pakru update comtrade``: every query of :mod:`.api`, then every answer read as one extract."""

from __future__ import annotations

from ...fetch import Fetcher
from ...publisher import Parsed, Snapshot
from . import api


def fetch(fetcher: Fetcher) -> tuple[Snapshot, ...]:
    base = api.base_url()
    keyed = bool(api.api_key())
    return tuple(Snapshot(f"{q.name}.json", fetcher.get(base + q.path, dict(q.params)))
                 for q in api.queries(keyed=keyed))


def parse(snaps: tuple[Snapshot, ...]) -> tuple[Parsed, ...]:
    preview = not api.api_key()
    extract = api.extract_from_json([s.response.content for s in snaps], preview=preview)
    return (Parsed("comtrade-api", extract, snaps),)


def headers() -> dict[str, str]:
    """The key, sent only to the configured origin (see :class:`~pakru.intake.fetch.Fetcher`)."""
    key = api.api_key()
    return {"Ocp-Apim-Subscription-Key": key} if key else {}
