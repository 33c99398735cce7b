"""The article's defence claims, checked against the dated events and SIPRI's register of arms
transfers (the defence section's data, read with its domain functions)."""

from __future__ import annotations

import pandas as pd

from ...claims.model import ClaimCheck, Verdict
from ...data import source_ids
from ...data.periods import missing_years
from ...defence import events as defence_events
from ...defence.sipri import delivery_year_list
from ..inputs import Inputs
from .common import add_event, book, mentions, span_period

DRUZHBA_CLAIMED_START = 2017  # "since 2017"


def agreement_2014(d: Inputs) -> ClaimCheck:
    """The defence cooperation agreement: supported when it was signed in 2014."""
    cid, b = "defence.agreement_2014", book(d)
    row = defence_events.agreement_event(d.events)
    if row is None:
        return ClaimCheck.of(cid, Verdict.NOT_CHECKABLE)
    signed = add_event(b, f"claims.{cid}.signed", row)
    verdict = Verdict.SUPPORTED if pd.Timestamp(row["date"]).year == 2014 else Verdict.CONTRADICTED
    return ClaimCheck.of(cid, verdict, [signed])


def mi35(d: Inputs) -> ClaimCheck:
    """SIPRI's register: Mi-35 helicopters ordered and delivered (SIPRI's delivery year is kept over
    a press report of an earlier arrival: it records deliveries). Without a register row, reports of
    talks make the purchase only 'partly' shown."""
    cid, b = "defence.mi35", book(d)
    rows = d.transfers[d.transfers["designation"].str.startswith("Mi-35")]
    if rows.empty:
        talk = mentions(d.events, r"Mi-35")
        return ClaimCheck.of(cid, Verdict.PARTLY if len(talk) else Verdict.NOT_CHECKABLE, [],
                             source_ids.of_frame(talk))
    ids = source_ids.of_frame(rows)
    ordered_in = sorted({int(y) for y in rows["order_year"]})
    years = sorted({y for c in rows["delivery_years"] for y in delivery_year_list(c)})
    ordered = b.add(f"claims.{cid}.ordered", int(rows["number_ordered"].fillna(0).sum()), "count",
                    span_period(ordered_in[0], ordered_in[-1]), sources=ids)
    n = int(rows["number_delivered"].fillna(0).sum())
    delivered = b.add(f"claims.{cid}.delivered", n, "count", span_period(years[0], years[-1]), sources=ids) \
        if years else None
    return ClaimCheck.of(cid, Verdict.SUPPORTED if n > 0 else Verdict.PARTLY, [ordered, delivered])


def su35_interest(d: Inputs) -> ClaimCheck:
    """The article claims interest, not a purchase: reports of talks are the interest itself, so
    they support the claim; the missing order and Russia's denial of negotiations say only that
    nothing came of it (and the finding says so)."""
    cid, b = "defence.su35_interest", book(d)
    order = d.transfers[d.transfers["designation"].str.contains("Su-35", case=False)]
    said = mentions(d.events, r"Su-35")
    denial = said[said["title"].str.contains(r"\bden(?:y|ies|ied)\b", case=False)]
    talks = said.drop(denial.index)
    if order.empty and talks.empty:
        return ClaimCheck.of(cid, Verdict.NOT_CHECKABLE)
    facts = []
    if len(order):
        facts.append(b.add(f"claims.{cid}.ordered", int(order["number_ordered"].fillna(0).sum()), "count",
                           span_period(int(order["order_year"].min()), int(order["order_year"].max())),
                           sources=source_ids.of_frame(order)))
    if len(talks):
        years = talks["date"].dt.year
        facts.append(b.add(f"claims.{cid}.talks", len(talks), "count", span_period(int(years.min()), int(years.max())),
                           sources=source_ids.of_frame(talks), definition="reports of talks"))
    if len(denial):
        facts.append(add_event(b, f"claims.{cid}.denied", denial.iloc[0]))
    register = [d.transfers["source_id"].iloc[0]] if len(d.transfers) and order.empty else []
    return ClaimCheck.of(cid, Verdict.SUPPORTED, facts, register)


def druzhba_since_2017(d: Inputs) -> ClaimCheck:
    """The Druzhba exercises: supported if the series began in 2017; partly if earlier (the claim's
    substance, a running series, holds; its year does not); contradicted if later."""
    cid, b = "defence.druzhba_since_2017", book(d)
    dz = defence_events.druzhba(d.events)
    if dz.empty:
        return ClaimCheck.of(cid, Verdict.NOT_CHECKABLE)
    ids = source_ids.join(dz["source_ids"])
    first_year, last_year = int(dz["year"].min()), int(dz["year"].max())
    editions = b.add(f"claims.{cid}.editions", len(dz), "count", span_period(first_year, last_year), sources=ids)
    first = add_event(b, f"claims.{cid}.first", dz.iloc[0].rename({"source_ids": "source_id"}))
    gap = missing_years(dz["year"])
    none = b.add(f"claims.{cid}.gap", len(gap), "count", span_period(gap[0], gap[-1]), sources=ids,
                 definition="years without an edition") if gap and gap[-1] - gap[0] == len(gap) - 1 else None
    verdict = Verdict.SUPPORTED if first_year == DRUZHBA_CLAIMED_START else \
        Verdict.PARTLY if first_year < DRUZHBA_CLAIMED_START else Verdict.CONTRADICTED
    return ClaimCheck.of(cid, verdict, [editions, first, none])
