"""The published reports on Pakistan's Russian crude and its payment (``payment_claims``,
``data/payments/claims.csv``): the topics they answer and where they disagree. Rows sharing a topic
are competing reports of one fact; the claims check (:mod:`pakru.article`) weighs them."""

from __future__ import annotations

import pandas as pd

from ..data.schema import CURRENCIES

# Topics in claims.csv the checks read (rows sharing a topic are competing reports of one fact)
TOPIC_CURRENCY = "Currency of payment for the first Russian crude cargo (G2G order of April 2023)"
TOPIC_FIRST_TONNAGE = "Tonnage of the first cargo (Pure Point)"
TOPIC_FIRST_ARRIVAL = "Arrival date of the first cargo"
TOPIC_SECOND_TONNAGE = "Tonnage of the second cargo (Clyde Noble)"
TOPIC_ORDER = "Total quantity of the G2G test order"
# accounts of the currency Pakistan spent to obtain the currency it paid in
TOPIC_FUNDING = "How Pakistan obtained the yuan for the first Russian crude cargo"


def _norm(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip().lower()


def conflicting_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Topics on which the sources disagree, every account kept, grouped by topic.

    A topic is a conflict when its accounts give at least two different values (compared without
    case and spaces). Columns: topic_no (1, 2, … in the order topics first appear), topic,
    accounts (number of accounts on the topic), values (number of distinct values), claim, value,
    source_id, note."""
    cols = ["topic_no", "topic", "accounts", "values", "claim", "value", "source_id", "note"]
    out = []
    n = 0
    for topic in dict.fromkeys(claims["topic"]):
        g = claims[claims["topic"] == topic]
        distinct = {_norm(v) for v in g["value"]}
        if len(distinct) < 2:
            continue
        n += 1
        out.append(g.assign(topic_no=n, accounts=len(g), values=len(distinct)))
    if not out:
        return pd.DataFrame(columns=cols)
    return pd.concat(out, ignore_index=True)[cols]


def conflicts_table(conflicts: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`conflicting_claims` for display: the topic written once, on the first of
    its accounts. Columns: topic, report, value, source_id (the page shows it as the publisher and
    year, linked to the sources appendix), note ('' when none)."""
    topics = list(conflicts["topic"])
    return pd.DataFrame({
        "topic": [t if i == 0 or t != topics[i - 1] else "" for i, t in enumerate(topics)],
        "report": conflicts["claim"], "value": conflicts["value"].astype(str),
        "source_id": conflicts["source_id"], "note": conflicts["note"].fillna("").astype(str),
    })


def currencies_named(claims: pd.DataFrame, topic: str = TOPIC_CURRENCY) -> pd.DataFrame:
    """The reports on ``topic`` with the currency each names: columns source_id, claim, currency
    (an ISO 4217 code; '' for a report that names none, e.g. 'the currencies of friendly countries')."""
    g = claims[claims["topic"] == topic]
    codes = [str(v).strip().upper() if str(v).strip().upper() in CURRENCIES else "" for v in g["value"]]
    return pd.DataFrame({"source_id": list(g["source_id"]), "claim": list(g["claim"]), "currency": codes})


def reported_numbers(claims: pd.DataFrame, topic: str) -> pd.DataFrame:
    """The figures the reports on ``topic`` give, as numbers (``"45,142"`` -> 45142.0; a value that
    is not a number is left out): columns source_id, value."""
    g = claims[claims["topic"] == topic]
    values = pd.to_numeric(g["value"].astype(str).str.replace(",", "", regex=False), errors="coerce")
    return pd.DataFrame({"source_id": list(g["source_id"]), "value": list(values)}).dropna(subset=["value"])
