"""De-dollarisation functions, with numbers known from the data and from small frames."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import functools  # noqa: E402
import re  # noqa: E402

import matplotlib.dates as mdates  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from pakru.data import datasets as data, periods, source_ids  # noqa: E402
from pakru import dedollarisation as dd  # noqa: E402
from printed import FULL_SIZE_RATIO, height_ratio  # noqa: E402


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return {
        "events": data.load("payment_events"), "cargoes": data.load("cargoes"),
        "claims": data.load("payment_claims"), "shares": data.load("currency_shares"),
        "statements": data.load("settlement_statements"), "sources": data.load("sources"),
    }


def shares_frame(rows: list[tuple]) -> pd.DataFrame:
    """(series, period_start, period_end, period_type, currency, share_pct, break) rows."""
    frame = pd.DataFrame(rows, columns=["series", "period_start", "period_end", "period_type", "currency",
                                        "share_pct", "break"])
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    frame["break_note"] = [("definition changed" if b else None) for b in frame["break"]]
    frame["source_id"] = "s1"
    frame["note"] = None
    return frame


def month(series: str, ym: str, share: float, brk: bool = False, currency: str = "CNY") -> tuple:
    start = pd.Timestamp(ym + "-01")
    return (series, start, start + pd.offsets.MonthEnd(0), "month", currency, share, brk)


# ------------------------------------------------------------------ periods


def test_in_period_is_inclusive_at_both_ends() -> None:
    frame = shares_frame([month("swift_global", m, 1.0) for m in ("2021-12", "2022-01", "2022-06", "2022-07")])
    got = periods.in_period(frame, "2022-01-01", "2022-06-01")
    assert [d.strftime("%Y-%m") for d in got["period_start"]] == ["2022-01", "2022-06"]
    with pytest.raises(ValueError):
        periods.in_period(frame, "2023-01-01", "2022-01-01")


def test_period_labels() -> None:
    assert periods.statistic_period_label("2024-07-01", "2024-07-31", "month") == "July 2024"
    assert periods.statistic_period_label("2022-01-01", "2022-03-31", "quarter") == "2022-Q1"
    assert periods.statistic_period_label("2021-01-01", "2021-12-31", "year") == "2021"


# ------------------------------------------------------------------ cargoes


def test_first_cargo_is_45142_tonnes_of_a_100000_tonne_order(frames: dict[str, pd.DataFrame], facts) -> None:
    first = dd.cargoes.first_cargo(frames["cargoes"], "crude oil")
    assert first is not None
    assert first.vessel == facts.FIRST_CRUDE_VESSEL and first.tonnes == facts.FIRST_CRUDE_TONNES
    assert first.order_tonnes == facts.G2G_ORDER_TONNES
    assert first.share_pct == pytest.approx(facts.FIRST_CRUDE_TONNES / facts.G2G_ORDER_TONNES * 100)
    assert first.order_cargoes == facts.G2G_ORDER_CARGOES
    assert first.order_delivered_tonnes == facts.G2G_ORDER_DELIVERED_TONNES


def test_order_size_comes_from_its_own_column() -> None:
    assert dd.cargoes.order_tonnes(pd.Series({"order_tonnes": 100_000.0})) == 100_000
    assert pd.isna(dd.cargoes.order_tonnes(pd.Series({"order_tonnes": float("nan")})))
    assert pd.isna(dd.cargoes.order_tonnes(pd.Series({"order": "private commercial purchase"})))


def test_cargo_totals(frames: dict[str, pd.DataFrame], facts) -> None:
    totals = dd.cargoes.cargo_totals(frames["cargoes"])
    crude = totals.set_index("product").loc["crude oil"]
    assert crude["cargoes"] == facts.CRUDE_CARGOES and crude["with_tonnes"] == facts.CRUDE_CARGOES
    assert crude["tonnes"] == facts.CRUDE_TONNES
    # the private refiner's intended yuan payment is apart, never counted as paid
    assert crude["yuan_cargoes"] == facts.CRUDE_YUAN_CARGOES and crude["yuan_tonnes"] == facts.CRUDE_YUAN_TONNES
    assert crude["intended_tonnes"] == facts.CRUDE_YUAN_INTENDED_TONNES
    assert list(totals.columns[:3]) == ["product", "kind", "yuan_tonnes"]  # the key column first
    lpg = totals[totals["product"] == "LPG"].set_index("kind")
    assert list(lpg.index) == ["cargoes", "total over months"]
    # the ten road tankers: one cargo, its tonnage not published (counted, not summed as zero tonnes)
    assert lpg.at["cargoes", "cargoes"] == 1 and lpg.at["cargoes", "with_tonnes"] == 0
    assert pd.isna(lpg.at["cargoes", "tonnes"])
    # the 100,000 t sent through Iran is a total over months: its own row, never counted as a cargo
    assert pd.isna(lpg.at["total over months", "cargoes"]) and lpg.at["total over months", "tonnes"] == facts.LPG_TONNES
    assert lpg["with_tonnes"].sum() == facts.LPG_CARGOES_WITH_TONNES


def test_the_cargo_table_names_a_total_over_months_and_counts_no_cargo_for_it(frames) -> None:
    table = dd.cargo_table(dd.cargoes.cargo_totals(frames["cargoes"]))
    summed = table[table["product"].str.contains("total over months")]
    assert len(summed) == 1 and summed["product"].iloc[0] == "LPG, total over months"
    assert pd.isna(summed["all: cargoes"].iloc[0]) and summed["all: tonnes"].iloc[0] == 100_000
    assert table["all: cargoes"].sum() == 5  # four crude cargoes and the LPG tankers


# ------------------------------------------------------------------ shares: peaks, breaks, segments


def test_swift_breaks_are_march_and_july_2023(frames: dict[str, pd.DataFrame]) -> None:
    bp = dd.currency_shares.break_points(frames["shares"])
    swift = bp[bp["series"] == "swift_global"]
    assert list(swift["date"]) == [pd.Timestamp("2023-03-01"), pd.Timestamp("2023-07-01")]
    assert "message base" in swift.iloc[0]["note"] and "technical adjustment" in swift.iloc[1]["note"]


def test_segments_split_at_breaks_gaps_and_period_types() -> None:
    rows = shares_frame([
        month("swift_global", "2023-01", 1.9), month("swift_global", "2023-02", 2.2),
        month("swift_global", "2023-03", 2.3, brk=True), month("swift_global", "2023-04", 2.3),
        month("swift_global", "2023-06", 2.8),  # May is missing: a gap
        ("swift_global", pd.Timestamp("2023-07-01"), pd.Timestamp("2023-09-30"), "quarter", "CNY", 3.0, False),
    ])
    segs = dd.currency_shares.split_at_breaks(rows)
    assert [len(s) for s in segs] == [2, 2, 1, 1]
    assert segs[1].iloc[0]["period_start"] == pd.Timestamp("2023-03-01")
    # without gap splitting May's absence is bridged, but never the break
    assert [len(s) for s in dd.currency_shares.split_at_breaks(rows, gaps=False)] == [2, 3, 1]
    # a break date of the series cuts a currency whose own row is not flagged
    eur = shares_frame([month("swift_global", m, 30.0, currency="EUR") for m in ("2023-02", "2023-03", "2023-04")])
    assert [len(s) for s in dd.currency_shares.split_at_breaks(eur, [pd.Timestamp("2023-03-01")])] == [1, 2]
    assert dd.currency_shares.split_at_breaks(rows.iloc[:0]) == []


def _spans(segment: pd.DataFrame, day: pd.Timestamp) -> bool:
    return bool((segment["period_start"] < day).any() and (segment["period_start"] >= day).any())


@pytest.mark.parametrize("series", dd.currency_shares.SERIES)
def test_no_segment_of_the_real_data_spans_a_break(frames: dict[str, pd.DataFrame], series: str) -> None:
    shares = frames["shares"]
    sub = shares[shares["series"] == series]
    cuts = dd.currency_shares.break_points(shares)
    cuts = list(cuts[cuts["series"] == series]["date"])
    segments = dd.currency_shares.split_at_breaks(sub, cuts)
    assert sum(len(s) for s in segments) == len(sub)
    for seg in segments:
        assert not seg.iloc[1:]["break"].any(), "a break row must open its segment"
        for day in cuts:
            assert not _spans(seg, day), f"segment crosses the break of {day:%Y-%m}"


def _lines_crossing(fig: matplotlib.figure.Figure, days: list[pd.Timestamp]) -> list[str]:
    """Labels of the Line2D objects that have x data on both sides of one of ``days``."""
    bad = []
    for ax in fig.axes:
        for line in ax.get_lines():
            x = mdates.date2num(pd.to_datetime(list(line.get_xdata())).to_pydatetime()) if len(line.get_xdata()) else []
            if len(x) < 2:
                continue
            for day in days:
                d = mdates.date2num(day.to_pydatetime())
                if min(x) < d < max(x):
                    bad.append(f"{line.get_label()} across {day:%Y-%m}")
    return bad


def test_the_crossing_check_catches_a_line_drawn_across_a_break(frames: dict[str, pd.DataFrame]) -> None:
    """The chart test above would fail on a naive chart: one line through every month."""
    shares = frames["shares"]
    rows = shares[(shares["series"] == "swift_global") & (shares["currency"] == "CNY")].sort_values("period_start")
    fig, ax = matplotlib.pyplot.subplots()
    ax.plot(list(rows["period_start"]), list(rows["share_pct"]), label="naive")
    assert _lines_crossing(fig, [pd.Timestamp("2023-03-01")]) == ["naive across 2023-03"]
    matplotlib.pyplot.close(fig)


# ------------------------------------------------------------------ Bank of Russia


def test_cbr_shares_add_dollar_and_euro_where_no_combined_figure(frames: dict[str, pd.DataFrame]) -> None:
    cbr = dd.currency_shares.cbr_shares(frames["shares"])
    assert set(cbr["group"]) == {"RUB", "CNY", "USD+EUR"}
    row = cbr[(cbr["series"] == "cbr_exports") & (cbr["group"] == "USD+EUR") & (cbr["period"] == "2021")].iloc[0]
    assert row["share_pct"] == pytest.approx(54.5 + 29.7) and bool(row["derived"])
    # January 2022 has a published combined figure (87): it is used, not recomputed from 52 + 35
    jan = cbr[(cbr["series"] == "cbr_exports") & (cbr["group"] == "USD+EUR") & (cbr["period"] == "January 2022")]
    assert list(jan["share_pct"]) == [87.0] and not jan["derived"].any()


# ------------------------------------------------------------------ claims


def test_conflicting_claims_group_by_topic_and_keep_every_account(frames: dict[str, pd.DataFrame], facts) -> None:
    conf = dd.claims.conflicting_claims(frames["claims"])
    assert conf["topic_no"].nunique() == facts.CONFLICTING_TOPICS and len(conf) == facts.CONFLICTING_ACCOUNTS
    cur = conf[conf["topic"] == dd.claims.TOPIC_CURRENCY]
    assert set(cur["value"]) == {"CNY", "USD", "friendly currencies"} and cur["values"].iloc[0] == 3
    small = pd.DataFrame({"topic": ["a", "a", "b", "b"], "claim": ["x", "y", "z", "w"],
                          "value": ["1", " 1 ", "2", "3"], "source_id": ["s1", "s2", "s3", "s4"], "note": None})
    assert list(dd.claims.conflicting_claims(small)["topic"]) == ["b", "b"]  # topic a agrees


def test_conflicts_table_names_each_topic_once(frames: dict[str, pd.DataFrame]) -> None:
    conf = dd.claims.conflicting_claims(frames["claims"])
    table = dd.claims.conflicts_table(conf)
    assert (table["topic"] != "").sum() == conf["topic_no"].nunique()
    assert list(table["source_id"]) == list(conf["source_id"])  # the page shows them as linked publishers


def test_appendix_tables_name_their_source_columns_so_the_page_links_publishers() -> None:
    from pakru.present.tables import SOURCE_COLUMNS, table_html

    tables = dd.appendix(_default_facts_and_frames()[1])
    assert set(tables) == {"events", "cargoes", "rouble_measures", "statements", "conflicts"}
    for name, table in tables.items():
        cited = [c for c in table.columns if c in SOURCE_COLUMNS]
        assert cited == ["sources"], name
        markup = table_html(table.head(3), "")
        assert "pay-" not in re.sub(r'href="[^"]*"', "", markup), name  # no raw id on the page
    cargoes = tables["cargoes"]
    assert cargoes[cargoes["product"] == "LPG"]["tonnes"].str.contains("over months").sum() == 1


# ------------------------------------------------------------------ events and statements


def test_timeline_events_have_the_timeline_columns(frames: dict[str, pd.DataFrame], facts) -> None:
    tl = dd.events.timeline_events(frames["events"], frames["sources"])
    for col in ("date", "precision", "end_date", "category", "title", "weak"):
        assert col in tl
    assert len(tl) == facts.PAYMENT_EVENTS and tl["end_date"].isna().all()
    from pakru.present.timeline import period_end

    ends = [period_end(d, p) for d, p in zip(tl["date"], tl["precision"])]
    assert ends == sorted(ends)  # in order of when each event's period is over
    quality = dict(zip(frames["sources"]["source_id"], frames["sources"]["quality"]))
    for _, r in tl.iterrows():
        assert r["weak"] == all(quality[s] == "weak" for s in source_ids.split(r["source_ids"]))
    assert tl["weak"].any() and not tl["weak"].all()


def test_statement_points_are_labelled_with_speaker_and_qualifier(frames: dict[str, pd.DataFrame], facts) -> None:
    pts = dd.events.statement_points(frames["statements"])
    assert len(pts) == facts.SETTLEMENT_STATEMENTS_WITH_SHARE
    by_id = pts.set_index("statement_id")
    assert by_id.loc["pay-s05", "label"] == "Putin >80%"
    assert by_id.loc["pay-s14", "label"] == "Siluanov 99.1%"
    assert by_id.loc["pay-s07", "x"] == pd.Timestamp("2023-11-15")  # month precision: middle of the month


def test_a_month_only_event_sorts_after_the_dated_events_of_its_month() -> None:
    events = pd.DataFrame({
        "event_id": ["e1", "e2"], "date": pd.to_datetime(["2025-10-01", "2025-10-02"]),
        "precision": ["month", "day"], "category": "barter", "title": ["notified (October)", "approved 2 Oct"],
        "source_id": "s", "also_source_ids": None})
    sources = pd.DataFrame({"source_id": ["s"], "quality": ["primary"]})
    assert list(dd.events.timeline_events(events, sources)["event_id"]) == ["e2", "e1"]


# ------------------------------------------------------------------ charts drawn per width

NAMES = ("cargoes", "key_events", "cbr", "swift", "cofer")


@functools.cache
def _default_facts_and_frames() -> tuple:
    p = dd.parameters()
    return dd.facts(p), dd.frames(p)


def drawn(p, name: str, width: float, data: dict | None = None):
    """The chart ``name`` of the parameters ``p`` at ``width`` inches, with its words."""
    from pakru.present import show

    if data is None and p == dd.parameters():
        facts, frames = _default_facts_and_frames()
    else:
        facts, frames = dd.facts(p, data), dd.frames(p, data)
    text = show.chart_text(f"dedollarisation/charts/{name}.j2", facts, frames[name])
    return dd.charts.DRAW[name](frames[name], text, width), text, frames[name]


@pytest.fixture(scope="module")
def later_data() -> dict:
    """The data once the evidence engineer's key labels have landed: the key steps are flagged."""
    from pakru.dedollarisation.facts import load

    data = load()
    events = data["payment_events"].copy()
    if "key_label" not in events:
        key = {"pay-e017": ("first Russian crude cargo reaches Karachi", "the trial order arrives"),
               "pay-e030": ("private refiner's cargo, yuan intended", "intended, not confirmed"),
               "pay-e035": ("first barter contracts signed", "barter's first use")}
        events["key_label"] = events["event_id"].map(lambda i: key.get(i, ("", ""))[0])
        events["key_reason"] = events["event_id"].map(lambda i: key.get(i, ("", ""))[1])
    return {**data, "payment_events": events}


@pytest.mark.slow  # draws charts with a full text layout: about a second each
@pytest.mark.parametrize("name", ["cargoes", "cbr"])
def test_the_desktop_chart_prints_at_full_size_in_the_pdf(name: str) -> None:
    fig, _, _ = drawn(dd.parameters(), name, 7.2)
    assert height_ratio(fig) <= FULL_SIZE_RATIO, name
    matplotlib.pyplot.close(fig)


@pytest.mark.slow  # ten drawings with a full text layout each: about 4 s
@pytest.mark.parametrize("name", NAMES)
def test_every_chart_draws_at_both_widths_without_colliding_text(name: str, later_data, text_too_small) -> None:
    from pakru.present.charts import text_overlaps

    p = dd.parameters()
    for width in (7.2, 4.0):
        fig, text, frame = drawn(p, name, width, later_data)
        assert text_overlaps(fig) == [], (name, width)
        assert text_too_small(fig) == [], (name, width)
        assert text.title and text.source and "pay-" not in text.title + text.source + text.note
        assert fig.get_figwidth() == width
        matplotlib.pyplot.close(fig)


@pytest.mark.slow  # draws charts with a full text layout: about a second each
def test_the_cargo_chart_tells_paid_from_intended_and_marks_the_total_over_months() -> None:
    from pakru.present.charts import text_overlaps

    fig, text, frame = drawn(dd.parameters(), "cargoes", 4.0)
    assert text_overlaps(fig) == []
    crude, lpg = [ax for ax in fig.axes if ax.patches][:2]
    bars = {t.get_text().split("\n")[0]: b for t, b in zip(crude.get_yticklabels(), crude.patches)}
    intended = [b for b in crude.patches if b.get_hatch()]
    assert len(intended) == 1 and intended[0].get_facecolor()[:3] == (1.0, 1.0, 1.0)
    solid = [b for b in crude.patches if not b.get_hatch() and b.get_facecolor()[:3] != (1.0, 1.0, 1.0)]
    assert sorted(round(b.get_width()) for b in solid)[-2:] == [45_142, 55_000]
    # one scale for both products, so a bar's length means the same tonnes in either panel
    assert crude.get_xlim() == lpg.get_xlim() and "own scale" not in text.alt + " ".join(text.labels.values())
    summed = [b for b in lpg.patches if b.get_hatch() == ".."]
    assert len(summed) == 1 and round(summed[0].get_width()) == 100_000 and summed[0].get_linestyle() == ":"
    assert any("total over months" in t.get_text() for t in lpg.texts)
    assert "Pure Point" in bars and text.title.startswith("Two Russian crude cargoes totalling 100,142 tonnes")
    assert "unconfirmed" in text.title
    matplotlib.pyplot.close(fig)


@pytest.mark.slow  # draws charts with a full text layout: about a second each
def test_bank_of_russia_chart_fills_a_phone_and_marks_weak_figures_hollow() -> None:
    from pakru.present.charts import text_overlaps

    fig, text, frame = drawn(dd.parameters(), "cbr", 4.0)
    exports, imports = [ax for ax in fig.axes if ax.get_title(loc="left")][:2]
    assert imports.get_position().y1 <= exports.get_position().y0 + 1e-6  # stacked on a phone
    assert exports.get_position().width > 0.75  # each panel the phone's full width, not half of it
    assert text_overlaps(fig) == []
    # a legend wider than the panels' column never squeezes them
    from dataclasses import replace

    wordy = replace(text, labels={**text.labels, "weak": "hollow: a figure from a weak source"})
    wide_legend = dd.charts.cbr(frame, wordy, 4.0)
    wide_legend.canvas.draw()
    assert [ax for ax in wide_legend.axes if ax.get_title(loc="left")][0].get_position().width > 0.75
    matplotlib.pyplot.close(wide_legend)
    weak = frame[frame["quality"] == "weak"]
    hollow = sum(int((c.get_facecolors()[:, :3] == 1.0).all(axis=1).sum())
                 for ax in (exports, imports) for c in ax.collections)
    assert hollow == len(weak) > 0  # every figure resting only on weak sources, and no other, is hollow
    assert "summed" not in " ".join(text.labels.values()) and "single months" in text.note
    assert not text.source.split(":", 1)[1].strip().startswith(("MMGP", "World Today", "RU24"))
    assert "(weak)" in text.source or "of them weak" in text.source
    assert "53.7%" in text.title and "41.5%" in text.title  # the body's one rouble measure
    matplotlib.pyplot.close(fig)


def _shown_px(fig, width_px: int) -> float:
    """How tall the chart shows on a page ``width_px`` wide (its SVG is cut to the drawn ink plus
    0.15 in on each side, then scaled to the width)."""
    fig.canvas.draw()
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    return (box.height + 0.3) / (box.width + 0.3) * width_px


def test_the_key_steps_frame_holds_payment_steps_and_the_appendix_every_event() -> None:
    frames = _default_facts_and_frames()[1]
    steps, every = frames["key_events"], frames["events"]
    assert "statement" in set(every["category"]) and set(steps["category"]) <= set(dd.events.STEPS)
    assert len(every) > len(steps) > 0 and steps["key"].any()
    assert set(dd.appendix(frames)["events"]["kind"]) == set(every["category"])


@pytest.mark.slow  # draws charts with a full text layout: about a second each
def test_the_key_steps_are_payment_steps_and_fit_a_phone_screen() -> None:
    from pakru.present.charts import text_overlaps

    frames = _default_facts_and_frames()[1]
    steps, every = frames["key_events"], frames["events"]
    assert "statement" in set(every["category"]) and "statement" not in set(steps["category"])
    assert set(steps["category"]) <= set(dd.events.STEPS)
    assert len(every) > len(steps) > 0 and steps["key"].any()
    statements = every[(every["category"] == "statement") & every["key"]]
    for width, most_px in ((4.0, 720), (7.2, None)):
        fig, text, _ = drawn(dd.parameters(), "key_events", width)
        drawn_text = " ".join(t.get_text().replace("\n", " ") for ax in fig.axes for t in ax.texts)
        assert not any(label in drawn_text for label in statements["key_label"])  # no statement is a step
        assert text_overlaps(fig) == []
        lanes = fig.axes[-1]
        if most_px:  # a phone: about one screen tall, one lane the full width
            assert _shown_px(fig, 390) <= most_px
            assert lanes.get_position().width > 0.85 and len(lanes.collections) == 1
        else:  # a desktop: a lane per kind of event, each tall enough to read, and the chart prints full size
            kinds = len(set(steps["category"]))
            assert len(lanes.collections) == kinds
            fig.canvas.draw()
            names = sorted(lanes.transData.transform([(0, y) for y in lanes.get_yticks()])[:, 1])
            assert len(names) == kinds and min(b - a for a, b in zip(names, names[1:])) / fig.dpi >= 0.25 - 1e-6
            assert height_ratio(fig) <= FULL_SIZE_RATIO
        matplotlib.pyplot.close(fig)


@pytest.mark.slow  # draws charts with a full text layout: about a second each
def test_swift_chart_says_which_months_rest_on_a_weak_source_and_crosses_no_break() -> None:
    fig, text, frame = drawn(dd.parameters(), "swift", 4.0)
    assert "July–September 2025" in text.note and "weak" in text.note and "March and July 2023" in text.note
    days = list(frame[frame["break"]]["period_start"].drop_duplicates())
    assert len(days) == 2 and _lines_crossing(fig, days) == []
    matplotlib.pyplot.close(fig)


@pytest.mark.slow  # draws a chart with a full text layout
def test_the_first_steps_year_is_labelled_though_it_starts_two_days_in(later_data) -> None:
    # the first event is dated 2 January 2018: a year starting inside the axis's margin still gets its label
    fig, _, frame = drawn(dd.parameters(), "key_events", 7.2, later_data)
    first = pd.Timestamp(frame["date"].min())
    assert (first.year, first.month) == (2018, 1)
    rug = fig.axes[-1] if fig.axes[-1].get_xticklabels() else fig.axes[0]
    labels = {ax_label.get_text() for ax in fig.axes for ax_label in ax.get_xticklabels()}
    assert "2018" in labels, labels
    assert rug.get_xlim()[0] < matplotlib.dates.date2num(pd.Timestamp("2018-01-01"))
    matplotlib.pyplot.close(fig)


@pytest.mark.slow
@pytest.mark.parametrize(("start", "end", "series"), [
    ("2023-01-01", "2023-06-30", ("cbr_exports", "swift_global", "imf_cofer")),
    ("2024-01-01", "2024-12-31", ("cbr_imports", "swift_ex_ez", "imf_cofer")),
])
def test_charts_hold_up_in_a_narrow_window(start: str, end: str, series: tuple, later_data) -> None:
    from dataclasses import replace
    from datetime import date

    from pakru.present.charts import text_overlaps

    p = replace(dd.parameters(), start=date.fromisoformat(start), end=date.fromisoformat(end), series=series)
    frames = dd.frames(p, later_data)
    for name in NAMES:
        if frames[name].empty:
            continue
        fig, text, _ = drawn(p, name, 4.0, later_data)
        years = {int(y) for y in re.findall(r"\b(20\d\d)\b", text.title)}
        assert years <= {date.fromisoformat(start).year}, (name, text.title)
        assert text_overlaps(fig) == [], (name, start)
        assert not re.search(r"\b(\d{4})–\1\b", text.title + text.note)
        matplotlib.pyplot.close(fig)
