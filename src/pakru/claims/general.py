"""The article's general claims (anniversary, visits, SCO, Soviet-era projects), checked against
the events data; its trade claim is the trade section's (:mod:`pakru.trade.claims`).

"75 years on, Pakistan-Russia relations are stronger than ever" (Arab News, 2023) makes twelve
checkable claims; the payment and defence ones are checked by their sections' packages.
"""

from __future__ import annotations

import re

import pandas as pd

from ..data import source_ids
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


def soviet_projects(events: pd.DataFrame, sources: pd.DataFrame, as_of_year: int) -> ClaimCheck:
    claim = "Pakistan Steel Mills and the Guddu power plant are Soviet-built and more than four decades old."
    steel = _find(events, r"steel mill").loc[lambda f: f["date"].dt.year < 1990]
    guddu = _find(events, r"Guddu")
    parts, verdict = [], Verdict.SUPPORTED
    if steel.empty:
        parts.append("The data hold no Soviet steel-mill events")
        verdict = Verdict.NOT_CHECKABLE
    else:
        first, inaugurated = steel.iloc[0], steel[steel["title"].str.contains("inaugurat", case=False)]
        age = as_of_year - first["date"].year
        text = f"Steel Mills: Soviet credit in {first['date'].year} ({age} years before {as_of_year})"
        if not inaugurated.empty:
            text += f", inaugurated in {inaugurated.iloc[0]['date'].year}"
        parts.append(text)
        if age < 40:
            verdict = Verdict.CONTRADICTED
    if guddu.empty:
        parts.append("the data hold nothing on Guddu")
        verdict = _weaker(verdict)
    else:
        decade = guddu.iloc[0]["date"].year
        text = f"Guddu: built with Soviet help in the {decade}s (decade only)"
        if source_ids.weak_only(source_ids.of_frame(guddu), source_ids.quality_of(sources)):
            text += ", resting only on a weakly rated source"
            verdict = _weaker(verdict)
        if as_of_year - (decade + 9) < 40:
            text += f"; if completed late in that decade it was under 40 years old in {as_of_year}"
            verdict = _weaker(verdict)
        parts.append(text)
    return ClaimCheck.of("general.soviet_projects", claim, "; ".join(parts) + ".", verdict,
                         source_ids.of_frame(steel) + source_ids.of_frame(guddu))
