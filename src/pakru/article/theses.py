"""The article's two theses, tested against the evidence up to the latest data.

"75 years on, Pakistan-Russia relations are stronger than ever" (Arab News, 2023) argues that
(1) relations are "stronger than ever" and (2) the yuan payment for Russian crude is "indicative of
an emerging de-dollarisation pattern". Each assessment is a frozen record with the evidence on
both sides (sentences for readers: publishers and years, no ids), a verdict, its confidence and
the source ids (for tables and tooltips). The verdicts are computed by stated rules, so evidence
that changes the balance changes the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..claims.cite import amount, cited_all
from ..claims.model import Verdict
from ..data import source_ids
from ..data.periods import day_label, fiscal_label
from ..defence import published_shares, sipri
from ..defence.events import druzhba
from ..present.key_figures import KeyFigure
from ..present.shown import Table
from ..present.wording import join_words

# A fall to below this share of the peak year means the relationship is not "stronger than ever"
# by trade; above PARTLY_SHARE it is still near the peak.
NOT_BORNE_OUT_SHARE = 0.5
PARTLY_SHARE = 0.9
NON_DOLLAR = ("CNY", "AED", "RUB")


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: a sentence for readers and the source ids it rests on."""

    text: str
    source_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThesisAssessment:
    """One thesis of the article weighed against the data."""

    thesis_id: str
    thesis: str
    evidence_for: tuple[Evidence, ...]
    evidence_against: tuple[Evidence, ...]
    verdict: Verdict
    confidence: str  # "high", "moderate" or "low"
    reasoning: str

    @property
    def source_ids(self) -> tuple[str, ...]:
        """Every source the assessment rests on, in first-cited order."""
        return tuple(source_ids.split(*(s for e in (*self.evidence_for, *self.evidence_against) for s in e.source_ids)))


def _ev(text: str, ids: object) -> Evidence:
    return Evidence(text, tuple(source_ids.split(*(ids if isinstance(ids, (list, tuple)) else [ids]))))


def sbp_goods_years(observations: pd.DataFrame) -> pd.DataFrame:
    """Full fiscal years of the State Bank of Pakistan's goods series (any ``series`` containing
    "SBP", coverage goods, July–June), one row per fiscal year.

    Columns: fiscal_end (the year the fiscal year ends), exports, imports, total (exports plus imports
    when both are published, else a published total), source_ids. Where a year is published twice
    (a provisional and a revised figure) the later row in the file wins: imports are appended."""
    cols = ["fiscal_end", "exports", "imports", "total", "source_ids"]
    obs = observations[observations["series"].astype(str).str.contains("SBP", regex=False)
                       & (observations["coverage"] == "goods")]
    start, end = pd.to_datetime(obs["period_start"]), pd.to_datetime(obs["period_end"])
    full = obs[(start.dt.month == 7) & (start.dt.day == 1) & (end.dt.month == 6) & (end.dt.day == 30)
               & (end.dt.year == start.dt.year + 1)]
    rows = []
    for fy, g in full.groupby(pd.to_datetime(full["period_end"]).dt.year):
        val = {f: float(g[g["flow"] == f]["value"].iloc[-1]) if (g["flow"] == f).any() else float("nan")
               for f in ("exports", "imports", "total")}
        total = val["exports"] + val["imports"] if pd.notna(val["exports"]) and pd.notna(val["imports"]) \
            else val["total"]
        rows.append({"fiscal_end": int(fy), "exports": val["exports"], "imports": val["imports"], "total": total,
                     "source_ids": tuple(source_ids.split_all(g["source_id"]))})
    return pd.DataFrame(rows, columns=cols).sort_values("fiscal_end").reset_index(drop=True)


def trade_after_peak(observations: pd.DataFrame) -> dict[str, object] | None:
    """The latest full fiscal year of SBP goods trade against the peak year before it: fiscal years,
    totals, exports and imports, the latest as a share of the peak, source ids. None when fewer
    than two two-way years are in the data."""
    years = sbp_goods_years(observations)
    years = years[years["total"].notna()]
    if len(years) < 2:
        return None
    latest = years.iloc[-1]
    earlier = years.iloc[:-1]
    peak = earlier.loc[earlier["total"].idxmax()]
    return {"latest": latest, "peak": peak, "ratio": float(latest["total"] / peak["total"]),
            "source_ids": tuple(source_ids.split(*peak["source_ids"], *latest["source_ids"]))}


def _rows(frame: pd.DataFrame, pattern: str, column: str = "title") -> pd.DataFrame:
    return frame[frame[column].fillna("").str.contains(pattern, case=False, regex=True)]


def stronger_than_ever(frames: dict[str, pd.DataFrame]) -> ThesisAssessment:
    """"Stronger than ever": the trade level after the 2023 peak, what Russian officials say of it,
    Russia as an arms supplier and the exercises.

    Rule: the verdict follows trade, the one measure with numbers on both sides. With the SBP goods
    statistics: latest full year below half the peak year contradicts the thesis, below 90% partly
    supports it, otherwise supports it (confidence high: one statistical series). Without them, an
    official Russian statement that the 2023 record was not held contradicts it (confidence
    moderate: statements and press-quoted figures)."""
    obs, sources = frames["trade_observations"], frames["sources"]
    events, pay_events = frames["defence_events"], frames["payment_events"]
    pro: list[Evidence] = []
    con: list[Evidence] = []
    record = obs[(obs["flow"] == "total") & (obs["basis"] == "calendar") & (obs["series"] == "Russian official")
                 & (pd.to_datetime(obs["period_start"]).dt.year == 2023)]
    if len(record):
        pro.append(_ev("Two-way trade passed one billion dollars for the first time in 2023, Russian officials said "
                       f"({cited_all(record['source_id'], sources)}).", list(record["source_id"])))
    bil = _rows(events, "Bilawal")
    if len(bil):
        pro.append(_ev("The foreign minister visited Moscow in January 2023, after the two governments had agreed "
                       "in principle on Russian crude "
                       f"({cited_all(source_ids.of_frame(bil.head(1)), sources)}).", source_ids.of_frame(bil.head(1))))
    dz = druzhba(events)
    if len(dz):
        pro.append(_ev(f"The armies' Druzhba exercises continued: {len(dz)} editions from {dz['year'].min()} to "
                       f"{dz['year'].max()}.", list(dz["source_ids"])))
        missing = [y for y in range(int(dz["year"].min()), int(dz["year"].max()) + 1) if y not in set(dz["year"])]
        if missing:
            con.append(_ev(f"No Druzhba exercise was held in {join_words(map(str, missing), 'or')}.",
                           list(dz["source_ids"])))
    after = trade_after_peak(obs)
    if after is not None:
        p, q = after["peak"], after["latest"]
        con.append(_ev(f"The State Bank of Pakistan's goods figures: {amount(q['total'])} million dollars of two-way "
                       f"trade in {fiscal_label(int(q['fiscal_end']))} against {amount(p['total'])} million in "
                       f"{fiscal_label(int(p['fiscal_end']))}"
                       + (f" (imports from Russia {amount(q['imports'])} million against {amount(p['imports'])}, "
                          f"exports {amount(q['exports'])} against {amount(p['exports'])})"
                          if pd.notna(q["imports"]) and pd.notna(p["imports"]) else "")
                       + f" ({cited_all(after['source_ids'], sources)}).", list(after["source_ids"])))
    not_held = _rows(obs, r"not held", "note")
    if len(not_held):
        con.append(_ev("Russia's foreign ministry said in December 2025 that the 2023 record had not been held "
                       f"({cited_all(not_held['source_id'], sources)}).", list(not_held["source_id"])))
    fell = _rows(events, r"Sharif meets Putin")
    if len(fell):
        con.append(_ev("Putin told Pakistan's prime minister in September 2025 that trade had fallen somewhat "
                       f"({cited_all(source_ids.of_frame(fell.head(1)), sources)}).",
                       source_ids.of_frame(fell.head(1))))
    published = frames.get("supplier_shares")
    tiv = frames.get("arms_imports_tiv")
    if published is not None and len(published):
        # SIPRI's own published shares for the latest window, before our computation from its TIV table
        top = published_shares.latest(published)
        con.append(_ev(f"{published_shares.sentence(published, sources, cited_all).split('. The same release')[0]}.",
                       source_ids.split(*top["source_id"])))
    elif tiv is not None and len(tiv):
        shares = sipri.supplier_shares(tiv, 5, 1950, 2100)
        ru = sipri.latest_complete_share(shares)
        cn = sipri.latest_complete_share(shares, "China")
        if ru is not None:
            china = f"; China {cn['share_pct']:.0f}%" if cn is not None and cn["period"] == ru["period"] else ""
            con.append(_ev(f"Russia supplied {ru['share_pct']:.0f}% of Pakistan's arms imports in {ru['period']} "
                           f"(our computation from SIPRI's trend-indicator values{china}).", [ru["source_ids"]]))
    crude = pay_events[(pay_events["category"] == "oil and LPG cargo") & (pay_events["date"] > "2023-12-31")]
    if crude.empty:
        last = _rows(pay_events, "abandoned")
        con.append(_ev("No Russian crude cargo to Pakistan is on record after November 2023"
                       + (f"; the government-to-government route was reported abandoned in December 2023 "
                          f"({cited_all(source_ids.of_frame(last.head(1)), sources)})" if len(last) else "") + ".",
                       source_ids.of_frame(last.head(1))))
    if after is not None:
        ratio = after["ratio"]
        verdict = (Verdict.CONTRADICTED if ratio < NOT_BORNE_OUT_SHARE else
                   Verdict.PARTLY if ratio < PARTLY_SHARE else Verdict.SUPPORTED)
        confidence = "high"
        reasoning = (f"Trade in the latest full year was {ratio * 100:.0f}% of the peak year's in the State Bank of "
                     "Pakistan's goods statistics.")
    elif len(not_held):
        verdict, confidence = Verdict.CONTRADICTED, "moderate"
        reasoning = ("2023 was the peak and Russia's own officials say it was not held; the full-year statistics after "
                     "it are not yet in the data, so the verdict rests on statements and press-quoted figures.")
    else:
        verdict, confidence, reasoning = Verdict.NOT_CHECKABLE, "low", "The data hold no trade figure after 2023."
    return ThesisAssessment("thesis.stronger_than_ever", "Pakistan–Russia relations are stronger than ever",
                            tuple(pro), tuple(con), verdict, confidence, reasoning)


def non_dollar_settlements(pay_events: pd.DataFrame, cargoes: pd.DataFrame) -> pd.DataFrame:
    """Settlements of Pakistan–Russia trade on record in a currency other than the dollar, or
    without currency (barter contracts): yuan-paid cargoes, payment events in yuan, dirhams or
    roubles that record a payment, and barter contracts signed. Columns: date, precision, what,
    source_ids."""
    rows = []
    for _, c in cargoes[cargoes["currency"].isin(NON_DOLLAR)].iterrows():
        rows.append({"date": c["arrival_date"], "precision": c["precision"],
                     "what": f"{c['product']} paid in {c['currency']}" + (" (intended)" if "intended" in
                                                                           str(c["note"]) else ""),
                     "source_ids": tuple(source_ids.split(c["source_id"], c["also_source_ids"]))})
    title = pay_events["title"].fillna("")
    # payments made (not statements about them, not the cargoes counted above) in a non-dollar currency
    paid = pay_events[title.str.contains(r"\bpa(?:id|ys)\b", case=False, regex=True)
                      & ~pay_events["category"].isin(["oil and LPG cargo", "statement"])
                      & (pay_events["currency"].isin(NON_DOLLAR)
                         | title.str.contains(r"dirham|yuan|rouble", case=False))]
    paid = pd.concat([paid, pay_events[pay_events["title"].fillna("").str.contains("barter contracts", case=False)]])
    for _, e in paid.iterrows():
        rows.append({"date": e["date"], "precision": e["precision"], "what": e["title"],
                     "source_ids": tuple(source_ids.split(e["source_id"], e["also_source_ids"]))})
    return pd.DataFrame(rows, columns=["date", "precision", "what", "source_ids"]).sort_values("date") \
        .reset_index(drop=True)


def de_dollarisation_pattern(frames: dict[str, pd.DataFrame]) -> ThesisAssessment:
    """"An emerging de-dollarisation pattern": the non-dollar settlements on record, how the yuan was
    obtained, whether they continued.

    Rule: no non-dollar settlement after the year of the yuan payment (2023) contradicts a
    pattern; some, but funded with dollars or mixed with dollars, partly supports it; non-dollar
    settlements in every later year without dollar funding support it. Confidence moderate: the
    settlements on record are those the press reported."""
    pay_events, cargoes, claims, sources = (frames["payment_events"], frames["cargoes"], frames["payment_claims"],
                                            frames["sources"])
    pro: list[Evidence] = []
    con: list[Evidence] = []
    nd = non_dollar_settlements(pay_events, cargoes)
    first_year = 2023
    early, later = nd[nd["date"].dt.year <= first_year], nd[nd["date"].dt.year > first_year]
    if len(early):
        ids = source_ids.split(*(s for t in early["source_ids"] for s in t))
        pro.append(_ev("In 2023 Pakistan paid for Russian goods outside the dollar for the first time: the trial crude "
                       "order in yuan (June), wheat mostly in UAE dirhams (November) "
                       f"({cited_all(ids, sources)}).", ids))
    for _, r in later.iterrows():
        when = str(pd.Timestamp(r["date"]).year) if r["precision"] == "year" else \
            day_label(pd.Timestamp(r["date"]), r["precision"])
        pro.append(_ev(f"{when}: {r['what']} "
                       f"({cited_all(r['source_ids'], sources)}).", r["source_ids"]))
    funded = claims[claims["topic"].str.startswith("How Pakistan obtained the yuan")]
    dollar_funded = bool(len(funded)) and (funded["value"].str.upper() == "USD").all()
    if dollar_funded:
        con.append(_ev(f"The yuan was bought with dollars ({cited_all(funded['source_id'], sources)}).",
                       list(funded["source_id"])))
    half = _rows(pay_events, "half in dollars")
    if len(half):
        con.append(_ev("By early 2024 half of the wheat was again paid in dollars "
                       f"({cited_all(source_ids.of_frame(half), sources)}).", source_ids.of_frame(half)))
    for pattern, text in (("abandoned", "The government-to-government crude route was reported abandoned in "
                                        "December 2023, and no crude cargo is on record after November 2023"),
                          ("bans wheat", "Pakistan banned wheat imports in July 2024"),
                          ("little traction", "The barter order found little traction a month after it was issued"),
                          ("non-sanctioned ways", "In August 2024 a cabinet committee was still asking the central "
                                                  "bank to find ways to settle trade with Russia")):
        hit = _rows(pay_events, pattern)
        if len(hit):
            ids = source_ids.of_frame(hit.head(1))
            con.append(_ev(f"{text} ({cited_all(ids, sources)}).", ids))
    later_years = set(later["date"].dt.year)
    latest_year = int(pd.to_datetime(pay_events["date"]).dt.year.max()) if len(pay_events) else first_year
    if later.empty:
        verdict = Verdict.CONTRADICTED
    elif not dollar_funded and not len(half) and later_years >= set(range(first_year + 1, latest_year + 1)):
        verdict = Verdict.SUPPORTED
    else:
        verdict = Verdict.PARTLY
    reasoning = (f"{len(later)} non-dollar settlement{'s' if len(later) != 1 else ''} on record after {first_year}"
                 + ("; the yuan itself was bought with dollars" if dollar_funded else "") + ".")
    return ThesisAssessment("thesis.de_dollarisation", "The yuan payment is indicative of an emerging "
                            "de-dollarisation pattern", tuple(pro), tuple(con), verdict, "moderate", reasoning)


def assess(frames: dict[str, pd.DataFrame]) -> list[ThesisAssessment]:
    """Both theses, in the article's order."""
    return [stronger_than_ever(frames), de_dollarisation_pattern(frames)]


VERDICT_WORDS = {Verdict.SUPPORTED: "borne out", Verdict.PARTLY: "partly borne out",
                 Verdict.CONTRADICTED: "not borne out", Verdict.NOT_CHECKABLE: "not checkable with the data held"}


def sentence(a: ThesisAssessment) -> str:
    """``"'…': not borne out (confidence moderate). <reasoning>"``"""
    return f"“{a.thesis}”: {VERDICT_WORDS[a.verdict]} (confidence {a.confidence}). {a.reasoning}"


def paragraphs(a: ThesisAssessment) -> list[str]:
    """The assessment for readers: the verdict sentence, then the evidence on each side."""
    out = [sentence(a)]
    if a.evidence_for:
        out.append("For: " + " ".join(e.text for e in a.evidence_for))
    if a.evidence_against:
        out.append("Against: " + " ".join(e.text for e in a.evidence_against))
    return out


def key_figure(a: ThesisAssessment) -> KeyFigure:
    """One key figure per thesis for "What changed": the verdict's wording (``"not borne out"``), so a
    change of conclusion shows between runs; the sentence gives the reasoning with its numbers.
    The first thesis is a key finding (the article's main argument, tested); the second stays in
    the section."""
    key = {"thesis.stronger_than_ever": "claims.thesis_stronger_than_ever",
           "thesis.de_dollarisation": "claims.thesis_de_dollarisation"}.get(a.thesis_id, f"claims.{a.thesis_id}")
    return KeyFigure(key, VERDICT_WORDS[a.verdict], sentence(a), source_ids=source_ids.join(a.source_ids),
                     headline=a.thesis_id == "thesis.stronger_than_ever")


def table(assessments: list[ThesisAssessment]) -> pd.DataFrame:
    """One row per thesis: thesis, verdict, confidence, evidence for, evidence against, sources (ids,
    for the table and tooltips)."""
    return pd.DataFrame([{"thesis": a.thesis, "verdict": VERDICT_WORDS[a.verdict], "confidence": a.confidence,
                          "evidence for": " ".join(e.text for e in a.evidence_for),
                          "evidence against": " ".join(e.text for e in a.evidence_against),
                          "sources": source_ids.join(a.source_ids)} for a in assessments])


def sources_table(assessments: list[ThesisAssessment]) -> Table:
    """The appendix table: each thesis with its verdict, confidence, evidence and source ids."""
    frame = table(assessments)
    return Table(frame, "The article's two theses: verdicts, evidence and sources",
                 formats={c: "text" for c in frame.columns}, appendix=True)
