"""The article's claims on Russian crude and its payment, and on barter, checked against the
cargoes, the published reports on them and the payment events (the de-dollarisation section's data,
read with its domain functions). The power minister's counter-claim (paid in dollars) is checked
too: not a claim of the article, but its verdict must not clash with the yuan claim's."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ...claims.model import ClaimCheck, Verdict
from ...data import source_ids
from ...dedollarisation import claims as reports
from ...dedollarisation.cargoes import first_cargo
from ..inputs import Inputs
from .common import add_event, book, event_period, row_ids

# A claim and the claim that opposes it: their verdicts must not clash (pakru.claims.model.verdicts_clash)
OPPOSING = (("payments.paid_in_yuan", "payments.paid_in_dollars"),)
CLAIMED_TONNES, CLAIMED_ORDER = 45_000, 100_000   # "45,000 (out of 100,000)"
TONNES_TOLERANCE = 0.02                           # "45,000" is a round figure: within 2% matches it
BARTER_COUNTRIES = ("Russia", "Iran", "Afghanistan")


def _g2g(cargoes: pd.DataFrame) -> pd.DataFrame:
    """The crude cargoes of the government-to-government (G2G) order, in arrival order."""
    crude = cargoes[(cargoes["product"] == "crude oil") & cargoes["order"].fillna("").str.contains("G2G", regex=False)]
    return crude.sort_values(["arrival_date", "cargo_id"])


def first_cargo_check(d: Inputs) -> ClaimCheck:
    """The first G2G cargo: in June 2023 (by the cargo record and every report of its arrival),
    about 45,000 t (within 2%), of a 100,000 t order. All three hold: supported; some: partly;
    none: contradicted."""
    cid, b = "payments.first_cargo", book(d)
    fc = first_cargo(d.cargoes, "crude oil", order_contains="G2G")
    if fc is None:
        return ClaimCheck.of(cid, Verdict.NOT_CHECKABLE)
    when = event_period(fc.arrival_date, fc.precision)
    arrival = b.add(f"claims.{cid}.arrival", fc.arrival_date.date(), "date", when, sources=fc.source_ids)
    tonnes = b.add(f"claims.{cid}.tonnes", fc.tonnes, "tonnes", when, sources=fc.source_ids)
    order = b.add(f"claims.{cid}.order_tonnes", fc.order_tonnes, "tonnes", None, sources=fc.source_ids)
    cargoes = b.add(f"claims.{cid}.cargoes", fc.order_cargoes, "count", None,
                    sources=source_ids.of_frame(_g2g(d.cargoes)))
    reported = reports.reported_numbers(d.payment_claims, reports.TOPIC_FIRST_TONNAGE)
    low = high = None
    if len(reported) > 1 and reported["value"].nunique() > 1:
        low = b.add(f"claims.{cid}.reported_low", reported["value"].min(), "tonnes", None,
                    sources=list(reported["source_id"]))
        high = b.add(f"claims.{cid}.reported_high", reported["value"].max(), "tonnes", None,
                     sources=list(reported["source_id"]))
    days = d.payment_claims[d.payment_claims["topic"] == reports.TOPIC_FIRST_ARRIVAL]
    days = pd.to_datetime(days["value"], errors="coerce")
    june_2023 = (fc.arrival_date.year, fc.arrival_date.month) == (2023, 6) and \
        bool(((days.dt.year == 2023) & (days.dt.month == 6)).all())
    about = pd.notna(fc.tonnes) and abs(fc.tonnes - CLAIMED_TONNES) / CLAIMED_TONNES <= TONNES_TOLERANCE
    held = [june_2023, bool(about), fc.order_tonnes == CLAIMED_ORDER]
    verdict = Verdict.SUPPORTED if all(held) else Verdict.PARTLY if any(held) else Verdict.CONTRADICTED
    return ClaimCheck.of(cid, verdict, [arrival, tonnes, order, cargoes, low, high])


def first_after_sanctions(d: Inputs) -> ClaimCheck:
    """"The first delivery of Russian crude oil to Pakistan after western sanctions": no crude cargo
    on record between the first Western sanctions and the first G2G cargo. The cargoes on record are
    those the press reported, not a customs count (the finding says so)."""
    cid, b = "payments.first_after_sanctions", book(d)
    events = d.payment_events
    sanctions = events[events["title"].fillna("").str.contains(r"sanction|SWIFT", case=False, regex=True)]
    fc = first_cargo(d.cargoes, "crude oil", order_contains="G2G")
    if sanctions.empty or fc is None:
        return ClaimCheck.of(cid, Verdict.NOT_CHECKABLE)
    s = sanctions.sort_values("date").iloc[0]
    crude = d.cargoes[d.cargoes["product"] == "crude oil"]
    earlier = crude[(crude["arrival_date"] >= s["date"]) & (crude["arrival_date"] < fc.arrival_date)]
    title = events["title"].fillna("")
    refused = events[(events["date"] > s["date"]) & (events["date"] < fc.arrival_date)
                     & title.str.contains("refuse", case=False) & title.str.contains("crude", case=False)]
    facts = [add_event(b, f"claims.{cid}.sanctions", s),
             b.add(f"claims.{cid}.first_cargo", fc.arrival_date.date(), "date",
                   event_period(fc.arrival_date, fc.precision), sources=fc.source_ids),
             b.add(f"claims.{cid}.earlier_cargoes", len(earlier), "count",
                   None, sources=source_ids.of_frame(earlier) or fc.source_ids),
             add_event(b, f"claims.{cid}.refused", refused.iloc[0]) if len(refused) else None]
    return ClaimCheck.of(cid, Verdict.SUPPORTED if earlier.empty else Verdict.CONTRADICTED, facts)


@dataclass(frozen=True)
class CurrencyEvidence:
    """What the data say of the currency the G2G crude was paid in: the currency the cargo records
    give (``settled``, when they give one), the reports naming each currency, and the currencies
    the reports of how Pakistan obtained the settlement currency name (``funded_with``)."""

    recorded: tuple[str, ...]
    named: tuple[tuple[str, str], ...]          # (source_id, ISO code or '') per report
    funded_with: tuple[str, ...]

    @property
    def settled(self) -> str | None:
        return self.recorded[0] if len(self.recorded) == 1 else None

    def naming(self, currency: str) -> list[str]:
        return [s for s, c in self.named if c == currency]

    def naming_other(self, currency: str) -> list[str]:
        return [s for s, c in self.named if c and c != currency]


def currency_evidence(d: Inputs) -> CurrencyEvidence:
    named = reports.currencies_named(d.payment_claims)
    funding = reports.currencies_named(d.payment_claims, reports.TOPIC_FUNDING)
    return CurrencyEvidence(tuple(dict.fromkeys(_g2g(d.cargoes)["currency"].dropna())),
                            tuple(zip(named["source_id"], named["currency"])),
                            tuple(dict.fromkeys(c for c in funding["currency"] if c)))


def currency_verdict(e: CurrencyEvidence, currency: str) -> Verdict:
    """The verdict on "the G2G crude was paid in ``currency``".

    The cargo records give the currency the seller was paid in. Reports naming another currency are
    weighed, not counted: when the reports of how Pakistan obtained the settlement currency name that
    other currency (the yuan was bought with dollars), the two describe two legs of one payment and do
    not conflict. Then the settlement currency's claim is supported and the funding currency's claim
    partly supported (dollars were spent, on the yuan). Without that evidence an opposing report
    keeps a claim at 'partly supported'; a claim that only its own reports name, against the records
    and more reports, is contradicted."""
    agree, against = e.naming(currency), e.naming_other(currency)
    if not e.recorded and not agree and not against:
        return Verdict.NOT_CHECKABLE
    others = {c for s, c in e.named if s in against}
    if currency == e.settled or (not e.recorded and agree):
        reconciled = e.settled is not None and others <= set(e.funded_with) | {e.settled}
        return Verdict.SUPPORTED if not against or reconciled else Verdict.PARTLY
    if e.settled and currency in e.funded_with:
        return Verdict.PARTLY
    n_against = len(against) + (1 if e.recorded and currency not in e.recorded else 0)
    return Verdict.CONTRADICTED if not agree or n_against > len(agree) else Verdict.PARTLY


def paid_in_yuan(d: Inputs) -> ClaimCheck:
    cid, b = "payments.paid_in_yuan", book(d)
    e = currency_evidence(d)
    g2g = _g2g(d.cargoes)
    facts = [b.add(f"claims.{cid}.settled", e.settled, "text", None, sources=source_ids.of_frame(g2g))
             if e.settled else None]
    agree, against = e.naming("CNY"), e.naming_other("CNY")
    if agree:
        facts.append(b.add(f"claims.{cid}.reports", len(agree), "count", None, sources=agree))
    if against:
        facts.append(b.add(f"claims.{cid}.reports_other", len(against), "count", None, sources=against))
        other = [c for s, c in e.named if s in against]
        facts.append(b.add(f"claims.{cid}.other_currency", other[0], "text", None, sources=against))
    funding = reports.currencies_named(d.payment_claims, reports.TOPIC_FUNDING)
    if e.funded_with:
        facts.append(b.add(f"claims.{cid}.funded_with", e.funded_with[0], "text", None,
                           sources=list(funding["source_id"])))
    return ClaimCheck.of(cid, currency_verdict(e, "CNY"), facts)


def paid_in_dollars(d: Inputs) -> ClaimCheck:
    """The power minister's counter-claim (May 2023), for :data:`OPPOSING` only: not shown."""
    e = currency_evidence(d)
    return ClaimCheck.of("payments.paid_in_dollars", currency_verdict(e, "USD"), [],
                         [*e.naming("USD"), *e.naming_other("USD")])


def barter(d: Inputs) -> ClaimCheck:
    """SRO 642 of 2023, the barter order: supported when it names Russia, Iran and Afghanistan,
    partly when only some. Its first Pakistan-Russia contracts and latest change are stated too:
    the article says Pakistan is "setting up" barter, and the reader should know how slowly."""
    cid, b = "payments.barter", book(d)
    steps = d.payment_events[d.payment_events["category"] == "barter"].sort_values("date")
    sro = steps[steps["title"].str.contains("SRO 642", regex=False)]
    if sro.empty:
        return ClaimCheck.of(cid, Verdict.NOT_CHECKABLE)
    first = sro.iloc[0]
    named = [c for c in BARTER_COUNTRIES if c in str(first["title"])]
    later = steps[steps["date"] > first["date"]]
    contracts = later[later["title"].str.contains("contracts", case=False)]
    facts = [add_event(b, f"claims.{cid}.order", first),
             b.add(f"claims.{cid}.countries", len(named), "count", None, sources=row_ids(first)),
             add_event(b, f"claims.{cid}.first_contracts", contracts.iloc[0]) if len(contracts) else None,
             add_event(b, f"claims.{cid}.latest_step", later.iloc[-1]) if len(later) else None]
    verdict = Verdict.SUPPORTED if len(named) == len(BARTER_COUNTRIES) else \
        Verdict.PARTLY if named else Verdict.CONTRADICTED
    return ClaimCheck.of(cid, verdict, facts)
