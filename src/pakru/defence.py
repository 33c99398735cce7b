"""Defence cooperation: the events timeline, the Druzhba exercises, SIPRI arms transfers and
shares of Pakistan's arms imports, and checks of the article's defence claims.

Pure functions over the frames :func:`pakru.data.load` returns (``defence_events``,
``arms_transfers``, ``arms_imports_tiv``, ``sources``). Nothing here reads files.

SIPRI's terms: every use of its data carries the credit line :data:`SIPRI_CREDIT`, and sums or
shares computed from its trend-indicator values (TIV) are ours, never SIPRI's
(:data:`OUR_SHARES`). TIV is SIPRI's volume index of major arms, not money.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pandas as pd

from . import charts, data, timeline
from .trade import compress_years
from .schema import DEFENCE_EVENTS

CATEGORIES: tuple[str, ...] = DEFENCE_EVENTS.column("category").choices or ()
SIPRI_CREDIT = "Information from the SIPRI Arms Transfers Database"
OUR_SHARES = "Shares computed by pakru from SIPRI TIV (not SIPRI's own figures)"
# The 20 November 2014 defence cooperation agreement, found by its title in the events data.
AGREEMENT_TITLE = re.compile(r"defence cooperation agreement", re.I)
# Suppliers compared in the shares; SIPRI lists the Soviet Union up to 1991 and Russia from 1992.
SHARE_GROUPS: dict[str, tuple[str, ...]] = {
    "Russia (Soviet Union to 1991)": ("Soviet Union", "Russia"),
    "China": ("China",),
    "United States": ("United States",),
}
RUSSIA = "Russia (Soviet Union to 1991)"
VERDICTS = ("supported", "partly supported", "contradicted", "not checkable with the data held")


# --- sources and selection ---------------------------------------------------------------------

def source_list(source_id: object, also: object = None) -> list[str]:
    """``("a", "b; c")`` -> ``["a", "b", "c"]`` (empty cells skipped, order kept, no repeats)."""
    return data.split_source_ids(source_id, also)


def weak_flags(events: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    """True for each event whose sources (``source_id`` and ``also_source_ids``) are ALL rated
    ``weak`` in the sources registry; an unknown id counts as not weak."""
    quality = sources.set_index("source_id")["quality"].to_dict()
    also = events["also_source_ids"] if "also_source_ids" in events else pd.Series(None, index=events.index)
    flags = [all(quality.get(s) == "weak" for s in source_list(a, b)) and bool(source_list(a, b))
             for a, b in zip(events["source_id"], also)]
    return pd.Series(flags, index=events.index, dtype=bool, name="weak")


def with_weak(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """``events`` with a bool ``weak`` column (see :func:`weak_flags`) and ``source_ids``
    (all of an event's sources, ``"a; b"``)."""
    out = events.copy()
    out["weak"] = weak_flags(events, sources)
    out["source_ids"] = ["; ".join(source_list(a, b)) for a, b in zip(out["source_id"], out["also_source_ids"])]
    return out


def parse_categories(categories: str | Iterable[str] | None) -> list[str]:
    """A category selection as a list: accepts a list or a comma-separated string; None = all.
    Unknown names raise ValueError naming the allowed ones."""
    if categories is None:
        return list(CATEGORIES)
    items = ([c.strip() for c in categories.split(",")] if isinstance(categories, str)
             else [str(c).strip() for c in categories])
    items = [c for c in items if c]
    unknown = [c for c in items if c not in CATEGORIES]
    if unknown:
        raise ValueError(f"unknown event category {unknown[0]!r}; allowed: {', '.join(CATEGORIES)}")
    return [c for c in CATEGORIES if c in items]  # the declared lane order


def select_events(events: pd.DataFrame, start_year: int, end_year: int,
                  categories: Iterable[str] | str | None = None, show_weak: bool = True) -> pd.DataFrame:
    """Events (with a ``weak`` column) overlapping ``start_year``..``end_year`` in the chosen
    categories, weak ones dropped unless ``show_weak``; sorted by date."""
    return timeline.select(events, start_year, end_year, parse_categories(categories), show_weak)


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event for display: date (as precisely as known), category, title, place,
    sources, and 'weak sources only' where that applies."""
    return pd.DataFrame({
        "date": [timeline.date_label(d, p, e) for d, p, e in zip(events["date"], events["precision"],
                                                                  events["end_date"])],
        "precision": list(events["precision"]),
        "category": list(events["category"]),
        "event": list(events["title"]),
        "place": ["" if pd.isna(x) else str(x) for x in events["location"]],
        "sources": list(events["source_ids"]) if "source_ids" in events else
        ["; ".join(source_list(a, b)) for a, b in zip(events["source_id"], events["also_source_ids"])],
        "weak": ["weak sources only" if w else "" for w in events["weak"]],
    })


# --- the 2014 agreement and counts before/after -----------------------------------------------

def agreement_event(events: pd.DataFrame) -> pd.Series | None:
    """The defence cooperation agreement (category agreement, title naming it), or None."""
    hits = events[(events["category"] == "agreement") & events["title"].str.contains(AGREEMENT_TITLE)]
    return hits.sort_values("date").iloc[0] if not hits.empty else None


def agreement_date(events: pd.DataFrame) -> pd.Timestamp | None:
    """Date of the defence cooperation agreement: 2014-11-20 in the data held."""
    row = agreement_event(events)
    return None if row is None else pd.Timestamp(row["date"])


def counts_before_after(events: pd.DataFrame, split: pd.Timestamp,
                        categories: Sequence[str] | None = None) -> pd.DataFrame:
    """Number of events per category before ``split`` and on or after it.

    An event counts by its (first) date. Columns: category, before, after, total; a last row
    ``all categories`` sums them. Categories with no event still get a row of zeros."""
    cats = list(categories) if categories is not None else list(CATEGORIES)
    split = pd.Timestamp(split)
    rows = []
    for cat in cats:
        sub = events[events["category"] == cat]
        before = int((sub["date"] < split).sum())
        rows.append({"category": cat, "before": before, "after": int(len(sub) - before), "total": int(len(sub))})
    out = pd.DataFrame(rows, columns=["category", "before", "after", "total"])
    total = {"category": "all categories", "before": int(out["before"].sum()), "after": int(out["after"].sum()),
             "total": int(out["total"].sum())}
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True)


# --- Druzhba ----------------------------------------------------------------------------------

def druzhba(events: pd.DataFrame) -> pd.DataFrame:
    """Every Druzhba edition (``exercise_series == "Druzhba"``), numbered in date order.

    Columns: edition (1, 2, ...), year, dates, place, troops, source_ids, date, end_date."""
    sub = events[events["exercise_series"] == "Druzhba"].sort_values("date").reset_index(drop=True)
    return pd.DataFrame({
        "edition": pd.Series(range(1, len(sub) + 1), dtype="int64"),
        "year": pd.Series([int(d.year) for d in sub["date"]], dtype="int64"),
        "dates": [timeline.date_label(d, p, e) for d, p, e in zip(sub["date"], sub["precision"], sub["end_date"])],
        "place": ["" if pd.isna(x) else str(x) for x in sub["location"]],
        "troops": ["" if pd.isna(x) else str(x) for x in sub["participants"]],
        "source_ids": ["; ".join(source_list(a, b)) for a, b in zip(sub["source_id"], sub["also_source_ids"])],
        "date": sub["date"],
        "end_date": sub["end_date"],
    })


def missing_years(years: Iterable[int]) -> list[int]:
    """Years between the first and last given year that are absent: [2016, 2017, 2019] -> [2018]."""
    have = sorted(set(int(y) for y in years))
    if not have:
        return []
    return [y for y in range(have[0], have[-1] + 1) if y not in have]


# --- SIPRI: register, deliveries, shares ------------------------------------------------------

def sipri_note(computed: bool = False) -> str:
    """The line kept under every SIPRI chart or table (with the computed-by-us caveat if needed)."""
    return f"{SIPRI_CREDIT}." + (f" {OUR_SHARES}." if computed else "")


def _mark(value: object, uncertain: object) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{int(value)}{'?' if bool(uncertain) and not pd.isna(uncertain) else ''}"


def delivery_year_list(cell: object) -> list[int]:
    """``"2007; 2008; 2023"`` -> ``[2007, 2008, 2023]``."""
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return [int(y) for y in re.findall(r"\d{4}", str(cell))]


def weapons_table(transfers: pd.DataFrame, start_year: int | None = None, end_year: int | None = None) -> pd.DataFrame:
    """The SIPRI register rows ordered or delivered within the years, for display, with SIPRI's
    uncertainty marks kept: a number or year SIPRI marks uncertain is written ``"4?"``.

    Columns: supplier, order year, ordered, designation, description, delivered, delivery years,
    TIV delivered (millions), comments, source_id."""
    lo = -10**9 if start_year is None else start_year
    hi = 10**9 if end_year is None else end_year

    def in_window(r: pd.Series) -> bool:
        years = [int(r["order_year"])] + delivery_year_list(r["delivery_years"])
        return any(lo <= y <= hi for y in years)

    sub = transfers[[in_window(r) for _, r in transfers.iterrows()]] if len(transfers) else transfers
    sub = sub.sort_values(["order_year", "designation"], kind="stable")
    return pd.DataFrame({
        "supplier": list(sub["supplier"]),
        "order year": [_mark(y, u) for y, u in zip(sub["order_year"], sub["order_year_uncertain"])],
        "ordered": [_mark(n, u) for n, u in zip(sub["number_ordered"], sub["number_ordered_uncertain"])],
        "designation": list(sub["designation"]),
        "description": list(sub["description"]),
        "delivered": [_mark(n, u) for n, u in zip(sub["number_delivered"], sub["number_delivered_uncertain"])],
        "delivery years": [compress_years(delivery_year_list(x)) if delivery_year_list(x) else ""
                           for x in sub["delivery_years"]],
        "TIV delivered": pd.Series(list(sub["tiv_delivered"]), dtype="float64"),
        "comments": ["" if pd.isna(x) else str(x) for x in sub["comments"]],
        "source_id": list(sub["source_id"]),
    })


def russian_deliveries(tiv: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """Soviet and Russian deliveries to Pakistan by year in SIPRI TIV (millions), as published:
    a year SIPRI does not list had no recorded deliveries and gets no row.

    Columns: year, supplier, tiv, source_id."""
    sub = tiv[tiv["supplier"].isin(SHARE_GROUPS[RUSSIA]) & tiv["year"].between(start_year, end_year)]
    out = sub[["year", "supplier", "tiv", "source_id"]].copy()
    out["year"] = out["year"].astype("int64")
    return out.sort_values("year").reset_index(drop=True)


def tiv_coverage(tiv: pd.DataFrame) -> tuple[int, int]:
    """First and last year of SIPRI's own 'Total' rows (the years the table covers)."""
    years = tiv.loc[tiv["supplier"] == "Total", "year"]
    if years.empty:
        raise ValueError("the TIV table has no 'Total' rows")
    return int(years.min()), int(years.max())


def period_label(first: int, last: int) -> str:
    """``(1950, 1954)`` -> ``"1950–54"``; ``(1995, 2004)`` -> ``"1995–2004"``; ``(1970, 1970)`` -> ``"1970"``."""
    if first == last:
        return str(first)
    if first // 100 == last // 100:
        return f"{first}–{last % 100:02d}"
    return f"{first}–{last}"


def supplier_shares(tiv: pd.DataFrame, period_years: int, start_year: int, end_year: int,
                    groups: dict[str, tuple[str, ...]] | None = None, anchor: int | None = None) -> pd.DataFrame:
    """Each supplier group's share of Pakistan's arms imports (SIPRI TIV) by period. OUR
    computation from SIPRI's figures, not SIPRI's.

    Periods are ``period_years`` long and aligned on ``anchor`` (default: the first year of the
    TIV table, 1950): 1950–54, 1955–59, ... Only years inside both the window and the table count;
    a period cut short by either has ``complete`` False and says which years it covers. A supplier
    year absent from the table counts as 0 (SIPRI lists only years with deliveries). The
    denominator is SIPRI's own per-year 'Total' (all suppliers).

    Long format, one row per period and group. Columns: period (nominal label), years (the years
    actually summed), first_year, last_year, complete, supplier, tiv, total_tiv, share_pct,
    source_ids."""
    if period_years < 1:
        raise ValueError("period_years must be at least 1")
    groups = groups or SHARE_GROUPS
    first_data, last_data = tiv_coverage(tiv)
    anchor = first_data if anchor is None else anchor
    lo, hi = max(start_year, first_data), min(end_year, last_data)
    columns = ["period", "years", "first_year", "last_year", "complete", "supplier", "tiv", "total_tiv",
               "share_pct", "source_ids"]
    if lo > hi:
        return pd.DataFrame(columns=columns)
    by = tiv.pivot_table(index="year", columns="supplier", values="tiv", aggfunc="sum").fillna(0.0)
    srcs = tiv.groupby("supplier")["source_id"].agg(lambda s: "; ".join(dict.fromkeys(s)))
    rows = []
    k0 = (lo - anchor) // period_years
    k1 = (hi - anchor) // period_years
    for k in range(k0, k1 + 1):
        p_start, p_end = anchor + k * period_years, anchor + (k + 1) * period_years - 1
        a, b = max(p_start, lo), min(p_end, hi)
        if a > b:
            continue
        years = [y for y in range(a, b + 1)]
        total = float(by.reindex(years).get("Total", pd.Series(0.0, index=years)).fillna(0.0).sum())
        for name, members in groups.items():
            value = sum(float(by.reindex(years)[m].fillna(0.0).sum()) for m in members if m in by)
            ids = "; ".join(dict.fromkeys(s for m in (*members, "Total") if m in srcs
                                          for s in str(srcs[m]).split("; ")))
            rows.append({
                "period": period_label(p_start, p_end), "years": period_label(a, b),
                "first_year": a, "last_year": b, "complete": (a, b) == (p_start, p_end),
                "supplier": name, "tiv": value, "total_tiv": total,
                "share_pct": value / total * 100.0 if total > 0 else float("nan"),
                "source_ids": ids,
            })
    return pd.DataFrame(rows, columns=columns)


def latest_complete_share(shares: pd.DataFrame, supplier: str = RUSSIA) -> pd.Series | None:
    """The row of ``supplier`` in the latest complete period with a share, or None."""
    sub = shares[(shares["supplier"] == supplier) & shares["complete"].astype(bool) & shares["share_pct"].notna()]
    return None if sub.empty else sub.sort_values("first_year").iloc[-1]


def shares_wide(shares: pd.DataFrame) -> pd.DataFrame:
    """The shares table for display: one row per period, TIV and share per supplier group."""
    if shares.empty:
        return pd.DataFrame()
    out = shares.drop_duplicates("period")[["period", "years", "complete", "total_tiv"]].set_index("period")
    for name in dict.fromkeys(shares["supplier"]):
        g = shares[shares["supplier"] == name].set_index("period")
        out[f"{name}, TIV"] = g["tiv"]
        out[f"{name}, share %"] = g["share_pct"]
    # a cut-short period says which years it sums; a full one needs no second label
    out["complete"] = ["yes" if c else f"no ({y} only)" for c, y in zip(out["complete"], out["years"])]
    out = out.drop(columns="years")
    return out.rename(columns={"total_tiv": "all suppliers, TIV"}).reset_index()


# --- source lines and charts -----------------------------------------------------------------

def summary_source_line(source_ids: Iterable[str], sources: pd.DataFrame, where: str) -> str:
    """A short source line for a chart resting on many documents: how many documents from how many
    publishers, the most cited publishers, and where the full list is (``where``). Carries
    SIPRI's credit line when a SIPRI source is among them."""
    ids = list(dict.fromkeys(s for cell in source_ids for s in source_list(cell)))
    reg = sources.set_index("source_id")
    publishers = pd.Series([str(reg.at[s, "publisher"]) if s in reg.index else s for s in ids], dtype=object)
    top = list(publishers.value_counts().index[:4]) if len(publishers) else []
    credit = f" {SIPRI_CREDIT}." if any(s.startswith("def-sipri") for s in ids) else ""
    n_pub = publishers.nunique()
    return (f"Sources: {len(ids)} document{'s' if len(ids) != 1 else ''} from {n_pub} publisher"
            f"{'s' if n_pub != 1 else ''}" + (f", most often {join_words(top)}" if top else "")
            + f"; {where}.{credit}")


def deliveries_chart(deliveries: pd.DataFrame, start_year: int, end_year: int, title: str, source: str,
                     note: str = "") -> charts.plt.Figure:
    """Bars of SIPRI TIV by year, one colour and hatch per supplier (Soviet Union, Russia); a year
    without a bar had no recorded deliveries. SIPRI's credit line is added to ``source`` if absent."""
    source = source if SIPRI_CREDIT in source else f"{sipri_note()} {source}"
    charts.apply_style()
    fig, ax = charts.plt.subplots(figsize=(charts.WIDTH_IN, 3.6), layout="constrained")
    hatches = {"Soviet Union": "///", "Russia": None}
    for i, supplier in enumerate(SHARE_GROUPS[RUSSIA]):
        g = deliveries[deliveries["supplier"] == supplier]
        if g.empty:
            continue
        ax.bar(g["year"], g["tiv"], width=0.8, color=charts.style_for(i)["color"], edgecolor="black",
               linewidth=0.4, hatch=hatches.get(supplier), label=supplier)
    ax.set_xlim(start_year - 0.8, end_year + 0.8)
    ax.set_ylabel("million TIV (SIPRI trend-indicator value)")
    ax.set_xlabel("year of delivery")
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper right")
    return charts.finish(fig, title, source, note)


def shares_chart(shares: pd.DataFrame, period_years: int, title: str, source: str,
                 note: str = "") -> charts.plt.Figure:
    """One line per supplier group: its share of Pakistan's arms imports per period. A period cut
    short by the window or the data is labelled with the years it covers and marked with '*'.
    SIPRI's credit line and the computed-by-pakru label are added to ``source`` if absent."""
    if SIPRI_CREDIT not in source or OUR_SHARES not in source:
        source = f"{sipri_note(computed=True)} {source.replace(sipri_note(), '').strip()}"
    charts.apply_style()
    fig, ax = charts.plt.subplots(figsize=(charts.WIDTH_IN, 3.9), layout="constrained")
    periods = shares.drop_duplicates("period").sort_values("first_year")
    labels = [p if c else f"{y}*" for p, y, c in zip(periods["period"], periods["years"], periods["complete"])]
    pos = {p: i for i, p in enumerate(periods["period"])}
    for i, name in enumerate(dict.fromkeys(shares["supplier"])):
        g = shares[shares["supplier"] == name].sort_values("first_year")
        st = charts.style_for(i)
        ax.plot([pos[p] for p in g["period"]], g["share_pct"], label=name, linewidth=1.6, markersize=5, **st)
    ax.set_xticks(range(len(labels)), labels, rotation=45 if len(labels) > 8 else 0,
                  ha="right" if len(labels) > 8 else "center")
    ax.set_ylim(0, 100)
    ax.set_ylabel("% of Pakistan's arms imports (TIV)")
    ax.set_xlabel(f"period of {period_years} year{'s' if period_years != 1 else ''} (* = cut short: years covered)")
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.01), ncols=3, borderaxespad=0)
    return charts.finish(fig, title, source, note)


# --- claims ------------------------------------------------------------------------------------

def _ids(frame: pd.DataFrame) -> list[str]:
    return data.source_ids_of(frame)


def join_words(items: Iterable[str], word: str = "and") -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _claim(claim: str, finding: str, verdict: str, ids: Iterable[str]) -> dict[str, str]:
    assert verdict in VERDICTS, verdict
    return {"claim": claim, "finding": finding, "verdict": verdict, "source_ids": "; ".join(dict.fromkeys(ids))}


def _mentions(events: pd.DataFrame, pattern: str) -> pd.DataFrame:
    text = events["title"].fillna("") + " " + events["detail"].fillna("")
    return events[text.str.contains(pattern, case=False, regex=True)]


def check_claims(events: pd.DataFrame, transfers: pd.DataFrame) -> pd.DataFrame:
    """The article's defence claims against the data: one row per claim.

    Columns: claim, finding (what the data says, with its numbers), verdict (one of
    :data:`VERDICTS`, decided from the data), source_ids (``"a; b"``). Pass the full events and
    SIPRI register frames; with a claim's evidence missing the verdict is 'not checkable with the
    data held'."""
    rows = []

    # 1. The defence cooperation agreement of 2014
    claim = "Pakistan and Russia signed a defence cooperation agreement in 2014."
    ag = agreement_event(events)
    if ag is None:
        rows.append(_claim(claim, "The events data hold no defence cooperation agreement.", VERDICTS[3], []))
    else:
        d = pd.Timestamp(ag["date"])
        who = "" if pd.isna(ag["participants"]) else str(ag["participants"]).split(";")[0].strip()
        who = f" by {who[:1].lower()}{who[1:]}" if who else ""
        place = "" if pd.isna(ag["location"]) else f" in {ag['location']}"
        finding = (f"The agreement was signed on {timeline.date_label(d, ag['precision'])}{place}{who}. "
                   + ("No procurement deal was signed with it." if "no procurement" in str(ag["detail"]).lower()
                      else ""))
        rows.append(_claim(claim, finding.strip(), VERDICTS[0] if d.year == 2014 else VERDICTS[2],
                           source_list(ag["source_id"], ag["also_source_ids"])))

    # 2. Mi-35 helicopters
    claim = "Pakistan bought Mi-35 attack helicopters from Russia."
    mi = transfers[transfers["designation"].str.startswith("Mi-35")]
    if mi.empty:
        talk = _mentions(events, r"Mi-35")
        rows.append(_claim(claim, "SIPRI's register holds no Mi-35 order"
                           + (f"; {len(talk)} events mention Mi-35 talks." if len(talk) else "."),
                           VERDICTS[3] if talk.empty else VERDICTS[1], _ids(talk)))
    else:
        ordered = int(mi["number_ordered"].fillna(0).sum())
        delivered = int(mi["number_delivered"].fillna(0).sum())
        order_years = ", ".join(str(int(y)) for y in sorted(set(mi["order_year"])))
        deliv_years = ", ".join(str(y) for y in sorted({y for c in mi["delivery_years"]
                                                        for y in delivery_year_list(c)}))
        other = _mentions(events, r"received.*Mi-35|Mi-35.*received")
        other_years = sorted({int(d.year) for d in other["date"]} - {int(y) for y in deliv_years.split(", ") if y})
        finding = (f"SIPRI records {ordered} Mi-35M ordered in {order_years} and {delivered} delivered in "
                   f"{deliv_years or 'no year yet'} ({mi['tiv_delivered'].sum():g} million TIV).")
        if other_years:
            finding += (" Press reports also place an arrival in " + ", ".join(map(str, other_years))
                        + "; SIPRI's delivery year is kept.")
        verdict = VERDICTS[0] if delivered > 0 else VERDICTS[1]
        rows.append(_claim(claim, finding, verdict, _ids(mi) + _ids(other)))

    # 3. Interest in the Su-35
    claim = "Pakistan is interested in buying Su-35 fighter jets."
    su_rows = transfers[transfers["designation"].str.contains("Su-35", case=False)]
    su_events = _mentions(events, r"Su-35").sort_values("date")
    denial = su_events[su_events["title"].str.contains(r"\bden(?:y|ies|ied)\b", case=False)]
    talks = su_events.drop(denial.index)
    if not su_rows.empty:
        n = int(su_rows["number_ordered"].fillna(0).sum())
        rows.append(_claim(claim, f"SIPRI records an order for {n} Su-35.", VERDICTS[0], _ids(su_rows)))
    elif talks.empty:
        rows.append(_claim(claim, "No Su-35 order in SIPRI's register and no report of talks in the events data.",
                           VERDICTS[3], []))
    else:
        dates = ", ".join(timeline.date_label(d, p) for d, p in zip(talks["date"], talks["precision"]))
        finding = (f"Interest is on record in {len(talks)} reports of talks ({dates}), but SIPRI's register holds "
                   "no Su-35 order or delivery to Pakistan.")
        if not denial.empty:
            r = denial.iloc[0]
            when = timeline.date_label(r["date"], r["precision"])
            finding += f" Russia denied that any Su-35 negotiations were under way ({when})."
        rows.append(_claim(claim, finding, VERDICTS[1], _ids(talks) + _ids(denial)
                           + ([transfers["source_id"].iloc[0]] if len(transfers) else [])))

    # 4. Druzhba "since 2017"
    claim = "The two armies have held the Druzhba exercises since 2017."
    dz = druzhba(events)
    if dz.empty:
        rows.append(_claim(claim, "The events data hold no Druzhba exercise.", VERDICTS[3], []))
    else:
        first, last = int(dz["year"].min()), int(dz["year"].max())
        gaps = missing_years(dz["year"])
        finding = (f"The data hold {len(dz)} Druzhba editions, {first}–{last}; the first was "
                   f"{dz['dates'].iloc[0]} in {dz['place'].iloc[0] or 'an unrecorded place'}.")
        if gaps:
            finding += " No edition in " + join_words(map(str, gaps), "or") + "."
        claimed = 2017
        if first == claimed:
            verdict = VERDICTS[0]
        elif first < claimed:
            verdict = VERDICTS[1]
            finding += f" The series began in {first}, not {claimed}."
        else:
            verdict = VERDICTS[2]
        ids = [s for cell in dz["source_ids"] for s in cell.split("; ")]
        rows.append(_claim(claim, finding, verdict, ids))
    return pd.DataFrame(rows, columns=["claim", "finding", "verdict", "source_ids"])


__all__ = [
    "CATEGORIES", "SIPRI_CREDIT", "OUR_SHARES", "SHARE_GROUPS", "RUSSIA", "VERDICTS",
    "source_list", "weak_flags", "with_weak", "parse_categories", "select_events", "events_table",
    "agreement_event", "agreement_date", "counts_before_after", "druzhba", "missing_years",
    "sipri_note", "delivery_year_list", "weapons_table", "russian_deliveries", "tiv_coverage", "period_label",
    "supplier_shares", "latest_complete_share", "shares_wide", "summary_source_line", "deliveries_chart",
    "shares_chart", "join_words", "check_claims",
]


def timeline_figure(frame: pd.DataFrame, lanes: list[str], first_year: int, last_year: int, headline: str,
                    sources: pd.DataFrame, agreement: pd.Timestamp | None, zoom_note: str = "") -> object:
    """The defence timeline in the house style: one lane per category (with its count), the
    precision note, the sources line, and a dashed line at the 2014 agreement when it is in view."""
    counts = frame["category"].value_counts()
    fig = timeline.timeline_chart(
        frame, headline,
        summary_source_line(frame["source_ids"], sources,
                            "each event's sources are in the events table and the sources table below"),
        note=("Precision: marker = exact day; bar = first to last day; shaded band = known only to the month, "
              "year or decade, drawn over the whole period." + zoom_note),
        lanes=lanes, start=pd.Timestamp(year=first_year, month=1, day=1),
        end=pd.Timestamp(year=last_year + 1, month=1, day=1),
        lane_labels={c: f"{c} ({counts.get(c, 0)})" for c in lanes})
    if agreement is not None and first_year <= agreement.year <= last_year:
        ax = fig.axes[0]
        ax.axvline(agreement, color=charts.GREY, linestyle="--", linewidth=1, zorder=1)
        ax.annotate(f"{agreement:%b %Y} agreement", (agreement, ax.get_ylim()[1]), xytext=(3, -10),
                    textcoords="offset points", fontsize=7.5, color=charts.GREY)
    return fig
