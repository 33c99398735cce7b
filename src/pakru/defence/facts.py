"""The defence section's findings, computed once: each fact in one function, from ``data/``, for the
window and selection the parameters make (:func:`facts`). Templates, chart titles and the front page
read them; nothing downstream recomputes a figure.

SIPRI's terms: figures computed from its trend-indicator values (TIV, a volume index of major arms,
not money) are this report's, never SIPRI's; their definitions say so.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..data import datasets, source_ids
from ..data.periods import missing_years
from ..data.schema import DATASETS
from ..facts import Fact, FactBook, Facts, Period
from . import events, published_shares, sipri

RUSSIA = ("Russia", "Soviet Union")


def span(first: int, last: int) -> Period:
    """``2021–25`` (SIPRI's way of writing a window), ``1995–2004``, or ``2018``."""
    label = str(first) if first == last else \
        f"{first}–{last % 100:02d}" if first // 100 == last // 100 else f"{first}–{last}"
    return Period(label, date(first, 1, 1), date(last, 12, 31), "span" if first != last else "calendar")


def day(ts: pd.Timestamp, precision: str) -> Period:
    basis = precision if precision in ("month", "year") else "day"
    label = {"month": f"{ts:%B %Y}", "year": f"{ts.year}"}.get(basis, f"{ts.day} {ts:%B %Y}")
    return Period(label, ts.date(), ts.date(), basis)


def _window(r: pd.Series) -> Period:
    return span(int(r["window_start"]), int(r["window_end"]))


def _covers(p: object, first: int, last: int) -> bool:
    """The window holds the whole period (a total over years outside it is not stated)."""
    return p.start_year <= first and p.end_year >= last  # type: ignore[attr-defined]


# --- SIPRI's releases: shares of Pakistan's (and India's) imports, Pakistan's standing ------------------

def china_shares(book: FactBook, shares: pd.DataFrame) -> None:
    """China's share in the latest window recorded, the same release's earlier window, and the
    suppliers that release names after China."""
    top = published_shares.latest_row(shares, "Pakistan", ("China",))
    if top is None:
        return
    latest = book.add("defence.sipri.china_share.latest", float(top["share_pct"]), "percent", _window(top),
                      sources=top["source_id"], definition=f"SIPRI, {published_shares.release_month(top['release'])}")
    book.add("defence.sipri.release.latest", published_shares.release_month(top["release"]), "text", _window(top),
             sources=top["source_id"])
    same = shares[(shares["recipient"] == "Pakistan") & (shares["release"] == top["release"])]
    before = same[(same["supplier"] == "China") & (same["window_end"] < top["window_end"])]
    if len(before) and latest is not None:
        r = before.sort_values("window_end").iloc[-1]
        book.add("defence.sipri.china_share.previous", float(r["share_pct"]), "percent", _window(r),
                 sources=r["source_id"], definition=f"SIPRI, {published_shares.release_month(r['release'])}")
    others = same[(same["window_end"] == top["window_end"]) & (same["supplier"] != "China")]
    for rank, (_, r) in enumerate(others.sort_values("share_pct", ascending=False).iterrows(), start=1):
        book.add(f"defence.sipri.next_supplier.{rank}", float(r["share_pct"]), "percent", _window(r),
                 sources=r["source_id"], definition=published_shares._name(r["supplier"]))


def russia_share_recorded(book: FactBook, shares: pd.DataFrame) -> None:
    """Russia's share of Pakistan's imports in the last window a SIPRI release is known to give it
    (``last_recorded``, read by the front page), and its share in every window a release gives it,
    one per window (the latest release's), oldest first (``published.<first>_<last>``)."""
    r = published_shares.latest_row(shares, "Pakistan", RUSSIA)
    if r is None:
        return
    month = published_shares.release_month(r["release"])
    book.add("defence.sipri.russia_share.last_recorded", float(r["share_pct"]), "percent", _window(r),
             sources=r["source_id"], definition=f"as SIPRI's {month} release gave it")
    book.add("defence.sipri.russia_share.release", month, "text", _window(r), sources=r["source_id"])
    for w in published_shares.one_per_window(shares, "Pakistan", RUSSIA).itertuples():
        book.add(f"defence.sipri.russia_share.published.{w.window_start}_{w.window_end}", float(w.share_pct),
                 "percent", span(int(w.window_start), int(w.window_end)), sources=w.source_id,
                 definition=f"SIPRI, {published_shares.release_month(w.release)}")


def india(book: FactBook, shares: pd.DataFrame) -> None:
    """Russia's share of India's imports, for context: Russia's largest customer in the region."""
    r = published_shares.latest_row(shares, "India", RUSSIA)
    if r is not None:
        book.add("defence.sipri.india_russia_share.latest", float(r["share_pct"]), "percent", _window(r),
                 sources=r["source_id"], definition=f"SIPRI, {published_shares.release_month(r['release'])}")


def standing(book: FactBook, table: pd.DataFrame | None, p: object) -> None:
    """Pakistan's rank among the world's importers, the change in its imports and its share of China's
    arms exports, each in the latest window a release gives it (``importer_standing``)."""
    if table is None or table.empty:
        return
    table = published_shares.in_view(table[table["recipient"] == "Pakistan"], p.start_year, p.end_year)  # type: ignore[attr-defined]
    for measure, fact, unit in (("change_pct", "defence.sipri.pakistan_imports_change", "percent"),
                                ("world_rank", "defence.sipri.pakistan_rank", "count"),
                                ("share_of_china_exports_pct", "defence.sipri.pakistan_share_of_china_exports",
                                 "percent")):
        rows = table[table["measure"] == measure]
        if rows.empty:
            continue
        r = rows.sort_values("window_end").iloc[-1]
        value = int(r["value"]) if unit == "count" else float(r["value"])
        book.add(fact, value, unit, _window(r), sources=r["source_id"],
                 definition=f"SIPRI, {published_shares.release_month(r['release'])}")


# --- SIPRI's register of deals and its TIV table ------------------------------------------------------------

def register(book: FactBook, transfers: pd.DataFrame, p: object) -> dict[str, Fact]:
    """What SIPRI's register credits to Russian deals since 1992, and the RD-93 engines' part of it;
    returns the Mi-35M and Kornet deliveries it stated (by id)."""
    ru = transfers[(transfers["supplier"] == "Russia") & (transfers["order_year"] >= sipri.SINCE)]
    last = sipri.register_last_year(transfers)
    delivered = sorted({y for c in ru["delivery_years"] for y in sipri.delivery_year_list(c)})
    made: dict[str, Fact] = {}
    if ru.empty or last is None or not _covers(p, delivered[0], last):
        return made
    total = book.add("defence.russia.register_tiv", float(ru["tiv_delivered"].sum()), "TIV million",
                     span(delivered[0], last), sources=source_ids.join(ru["source_id"]),
                     definition="Russian deals ordered since 1992")
    book.add("defence.sipri.register.last_year", last, "year", None,
             sources=source_ids.join(ru["source_id"]))
    top = sipri.main_channel(transfers, sipri.SINCE)
    if top is not None:
        years = sipri.delivery_year_list(transfers.loc[transfers["tiv_delivered"] == top["tiv_delivered"],
                                                       "delivery_years"].iloc[0])
        when = span(min(years), max(years))
        engines = book.add("defence.rd93.engines", int(top["delivered"]), "count", when, sources=top["source_ids"],
                           definition="RD-93 engines delivered")
        tiv = book.add("defence.rd93.tiv", float(top["tiv_delivered"]), "TIV million", when,
                       sources=top["source_ids"])
        if total is not None and tiv is not None and engines is not None:
            book.derive("defence.rd93.share_of_russian_tiv", tiv.number / total.number * 100, "percent",
                        total.period, of=[tiv, total], definition="computed for this report")
    for designation, fact in (("Mi-35", "defence.mi35.delivered"), ("Kornet", "defence.kornet.delivered")):
        rows = ru[ru["designation"].str.startswith(designation)]
        years = sorted({y for c in rows["delivery_years"] for y in sipri.delivery_year_list(c)})
        if len(rows) and years and _covers(p, years[0], years[-1]):
            added = book.add(fact, int(rows["number_delivered"].sum()), "count", span(years[0], years[-1]),
                             sources=source_ids.join(rows["source_id"]))
            if added is not None:
                made[fact] = added
    return made


def deliveries(book: FactBook, tiv: pd.DataFrame, p: object) -> None:
    """Soviet and Russian deliveries in SIPRI's TIV table, within the window: totals and peaks."""
    first, last = sipri.tiv_coverage(tiv)
    lo, hi = max(p.start_year, first), min(p.end_year, last)  # type: ignore[attr-defined]
    if lo > hi:
        return
    book.add("defence.sipri.tiv_table.last_year", last, "year", None,
             sources=source_ids.join(tiv["source_id"]))
    rows = sipri.russian_deliveries(tiv, lo, hi)
    totals = (("Russia", "defence.russia.tiv_table_total"), ("Soviet Union", "defence.soviet.tiv_table_total"))
    for supplier, fact in totals:
        g = rows[rows["supplier"] == supplier]
        if len(g):
            book.add(fact, float(g["tiv"].sum()), "TIV million", span(int(g["year"].min()), int(g["year"].max())),
                     sources=source_ids.join(g["source_id"]),
                     definition=f"{supplier}, SIPRI TIV table")
    if rows.empty:
        return
    peak = rows.sort_values(["tiv", "year"], ascending=[False, True]).iloc[0]
    year = int(peak["year"])
    book.add("defence.sipri.deliveries.peak", float(peak["tiv"]), "TIV million", span(year, year),
             sources=peak["source_id"], definition=str(peak["supplier"]))
    ru = rows[rows["supplier"] == "Russia"]
    if len(ru) and peak["supplier"] != "Russia":
        rp = ru.sort_values(["tiv", "year"], ascending=[False, True]).iloc[0]
        book.add("defence.sipri.deliveries.russia_peak", float(rp["tiv"]), "TIV million",
                 span(int(rp["year"]), int(rp["year"])), sources=rp["source_id"], definition="Russia")


def computed_shares(book: FactBook, tiv: pd.DataFrame, p: object) -> None:
    """Shares of Pakistan's imports computed for this report from SIPRI's TIV table: by the reader's
    periods (Russia's highest, its highest since 1992, and the latest complete period for Russia and
    China), and over the table's last five years, to set beside SIPRI's own releases."""
    shares = sipri.supplier_shares(tiv, p.share_period_years, p.start_year, p.end_year)  # type: ignore[attr-defined]
    mine = "computed for this report"
    ru = shares[(shares["supplier"] == sipri.RUSSIA) & shares["share_pct"].notna() & shares["complete"].astype(bool)]
    if len(ru):
        top = ru.sort_values(["share_pct", "first_year"], ascending=[False, True]).iloc[0]
        book.add("defence.sipri.russia_share.computed_peak", float(top["share_pct"]), "percent",
                 span(int(top["first_year"]), int(top["last_year"])), sources=top["source_ids"], definition=mine)
        own = ru[ru["last_year"] >= sipri.SINCE]  # the periods of Russia's own deals (its share chart)
        if len(own):
            top = own.sort_values(["share_pct", "first_year"], ascending=[False, True]).iloc[0]
            book.add("defence.sipri.russia_share.computed_peak_russia", float(top["share_pct"]), "percent",
                     span(int(top["first_year"]), int(top["last_year"])), sources=top["source_ids"],
                     definition=mine)
        recent = ru.sort_values("first_year").iloc[-1]
        when = span(int(recent["first_year"]), int(recent["last_year"]))
        book.add("defence.sipri.russia_share.computed_recent", float(recent["share_pct"]), "percent", when,
                 sources=recent["source_ids"], definition=mine)
        cn = shares[(shares["supplier"] == "China") & (shares["period"] == recent["period"])]
        if len(cn):
            book.add("defence.sipri.china_share.computed_recent", float(cn["share_pct"].iloc[0]), "percent", when,
                     sources=cn["source_ids"].iloc[0], definition=mine)
    first, last = sipri.tiv_coverage(tiv)
    if p.start_year <= last - 4 and p.end_year >= last:  # type: ignore[attr-defined]
        five = sipri.supplier_shares(tiv, 5, last - 4, last, anchor=last - 4)
        r = five[five["supplier"] == sipri.RUSSIA].iloc[0]
        book.add("defence.sipri.russia_share.computed_latest", float(r["share_pct"]), "percent",
                 span(last - 4, last), sources=r["source_ids"], definition=mine)


# --- the events: the 2014 agreement, Druzhba, the latest event -----------------------------------------

def agreement(book: FactBook, chosen: pd.DataFrame) -> None:
    row = events.agreement_event(chosen)
    if row is not None:
        ts = pd.Timestamp(row["date"])
        book.add("defence.agreement.date", ts.date(), "date", day(ts, row["precision"]), sources=row["source_ids"])


def mi35_arrival(book: FactBook, chosen: pd.DataFrame, sipri_said: Fact | None) -> None:
    """When the four Mi-35M arrived, by each source: SIPRI's register (``defence.mi35.delivered``), a
    minister's expected year and a report of receipt (both from the events); the years they span."""
    said, year, got = events.mi35_reports(chosen)
    expected = received = None
    if said is not None and year is not None:
        ts = pd.Timestamp(said["date"])
        expected = book.add("defence.mi35.expected", year, "year", day(ts, said["precision"]),
                            sources=said["source_ids"], definition="the year a minister said they would arrive")
    if got is not None:
        ts = pd.Timestamp(got["date"])
        received = book.add("defence.mi35.reported_received", ts.date(), "date", day(ts, got["precision"]),
                            sources=got["source_ids"], definition="a report that they had been received")
    if sipri_said is None:
        return
    years = [sipri_said.period.start.year, sipri_said.period.end.year]
    years += [f.value for f in (expected,) if f is not None] + [f.value.year for f in (received,) if f is not None]
    book.derive("defence.mi35.arrival_years", sipri_said.value, "count", span(min(years), max(years)),
                of=[sipri_said, expected, received], definition="the years the sources give for their arrival")


def druzhba(book: FactBook, chosen: pd.DataFrame) -> None:
    """The Druzhba editions in the selection: how many, the first, the latest, where, and the years
    between the first and the latest without one."""
    dz = events.druzhba(chosen)
    if dz.empty:
        return
    ids = source_ids.join(dz["source_ids"])
    lo, hi = int(dz["year"].min()), int(dz["year"].max())
    book.add("defence.druzhba.editions", len(dz), "count", span(lo, hi), sources=ids,
             definition="Druzhba army exercises held")
    first, last = dz.iloc[0], dz.iloc[-1]
    for which, r in (("first", first), ("latest", last)):
        ts = pd.Timestamp(r["date"])
        book.add(f"defence.druzhba.{which}", ts.date(), "date", day(ts, str(r["precision"])), sources=r["source_ids"])
    for country in ("Pakistan", "Russia"):
        n = int(dz["place"].str.contains(country).sum())
        book.add(f"defence.druzhba.in_{country.lower()}", n, "count", span(lo, hi), sources=ids)
    gap = missing_years(dz["year"])
    if gap and gap[-1] - gap[0] == len(gap) - 1:  # one run of years without an edition
        book.add("defence.druzhba.gap", len(gap), "count", span(gap[0], gap[-1]), sources=ids,
                 definition="years without an edition")


def firsts(book: FactBook, chosen: pd.DataFrame) -> None:
    """The first joint exercise and the first arms transfer in the selection."""
    for category, fact in (("exercise", "defence.exercises.first"), ("arms transfer", "defence.arms_transfers.first")):
        rows = chosen[chosen["category"] == category].sort_values("date")
        if len(rows):
            r = rows.iloc[0]
            ts = pd.Timestamp(r["date"])
            book.add(fact, ts.date(), "date", day(ts, r["precision"]), sources=r["source_ids"],
                     definition=str(r["exercise_series"]) if isinstance(r["exercise_series"], str) else "")


def exercises(book: FactBook, chosen: pd.DataFrame) -> None:
    """The joint exercises in the selection: how many, in which years, the first naval one (the Pakistan
    Navy's Arabian Monsoon series with Russian ships) and the run of years without any exercise."""
    ex = events.exercises(chosen)
    if ex.empty:
        return
    ids = source_ids.join(ex["source_ids"])
    years = ex["date"].dt.year
    book.add("defence.exercises.count", len(ex), "count", span(int(years.min()), int(years.max())), sources=ids,
             definition="joint exercises, bilateral and multinational")
    naval = ex[ex["lane"] == events.NAVIES]
    if len(naval):  # the year of the first naval drills, on the sources of all that year's
        first = int(naval["date"].dt.year.min())
        book.add("defence.exercises.first_naval", first, "year", span(first, first),
                 sources=source_ids.join(naval.loc[naval["date"].dt.year == first, "source_ids"]),
                 definition="the first year of bilateral naval drills")
    gap = missing_years(years)
    if gap and gap[-1] - gap[0] == len(gap) - 1:
        book.add("defence.exercises.gap", len(gap), "count", span(gap[0], gap[-1]), sources=ids,
                 definition="years without a joint exercise")


def latest_event(book: FactBook, chosen: pd.DataFrame) -> None:
    if len(chosen):
        r = chosen.sort_values("date").iloc[-1]
        ts = pd.Timestamp(r["date"])
        book.add("defence.events.latest", ts.date(), "date", day(ts, r["precision"]), sources=r["source_ids"])


# --- all of them ----------------------------------------------------------------------------------------------

def facts(p: object | None = None) -> Facts:
    """Every figure the defence section states, for the parameters ``p`` (default: the report's)."""
    if p is None:
        from . import parameters

        p = parameters()
    book = FactBook(datasets.load("sources"))
    shares = published_shares.in_view(datasets.load("supplier_shares"), p.start_year, p.end_year)  # type: ignore[attr-defined]
    china_shares(book, shares)
    russia_share_recorded(book, shares)
    standing(book, datasets.load("importer_standing") if "importer_standing" in DATASETS else None, p)
    india(book, shares)
    transfers, tiv = datasets.load("arms_transfers"), datasets.load("arms_imports_tiv")
    stated = register(book, transfers, p)
    deliveries(book, tiv, p)
    computed_shares(book, tiv, p)
    chosen = events.selected(p)
    agreement(book, chosen)
    mi35_arrival(book, chosen, stated.get("defence.mi35.delivered"))
    druzhba(book, chosen)
    firsts(book, chosen)
    exercises(book, chosen)
    latest_event(book, chosen)
    return book.facts()
