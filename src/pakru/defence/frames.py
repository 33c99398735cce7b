"""One tidy frame per chart and table of the defence section, for the parameters ``p``.

Every chart frame has ``period``, ``value``, ``unit``, ``series`` and ``source_id`` (what a reader
downloads as CSV), plus what its chart needs to draw; the x range and marks a chart needs beyond its
rows ride along in ``frame.attrs`` (``start``, ``end``, ``shade``, ``marks``, ``lanes``).

- ``lead``: the key events (date, precision, end_date, category, title, weak, key_label); ``value`` is
  the key label, ``series`` the category.
- ``exercises``: the joint exercises, ``category`` (and ``series``) their lane.
- ``recent``: the defence events since the exercises resumed (or of the last two years).
- ``deliveries``: SIPRI TIV by year and supplier; the years after the TIV table that the register
  lists deliveries in are rows of kind ``register only`` with no value (never a zero).
- ``supplier_shares``: shares of Pakistan's imports by period, computed for this report (``kind``
  computed), and SIPRI's published share in the latest window where it runs past the table (published).
- ``russia_share``: Russia's share since 1992 by period (computed) and as SIPRI's releases gave it,
  one per window (published).
- ``published``, ``register``, ``druzhba``, ``events``: the appendix tables.
"""

from __future__ import annotations

import pandas as pd

from ..data import datasets, source_ids
from ..data.periods import missing_years
from ..present import timeline
from . import events, published_shares, sipri

RUSSIA_SERIES = "Russia (Soviet Union to 1991)"


def _window(p: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    return (pd.Timestamp(year=p.start_year, month=1, day=1),  # type: ignore[attr-defined]
            pd.Timestamp(year=p.end_year + 1, month=1, day=1))  # type: ignore[attr-defined]


def event_frame(chosen: pd.DataFrame) -> pd.DataFrame:
    """The selected events as a chart frame."""
    out = chosen[["event_id", "date", "precision", "end_date", "category", "title", "weak", "key_label",
                  "exercise_series"]].copy()
    out["source_id"] = chosen["source_ids"]
    out["period"] = [timeline.date_label(d, p, e) for d, p, e in zip(out["date"], out["precision"], out["end_date"])]
    out["value"] = [k or t for k, t in zip(out["key_label"], out["title"])]
    out["unit"] = "event"
    out["series"] = out["category"]
    return out.reset_index(drop=True)


def exercise_gap(chosen: pd.DataFrame) -> tuple[int, int] | None:
    """The run of years between two Druzhba editions without one (2022–23 in the data held)."""
    gap = missing_years(events.druzhba(chosen)["year"])
    return (gap[0], gap[-1]) if gap and gap[-1] - gap[0] == len(gap) - 1 else None


def lead(chosen: pd.DataFrame, p: object) -> pd.DataFrame:
    """The key events (a ``key_label`` in the data), the ones the strip shows."""
    out = event_frame(chosen[chosen["key_label"] != ""])
    start, end = _window(p)
    gap = exercise_gap(chosen)
    out.attrs = {"start": start, "end": end,
                 "shade": [(pd.Timestamp(year=gap[0], month=1, day=1), pd.Timestamp(year=gap[1] + 1, month=1, day=1))]
                 if gap else []}
    return out


def exercises(chosen: pd.DataFrame, p: object) -> pd.DataFrame:
    """The joint exercises as a chart frame, ``category`` their lane (the two armies' Druzhba, the navies'
    Arabian Monsoon, the rest); the x axis runs from the first exercise's year to the window's end, with
    the defence cooperation agreement marked when it falls inside."""
    ex = events.exercises(chosen)
    out = event_frame(ex)
    out["category"] = list(ex["lane"])
    out["series"] = out["category"]
    _, end = _window(p)
    start = pd.Timestamp(year=int(ex["date"].dt.year.min()), month=1, day=1) if len(ex) else _window(p)[0]
    day = events.agreement_date(chosen)
    gap = missing_years(ex["date"].dt.year)
    shade = [(pd.Timestamp(year=gap[0], month=1, day=1), pd.Timestamp(year=gap[-1] + 1, month=1, day=1))] \
        if gap and gap[-1] - gap[0] == len(gap) - 1 else []
    out.attrs = {"start": start, "end": end, "lanes": events.exercise_lanes(out["category"]), "shade": shade,
                 "marks": [(day, f"{day:%b %Y} agreement")] if day is not None and start <= day < end else []}
    return out


def recent(chosen: pd.DataFrame) -> pd.DataFrame:
    """The defence events (exercises, arms transfers, defence agreements) since the exercises resumed
    after their gap (else those of the selection's last two years), oldest first. The front page dates
    the other recent events (visits, the commission, Russia's statements); every event stays in the
    appendix."""
    if chosen.empty:
        return event_frame(chosen)
    gap = exercise_gap(chosen)
    since = gap[1] + 1 if gap else int(chosen["date"].dt.year.max()) - 1
    late = chosen[(chosen["date"].dt.year >= since) & chosen["category"].isin(events.DEFENCE_CATEGORIES)]
    return event_frame(late)


def deliveries(tiv: pd.DataFrame, transfers: pd.DataFrame, p: object) -> pd.DataFrame:
    first, last = sipri.tiv_coverage(tiv)
    lo, hi = max(p.start_year, first), min(p.end_year, last)  # type: ignore[attr-defined]
    rows = sipri.russian_deliveries(tiv, lo, hi) if lo <= hi else sipri.russian_deliveries(tiv, 0, -1)
    out = pd.DataFrame({"period": rows["year"].astype(str), "value": rows["tiv"].astype(float), "unit": "TIV million",
                        "series": rows["supplier"], "source_id": rows["source_id"], "year": rows["year"],
                        "kind": "TIV table", "item": ""})
    after = sipri.deliveries_after_table(transfers, last, p.end_year)  # type: ignore[attr-defined]
    after = after[after["year"] >= p.start_year]  # type: ignore[attr-defined]
    if len(after):
        extra = pd.DataFrame({"period": after["year"].astype(str), "value": float("nan"), "unit": "no TIV figure",
                              "series": "Russia", "source_id": after["source_id"], "year": after["year"],
                              "kind": "register only", "item": after["designation"]})
        out = pd.concat([out, extra], ignore_index=True)
    out.attrs = {"start": lo if lo <= hi else p.start_year, "table_end": last}  # type: ignore[attr-defined]
    return out.reset_index(drop=True)


def _published_rows(rows: pd.DataFrame, series: list[str]) -> pd.DataFrame:
    """Published shares as chart rows (kind ``published``), each under the series it is drawn with."""
    return pd.DataFrame({
        "period": [f"{a}–{b % 100:02d}" for a, b in zip(rows["window_start"], rows["window_end"])],
        "value": rows["share_pct"].astype(float), "unit": "percent", "series": series,
        "source_id": rows["source_id"], "first_year": rows["window_start"], "last_year": rows["window_end"],
        "complete": True, "kind": "published",
        "release": [published_shares.release_month(r) for r in rows["release"]]})


def supplier_shares(tiv: pd.DataFrame, p: object, shares: pd.DataFrame | None = None) -> pd.DataFrame:
    """The shares computed from SIPRI's TIV table by period (kind ``computed``) and, for each supplier
    drawn, SIPRI's published share in its latest window when that window runs past the table (kind
    ``published``: China's 80% for 2021–25 in the data held)."""
    computed = sipri.supplier_shares(tiv, p.share_period_years, p.start_year, p.end_year)  # type: ignore[attr-defined]
    out = pd.DataFrame({"period": computed["years"], "value": computed["share_pct"], "unit": "percent",
                        "series": computed["supplier"], "source_id": computed["source_ids"], "tiv": computed["tiv"],
                        "total_tiv": computed["total_tiv"], "first_year": computed["first_year"],
                        "last_year": computed["last_year"], "complete": computed["complete"], "kind": "computed",
                        "release": ""})
    if shares is None or out.empty:
        return out
    _, table_end = sipri.tiv_coverage(tiv)
    view = published_shares.in_view(shares, p.start_year, p.end_year)  # type: ignore[attr-defined]
    extra = []
    for series, members in sipri.SHARE_GROUPS.items():
        rows = published_shares.one_per_window(view, "Pakistan", members)
        rows = rows[rows["window_end"] > table_end].tail(1)
        if len(rows):
            extra.append(_published_rows(rows, [series] * len(rows)))
    return pd.concat([out, *extra], ignore_index=True) if extra else out


def russia_share(tiv: pd.DataFrame, shares: pd.DataFrame, p: object) -> pd.DataFrame:
    """Russia's share since 1992 (the periods that reach it): computed from SIPRI's TIV table by period
    (kind ``computed``; a period cut short has ``complete`` False) and as SIPRI's releases gave it, once
    per window (kind ``published``)."""
    computed = supplier_shares(tiv, p)
    computed = computed[(computed["series"] == RUSSIA_SERIES) & (computed["last_year"] >= sipri.SINCE)]
    pub = published_shares.one_per_window(published_shares.in_view(shares, p.start_year, p.end_year),  # type: ignore[attr-defined]
                                          "Pakistan", ("Russia", "Soviet Union"))
    published = _published_rows(pub, ["SIPRI, " + published_shares.release_month(r) for r in pub["release"]])
    return pd.concat([computed.drop(columns=["tiv", "total_tiv"]), published], ignore_index=True)


def published(shares: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every share recorded per release, with the page it was read from and its quality."""
    quality = source_ids.quality_of(sources)
    out = shares.sort_values(["recipient", "window_end", "release", "share_pct"], ascending=[False, False, True, False])
    return pd.DataFrame({"recipient": out["recipient"],
                         "window": [f"{a}–{b % 100:02d}" for a, b in zip(out["window_start"], out["window_end"])],
                         "supplier": out["supplier"], "share %": out["share_pct"].astype(float),
                         "release": [published_shares.release_month(r) for r in out["release"]],
                         "sources": out["source_id"],
                         "quality": [quality.get(s, "") for s in out["source_id"]]}).reset_index(drop=True)


def frames(p: object | None = None) -> dict[str, pd.DataFrame]:
    """Every chart's and table's frame for the parameters ``p`` (default: the report's)."""
    if p is None:
        from . import parameters

        p = parameters()
    chosen = events.selected(p)
    tiv, transfers = datasets.load("arms_imports_tiv"), datasets.load("arms_transfers")
    shares, sources = datasets.load("supplier_shares"), datasets.load("sources")
    dz = events.druzhba(chosen)
    return {
        "lead": lead(chosen, p),
        "exercises": exercises(chosen, p),
        "recent": recent(chosen),
        "deliveries": deliveries(tiv, transfers, p),
        "supplier_shares": supplier_shares(tiv, p, shares),
        "russia_share": russia_share(tiv, shares, p),
        "published": published(shares, sources),
        "register": sipri.weapons_table(transfers, p.start_year, p.end_year),  # type: ignore[attr-defined]
        "druzhba": dz[["edition", "dates", "place", "troops", "source_ids"]],
        "events": events.events_table(chosen),
    }
