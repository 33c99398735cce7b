"""The timeline chart's geometry: imprecise dates are drawn over their whole period, never as a day."""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
import pytest
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from pakru.data import datasets as data
from pakru import defence
from pakru.present import charts, key_events, timeline
from pakru.present.show import ChartText


def frame(rows: list[tuple]) -> pd.DataFrame:
    """rows: (date, precision, end_date, category, title, weak)."""
    out = pd.DataFrame(rows, columns=["date", "precision", "end_date", "category", "title", "weak"])
    out["date"] = pd.to_datetime(out["date"])
    out["end_date"] = pd.to_datetime(out["end_date"])
    out["weak"] = out["weak"].astype(bool)
    return out


def test_year_precision_covers_the_whole_year() -> None:
    ext = timeline.drawn_extent(pd.Timestamp("2018-01-01"), "year")
    assert ext.shape == "band" and ext.imprecise
    assert (ext.start, ext.end) == (pd.Timestamp("2018-01-01"), pd.Timestamp("2019-01-01"))
    assert ext.days == 365


def test_month_and_decade_precision_cover_their_whole_period() -> None:
    feb = timeline.drawn_extent("2020-02-01", "month")
    assert (feb.start, feb.end, feb.days) == (pd.Timestamp("2020-02-01"), pd.Timestamp("2020-03-01"), 29)
    dec = timeline.drawn_extent("1980-01-01", "decade")
    assert (dec.start, dec.end) == (pd.Timestamp("1980-01-01"), pd.Timestamp("1990-01-01"))
    assert dec.shape == "band"


def test_day_events_are_points_and_dated_spans_include_their_last_day() -> None:
    point = timeline.drawn_extent("2014-11-20", "day")
    assert point.shape == "point" and not point.imprecise and point.days == 1
    druzhba_2016 = timeline.drawn_extent("2016-09-24", "day", pd.Timestamp("2016-10-10"))
    assert druzhba_2016.shape == "span" and druzhba_2016.end == pd.Timestamp("2016-10-11")
    assert druzhba_2016.days == 17
    # a month-precise span runs to the end of its last month
    steel = timeline.drawn_extent("1981-04-01", "month", pd.Timestamp("1985-08-01"))
    assert steel.shape == "span" and steel.imprecise and steel.end == pd.Timestamp("1985-09-01")


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError):
        timeline.drawn_extent("2018-01-01", "century")
    with pytest.raises(ValueError):
        timeline.drawn_extent("2018-05-01", "day", pd.Timestamp("2018-04-01"))


def test_no_real_imprecise_event_is_drawn_as_a_single_day() -> None:
    events = defence.events.with_weak(data.load("defence_events"), data.load("sources"))
    ext = timeline.extents(events)
    days = (ext["x_end"] - ext["x_start"]).dt.days
    assert (days[ext["precision"] == "year"] >= 365).all()
    assert (days[ext["precision"] == "month"] >= 28).all()
    assert (days[ext["precision"] == "decade"] >= 3652).all()
    assert set(ext.loc[ext["precision"] != "day", "shape"]) <= {"band", "span"}
    assert (ext.loc[ext["shape"] == "point", "precision"] == "day").all()


def test_date_labels_say_only_what_is_known() -> None:
    assert timeline.date_label(pd.Timestamp("1966-01-04"), "day", pd.Timestamp("1966-01-10")) == "4–10 Jan 1966"
    assert timeline.date_label(pd.Timestamp("2016-09-24"), "day", pd.Timestamp("2016-10-10")) == "24 Sep–10 Oct 2016"
    assert timeline.date_label(pd.Timestamp("1969-05-01"), "month") == "May 1969"
    assert timeline.date_label(pd.Timestamp("1969-01-01"), "year") == "1969"
    assert timeline.date_label(pd.Timestamp("1980-01-01"), "decade") == "1980s"
    assert timeline.date_label(pd.Timestamp("1981-04-01"), "month", pd.Timestamp("1985-08-01")) == "Apr 1981–Aug 1985"
    assert timeline.date_label(pd.Timestamp("2014-11-20"), "day", pd.NaT) == "20 Nov 2014"


def test_select_uses_the_whole_drawn_period_categories_and_weak_flag() -> None:
    f = frame([
        ("1980-01-01", "decade", None, "energy", "plant built in the 1980s", False),
        ("2014-11-20", "day", None, "agreement", "agreement", False),
        ("2015-01-01", "year", None, "exercise", "weakly sourced drill", True),
    ])
    # the 1980s overlap 1985, so the decade event is in a 1985-1986 window
    assert list(timeline.select(f, 1985, 1986)["title"]) == ["plant built in the 1980s"]
    assert timeline.select(f, 1990, 2000).empty
    assert list(timeline.select(f, 2014, 2015, ["exercise"])["title"]) == ["weakly sourced drill"]
    assert timeline.select(f, 2014, 2015, ["exercise"], show_weak=False).empty
    with pytest.raises(ValueError):
        timeline.select(f, 2016, 2015)


def test_pack_rows_separates_colliding_events() -> None:
    assert timeline.pack_rows([0, 1, 10], [5, 6, 11], 1.0) == [0, 1, 0]
    # touching intervals are kept apart by the gap
    assert timeline.pack_rows([0, 5], [5, 10], 0.9) == [0, 1]


def _rects(fig) -> list[Rectangle]:
    ax = timeline.plot_axes(fig)
    return [p for p in ax.patches if isinstance(p, Rectangle)]


TEXT = ChartText("A title that states a finding about the events shown here", "alt", "Source: X, 2025.",
                 "A note.", {"rug": "all events (key ones dark)"})
WIDTHS = (7.2, 4.0)


def test_chart_draws_a_year_event_as_a_band_over_the_whole_year() -> None:
    f = frame([
        ("2018-01-01", "year", None, "arms transfer", "four Mi-35M delivered", False),
        ("2014-11-20", "day", None, "agreement", "agreement", False),
        ("2016-09-24", "day", "2016-10-10", "exercise", "Druzhba-2016", False),
        ("2017-08-01", "month", None, "arms transfer", "weakly sourced report", True),
    ])
    for width in WIDTHS:
        fig = timeline.timeline_chart(f, TEXT, width, lanes=["agreement", "arms transfer", "exercise"],
                                      start="2014-01-01", end="2020-01-01")
        widths = sorted(round(r.get_width()) for r in _rects(fig))
        # year band (fill + outline), month band (fill + outline), exercise bar; no one-day rectangle
        assert widths.count(365) == 2 and widths.count(31) == 2 and widths.count(17) == 1
        year_rects = [r for r in _rects(fig) if round(r.get_width()) == 365]
        assert all(r.get_x() == mdates.date2num(pd.Timestamp("2018-01-01")) for r in year_rects)
        # the day event is a marker, filled; the weak month band has a dotted edge
        markers = [ln for ln in timeline.plot_axes(fig).lines if ln.get_marker() == "o"]
        assert len(markers) == 1 and markers[0].get_markerfacecolor() != "white"
        outlines = [r for r in _rects(fig) if round(r.get_width()) == 31 and r.get_facecolor()[3] == 0]
        assert outlines and outlines[0].get_linestyle() == ":"
        # a legend explains the shapes, including weak sources
        texts = [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
        assert any("weak" in t for t in texts) and any("month, year" in t for t in texts)
        assert charts.text_overlaps(fig) == []
        charts.plt.close(fig)


def test_weak_day_events_are_hollow() -> None:
    f = frame([("2016-10-19", "day", None, "arms transfer", "weak report", True)])
    fig = timeline.timeline_chart(f, TEXT, 4.0)
    marker = [ln for ln in timeline.plot_axes(fig).lines if isinstance(ln, Line2D) and ln.get_marker() == "o"][0]
    assert marker.get_markerfacecolor() == "white"
    charts.plt.close(fig)


def test_chart_needs_the_generic_columns() -> None:
    with pytest.raises(ValueError, match="category"):
        timeline.timeline_chart(frame([]).drop(columns="category"), TEXT, 7.2)


def _all_events() -> pd.DataFrame:
    events = defence.events.all_events()
    return events.rename(columns={"source_ids": "source_id"}).drop(columns="also_source_ids")


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
def test_every_event_in_lanes_without_colliding_text_and_with_ticks_by_span(width: float) -> None:
    events = _all_events()
    lanes = list(dict.fromkeys(events["category"]))
    for lo, hi in ((1948, 2026), (2014, 2016), (2025, 2025)):
        sub = events[events["date"].dt.year.between(lo, hi)]
        fig = timeline.timeline_chart(sub, TEXT, width, lanes=lanes, start=f"{lo}-01-01", end=f"{hi + 1}-01-01",
                                      lane_labels={c: f"{c} (n)" for c in lanes}, marks=[("2014-11-20", "agreement")]
                                      if lo <= 2014 <= hi else [])
        assert charts.text_overlaps(fig) == [], (lo, hi)
        ax = timeline.plot_axes(fig)
        fig.canvas.draw()
        ticks = [t for t in ax.get_xticklabels() if t.get_text()]
        assert 2 <= len(ticks) <= 10, (lo, hi, [t.get_text() for t in ticks])
        charts.plt.close(fig)


def _label_texts(fig) -> list[str]:
    return [t.get_text().replace("\n", " ") for t in key_events.strip_axes(fig).texts]


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
def test_key_strip_labels_each_key_event_without_collisions(width: float, text_too_small) -> None:
    from pakru.present import svg

    events = _all_events()
    key = key_events.is_key(events)
    assert 6 <= int(key.sum()) <= 20
    fig = key_events.key_events_chart(events, TEXT, width, start="1948-01-01", end="2027-01-01",
                                      shade=[("2022-01-01", "2024-01-01")])
    texts = _label_texts(fig)
    for label in events.loc[key, "key_label"]:
        assert any(label in t for t in texts), label
    assert "all events (key ones dark)" in texts
    assert text_too_small(fig) == []
    assert charts.text_overlaps(fig) == []
    # every event keeps its tooltip: the key ones on their marks, the others on the strip's ticks
    assert svg.figure_svg(fig, "alt").count("<title>") == len(events)
    # a label's lines fit the phone's width; on a desktop each label is one line beside its mark, inside
    # the figure (it is kept out of the layout, so nothing else would keep it there)
    ax = key_events.strip_axes(fig)
    longest = max(len(line) for t in ax.texts for line in t.get_text().split("\n"))
    if width > 5:
        fig.canvas.draw()
        right = fig.get_figwidth() * fig.dpi
        for t in ax.texts:
            box = t.get_window_extent()
            assert "\n" not in t.get_text() and 0 <= box.x0 and box.x1 <= right, t.get_text()
    else:
        assert longest <= 46
    charts.plt.close(fig)


@pytest.mark.slow
def test_key_strip_holds_up_in_a_narrow_window() -> None:
    events = _all_events()
    for lo, hi in ((2014, 2016), (2025, 2025)):
        sub = events[events["date"].dt.year.between(lo, hi)]
        for width in WIDTHS:
            fig = key_events.key_events_chart(sub, TEXT, width, start=f"{lo}-01-01", end=f"{hi + 1}-01-01")
            assert charts.text_overlaps(fig) == []
            fig.canvas.draw()
            ticks = [t.get_text() for t in key_events.strip_axes(fig).get_xticklabels() if t.get_text()]
            assert 2 <= len(ticks) <= 8, ticks
            charts.plt.close(fig)


def test_key_strip_draws_imprecise_key_dates_over_their_period() -> None:
    events = frame([("2018-01-01", "year", None, "a", "a year", False),
                    ("2019-06-05", "day", None, "a", "a day", False),
                    ("2020-03-01", "month", None, "a", "a month", True),
                    ("2021-01-01", "day", None, "a", "not key", False)])
    events["key_label"] = ["a year", "a day", "a month", ""]
    fig = key_events.key_events_chart(events, TEXT, 7.2, start="2017-01-01", end="2022-01-01")
    ax = key_events.strip_axes(fig)
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    year = next(b for b in bars if b.get_width() > 300)
    assert mdates.num2date(year.get_x()).year == 2018 and round(year.get_width()) == 365
    dots = [ln for ln in ax.lines if ln.get_marker() == "o"]
    assert len(dots) == 1  # only the day-dated key event is a dot
    assert [t.get_text() for t in ax.texts][:3] == ["2018: a year", "5 Jun 2019: a day", "Mar 2020: a month"]
    charts.plt.close(fig)
