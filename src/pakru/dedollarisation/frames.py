"""One tidy frame per chart and table of the section: :func:`frames`.

Every chart frame has ``period`` (as the report writes it), ``value``, ``unit``, ``series`` and
``source_id`` (what the "Download the data" CSV carries), plus the columns its draw function needs.
Rows are those of the reader's window (a period's row is kept when the period starts in it) and of
the chosen series. Chart frames list the rows of primary sources first, then secondary, then weak,
so the source line under a chart names the strongest publishers first.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..data import source_ids
from ..present.numbers import fixed
from ..data.periods import in_period, midpoint
from ..present.timeline import date_label
from . import claims
from .cargoes import cargo_totals, payment_status, probably_cumulative
from .currency_shares import cbr_shares, period_labels
from .events import STEPS, statement_points, timeline_events
from .facts import definitions, load, rouble_years

QUALITY_RANK = {"primary": 0, "secondary": 1, "weak": 2}
DIRECTIONS = {"cbr_exports": "Russia's exports", "cbr_imports": "Russia's imports"}


def strongest_first(frame: pd.DataFrame, sources: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """``frame`` with a ``quality`` column (the weakest of each row's sources), its rows sorted by
    quality (primary first), then by ``by``."""
    quality = source_ids.quality_of(sources)
    marks = [max((quality.get(i, "weak") for i in source_ids.split(cell)), key=QUALITY_RANK.get, default="weak")
             for cell in frame["source_id"]]
    out = frame.assign(quality=marks, _rank=[QUALITY_RANK[m] for m in marks])
    return out.sort_values(["_rank", *by], kind="stable").drop(columns="_rank").reset_index(drop=True)


def cargo_frame(cargoes: pd.DataFrame) -> pd.DataFrame:
    """One row per cargo in order of arrival. Columns: period (arrival as precisely as known),
    value (tonnes; empty when not published), unit, series (how it was paid: 'paid in yuan', 'yuan
    intended, not confirmed', 'currency not stated'), source_id, product, vessel, arrival_date,
    precision, buyer, order, cumulative (a tonnage probably summed over months)."""
    rows = cargoes.sort_values(["arrival_date", "cargo_id"]).reset_index(drop=True)
    return pd.DataFrame({
        "period": [date_label(d, p) for d, p in zip(rows["arrival_date"], rows["precision"])],
        "value": rows["tonnes"], "unit": "tonnes", "series": payment_status(rows).to_numpy(),
        "source_id": [source_ids.join(i) for i in source_ids.of_rows(rows)],
        "product": rows["product"], "vessel": rows["vessel"].fillna(""), "arrival_date": rows["arrival_date"],
        "precision": rows["precision"], "buyer": rows["buyer"].fillna(""), "order": rows["order"].fillna(""),
        "cumulative": probably_cumulative(rows).to_numpy(),
    })


def key_event_frame(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Every event, the key ones flagged (``key``, with ``key_label`` and ``key_reason`` from
    events.csv). Columns: period, value (empty: an event has no value), unit, series (category),
    source_id, and the columns of :func:`timeline_events`."""
    tl = timeline_events(events, sources)
    return tl.assign(period=[date_label(d, p) for d, p in zip(tl["date"], tl["precision"])], value=np.nan,
                     unit="event", series=tl["category"], source_id=tl["source_ids"])


def cbr_frame(shares: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The Bank of Russia's rouble, yuan and dollar-plus-euro shares (:func:`cbr_shares`).
    Columns: period, value (percent), unit, series (cbr_exports, cbr_imports), group, label,
    period_start, period_end, period_type, x, derived (dollar + euro summed here), break,
    break_note, source_id, quality."""
    cbr = cbr_shares(shares)
    notes = shares[shares["break"].fillna(False).astype(bool)].drop_duplicates(["series", "period_start"])
    note_of = {(s, d): n for s, d, n in zip(notes["series"], notes["period_start"], notes["break_note"])}
    cbr = cbr.assign(value=cbr["share_pct"], unit="percent",
                     break_note=[note_of.get((s, d), "") if b else "" for s, d, b in
                                 zip(cbr["series"], cbr["period_start"], cbr["break"])])
    return strongest_first(cbr, sources, ["series", "group", "period_start"])


def share_frame(shares: pd.DataFrame, series: list[str], currencies: tuple[str, ...], sources: pd.DataFrame
                ) -> pd.DataFrame:
    """Share observations of the given series and currencies. Columns: period, value (percent),
    unit, series, currency, period_start, period_end, period_type, x, break, break_note, source_id,
    quality."""
    rows = shares[shares["series"].isin(series) & shares["currency"].isin(currencies)].copy()
    rows = rows.assign(period=period_labels(rows), value=rows["share_pct"], unit="percent",
                       x=midpoint(rows["period_start"], rows["period_end"]),
                       **{"break": rows["break"].fillna(False).astype(bool),
                          "break_note": rows["break_note"].fillna("")})
    cols = ["period", "value", "unit", "series", "currency", "period_start", "period_end", "period_type", "x",
            "break", "break_note", "source_id"]
    return strongest_first(rows[cols], sources, ["series", "currency", "period_start"])


def rouble_measures(shares: pd.DataFrame) -> pd.DataFrame:
    """Every rouble share of the Bank of Russia's series, each with its definition; ``in_text`` marks
    the one measure the text states (the yearly share of export receipts). Columns: measure,
    period, rouble share (percent), in_text, source_id."""
    rub = shares[shares["series"].isin(list(DIRECTIONS)) & (shares["currency"] == "RUB")]
    rub = rub.sort_values(["series", "period_type", "period_start"])
    body = set(rouble_years(shares).index)
    return pd.DataFrame({
        "measure": [definitions()[f"{s}_{t}"] for s, t in zip(rub["series"], rub["period_type"])],
        "period": period_labels(rub), "rouble share": rub["share_pct"].to_numpy(),
        "in_text": ["yes" if i in body else "" for i in rub.index],
        "source_id": rub["source_id"].to_numpy(),
    })


def cargo_table(totals: pd.DataFrame) -> pd.DataFrame:
    """The cargo totals as the section's table shows them: the product (a total over months named
    so, with no cargo count: the table's note says it is not a cargo), the tonnes paid in yuan
    first, then the intended, then all."""
    product = [p if k == "cargoes" else f"{p}, {k}" for p, k in zip(totals["product"], totals["kind"])]
    return pd.DataFrame({"product": product, "paid in yuan: tonnes": totals["yuan_tonnes"],
                         "yuan intended: tonnes": totals["intended_tonnes"], "all: tonnes": totals["tonnes"],
                         "all: cargoes": totals["cargoes"]})


def frames(p: Any = None, data: dict[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """The section's frames for the reader's window and series:

    - ``cargoes`` (lead chart; :func:`cargo_frame`) and ``cargo_totals`` (:func:`cargo_totals`);
    - ``key_events`` (the strip of payment and barter steps: the events of :data:`events.STEPS`)
      and ``events`` (every event, statements too, for the appendix; :func:`key_event_frame`);
    - ``cbr`` (:func:`cbr_frame`), ``swift`` and ``cofer`` (:func:`share_frame`): empty when their
      series are not chosen;
    - ``rouble_measures`` (:func:`rouble_measures`), ``statements`` (officials' statements of
      Russia–China settlements; empty when ``include_statements`` is off) and ``conflicts``
      (reports that disagree, :func:`claims.conflicts_table`) for the appendix."""
    if p is None:
        from . import parameters

        p = parameters()
    data = data if data is not None else load()
    sources = data["sources"]
    lo, hi = pd.Timestamp(p.start), pd.Timestamp(p.end)
    shares = in_period(data["currency_shares"], lo, hi)
    cargoes = in_period(data["cargoes"], lo, hi, "arrival_date")
    chosen = list(p.series)
    statements = in_period(data["settlement_statements"], lo, hi, "date") if p.include_statements \
        else data["settlement_statements"].iloc[:0]
    conflicts = claims.conflicting_claims(data["payment_claims"])
    events = key_event_frame(in_period(data["payment_events"], lo, hi, "date"), sources)
    return {
        "cargoes": cargo_frame(cargoes),
        "cargo_totals": cargo_totals(cargoes),
        "key_events": events[events["category"].isin(STEPS)].reset_index(drop=True),
        "events": events,
        "cbr": cbr_frame(shares[shares["series"].isin(chosen)], sources),
        "swift": share_frame(shares, [s for s in ("swift_global", "swift_ex_ez") if s in chosen], ("CNY",), sources),
        "cofer": share_frame(shares, ["imf_cofer"] if "imf_cofer" in chosen else [], ("USD", "CNY"), sources),
        "rouble_measures": rouble_measures(shares[shares["series"].isin(chosen)]),
        "statements": statement_points(statements),
        "conflicts": claims.conflicts_table(conflicts),
    }



def appendix(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The appendix's tables, as a reader sees them: every event, every cargo, every rouble measure
    with its definition, the officials' statements and the reports that disagree. Every column is
    text but the sources, a column named ``sources`` or ``source_id`` that the page shows as linked
    publishers. A frame with no rows gives no table."""
    ev, cg, st = frames["events"], frames["cargoes"], frames["statements"]
    rm = frames["rouble_measures"]
    tables = {
        "events": pd.DataFrame({"date": ev["period"], "kind": ev["category"], "event": ev["title"],
                                "sources": ev["source_id"]}),
        "cargoes": pd.DataFrame({"arrived": cg["period"], "product": cg["product"],
                                 "vessel or buyer": [v or b for v, b in zip(cg["vessel"], cg["buyer"])],
                                 "tonnes": [_tonnes(v, c) for v, c in zip(cg["value"], cg["cumulative"])],
                                 "paid": cg["series"], "sources": cg["source_id"]}),
        "rouble_measures": pd.DataFrame({"measure": rm["measure"], "period": rm["period"],
                                         "rouble share": [f"{v:g}%" for v in rm["rouble share"]],
                                         "in the text": rm["in_text"], "sources": rm["source_id"]}),
        "statements": pd.DataFrame({"date": [date_label(d, p) for d, p in zip(st["date"], st["precision"])],
                                    "speaker": st["speaker"], "share stated": [lab.split()[-1] for lab in st["label"]],
                                    "claim": st["claim"], "sources": st["source_ids"]}),
        "conflicts": frames["conflicts"].rename(columns={"source_id": "sources"}),
    }
    return {name: table for name, table in tables.items() if not table.empty}


def _tonnes(value: float, cumulative: bool) -> str:
    """A cargo's tonnes as the appendix writes them; a total over months says so."""
    if pd.isna(value):
        return ""
    return fixed(value) + (" in all, probably over months" if cumulative else "")
