"""The article's two theses, weighed against the evidence up to the latest data.

"75 years on, Pakistan-Russia relations are stronger than ever" (Arab News, 2023) argues that
relations are "stronger than ever" and that the yuan payment for Russian crude is "indicative of an
emerging de-dollarisation pattern". The first claim raises two questions: was it so in 2023, when
the article was written, and has it held since? Each question gets a verdict by a small pure rule
over the facts (the sections' facts, the claim checks' and the dated events chosen in
``data/article/evidence.csv``, each in its own period), so evidence that changes the balance changes
the verdict. A verdict is dated to the last month its evidence reaches ("had not held by March
2026"), and a report resting on a weak source never lifts a verdict or its confidence. The words are
in ``text/theses.md.j2`` and ``text/verdicts.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from ..claims.model import Verdict
from ..facts import Fact, FactBook, Facts, Period
from ..present.text import date_text
from .checks.common import add_event, row_ids, span_period
from .inputs import Inputs

QUESTIONS = ("stronger_than_ever_2023", "stronger_than_ever_since", "de_dollarisation")
ROWS = ("in_2023", "since_2023", "de_dollarisation")  # the same questions as data/article/evidence.csv names them
RECORD_YEAR = 2023          # the year the article was written, and of the trade record it cites
NEAR_RECORD_PCT = 90.0      # trade within a tenth of its record year is still at the record
HALF_PCT = 50.0             # under half of the record year, the record has plainly not held
# the non-dollar settlements on record, by the fact that dates each (a report, a first contract)
SETTLEMENTS = ("payments.wheat.dirhams", "payments.barter.first_contracts", "payments.national_currencies.reported")
# those in a currency pegged to the dollar (the UAE dirham): off the dollar's payment rails, still on its value
PEGGED = ("payments.wheat.dirhams",)


@cache
def verdict_words() -> dict[str, dict[str, str]]:
    """Each question's verdict as the report prints it (``text/verdicts.yaml``)."""
    path = Path(__file__).with_name("text") / "verdicts.yaml"
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def _year(f: Fact | None) -> int | None:
    if f is None:
        return None
    if isinstance(f.value, date):
        return f.value.year
    return f.period.start.year if f.period and f.period.start else None


def _overlaps(f: Fact | None, year: int) -> bool:
    """The fact's period overlaps the calendar year (FY2023-24 overlaps 2023)."""
    p = f.period if f is not None else None
    return bool(p and p.start and p.end and p.start.year <= year <= p.end.year)


def _statistic(f: Fact) -> bool:
    """An official statistic: a figure (not a date or a statement) from a primary source."""
    return f.unit not in ("date", "text") and any(s.quality == "primary" for s in f.sources)


def confidence(decisive: Iterable[Fact | None], agree: bool) -> str:
    """How firmly the sources carry a verdict, as the text's one sentence says it. A fact resting on
    a weak source counts for nothing here (it is shown, marked, and never lifts a verdict or its
    confidence). High: an official statistic among the facts that decide the verdict, and the
    statements and reports weighed with it (at least one) pointing the same way (``agree``). Low:
    nothing but weak sources decides it. Moderate: the rest (statements and press reports alone,
    or at odds with the statistic)."""
    facts = [f for f in decisive if f is not None and f.quality != "weak"]
    if not facts:
        return "low"
    statistic, others = any(_statistic(f) for f in facts), any(not _statistic(f) for f in facts)
    return "high" if agree and statistic and others else "moderate"


# --- 1. "stronger than ever" in 2023 ------------------------------------------------------------------

@dataclass(frozen=True)
class In2023:
    """The strands of the relationship in the article's year."""

    trade_record: bool | None  # the State Bank's record year overlaps 2023, or Russia's officials say 2023 was
                               # the record; None without either figure
    energy_first: bool   # the first Russian crude arrived in 2023
    defence_pause: bool  # the armies held no Druzhba exercise in 2023


def in_2023(f: Facts) -> In2023:
    peak, officials = f.get("trade.sbp.peak"), f.get("trade.russia_official.cy2023")
    record = None if peak is None and officials is None else _overlaps(peak, RECORD_YEAR) or officials is not None
    return In2023(trade_record=record,
                  energy_first=_year(f.get("payments.crude.first_cargo")) == RECORD_YEAR,
                  defence_pause=_overlaps(f.get("defence.druzhba.gap"), RECORD_YEAR))


def verdict_in_2023(e: In2023) -> Verdict:
    """The article's case for a record rests on what was new in 2023: trade at its highest and the
    first Russian energy. Without a trade record the thesis fails in its own year; with both, it
    held, unless another strand was weaker than before (no army exercise), which keeps it to
    'partly': a record in some ties is not the relationship "stronger than ever"."""
    if e.trade_record is None:
        return Verdict.NOT_CHECKABLE
    if not e.trade_record:
        return Verdict.CONTRADICTED
    if e.energy_first and not e.defence_pause:
        return Verdict.SUPPORTED
    return Verdict.PARTLY


# --- 2. has it held since? ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Since2023:
    """The strands that made 2023 a record, measured since."""

    share_of_record: float | None  # the latest full year's trade as a percentage of the record year's
    energy_continued: bool         # a Russian crude cargo with a published size after 2023
    officials_say_not_held: bool   # Russia's officials say the 2023 record was not held


def since_2023(f: Facts) -> Since2023:
    share = f.get("trade.sbp.latest_year_share_of_peak")
    last = _year(f.get("payments.crude.last_sized_cargo"))
    return Since2023(share_of_record=share.number if share is not None else None,
                     energy_continued=last is not None and last > RECORD_YEAR,
                     officials_say_not_held=f.get("theses.evidence.record_not_held") is not None)


def verdict_since_2023(e: Since2023) -> Verdict:
    """"Stronger than ever" still holds only if the strands that made 2023 a record are still there.
    Trade is the one with figures on both sides: near its record with energy still flowing, it held;
    at half or more of the record, or below half while crude cargoes continued, it held in part;
    below half with no sized cargo since, it has not held. Ties that carried on (exercises,
    commissions) show the relationship continued, not that it grew, so they cannot lift the
    verdict; the text gives them. Without the statistic, Russia's officials saying the record was
    not held decides (with less confidence)."""
    if e.share_of_record is None:
        return Verdict.CONTRADICTED if e.officials_say_not_held else Verdict.NOT_CHECKABLE
    if e.share_of_record >= NEAR_RECORD_PCT and e.energy_continued:
        return Verdict.SUPPORTED
    if e.share_of_record >= HALF_PCT or e.energy_continued:
        return Verdict.PARTLY
    return Verdict.CONTRADICTED


# --- 3. an emerging de-dollarisation pattern --------------------------------------------------------------

@dataclass(frozen=True)
class Pattern:
    """Non-dollar settlement after the yuan payment, and how the yuan was paid for."""

    first_year: int
    paid: bool                 # a payment outside the dollar is on record at all (the yuan payment)
    later: tuple[str, ...]     # ids of facts dating a non-dollar settlement after the first year, no source weak
    bought_with_dollars: bool  # reports say Pakistan bought the yuan with dollars (no source weak)
    crude_route_ended: bool    # the government-to-government crude route was reported abandoned
    pegged: tuple[str, ...] = ()  # of ``later``, those in a currency pegged to the dollar (the dirham)


def pattern(f: Facts) -> Pattern:
    first = _year(f.get("payments.crude.yuan_statement") or f.get("payments.crude.first_cargo")) or RECORD_YEAR
    # a report resting on a weak source (its weakest) is shown, marked, and counted on neither side:
    # not as a settlement (the 80% of national currencies), not as holding the pattern back
    later = tuple(i for i in SETTLEMENTS if (y := _year(f.get(i))) is not None and y > first
                  and f[i].quality != "weak")
    funded = f.get("claims.payments.paid_in_yuan.funded_with")
    paid = f.get("payments.crude.yuan_statement") is not None or f.get("claims.payments.paid_in_yuan.settled") \
        is not None
    return Pattern(first, paid, later, funded is not None and funded.value == "USD" and funded.quality != "weak",
                   f.get("payments.crude.g2g_abandoned") is not None, tuple(i for i in later if i in PEGGED))


def verdict_pattern(e: Pattern) -> Verdict:
    """One payment is not a pattern: the thesis needs non-dollar settlement to recur after the first
    year, on sources none of which is weak (a weak report is shown, marked, and never counted). If it
    recurred but the yuan itself was bought with dollars, or the crude route it paid for ended, or
    the only currency it recurred in is pegged to the dollar (the UAE dirham), the dollar was moved,
    not left: partly borne out. Recurring outside the dollar and its pegs, funded without dollars
    and continuing: borne out."""
    if not e.paid and not e.later:
        return Verdict.NOT_CHECKABLE
    if not e.later:
        return Verdict.CONTRADICTED
    if e.bought_with_dollars or e.crude_route_ended or set(e.later) <= set(e.pegged):
        return Verdict.PARTLY
    return Verdict.SUPPORTED


# --- the facts ---------------------------------------------------------------------------------------------

def evidence_facts(d: Inputs) -> Facts:
    """One date fact per row of ``data/article/evidence.csv``, from its event (and the event's
    sources); a row whose event is not in the events data is skipped, so a row can be written
    before its event lands. A row's ``period_start``/``period_end`` give the months an event
    reports when its own date is coarser (Sputnik India's January–March 2024, dated to 2024)."""
    events = pd.concat([d.events, d.payment_events], ignore_index=True).set_index("event_id")
    b = FactBook(d.sources)
    for _, row in d.evidence.iterrows():
        if row["event_id"] not in events.index:
            continue
        event = events.loc[row["event_id"]]
        if pd.notna(row.get("period_start")) and pd.notna(row.get("period_end")):
            start, end = pd.Timestamp(row["period_start"]).date(), pd.Timestamp(row["period_end"]).date()
            whole_year = (start.month, start.day, end.month, end.day, start.year) == (1, 1, 12, 31, end.year)
            period = span_period(start.year, end.year) if whole_year else month_span(start, end)
            b.add(row["fact"], start, "date", period, sources=row_ids(event))
        else:
            add_event(b, row["fact"], event)
    return b.facts()


def arms_facts(d: Inputs) -> Facts:
    """China's share of Pakistan's arms imports (``theses.arms.china_share_2023``, percent) in the
    SIPRI window that ends in the article's year (2019–23): a window reaching years after it (2021–25)
    is not 2023's evidence, so without a window ending in the year there is no fact."""
    s = d.supplier_shares
    rows = s[(s["recipient"] == "Pakistan") & (s["supplier"] == "China") & (s["window_end"] == RECORD_YEAR)]
    b = FactBook(d.sources)
    if not rows.empty:
        r = rows.iloc[0]
        b.add("theses.arms.china_share_2023", float(r["share_pct"]), "percent",
              span_period(int(r["window_start"]), int(r["window_end"])),
              qualifier="" if pd.isna(r["qualifier"]) else str(r["qualifier"]), sources=row_ids(r))
    return b.facts()


def _latest(f: Facts, ids: Iterable[str]) -> date | None:
    """The latest day the facts ``ids`` reach: a dated event's day or the end of a figure's period."""
    days = [d for i in ids if (x := f.get(i)) is not None
            for d in (x.value if isinstance(x.value, date) else None, x.period.end if x.period else None)
            if isinstance(d, date)]
    return max(days, default=None)


def month_span(start: date, end: date) -> Period:
    """``January 2024–March 2026``, ``June–December 2023``, ``March 2026``: the months a verdict
    weighs, from the first to the last its evidence reaches."""
    first, last = date_text(start, "month"), date_text(end, "month")
    label = first if first == last else \
        f"{first.split()[0]}–{last}" if start.year == end.year else f"{first}–{last}"
    return Period(label, start.replace(day=1), end, "window")


def _verdict_fact(b: FactBook, question: str, verdict: Verdict, period: Period, decisive: list[Fact | None],
                  agree: bool) -> None:
    """The verdict as the report words it (``text/verdicts.yaml``), dated to the last month its
    evidence reaches (``{when}``: "March 2026"; the year for a question about one year)."""
    when = period.label if period.basis == "calendar" else date_text(period.end, "month") if period.end else ""
    words = verdict_words()[question][verdict.value].format(when=when)
    if any(f is not None for f in decisive):
        b.derive(f"theses.{question}.verdict", words, "text", period, of=decisive,
                 definition=f"verdict: {verdict.value}")
        b.derive(f"theses.{question}.confidence", confidence(decisive, agree), "text", period, of=decisive)
    else:  # nothing to weigh: the verdict still stands, resting on no source
        b.add(f"theses.{question}.verdict", words, "text", period, definition=f"verdict: {verdict.value}")
        b.add(f"theses.{question}.confidence", confidence(decisive, agree), "text", period)


def _first_payment(f: Facts) -> date:
    """The day the yuan payment is first on record (the statement, else the first cargo)."""
    x = f.get("payments.crude.yuan_statement") or f.get("payments.crude.first_cargo")
    return x.value if x is not None and isinstance(x.value, date) else date(RECORD_YEAR, 1, 1)


def thesis_facts(f: Facts, registry: pd.DataFrame | None = None,
                 rows: Mapping[str, Iterable[str]] | None = None) -> Facts:
    """The verdict and confidence of each question (``theses.<question>.verdict``, unit text, e.g.
    "had not held by March 2026"; ``.confidence``), from ``f``: the sections' facts, the claim
    checks' and the evidence events'. ``rows`` names, for each question (as :data:`ROWS` names
    them), the evidence facts chosen for it (``data/article/evidence.csv``; default: every
    ``theses.evidence.*`` fact): they date how far its evidence reaches."""
    b = FactBook(registry)
    chosen = {q: tuple(rows.get(q, ())) if rows is not None else tuple(i for i in f if i.startswith("theses.evidence."))
              for q in ROWS}
    e1 = in_2023(f)
    decisive1 = [f.get("trade.sbp.peak"), f.get("trade.russia_official.cy2023"), f.get("payments.crude.first_cargo"),
                 f.get("defence.druzhba.gap")]
    _verdict_fact(b, QUESTIONS[0], verdict_in_2023(e1), span_period(RECORD_YEAR, RECORD_YEAR), decisive1,
                  agree=_overlaps(f.get("trade.sbp.peak"), RECORD_YEAR) == (f.get("trade.russia_official.cy2023")
                                                                             is not None))
    e2 = since_2023(f)
    decisive2 = [f.get("trade.sbp.latest_year_share_of_peak"), f.get("theses.evidence.record_not_held"),
                 f.get("payments.crude.last_sized_cargo")]
    since = [*(i for i in f if i.startswith(("trade.sbp.", "payments.oil.", "defence.druzhba."))),
             "payments.crude.last_sized_cargo", *chosen["since_2023"]]
    after = date(RECORD_YEAR + 1, 1, 1)
    falling = e2.share_of_record is not None and e2.share_of_record < HALF_PCT
    _verdict_fact(b, QUESTIONS[1], verdict_since_2023(e2), month_span(after, max(_latest(f, since) or after, after)),
                  decisive2, agree=e2.share_of_record is None or falling == e2.officials_say_not_held)
    e3 = pattern(f)
    # what decides it: the settlements counted, and what holds the pattern back
    decisive3 = [*(f.get(i) for i in e3.later),
                 f.get("claims.payments.paid_in_yuan.funded_with") if e3.bought_with_dollars else None,
                 f.get("payments.crude.g2g_abandoned")]
    first = _first_payment(f)
    last = _latest(f, [*SETTLEMENTS, "payments.banking_channels", *chosen["de_dollarisation"]]) or first
    _verdict_fact(b, QUESTIONS[2], verdict_pattern(e3), month_span(first, max(last, first)), decisive3, agree=True)
    return b.facts()
