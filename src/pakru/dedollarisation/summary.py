"""The de-dollarisation section's digest: the summary that opens it, the headline cargo chart's
title and alt text, and the finding sentence each subsection opens with. Every sentence is
written from the data in the reader's window; a piece the window does not hold is left out, never
filled in."""

from __future__ import annotations

import pandas as pd

from ..present import charts
from ..claims.model import ClaimCheck
from ..present.timeline import date_label
from . import charts as section_charts
from .cargoes import PAID_IN_YUAN, YUAN_INTENDED, payment_status, trial_order_sentence
from .currency_shares import latest, peak, rub_cny_share, share_series


def crude_yuan_finding(totals: pd.DataFrame) -> str:
    """'3 of the 4 Russian crude cargoes, 200,142 t of the 210,142 t published (95%), are recorded as
    paid in Chinese yuan' ('' without crude in the window)."""
    crude = totals[totals["product"] == "crude oil"]
    if crude.empty:
        return ""
    c = crude.iloc[0]
    share = f" ({c['yuan_tonnes'] / c['tonnes'] * 100:.0f}%)" if c["tonnes"] else ""
    return (f"{int(c['yuan_cargoes'])} of the {int(c['cargoes'])} Russian crude cargoes, {c['yuan_tonnes']:,.0f} t of "
            f"the {c['tonnes']:,.0f} t published{share}, are recorded as paid in Chinese yuan")


def cargo_title(cargoes: pd.DataFrame) -> str:
    """The cargo chart's title, a finding: the government-to-government trial order paid in yuan
    and the private refiner's yuan payment that was only intended."""
    status = payment_status(cargoes)
    crude = cargoes["product"] == "crude oil"
    g2g = cargoes[crude & cargoes["order"].fillna("").str.contains("G2G") & (status == PAID_IN_YUAN)]
    intended = cargoes[crude & (status == YUAN_INTENDED)]
    parts = []
    if not g2g.empty:
        order = g2g["order_tonnes"].max()
        size = f"{order:,.0f} t " if pd.notna(order) else ""
        parts.append(f"The {size}government-to-government trial order of Russian crude ({len(g2g)} cargo"
                     f"{'es' if len(g2g) != 1 else ''}, {g2g['tonnes'].sum():,.0f} t) was paid in yuan")
    if not intended.empty:
        parts.append(f"a private refiner's yuan payment ({intended['tonnes'].sum():,.0f} t) was intended, "
                     "not confirmed")
    if not parts:
        return f"{int(crude.sum())} Russian crude and {int((~crude).sum())} LPG cargoes to Pakistan in the data"
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def cargo_chart(cargoes: pd.DataFrame, totals: pd.DataFrame, sources: pd.DataFrame) -> tuple[charts.plt.Figure, str]:
    """The headline chart, titled with the yuan-paid trial order and the intended payment, and its
    alt text. (``totals`` is kept for callers.)"""
    title = cargo_title(cargoes)
    fig = section_charts.cargo_chart(cargoes, title, charts.compact_source_line(cargoes["source_id"], sources,
                                                                                table_below=False))
    return fig, cargo_chart_alt(cargoes, title)


def cargo_chart_alt(cargoes: pd.DataFrame, title: str) -> str:
    return (f"Horizontal bar charts of the {len(cargoes)} Russian crude and LPG cargoes to Pakistan in the data, one "
            "panel per product, one bar per cargo in order of arrival, its length the published tonnage: solid when "
            "the cargo is recorded as paid in yuan, hollow and hatched when a yuan payment was intended but not "
            "confirmed, light when no currency or another one is recorded. " + title + ".")


def _barter_sentence(events: pd.DataFrame) -> str:
    barter = events[events["category"] == "barter"].sort_values("date")
    sro = barter[barter["title"].str.contains("SRO 642", regex=False)]
    if sro.empty:
        return ""
    first = sro.iloc[0]
    countries = [c for c in ("Russia", "Iran", "Afghanistan") if c in str(first["title"])]
    later = barter[barter["date"] > first["date"]]
    uptake = later[later["title"].str.contains("traction|First", regex=True)]
    named = ", ".join(countries[:-1]) + " and " + countries[-1] if len(countries) > 1 else "".join(countries)
    text = (f"Pakistan's barter order, SRO 642 of {date_label(first['date'], first['precision'])}, opened "
            f"business-to-business barter with {named or 'the countries it names'}")
    if len(later):
        last = later.iloc[-1]
        text += (f", and {len(later)} later barter step{'s' if len(later) != 1 else ''} followed, up to "
                 f"{date_label(last['date'], last['precision'])}")
    slow = uptake[uptake["title"].str.contains("traction")]
    first_deals = uptake[uptake["title"].str.contains("First")]
    if len(slow) or len(first_deals):
        text += "; uptake was slow" + (f": a business forum found little traction in {slow.iloc[0]['date']:%B %Y}"
                                         if len(slow) else "")
        if len(first_deals):
            text += f", and the first barter contracts with Russia were signed in {first_deals.iloc[0]['date']:%B %Y}"
    return text.replace("SRO 642", "statutory regulatory order (SRO) 642", 1)


def _swap_sentence(events: pd.DataFrame) -> str:
    swap = events[(events["category"] == "swap line") & (events["currency"] == "CNY")].sort_values("date")
    held = swap[swap["unit"] == "CNY billion"]
    if held.empty:
        return ""
    last = held.iloc[-1]
    text = (f"the yuan swap line with China stood at CNY {last['amount']:g} bn "
            f"({date_label(last['date'], last['precision'])})")
    asked = swap[swap["unit"].fillna("").str.contains("requested") & (swap["date"] > last["date"])]
    if len(asked):
        a = asked.iloc[-1]
        text += f", with CNY {a['amount']:g} bn more requested by {date_label(a['date'], a['precision'])}"
    return text


def rouble_year_finding(window_shares: pd.DataFrame) -> str:
    """The rouble's share of Russia's export receipts in the latest two full years ('' without)."""
    rub = window_shares[(window_shares["series"] == "cbr_exports") & (window_shares["currency"] == "RUB")
                        & (window_shares["period_type"] == "year")].sort_values("period_start")
    if len(rub) < 2:
        return ""
    a, b = rub.iloc[-2], rub.iloc[-1]
    return (f"Russia itself is paid more in roubles: {b['share_pct']:g}% of its export receipts in "
            f"{b['period_start'].year}, against {a['share_pct']:g}% in {a['period_start'].year} (Bank of Russia "
            "figures as Russian news agencies reported them)")


def rub_cny_finding(rub_cny: pd.DataFrame) -> str:
    pure = rub_cny[rub_cny["combination"] == "roubles + yuan"] if len(rub_cny) else rub_cny
    if pure.empty:
        return ""
    r = pure.iloc[-1]
    return (f"Roubles and yuan together carried {r['share_pct']:g}% of Russia's export receipts in {r['period']} "
            f"({r['rub']:g}% roubles, {r['other']:g}% yuan), the latest period the Bank of Russia published both")


def world_finding(window_shares: pd.DataFrame, series: tuple[str, ...]) -> str:
    parts = []
    swift = window_shares[window_shares["series"].isin([s for s in ("swift_global", "swift_ex_ez") if s in series])
                          & (window_shares["currency"] == "CNY")]
    main = swift[swift["series"] == "swift_global"] if (swift["series"] == "swift_global").any() else swift
    if len(main) and (top := peak(main)) is not None:
        what = "SWIFT payments" if (main["series"] == "swift_global").all() else "SWIFT payments outside the euro area"
        parts.append(f"the yuan's share of {what} peaked at {top['share_pct']:.2f}% in {top['period']}")
    if "imf_cofer" in series and (last := latest(share_series(window_shares, "imf_cofer", "CNY"))) is not None:
        parts.append(f"the renminbi held {last['share_pct']:.2f}% of the world's allocated reserves in "
                     f"{last['period']} (IMF COFER)")
    return "Beyond Russia the yuan stays small: " + " and ".join(parts) if parts else ""


def summary(totals: pd.DataFrame, events: pd.DataFrame, window_shares: pd.DataFrame, series: tuple[str, ...],
            cargoes: pd.DataFrame | None = None) -> list[str]:
    """Three to four sentences: how Pakistan's Russian crude was paid, its barter order (and its
    uptake) and swap line, the currencies Russia is paid in, and the yuan's place in world payments
    and reserves."""
    crude = (trial_order_sentence(cargoes).rstrip(".") if cargoes is not None else "") or crude_yuan_finding(totals)
    steps = "; ".join(s for s in (_barter_sentence(events), _swap_sentence(events)) if s)
    russia = (rouble_year_finding(window_shares) or rub_cny_finding(rub_cny_share(window_shares))
              if "cbr_exports" in series else "")
    world = world_finding(window_shares, series)
    return [s[0].upper() + s[1:] + "." for s in (crude, steps, russia, world) if s]


def checks_finding(checks: list[ClaimCheck]) -> str:
    counts: dict[str, int] = {}
    for c in checks:
        counts[c.verdict.value] = counts.get(c.verdict.value, 0) + 1
    parts = [f"{n} {verdict}" for verdict, n in counts.items()]
    told = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)
    return (f"Checked against the cargo, claim and event records, the {len(checks)} statements get these verdicts: "
            f"{told}.")


def conflicts_finding(conflicts: pd.DataFrame) -> str:
    if conflicts.empty:
        return "The competing reports do not disagree on any topic."
    return (f"On {conflicts['topic_no'].nunique()} topics the published reports give different values: "
            f"{len(conflicts)} reports in all, each kept with its source and none averaged (table in the appendix).")
