"""Pakistan's payment steps (``payment_events``) and officials' statements of Russia–China
settlement shares (``settlement_statements``), shaped for the timeline and the statements chart."""

from __future__ import annotations

import pandas as pd

from ..data import source_ids
from ..present.timeline import period_end

CATEGORIES = ("oil and LPG cargo", "payment policy", "barter", "swap line", "statement")
# the categories that are steps in how Pakistan pays (a statement about oil or settlements is not one)
STEPS = ("swap line", "payment policy", "barter", "oil and LPG cargo")


def key_flags(events: pd.DataFrame) -> pd.Series:
    """True for the key events: those with a ``key_label`` in events.csv (an editorial choice kept
    with the data). All False while the column is not there."""
    if "key_label" not in events:
        return pd.Series(False, index=events.index, dtype=bool)
    return events["key_label"].fillna("").astype(str).str.strip().ne("")


def timeline_events(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Events in the shape :func:`pakru.present.timeline.timeline_chart` draws.

    Columns: event_id, date, precision, end_date (always missing: every step here is a single
    date), category, title, weak (True when every source the event cites is rated 'weak' in the
    source registry), source_ids, key (True for a key event), key_label, key_reason. Sorted by
    date; an event known only to the month or year sorts at the end of its period, after the
    day-dated events inside it (a notification dated "October" does not jump ahead of an approval
    on 2 October)."""
    quality = source_ids.quality_of(sources)
    out = events.copy()
    ids = source_ids.of_rows(out)
    out["source_ids"] = [source_ids.join(i) for i in ids]
    out["weak"] = [source_ids.weak_only(i, quality) for i in ids]
    out["end_date"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    out["key"] = key_flags(out)
    for column in ("key_label", "key_reason"):
        out[column] = out[column].fillna("") if column in out else ""
    cols = ["event_id", "date", "precision", "end_date", "category", "title", "weak", "source_ids", "key",
            "key_label", "key_reason"]
    out["_order"] = [period_end(d, p) for d, p in zip(out["date"], out["precision"])]
    return out.sort_values(["_order", "date", "event_id"])[cols].reset_index(drop=True)


_QUALIFIER_SIGN = {"more_than": ">", "less_than": "<", "about": "≈"}


def statement_points(statements: pd.DataFrame) -> pd.DataFrame:
    """Officials' statements with a share, ready to plot as labelled points.

    Columns: statement_id, date, precision, x (the middle of the day or month the date is known to),
    share_pct, qualifier, label (e.g. "Putin >80%"), speaker, role, claim, source_ids."""
    sub = statements[statements["share_pct"].notna()].copy()
    sub["x"] = [pd.Timestamp(d) + (pd.Timedelta(days=14) if p == "month" else pd.Timedelta(0))
                for d, p in zip(sub["date"], sub["precision"])]
    sub["label"] = [f"{str(s).split()[-1]} {_QUALIFIER_SIGN.get(q, '') if isinstance(q, str) else ''}{v:g}%"
                    for s, q, v in zip(sub["speaker"], sub["qualifier"], sub["share_pct"])]
    sub["source_ids"] = [source_ids.join(i) for i in source_ids.of_rows(sub)]
    cols = ["statement_id", "date", "precision", "x", "share_pct", "qualifier", "label", "speaker", "role", "claim",
            "source_ids"]
    return sub.sort_values(["date", "statement_id"])[cols].reset_index(drop=True)
