"""The article's general claims (anniversary, visits, SCO, Soviet-era projects), checked against
the events data; its trade claim is the trade section's (:mod:`pakru.trade.claims`).

"75 years on, Pakistan-Russia relations are stronger than ever" (Arab News, 2023) makes twelve
checkable claims; the payment and defence ones are checked by their sections' packages.
"""

from __future__ import annotations

import re

import pandas as pd

from ..data import source_ids
from .cite import cited_all
from .model import ClaimCheck, Verdict


def _find(events: pd.DataFrame, pattern: str, category: str | None = None) -> pd.DataFrame:
    text = events["title"].fillna("") + " " + events["detail"].fillna("")
    hit = text.str.contains(pattern, flags=re.IGNORECASE, regex=True)
    if category:
        hit &= events["category"] == category
    return events[hit].sort_values("date")


def _weaker(verdict: Verdict) -> Verdict:
    """A supported verdict is cut to partly supported; a worse one stays."""
    return Verdict.PARTLY if verdict is Verdict.SUPPORTED else verdict


def anniversary(events: pd.DataFrame, as_of_year: int) -> ClaimCheck:
    claim = f"{as_of_year} marks 75 years of diplomatic relations."
    est = _find(events, r"diplomatic relations established", "diplomacy")
    if est.empty:
        return ClaimCheck.of("general.anniversary", claim, "The data hold no date for the start of diplomatic "
                             "relations.", Verdict.NOT_CHECKABLE)
    first = est.iloc[0]
    years = as_of_year - first["date"].year
    return ClaimCheck.of("general.anniversary", claim,
                         f"Diplomatic relations were established on {first['date']:%-d %B %Y}: "
                         f"{years} years before {as_of_year}.",
                         Verdict.SUPPORTED if years == 75 else Verdict.CONTRADICTED, source_ids.of_frame(est.head(1)))


def president_visit(events: pd.DataFrame, year: int = 2011) -> ClaimCheck:
    claim = f"Pakistan's president visited Russia in {year}."
    visits = _find(events, r"president", "visit")
    visits = visits[(visits["date"].dt.year == year) & visits["title"].str.contains("Russia|Moscow", case=False)]
    if visits.empty:
        return ClaimCheck.of("general.president_visit", claim, f"No presidential visit to Russia in {year} in the "
                             "data.", Verdict.NOT_CHECKABLE)
    v = visits.iloc[0]
    when = f"{v['date']:%-d %B %Y}"
    if pd.notna(v["end_date"]) and v["end_date"].month == v["date"].month:
        when = f"{v['date']:%-d}–{v['end_date']:%-d %B %Y}"
    return ClaimCheck.of("general.president_visit", claim, f"{v['title']}, {when}.", Verdict.SUPPORTED,
                         source_ids.of_frame(visits.head(1)))


def sco_backing(events: pd.DataFrame) -> ClaimCheck:
    claim = "Russia backed Pakistan's membership of the Shanghai Cooperation Organisation."
    member = _find(events, r"full SCO member|SCO member")
    backed = member[member["detail"].fillna("").str.contains(r"Russia backed|support", case=False)]
    if member.empty:
        return ClaimCheck.of("general.sco", claim, "No SCO membership event in the data.", Verdict.NOT_CHECKABLE)
    m = member.iloc[-1]
    if backed.empty:
        return ClaimCheck.of("general.sco", claim, f"Pakistan became a full SCO member on {m['date']:%-d %B %Y}; "
                             "the data hold no statement of Russia's support.", Verdict.NOT_CHECKABLE,
                             source_ids.of_frame(member))
    return ClaimCheck.of("general.sco", claim, f"Pakistan became a full SCO member on {m['date']:%-d %B %Y}; the "
                         "sources record Russia's support for the accession (Pakistan's thanks to Putin in 2015, "
                         "Lavrov in 2017).", Verdict.SUPPORTED, source_ids.of_frame(backed))


def bilawal_visit(events: pd.DataFrame, year: int = 2023, month: int = 1) -> ClaimCheck:
    """"The visit of Foreign Minister Bilawal Bhutto Zardari to Russia in January this year" (2023)."""
    claim = "Foreign Minister Bilawal Bhutto Zardari visited Russia in January 2023."
    visits = _find(events, r"Bilawal", "visit")
    if visits.empty:
        return ClaimCheck.of("general.bilawal_visit", claim, "The data hold no visit by Bilawal Bhutto Zardari to "
                             "Russia.", Verdict.NOT_CHECKABLE)
    in_month = visits[(visits["date"].dt.year == year) & (visits["date"].dt.month == month)]
    v = (in_month if len(in_month) else visits).iloc[0]
    when = f"{v['date']:%-d %B %Y}"
    if pd.notna(v["end_date"]) and v["end_date"].month == v["date"].month:
        when = f"{v['date']:%-d}–{v['end_date']:%-d %B %Y}"
    place = (f" in {v['location']}" if pd.notna(v["location"]) and str(v["location"]).strip()
             and str(v["location"]) not in str(v["title"]) else "")
    finding = f"{v['title']}{place}, {when}."
    if not in_month.empty:
        return ClaimCheck.of("general.bilawal_visit", claim, finding, Verdict.SUPPORTED,
                             source_ids.of_frame(in_month.head(1)))
    return ClaimCheck.of("general.bilawal_visit", claim, finding + " Not in the month the article gives.",
                         Verdict.PARTLY if v["date"].year == year else Verdict.CONTRADICTED,
                         source_ids.of_frame(visits.head(1)))


def _weak_text(ids: list[str], sources: pd.DataFrame) -> bool:
    return source_ids.weak_only(ids, source_ids.quality_of(sources))


def soviet_projects(events: pd.DataFrame, sources: pd.DataFrame, as_of_year: int) -> ClaimCheck:
    """"Pakistan Steel Mills … Soviet-built … more than four decades old", for the steel mill.

    The mill's age is counted from the commissioning of its first units (the first blast furnace
    went into service in 1981; the whole mill was inaugurated in 1985), the usual start of a plant's
    life. Soviet help is on record from the credit agreement of 1971. A commissioning date resting
    on a single weakly rated source cuts the verdict to 'partly supported'; two weakly rated sources
    that agree independently keep it, and the finding says how weak they are. Guddu is checked
    on its own (:func:`guddu`)."""
    claim = "Pakistan Steel Mills is Soviet-built and more than four decades old."
    cid = "general.soviet_projects"
    steel = _find(events, r"steel mill").loc[lambda f: f["date"].dt.year < 1990]
    soviet = steel[steel["title"].str.contains(r"Soviet", case=False)]
    commissioned = steel[steel["title"].str.contains(r"commissioned", case=False)]
    inaugurated = steel[steel["title"].str.contains(r"inaugurat", case=False)]
    if steel.empty or commissioned.empty and inaugurated.empty:
        return ClaimCheck.of(cid, claim, "The data hold no date at which the steel mill went into service.",
                             Verdict.NOT_CHECKABLE, source_ids.of_frame(steel))
    start = (commissioned if len(commissioned) else inaugurated).iloc[0]
    age = as_of_year - start["date"].year
    parts = []
    if len(soviet):
        s0 = soviet.iloc[0]
        parts.append(f"Soviet help is on record from {s0['date']:%B %Y} ({s0['title']})")
    parts.append(f"the first units went into service in {start['date']:%B %Y}, {age} years before {as_of_year}")
    if len(inaugurated):
        i0 = inaugurated.iloc[0]
        parts.append(f"the whole mill was inaugurated in {i0['date']:%B %Y} ({as_of_year - i0['date'].year} years "
                     f"before {as_of_year})")
    finding = "; ".join(parts) + "."
    finding = finding[:1].upper() + finding[1:]
    start_ids = source_ids.of_rows(commissioned.head(1) if len(commissioned) else inaugurated.head(1))[0]
    verdict = Verdict.SUPPORTED if age > 40 else Verdict.CONTRADICTED if age < 40 else Verdict.PARTLY
    if _weak_text(start_ids, sources):
        if len(start_ids) >= 2:
            finding += (f" The {start['date'].year} date rests on {len(start_ids)} weakly rated sources that agree "
                        f"({cited_all(start_ids, sources)}).")
        else:
            finding += f" The {start['date'].year} date rests on one weakly rated source."
            verdict = _weaker(verdict)
    ids = source_ids.of_frame(soviet.head(1)) + start_ids + source_ids.of_frame(inaugurated.head(1))
    return ClaimCheck.of(cid, claim, finding, verdict, ids)


def guddu(events: pd.DataFrame, sources: pd.DataFrame, as_of_year: int) -> ClaimCheck:
    """"… the Guddu power plant … Soviet-built … more than four decades old". With the plant dated
    to a decade only, the claim is checkable only if the whole decade falls on one side of the
    40-year line."""
    claim = "The Guddu power plant is Soviet-built and more than four decades old."
    cid = "general.guddu"
    g = _find(events, r"Guddu")
    if g.empty:
        return ClaimCheck.of(cid, claim, "The data hold nothing on the Guddu power plant.", Verdict.NOT_CHECKABLE)
    r = g.iloc[0]
    ids = source_ids.of_frame(g.head(1))
    line = as_of_year - 40
    if r["precision"] == "decade":
        first, last = r["date"].year, r["date"].year + 9
        when = f"the {first}s only"
    else:
        first = last = r["date"].year
        when = str(first)
    finding = f"{r['title']}: dated to {when} ({cited_all(ids, sources)})."
    if last < line:
        verdict = Verdict.SUPPORTED
    elif first >= line:
        verdict = Verdict.CONTRADICTED
        finding += f" That is under 40 years before {as_of_year}."
    else:
        verdict = Verdict.NOT_CHECKABLE
        finding += (f" Commissioned before {line} it would be more than four decades old in {as_of_year}, later "
                    "not; the data cannot tell which.")
    if _weak_text(ids, sources):
        finding += " The date rests only on weakly rated sources."
        verdict = Verdict.NOT_CHECKABLE if verdict is Verdict.SUPPORTED else verdict
    return ClaimCheck.of(cid, claim, finding, verdict, ids)
