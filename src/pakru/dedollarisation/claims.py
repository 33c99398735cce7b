"""The statements commonly made about Pakistan's Russian crude and barter trade, checked
against the cargoes, the published accounts (``payment_claims``) and the payment events."""

from __future__ import annotations

import pandas as pd

from ..data import source_ids
from ..claims.cite import cited_all
from ..claims.model import ClaimCheck, Verdict
from ..data.periods import day_label
from ..data.schema import CURRENCIES
from ..present.wording import join_words
from .cargoes import first_cargo

# Topics in claims.csv the checks read (rows sharing a topic are competing reports of one fact)
TOPIC_CURRENCY = "Currency of payment for the first Russian crude cargo (G2G order of April 2023)"
TOPIC_FIRST_TONNAGE = "Tonnage of the first cargo (Pure Point)"
TOPIC_FIRST_ARRIVAL = "Arrival date of the first cargo"
TOPIC_ORDER = "Total quantity of the G2G test order"
# accounts of the currency Pakistan spent to obtain the currency it paid in
TOPIC_FUNDING = "How Pakistan obtained the yuan for the first Russian crude cargo"

CLAIM_FIRST_CARGO = "The first G2G Russian crude arrived in June 2023: 45,000 t of a 100,000 t deal"
CLAIM_YUAN = "That crude was paid for in Chinese yuan"
CLAIM_DOLLAR = "The first shipment was paid for in US dollars (power minister, May 2023)"
CLAIM_BARTER = "Pakistan is setting up barter trade with Russia, Iran and Afghanistan (SRO 642 of 2023)"
CLAIM_FIRST_AFTER_SANCTIONS = ("The June 2023 cargo was the first delivery of Russian crude oil to Pakistan after "
                               "Western sanctions")

# A claim and the claim that opposes it: their verdicts must not clash (pakru.claims.model.verdicts_clash)
OPPOSING = (("dedollarisation.paid_in_yuan", "dedollarisation.paid_in_dollars"),)

CURRENCY_NAMES = {"CNY": "yuan", "USD": "US dollars", "AED": "UAE dirhams", "RUB": "roubles",
                  "EUR": "euros", "PKR": "Pakistani rupees"}


def _currency_name(code: str) -> str:
    return CURRENCY_NAMES.get(code, code)


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


def check_claims(cargoes: pd.DataFrame, claims: pd.DataFrame, events: pd.DataFrame,
                 sources: pd.DataFrame | None = None) -> list[ClaimCheck]:
    """Verdicts on the statements commonly made about Pakistan's Russian crude and barter trade,
    computed from the data: the first G2G cargo (June 2023, 45,000 t of a 100,000 t deal), payment
    in yuan, payment in dollars (the power minister's counter-claim), and the barter order SRO 642
    for Russia, Iran and Afghanistan. With the sources registry the findings name publishers and
    years; without it they say "a report"."""
    return [check_first_cargo(cargoes, claims), check_currency(cargoes, claims, "CNY", sources),
            check_currency(cargoes, claims, "USD", sources), check_barter(events)]


def check_first_cargo(cargoes: pd.DataFrame, claims: pd.DataFrame) -> ClaimCheck:
    fc = first_cargo(cargoes, "crude oil", order_contains="G2G")
    if fc is None:
        return ClaimCheck.of("dedollarisation.first_cargo", CLAIM_FIRST_CARGO,
                             "No crude cargo of the government-to-government order is on record.",
                             Verdict.NOT_CHECKABLE)
    ids = list(fc.source_ids)
    june_2023 = (fc.arrival_date.year, fc.arrival_date.month) == (2023, 6)
    about_45k = abs(fc.tonnes - 45_000) / 45_000 <= 0.02 if pd.notna(fc.tonnes) else False
    order_100k = fc.order_tonnes == 100_000
    parts = [f"The first crude cargo of the government-to-government (G2G) order"
             f"{' (the tanker ' + fc.vessel + ')' if fc.vessel else ''} arrived "
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


def _funding(claims: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Source ids, and currencies (ISO codes), of the accounts of how the payment currency was bought."""
    g = claims[claims["topic"] == TOPIC_FUNDING]
    codes = [str(v).strip().upper() for v in g["value"] if str(v).strip().upper() in CURRENCIES]
    return list(g["source_id"]), list(dict.fromkeys(codes))


def check_currency(cargoes: pd.DataFrame, claims: pd.DataFrame, currency: str,
                   sources: pd.DataFrame | None = None) -> ClaimCheck:
    """The claim that the G2G crude was paid in ``currency`` (CNY: the article's; USD: the power
    minister's), weighed by the cargo records and the published accounts.

    The cargo records give the currency the seller was paid in. Accounts that name another currency
    are weighed, not counted: when the accounts of how that currency was obtained name the other
    currency (the yuan was bought with dollars), the two reports describe two legs of one payment
    and do not conflict. Then the settlement currency's claim is supported and the funding
    currency's claim partly supported (dollars were spent, on the yuan). Without that evidence an
    opposing account keeps the claim at 'partly supported'."""
    claim_id, claim = (("dedollarisation.paid_in_yuan", CLAIM_YUAN) if currency == "CNY"
                       else ("dedollarisation.paid_in_dollars", CLAIM_DOLLAR))
    g2g = cargoes[(cargoes["product"] == "crude oil") & cargoes["order"].fillna("").str.contains("G2G", regex=False)]
    recorded = [c for c in dict.fromkeys(g2g["currency"].dropna())]
    agree, against, vague = _currency_accounts(claims, currency)
    fund_ids, fund_codes = _funding(claims)
    if not recorded and not agree and not against:
        return ClaimCheck.of(claim_id, claim, "Neither the cargo records nor the published reports name the currency "
                             "the G2G crude was paid in.", Verdict.NOT_CHECKABLE, source_ids.of_frame(g2g) + vague)
    settled = recorded[0] if len(recorded) == 1 else None
    topic = claims[claims["topic"] == TOPIC_CURRENCY]
    named = {s: str(v).strip().upper() for s, v in zip(topic["source_id"], topic["value"])}
    other_codes = list(dict.fromkeys(named[s] for s in against))
    # the other accounts' currency is the one the settlement currency was bought with
    reconciled = settled is not None and bool(against) and set(other_codes) <= set(fund_codes) | {settled}
    ids = source_ids.of_frame(g2g) + agree + against + vague + (fund_ids if fund_codes else [])

    def accounts(srcs: list[str]) -> str:
        texts = list(dict.fromkeys(str(c) for c in topic[topic["source_id"].isin(srcs)]["claim"]))
        return "; ".join(texts) + f" ({cited_all(srcs, sources)})"

    parts = []
    if settled:
        parts.append(f"The records of the {len(g2g)} government-to-government (G2G) cargoes give "
                     f"{_currency_name(settled)} as the currency the seller was paid in.")
    if currency == settled or (not recorded and agree):
        if agree:
            parts.append(f"Reports naming {_currency_name(currency)}: {accounts(agree)}.")
        if not against:
            verdict = Verdict.SUPPORTED
        elif reconciled:
            verdict = Verdict.SUPPORTED
            paid, spent = _currency_name(settled or currency), join_words([_currency_name(c) for c in fund_codes])
            parts.append(f"The opposing report ({accounts(against)}) does not contradict this: "
                         f"{cited_all(fund_ids, sources)} report that Pakistan had to buy the {paid} with {spent}. "
                         f"The seller was paid in {paid}; buying it cost Pakistan {spent}.")
        else:
            verdict = Verdict.PARTLY
            parts.append(f"An opposing report names {join_words([_currency_name(c) for c in other_codes])} "
                         f"({accounts(against)}), and no report explains the difference.")
    elif settled and currency in fund_codes:
        verdict = Verdict.PARTLY
        if agree:
            parts.append(f"Reports naming {_currency_name(currency)}: {accounts(agree)}.")
        yuan_side = [s for s, v in named.items() if v == settled]
        parts.append(f"Those {_currency_name(currency)} were spent, but on buying the "
                     f"{_currency_name(settled)}: {cited_all(fund_ids, sources)} report that Pakistan had to buy it "
                     "with "
                     f"{_currency_name(currency)}, and the reports that name a settlement currency give "
                     f"{_currency_name(settled)} ({cited_all(yuan_side, sources)}).")
    else:
        n_for = len(agree)
        n_against = len(against) + (1 if recorded and currency not in recorded else 0)
        verdict = Verdict.CONTRADICTED if n_for == 0 or n_against > n_for else Verdict.PARTLY
        if agree:
            parts.append(f"Reports naming {_currency_name(currency)}: {accounts(agree)}.")
        if against:
            others = join_words([_currency_name(c) for c in other_codes])
            parts.append(f"Reports naming {others}: {accounts(against)}.")
    if vague:
        parts.append(f"{len(vague)} more report{'s' if len(vague) != 1 else ''} name{'s' if len(vague) == 1 else ''} "
                     f"no currency ({cited_all(vague, sources)}).")
    return ClaimCheck.of(claim_id, claim, " ".join(parts), verdict, ids)


def check_first_after_sanctions(cargoes: pd.DataFrame, events: pd.DataFrame,
                                sources: pd.DataFrame | None = None) -> ClaimCheck:
    """The article's "first delivery of Russian crude oil to Pakistan after western sanctions":
    the first crude cargo on record after the first Western sanctions event must be the first
    cargo of the G2G order, and no earlier one may exist. The cargoes are those the press reported,
    not a customs count, and the finding says so."""
    claim_id = "dedollarisation.first_after_sanctions"
    sanctions = events[events["title"].fillna("").str.contains(r"sanction|SWIFT", case=False, regex=True)]
    sanctions = sanctions.sort_values("date")
    crude = cargoes[cargoes["product"] == "crude oil"].sort_values("arrival_date")
    fc = first_cargo(cargoes, "crude oil", order_contains="G2G")
    if sanctions.empty or fc is None:
        return ClaimCheck.of(claim_id, CLAIM_FIRST_AFTER_SANCTIONS, "The data hold no date for the Western sanctions "
                             "or no crude cargo of the G2G order.", Verdict.NOT_CHECKABLE)
    s = sanctions.iloc[0]
    s_day = pd.Timestamp(s["date"])
    earlier = crude[(crude["arrival_date"] >= s_day) & (crude["arrival_date"] < fc.arrival_date)]
    refused = events[(events["date"] > s_day) & (events["date"] < fc.arrival_date)
                     & events["title"].fillna("").str.contains(r"refuse", case=False, regex=True)
                     & events["title"].fillna("").str.contains("crude", case=False)]
    parts = [f"Western sanctions: {s['title']} ({day_label(s_day, s['precision'])}; "
             f"{cited_all(source_ids.of_frame(sanctions.head(1)), sources)})."]
    if earlier.empty:
        parts.append(f"No Russian crude cargo to Pakistan is on record between then and the arrival of the first G2G "
                     f"cargo{' (the tanker ' + fc.vessel + ')' if fc.vessel else ''} on "
                     f"{day_label(fc.arrival_date, fc.precision)}.")
        verdict = Verdict.SUPPORTED
    else:
        parts.append(f"{len(earlier)} crude cargo{'es' if len(earlier) != 1 else ''} arrived earlier, from "
                     f"{day_label(pd.Timestamp(earlier['arrival_date'].iloc[0]), earlier['precision'].iloc[0])}.")
        verdict = Verdict.CONTRADICTED
    if not refused.empty:
        r = refused.iloc[0]
        parts.append(f"In {day_label(pd.Timestamp(r['date']), 'month')}: {r['title']} "
                     f"({cited_all(source_ids.of_frame(refused.head(1)), sources)}).")
    parts.append("The cargoes on record are those the press reported, not a customs count.")
    ids = source_ids.of_frame(sanctions.head(1)) + list(fc.source_ids) + source_ids.of_frame(refused.head(1))
    return ClaimCheck.of(claim_id, CLAIM_FIRST_AFTER_SANCTIONS, " ".join(parts), verdict, ids)


def check_barter(events: pd.DataFrame) -> ClaimCheck:
    barter = events[events["category"] == "barter"].sort_values("date")
    sro = barter[barter["title"].str.contains("SRO 642", regex=False)]
    if sro.empty:
        return ClaimCheck.of("dedollarisation.barter", CLAIM_BARTER, "No barter order SRO 642 is on record.",
                             Verdict.NOT_CHECKABLE)
    first = sro.iloc[0]
    countries = [c for c in ("Russia", "Iran", "Afghanistan") if c in str(first["title"])]
    later = barter[barter["date"] > first["date"]]
    ids = source_ids.of_frame(sro.head(1)) + source_ids.of_frame(later)
    when = day_label(pd.Timestamp(first["date"]), first["precision"])
    finding = (f"The commerce ministry's {first['title']} ({when}), "
               f"naming {', '.join(countries) or 'none of the three countries'}.")
    if len(later):
        finding += (f" {len(later)} later barter event{'s' if len(later) != 1 else ''} up to "
                    f"{day_label(pd.Timestamp(later['date'].max()), 'month')}: "
                    + "; ".join(f"{day_label(pd.Timestamp(d), p)}: {t}" for d, p, t in
                                zip(later["date"], later["precision"], later["title"])) + ".")
    verdict = Verdict.SUPPORTED if len(countries) == 3 else Verdict.PARTLY if countries else Verdict.CONTRADICTED
    return ClaimCheck.of("dedollarisation.barter", CLAIM_BARTER, finding, verdict, ids)
