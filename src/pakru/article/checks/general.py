"""The article's general claims (the anniversary, the visits, Russia's backing in the SCO, the
Soviet-built plants), checked against the dated events. Each check returns a record: its verdict,
the facts its finding states (``claims.general.<claim>.<name>``) and the sources."""

from __future__ import annotations

import pandas as pd

from ...claims.model import ClaimCheck, Verdict
from ..inputs import Inputs
from .common import add_event, book, mentions, weak_only, year_period

CLAIMED_YEARS = 75      # "75 years on"
CLAIMED_AGE = 40        # "more than four decades old"


def anniversary(d: Inputs) -> ClaimCheck:
    """"75 years on": the years from the start of diplomatic relations to the article's year."""
    cid, b = "general.anniversary", book(d)
    est = mentions(d.events, r"diplomatic relations established", "diplomacy")
    if est.empty:
        return ClaimCheck.of(cid, Verdict.NOT_CHECKABLE)
    start = add_event(b, f"claims.{cid}.established", est.iloc[0])
    years = d.as_of_year - pd.Timestamp(est.iloc[0]["date"]).year
    age = b.derive(f"claims.{cid}.years", years, "count", year_period(d.as_of_year), of=[start])
    return ClaimCheck.of(cid, Verdict.SUPPORTED if years == CLAIMED_YEARS else Verdict.CONTRADICTED, [start, age])


def _visit(d: Inputs, cid: str, who: str, year: int, month: int | None = None) -> ClaimCheck:
    """A visit to Russia by ``who`` (a pattern of the visit's title) in ``year`` (and ``month``):
    supported in that month; in the year but another month, partly; only in another year, contradicted."""
    b = book(d)
    visits = mentions(d.events, who, "visit")
    visits = visits[visits["title"].str.contains("Russia|Moscow", case=False)]
    if visits.empty:
        return ClaimCheck.of(cid, Verdict.NOT_CHECKABLE)
    when = visits["date"].dt
    exact = visits[(when.year == year) & ((when.month == month) if month else True)]
    that_year = visits[when.year == year]
    row = (exact if len(exact) else that_year if len(that_year) else visits).iloc[0]
    fact = add_event(b, f"claims.{cid}.visit", row)
    verdict = Verdict.SUPPORTED if len(exact) else Verdict.PARTLY if len(that_year) else Verdict.CONTRADICTED
    return ClaimCheck.of(cid, verdict, [fact])


def president_visit(d: Inputs) -> ClaimCheck:
    return _visit(d, "general.president_visit", r"President Zardari", 2011)


def bilawal_visit(d: Inputs) -> ClaimCheck:
    """"The visit of Foreign Minister Bilawal Bhutto Zardari to Russia in January this year" (2023)."""
    return _visit(d, "general.bilawal_visit", r"Bilawal", 2023, 1)


def sco(d: Inputs) -> ClaimCheck:
    """Russia's backing for Pakistan's SCO membership: the accession, and a source recording
    Russia's support for it (the event's detail says so). Without that record the accession alone
    cannot show who backed it."""
    cid, b = "general.sco", book(d)
    member = mentions(d.events, r"full SCO member")
    if member.empty:
        return ClaimCheck.of(cid, Verdict.NOT_CHECKABLE)
    row = member.iloc[-1]
    joined = add_event(b, f"claims.{cid}.joined", row)
    backed = bool(pd.Series([str(row["detail"])]).str.contains(r"Russia backed|support", case=False).iloc[0])
    return ClaimCheck.of(cid, Verdict.SUPPORTED if backed else Verdict.NOT_CHECKABLE, [joined])


def _older_than(age: int) -> Verdict:
    return Verdict.SUPPORTED if age > CLAIMED_AGE else Verdict.CONTRADICTED if age < CLAIMED_AGE else Verdict.PARTLY


def steel_mill(d: Inputs) -> ClaimCheck:
    """"Pakistan Steel Mills … Soviet-built … more than four decades old".

    The mill's age is counted from the commissioning of its first units (April 1981; the whole mill
    was inaugurated in 1985), the usual start of a plant's life. A commissioning date resting on a
    single weakly rated source cuts 'supported' to 'partly supported'; two weakly rated sources that
    agree independently keep it (the finding says how weak they are)."""
    cid, b = "general.steel_mill", book(d)
    steel = mentions(d.events, r"steel mill").loc[lambda f: f["date"].dt.year < 1990]
    soviet = steel[steel["title"].str.contains("Soviet", case=False)]
    commissioned = steel[steel["title"].str.contains("commissioned", case=False)]
    inaugurated = steel[steel["title"].str.contains("inaugurat", case=False)]
    start_rows = commissioned if len(commissioned) else inaugurated
    if start_rows.empty:
        return ClaimCheck.of(cid, Verdict.NOT_CHECKABLE)
    help_ = add_event(b, f"claims.{cid}.soviet_help", soviet.iloc[0]) if len(soviet) else None
    start = add_event(b, f"claims.{cid}.in_service", start_rows.iloc[0])
    opened = add_event(b, f"claims.{cid}.inaugurated", inaugurated.iloc[0]) if len(inaugurated) else None
    years = d.as_of_year - pd.Timestamp(start_rows.iloc[0]["date"]).year
    age = b.derive(f"claims.{cid}.age", years, "count", year_period(d.as_of_year), of=[start])
    verdict = _older_than(years)
    if weak_only(start) and len(start.sources) < 2 and verdict is Verdict.SUPPORTED:
        verdict = Verdict.PARTLY
    return ClaimCheck.of(cid, verdict, [help_, start, opened, age])


def guddu(d: Inputs) -> ClaimCheck:
    """"… the Guddu power plant … more than four decades old". A plant dated only to a decade is
    checkable only if the whole decade falls on one side of the 40-year line; a date resting only on
    weakly rated sources cannot support the claim."""
    cid, b = "general.guddu", book(d)
    g = mentions(d.events, r"Guddu")
    if g.empty:
        return ClaimCheck.of(cid, Verdict.NOT_CHECKABLE)
    row = g.iloc[0]
    built = add_event(b, f"claims.{cid}.built", row)
    line_year = d.as_of_year - CLAIMED_AGE
    line = b.derive(f"claims.{cid}.line", line_year, "year", year_period(d.as_of_year), of=[built])
    first = pd.Timestamp(row["date"]).year
    last = first + 9 if row["precision"] == "decade" else first
    verdict = Verdict.SUPPORTED if last < line_year else Verdict.CONTRADICTED if first >= line_year \
        else Verdict.NOT_CHECKABLE
    if weak_only(built) and verdict is Verdict.SUPPORTED:
        verdict = Verdict.NOT_CHECKABLE
    return ClaimCheck.of(cid, verdict, [built, line])
