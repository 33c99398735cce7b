"""What the front page states: the sections' facts at their default parameters (a front page never
depends on a section's window), and the dated threads of ``data/overview/threads.csv``."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..data import datasets as data
from ..data import periods
from ..errors import DataError
from ..facts import Facts


def facts() -> Facts:
    """Every section's facts at the report's defaults, and the claims check's (the theses'
    verdicts), in one collection."""
    from .. import article, dedollarisation, defence, trade

    sections = trade.facts() | dedollarisation.facts() | defence.facts()
    return sections | article.facts(article.parameters(), sections=sections)


def threads() -> list[dict[str, Any]]:
    """The threads the front page follows, in order, each with its events (date label, what
    happened, source ids), from the two event datasets."""
    table = data.load("standing_threads").sort_values("order")
    events = pd.concat([data.load("payment_events"), data.load("defence_events")], ignore_index=True)
    by_id = events.set_index("event_id")
    out = []
    for _, t in table.iterrows():
        items = []
        for eid in [e.strip() for e in str(t["event_ids"]).split(";") if e.strip()]:
            if eid not in by_id.index:
                raise DataError("data/overview/threads.csv", f"names event {eid}, which neither "
                                "payments/events.csv nor defence/events.csv holds", column="event_ids",
                                hint="fix the id or add the event with its source")
            e = by_id.loc[eid]
            items.append({"id": eid, "when": periods.day_label(e["date"], str(e["precision"])),
                          "date": e["date"], "what": str(e["title"]),
                          "source_id": ";".join(x for x in (str(e["source_id"]), str(e.get("also_source_ids") or ""))
                                                if x and x != "nan")})
        items.sort(key=lambda i: i["date"])
        out.append({"thread": str(t["thread"]), "events": items})
    return out


def frames() -> dict[str, pd.DataFrame]:
    """The frame behind the front page's chart: the trade section's lead."""
    from .. import trade

    return {"lead": trade.frames()["lead"]}
