"""What the trade section tells: the reader's window, the summary, its chart titles, sentences,
tables and key figures, written from the results of :mod:`.series` for the window the reader
chose (what was published since the databases stop is told by :mod:`.recent`). The notebook
shows them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..present import charts
from ..data import source_ids
from ..present.key_figures import KeyFigure
from ..data.periods import compress_years, fiscal_label, gaps
from ..present.shown import Table, appendix_block
from ..present.tables import sources_html
from .claims import GROWTH_WINDOWS, matches_stated_growth
from .charts import annual_trade_chart, total_trade_chart
from .recent import most_recent, publisher_of
from . import bank_settled as bs, standing
from . import conflicts as weighing
from .series import (GOODS, bounds_for, cagr_over, coverage, growth_table, latest_published, trend_headline,
                     window_growth)

WHO = {"PAK": "Pakistan-reported", "RUS": "Russia-reported"}


@dataclass(frozen=True)
class Window:
    """The reader's choice, as report.yaml's rules converted it."""

    start_year: int
    end_year: int
    basis: str
    reporters: tuple[str, ...]
    series: str
    table_years: int

    @classmethod
    def of(cls, values: dict[str, Any]) -> Window:
        """From the values :func:`pakru.build.params.validate_section` returns for ``trade``."""
        reporters = ("PAK", "RUS") if values["reporter"] == "both" else (values["reporter"],)
        return cls(values["start_year"], values["end_year"], values["basis"], reporters, values["series"],
                   values["table_years"])

    @property
    def year_word(self) -> str:
        return "fiscal year" if self.basis == "fiscal" else "year"

    def label(self, year: int) -> str:
        return fiscal_label(year) if self.basis == "fiscal" else str(year)

    def span(self) -> str:
        return f"{self.label(self.start_year)} to {self.label(self.end_year)}"


def growth_series(rows: pd.DataFrame, window: Window) -> list[str]:
    """The series growth rests on: the chosen one, or, where it publishes nothing on this basis
    (the databases publish no fiscal years), every series there is."""
    return [window.series] if window.series in set(rows["series"]) else sorted(set(rows["series"]))


def window_sentence(window: Window, grown: list[str]) -> str:
    return (f"Window: {window.span()}, {window.basis} basis; reporters shown: "
            + ", ".join({'PAK': 'Pakistan', 'RUS': 'Russia'}[r] for r in window.reporters)
            + f"; growth rates rest on {', '.join(grown) or 'no series (no figures in the window)'}.")


def annual_chart(rows: pd.DataFrame, grown: list[str], window: Window, sources: pd.DataFrame,
                 observations: pd.DataFrame | None = None) -> tuple[charts.plt.Figure, str]:
    """The headline chart: two-way trade by year, one labelled line per series and reporter, and on
    the calendar basis the State Bank's fiscal years beside them, to the latest year."""
    headline = standing.lead_title(observations) if observations is not None else None
    shown = rows
    note = "Goods only; lines break where no figure is published."
    if observations is not None and window.basis == "calendar" and headline:
        shown = standing.lead_rows(rows, observations)
        shown = shown[shown["year"].between(window.start_year, window.end_year)]
        note = ("Goods only; lines break where no figure is published. State Bank figures are fiscal years "
                "(July–June) of goods settled through banks, drawn at the year each ends; "
                f"data through {bs.data_through(observations)}.")
    for ser in grown:
        headline = headline or trend_headline(rows, ser, window.reporters[0], window.label)
    headline = headline or f"Pakistan–Russia goods trade by {window.year_word}, as published"
    fig = total_trade_chart(shown, window.start_year, window.end_year, headline,
                            charts.source_line(shown["source_id"], sources), window.basis, note=note)
    ends = shown[shown["flow"] == "total"].sort_values("year").groupby(["series", "reporter"]).last()
    alt = (f"Line chart of Pakistan–Russia two-way goods trade by {window.year_word} from "
           f"{window.label(window.start_year)} to {window.label(window.end_year)}, USD million, one line per "
           "statistical series and reporter; last figures: "
           + "; ".join(f"{s}, {WHO.get(r, r)}, {window.label(int(e['year']))}: {e['value']:,.0f}"
                       for (s, r), e in ends.iterrows()) + ". " + headline + ".")
    return fig, alt


def flows_chart(rows: pd.DataFrame, window: Window, sources: pd.DataFrame,
                observations: pd.DataFrame | None = None) -> tuple[charts.plt.Figure, str]:
    """Exports, imports, total and balance in four panels, with the alt text; the title says that
    the balance's sign depends on whose records are read, never one reporter's balance alone."""
    title = "Pakistan's balance with Russia depends on whose records are read"
    main = window.series if window.series in set(rows["series"]) else rows["series"].iloc[0]
    bal = rows[(rows["flow"] == "balance") & (rows["series"] == main)]
    by = {r: bal[bal["reporter"] == r].groupby("year")["value"].first() for r in ("PAK", "RUS")}
    if len(by["PAK"]) and len(by["RUS"]):
        since = [y for y in by["RUS"].index if y >= 2011]
        if since:
            pak = by["PAK"].reindex(since).dropna()
            title = (f"Pakistan's balance with Russia depends on whose records are read: in {since[0]}–{since[-1]} a "
                     f"deficit in {int((pak < 0).sum())} of {len(pak)} years in Pakistan's, a surplus in "
                     f"{int((by['RUS'].reindex(since) > 0).sum())} of {len(since)} in Russia's ({main})")
    fig = annual_trade_chart(
        rows, ["exports", "imports", "total", "balance"], window.start_year, window.end_year, title,
        charts.source_line(rows["source_id"], sources), window.basis,
        note="Lines break where no figure is published; balance = Pakistan's exports minus imports.")
    alt = (f"Four line charts of Pakistan–Russia trade by {window.year_word} from {window.label(window.start_year)} "
           f"to {window.label(window.end_year)}: exports, imports, total and balance in USD million, one line per "
           "statistical series and reporter. " + title + ".")
    return fig, alt


def latest_published_figure(rows: pd.DataFrame, observations: pd.DataFrame, sources: pd.DataFrame,
                            window: Window) -> KeyFigure | None:
    """The latest full-year goods total on the window's basis, and what has been published after it
    (a partial window or a goods-and-services figure is named as such, never passed off as a year)."""
    latest = latest_published(rows, "total")
    if latest is None:
        return None
    publisher = publisher_of(latest["source_id"], sources)
    who = WHO.get(latest["reporter"], "reporter not stated")
    approx = "about " if latest.get("qualifier") == "about" else ""
    bounds = bounds_for(observations, "total", window.basis, int(latest["year"]))
    also = (f"; {len(bounds)} other statement{'s' if len(bounds) > 1 else ''} say only more than "
            f"{bounds['value'].min():,.0f}" if len(bounds) else "")
    text = (f"The latest goods total published for a full {window.year_word} is {approx}{latest['value']:,.0f} USD m "
            f"for {window.label(int(latest['year']))} ({latest['series']} figure, {who}, via {publisher}{also}).")
    last = most_recent(observations, "total")
    if last is not None and last["period_end"].year >= int(latest["year"]) and (
            last["coverage"] != GOODS or not last["full_year"]):
        text += " Figures published since are partial or include services."
    return KeyFigure("trade.latest_published_total", round(float(latest["value"]), 1), text, unit="USD million",
                     source_ids=latest["source_id"], headline=False)


def summary(rows: pd.DataFrame, grown: list[str], window: Window, observations: pd.DataFrame,
            gap: pd.DataFrame, totals: pd.DataFrame | None = None) -> list[str]:
    """The section's 3–5 sentences, computed: where trade stands on the State Bank's latest figures,
    the long run in three-year averages, and how far the two countries' records agree."""
    out = standing.where_trade_stands(observations, totals)[:3]
    main = grown[0] if grown else window.series
    trend = trend_headline(rows, main, window.reporters[0], window.label) if not rows.empty else None
    if trend:
        where, said = trend.split(": ", 1)
        where = where.replace("IMF DOTS", "the IMF's Direction of Trade Statistics, DOTS", 1)
        out.append(f"Over the long run, {said} ({where}).")
    if not gap.empty:
        exp = gap[gap["flow"] == "exports"]
        late = exp[exp["year"] >= 2010]
        if len(late):
            ratio = float((late["rus_reported"] / late["pak_reported"]).median())
            out.append(f"Since 2010 Russia has recorded about {ratio:.1f} times the exports Pakistan records "
                       "sending to Russia, so both records are shown and neither is treated as the truth.")
    return out[:5]


def growth_tables(rows: pd.DataFrame, grown: list[str], window: Window) -> Iterator[Table]:
    """Per series and reporter: values and year-on-year growth of the last ``table_years`` years."""
    for ser, rep in [(s, r) for s in grown for r in window.reporters]:
        tbl = growth_table(rows, ser, rep)
        if tbl.empty:
            continue
        who = "Pakistan" if rep == "PAK" else "Russia"
        # name the directions, not the reporter's own "exports": Russia's records of Pakistan's
        # exports are Russia's imports
        recent = tbl.tail(window.table_years).rename(
            columns=lambda c: c.replace("exports", "PK→RU").replace("imports", "RU→PK"))
        yield Table(recent.assign(year=[window.label(int(y)) for y in recent["year"]]),
                    f"{ser}, {who}-reported: USD million and year-on-year growth, last {len(recent)} years with data",
                    formats={c: "pct" for c in recent.columns if c.endswith("growth %")} | {"year": "text"},
                    appendix=True,
                    note="Earlier years are in the chart above and in the trade figures in the appendix."
                    if len(tbl) > len(recent) else "")


def growth_sentences(rows: pd.DataFrame, grown: list[str], window: Window) -> list[str]:
    """One sentence on growth over the window, on three-year averages so that neither end rests on a
    one-year spike (2020 was a wheat year); the yearly rates are in the tables."""
    out = []
    if grown != [window.series]:
        out.append(f"{window.series} has no {window.basis}-basis figures; the tables use "
                   + (", ".join(grown) or "no series") + " instead.")
    for ser in grown[:1]:
        rep = window.reporters[0]
        tbl = growth_table(rows, ser, rep)
        values = tbl.set_index("year")["total"].dropna() if "total" in tbl else pd.Series(dtype=float)
        if len(values) < 6:
            continue
        head, tail = values.iloc[:3], values.iloc[-3:]
        mid_a, mid_b = head.index[1], tail.index[1]
        rate = ((tail.mean() / head.mean()) ** (1 / (mid_b - mid_a)) - 1) * 100
        out.append(f"On {ser} ({WHO[rep]}), two-way trade averaged {head.mean():,.0f} USD m a year in "
                   f"{window.label(int(head.index[0]))}–{window.label(int(head.index[-1]))} and {tail.mean():,.0f} in "
                   f"{window.label(int(tail.index[0]))}–{window.label(int(tail.index[-1]))}: about {rate:.0f}% a year "
                   "between the two, taken on three-year averages because single years swing with one-off "
                   "purchases.")
    return out


def latest_total_figures(rows: pd.DataFrame, grown: list[str], window: Window) -> list[KeyFigure]:
    """The latest year's two-way total with its growth, and the compound rate over the window."""
    main_series = grown[0] if grown else window.series
    table = growth_table(rows, main_series, window.reporters[0]) if not rows.empty else pd.DataFrame()
    if "total" not in table or not table["total"].notna().any():
        return []
    table = table.dropna(subset=["total"])
    last = table.iloc[-1]
    growth = last.get("total growth %", float("nan"))
    ids = source_ids.of_frame(rows[(rows["series"] == main_series) & (rows["year"] == last["year"])])
    figures = [KeyFigure(
        "trade.latest_total", round(float(last["total"]), 1),
        f"Latest full {window.year_word} in {main_series} ({window.label(int(last['year']))}): two-way trade of "
        f"{last['total']:,.1f} USD m ({'Pakistan' if window.reporters[0] == 'PAK' else 'Russia'}-reported)"
        + (f", {growth:+.1f}% on the year before." if growth == growth else "."),
        # the key findings hold three trade figures: the latest full-year goods total, the latest figure of
        # any kind and Russia's share; this one is in the section's summary
        unit="USD million", headline=False, source_ids=source_ids.join(ids))]
    c = cagr_over(table.set_index("year")["total"])
    if c:
        figures.append(KeyFigure("trade.cagr_total", round(c.rate_pct, 1),
                                 f"{main_series} two-way trade grew {c.rate_pct:.1f}% a year compounded from "
                                 f"{window.label(c.first_year)} to {window.label(c.last_year)}.", unit="percent",
                                 headline=False))
    return figures


def mirror_title(gap: pd.DataFrame) -> tuple[str, float]:
    """The mirror chart's title and the median ratio of Russia's to Pakistan's records of
    Pakistan's exports (NaN without export pairs)."""
    exp = gap[gap["flow"] == "exports"]
    if exp.empty:
        return "Pakistan's and Russia's records of the same trade differ", float("nan")
    ratio = float((exp["rus_reported"] / exp["pak_reported"]).median())
    early, late = exp[exp["year"] < 2008], exp[exp["year"] >= 2010]
    if len(early) and len(late):
        r_early = float((early["rus_reported"] / early["pak_reported"]).median())
        r_late = float((late["rus_reported"] / late["pak_reported"]).median())
        return (f"Russia's records of Pakistan's exports were close to Pakistan's own until {int(early['year'].max())} "
                f"(about {r_early:.1f} times) and about {r_late:.1f} times them from 2010", ratio)
    return (f"Russia records about {ratio:.1f} times the Pakistani exports that Pakistan itself records "
            f"(median, {int(exp['year'].min())}–{int(exp['year'].max())})", ratio)


def mirror_figure(gap: pd.DataFrame, series: str) -> KeyFigure | None:
    exp = gap[gap["flow"] == "exports"]
    ratio = mirror_title(gap)[1]
    if exp.empty:
        return None
    return KeyFigure("trade.mirror_ratio_exports", round(ratio, 2), f"{mirror_title(gap)[0]} ({series}).",
                     unit="ratio", headline=False)


def share_table(share: pd.DataFrame) -> Table:
    shown = share[["fy", "flow", "coverage", "russia", "world", "share_pct", "compiler", "source_ids"]].rename(columns={
        "fy": "fiscal year", "russia": "with Russia", "world": "with the world", "share_pct": "Russia's share",
        "compiler": "compiled by", "source_ids": "sources"})
    return Table(shown, "Russia's share of Pakistan's goods trade (USD million; share in percent)",
                 formats={"Russia's share": "pct_plain", "fiscal year": "text", "flow": "text", "coverage": "text",
                          "compiled by": "text", "sources": "text"}, decimals=1, appendix=len(shown) > 8)


def share_figure(share: pd.DataFrame) -> KeyFigure | None:
    tot = share[share["flow"] == "total"].sort_values("year")
    if tot.empty:
        return None
    r = tot.iloc[-1]
    return KeyFigure("trade.russia_share_latest", round(float(r["share_pct"]), 2),
                     f"Russia's share of Pakistan's {r['coverage']} trade in {r['fy']}: {r['share_pct']:.1f}% "
                     f"({r['russia']:,.0f} of {r['world']:,.0f} USD m, {r['compiler']} basis).", unit="percent",
                     headline=False)


def conflicts_sentences(observations: pd.DataFrame, window: Window) -> list[str]:
    """The conflicts a reader needs, weighed (:func:`pakru.trade.conflicts.weighed`), the sign of
    the balance by reporter, and how many small differences are revisions, not conflicts."""
    out = [f"{w.question} {w.figures}. {w.why_not_both} {w.likely_reason} Used here: {w.used}"
           for w in weighing.weighed(observations)]
    if balance := weighing.balance_by_reporter(observations):
        out.append(balance)
    conf = weighing.classified(observations)
    conf = conf[conf["year"].between(window.start_year, window.end_year)]
    revisions = conf[conf["kind"] == "revision"]["conflict"].nunique()
    if revisions:
        out.append(f"{revisions} further differences, each under 5% between two statistical releases (the IMF's "
                   "and UN Comtrade's copies of the same customs figures), are revisions, not conflicts; they are "
                   "listed in the appendix.")
    return out


def conflicts_table(observations: pd.DataFrame, window: Window) -> Table | None:
    conf = weighing.classified(observations)
    conf = conf[conf["year"].between(window.start_year, window.end_year)].drop(columns="year")
    if conf.empty:
        return None
    return Table(conf, "Published figures that differ, with their kind (revision, remark against a statistic, "
                 "conflict), USD million",
                 formats={"conflict": "int", "period": "text", "flow": "text", "basis": "text", "reporter": "text",
                          "coverage": "text", "series": "text", "qualifier": "text", "source_id": "text",
                          "kind": "text"},
                 appendix=True)


def julmay_check(observations: pd.DataFrame) -> tuple[str, KeyFigure | None, list[str]]:
    """The minister's July–May statement recomputed: the sentence, the key figure and the sources."""
    check = window_growth(observations, "total", *GROWTH_WINDOWS)
    if check.empty:
        return "The two July–May figures are not in the data, so the statement cannot be checked here.", None, []
    r = check.iloc[0]
    verdict = "matches" if matches_stated_growth(r["growth_pct"]) else "does not match"
    sentence = (f"Computed growth: {r['value']:,.1f} / {r['earlier_value']:,.1f} − 1 = {r['growth_pct']:+.1f}%, "
                f"which {verdict} the stated +34%. Both values come from one statement ({r['source_id']}); they are "
                "a July–May window, not a full fiscal year, and are kept apart from the annual series above.")
    figure = KeyFigure("trade.julmay_fy23_growth", round(float(r["growth_pct"]), 1),
                       f"Trade in July–May FY2022-23 was {r['value']:,.1f} USD m, {r['growth_pct']:+.1f}% on "
                       f"{r['earlier_value']:,.1f} a year earlier (Pakistan's commerce ministry).", unit="percent",
                       source_ids=r["source_id"], headline=False)
    return sentence, figure, list(check["source_id"])


def coverage_table(observations: pd.DataFrame) -> Table:
    cov = coverage(observations).rename(columns={
        "full_years": "full years", "n_full": "number of full years", "partial_windows": "partial windows",
        "bounds": "bounds (more/less than)"})
    return Table(cov, "Coverage of the trade figures: full years, partial windows (e.g. July–May) and "
                 "figures given only as bounds", formats={"number of full years": "int", "partial windows": "int",
                 "bounds (more/less than)": "int"} | {c: "text" for c in ("basis", "coverage", "series", "reporter",
                                                                          "flows", "full years")}, appendix=True,
                 printed=False)


def missing_years_sentence(rows: pd.DataFrame, window: Window) -> str:
    years = sorted(set(rows[rows["series"] == window.series]["year"])) if not rows.empty else []
    missing = gaps(years, window.start_year, window.end_year)
    if not missing:
        return ""
    held = sorted(set(rows[rows["series"] == window.series]["year"])) if not rows.empty else []
    last = f" as held here ends in {window.label(int(held[-1]))}" if held else " is not held here"
    return (f"{window.series}{last}; it has no full-{window.year_word} figure on the {window.basis} basis for "
            + compress_years(missing, fiscal=window.basis == "fiscal") + ", where the State Bank of Pakistan's "
            "fiscal years and the press figures above stand in.")


def show_sources_appendix(ids: list[str], sources: pd.DataFrame) -> None:
    """The section's sources table, marked for the report's appendices."""
    from IPython.display import HTML, display

    caption = "Sources of the trade section"
    body = sources_html(ids, sources, caption)
    display(HTML(appendix_block(body, caption, len(set(source_ids.split_all(ids))))))
