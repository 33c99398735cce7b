"""Every figure the de-dollarisation section states, computed once: :func:`facts`.

The facts under ``payments.`` read all the data and never depend on the parameters (the front page
reads them); those under ``payments.window.`` follow the reader's window and series (the charts'
titles read them). Each fact is made in one function below; which event states which finding is
editorial data (``data/payments/roles.csv``), and the definitions of the measures are in
``text/definitions.yaml`` beside the templates.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from ..data import datasets, source_ids
from ..data.periods import statistic_period_label, year_span_label
from ..facts import FactBook, Facts, Period
from ..facts.model import Fact
from ..present.text import date_text
from .cargoes import PAID_IN_YUAN, YUAN_INTENDED, payment_status
from .claims import TOPIC_SECOND_TONNAGE, reported_numbers

READS = ("sources", "payment_events", "cargoes", "payment_claims", "currency_shares", "settlement_statements",
         "payment_roles", "defence_events")
SWIFT_SERIES = ("swift_global", "swift_ex_ez")  # the first is the headline series when both are chosen


@cache
def definitions() -> dict[str, str]:
    """What each measure means, in a few words (``text/definitions.yaml``)."""
    path = Path(__file__).with_name("text") / "definitions.yaml"
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def load() -> dict[str, pd.DataFrame]:
    """The section's data, as :func:`pakru.data.datasets.load` validates it."""
    return {name: datasets.load(name) for name in READS}


# --- periods -----------------------------------------------------------------------------------------

def day_period(day: object, precision: str = "day") -> Period:
    """A date as a period: ``11 June 2023`` (basis day), ``December 2023`` (basis month)."""
    ts = pd.Timestamp(day)
    start = ts.replace(day=1) if precision == "month" else ts.replace(month=1, day=1) if precision == "year" else ts
    end = {"day": start, "month": start + pd.offsets.MonthEnd(0), "year": start + pd.offsets.YearEnd(0)}[precision]
    return Period(date_text(ts.date(), precision), start.date(), end.date(), precision)


def statistic_period(row: pd.Series) -> Period:
    """A statistic's period: ``2025`` (calendar), ``July 2024`` (month), ``2025-Q1`` (window)."""
    basis = {"year": "calendar", "month": "month"}.get(str(row["period_type"]), "window")
    return Period(statistic_period_label(row["period_start"], row["period_end"], row["period_type"]),
                  pd.Timestamp(row["period_start"]).date(), pd.Timestamp(row["period_end"]).date(), basis)


def row_sources(frame: pd.DataFrame) -> list[str]:
    return source_ids.of_frame(frame)


# --- the crude cargoes -----------------------------------------------------------------------------------

def crude_rows(cargoes: pd.DataFrame) -> pd.DataFrame:
    """Crude cargoes with their payment status (``payment``) and whether they belong to the
    government-to-government (G2G) order (``g2g``: its ``order`` names it)."""
    crude = cargoes[cargoes["product"] == "crude oil"].sort_values(["arrival_date", "cargo_id"])
    return crude.assign(payment=payment_status(crude),
                        g2g=crude["order"].fillna("").str.contains("G2G", regex=False))


def add_crude(book: FactBook, cargoes: pd.DataFrame, order: Fact | None, prefix: str = "payments.",
              claims: pd.DataFrame | None = None) -> None:
    """The trial order and its two cargoes (the second's tonnage, and the other figure reports give
    for it when ``claims`` are passed), what was paid in yuan, the private refiner's intended yuan
    payment (never counted as paid), and the last crude cargo with a published size."""
    crude = crude_rows(cargoes)
    g2g = crude[crude["g2g"]]
    if not g2g.empty:
        book.add(f"{prefix}crude.g2g_order_tonnes", g2g["order_tonnes"].max(), "tonnes",
                 order.period if order else None, sources=row_sources(g2g))
        first, last = g2g.iloc[0], g2g.iloc[-1]
        book.add(f"{prefix}crude.first_cargo", pd.Timestamp(first["arrival_date"]).date(), "date",
                 day_period(first["arrival_date"], first["precision"]), sources=row_sources(g2g.head(1)))
        book.add(f"{prefix}crude.first_cargo_tonnes", first["tonnes"], "tonnes",
                 day_period(first["arrival_date"], first["precision"]), sources=row_sources(g2g.head(1)))
        if len(g2g) > 1:
            when = day_period(last["arrival_date"], last["precision"])
            book.add(f"{prefix}crude.last_g2g_cargo", pd.Timestamp(last["arrival_date"]).date(), "date", when,
                     sources=row_sources(g2g.tail(1)))
            book.add(f"{prefix}crude.last_g2g_cargo_tonnes", last["tonnes"], "tonnes", when,
                     sources=row_sources(g2g.tail(1)))
            if claims is not None:
                add_other_tonnage(book, claims, TOPIC_SECOND_TONNAGE, last["tonnes"], when,
                                  f"{prefix}crude.last_g2g_cargo_tonnes_other")
    paid = crude[crude["payment"] == PAID_IN_YUAN]
    if not paid.empty:
        span = Period(_span_label(paid), paid["arrival_date"].min().date(), paid["arrival_date"].max().date(), "window")
        book.add(f"{prefix}crude.yuan_paid_cargoes", len(paid), "count", span, sources=row_sources(paid))
        book.add(f"{prefix}crude.yuan_paid_tonnes", paid["tonnes"].sum(), "tonnes", span, sources=row_sources(paid))
    intended = crude[crude["payment"] == YUAN_INTENDED]
    if not intended.empty:
        first = intended.iloc[0]
        book.add(f"{prefix}crude.private_intended_tonnes", intended["tonnes"].sum(), "tonnes",
                 day_period(first["arrival_date"], first["precision"]), sources=row_sources(intended),
                 definition=definitions()["private_intended"])
    sized = crude[crude["tonnes"].notna()]
    if not sized.empty:
        last = sized.iloc[-1]
        book.add(f"{prefix}crude.last_sized_cargo", pd.Timestamp(last["arrival_date"]).date(), "date",
                 day_period(last["arrival_date"], last["precision"]), sources=row_sources(sized.tail(1)))
        book.add(f"{prefix}crude.reported_cargoes", len(crude), "count", None, sources=row_sources(crude))


def add_other_tonnage(book: FactBook, claims: pd.DataFrame, topic: str, used: float, period: Period,
                      fact_id: str) -> None:
    """The figure reports on ``topic`` give for a cargo besides the one used (the most reported of
    the others), with the reports that give it: the variant the text mentions once."""
    reported = reported_numbers(claims, topic)
    other = reported[reported["value"] != used]
    if other.empty or pd.isna(used):
        return
    value = other["value"].value_counts(sort=True).index[0]
    book.add(fact_id, float(value), "tonnes", period, sources=list(other[other["value"] == value]["source_id"]))


def _span_label(rows: pd.DataFrame) -> str:
    a, b = pd.Timestamp(rows["arrival_date"].min()), pd.Timestamp(rows["arrival_date"].max())
    return date_text(a.date(), "month") if (a.year, a.month) == (b.year, b.month) else \
        f"{date_text(a.date(), 'month')}–{date_text(b.date(), 'month')}"


# --- the dated findings editorial data names (roles.csv) ------------------------------------------------

def add_roles(book: FactBook, events: pd.DataFrame, roles: pd.DataFrame) -> dict[str, Fact]:
    """One fact per ``fact`` named in roles.csv, from its event (the latest, when several rows name
    the same fact): a date; a percent from the row's ``value`` (else the event's ``amount``); or a
    text, the row's ``quote`` (words the source gives, such as a count in words). The row's
    ``source_ids``, when given, narrow the event's sources to those that carry the finding. Loading
    the data refuses an event id neither events file holds; a row whose event ``events`` lacks (a
    caller's narrower frame) is skipped."""
    made: dict[str, Fact] = {}
    by_id = events.drop_duplicates("event_id").set_index("event_id")
    for fact_id, rows in roles.groupby("fact", sort=False):
        rows = rows[rows["event_id"].isin(by_id.index)]
        if rows.empty:
            continue
        dated = rows.assign(_date=[by_id.at[e, "date"] for e in rows["event_id"]]).sort_values("_date")
        role = dated.iloc[-1]
        event = by_id.loc[role["event_id"]]
        precision = role["precision"] if isinstance(role["precision"], str) else event["precision"]
        sources = source_ids.split(event["source_id"], event["also_source_ids"])
        if isinstance(role.get("source_ids"), str) and role["source_ids"].strip():
            sources = source_ids.split(role["source_ids"])
        when = day_period(event["date"], precision)
        if role["unit"] == "date":
            f = book.add(fact_id, pd.Timestamp(event["date"]).date(), "date", when, sources=sources)
        elif role["unit"] == "text":
            quote = role.get("quote")
            f = book.add(fact_id, quote.strip(), "text", when, sources=sources) \
                if isinstance(quote, str) and quote.strip() else None
        else:
            value = role["value"] if pd.notna(role["value"]) else event["amount"]
            label = role["period"] if isinstance(role["period"], str) else date_text(event["date"].date(), precision)
            f = book.add(fact_id, None if pd.isna(value) else float(value), "percent", Period(label),
                         sources=sources, qualifier=role["qualifier"] if isinstance(role["qualifier"], str) else "",
                         definition=definitions().get(fact_id, ""))
        if f is not None:
            made[fact_id] = f
    return made


def role_events(data: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The events roles.csv may name: the payment events, then the defence file's events (the oil
    thread's statements and context sit there), with the columns :func:`add_roles` reads."""
    cols = ["event_id", "date", "precision", "source_id", "also_source_ids", "amount"]
    frames = [data["payment_events"]] + ([data["defence_events"]] if "defence_events" in data else [])
    return pd.concat([f.reindex(columns=cols) for f in frames], ignore_index=True)


# --- barter and the swap line ---------------------------------------------------------------------------

def add_barter(book: FactBook, events: pd.DataFrame) -> None:
    """The latest barter step on record (the end of its period decides: an order notified 'in
    October' comes after an approval on 2 October)."""
    barter = _by_period_end(events[events["category"] == "barter"])
    if not barter.empty:
        last = barter.iloc[-1]
        book.add("payments.barter.latest_step", pd.Timestamp(last["date"]).date(), "date",
                 day_period(last["date"], last["precision"]), sources=row_sources(barter.tail(1)))


def _by_period_end(rows: pd.DataFrame) -> pd.DataFrame:
    from ..present.timeline import period_end

    ends = [period_end(d, p) for d, p in zip(rows["date"], rows["precision"])]
    return rows.assign(_end=ends).sort_values(["_end", "date", "event_id"])


def add_swap(book: FactBook, events: pd.DataFrame) -> None:
    """The yuan swap line with China: its first size, its size at the latest renewal, and the
    increase Pakistan asked for after it."""
    swap = events[(events["category"] == "swap line") & (events["currency"] == "CNY")].sort_values("date")
    held = swap[swap["unit"] == "CNY billion"]
    if held.empty:
        return
    first, last = held.iloc[0], held.iloc[-1]
    book.add("payments.swap.first", first["amount"], "CNY billion", day_period(first["date"], first["precision"]),
             sources=row_sources(held.head(1)))
    book.add("payments.swap.limit", last["amount"], "CNY billion", day_period(last["date"], last["precision"]),
             sources=row_sources(held.tail(1)))
    asked = swap[swap["unit"].fillna("").str.contains("requested") & (swap["date"] > last["date"])]
    if not asked.empty:
        a = asked.iloc[-1]
        book.add("payments.swap.requested", a["amount"], "CNY billion", day_period(a["date"], a["precision"]),
                 sources=row_sources(asked))


# --- the statistics ------------------------------------------------------------------------------------

def rouble_years(shares: pd.DataFrame) -> pd.DataFrame:
    """The body's one rouble measure: the Bank of Russia's yearly share of Russia's export receipts
    settled in roubles, by year."""
    return shares[(shares["series"] == "cbr_exports") & (shares["currency"] == "RUB")
                  & (shares["period_type"] == "year")].sort_values("period_start")


def add_rouble(book: FactBook, shares: pd.DataFrame, prefix: str = "payments.") -> None:
    years = rouble_years(shares)
    definition = definitions()["rouble_share_exports_year"]
    for name, pos in (("latest", -1), ("previous", -2)):
        if len(years) >= -pos:
            row = years.iloc[pos]
            book.add(f"{prefix}rouble_share.exports.{name}", row["share_pct"], "percent", statistic_period(row),
                     sources=row["source_id"], definition=definition)


def swift_rows(shares: pd.DataFrame, series: str) -> pd.DataFrame:
    return shares[(shares["series"] == series) & (shares["currency"] == "CNY")].sort_values("period_start")


def add_share_ends(book: FactBook, rows: pd.DataFrame, stem: str, definition: str = "", first: bool = False) -> None:
    """``<stem>.latest`` and ``<stem>.peak`` (the earliest of equal highs) of one share series, and
    ``<stem>.first`` when asked."""
    if rows.empty:
        return
    rows = rows.sort_values(["period_start", "period_end"], kind="stable")
    top = rows.sort_values("share_pct", ascending=False, kind="stable").iloc[0]
    picks = [("latest", rows.iloc[-1]), ("peak", top)] + ([("first", rows.iloc[0])] if first else [])
    for name, row in picks:
        book.add(f"{stem}.{name}", row["share_pct"], "percent", statistic_period(row), sources=row["source_id"],
                 definition=definition)


def add_reporter(book: FactBook, row: pd.Series, fact_id: str) -> None:
    """Who reported a statistic when a news report, not the statistic's publisher, gives it: the
    reporting publisher's name as the registry writes it, before any bracket ('AASTOCKS'), so the
    text can say whose report of the figures it quotes."""
    reg = book.registry if book.registry is not None else datasets.load("sources")
    reg = reg.set_index("source_id") if "source_id" in reg.columns else reg
    sid = str(row["source_id"])
    if sid not in reg.index or str(reg.at[sid, "kind"]) != "news report":
        return
    name = str(reg.at[sid, "publisher"]).split(" (")[0].strip()
    book.add(fact_id, name, "text", statistic_period(row), sources=[sid])


def add_weak_run(book: FactBook, rows: pd.DataFrame, fact_id: str) -> None:
    """The latest run of consecutive observations that rest only on weak sources (count, with
    their span as the period): the months a reader should not quote without the caveat."""
    weak = [book.source(i).quality == "weak" for i in rows["source_id"]]
    if not any(weak):
        return
    end = len(weak) - list(reversed(weak)).index(True)
    start = end
    while start > 0 and weak[start - 1]:
        start -= 1
    run = rows.iloc[start:end]
    book.add(fact_id, len(run), "count", Period(_months_label(run), run["period_start"].min().date(),
                                                run["period_end"].max().date(), "window"), sources=row_sources(run))


def add_breaks(book: FactBook, rows: pd.DataFrame, fact_id: str) -> None:
    """How many times a series changed definition (count, the months as the period)."""
    flagged = rows[rows["break"].fillna(False).astype(bool)]
    if not flagged.empty:
        book.add(fact_id, len(flagged), "count", Period(_months_label(flagged, join=" and "),
                 flagged["period_start"].min().date(), flagged["period_start"].max().date(), "window"),
                 sources=row_sources(flagged))


def _months_label(rows: pd.DataFrame, join: str = "–") -> str:
    """``July–October 2025``, ``March and July 2023``, ``December 2024–January 2025``."""
    a, b = pd.Timestamp(rows["period_start"].min()), pd.Timestamp(rows["period_start"].max())
    if (a.year, a.month) == (b.year, b.month):
        return date_text(a.date(), "month")
    first = f"{date_text(a.date(), 'month')}" if a.year != b.year else date_text(a.date(), "month").split()[0]
    return f"{first}{join}{date_text(b.date(), 'month')}"


def add_statement(book: FactBook, statements: pd.DataFrame) -> None:
    """The latest official's statement of the share of Russia–China settlements in national
    currencies (a statement, not a statistic)."""
    stated = statements[statements["share_pct"].notna()].sort_values("date")
    if not stated.empty:
        row = stated.iloc[-1]
        book.add("payments.russia_china.latest_statement", row["share_pct"], "percent",
                 day_period(row["date"], row["precision"]), sources=source_ids.split(row["source_id"],
                                                                                     row["also_source_ids"]),
                 qualifier=row["qualifier"] if isinstance(row["qualifier"], str) else "",
                 definition=definitions()["russia_china_statement"])
        role = str(row["role"]) if isinstance(row["role"], str) else ""
        book.add("payments.russia_china.latest_statement_speaker",
                 f"{row['speaker']}, {role[:1].lower()}{role[1:]}" if role else str(row["speaker"]), "text",
                 day_period(row["date"], row["precision"]),
                 sources=source_ids.split(row["source_id"], row["also_source_ids"]))


def add_world(book: FactBook, shares: pd.DataFrame, prefix: str = "payments.",
              series: tuple[str, ...] = ("swift_global", "imf_cofer")) -> None:
    """The yuan's share of SWIFT payments (the first SWIFT series chosen) and the renminbi's and
    the dollar's shares of the world's allocated reserves (IMF COFER)."""
    swift = next((s for s in SWIFT_SERIES if s in series and not swift_rows(shares, s).empty), None)
    if swift is not None:
        rows = swift_rows(shares, swift)
        add_share_ends(book, rows, f"{prefix}swift.cny_share", definitions()[swift], first=prefix != "payments.")
        add_reporter(book, rows.sort_values(["period_start", "period_end"], kind="stable").iloc[-1],
                     f"{prefix}swift.cny_share.latest_reported_by")
        add_weak_run(book, rows, f"{prefix}swift.weak_months")
        add_breaks(book, rows, f"{prefix}swift.breaks")
    if "imf_cofer" in series:
        for currency in ("CNY", "USD"):
            rows = shares[(shares["series"] == "imf_cofer") & (shares["currency"] == currency)]
            add_share_ends(book, rows, f"{prefix}cofer.{currency.lower()}_share", definitions()[f"cofer_{currency}"])


# --- the reader's window -------------------------------------------------------------------------------

def add_window(book: FactBook, data: dict[str, pd.DataFrame], fixed: Facts, p: Any, order: Fact | None) -> None:
    """Facts for the charts' titles: the dated events that fall inside the window (the same value
    under ``payments.window.``), the window's cargoes and events, and the statistics of the chosen
    series inside it."""
    lo, hi = pd.Timestamp(p.start), pd.Timestamp(p.end)
    add_crude(book, data["cargoes"][(data["cargoes"]["arrival_date"] >= lo) & (data["cargoes"]["arrival_date"] <= hi)],
              order, "payments.window.")
    for f in fixed.values():
        copied = f.id in set(data["payment_roles"]["fact"]) or f.id.startswith("payments.barter.")
        if copied and f.unit == "date" and isinstance(f.value, date) and lo <= pd.Timestamp(f.value) <= hi:
            book.add("payments.window." + f.id.removeprefix("payments."), f.value, f.unit, f.period,
                     sources=list(f.source_ids))
    events = data["payment_events"]
    inside = events[(events["date"] >= lo) & (events["date"] <= hi)].sort_values("date")
    if not inside.empty:
        first, last = inside["date"].min(), inside["date"].max()
        span = Period(year_span_label(first.year, last.year), first.date(), last.date(), "span")
        book.add("payments.window.events", len(inside), "count", span, sources=row_sources(inside))
    shares = data["currency_shares"]
    shares = shares[shares["series"].isin(p.series) & (shares["period_start"] >= lo) & (shares["period_start"] <= hi)]
    if "cbr_exports" in p.series:
        add_rouble(book, shares, "payments.window.")
    add_world(book, shares, "payments.window.", tuple(p.series))


# --- the section's facts -----------------------------------------------------------------------------------

def facts(p: Any = None, data: dict[str, pd.DataFrame] | None = None) -> Facts:
    """Every figure the section states. ``p`` is the parameter record (:func:`parameters`);
    ``data`` the frames of :func:`load` (tests pass altered ones)."""
    if p is None:
        from . import parameters

        p = parameters()
    data = data if data is not None else load()
    book = FactBook(data["sources"])
    roles = add_roles(book, role_events(data), data["payment_roles"])
    add_crude(book, data["cargoes"], roles.get("payments.crude.g2g_order"), claims=data["payment_claims"])
    add_barter(book, data["payment_events"])
    add_swap(book, data["payment_events"])
    add_rouble(book, data["currency_shares"])
    add_world(book, data["currency_shares"])
    add_statement(book, data["settlement_statements"])
    fixed = book.facts()
    add_window(book, data, fixed, p, roles.get("payments.crude.g2g_order"))
    return book.facts()
