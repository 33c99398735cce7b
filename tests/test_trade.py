"""The trade section: its facts recomputed from data/, its templates rendered with today's facts
and with altered ones, its frames, and its lead chart at both widths (the other charts and the
reader's windows are in the slow tests at the end and in tests/test_trade_notebook.py)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from pakru import trade
from pakru.data import source_ids
from pakru.facts import Facts
from pakru.present import show
from pakru.present.charts import text_overlaps
from pakru.spec import params
from pakru.trade import inputs
from printed import FULL_SIZE_RATIO, height_ratio

ROOT = Path(__file__).resolve().parents[1]
TEXT = ROOT / "src" / "pakru" / "trade" / "text"
WORKBOOKS = ("trd-sbp-export-receipts", "trd-sbp-import-payments")
NARROW = {"start_year": 2018, "end_year": 2020, "basis": "fiscal", "reporter": "RUS", "series": "UN Comtrade"}


def window(**kw: object) -> object:
    return dataclasses.replace(trade.parameters(), **kw)


@pytest.fixture(scope="module")
def p() -> object:
    return trade.parameters()


@pytest.fixture(scope="module")
def facts(p) -> Facts:
    return trade.facts(p)


@pytest.fixture(scope="module")
def frames(p) -> dict[str, pd.DataFrame]:
    return trade.frames(p)


def words(markdown: str) -> str:
    """What a reader sees: tags dropped, entities read."""
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", markdown))


def assert_clean(text: str) -> None:
    """No unfilled placeholder, no empty or doubled sentence, no 'None', no one-year span."""
    for bad in ("None", "nan", "{{", "{%", "()", " ,", " .", "..", ". .", ",.", ";.", "  "):
        assert bad not in text, f"{bad!r} in: {text}"
    assert not re.search(r"\b(\d{4})–\1\b", text), text
    assert not re.search(r"(^|\n)\s*[.;:,]", text), text


# --- facts --------------------------------------------------------------------------------------

FRONT = {  # id: (value, unit, period, qualifier)
    "trade.sbp.peak": (1099.07, "USD million", "FY2023-24", ""),
    "trade.sbp.latest_year": (243.92, "USD million", "FY2024-25", "revised"),
    "trade.sbp.latest_year_change": (-77.81, "percent", "FY2024-25", "revised"),
    "trade.sbp.latest_year_share_of_peak": (22.19, "percent", "FY2024-25", "revised"),
    "trade.sbp.latest_window": (53.65, "USD million", "July 2025–March 2026", "provisional"),
    "trade.sbp.latest_window_year_before": (220.25, "USD million", "July 2024–March 2025", "revised"),
    "trade.sbp.latest_window_change": (-75.64, "percent", "July 2025–March 2026", "provisional"),
    "trade.sbp.latest_window_exports": (35.85, "USD million", "July 2025–March 2026", "provisional"),
    "trade.sbp.latest_window_imports": (17.80, "USD million", "July 2025–March 2026", "provisional"),
    "trade.sbp.latest_month": (6.01, "USD million", "March 2026", "provisional"),
    "trade.sbp.latest_month_year_before": (14.10, "USD million", "March 2025", "revised"),
    "trade.sbp.share.latest_year": (0.27, "percent", "FY2024-25", "revised"),
    "trade.sbp.share.peak_year": (1.30, "percent", "FY2023-24", ""),
    "trade.mirror.ratio": (1.90, "ratio", "2010–20", ""),
    "trade.russia_official.cy2023": (1000.0, "USD million", "2023", "more_than"),
}


@pytest.mark.parametrize("fid", list(FRONT))
def test_front_page_facts_carry_their_value_unit_period_and_qualifier(facts: Facts, fid: str) -> None:
    value, unit, period, qualifier = FRONT[fid]
    f = facts[fid]
    assert round(f.number, 2) == value and f.unit == unit and f.period.label == period and f.qualifier == qualifier


def test_state_bank_facts_rest_on_both_workbooks_and_derived_ones_name_their_inputs(facts: Facts) -> None:
    assert facts["trade.sbp.peak"].source_ids == WORKBOOKS and facts["trade.sbp.peak"].quality == "primary"
    assert facts["trade.sbp.latest_window_exports"].source_ids == WORKBOOKS[:1]
    assert facts["trade.sbp.latest_year_change"].derived_from == ("trade.sbp.latest_year", "trade.sbp.peak")
    change = facts["trade.sbp.latest_window_change"]
    now, then = (facts[i].number for i in change.derived_from)
    assert change.number == pytest.approx((now / then - 1) * 100)
    assert "trd-tass-2024-06-12" in facts["trade.russia_official.cy2023"].source_ids


@pytest.fixture(scope="module")
def short(p) -> Facts:
    return trade.facts(window(start_year=2018, end_year=2020))


def fixed_part(facts: Facts) -> dict[str, object]:
    return {k: f.value for k, f in facts.items() if not k.startswith("trade.window.")}


def test_facts_outside_trade_window_do_not_depend_on_the_years(facts: Facts, short: Facts) -> None:
    assert fixed_part(short) == fixed_part(facts)


@pytest.mark.slow
def test_facts_outside_trade_window_do_not_depend_on_any_parameter(facts: Facts) -> None:
    assert fixed_part(trade.facts(window(**NARROW))) == fixed_part(facts)


def test_the_trial_order_is_placed_in_fy2022_23_and_the_private_cargoes_in_fy2023_24(facts: Facts) -> None:
    assert facts["trade.drivers.g2g_order_tonnes"].period.label == "FY2022-23"
    assert [str(facts[f"trade.drivers.g2g_{w}_arrival"].value) for w in ("first", "last")] == ["2023-06-11",
                                                                                               "2023-06-27"]
    assert facts["trade.drivers.private_tonnes"].number == 110_000
    assert facts["trade.drivers.private_tonnes"].period.label == "FY2023-24"
    assert [facts[f"trade.drivers.private_cargo.{i}"].period.label for i in (1, 2)] == ["October 2023",
                                                                                         "November 2023"]
    assert facts["trade.drivers.wheat_year_fiscal_years"].value == "FY2022-23 and FY2023-24"
    assert facts["trade.drivers.wheat_window"].number == 296.0


def test_the_press_pair_leaves_770_million_for_june_2024_and_fy2021_22_cannot_hold(facts: Facts) -> None:
    rest = facts["trade.weighing.fy2023_24.rest"]
    assert rest.number == pytest.approx(770.0) and rest.period.label == "June 2024"
    assert facts["trade.weighing.fy2023_24.rest_share"].number == pytest.approx(770 / 1040 * 100)
    assert facts["trade.weighing.fy2023_24.bank_record"].number == pytest.approx(1099.0743, abs=1e-3)
    assert facts["trade.weighing.fy2021_22.rest"].number == pytest.approx(388.492 - 567.5)
    assert facts["trade.claim.july_may_growth"].number == pytest.approx(34.0, abs=0.05)


def test_window_facts_follow_the_window(facts: Facts, short: Facts) -> None:
    assert round(facts["trade.window.early_average"].number, 1) == 111.6
    assert facts["trade.window.early_average"].period.label == "1992–94"
    assert round(facts["trade.window.late_average"].number, 1) == 588.8
    assert "trade.window.chosen" not in facts
    first, last = short["trade.window.first"], short["trade.window.last"]
    assert (first.period.label, round(first.number, 1), last.period.label, round(last.number, 1)) == (
        "2018", 635.4, "2020", 762.4)
    assert short["trade.window.change"].number == pytest.approx((last.number / first.number - 1) * 100)
    assert short["trade.window.chosen"].value == "2018–20" and "trade.window.early_average" not in short


# --- frames --------------------------------------------------------------------------------------

def test_chart_frames_carry_period_value_unit_series_and_source(frames: dict[str, pd.DataFrame]) -> None:
    for name in ("lead", "press", "history", "mirror", "products", "sbp_months"):
        assert {"period", "value", "unit", "series", "source_id"} <= set(frames[name].columns), name
    assert {"reporter", "source_id"} <= set(frames["composition"].columns)
    assert set(frames["sbp_months"]["held"]) == {"workbook months only"}


def test_the_lead_frame_keeps_records_apart_and_does_not_draw_a_disputed_year(frames: dict[str, pd.DataFrame]) -> None:
    lead = frames["lead"].set_index("period")
    assert pd.isna(lead.loc["FY2019-20", "value"]) and lead.loc["FY2019-20", "kind"] == "none"
    assert list(lead.loc[["FY2020-21", "FY2022-23"], "kind"]) == ["official"] * 2
    assert list(lead.loc[["FY2020-21", "FY2022-23"], "quality"]) == ["weak", "secondary"]
    # FY2021-22: the weighings show both figures and use neither, so the chart gets no level
    assert lead.loc["FY2021-22", "kind"] == "disputed" and pd.isna(lead.loc["FY2021-22", "value"])
    assert set(source_ids.split(lead.loc["FY2021-22", "source_id"])) == {"trd-tdminews-wealthpk-2022",
                                                                  "trd-ppr-2023-qamar-ria"}
    assert lead.loc["FY2023-24", "kind"] == "bank" and not lead.loc["FY2023-24", "partial"]
    assert lead.loc["FY2025-26", "partial"] and lead.loc["FY2025-26", "months"] == 9
    assert list(frames["lead"].query("kind == 'month'")["period"]) == ["March 2025", "February 2026", "March 2026"]


def test_the_state_bank_table_adds_up_as_displayed(frames: dict[str, pd.DataFrame]) -> None:
    t = frames["sbp"]
    assert (t["two_way"] - (t["exports"] + t["imports"])).abs().max() < 1e-9
    assert (t["balance"] - (t["exports"] - t["imports"])).abs().max() < 1e-9
    march = t.set_index("period").loc["Mar 2025"]
    assert (march["exports"], march["imports"], march["balance"]) == (6.9, 7.2, -0.3)


def test_the_state_bank_table_fits_a_phone_with_its_marks_beside_the_periods(facts: Facts, frames, p) -> None:
    spec = trade.tables.spec("sbp", frames, facts, p)
    shown = spec["frame"]
    assert list(shown.columns) == ["period", "exports", "imports", "two-way", "balance"]  # no column of marks
    assert list(shown["period"]) == ["FY2023-24", "FY2024-25 (R)", "Jul–Mar FY25 (R)", "Jul–Mar FY26 (P)",
                                     "Mar 2025 (R)", "Feb 2026 (R)", "Mar 2026 (P)"]
    assert max(len(x) for x in shown["period"]) <= 16
    assert "(P) provisional" in spec["note"] and "June 2026" in spec["note"]


def test_shares_under_one_percent_have_two_decimals_in_the_table_and_the_text(facts: Facts, frames, p) -> None:
    shown = trade.tables.spec("share", frames, facts, p)["frame"]
    window = shown[(shown["period"] == "July 2025–March 2026") & (shown["flow"] == "total")]
    assert list(window["Russia's share"]) == ["0.08%"]
    assert trade.tables.share_text(1.302) == "1.3%" and trade.tables.share_text(0.0385) == "0.04%"
    text = rendered("share", facts, frames, p) + rendered("lead", facts, frames, p)
    assert "0.08% in July 2025–March 2026" in text and "0.27% in FY2024-25" in text and "0.3%" not in text


def test_appendix_tables_name_their_source_column_so_the_page_shows_publishers(facts: Facts, frames, p) -> None:
    from pakru.present.tables import SOURCE_COLUMNS, table_html

    for name in ("share", "published", "weighings", "conflicts", "products_hs", "goods_lists"):
        spec = trade.tables.spec(name, frames, facts, p)
        assert "sources" in spec["frame"].columns and spec["formats"].get("sources") is None, name
        assert not set(spec["frame"].columns) & (set(SOURCE_COLUMNS) - {"sources"}), name
    markup = table_html(trade.tables.spec("share", frames, facts, p)["frame"], "")
    assert "trd-sbp-export-receipts" not in markup.replace('href="#src-trd-sbp-export-receipts"', "")
    assert "State Bank of Pakistan" in markup


# --- templates --------------------------------------------------------------------------------------

TEMPLATES = ("lead", "standing", "drivers", "fall", "share", "conflicts", "history", "mirror", "goods")


def rendered(name: str, facts: Facts, frames: dict[str, pd.DataFrame], p: object) -> str:
    return words(show.told(f"trade/{name}.md.j2", facts, **trade.context(frames, p)).markdown)


@pytest.mark.parametrize("name", TEMPLATES)
def test_templates_render_todays_facts_cleanly(facts: Facts, frames, p, name: str) -> None:
    text = rendered(name, facts, frames, p)
    assert text.strip() and len(text.split()) < 320
    assert_clean(text)


def test_the_lead_says_where_trade_stands_on_the_state_banks_record(facts: Facts, frames, p) -> None:
    text = rendered("lead", facts, frames, p)
    assert "peaked at $1.1 billion in FY2023-24" in text and "$244 million in FY2024-25" in text
    assert "down 78%" in text and "down 76%" in text and "sold Russia more than it bought" in text
    assert "1,810" not in text and "1.8" not in text  # the rejected press figure never leads
    # what the record measures is said before its first level
    first = text.index("$1.1 billion")
    assert "payments record" in text[:first] and "barter" in text[:first]
    # the surplus comes from purchases collapsing: imports down 90%, exports down 28%
    assert "Imports from Russia were down 90%, at $18 million" in text and "down 28%, at $36 million" in text
    assert "because its purchases collapsed" in text


def test_a_conflict_gives_figures_whose_difference_is_the_gap_shown(facts: Facts, frames, p) -> None:
    # 567.5 and 388.492 to whole millions read 568 and 388, a gap of 180, while the gap is 179.0
    text = rendered("conflicts", facts, frames, p)
    assert ("$567.5 million for July 2021–May 2022 alone (Pakistan Press Release, weak source) exceeds $388.5 "
            "million for the whole year (TDM News, weak source) by $179.0 million, so both cannot hold") in text


def test_each_flow_of_the_window_has_its_change_on_the_year_before(facts: Facts) -> None:
    for flow, then, change in (("exports", 49.48, -27.54), ("imports", 170.77, -89.58)):
        f = facts[f"trade.sbp.latest_window_{flow}_change"]
        assert round(facts[f"trade.sbp.latest_window_year_before_{flow}"].number, 2) == then
        assert round(f.number, 2) == change and f.period.label == "July 2025–March 2026"
        assert f.derived_from == (f"trade.sbp.latest_window_{flow}", f"trade.sbp.latest_window_year_before_{flow}")


def test_the_drivers_reconcile_the_wheat_currency_the_calendar_year_and_say_what_followed_the_ban(
        facts: Facts, frames, p) -> None:
    text = rendered("drivers", facts, frames, p)
    # November 2023 mostly dirhams; how the later wheat was paid is the de-dollarisation section's
    assert "most of it was paid in UAE dirhams" in text and "half in US dollars" not in text and "held" not in text
    text = rendered("fall", facts, frames, p)
    # after the July 2024 ban: no wheat import in 2025, no procurement
    ban = text.index("banned wheat imports on 13 July 2024")
    assert ban < text.index("On 6 February 2025") < text.index("would not procure wheat")
    # Sharif's 2024 is a calendar year set against the fiscal years
    assert "calendar 2024, not Pakistan's fiscal year" in text and "FY2024-25, which began in July 2024" in text
    assert "held" not in text


def test_matviyenkos_crude_share_and_january_august_rise_are_facts_from_her_statement(facts: Facts, frames,
                                                                                     p) -> None:
    share, rise = (facts[f"trade.drivers.event.pay-e053.{r}"] for r in ("crude_share", "calendar"))
    assert (share.number, share.unit, share.qualifier) == (20.0, "percent", "more_than")
    assert (rise.number, rise.qualifier) == (13.0, "")
    assert str(facts["trade.drivers.event.pay-e053"].value) == "2024-10-28"
    assert share.source_ids == rise.source_ids == ("trd-brecorder-2024-10-29",)
    drivers_text = rendered("drivers", facts, frames, p)
    assert "In the same speech, Federation Council speaker Valentina Matviyenko" in drivers_text
    assert "more than 20% of Russia's exports to Pakistan by the end of 2023" in drivers_text
    fall = rendered("fall", facts, frames, p)
    assert "January–August 2024 was 13% higher" in fall and "Both speak of calendar 2024" in fall
    assert fall.index("13% higher") < fall.index("Prime Minister Sharif") < fall.index("Both speak of")


def test_a_figure_the_drivers_file_takes_is_one_its_statement_gives() -> None:
    """drivers.csv's figure column repeats a number of the event's own words (title or detail): a
    typo there would put a figure in the text that no source gives."""
    from pakru.data import datasets

    chosen = datasets.load("trade_drivers")
    events = pd.concat([datasets.load("payment_events"), datasets.load("defence_events")]).set_index("event_id")
    for _, r in chosen[chosen["figure"].notna()].iterrows():
        words_of_event = f"{events.loc[r['event_id'], 'title']} {events.loc[r['event_id'], 'detail']}"
        assert f"{r['figure']:g}%" in words_of_event, (r["event_id"], r["role"])
        assert "{figure}" in r["label"], r["event_id"]


def test_a_label_waiting_for_a_figure_is_left_out_without_it(facts: Facts, frames, p) -> None:
    fewer = Facts([f for f in facts.values() if not f.id.startswith("trade.drivers.event.pay-e053.")], facts.sources)
    text = rendered("drivers", fewer, frames, p) + rendered("fall", fewer, frames, p)
    assert "{figure}" not in text and "Matviyenko" not in text and "He meant calendar 2024" in text
    assert_clean(text)


def test_the_calendar_sentence_goes_when_the_latest_year_is_the_peak(facts: Facts, frames, p) -> None:
    fewer = Facts([f for f in facts.values() if f.id != "trade.sbp.latest_year"], facts.sources)
    text = rendered("fall", fewer, frames, p)
    assert "calendar 2024, not" not in text and "Prime Minister Sharif" in text
    assert_clean(text)


def altered(facts: Facts, **values: float) -> Facts:
    """Today's facts with some values replaced (``trade__sbp__x=1`` for ``trade.sbp.x``)."""
    changed = {k.replace("__", "."): v for k, v in values.items()}
    return Facts([dataclasses.replace(f, value=changed.get(f.id, f.value)) for f in facts.values()], facts.sources)


def test_conditional_words_flip_when_trade_rises(facts: Facts, frames, p) -> None:
    up = altered(facts, trade__sbp__latest_year_change=12.0, trade__sbp__latest_window_change=5.0,
                 trade__sbp__latest_window_exports=10.0, trade__sbp__latest_month_change=3.0,
                 trade__sbp__latest_window_exports_change=4.0, trade__sbp__latest_window_imports_change=6.0)
    text = rendered("lead", up, frames, p) + rendered("standing", up, frames, p)
    assert "up 12%" in text and "up 5%" in text and "up 3%" in text and "down" not in text
    assert "Imports from Russia were up 6%" in text and "collapsed" not in text
    assert "sold Russia more" not in text
    assert_clean(text)
    title = show.chart_text("trade/charts/lead.j2", up, frames["lead"], **trade.context(frames, p)).title
    assert "fallen" not in title


def test_templates_hold_without_the_optional_facts(facts: Facts, frames, p) -> None:
    gone = ("trade.sbp.latest_window", "trade.sbp.latest_month", "trade.sbp.share.peak_year",
            "trade.russia_official.cy2023", "trade.drivers.private_cargoes", "trade.weighing.fy2023_24.rest",
            "trade.claim.july_may_growth", "trade.window.late_average", "trade.goods.press_exports")
    fewer = Facts([f for f in facts.values() if f.id not in gone], facts.sources)
    for name in TEMPLATES:
        text = rendered(name, fewer, frames, p)
        assert_clean(text)
    assert "July 2025" not in rendered("lead", fewer, frames, p)


def test_no_template_types_a_figure() -> None:
    """Figures come from facts through filters; years and period labels may be typed."""
    allowed = r"\bFY\d{4}-\d{2}\b|\bFY\d{2}\b|\b(19|20)\d{2}\b"
    for path in sorted(TEXT.rglob("*.j2")):
        body = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        left = re.sub(allowed, "", body)
        near = re.findall(r".{0,20}\d.{0,20}", left)[:3]
        assert not near, f"{path.name}: {near}"


# --- charts (the lead here; every chart and window in the slow tests) ------------------------------

def draw(name: str, facts: Facts, frames: dict[str, pd.DataFrame], p: object) -> tuple[str, list]:
    text = show.chart_text(f"trade/charts/{name}.j2", facts, frames[name], **trade.context(frames, p))
    found = []
    for width in (show.WIDE_IN, show.NARROW_IN):
        fig = getattr(trade.charts, name)(frames[name], text, width)
        try:
            found.append((width, text_overlaps(fig), [t.get_text() for t in fig.axes[0].get_xticklabels()]))
        finally:
            plt.close(fig)
    return text.title, found


def test_the_lead_chart_labels_the_peak_and_never_overlaps_at_either_width(facts: Facts, frames, p) -> None:
    title, found = draw("lead", facts, frames, p)
    assert title.startswith("Trade peaked at $1.1 billion in FY2023-24") and "1.8" not in title
    for width, overlaps, _ in found:
        assert overlaps == [], (width, overlaps)


def test_the_lead_chart_greys_other_records_marks_weak_ones_and_draws_no_disputed_level(facts: Facts, frames,
                                                                                         p) -> None:
    from matplotlib.colors import to_hex

    text = show.chart_text("trade/charts/lead.j2", facts, frames["lead"], **trade.context(frames, p))
    for width in (show.WIDE_IN, show.NARROW_IN):
        fig = trade.charts.lead(frames["lead"], text, width)
        try:
            ax = fig.axes[0]
            bars = {round(b.get_height() if width > 5 else b.get_width(), 1): b for b in ax.patches}
            assert 388.5 not in bars  # FY2021-22's figures disagree: no bar
            weak, moc, peak = bars[945.9], bars[920.0], bars[1099.1]
            assert weak.get_hatch() and to_hex(weak.get_facecolor()) == "#ffffff"
            assert not moc.get_hatch() and to_hex(moc.get_facecolor()) == trade.charts.OTHER
            assert to_hex(peak.get_facecolor()) == trade.charts.BANK.lower()
            labels = [t.get_text() for t in ax.texts]
            assert any(t in ("$946m\nweak", "$946m, weak") for t in labels)  # the hatch and legend say the rest
            assert "figures disagree" in labels and not any("held" in t for t in labels)
            ticks = [t.get_text() for t in (ax.get_xticklabels() if width > 5 else ax.get_yticklabels())]
            assert not any("FY20" == t or t.startswith("FY2019") for t in ticks)  # no empty FY2019-20 row
            months = next(a for a in fig.axes if "single months" in a.get_title(loc="left"))
            named = [t.get_text() for t in months.get_yticklabels()]
            assert named == (["Mar 2025", "Feb 2026", "Mar 2026"] if width > 5
                             else ["March 2025", "February 2026", "March 2026"])
        finally:
            plt.close(fig)
    assert "FY2019-20 appears in the sources used" in text.note and "held" not in text.note
    # the front page draws the same chart with its own facts and no section context: same words
    front = show.chart_text("trade/charts/lead.j2", facts, frames["lead"])
    assert front.note == text.note and front.title == text.title
    assert "a year earlier" in text.labels["months"]  # what the single months are: the latest, and a year earlier
    assert "$388.5 million for FY2021-22, $567.5 million for July 2021–May 2022" in text.note
    assert "(weak)" in text.source


@pytest.mark.parametrize("name", ["lead", "press"])
def test_the_desktop_chart_prints_at_full_size_in_the_pdf(facts: Facts, frames, p, name: str) -> None:
    text = show.chart_text(f"trade/charts/{name}.j2", facts, frames[name], **trade.context(frames, p))
    fig = getattr(trade.charts, name)(frames[name], text, show.WIDE_IN)
    try:
        assert height_ratio(fig) <= FULL_SIZE_RATIO, name
    finally:
        plt.close(fig)


def test_the_products_chart_never_cuts_a_name(facts: Facts, frames, p) -> None:
    text = show.chart_text("trade/charts/products.j2", facts, frames["products"], **trade.context(frames, p))
    assert text.title.startswith("In 2018, the latest year with a product breakdown")
    for width in (show.WIDE_IN, show.NARROW_IN):
        fig = trade.charts.products(frames["products"], text, width)
        try:
            names = {t.get_text().replace("\n", " ") for ax in fig.axes for t in ax.get_yticklabels()}
        finally:
            plt.close(fig)
        assert set(frames["products"]["product"]) <= names and not any("…" in n for n in names), (width, names)


def test_the_sections_reads_are_declared_in_report_yaml() -> None:
    assert set(inputs.DATASETS) == set(params.load_spec(ROOT).section("trade").reads)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["press", "history", "mirror", "products"])
def test_every_chart_draws_at_both_widths_without_overlaps(facts: Facts, frames, p, name: str) -> None:
    title, found = draw(name, facts, frames, p)
    assert title and "1,810" not in title
    for width, overlaps, _ in found:
        assert overlaps == [], (name, width, overlaps)


WINDOWS = [{"basis": "fiscal"}, {"reporter": "RUS"}, {"series": "UN Comtrade"},
           {"start_year": 2018, "end_year": 2020}, {"basis": "fiscal", "reporter": "RUS", "series": "UN Comtrade"}]


@pytest.mark.slow
@pytest.mark.parametrize("kw", WINDOWS, ids=lambda kw: ",".join(f"{k}={v}" for k, v in kw.items()))
def test_the_windows_the_explorer_tried_hold_up(kw: dict) -> None:
    q = window(**kw)
    f, fr = trade.facts(q), trade.frames(q)
    for name in TEMPLATES:
        text = rendered(name, f, fr, q)
        assert_clean(text)
        for bad in ("last 1 years", "uses no series", "is not held here", "median"):
            assert bad not in text, (name, bad)
    for name in ("history", "mirror"):
        if fr[name].empty:
            continue
        title, found = draw(name, f, fr, q)
        years = {int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", title)}
        assert all(q.start_year - 1 <= y <= q.end_year for y in years), (name, title)
        for width, overlaps, ticks in found:
            assert overlaps == [] and len(ticks) <= 12, (name, width, overlaps, ticks)


@pytest.mark.parametrize("name", ["published", "conflicts"])
def test_a_bound_is_marked_in_words_in_the_tables(name: str, facts: Facts, frames, p) -> None:
    """The data's code for a bound (``more_than``) is the table's "more than", never the code."""
    raw = frames[name]["qualifier"].dropna().astype(str)
    shown = trade.tables.spec(name, frames, facts, p)["frame"]["mark"].dropna().astype(str)
    assert not shown.str.contains("_").any(), sorted(set(shown))
    if (raw == "more_than").any():
        assert (shown == "more than").sum() == (raw == "more_than").sum()
