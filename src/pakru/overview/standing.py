"""Where the relationship stands, across the three sections: the bottom line under the report's
title, and the one-page "Where things stand" (trade, Russia's share, payments, defence). Sentences
are computed from the data where the data can give them, with their period and kind of source;
each section's own module does the arithmetic."""

from __future__ import annotations

import pandas as pd

from ..defence import published_shares, sipri
from ..present.key_figures import KeyFigure
from ..trade import bank_settled as bs
from ..present.wording import cite


def _m(v: float) -> str:
    return f"{v:,.1f}" if abs(v) < 10 else f"{v:,.0f}"


def trade_line(obs: pd.DataFrame, totals: pd.DataFrame) -> str:
    peak, year, win = bs.peak_year(obs), bs.latest_year_change(obs), bs.latest_window_change(obs)
    if peak is None or year is None:
        return ""
    text = (f"Goods trade peaked at {_m(peak['total'])} USD m in {peak['label']}, when Pakistan imported Russian wheat "
            f"and a trial order of crude, and fell to {_m(year.value)} USD m in {year.label} ({year.words})")
    if win is not None:
        text += (f"; in {win.label} it was {win.words.replace('down', 'down a further')} on a year earlier "
                 f"({win.status or 'final'})")
    share = bs.latest_year_share(obs, totals)
    if share is not None:
        text += (f"; Russia took {share['share_pct']:.1f}% of Pakistan's bank-settled goods trade in "
                 f"FY{int(share['fy']) - 1}-{int(share['fy']) % 100:02d}")
    return text + " (State Bank of Pakistan)."


def payments_line(cargoes: pd.DataFrame, events: pd.DataFrame) -> str:
    crude = cargoes[cargoes["product"] == "crude oil"]
    g2g = crude[crude["order"].fillna("").str.contains("G2G") & (crude["currency"] == "CNY")]
    if g2g.empty:
        return ""
    text = (f"The yuan payment was a trial: the {int(g2g['order_tonnes'].max()):,} t government-to-government crude "
            f"order of {g2g['arrival_date'].min():%B %Y} was settled in yuan bought with dollars")
    ended = events[events["title"].fillna("").str.contains(r"\babandon", case=False, regex=True)]
    if not ended.empty:
        text += f", and the government route was abandoned in {ended['date'].min():%B %Y}"
    later = crude[crude["arrival_date"] > pd.Timestamp("2023-12-31")]
    if later.empty:
        text += "; no later crude cargo with a published size is on record"
    return text + " (press reports of officials)."


def defence_line(shares: pd.DataFrame, transfers: pd.DataFrame) -> str:
    top, eng = published_shares.latest(shares), sipri.main_channel(transfers)
    parts = []
    if not top.empty:
        c = top.iloc[0]
        parts.append(f"{c['supplier']} supplied {c['share_pct']:g}% of Pakistan's arms imports in "
                     f"{int(c['window_start'])}–{int(c['window_end']) % 100:02d} (SIPRI, via press reports), with "
                     "Russia not among the top suppliers")
    if eng is not None:
        parts.append(f"Russia's main channel is the RD-93 engine of the JF-17 fighter, about {eng['share_pct']:.0f}% "
                     "of what SIPRI's register credits to Russia since 1992")
    return ("In arms, " + "; ".join(parts) + ".") if parts else ""


def bottom_line(frames: dict[str, pd.DataFrame]) -> list[str]:
    """Three to five sentences under the title: where the relationship stands and how sure we are."""
    obs, totals = frames["trade_observations"], frames["pakistan_totals"]
    out = [s for s in (trade_line(obs, totals),
                       payments_line(frames["cargoes"], frames["payment_events"]),
                       defence_line(frames["supplier_shares"], frames["arms_transfers"])) if s]
    share, year = bs.latest_year_share(obs, totals), bs.latest_year_change(obs)
    if out and share is not None and year is not None:
        verdict = ("Russia remains a minor partner of Pakistan, and the rise to FY2023-24 was a spike, not a new level"
                   if share["share_pct"] < 2 and year.pct < -50 else
                   "Whether the rise to FY2023-24 was a new level, the latest full year cannot yet say")
        out.append(f"{verdict}; the trade figures are the State Bank's own statistics, the payment and arms points "
                   "rest on press reports of officials and of SIPRI.")
    return out


def bottom_line_figure(frames: dict[str, pd.DataFrame]) -> KeyFigure | None:
    """The bottom line as one record the page shows under its title (not among the key findings)."""
    lines = bottom_line(frames)
    year = bs.latest_year_change(frames["trade_observations"])
    if not lines or year is None:
        return None
    return KeyFigure("overview.bottom_line", round(year.value, 1), " ".join(lines), unit="USD million",
                     source_ids="", headline=False)


def trade_now(obs: pd.DataFrame) -> str:
    """The latest months against the same months a year earlier."""
    m = bs.months(obs)
    if m.empty:
        return ""
    last = m.iloc[-1]
    before = m[(m["period_start"] == last["period_start"] - pd.DateOffset(years=1))]
    text = (f"The latest month, {last['period_start']:%B %Y}, shows {_m(last['total'])} USD m of goods settled "
            f"through banks (exports {_m(last['exports'])}, imports {_m(last['imports'])}"
            + (f"; {last['status']}" if last["status"] else "") + ")")
    if not before.empty:
        b = before.iloc[0]
        text += f", against {_m(b['total'])} USD m in {b['period_start']:%B %Y}"
    return text + ". Pakistan now exports more to Russia than it imports from it, the reverse of FY2023-24." if (
        last["exports"] > last["imports"]) else text + "."


def barter_line(events: pd.DataFrame, sources: pd.DataFrame) -> str:
    """The barter order's uptake, step by step from the order for Russia on."""
    barter = events[events["category"] == "barter"].sort_values("date")
    order = barter[barter["title"].str.contains("SRO 642", na=False)]
    steps = barter[barter["date"] >= order["date"].min()] if not order.empty else barter
    # the order, its first months, the first contracts and the latest step
    steps = pd.concat([steps.head(2), steps[steps["title"].str.contains("First", na=False)], steps.tail(1)])
    steps = steps[~steps.index.duplicated()].sort_values("date")
    if steps.empty:
        return ""

    def told(title: str) -> str:
        title = title.strip('"')
        title = title if title[1:2].isupper() else title[:1].lower() + title[1:]
        title = title.replace("SRO 642(I)/2023", "statutory regulatory order (SRO) 642 of 2023", 1)
        title = title.replace("ECC", "the cabinet's Economic Coordination Committee")
        return title.replace("B2B", "business-to-business")

    steps_text = "; ".join(f"{d:%B %Y}, {told(t)}" for d, t in zip(steps["date"], steps["title"]))
    return (f"Barter with Russia, step by step: {steps_text} "
            f"({cite(';'.join(steps['source_id']), sources)}).")


def context_line(frames: dict[str, pd.DataFrame]) -> str:
    """The setting, each sentence dated and sourced from the data: the invasion of Ukraine and the
    sanctions, India as Russia's main customer, the May 2025 India–Pakistan clash."""
    sources = frames["sources"]
    parts = []
    defence = frames.get("defence_events")
    if defence is not None:
        khan = defence[defence["detail"].fillna("").str.contains("invaded Ukraine")]
        if len(khan):
            k = khan.iloc[0]
            parts.append(f"Imran Khan was in Moscow when Russia invaded Ukraine on 24 February 2022 "
                         f"({cite(k['source_id'], sources)})")
    sanctions = frames["payment_events"]
    sanctions = sanctions[sanctions["title"].fillna("").str.contains("SWIFT") & (sanctions["date"].dt.year == 2022)]
    if len(sanctions):
        s = sanctions.iloc[0]
        parts.append(f"on {s['date']:%-d %B %Y} the United States, the EU and the UK moved to cut Russian banks from "
                     f"SWIFT ({cite(s['source_id'], sources)})")
    events = frames["payment_events"]
    refused = events[events["title"].fillna("").str.contains("refuse to open letters of credit")]
    if len(refused):
        r = refused.iloc[0]
        parts.append(f"in {r['date']:%B %Y} Pakistani banks would not open letters of credit in dollars for Russian "
                     f"crude, citing the sanctions ({cite(r['source_id'], sources)})")
    india = published_shares.india_sentence(frames["supplier_shares"], sources, cite)
    text = "; ".join(parts)
    text = (text[:1].upper() + text[1:] + ". ") if text else ""
    if india:
        text += india + ". "
    if defence is not None:
        clash = defence[defence["title"].fillna("").str.contains("India and Pakistan clash|India-Pakistan ceasefire",
                                                                 regex=True)].sort_values("date")
        if len(clash):
            text += ("When India and Pakistan fought briefly in May 2025, Russia urged restraint and then welcomed "
                     f"the ceasefire ({cite(';'.join(clash['source_id']), sources)}).")
    return text.strip()


def where_things_stand(frames: dict[str, pd.DataFrame]) -> list[tuple[str, str]]:
    """(heading, paragraph) pairs for the one-page summary after the key findings."""
    obs, totals, sources = frames["trade_observations"], frames["pakistan_totals"], frames["sources"]
    out = []
    if text := trade_line(obs, totals):
        out.append(("Trade", text + " " + trade_now(obs)))
    if text := payments_line(frames["cargoes"], frames["payment_events"]):
        out.append(("Payments", text + " " + barter_line(frames["payment_events"], sources)))
    if text := defence_line(frames["supplier_shares"], frames["arms_transfers"]):
        out.append(("Defence", text))
    if text := context_line(frames):
        out.append(("Context", text))
    return out
