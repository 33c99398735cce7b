"""The claims of the article this report answers, checked against the data.

"75 years on, Pakistan-Russia relations are stronger than ever" (Arab News, 2023) makes twelve
checkable claims. Each row here gives the claim in our words, what the data says (with its
numbers), a verdict decided from the data, and the sources. Trade, payment and defence claims are
decided by their own modules; the few general ones (anniversary, visits, SCO, Soviet-era projects)
are decided here from the events data.
"""

from __future__ import annotations

import re

import pandas as pd

from . import data, defence, payments, trade

VERDICTS = ("supported", "partly supported", "contradicted", "not checkable with the data held")
COLUMNS = ["topic", "claim", "finding", "verdict", "source_ids"]


def _ids(frame: pd.DataFrame) -> str:
    return "; ".join(data.source_ids_of(frame))


def _row(topic: str, claim: str, finding: str, verdict: str, source_ids: str) -> dict[str, str]:
    if verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}")
    return {"topic": topic, "claim": claim, "finding": finding, "verdict": verdict, "source_ids": source_ids}


def _find(events: pd.DataFrame, pattern: str, category: str | None = None) -> pd.DataFrame:
    text = events["title"].fillna("") + " " + events["detail"].fillna("")
    hit = text.str.contains(pattern, flags=re.IGNORECASE, regex=True)
    if category:
        hit &= events["category"] == category
    return events[hit].sort_values("date")


def anniversary(events: pd.DataFrame, as_of_year: int) -> dict[str, str]:
    claim = f"{as_of_year} marks 75 years of diplomatic relations."
    est = _find(events, r"diplomatic relations established", "diplomacy")
    if est.empty:
        return _row("general", claim, "The data hold no date for the start of diplomatic relations.", VERDICTS[3], "")
    first = est.iloc[0]
    years = as_of_year - first["date"].year
    return _row("general", claim, f"Diplomatic relations were established on {first['date']:%-d %B %Y}: "
                f"{years} years before {as_of_year}.", VERDICTS[0] if years == 75 else VERDICTS[2], _ids(est.head(1)))


def president_visit(events: pd.DataFrame, year: int = 2011) -> dict[str, str]:
    claim = f"Pakistan's president visited Russia in {year}."
    visits = _find(events, r"president", "visit")
    visits = visits[(visits["date"].dt.year == year) & visits["title"].str.contains("Russia|Moscow", case=False)]
    if visits.empty:
        return _row("general", claim, f"No presidential visit to Russia in {year} in the data.", VERDICTS[3], "")
    v = visits.iloc[0]
    when = f"{v['date']:%-d %B %Y}"
    if pd.notna(v["end_date"]) and v["end_date"].month == v["date"].month:
        when = f"{v['date']:%-d}–{v['end_date']:%-d %B %Y}"
    return _row("general", claim, f"{v['title']}, {when}.", VERDICTS[0], _ids(visits.head(1)))


def sco_backing(events: pd.DataFrame) -> dict[str, str]:
    claim = "Russia backed Pakistan's membership of the Shanghai Cooperation Organisation."
    member = _find(events, r"full SCO member|SCO member")
    backed = member[member["detail"].fillna("").str.contains(r"Russia backed|support", case=False)]
    if member.empty:
        return _row("general", claim, "No SCO membership event in the data.", VERDICTS[3], "")
    m = member.iloc[-1]
    if backed.empty:
        return _row("general", claim, f"Pakistan became a full SCO member on {m['date']:%-d %B %Y}; the data hold "
                    "no statement of Russia's support.", VERDICTS[3], _ids(member))
    return _row("general", claim, f"Pakistan became a full SCO member on {m['date']:%-d %B %Y}; the sources "
                "record Russia's support for the accession (Pakistan's thanks to Putin in 2015, Lavrov in 2017).",
                VERDICTS[0], _ids(backed))


def soviet_projects(events: pd.DataFrame, sources: pd.DataFrame, as_of_year: int) -> dict[str, str]:
    claim = "Pakistan Steel Mills and the Guddu power plant are Soviet-built and more than four decades old."
    steel = _find(events, r"steel mill").loc[lambda f: f["date"].dt.year < 1990]
    guddu = _find(events, r"Guddu")
    quality = sources.set_index("source_id")["quality"]

    def all_weak(frame: pd.DataFrame) -> bool:
        ids = [s.strip() for s in _ids(frame).split(";") if s.strip()]
        return bool(ids) and all(quality.get(i) == "weak" for i in ids)

    parts, verdict = [], VERDICTS[0]
    if steel.empty:
        parts.append("The data hold no Soviet steel-mill events")
        verdict = VERDICTS[3]
    else:
        first, inaugurated = steel.iloc[0], steel[steel["title"].str.contains("inaugurat", case=False)]
        age = as_of_year - first["date"].year
        text = f"Steel Mills: Soviet credit in {first['date'].year} ({age} years before {as_of_year})"
        if not inaugurated.empty:
            text += f", inaugurated in {inaugurated.iloc[0]['date'].year}"
        parts.append(text)
        if age < 40:
            verdict = VERDICTS[2]
    if guddu.empty:
        parts.append("the data hold nothing on Guddu")
        verdict = VERDICTS[1] if verdict == VERDICTS[0] else verdict
    else:
        g = guddu.iloc[0]
        decade = g["date"].year
        text = f"Guddu: built with Soviet help in the {decade}s (decade only)"
        if all_weak(guddu):
            text += ", resting only on a weakly rated source"
            verdict = VERDICTS[1] if verdict == VERDICTS[0] else verdict
        if as_of_year - (decade + 9) < 40:
            text += f"; if completed late in that decade it was under 40 years old in {as_of_year}"
            verdict = VERDICTS[1] if verdict == VERDICTS[0] else verdict
        parts.append(text)
    return _row("general", claim, "; ".join(parts) + ".", verdict, "; ".join(x for x in (_ids(steel), _ids(guddu)) if x))


def trade_growth_claim(observations: pd.DataFrame) -> dict[str, str]:
    claim = ("Bilateral trade grew 34% in 2022 over 2021, to 760.5 million dollars in July–May FY2022-23 "
             "from 567.5 million.")
    check = trade.window_growth(observations, "total", ("2022-07-01", "2023-05-31"), ("2021-07-01", "2022-05-31"))
    if check.empty:
        return _row("trade", claim, "The two July–May figures are not in the data.", VERDICTS[3], "")
    r = check.iloc[0]
    growth = r["growth_pct"]
    cal = trade.annual(observations, "calendar", 2021, 2022)
    cal = cal[cal["flow"] == "total"]
    finding = (f"The July–May figures are in the data ({r['value']:,.1f} and {r['earlier_value']:,.1f} USD m, "
               f"one ministerial statement): growth {growth:+.1f}%. They are fiscal-year windows "
               "(July 2021–May 2022 and July 2022–May 2023), not calendar 2021 and 2022")
    finding += ("; the data hold no full calendar-2022 total to compare." if cal[cal["year"] == 2022].empty
                else ".")
    verdict = VERDICTS[1] if abs(growth - 34.0) < 0.5 else VERDICTS[2]
    return _row("trade", claim, finding, verdict, "; ".join(dict.fromkeys([r["source_id"], r["earlier_source_id"]])))


def _from_module(frame: pd.DataFrame, topic: str) -> list[dict[str, str]]:
    return [_row(topic, r["claim"], r["finding"], r["verdict"], r["source_ids"]) for _, r in frame.iterrows()]


def check_all(frames: dict[str, pd.DataFrame], as_of_year: int = 2023) -> pd.DataFrame:
    """All twelve claims, in the article's order. ``frames`` maps dataset names to loaded frames
    (as :func:`pakru.data.load_all` returns). Columns: topic, claim, finding, verdict, source_ids."""
    events, sources = frames["defence_events"], frames["sources"]
    d = _from_module(defence.check_claims(events, frames["arms_transfers"]), "defence")
    p = _from_module(payments.check_claims(frames["cargoes"], frames["payment_claims"], frames["payment_events"]),
                     "payments")
    # payments also checks the power minister's counter-claim (paid in dollars); it is evidence for
    # the yuan claim's verdict, not a claim of the article, so it is left out of this list
    p = [r for r in p if "US dollars" not in r["claim"]]
    rows = [anniversary(events, as_of_year), president_visit(events), *d[:1], *d[1:], *p[:2],
            trade_growth_claim(frames["trade_observations"]), *p[2:], sco_backing(events),
            soviet_projects(events, sources, as_of_year)]
    return pd.DataFrame(rows, columns=COLUMNS)
