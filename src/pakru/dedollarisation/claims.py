"""The statements commonly made about Pakistan's Russian crude and barter trade, checked
against the cargoes, the published accounts (``payment_claims``) and the payment events."""

from __future__ import annotations

import pandas as pd

from ..data import source_ids
from ..claims.model import ClaimCheck, Verdict
from ..data.periods import day_label
from ..data.schema import CURRENCIES
from ..present.wording import says
from .cargoes import first_cargo

# Topics in claims.csv the checks read (rows sharing a topic are competing reports of one fact)
TOPIC_CURRENCY = "Currency of payment for the first Russian crude cargo (G2G order of April 2023)"
TOPIC_FIRST_TONNAGE = "Tonnage of the first cargo (Pure Point)"
TOPIC_FIRST_ARRIVAL = "Arrival date of the first cargo"
TOPIC_ORDER = "Total quantity of the G2G test order"

CLAIM_FIRST_CARGO = "The first G2G Russian crude arrived in June 2023: 45,000 t of a 100,000 t deal"
CLAIM_YUAN = "That crude was paid for in Chinese yuan"
CLAIM_DOLLAR = "The first shipment was paid for in US dollars (power minister, May 2023)"
CLAIM_BARTER = "Pakistan is setting up barter trade with Russia, Iran and Afghanistan (SRO 642 of 2023)"


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


def _number(value: object) -> float:
    try:
        return float(str(value).replace(",", ""))
    except (TypeError, ValueError):
        return float("nan")


def _currency_accounts(claims: pd.DataFrame, currency: str) -> tuple[list[str], list[str], list[str]]:
    """Source ids of accounts on the payment currency that name ``currency``, that name another
    currency (an ISO code), and that name none."""
    g = claims[claims["topic"] == TOPIC_CURRENCY]
    agree = [s for s, v in zip(g["source_id"], g["value"]) if str(v).strip().upper() == currency]
    against = [s for s, v in zip(g["source_id"], g["value"])
               if str(v).strip().upper() in CURRENCIES and str(v).strip().upper() != currency]
    vague = [s for s in g["source_id"] if s not in agree and s not in against]
    return agree, against, vague


def conflicts_table(conflicts: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`conflicting_claims` for display: the topic written once, on the first of
    its accounts, and each source as ``publisher [id]``. Columns: topic, report, value, source, note."""
    reg = sources.set_index("source_id")
    topics = list(conflicts["topic"])
    return pd.DataFrame({
        "topic": [t if i == 0 or t != topics[i - 1] else "" for i, t in enumerate(topics)],
        "report": conflicts["claim"], "value": conflicts["value"],
        "source": [f"{reg.at[s, 'publisher']} [{s}]" if s in reg.index else s for s in conflicts["source_id"]],
        "note": conflicts["note"],
    })


def check_claims(cargoes: pd.DataFrame, claims: pd.DataFrame, events: pd.DataFrame) -> list[ClaimCheck]:
    """Verdicts on the statements commonly made about Pakistan's Russian crude and barter trade,
    computed from the data: the first G2G cargo (June 2023, 45,000 t of a 100,000 t deal), payment
    in yuan, payment in dollars (the power minister's counter-claim), and the barter order SRO 642
    for Russia, Iran and Afghanistan."""
    return [check_first_cargo(cargoes, claims), check_currency(cargoes, claims, "CNY"),
            check_currency(cargoes, claims, "USD"), check_barter(events)]


def check_first_cargo(cargoes: pd.DataFrame, claims: pd.DataFrame) -> ClaimCheck:
    fc = first_cargo(cargoes, "crude oil", order_contains="G2G")
    if fc is None:
        return ClaimCheck.of("dedollarisation.first_cargo", CLAIM_FIRST_CARGO,
                             "No crude cargo of the government-to-government order is in the cargo list.",
                             Verdict.NOT_CHECKABLE)
    ids = list(fc.source_ids)
    june_2023 = (fc.arrival_date.year, fc.arrival_date.month) == (2023, 6)
    about_45k = abs(fc.tonnes - 45_000) / 45_000 <= 0.02 if pd.notna(fc.tonnes) else False
    order_100k = fc.order_tonnes == 100_000
    parts = [f"Cargo list: the first G2G crude cargo{' (' + fc.vessel + ')' if fc.vessel else ''} arrived "
             f"{day_label(fc.arrival_date, fc.precision)} with {fc.tonnes:,.0f} t, {fc.share_pct:.1f}% of its "
             f"{fc.order_tonnes:,.0f} t order; the order's {fc.order_cargoes} cargoes delivered "
             f"{fc.order_delivered_tonnes:,.0f} t."]
    for topic, what, fmt in ((TOPIC_FIRST_TONNAGE, "tonnage", lambda v: f"{_number(v):,.0f} t"),
                             (TOPIC_FIRST_ARRIVAL, "arrival date", lambda v: day_label(pd.Timestamp(v))),
                             (TOPIC_ORDER, "order size", lambda v: f"{_number(v):,.0f} t")):
        g = claims[claims["topic"] == topic]
        if g.empty:
            continue
        ids += [s for s in g["source_id"] if s not in ids]
        values = list(dict.fromkeys(fmt(v) for v in g["value"]))
        parts.append(f"Published {what}s: {', '.join(values)} ({len(g)} reports).")
    if (claims["topic"] == TOPIC_FIRST_ARRIVAL).any():
        days = pd.to_datetime(claims[claims["topic"] == TOPIC_FIRST_ARRIVAL]["value"], errors="coerce")
        june_2023 = june_2023 and bool(((days.dt.year == 2023) & (days.dt.month == 6)).all())
    checks = [june_2023, about_45k, order_100k]
    verdict = Verdict.SUPPORTED if all(checks) else Verdict.PARTLY if any(checks) else Verdict.CONTRADICTED
    return ClaimCheck.of("dedollarisation.first_cargo", CLAIM_FIRST_CARGO, " ".join(parts), verdict, ids)


def check_currency(cargoes: pd.DataFrame, claims: pd.DataFrame, currency: str) -> ClaimCheck:
    """The claim that the G2G crude was paid in ``currency`` (CNY: the article's; USD: the power
    minister's), weighed by the cargo records and the published accounts."""
    claim_id, claim = (("dedollarisation.paid_in_yuan", CLAIM_YUAN) if currency == "CNY"
                       else ("dedollarisation.paid_in_dollars", CLAIM_DOLLAR))
    g2g = cargoes[(cargoes["product"] == "crude oil") & cargoes["order"].fillna("").str.contains("G2G", regex=False)]
    recorded = [c for c in dict.fromkeys(g2g["currency"].dropna())]
    agree, against, vague = _currency_accounts(claims, currency)
    ids = source_ids.of_frame(g2g) + agree + against + vague
    if not recorded and not agree and not against:
        return ClaimCheck.of(claim_id, claim, "Neither the cargo list nor the competing reports name the "
                             "currency the G2G crude was paid in.", Verdict.NOT_CHECKABLE, ids)
    cargo_agrees = bool(recorded) and set(recorded) == {currency}
    cargo_against = bool(recorded) and currency not in recorded
    n_for = len(agree) + (1 if cargo_agrees else 0)
    n_against = len(against) + (1 if cargo_against else 0)
    if n_against == 0:
        verdict = Verdict.SUPPORTED
    elif n_for == 0 or n_against > n_for:
        verdict = Verdict.CONTRADICTED
    else:
        verdict = Verdict.PARTLY
    others = claims[(claims["topic"] == TOPIC_CURRENCY) & claims["source_id"].isin(against)]
    other_codes = ", ".join(dict.fromkeys(str(v).strip().upper() for v in others["value"]))
    n_named = len(agree) + len(against)
    finding = (f"The cargo list records {', '.join(recorded) or 'no currency'} for the {len(g2g)} G2G crude cargoes. "
               f"Of the {n_named} competing reports that name a currency, "
               f"{len(agree)} {says(len(agree))} {currency}"
               + (f" and {len(against)} {says(len(against))} {other_codes}" if against else "") + "; "
               f"{len(vague)} more name{'s' if len(vague) == 1 else ''} no currency.")
    notes = [str(n) for n in claims[(claims["topic"] == TOPIC_CURRENCY) & claims["note"].notna()]["note"]]
    if notes:
        finding += " Note in the data: " + " ".join(notes)
    return ClaimCheck.of(claim_id, claim, finding, verdict, ids)


def check_barter(events: pd.DataFrame) -> ClaimCheck:
    barter = events[events["category"] == "barter"].sort_values("date")
    sro = barter[barter["title"].str.contains("SRO 642", regex=False)]
    if sro.empty:
        return ClaimCheck.of("dedollarisation.barter", CLAIM_BARTER,
                             "The list of payment steps holds no barter event for SRO 642.",
                             Verdict.NOT_CHECKABLE)
    first = sro.iloc[0]
    countries = [c for c in ("Russia", "Iran", "Afghanistan") if c in str(first["title"])]
    later = barter[barter["date"] > first["date"]]
    ids = source_ids.of_frame(sro.head(1)) + source_ids.of_frame(later)
    finding = (f"Payment steps: {first['title']} ({day_label(pd.Timestamp(first['date']), first['precision'])}), "
               f"naming {', '.join(countries) or 'none of the three countries'}.")
    if len(later):
        finding += (f" {len(later)} later barter event{'s' if len(later) != 1 else ''} up to "
                    f"{day_label(pd.Timestamp(later['date'].max()), 'month')}: "
                    + "; ".join(f"{day_label(pd.Timestamp(d), p)}: {t}" for d, p, t in
                                zip(later["date"], later["precision"], later["title"])) + ".")
    verdict = Verdict.SUPPORTED if len(countries) == 3 else Verdict.PARTLY if countries else Verdict.CONTRADICTED
    return ClaimCheck.of("dedollarisation.barter", CLAIM_BARTER, finding, verdict, ids)
