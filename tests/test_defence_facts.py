"""The defence section's facts, words and charts: numbers recomputed from ``data/``, templates that
hold up with today's facts and altered ones, charts drawn at both widths without colliding text."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from pakru import defence
from pakru.facts import Facts
from pakru.present import charts
from pakru.present import text as words
from pakru.present.show import chart_text
from pakru.spec.notebook import section_params
from printed import FULL_SIZE_RATIO, height_ratio

TEMPLATES = ("lead", "shares", "deliveries", "druzhba", "recent")
CHARTS = ("lead", "exercises", "deliveries", "supplier_shares", "russia_share")


def params(**changes: object):
    return section_params("defence", {**dataclasses.asdict(defence.parameters()), **changes})


@pytest.fixture(scope="module")
def today() -> Facts:
    return defence.facts()


@pytest.fixture(scope="module")
def frames() -> dict:
    return defence.frames()


def plain(markdown: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", markdown)).strip()


def faults(text: str) -> list[str]:
    """What a rendered template must never hold."""
    found = [bad for bad in ("None", "nan", "{{", "{%", " .", " ,", "..", "()") if bad in text]
    found += re.findall(r"\b(\d{4})–\1\b", text)  # "2021–2021"
    found += re.findall(r"\b1 (?:editions|exercises|engines)\b", text)
    return found


def render_all(facts: Facts, recent) -> dict[str, str]:
    return {t: plain(words.render(f"defence/{t}.md.j2", facts, recent=recent)) for t in TEMPLATES}


def test_facts_recompute_the_known_numbers(today: Facts) -> None:
    f = today
    assert f["defence.russia.register_tiv"].value == pytest.approx(841.39)
    assert f["defence.russia.tiv_table_total"].value == 797  # 1995–2021: the table ends three years earlier
    assert f["defence.russia.tiv_table_total"].period.label == "1995–2021"
    assert f["defence.rd93.engines"].value == 206 and f["defence.rd93.engines"].period.label == "2007–24"
    share = f["defence.rd93.share_of_russian_tiv"]
    assert share.value == pytest.approx(453.2 / 841.39 * 100) and round(share.value) == 54
    assert share.derived_from == ("defence.rd93.tiv", "defence.russia.register_tiv")
    china = f["defence.sipri.china_share.latest"]
    assert china.value == 80 and china.period.label == "2021–25"
    assert f["defence.sipri.china_share.previous"].value == 73
    assert f["defence.sipri.china_share.previous"].period.label == "2016–20"
    assert f["defence.sipri.release.latest"].value == "March 2026"
    customer = f["defence.sipri.pakistan_share_of_china_exports"]  # Pakistan's share of China's arms exports
    assert (customer.value, customer.period.label, customer.unit) == (61, "2021–25", "percent")
    last = f["defence.sipri.russia_share.last_recorded"]
    assert last.unit == "percent" and last.value == 6.6 and "release" in last.definition
    assert f["defence.sipri.russia_share.computed_latest"].value == pytest.approx(5.63, abs=0.01)
    assert f["defence.sipri.russia_share.computed_latest"].period.label == "2017–21"
    assert round(f["defence.sipri.russia_share.computed_peak"].value, 1) == 14.9
    own = f["defence.sipri.russia_share.computed_peak_russia"]  # since 1992: Russia's own deals
    assert round(own.value, 1) == 7.8 and own.period.label == "2000–04"
    recent = f["defence.sipri.russia_share.computed_recent"]
    assert round(recent.value, 1) == 6.7 and recent.period.label == "2015–19"
    # SIPRI's own figures, one per window (the latest release's), oldest first, each with its quality
    published = list(f.with_prefix("defence.sipri.russia_share.published.").values())
    assert [(p.period.label, p.value, p.quality) for p in published] == [
        ("2015–19", 6.6, "secondary"), ("2016–20", 6.6, "weak")]
    assert published[-1].value == last.value and published[-1].period == last.period
    assert f["defence.druzhba.editions"].value == 8 and f["defence.druzhba.gap"].period.label == "2022–23"
    latest = f["defence.druzhba.latest"]
    assert latest.value == date(2025, 9, 15) and latest.period.basis in ("day", "month")
    assert f["defence.agreement.date"].value == date(2014, 11, 20)
    # joint exercises: naval drills from 2014 (the navies), the armies' first Druzhba in September 2016
    assert f["defence.exercises.count"].value == 22 and f["defence.exercises.count"].period.label == "2014–25"
    assert f["defence.exercises.first_naval"].value == 2014 and f["defence.druzhba.first"].value == date(2016, 9, 24)
    assert f["defence.exercises.gap"].period.label == "2022–23"
    assert f["defence.mi35.delivered"].value == 4 and f["defence.kornet.delivered"].value == 500
    # the Mi-35M's arrival by each source: SIPRI's register 2018, a minister's 2017, a report of August 2017
    assert f["defence.mi35.delivered"].period.label == "2018"
    assert f["defence.mi35.expected"].value == 2017 and f["defence.mi35.expected"].period.label == "19 December 2016"
    assert f["defence.mi35.reported_received"].value == date(2017, 8, 1)
    assert f["defence.mi35.reported_received"].period.label == "August 2017"
    arrived = f["defence.mi35.arrival_years"]
    assert (arrived.value, arrived.period.label, arrived.quality) == (4, "2017–18", "weak")
    assert arrived.derived_from == ("defence.mi35.delivered", "defence.mi35.expected",
                                    "defence.mi35.reported_received")
    # the suppliers after China rest on what the pages give, each with its quality
    after = list(f.with_prefix("defence.sipri.next_supplier.").values())
    assert [a.value for a in after][:2] == [7, 4.6] and after[-1].quality == "weak"


def test_front_page_facts_have_their_units(today: Facts) -> None:
    units = {"defence.sipri.china_share.latest": "percent", "defence.sipri.china_share.previous": "percent",
             "defence.sipri.russia_share.last_recorded": "percent",
             "defence.sipri.india_russia_share.latest": "percent",
             "defence.rd93.engines": "count", "defence.rd93.share_of_russian_tiv": "percent",
             "defence.russia.register_tiv": "TIV million", "defence.druzhba.editions": "count",
             "defence.druzhba.latest": "date"}
    assert {k: today[k].unit for k in units} == units
    for optional, unit in (("defence.sipri.pakistan_imports_change", "percent"),
                           ("defence.sipri.pakistan_rank", "count")):
        if optional in today:  # read from importer_standing once the data hold it
            assert today[optional].unit == unit


def test_a_narrow_window_states_nothing_outside_it() -> None:
    f = defence.facts(params(start_year=2014, end_year=2016, share_period_years=2))
    assert f["defence.druzhba.editions"].value == 1 and "defence.druzhba.gap" not in f
    assert "defence.rd93.engines" not in f and "defence.russia.register_tiv" not in f  # 1995–2024 is not inside
    assert "defence.sipri.china_share.latest" not in f  # no SIPRI window inside 2014–16
    for fact in f.values():
        if fact.period is not None and fact.period.start is not None:
            assert fact.period.start.year >= 2014 and fact.period.end.year <= 2016, fact.id


def test_templates_render_with_todays_facts(today: Facts, frames: dict) -> None:
    out = render_all(today, frames["recent"])
    for name, text in out.items():
        assert text and faults(text) == [], (name, faults(text))
    assert "up from" in out["lead"]
    everything = " ".join(out.values())
    for process in ("recorded here", "held here", "releases held", "last published"):
        assert process not in everything, process
    assert "6.6% of Pakistan's imports in 2016–20" in out["lead"] and "weak" in out["lead"]
    assert "took 61% of China's arms exports in those years (the same release)" in out["lead"]
    assert everything.count("61%") == 1 and everything.count("80%") == 2  # the lead, and the suppliers' paragraph
    assert "not among the suppliers SIPRI names for 2021–25" in out["lead"]
    assert "54% of the trend-indicator value of Russian arms deals" in out["lead"]
    assert "weak" in out["shares"]  # the suppliers after China rest on a weak page, and the text says so
    # one Russian share per window: SIPRI's first, then, apart, the ones computed from its import values
    published, computed = out["shares"].split("Apart from SIPRI's own figures")
    assert "6.6% in 2015–19" in published and "6.6% in 2016–20" in published
    assert "6.6% in 2016–20 (its March 2021 release, Lahore Herald, weak source)" in published
    assert "6.7%" not in published and "5.6%" not in published
    assert "6.7% in 2015–19" in computed and "5.6% in 2017–21" in computed and "import values" in computed
    assert "797 million TIV" in out["deliveries"] and "841 million TIV" in out["deliveries"]
    # the sentence that cites SIPRI gives SIPRI's year; the earlier years come with their own sources
    assert "four Mi-35M combat helicopters delivered in 2018, and 500 Kornet-E" in out["deliveries"]
    assert "first joint exercises were naval drills, in 2014" in out["druzhba"]
    # the defence events since 2024 only; the front page dates the rest, and one sentence says so
    assert set(frames["recent"]["category"]) == {"exercise", "agreement"}
    assert "Druzhba-VIII" in out["recent"] and "Arabian Monsoon-VI" in out["recent"]
    for front_page in ("deeply concerned", "ceasefire", "Steel Mills", "postponed", "Afghanistan", "commission:"):
        assert front_page not in out["recent"], front_page
    assert out["recent"].count("Where things stand") == 1
    assert "The two armies first exercised together in September 2016" in out["druzhba"]
    differ = out["deliveries"].split("Other sources put the Mi-35M's arrival earlier than SIPRI's 2018:")[1]
    assert "would arrive in 2017" in differ and "August 2017" in differ and "2017–18" not in out["deliveries"]
    assert "Window:" not in " ".join(out.values()) and "categories shown" not in " ".join(out.values())


def altered(facts: Facts, **values: object) -> Facts:
    """``facts`` with some values changed (``None`` drops the fact)."""
    items = []
    for f in facts.values():
        key = f.id.replace(".", "_")
        if key in values:
            if values[key] is None:
                continue
            f = dataclasses.replace(f, value=values[key])
        items.append(f)
    return Facts(items, facts.sources)


def test_templates_hold_up_with_altered_facts(today: Facts, frames: dict) -> None:
    fell = altered(today, defence_sipri_china_share_previous=90.0, defence_sipri_pakistan_rank=None,
                   defence_sipri_pakistan_imports_change=None, defence_druzhba_gap=None,
                   defence_sipri_russia_share_computed_latest=None,
                   defence_sipri_pakistan_share_of_china_exports=None)
    out = render_all(fell, frames["recent"].iloc[0:0])
    assert "down from" in out["lead"] and "up from" not in out["lead"]
    assert "none in" not in out["lead"] and out["recent"] == "" and "China's arms exports" not in out["lead"]
    for name, text in out.items():
        assert faults(text) == [], (name, faults(text))
    one = altered(today, defence_druzhba_editions=1)
    dz = render_all(one, frames["recent"])
    assert "one Druzhba" in dz["lead"] and "exercises" not in dz["lead"].split("Druzhba")[1][:12]
    rank = dataclasses.replace(today["defence.druzhba.editions"], id="defence.sipri.pakistan_rank", value=5)
    ranked = Facts([*[f for f in today.values() if f.id != rank.id], rank], today.sources)
    assert "ranked fifth among the world's arms importers" in render_all(ranked, frames["recent"])["lead"]
    sipri_only = render_all(altered(today, defence_mi35_arrival_years=None), frames["recent"])["deliveries"]
    assert "Mi-35M combat helicopters delivered in 2018" in sipri_only and "Other sources" not in sipri_only
    empty = render_all(Facts([], today.sources), frames["recent"].iloc[0:0])
    assert all(text == "" for text in empty.values())


def test_chart_titles_come_from_facts(today: Facts, frames: dict) -> None:
    titles = {c: chart_text(f"defence/charts/{c}.j2", today, frames[c]).title for c in CHARTS}
    assert titles["lead"].startswith("Since the 2014 agreement: eight Druzhba exercises")
    assert "no joint exercise in 2022–23" in titles["lead"]
    assert "1968" in titles["deliveries"] and "199 million TIV" in titles["deliveries"]
    assert titles["russia_share"].startswith("Russia's share of Pakistan's arms imports since 1992 peaked at 7.8%")
    assert "SIPRI's releases gave 6.6% for 2015–19 and 2016–20" in titles["russia_share"]
    # the supplier chart's latest computed window is 2015–19: its title says why, and gives SIPRI's 80% too
    assert "71.8%" in titles["supplier_shares"] and "which end in 2021" in titles["supplier_shares"]
    assert "SIPRI published 80% for China in 2021–25" in titles["supplier_shares"]
    # 2014 was a naval drill, 2016 the armies' first: the exercises chart says both
    assert titles["exercises"].startswith("22 joint exercises in 2014–25: the navies' from 2014, the armies' Druzhba "
                                          "from 2016") and "none in 2022–23" in titles["exercises"]
    for title in titles.values():
        assert "recorded here" not in title and "held here" not in title
    text = chart_text("defence/charts/deliveries.j2", today, frames["deliveries"])
    assert "Information from the SIPRI Arms Transfers Database" in text.note
    # the chart draws one mark for the run of years 2023–24: the note names the run and one mark
    assert ("for 2023–24 its register lists RD-93 engine deliveries without a yearly value "
            "(the hollow mark on the axis)") in text.note


def test_the_source_line_names_the_vintage_of_sipris_data(today: Facts, frames: dict) -> None:
    text = chart_text("defence/charts/deliveries.j2", today, frames["deliveries"])
    assert "2022" in text.source and "2025" in text.source and "2026" not in text.source


@pytest.mark.slow
@pytest.mark.parametrize("window", [{}, {"start_year": 2014, "end_year": 2016, "share_period_years": 2},
                                    {"categories": ["exercise", "arms transfer"], "show_weak": False},
                                    {"start_year": 2010, "end_year": 2025, "share_period_years": 3}])
def test_charts_draw_at_both_widths_without_colliding_text(window: dict, text_too_small) -> None:
    p = params(**window)
    f, fr = defence.facts(p), defence.frames(p)
    for name in CHARTS:
        frame = fr[name]
        if frame.empty:
            continue
        text = chart_text(f"defence/charts/{name}.j2", f, frame)
        years = [int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", text.title)]
        assert all(p.start_year <= y <= p.end_year for y in years), (name, text.title)
        for width in (7.2, 4.0):
            fig = getattr(defence.charts, name)(frame, text, width)
            assert charts.text_overlaps(fig) == [], (name, width, window)
            assert text_too_small(fig) == [], (name, width)
            charts.plt.close(fig)


def test_deliveries_after_the_tiv_table_are_a_mark_on_the_axis_not_bars(today: Facts, frames: dict) -> None:
    from matplotlib.patches import Rectangle

    frame = frames["deliveries"]
    after = frame[frame["kind"] == "register only"]
    assert sorted(after["year"]) == [2023, 2024] and after["value"].isna().all()
    fig = defence.charts.deliveries(frame, chart_text("defence/charts/deliveries.j2", today, frame), 4.0)
    ax = fig.axes[0]
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert not any(round(b.get_x() + b.get_width() / 2) in (2022, 2023, 2024) for b in bars)
    assert max(b.get_height() for b in bars) == 199  # no bar, hatched or not, stands for the years without a figure
    (mark,) = [line for line in ax.lines if line.get_markerfacecolor() == "white"]
    assert list(mark.get_xdata()) == [2023.5] and list(mark.get_ydata()) == [0]  # one hollow mark, on the axis
    charts.plt.close(fig)


def test_russia_share_marks_sipris_windows_apart_and_the_cut_period_hollow(today: Facts, frames: dict) -> None:
    import numpy as np

    frame = frames["russia_share"]
    assert frame["last_year"].min() >= 1992  # Russia's own years: the Soviet line is the supplier chart's
    published = frame[frame["kind"] == "published"]
    assert list(zip(published["period"], published["value"], published["release"])) == [
        ("2015–19", 6.6, "March 2020"), ("2016–20", 6.6, "March 2021")]
    text = chart_text("defence/charts/russia_share.j2", today, frame)
    fig = defence.charts.russia_share(frame, text, 4.0)
    fig.canvas.draw()
    ax = fig.axes[0]
    (diamonds,) = [line for line in ax.lines if line.get_marker() == defence.charts.DIAMOND]
    x = ax.transData.transform(np.c_[diamonds.get_xdata(), diamonds.get_ydata()])[:, 0]
    width = defence.charts.DIAMOND_WIDTH * diamonds.get_markersize() * fig.dpi / 72
    assert np.diff(np.sort(x)).min() > width  # the two 6.6% diamonds, one year apart, do not touch
    hollow = [line for line in ax.lines if line.get_marker() == "o" and line.get_markerfacecolor() == "white"]
    assert [list(line.get_xdata()) for line in hollow] == [[2020.5]]  # 2020–21: the table ends in 2021
    charts.plt.close(fig)


def test_supplier_shares_carry_sipris_latest_window_past_the_table(frames: dict) -> None:
    frame = frames["supplier_shares"]
    computed, published = frame[frame["kind"] == "computed"], frame[frame["kind"] == "published"]
    assert computed["last_year"].max() == 2021  # the TIV table ends in 2021
    assert list(zip(published["series"], published["period"], published["value"])) == [("China", "2021–25", 80.0)]


def test_exercises_lie_in_a_lane_per_kind(frames: dict) -> None:
    frame = frames["exercises"]
    lanes = frame.groupby("category")["title"].agg(list)
    assert frame.attrs["lanes"] == ["Druzhba: the two armies", "the two navies", "multinational and other"]
    assert len(lanes["Druzhba: the two armies"]) == 8
    assert any("Pacific Fleet" in t for t in lanes["the two navies"])  # a naval drill with no series name
    assert any("AMAN" in t for t in lanes["multinational and other"])
    assert frame.attrs["start"].year == 2014 and [a.year for a, _ in frame.attrs["shade"]] == [2022]


def test_the_key_event_strip_and_its_csv_hold_the_key_events_only(today: Facts, frames: dict) -> None:
    from pakru.present.show import csv_of

    frame = frames["lead"]
    assert len(frame) == 15 and (frame["key_label"] != "").all()
    assert len(csv_of(frame, today).strip().splitlines()) == 1 + 15  # the header and the 15 events the strip shows
    fig = defence.charts.lead(frame, chart_text("defence/charts/lead.j2", today, frame), 4.0)
    ax = defence.charts.key_events.strip_axes(fig)
    assert len(ax.texts) == 15  # one label per key event, and no strip of unlabelled events under them
    assert not [line for line in ax.lines if line.get_marker() == "|"]
    charts.plt.close(fig)


def test_the_desktop_key_event_strip_prints_at_full_size_in_the_pdf(today: Facts, frames: dict) -> None:
    frame = frames["lead"]
    fig = defence.charts.lead(frame, chart_text("defence/charts/lead.j2", today, frame), 7.2)
    ax = defence.charts.key_events.strip_axes(fig)
    assert len(ax.texts) == 15 and not [t for t in ax.texts if "\n" in t.get_text()]  # a row is one line
    assert charts.text_overlaps(fig) == []
    assert height_ratio(fig) <= FULL_SIZE_RATIO
    charts.plt.close(fig)
