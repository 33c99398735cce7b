"""What the defence section tells: chart titles, alt texts, sentences, tables and key figures,
written from the other modules' results for the window the reader chose. The notebook shows them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..present import charts, key_events, timeline
from ..data import source_ids
from ..claims.model import ClaimCheck, verdict_counts
from ..present.key_figures import KeyFigure
from ..data.periods import missing_years
from ..present.shown import Table
from ..present.wording import join_words
from . import charts as section_charts
from . import claims, published_shares, sipri
from .engines import engine_sentence
from .events import counts_before_after, key_flags, parse_categories, with_key_labels

Chart = tuple[charts.plt.Figure, str]  # a figure and its alt text
PRECISION_NOTE = ("Precision: marker = exact day; bar = first to last day; shaded band = known only to the month, "
                  "year or decade, drawn over the whole period.")


@dataclass(frozen=True)
class Window:
    """The reader's choice, as report.yaml's rules converted it; categories in lane order."""

    start_year: int
    end_year: int
    categories: tuple[str, ...]
    show_weak: bool
    share_period_years: int

    @classmethod
    def of(cls, values: dict[str, Any]) -> Window:
        """From the values :func:`pakru.build.params.validate_section` returns for ``defence``."""
        return cls(values["start_year"], values["end_year"], tuple(parse_categories(values["categories"])),
                   values["show_weak"], values["share_period_years"])

    def intro(self, events: pd.DataFrame, all_events: pd.DataFrame) -> str:
        return (f"Window: {self.start_year} to {self.end_year}; categories shown: "
                f"{', '.join(self.categories) or 'none'}; {len(events)} of the {len(all_events)} events in the data "
                "fall in this selection"
                + (f", {int(events['weak'].sum())} of them resting only on weakly rated sources (drawn hollow or "
                   "dotted)." if self.show_weak else "; events resting only on weakly rated sources are left out."))


def exercise_gap(events: pd.DataFrame, since: pd.Timestamp | None) -> list[int]:
    """The years with no joint exercise between the first and the last exercise from ``since`` on
    (2022 and 2023 in the data held)."""
    ex = events[events["category"] == "exercise"]
    if since is not None:
        ex = ex[ex["date"] >= since]
    return missing_years(ex["date"].dt.year) if len(ex) else []


def timeline_headline(events: pd.DataFrame, agreement: pd.Timestamp | None,
                      transfers: pd.DataFrame | None = None) -> str:
    """The key-dates chart's title, a finding: what cooperation since the agreement consists of (the
    Druzhba exercises, Russian deliveries in SIPRI's register) and the years without an exercise,
    with the event the data date just before them."""
    if agreement is None or events.empty or events["date"].max() < agreement:
        top = events["category"].value_counts()
        return (f"Soviet and Russian cooperation with Pakistan, {int(events['date'].dt.year.min())}–"
                f"{int(events['date'].dt.year.max())}: most events reported are {top.index[0]}s")
    since = events[events["date"] >= agreement]
    dz = since[since["exercise_series"] == "Druzhba"]
    parts = [f"{len(dz)} Druzhba exercise{'s' if len(dz) != 1 else ''}"] if len(dz) else []
    if transfers is not None:
        deals = transfers[(transfers["supplier"] == "Russia") & (transfers["order_year"] >= agreement.year)
                          & transfers["number_delivered"].notna()].sort_values("order_year")
        heli = deals["description"].str.contains("helicopter")
        if heli.any():  # helicopters of any kind counted together, their types named
            parts.append(f"{int(deals.loc[heli, 'number_delivered'].sum())} helicopters "
                         f"({', '.join(dict.fromkeys(deals.loc[heli, 'designation']))})")
        parts += [f"{int(r['number_delivered'])} {r['designation']} {r['description']}s"
                  for _, r in deals[~heli].iterrows()]
    head = f"Since the {agreement.year} agreement: " + (join_words(parts) if parts else
                                                        "mostly " + since["category"].mode().iloc[0] + "s")
    gap = exercise_gap(events, agreement)
    if gap:
        span = f"{gap[0]}–{str(gap[-1])[-2:]}" if len(gap) > 1 and gap[-1] - gap[0] == len(gap) - 1 \
            else join_words(map(str, gap))
        head += f"; no joint exercise in {span}"
        before = events[(events["date"].dt.year <= gap[0])
                        & events["detail"].fillna("").str.contains("invaded Ukraine")] if "detail" in events else []
        if len(before):
            head += ", the years after Russia invaded Ukraine"
    return head


def timeline_chart(events: pd.DataFrame, window: Window, sources: pd.DataFrame, agreement: pd.Timestamp | None,
                   transfers: pd.DataFrame | None = None) -> Chart:
    """One annotated strip of the key dates (:data:`events.KEY_EVENTS` in the selection) over a strip
    of every event; all of them are in the appendix table."""
    lo, hi = window.start_year, window.end_year
    headline = timeline_headline(events, agreement, transfers)
    key = key_flags(events)
    if not key.any():  # a selection without a key event: its first and last events are labelled
        key = events.index.isin([events["date"].idxmin(), events["date"].idxmax()])
    gap = exercise_gap(events, agreement)
    shade = [(pd.Timestamp(year=gap[0], month=1, day=1), pd.Timestamp(year=gap[-1] + 1, month=1, day=1))] if gap else []
    note = ((f"Shaded: {gap[0]}–{gap[-1]}, no joint exercise recorded. " if gap else "")
            + "Older decades are less densely reported, so the strip of all events is not a census.")
    fig = key_events.key_events_chart(
        with_key_labels(events), key, headline,
        section_charts.summary_source_line(events["source_ids"], sources,
                                           "each event's sources are in the appendix table of all events"),
        note=note, start=pd.Timestamp(year=lo, month=1, day=1), end=pd.Timestamp(year=hi + 1, month=1, day=1),
        shade=shade, rug_label=f"all {len(events)} events\n(key ones dark)")
    shown = with_key_labels(events)[pd.Series(key, index=events.index)]
    labelled = "; ".join(f"{timeline.date_label(d, p, e)}: {t or title}" for d, p, e, t, title in
                         zip(shown["date"], shown["precision"], shown["end_date"], shown["label"], shown["title"]))
    return fig, (f"Annotated timeline from {lo} to {hi} of {len(shown)} key events in Pakistan's defence relations "
                 f"with the Soviet Union and Russia, over a strip of all {len(events)} events: {labelled}. "
                 + headline + ".")


def before_after(events: pd.DataFrame, window: Window, agreement: pd.Timestamp) -> tuple[Table, str]:
    """Events per category before and from the agreement, and the sentence comparing the rates."""
    split_label = timeline.date_label(agreement, "day")
    counts = counts_before_after(events, agreement, list(window.categories))
    shown = counts.rename(columns={"before": f"before {split_label}", "after": f"from {split_label}"})
    table = Table(shown, f"Events by category before and from the agreement of {split_label} "
                  f"(number of events, {window.start_year}–{window.end_year})",
                  formats={c: "int" for c in shown.columns if c != "category"} | {"category": "text"})
    allrow = counts.iloc[-1]
    # years of the window on each side of the agreement day
    before_years = (agreement - pd.Timestamp(year=window.start_year, month=1, day=1)).days / 365.25
    after_years = (pd.Timestamp(year=window.end_year + 1, month=1, day=1) - agreement).days / 365.25
    sentence = (f"{int(allrow['after'])} of {int(allrow['total'])} events in the selection date from "
                f"{split_label} or later")
    if before_years > 0 and after_years > 0:
        sentence += (f": about {allrow['after'] / after_years:.1f} a year from then to the end of {window.end_year}, "
                     f"against {allrow['before'] / before_years:.1f} a year from {window.start_year} until then.")
    else:
        sentence += "."
    ex = counts.set_index("category")
    if "exercise" in ex.index:
        sentence += (f" Joint exercises: {int(ex.at['exercise', 'before'])} before, "
                     f"{int(ex.at['exercise', 'after'])} after.")
    return table, sentence


def druzhba_table(dz: pd.DataFrame) -> Table:
    return Table(dz[["edition", "dates", "place", "troops", "source_ids"]],
                 f"Druzhba exercises of the Pakistan and Russian armies, {int(dz['year'].min())}–"
                 f"{int(dz['year'].max())} (edition number in date order; troops as the sources report them)",
                 formats={"edition": "int", "dates": "text", "place": "text", "troops": "text", "source_ids": "text"},
                 appendix=True)


def druzhba_sentence(dz: pd.DataFrame, dz_all: pd.DataFrame) -> str:
    gaps = missing_years(dz_all["year"])
    return (f"{len(dz)} editions between {int(dz['year'].min())} and {int(dz['year'].max())}: "
            f"{int(dz['place'].str.contains('Pakistan').sum())} in Pakistan and "
            f"{int(dz['place'].str.contains('Russia').sum())} in Russia."
            + (f" No edition is recorded for {join_words(map(str, gaps), 'or')}." if gaps else ""))


def druzhba_figures(dz_all: pd.DataFrame) -> list[KeyFigure]:
    if dz_all.empty:
        return []
    first, lo, hi = dz_all.iloc[0], int(dz_all["year"].min()), int(dz_all["year"].max())
    return [
        KeyFigure("defence.first_druzhba_year", int(first["year"]),
                  f"The Pakistan and Russian armies held {len(dz_all)} Druzhba exercises from {lo} to {hi}; the "
                  f"first ran {first['dates']} ({first['place']}).", unit="year", source_ids=first["source_ids"],
                  headline=False),
        KeyFigure("defence.druzhba_editions", int(len(dz_all)), f"{len(dz_all)} Druzhba editions were held from "
                  f"{lo} to {hi}.", unit="editions", source_ids=source_ids.join(dz_all["source_ids"]), headline=False),
    ]


def deliveries_headline(deliveries: pd.DataFrame) -> str:
    """The deliveries chart's title, also the subsection's finding: the peak year, and Russia's
    largest year when the peak was Soviet."""
    peak = deliveries.sort_values(["tiv", "year"], ascending=[False, True]).iloc[0]
    headline = (f"Soviet and Russian deliveries peaked in {int(peak['year'])} ({peak['supplier']}, "
                f"{peak['tiv']:,.0f} million TIV)")
    rus = deliveries[deliveries["supplier"] == "Russia"]
    if not rus.empty and peak["supplier"] != "Russia":
        rp = rus.sort_values(["tiv", "year"], ascending=[False, True]).iloc[0]
        headline += f"; Russia's largest year was {int(rp['year'])} ({rp['tiv']:,.0f})"
    return headline


def deliveries_sentence(deliveries: pd.DataFrame) -> str:
    """The subsection's finding: each supplier's total over its years, and the peak year."""
    parts = []
    for supplier, g in deliveries.groupby("supplier", sort=False):
        who = "the Soviet Union" if supplier == "Soviet Union" else supplier
        parts.append(f"{g['tiv'].sum():,.0f} million TIV delivered by {who} in {g['year'].nunique()} years "
                     f"between {int(g['year'].min())} and {int(g['year'].max())}")
    peak = deliveries.sort_values(["tiv", "year"], ascending=[False, True]).iloc[0]
    return (f"SIPRI's values add up to {join_words(parts)}; the largest year was {int(peak['year'])} "
            f"({peak['tiv']:,.0f} million TIV).")


def deliveries_chart(deliveries: pd.DataFrame, lo: int, hi: int, sources: pd.DataFrame,
                     transfers: pd.DataFrame | None = None, window_end: int | None = None) -> Chart:
    """The deliveries chart; with ``transfers`` the years after the TIV table (to the register's
    last year, within the window) are marked as having no TIV figure, never drawn as zero, and the
    note says how much of Russia's register TIV the RD-93 engines are."""
    total = deliveries.groupby("supplier")["tiv"].sum()
    headline = deliveries_headline(deliveries)
    note = (f"Deliveries recorded in {len(deliveries)} of the {hi - lo + 1} years {lo}–{hi}; totals: "
            + "; ".join(f"{k} {v:,.0f} million TIV" for k, v in total.items()) + ".")
    after, register_end = None, None
    if transfers is not None and len(transfers):
        last = sipri.register_last_year(transfers)
        register_end = min(last, window_end) if last is not None and window_end is not None else last
        after = sipri.deliveries_after_table(transfers, hi, register_end)
        if (top := sipri.main_channel(transfers)) is not None:
            note += (f" The RD-93 engines for the JF-17 are about {top['share_pct']:.0f}% "
                     f"({top['tiv_delivered']:,.0f} of {top['russia_tiv']:,.0f} million TIV) of what SIPRI's register "
                     "credits to Russia since 1992 (share computed for this report).")
    else:
        note += " SIPRI's 2025 register adds RD-93 engine deliveries in 2023 and 2024, after this table ends."
    fig = section_charts.deliveries_chart(
        deliveries, lo, hi, headline, sipri.credit_line() + " " + charts.source_line(deliveries["source_id"], sources),
        note, after_table=after, register_end=register_end)
    beyond = (f" {hi + 1}–{register_end} are marked as having no TIV figure; the register lists "
              f"{join_words(dict.fromkeys(after['designation']))} deliveries in them."
              if after is not None and register_end is not None and register_end > hi and len(after) else "")
    return fig, (f"Bar chart of Soviet and Russian arms deliveries to Pakistan by year, {lo}–{hi}, in million SIPRI "
                 "TIV: " + "; ".join(f"{int(y)} {s} {v:,.0f}" for y, s, v in
                                     zip(deliveries["year"], deliveries["supplier"], deliveries["tiv"]))
                 + "." + beyond + " " + headline + ".")


def shares_in_reference(shares: pd.DataFrame) -> pd.Series:
    """Each supplier's share in the latest complete period (the latest period when none is)."""
    latest = sipri.latest_complete_share(shares)
    ref = latest if latest is not None else shares[shares["supplier"] == sipri.RUSSIA].iloc[-1]
    return shares[shares["period"] == ref["period"]].set_index("supplier")["share_pct"].rename(ref["years"])


def shares_headline(shares: pd.DataFrame) -> str:
    """The shares chart's title, also the subsection's finding."""
    ref = shares_in_reference(shares)
    return (f"In {ref.name} Russia supplied {ref.get(sipri.RUSSIA, float('nan')):.1f}% of Pakistan's arms imports "
            f"(TIV), China {ref.get('China', float('nan')):.1f}% and the United States "
            f"{ref.get('United States', float('nan')):.1f}%")


def shares_sentence(shares: pd.DataFrame, published: pd.DataFrame | None = None) -> str:
    """The subsection's finding: Russia's highest share and its share against China's and the
    United States' in the latest complete period."""
    rus = shares[(shares["supplier"] == sipri.RUSSIA) & shares["share_pct"].notna()]
    ref = shares_in_reference(shares)
    text = ""
    if not rus.empty:
        top = rus.sort_values(["share_pct", "first_year"], ascending=[False, True]).iloc[0]
        text = (f"Russia's share of Pakistan's arms imports, with the Soviet Union's before 1992, was highest in "
                f"{top['years']} at {top['share_pct']:.1f}%; ")
    text += (f"in {ref.name} it was {ref.get(sipri.RUSSIA, float('nan')):.1f}%, against "
             f"{ref.get('China', float('nan')):.1f}% for China and "
             f"{ref.get('United States', float('nan')):.1f}% for the United States. These are this report's own "
             "division of SIPRI's import-value table (downloaded in 2022, to 2021), not the shares SIPRI publishes")
    same = None
    span = str(ref.name).replace("–", "-").split("-")
    if published is not None and len(published) and len(span) == 2 and all(s.isdigit() for s in span):
        first, last = int(span[0]), int(span[1])
        last = last if last > 100 else first // 100 * 100 + last
        same = published[(published["window_start"] == first) & (published["window_end"] == last)]
    if same is not None and len(same):
        told = ", ".join(f"{r['supplier']} {r['share_pct']:g}%" for _, r in same.iterrows())
        when = same.iloc[0]["release"].split("(")[-1].rstrip(")")
        text += f"; for the same years SIPRI's {when} release gave {told}."
    else:
        text += "."
    return text[:1].upper() + text[1:]


def shares_told(shares: pd.DataFrame, window: Window, sources: pd.DataFrame
                ) -> tuple[Chart, Table, KeyFigure | None]:
    """The supplier-shares chart and table, and Russia's share in the latest complete period."""
    latest = sipri.latest_complete_share(shares)
    china = shares_in_reference(shares).get("China", float("nan"))
    headline = shares_headline(shares)
    credit = sipri.credit_line(computed=True) + " " + charts.source_line(shares["source_ids"], sources)
    years = window.share_period_years
    fig = section_charts.shares_chart(shares, years, headline, credit,
                                      note="Share = supplier's TIV / SIPRI's total TIV for Pakistan over the period; "
                                           "other suppliers (e.g. France, the UK) make up the rest.")
    alt = (f"Line chart of the share of Pakistan's arms imports, in percent of SIPRI TIV, by {years}-year period from "
           f"{shares['first_year'].min()} to {shares['last_year'].max()}, for Russia (with the Soviet Union), China "
           "and the United States; shares computed for this report from SIPRI TIV. " + headline + ".")
    wide = sipri.shares_wide(shares)
    table = Table(wide, f"Pakistan's arms imports by supplier and {years}-year period: million TIV and share in "
                  "percent (shares computed for this report from SIPRI TIV)",
                  formats={c: ("pct_plain" if c.endswith("share %") else "number") for c in wide.columns
                           if c not in ("period", "complete")} | {"period": "text", "complete": "text"},
                  decimals=1, note=credit, appendix=True)
    figure = None if latest is None else KeyFigure(
        "defence.russia_share_recent", round(float(latest["share_pct"]), 1),
        f"Russia supplied {latest['share_pct']:.1f}% of Pakistan's arms imports in {latest['years']} (SIPRI TIV; "
        f"China {china:.1f}%); share computed for this report from SIPRI's trend-indicator values.", unit="percent",
        source_ids=latest["source_ids"], headline=False)
    return (fig, alt), table, figure


def weapons_told(weapons: pd.DataFrame, window: Window, sources: pd.DataFrame) -> tuple[Table, str]:
    table = Table(weapons.drop(columns="source_id"),
                  f"Soviet and Russian arms for Pakistan in SIPRI's register, {window.start_year}–{window.end_year} "
                  "(numbers of items; TIV in millions; '?' = uncertain per SIPRI)",
                  formats={"TIV delivered": "number"} | {c: "text" for c in weapons.columns if c != "TIV delivered"},
                  decimals=1, note=sipri.credit_line() + " " + charts.source_line(weapons["source_id"], sources),
                  appendix=True)
    n_unc = int(weapons[["order year", "ordered", "delivered"]].apply(lambda c: c.str.endswith("?")).any(axis=1).sum())
    n_soviet = int((weapons["supplier"] == "Soviet Union").sum())
    n_russia = int((weapons["supplier"] == "Russia").sum())
    sentence = (f"SIPRI's register lists {len(weapons)} deals: {n_soviet} with the Soviet Union "
                f"and {n_russia} with Russia, {weapons['TIV delivered'].sum():,.1f} "
                f"million TIV delivered in all; SIPRI marks a number or year uncertain in {n_unc} of them.")
    return table, sentence


def claims_table(checks: list[ClaimCheck]) -> Table:
    frame = pd.DataFrame({"claim": [c.claim for c in checks], "finding": [c.finding for c in checks],
                          "verdict": [c.verdict.value for c in checks], "source_ids": [c.sources for c in checks]})
    return Table(frame, "The article's four defence claims: verdicts, findings and sources (computed from the defence "
                 "events and SIPRI's register)",
                 formats={c: "text" for c in frame.columns},
                 note=sipri.credit_line() + " The Mi-35 and Su-35 rows rest on SIPRI's register.", appendix=True)


def claims_sentences(checks: list[ClaimCheck]) -> list[str]:
    """The tally of the defence claims, then one paragraph per claim: verdict, claim, finding."""
    counts = {v: n for v, n in verdict_counts(checks).items() if n}
    tally = (f"Of the article's {len(checks)} defence claims, "
             + join_words(f"{n} {'is' if n == 1 else 'are'} {v.value}" for v, n in counts.items()) + ".")
    return [tally] + [f"{c.verdict.value.capitalize()}: {c.claim} {c.finding}" for c in checks]


def summary(events: pd.DataFrame, window: Window, agreement: pd.Timestamp | None, dz_all: pd.DataFrame,
            transfers: pd.DataFrame, shares: pd.DataFrame, published: pd.DataFrame | None = None,
            sources: pd.DataFrame | None = None) -> list[str]:
    """The section's opening summary, 3 to 5 sentences from the data: SIPRI's latest published
    supplier shares, Russia's main channel (the JF-17's engines), the Druzhba series and its gaps,
    the Mi-35M helicopters, and the 2014 agreement. A sentence the data cannot give is left out."""
    from ..present.wording import cite

    out = []
    if published is not None and sources is not None and (text := published_shares.sentence(published, sources, cite)):
        out.append(text.split(". The same release")[0].split(". The figures come")[0] + ".")
    if text := engine_sentence(transfers):
        out.append(text)
    if not dz_all.empty:
        gaps = missing_years(dz_all["year"])
        out.append(f"The two armies have held {len(dz_all)} Druzhba counter-terrorism exercises since "
                   f"{int(dz_all['year'].min())}, the latest in {int(dz_all['year'].max())}"
                   + (f" (none in {join_words(map(str, gaps), 'or')})" if gaps else "") + ".")
    if agreement is not None:
        since = transfers[(transfers["supplier"] == "Russia") & (transfers["order_year"] >= agreement.year)]
        if not since.empty:
            deals = [f"{int(r['number_delivered'])} {r['designation']} {r['description']}s"
                     for _, r in since.sort_values("order_year").iterrows() if pd.notna(r["number_delivered"])]
            out.append(f"Since the defence cooperation agreement of {timeline.date_label(agreement, 'day')}, SIPRI's "
                       f"register lists Russian deliveries of {join_words(deals)}.")
    if len(out) < 3 and agreement is not None and not events.empty:
        out.append(f"The defence cooperation agreement was signed on {timeline.date_label(agreement, 'day')}.")
    return out[:5]


def mi35_figure(transfers: pd.DataFrame) -> KeyFigure | None:
    mi = claims.mi35_deliveries(transfers)
    if mi is None:
        return None
    return KeyFigure("defence.mi35_delivered", mi["delivered"],
                     f"SIPRI records {mi['delivered']} Mi-35M helicopters delivered to Pakistan in "
                     f"{', '.join(map(str, mi['delivery_years']))}, ordered in "
                     f"{', '.join(map(str, mi['order_years']))}.", unit="helicopters",
                     source_ids=source_ids.join(mi["source_ids"]), headline=False)

