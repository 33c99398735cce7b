"""The article's defence claims against the events data and SIPRI's register: one function per
claim, each returning a :class:`~pakru.claims.model.ClaimCheck` whose verdict is decided from the
data. With a claim's evidence missing the verdict is 'not checkable with the data held'."""

from __future__ import annotations

import pandas as pd

from ..data import source_ids
from ..present import timeline
from ..claims.model import ClaimCheck, Verdict
from ..data.periods import missing_years
from ..present.wording import join_words
from .events import agreement_event, druzhba
from .sipri import delivery_year_list

DRUZHBA_CLAIMED_START = 2017


def _mentions(events: pd.DataFrame, pattern: str) -> pd.DataFrame:
    text = events["title"].fillna("") + " " + events["detail"].fillna("")
    return events[text.str.contains(pattern, case=False, regex=True)]


def agreement_2014(events: pd.DataFrame) -> ClaimCheck:
    claim = "Pakistan and Russia signed a defence cooperation agreement in 2014."
    ag = agreement_event(events)
    if ag is None:
        return ClaimCheck.of("defence.agreement_2014", claim, "The events data hold no defence cooperation agreement.",
                             Verdict.NOT_CHECKABLE)
    d = pd.Timestamp(ag["date"])
    who = "" if pd.isna(ag["participants"]) else str(ag["participants"]).split(";")[0].strip()
    who = f" by {who[:1].lower()}{who[1:]}" if who else ""
    place = "" if pd.isna(ag["location"]) else f" in {ag['location']}"
    finding = (f"The agreement was signed on {timeline.date_label(d, ag['precision'])}{place}{who}. "
               + ("No procurement deal was signed with it." if "no procurement" in str(ag["detail"]).lower() else ""))
    return ClaimCheck.of("defence.agreement_2014", claim, finding.strip(),
                         Verdict.SUPPORTED if d.year == 2014 else Verdict.CONTRADICTED,
                         [ag["source_id"], ag["also_source_ids"]])


def mi35_deliveries(transfers: pd.DataFrame) -> dict[str, object] | None:
    """SIPRI's Mi-35 record: helicopters ordered and delivered, order and delivery years, TIV and
    sources; None when the register holds no Mi-35."""
    mi = transfers[transfers["designation"].str.startswith("Mi-35")]
    if mi.empty:
        return None
    return {
        "ordered": int(mi["number_ordered"].fillna(0).sum()),
        "delivered": int(mi["number_delivered"].fillna(0).sum()),
        "order_years": sorted({int(y) for y in mi["order_year"]}),
        "delivery_years": sorted({y for c in mi["delivery_years"] for y in delivery_year_list(c)}),
        "tiv": float(mi["tiv_delivered"].sum()),
        "source_ids": tuple(source_ids.of_frame(mi)),
    }


def mi35(events: pd.DataFrame, transfers: pd.DataFrame) -> ClaimCheck:
    claim = "Pakistan bought Mi-35 attack helicopters from Russia."
    mi = mi35_deliveries(transfers)
    if mi is None:
        talk = _mentions(events, r"Mi-35")
        return ClaimCheck.of("defence.mi35", claim, "SIPRI's register holds no Mi-35 order"
                             + (f"; {len(talk)} events mention Mi-35 talks." if len(talk) else "."),
                             Verdict.NOT_CHECKABLE if talk.empty else Verdict.PARTLY, source_ids.of_frame(talk))
    deliv_years = ", ".join(map(str, mi["delivery_years"]))
    other = _mentions(events, r"received.*Mi-35|Mi-35.*received")
    other_years = sorted({int(d.year) for d in other["date"]} - set(mi["delivery_years"]))
    finding = (f"SIPRI records {mi['ordered']} Mi-35M ordered in {', '.join(map(str, mi['order_years']))} and "
               f"{mi['delivered']} delivered in {deliv_years or 'no year yet'} ({mi['tiv']:g} million TIV).")
    if other_years:
        finding += (" Press reports also place an arrival in " + ", ".join(map(str, other_years))
                    + "; SIPRI's delivery year is kept.")
    return ClaimCheck.of("defence.mi35", claim, finding, Verdict.SUPPORTED if mi["delivered"] > 0 else Verdict.PARTLY,
                         [*mi["source_ids"], *source_ids.of_frame(other)])


def su35_interest(events: pd.DataFrame, transfers: pd.DataFrame) -> ClaimCheck:
    claim = "Pakistan is interested in buying Su-35 fighter jets."
    su_rows = transfers[transfers["designation"].str.contains("Su-35", case=False)]
    su_events = _mentions(events, r"Su-35").sort_values("date")
    denial = su_events[su_events["title"].str.contains(r"\bden(?:y|ies|ied)\b", case=False)]
    talks = su_events.drop(denial.index)
    if not su_rows.empty:
        n = int(su_rows["number_ordered"].fillna(0).sum())
        return ClaimCheck.of("defence.su35_interest", claim, f"SIPRI records an order for {n} Su-35.",
                             Verdict.SUPPORTED, source_ids.of_frame(su_rows))
    if talks.empty:
        return ClaimCheck.of("defence.su35_interest", claim, "No Su-35 order in SIPRI's register and no report of "
                             "talks in the events data.", Verdict.NOT_CHECKABLE)
    dates = ", ".join(timeline.date_label(d, p) for d, p in zip(talks["date"], talks["precision"]))
    # The article claims interest, not a purchase: reports of talks are the interest itself, so they
    # support the claim; the missing order and Russia's denial of negotiations say nothing came of it.
    finding = (f"Interest is on record in {len(talks)} reports of talks ({dates}). Nothing came of it: SIPRI's "
               "register holds no Su-35 order or delivery to Pakistan.")
    if not denial.empty:
        r = denial.iloc[0]
        when = timeline.date_label(r["date"], r["precision"])
        finding += f" Russia denied that any Su-35 negotiations were under way ({when})."
    register = [transfers["source_id"].iloc[0]] if len(transfers) else []
    return ClaimCheck.of("defence.su35_interest", claim, finding, Verdict.SUPPORTED,
                         source_ids.of_frame(talks) + source_ids.of_frame(denial) + register)


def druzhba_since_2017(events: pd.DataFrame) -> ClaimCheck:
    claim = f"The two armies have held the Druzhba exercises since {DRUZHBA_CLAIMED_START}."
    dz = druzhba(events)
    if dz.empty:
        return ClaimCheck.of("defence.druzhba_since_2017", claim, "The events data hold no Druzhba exercise.",
                             Verdict.NOT_CHECKABLE)
    first, last = int(dz["year"].min()), int(dz["year"].max())
    gaps = missing_years(dz["year"])
    finding = (f"The data hold {len(dz)} Druzhba editions, {first}–{last}; the first was "
               f"{dz['dates'].iloc[0]} in {dz['place'].iloc[0] or 'an unrecorded place'}.")
    if gaps:
        finding += " No edition in " + join_words(map(str, gaps), "or") + "."
    if first == DRUZHBA_CLAIMED_START:
        verdict = Verdict.SUPPORTED
    elif first < DRUZHBA_CLAIMED_START:
        verdict = Verdict.PARTLY
        finding += f" The series began in {first}, not {DRUZHBA_CLAIMED_START}."
    else:
        verdict = Verdict.CONTRADICTED
    return ClaimCheck.of("defence.druzhba_since_2017", claim, finding, verdict, dz["source_ids"])


def check_claims(events: pd.DataFrame, transfers: pd.DataFrame) -> list[ClaimCheck]:
    """The article's four defence claims, in its order. Pass the full events and SIPRI register."""
    return [agreement_2014(events), mi35(events, transfers), su35_interest(events, transfers),
            druzhba_since_2017(events)]
