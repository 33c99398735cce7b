"""Pakistan's payment steps (``payment_events``) and officials' statements of Russia–China
settlement shares (``settlement_statements``), shaped for the timeline and the statements chart."""

from __future__ import annotations

import pandas as pd

from ..data import source_ids
from ..present.timeline import period_end

CATEGORIES = ("oil and LPG cargo", "payment policy", "barter", "swap line", "statement")

# The key dates of Pakistan's steps away from the dollar, drawn and labelled on the section's
# strip (every event stays in the appendix table). Each is a step that changed what Pakistan could
# pay with or how, or shows what came of it; a statement or a plan is not key. id: (label, why)
KEY_EVENTS: dict[str, tuple[str, str]] = {
    "pay-e003": ("yuan approved for trade with China", "the yuan becomes a currency Pakistan's banks may use"),
    "pay-e042": ("Russian banks cut from SWIFT", "why dollar payments to Russia got hard"),
    "pay-e007": ("banks refuse credit for Russian crude", "the obstacle the later steps work around"),
    "pay-e010": ("barter mechanism approved", "the first alternative to bank payment"),
    "pay-e014": ("Bank of China yuan credit for trial order",
                 "the only yuan payment channel for Russian crude the sources confirm"),
    "pay-e017": ("first Russian crude cargo reaches Karachi", "the trial order, paid in yuan, arrives"),
    "pay-e024": ("barter has little traction a month on", "what came of the barter order of June 2023"),
    "pay-e030": ("private refiner's cargo, yuan intended", "the second yuan payment: intended, not confirmed"),
    "pay-e033": ("government crude route abandoned", "the end of the yuan-paid trial route"),
    "pay-e035": ("first barter contracts signed", "barter's first recorded use, 16 months on"),
    "pay-e040": ("barter rules simplified", "the latest change to barter in the data"),
}


def key_flags(tl: pd.DataFrame) -> pd.Series:
    """True for the rows of :func:`timeline_events` that are :data:`KEY_EVENTS`."""
    return tl["event_id"].isin(list(KEY_EVENTS))


def with_key_labels(tl: pd.DataFrame) -> pd.DataFrame:
    """``tl`` with a ``label`` column: the key events' short labels ('' for the others)."""
    return tl.assign(label=[KEY_EVENTS.get(i, ("", ""))[0] for i in tl["event_id"]])


def timeline_events(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Events in the shape :func:`pakru.present.timeline.timeline_chart` draws.

    Columns: event_id, date, precision, end_date (always missing: every step here is a single
    date), category, title, weak (True when every source the event cites is rated 'weak' in the
    source registry), source_ids. Sorted by date; an event known only to the month or year sorts
    at the end of its period, after the day-dated events inside it (a notification dated "October"
    does not jump ahead of an approval on 2 October)."""
    quality = source_ids.quality_of(sources)
    out = events.copy()
    ids = source_ids.of_rows(out)
    out["source_ids"] = [source_ids.join(i) for i in ids]
    out["weak"] = [source_ids.weak_only(i, quality) for i in ids]
    out["end_date"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    cols = ["event_id", "date", "precision", "end_date", "category", "title", "weak", "source_ids"]
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
