"""Where Pakistan–Russia trade stands and why it moved: the State Bank's latest figures
(:mod:`.bank_settled`), the goods behind the 2023 surge (wheat, the trial crude order) and what
ended them, and which publishers' series end when. Sentences for a reader: publishers and years,
never source ids; round-million figures as integers, shares to one decimal."""

from __future__ import annotations

import pandas as pd

from ..data import source_ids
from ..present.key_figures import KeyFigure
from ..present.wording import cite
from ..present.shown import Table
from . import bank_settled as bs

SBP_WORDS = "goods settled through banks, State Bank of Pakistan"


def _m(value: float) -> str:
    """USD million as a reader writes it: whole millions, or one decimal under 10."""
    return f"{value:,.1f}" if abs(value) < 10 else f"{value:,.0f}"


def _status(status: str) -> str:
    return f", {status}" if status else ""


def where_trade_stands(observations: pd.DataFrame, totals: pd.DataFrame | None) -> list[str]:
    """Two or three sentences on the level, direction and share, from the State Bank's series."""
    peak, year, window = bs.peak_year(observations), bs.latest_year_change(observations), \
        bs.latest_window_change(observations)
    if peak is None:
        return []
    out = [f"On the State Bank of Pakistan's record of goods settled through banks, trade with Russia peaked at "
           f"{_m(peak['total'])} USD m in {peak['label']} (Pakistan's imports {_m(peak['imports'])}, exports "
           f"{_m(peak['exports'])})."]
    if year is not None and year.earlier_label == peak["label"]:
        out[-1] = (out[-1][:-1] + f"; in {year.label} it was {_m(year.value)} USD m, {year.words} "
                   f"({year.status or 'final'} figures).")
    elif year is not None:
        out.append(f"In {year.label} it was {_m(year.value)} USD m, {year.words} on {year.earlier_label}.")
    if window is not None:
        out.append(f"In {window.label} it was {_m(window.value)} USD m, {window.words} on the same months a year "
                   f"earlier ({window.status or 'final'} figures).")
    share = bs.latest_year_share(observations, totals) if totals is not None else None
    if share is not None:
        share_all = bs.russia_share(observations, totals)
        years = share_all[(share_all["period_kind"] == "year") & (share_all["flow"] == "total")]
        first = years.sort_values("period_start").iloc[0]
        out.append(f"Russia's share of Pakistan's bank-settled goods trade was {share['share_pct']:.1f}% in "
                   f"FY{int(share['fy']) - 1}-{int(share['fy']) % 100:02d}"
                   + (f", against {first['share_pct']:.1f}% in FY{int(first['fy']) - 1}-{int(first['fy']) % 100:02d}."
                      if first["fy"] != share["fy"] else "."))
    return out


def stands_figures(observations: pd.DataFrame, totals: pd.DataFrame) -> list[KeyFigure]:
    """The key figures of where trade stands: the latest full year's change, the current window, the share."""
    out = []
    year, window = bs.latest_year_change(observations), bs.latest_window_change(observations)
    if year is not None:
        out.append(KeyFigure(
            "trade.sbp_latest_year", round(year.value, 1),
            f"Pakistan–Russia goods trade fell to {_m(year.value)} USD m in {year.label} from {_m(year.earlier_value)} "
            f"in {year.earlier_label}, {year.words} ({SBP_WORDS}{_status(year.status)}).",
            unit="USD million", source_ids=source_ids.join(year.source_ids)))
    if window is not None:
        out.append(KeyFigure(
            "trade.sbp_latest_window", round(window.value, 1),
            f"In {window.label} trade was {_m(window.value)} USD m, {window.words} on the same months a year earlier "
            f"({SBP_WORDS}{_status(window.status)}).", unit="USD million",
            source_ids=source_ids.join(window.source_ids), headline=False))
    share = bs.latest_year_share(observations, totals)
    if share is not None:
        out.append(KeyFigure(
            "trade.sbp_russia_share", round(float(share["share_pct"]), 2),
            f"Russia's share of Pakistan's bank-settled goods trade was {share['share_pct']:.1f}% in "
            f"FY{int(share['fy']) - 1}-{int(share['fy']) % 100:02d} ({SBP_WORDS}), against "
            f"{_first_share(observations, totals)}.", unit="percent"))
    return out


def _first_share(observations: pd.DataFrame, totals: pd.DataFrame) -> str:
    share = bs.russia_share(observations, totals)
    years = share[(share["period_kind"] == "year") & (share["flow"] == "total")].sort_values("period_start")
    r = years.iloc[0]
    return f"{r['share_pct']:.1f}% in FY{int(r['fy']) - 1}-{int(r['fy']) % 100:02d}"


def fiscal_year_table(observations: pd.DataFrame) -> Table | None:
    """Full fiscal years, the current window and the latest months, USD million."""
    parts = [bs.fiscal_years(observations), bs.windows(observations), bs.months(observations)]
    shown = pd.concat([p for p in parts if not p.empty], ignore_index=True) if any(
        not p.empty for p in parts) else pd.DataFrame()
    if shown.empty:
        return None
    shown = shown[["label", "exports", "imports", "total", "balance", "status"]].rename(columns={
        "label": "period", "exports": "Pakistan's exports", "imports": "Pakistan's imports", "total": "two-way",
        "balance": "balance", "status": "State Bank's mark"})
    return Table(shown, "Pakistan–Russia goods settled through banks (State Bank of Pakistan), USD million: fiscal "
                 "years (July–June), the current year to date and single months",
                 formats={"period": "text", "State Bank's mark": "text"}, decimals=1)


def drivers(composition: pd.DataFrame, cargoes: pd.DataFrame, events: pd.DataFrame,
            sources: pd.DataFrame) -> list[str]:
    """What drove the 2023 surge and the fall, in goods, each with its source."""
    out = []
    wheat = composition[composition["product"].fillna("").str.fullmatch("wheat", case=False)
                        & composition["value"].notna()].sort_values("period_start")
    year = wheat[(wheat["period_end"] - wheat["period_start"]).dt.days > 300]
    if not year.empty:
        w = year.iloc[-1]
        text = (f"Wheat drove the surge: Pakistan imported {_m(w['value'])} USD m of Russian wheat in calendar "
                f"{w['period_start'].year}")
        q = wheat[(wheat["period_start"] > w["period_end"]) & ((wheat["period_end"] - wheat["period_start"]).dt.days
                                                             > 80)]
        if not q.empty:
            text += (f" and {_m(q.iloc[0]['value'])} USD m in {q.iloc[0]['period_start']:%B}–"
                     f"{q.iloc[0]['period_end']:%B %Y}")
        text += f" ({cite(source_ids.join(wheat['source_id']), sources)}, from Pakistani statistics)."
        out.append(text)
    crude = cargoes[cargoes["product"] == "crude oil"]
    g2g = crude[crude["order"].fillna("").str.contains("G2G")]
    if not g2g.empty:
        out.append(f"The government-to-government trial order of {int(g2g['order_tonnes'].max()):,} t of Russian "
                   f"crude arrived in {len(g2g)} cargoes in {g2g['arrival_date'].min():%B %Y} "
                   f"({cite(source_ids.join(g2g['source_id']), sources)}); a private refiner, Cnergyico, bought "
                   "further cargoes in late 2023.")
    ending = r"\babandon\w*|\bban(?:s|ned)?\b|\bhalt\w*"
    ended = events[events["title"].fillna("").str.contains(ending, case=False, regex=True)
                   & (events["date"].dt.year >= 2023)
                   & events["detail"].fillna("").str.contains("wheat|crude|G2G|oil", case=False, regex=True)]
    for _, e in ended.sort_values("date").iterrows():
        out.append(f"{e['title']} ({e['date']:%B %Y}; {cite(e['source_id'], sources)}).")
    return out


def series_ends(observations: pd.DataFrame) -> str:
    """Which publishers' series end when, and why the mirror stops (replacing any claim that 'the
    databases stop')."""
    ends = []
    for ser, words in (("IMF DOTS", "the IMF's Direction of Trade Statistics (as held here)"),
                       ("UN Comtrade", "UN Comtrade (as held here)"), (bs.SERIES, "the State Bank of Pakistan")):
        rows = observations[observations["series"] == ser]
        if rows.empty:
            continue
        last = rows["period_end"].max()
        ends.append(f"{words} to {last:%B %Y}" if ser == bs.SERIES else f"{words} to {last.year}")
    if not ends:
        return ""
    return ("The series shown run as follows: " + "; ".join(ends) + ". Russia stopped publishing trade by partner "
            "after 2021, so there are no Russia-reported (mirror) figures after that year; Pakistan's own "
            "statistics continue.")


def lead_rows(rows: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """The lead chart's rows: the annual database series as they are, and the State Bank's fiscal
    years beside them, plotted at the year each fiscal year ends (a series of its own, never joined
    to the calendar-year lines)."""
    years = bs.fiscal_years(observations)
    if years.empty:
        return rows
    ids = bs.rows_of(observations)
    sbp = pd.DataFrame({"flow": "total", "year": years["fy"].astype(int), "value": years["total"],
                        "series": "State Bank (fiscal years)", "reporter": "PAK", "coverage": "goods",
                        "source_id": [source_ids.join(sorted(set(ids[ids["fy"] == y]["source_id"])))
                                      for y in years["fy"]]})
    return pd.concat([rows, sbp], ignore_index=True)


def lead_title(observations: pd.DataFrame) -> str | None:
    """The lead chart's title: the peak and where trade stands, from the State Bank's series."""
    peak, year = bs.peak_year(observations), bs.latest_year_change(observations)
    if peak is None or year is None:
        return None
    return (f"Trade peaked at {_m(peak['total'])} USD m in {peak['label']} and fell to {_m(year.value)} in "
            f"{year.label} (State Bank of Pakistan, goods settled through banks)")


def mirror_regimes(gap: pd.DataFrame) -> str:
    """The ratio of Russia's to Pakistan's records of Pakistan's exports, before 2008 and from 2010
    (a median over the whole span hides the change)."""
    exp = gap[gap["flow"] == "exports"].assign(ratio=lambda g: g["rus_reported"] / g["pak_reported"])
    before, after = exp[exp["year"] < 2008], exp[exp["year"] >= 2010]
    if before.empty or after.empty:
        return ""
    return (f"Russia's records of Pakistan's exports were close to Pakistan's own before 2008 (a median of "
            f"{before['ratio'].median():.1f} times, {int(before['year'].min())}–{int(before['year'].max())}) and "
            f"about {after['ratio'].median():.1f} times from 2010 ({int(after['year'].min())}–"
            f"{int(after['year'].max())}). Gaps of this kind are usual between partners: the importer records goods "
            "by country of origin and values them with freight and insurance (CIF), the exporter by country of "
            "consignment and free on board (FOB), and goods routed through the Gulf or Central Asia can be "
            "credited to another partner by one side; shipments at the turn of a year fall in different years (IMF, "
            "Direction of Trade Statistics Yearbook, 2017; UN ESCAP working paper on trade asymmetries, 2016). The "
            "rise from 2010 coincides with the Eurasian customs union's start, when Russia's partner attribution "
            "may have changed; the data here cannot test that.")
