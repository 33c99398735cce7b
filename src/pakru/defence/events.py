"""The defence events (``defence_events``): which are weakly sourced, which are key, the selection a
reader's parameters make, the 2014 agreement and the Druzhba exercises. Pure functions over the
frames :func:`pakru.data.datasets.load` returns."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pandas as pd

from ..data import datasets, source_ids
from ..data.schema import DEFENCE_EVENTS
from ..present import timeline

CATEGORIES: tuple[str, ...] = DEFENCE_EVENTS.column("category").choices or ()
# the categories of the section's own recent events; the front page dates visits, statements and the rest
DEFENCE_CATEGORIES = ("exercise", "arms transfer", "agreement")
# The 20 November 2014 defence cooperation agreement, found by its title in the events data.
AGREEMENT_TITLE = re.compile(r"defence cooperation agreement", re.I)
# The reports of the Mi-35M's arrival before SIPRI's delivery year, found by their titles: a minister's
# expected year ("to arrive in 2017") and a report of receipt ("received four Mi-35M").
MI35_EXPECTED = re.compile(r"Mi-35M? to arrive in (\d{4})")
MI35_RECEIVED = re.compile(r"received [\w ]*Mi-35M?\b")

# The lanes of the exercises chart: the armies' Druzhba; the navies' bilateral drills (the Pakistan Navy's
# Arabian Monsoon with Russian ships, and a drill with no series name whose title names a fleet or navy);
# every other exercise (multinational ones) in one lane.
ARMIES, NAVIES, OTHER_EXERCISES = "Druzhba: the two armies", "the two navies", "multinational and other"
NAVAL_SERIES = "Arabian Monsoon"
NAVAL_TITLE = re.compile(r"\b(fleet|navy|naval|warships?|flotilla)\b", re.I)


def exercise_lane(series: object, title: object) -> str:
    if series == "Druzhba":
        return ARMIES
    if series == NAVAL_SERIES or (not isinstance(series, str) and NAVAL_TITLE.search(str(title))):
        return NAVIES
    return OTHER_EXERCISES


def exercises(events: pd.DataFrame) -> pd.DataFrame:
    """The joint exercises, oldest first, with their ``lane`` (:func:`exercise_lane`)."""
    sub = events[events["category"] == "exercise"].sort_values("date", kind="stable")
    series = [s if isinstance(s, str) and s else None for s in sub["exercise_series"]]
    return sub.assign(lane=[exercise_lane(s, t) for s, t in zip(series, sub["title"])])


def exercise_lanes(present: Iterable[str]) -> list[str]:
    """The lanes in drawing order, those with an exercise only."""
    have = set(present)
    return [lane for lane in (ARMIES, NAVIES, OTHER_EXERCISES) if lane in have]


def with_key_labels(events: pd.DataFrame) -> pd.DataFrame:
    """``events`` with its ``key_label`` column as text, '' for an event that is not key. Which
    events are key is an editorial choice kept with the data (data/defence/events.csv)."""
    labels = events["key_label"] if "key_label" in events else pd.Series("", index=events.index)
    return events.assign(key_label=labels.fillna("").astype(str))


def weak_flags(events: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    """True for each event whose sources (``source_id`` and ``also_source_ids``) are ALL rated
    ``weak`` in the sources registry; an unknown id counts as not weak."""
    quality = source_ids.quality_of(sources)
    flags = [source_ids.weak_only(ids, quality) for ids in source_ids.of_rows(events)]
    return pd.Series(flags, index=events.index, dtype=bool, name="weak")


def with_weak(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """``events`` with a bool ``weak`` column (see :func:`weak_flags`) and ``source_ids``
    (all of an event's sources, ``"a; b"``)."""
    out = events.copy()
    out["weak"] = weak_flags(events, sources)
    out["source_ids"] = [source_ids.join(ids) for ids in source_ids.of_rows(out)]
    return out


def lane_order(categories: Iterable[str] | None) -> list[str]:
    """The chosen categories in the declared lane order (None = all)."""
    chosen = set(CATEGORIES if categories is None else categories)
    return [c for c in CATEGORIES if c in chosen]


def select_events(events: pd.DataFrame, start_year: int, end_year: int,
                  categories: Iterable[str] | None = None, show_weak: bool = True) -> pd.DataFrame:
    """Events (with a ``weak`` column) overlapping ``start_year``..``end_year`` in the chosen
    categories, weak ones dropped unless ``show_weak``; sorted by date."""
    return timeline.select(events, start_year, end_year, lane_order(categories), show_weak)


def all_events() -> pd.DataFrame:
    """Every event with its ``weak`` flag, ``source_ids`` and ``key_label``."""
    sources = datasets.load("sources")
    return with_key_labels(with_weak(datasets.load("defence_events"), sources))


def selected(p: object) -> pd.DataFrame:
    """The events a section's parameters select (window, categories, weak ones or not)."""
    return select_events(all_events(), p.start_year, p.end_year, p.categories, p.show_weak)  # type: ignore[attr-defined]


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event for display: date (as precisely as known), category, title, place,
    sources, and 'weak sources only' where that applies."""
    return pd.DataFrame({
        "date": [timeline.date_label(d, p, e) for d, p, e in zip(events["date"], events["precision"],
                                                                  events["end_date"])],
        "category": list(events["category"]),
        "event": list(events["title"]),
        "place": ["" if pd.isna(x) else str(x) for x in events["location"]],
        "sources": list(events["source_ids"]) if "source_ids" in events else
        [source_ids.join(ids) for ids in source_ids.of_rows(events)],
        "weak": ["weak sources only" if w else "" for w in events["weak"]],
    })


def agreement_event(events: pd.DataFrame) -> pd.Series | None:
    """The defence cooperation agreement (category agreement, title naming it), or None."""
    hits = events[(events["category"] == "agreement") & events["title"].str.contains(AGREEMENT_TITLE)]
    return hits.sort_values("date").iloc[0] if not hits.empty else None


def agreement_date(events: pd.DataFrame) -> pd.Timestamp | None:
    """Date of the defence cooperation agreement: 2014-11-20 in the data held."""
    row = agreement_event(events)
    return None if row is None else pd.Timestamp(row["date"])


def counts_before_after(events: pd.DataFrame, split: pd.Timestamp,
                        categories: Sequence[str] | None = None) -> pd.DataFrame:
    """Number of events per category before ``split`` and on or after it.

    An event counts by its (first) date. Columns: category, before, after, total; a last row
    ``all categories`` sums them. Categories with no event still get a row of zeros."""
    cats = list(categories) if categories is not None else list(CATEGORIES)
    split = pd.Timestamp(split)
    rows = []
    for cat in cats:
        sub = events[events["category"] == cat]
        before = int((sub["date"] < split).sum())
        rows.append({"category": cat, "before": before, "after": int(len(sub) - before), "total": int(len(sub))})
    out = pd.DataFrame(rows, columns=["category", "before", "after", "total"])
    total = {"category": "all categories", "before": int(out["before"].sum()), "after": int(out["after"].sum()),
             "total": int(out["total"].sum())}
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True)


def mi35_reports(events: pd.DataFrame) -> tuple[pd.Series | None, int | None, pd.Series | None]:
    """The earliest statement of when the Mi-35M would arrive (the event and the year it gives) and the
    earliest report of their receipt, among the arms-transfer events; None where there is none."""
    arms = events[events["category"] == "arms transfer"].sort_values("date")
    said = arms[[bool(MI35_EXPECTED.search(t)) for t in arms["title"]]]
    got = arms[[bool(MI35_RECEIVED.search(t)) for t in arms["title"]]]
    first = said.iloc[0] if len(said) else None
    year = int(MI35_EXPECTED.search(first["title"]).group(1)) if first is not None else None  # type: ignore[union-attr]
    return first, year, (got.iloc[0] if len(got) else None)


def druzhba(events: pd.DataFrame) -> pd.DataFrame:
    """Every Druzhba edition (``exercise_series == "Druzhba"``), numbered in date order.

    Columns: edition (1, 2, ...), year, dates, place, troops, source_ids, date, end_date, precision."""
    sub = events[events["exercise_series"] == "Druzhba"].sort_values("date").reset_index(drop=True)
    return pd.DataFrame({
        "edition": pd.Series(range(1, len(sub) + 1), dtype="int64"),
        "year": pd.Series([int(d.year) for d in sub["date"]], dtype="int64"),
        "dates": [timeline.date_label(d, p, e) for d, p, e in zip(sub["date"], sub["precision"], sub["end_date"])],
        "place": ["" if pd.isna(x) else str(x) for x in sub["location"]],
        "troops": ["" if pd.isna(x) else str(x) for x in sub["participants"]],
        "source_ids": [source_ids.join(ids) for ids in source_ids.of_rows(sub)],
        "date": sub["date"],
        "end_date": sub["end_date"],
        "precision": sub["precision"],
    })
