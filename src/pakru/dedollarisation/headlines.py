"""What the de-dollarisation section tells: chart titles, alt texts, sentences, tables and key
figures, written from the other modules' results for the window the reader chose. The notebook
shows them; nothing here computes a statistic."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..present import charts, key_events, timeline
from ..data import source_ids
from ..claims.model import ClaimCheck
from ..present.key_figures import KeyFigure
from ..present.shown import Table
from ..present.wording import capitalised
from . import charts as section_charts
from .cargoes import FirstCargo, trial_order_sentence
from .claims import conflicts_table as conflicts_frame
from .currency_shares import SERIES_LABELS, earliest, last_segment, latest, peak, share_series
from .events import key_flags, with_key_labels

Chart = tuple[charts.plt.Figure, str]  # a figure and its alt text


@dataclass(frozen=True)
class Window:
    """The reader's choice, as report.yaml's rules converted it."""

    start: pd.Timestamp
    end: pd.Timestamp
    series: tuple[str, ...]
    include_statements: bool

    @classmethod
    def of(cls, values: dict[str, Any]) -> Window:
        """From the values :func:`pakru.build.params.validate_section` returns for ``payments``."""
        return cls(pd.Timestamp(values["start"]), pd.Timestamp(values["end"]), tuple(values["series"]),
                   bool(values["include_statements"]))

    @property
    def text(self) -> str:
        return f"{self.start.day} {self.start:%B %Y} to {self.end.day} {self.end:%B %Y}"

    def intro(self) -> str:
        return (f"Window: {self.text} (a row is kept when its date, or the start of its period, falls in it). "
                f"Statistical series shown: {', '.join(SERIES_LABELS[s] for s in self.series)}. "
                + ("Officials' statements on Russia–China settlements are shown." if self.include_statements
                   else "Officials' statements on Russia–China settlements are left out (include_statements is off)."))


def steps_finding(tl: pd.DataFrame, cargoes: pd.DataFrame) -> str:
    """'30 of the 41 payment and cargo events between 2011 and 2025 came in 2023, …'."""
    years = tl["date"].dt.year.value_counts().sort_index()
    top_year = int(years.idxmax())
    crude_years = cargoes[cargoes["product"] == "crude oil"]["arrival_date"].dt.year
    return (f"{int(years.max())} of the {len(tl)} payment and cargo events between {tl['date'].min().year} and "
            f"{tl['date'].max().year} came in {top_year}"
            + (", the year Russian crude first reached Pakistan" if len(crude_years) and crude_years.min() == top_year
               else ""))


def steps_title(tl: pd.DataFrame, cargoes: pd.DataFrame) -> str:
    """The key-dates chart's title, a finding: the year most steps came in and what came of the
    key ones the window holds ('Pakistan's steps away from the dollar came mostly in 2023: a
    yuan-paid trial crude order, barter with little uptake, …')."""
    years = tl["date"].dt.year.value_counts().sort_index()
    top_year, share = int(years.idxmax()), years.max() / max(len(tl), 1)
    ids = set(tl["event_id"])
    by_id = tl.set_index("event_id")
    parts = []
    g2g_yuan = cargoes[cargoes["order"].fillna("").str.contains("G2G") & (cargoes["currency"] == "CNY")]
    if {"pay-e014", "pay-e017"} & ids and not g2g_yuan.empty:
        parts.append("a yuan-paid trial crude order")
    if "pay-e024" in ids:
        parts.append("barter with little uptake")
    if "pay-e033" in ids:
        parts.append(f"the government crude route dropped by {by_id.at['pay-e033', 'date']:%B %Y}")
    lead = (f"Pakistan's steps away from the dollar came {'mostly ' if share > 0.5 else 'most often '}"
            f"in {top_year}")
    if not parts:
        return lead
    return lead + ": " + (", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0])


def timeline_charts(tl: pd.DataFrame, cargoes: pd.DataFrame, window: Window, sources: pd.DataFrame
                    ) -> Iterator[Chart]:
    """One annotated strip of the key dates (:data:`events.KEY_EVENTS` in the window) over a strip of
    every event; all of them are in the appendix table."""
    key = key_flags(tl)
    title = steps_title(tl, cargoes)
    lo = max(window.start, pd.Timestamp(year=tl["date"].min().year, month=1, day=1))
    hi = window.end + pd.Timedelta(days=1)
    fig = key_events.key_events_chart(
        with_key_labels(tl), key, title, charts.compact_source_line(tl["source_ids"], sources),
        start=lo, end=hi, rug_label=f"all {len(tl)} events\n(key ones dark)",
        note=(f"{int(key.sum())} key steps labelled; the bottom strip marks every one of the {len(tl)} payment, "
              "barter, swap-line and cargo events in the appendix table. "
              f"{int(tl['weak'].sum())} events rest only on sources rated weak."))
    labelled = "; ".join(f"{timeline.date_label(d, p)}: {t}" for d, p, t in
                         zip(tl.loc[key, "date"], tl.loc[key, "precision"], with_key_labels(tl).loc[key, "label"]))
    yield fig, (f"Annotated timeline, {lo.year} to {window.end.year}, of {int(key.sum())} key steps in Pakistan's "
                f"payments for Russian trade, over a strip of all {len(tl)} events: {labelled}. {title}.")


def events_table(tl: pd.DataFrame, window: Window) -> Table:
    table = pd.DataFrame({
        "date": [timeline.date_label(d, p) for d, p in zip(tl["date"], tl["precision"])],
        "kind": tl["category"], "event": tl["title"], "sources": tl["source_ids"],
    })
    return Table(table, f"Payment, barter, swap-line and cargo events, {window.text} ({len(tl)} events; dates as "
                 "precisely as the sources give them)", formats={c: "text" for c in table.columns}, appendix=True)


def cargo_table(cargoes: pd.DataFrame) -> Table:
    shown = cargoes.sort_values(["arrival_date", "cargo_id"])
    table = pd.DataFrame({
        "arrived": [timeline.date_label(d, p) for d, p in zip(shown["arrival_date"], shown["precision"])],
        "vessel": shown["vessel"], "product": shown["product"], "tonnes": shown["tonnes"],
        "buyer and order": ["; ".join(v for v in pair if isinstance(v, str) and v)
                            for pair in zip(shown["buyer"], shown["order"])],
        "paid in": [f"{c}; bank: {b}" if isinstance(b, str) else c for c, b in zip(shown["currency"], shown["bank"])],
        "note": shown["note"], "source": shown["source_id"],
    })
    return Table(table, "Russian crude and LPG cargoes to Pakistan (tonnes; currency as the source states it)",
                 formats={"tonnes": "number"} | {c: "text" for c in table.columns if c != "tonnes"}, decimals=0,
                 appendix=True)


def cargo_totals_table(totals: pd.DataFrame) -> Table:
    return Table(totals.rename(columns={"with_tonnes": "with published tonnage", "tonnes": "tonnes published",
                                        "yuan_cargoes": "paid in yuan: cargoes",
                                        "yuan_tonnes": "paid in yuan: tonnes"}),
                 "Totals by product: number of cargoes, cargoes with a published tonnage, tonnes, and "
                 "cargoes and tonnes recorded as paid in yuan (CNY)",
                 formats={"product": "text", "cargoes": "int", "with published tonnage": "int",
                          "paid in yuan: cargoes": "int"}, decimals=0)


def crude_yuan(totals: pd.DataFrame, cargoes: pd.DataFrame, window: Window) -> tuple[str, KeyFigure | None]:
    """The sentence and key figure on how Russian crude was paid: the government-to-government trial
    order settled in yuan apart from a private refiner's intended yuan payment, never one total
    ('' and None without crude). The cargoes are those the press reported, not a census."""
    crude = cargoes[cargoes["product"] == "crude oil"]
    if crude.empty:
        return "", None
    g2g = crude[crude["order"].fillna("").str.contains("G2G") & (crude["currency"] == "CNY")]
    sentence = (f"The press reported {len(crude)} Russian crude cargoes to Pakistan, {crude['tonnes'].sum():,.0f} t in "
                "all; they are the cargoes reported, not a census of Pakistan's imports.")
    if g2g.empty:
        return sentence, None
    text = trial_order_sentence(cargoes)
    sentence += " " + text
    return sentence, KeyFigure(
        "payments.yuan_paid_crude_tonnes", float(g2g["tonnes"].sum()), text, unit="tonnes",
        source_ids=source_ids.join(source_ids.of_frame(g2g)))


def first_cargo_told(first: FirstCargo, window: Window) -> tuple[str, KeyFigure]:
    arrived = timeline.date_label(first.arrival_date, first.precision)
    sentence = (f"The first Russian crude cargo, {first.vessel or first.cargo_id}, arrived on {arrived} with "
                f"{first.tonnes:,.0f} t, {'under' if first.share_pct < 50 else 'over'} half of its order, the "
                f"{first.order}. The order's {first.order_cargoes} cargoes together brought "
                f"{first.order_delivered_tonnes:,.0f} t." + ("" if first.arrival_date >= window.start else
                " (This cargo arrived before the window; the figure is given for the checks below.)"))
    return sentence, KeyFigure(
        "payments.first_cargo_share_pct", round(first.share_pct, 1),
        f"The first Russian crude cargo ({first.vessel}, {arrived}) carried {first.tonnes:,.0f} t of the "
        f"{first.order_tonnes:,.0f} t government-to-government order.",
        unit="percent", source_ids=source_ids.join(first.source_ids), headline=False)


def conflicts_table(conflicts: pd.DataFrame, sources: pd.DataFrame) -> Table:
    return Table(conflicts_frame(conflicts, sources),
                 f"Conflicting claims: {conflicts['topic_no'].nunique()} topics, {len(conflicts)} reports, each with "
                 "its source", formats={c: "text" for c in ("topic", "report", "value", "source", "note")},
                 appendix=True)


def claim_box(check: ClaimCheck) -> list[str]:
    """The paragraphs of one checked claim's box (the finding names its publishers; the ids are in
    the claims appendix)."""
    return [f"Claim: {check.claim}.", f"Verdict: {check.verdict.value}.", check.finding]


def verdicts_table(checks: list[ClaimCheck]) -> Table:
    frame = pd.DataFrame({"claim": [c.claim for c in checks], "verdict": [c.verdict.value for c in checks]})
    return Table(frame, "Verdicts on the four statements (details in the boxes above)",
                 formats={"claim": "text", "verdict": "text"})


def cbr_chart(cbr: pd.DataFrame, breaks: pd.DataFrame, window: Window, sources: pd.DataFrame) -> Chart:
    """The Bank of Russia chart, titled with the rouble's move within the latest definition."""
    # compare like with like: the first and last figures of the latest stretch without a break
    exp = last_segment(cbr[(cbr["series"] == "cbr_exports") & (cbr["group"] == "RUB")])
    first_rub, last_rub = earliest(exp), latest(exp)
    if first_rub is not None and last_rub is not None and first_rub["period"] != last_rub["period"]:
        title = (f"The rouble's share of Russia's export receipts went from {first_rub['share_pct']:g}% "
                 f"({first_rub['period']}) to {last_rub['share_pct']:g}% ({last_rub['period']})")
    else:
        title = "Currency shares of Russia's export and import payments, Bank of Russia"
    fig = section_charts.cbr_chart(cbr, breaks, title, charts.compact_source_line(cbr["source_id"], sources),
                                   window.start, window.end,
                                   note="Hollow markers: dollar + euro computed as the sum of the published dollar "
                                        "and euro shares. In the new format the yuan is inside 'other currencies' and "
                                        "is not drawn.")
    return fig, ("Line and marker charts, one per direction (Russia's exports, Russia's imports), of the shares in "
                 "percent of the rouble, the yuan, and the dollar plus euro in Russia's payments, with dotted lines "
                 f"at the {breaks['date'].nunique()} dates where the Bank of Russia's figures change definition. "
                 + title + ".")


def cbr_table(cbr: pd.DataFrame) -> Table:
    shown = cbr.assign(direction=cbr["series"].map({"cbr_exports": "exports", "cbr_imports": "imports"}),
                       derived=cbr["derived"].map({True: "computed", False: ""}),
                       **{"break": cbr["break"].map({True: "new definition", False: ""})})
    return Table(shown[["direction", "period", "label", "share_pct", "derived", "break", "source_id"]]
                 .rename(columns={"label": "currency", "share_pct": "share %", "source_id": "source"}),
                 "Bank of Russia currency shares of Russia's payments (percent); derived = dollar + euro computed "
                 "from the two published shares; break = first figure after a change of definition",
                 formats={"share %": "number", "derived": "text", "break": "text", "direction": "text",
                          "period": "text", "currency": "text", "source": "text"}, appendix=True)


def rub_cny_figure(rub_cny: pd.DataFrame) -> KeyFigure | None:
    """Roubles plus yuan in the latest period with both, and the newer grouping's latest figure."""
    pure = rub_cny[rub_cny["combination"] == "roubles + yuan"] if len(rub_cny) else rub_cny
    if pure.empty:
        return None
    friendly = rub_cny[rub_cny["combination"] != "roubles + yuan"]
    r = pure.iloc[-1]
    text = (f"Roubles and yuan together carried {r['share_pct']:g}% of Russia's export receipts in {r['period']} "
            f"({r['rub']:g}% roubles + {r['other']:g}% yuan), the latest period for which both shares are in the data.")
    if not friendly.empty:
        f = friendly.iloc[-1]
        text += (f" In {f['period']}, in the Bank of Russia's newer grouping, roubles ({f['rub']:g}%) and the "
                 f"currencies of 'friendly' countries, yuan included ({f['other']:g}%), carried {f['share_pct']:g}%.")
    return KeyFigure("payments.cbr_rub_cny_share_latest", round(float(r["share_pct"]), 1), text, unit="percent",
                     source_ids=r["source_ids"], headline=False)


def rouble_share_figure(shares: pd.DataFrame, sources: pd.DataFrame) -> KeyFigure | None:
    """The rouble's share of Russia's export receipts in the latest full year, against the year
    before: Russia's own move away from the dollar and euro, with who reported the figures."""
    from ..present.wording import cite

    rub = shares[(shares["series"] == "cbr_exports") & (shares["currency"] == "RUB")
                 & (shares["period_type"] == "year")].sort_values("period_start")
    if len(rub) < 2:
        return None
    a, b = rub.iloc[-2], rub.iloc[-1]
    ids = [a["source_id"], b["source_id"]]
    weak = source_ids.weak_only(ids, source_ids.quality_of(sources))
    return KeyFigure(
        "payments.cbr_rouble_share_latest_year", float(b["share_pct"]),
        f"Roubles carried {b['share_pct']:g}% of Russia's export receipts in {b['period_start'].year}, up from "
        f"{a['share_pct']:g}% in {a['period_start'].year} (Bank of Russia figures as reported by "
        f"{cite(ids, sources)}" + ("; weak sources only" if weak else "") + ").",
        unit="percent", source_ids=source_ids.join(ids))


def statements_finding(points: pd.DataFrame) -> str:
    """How the officials' stated shares moved from the first statement to the last."""
    first_s, last_s = points.iloc[0], points.iloc[-1]
    if len(points) == 1:
        return (f"One official's figure for roubles and yuan in Russia–China settlements in the window: "
                f"{first_s['label'].split()[-1]} ({first_s['date']:%b %Y}); a statement, not a statistic")
    move = ("rose" if last_s["share_pct"] > first_s["share_pct"] else
            "fell" if last_s["share_pct"] < first_s["share_pct"] else "stayed")
    return (f"Officials' figures for roubles and yuan in Russia–China settlements {move} from "
            f"{first_s['label'].split()[-1]} ({first_s['date']:%b %Y}) to {last_s['label'].split()[-1]} "
            f"({last_s['date']:%b %Y}); these are statements, not statistics")


def statements_chart(points: pd.DataFrame, rub_cny: pd.DataFrame, window: Window, sources: pd.DataFrame) -> Chart:
    title = statements_finding(points)
    ids = list(points["source_ids"]) + (list(rub_cny["source_ids"]) if len(rub_cny) else [])
    fig = section_charts.statements_chart(points, rub_cny, title, charts.compact_source_line(ids, sources),
                                          window.start, window.end, note="Numbers match the statements table.")
    return fig, (f"Scatter of {len(points)} official statement(s) of the rouble-and-yuan share of Russia–China "
                 "settlements, in percent, numbered as in the table below, with the Bank of Russia's statistic for "
                 "all Russia's export receipts drawn as a line for comparison. " + title + ".")


def statements_table(points: pd.DataFrame) -> Table:
    table = points.assign(no=range(1, len(points) + 1),
                          date=[timeline.date_label(d, p) for d, p in zip(points["date"], points["precision"])],
                          stated=[lab.split()[-1] for lab in points["label"]])
    return Table(table[["no", "date", "speaker", "role", "stated", "claim", "source_ids"]]
                 .rename(columns={"stated": "share stated"}),
                 "Officials' statements of the rouble-and-yuan share of Russia–China settlements (percent, as stated)",
                 formats={"no": "int"} | {c: "text" for c in ("date", "speaker", "role", "share stated", "claim",
                                                              "source_ids")},
                 note="> more than; ≈ about; a bare number was stated as such.", appendix=True)


def swift_told(swift: pd.DataFrame, breaks: pd.DataFrame, swift_series: list[str], window: Window,
               sources: pd.DataFrame) -> tuple[Chart, str, KeyFigure]:
    """The SWIFT chart, the sentence on its highest month and the key figure."""
    main = "swift_global" if "swift_global" in swift_series and (swift["series"] == "swift_global").any() \
        else swift_series[-1]
    top = peak(swift[swift["series"] == main])
    what = "all SWIFT international payments" if main == "swift_global" else "SWIFT payments outside the euro area"
    title = f"The yuan's share of {what} peaked at {top['share_pct']:.2f}% in {top['period']}"
    source = charts.compact_source_line(swift["source_id"], sources, table_below=False)
    fig = section_charts.swift_chart(swift, breaks, title, source, window.start, window.end,
                                     note="Lines stop at series breaks and at months without a figure.")
    alt = (f"Line chart of the yuan's monthly share of SWIFT international payments in percent, "
           f"{len(breaks.drop_duplicates('date'))} series breaks drawn as dotted vertical lines where "
           f"the line stops. " + title + ".")
    sentence = (f"Highest month in the window: {top['period']}, {top['share_pct']:.2f}% of payments by value "
                f"({SERIES_LABELS[main]}).")
    return (fig, alt), sentence, KeyFigure("payments.swift_cny_peak", float(top["share_pct"]),
                                           f"The yuan's share of {what} peaked at {top['share_pct']:.2f}% in "
                                           f"{top['period']}.", unit="percent", source_ids=top["source_id"],
                                           headline=False)


def cofer_told(window_shares: pd.DataFrame, window: Window, sources: pd.DataFrame
               ) -> tuple[Chart | None, KeyFigure | None, list[str]]:
    """The COFER chart (None without a quarter in the window), the renminbi's key figure and sources."""
    usd = share_series(window_shares, "imf_cofer", "USD")
    cny = share_series(window_shares, "imf_cofer", "CNY")
    if usd.empty and cny.empty:
        return None, None, []
    parts = []
    u_last, c_last, c_top = latest(usd), latest(cny), peak(cny)
    if u_last is not None:
        parts.append(f"the dollar held {u_last['share_pct']:.1f}% of allocated reserves in {u_last['period']}")
    if c_last is not None:
        parts.append(f"the renminbi {c_last['share_pct']:.2f}%" + (
            f", below its {c_top['share_pct']:.2f}% peak of {c_top['period']}"
            if c_top is not None and c_top["period"] != c_last["period"] else ""))
    title = capitalised("; ".join(parts))
    ids = list(usd["source_id"]) + list(cny["source_id"])
    fig = section_charts.cofer_chart(usd, cny, title, charts.source_line(ids, sources), window.start, window.end)
    alt = ("Two line charts of the share of the world's allocated foreign-exchange reserves in percent, by quarter, "
           "each with its own scale: the US dollar (left) and the Chinese renminbi (right). " + title + ".")
    figure = None if c_last is None else KeyFigure(
        "payments.cofer_cny_latest", round(float(c_last["share_pct"]), 2),
        f"The renminbi held {c_last['share_pct']:.2f}% of the world's allocated reserves in {c_last['period']} "
        "(IMF COFER)" + (f", against a peak of {c_top['share_pct']:.2f}% in {c_top['period']}."
                         if c_top is not None else "."), unit="percent", source_ids=c_last["source_id"])
    return (fig, alt), figure, ids
