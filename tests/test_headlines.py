"""The sections' headlines: the sentences and key figures notebooks show, from the shipped data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pakru.data import datasets as data
from pakru.spec import params
from pakru.trade import charts as trade_charts, headlines as trade_headlines, recent, series
from pakru.article import claims as article
from pakru.data.periods import fiscal_label

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return data.load_all(ROOT)


def test_cagr_sentence_labels_its_years() -> None:
    c = series.cagr_over(pd.Series({2021: 100.0, 2023: 121.0}))
    assert c.sentence("PBS total", fiscal_label) == (
        "PBS total: +10.0% a year compounded, from FY2020-21 (100.0 USD m) to FY2022-23 (121.0 USD m).")


def test_trade_window_comes_from_the_converted_parameters() -> None:
    window = trade_headlines.Window.of(params.validate_section("trade", {"basis": "fiscal", "reporter": "PAK"}, ROOT))
    assert window.reporters == ("PAK",) and window.label(2023) == "FY2022-23" and window.year_word == "fiscal year"


def test_trade_growth_sentences_and_latest_total(frames: dict[str, pd.DataFrame], facts) -> None:
    window = trade_headlines.Window.of(params.validate_section("trade", {}, ROOT))
    rows = series.with_total_and_balance(series.annual(frames["trade_observations"], "calendar", 1992, 2025))
    grown = trade_headlines.growth_series(rows, window)
    sentences = trade_headlines.growth_sentences(rows, grown, window)
    # one sentence, on three-year averages (neither end rests on a one-year spike), not one per flow
    assert sentences == ["On IMF DOTS (Pakistan-reported), two-way trade averaged 112 USD m a year in 1992–1994 and "
                         "589 in 2018–2020: about 7% a year between the two, taken on three-year averages because "
                         "single years swing with one-off purchases."]
    latest, cagr = trade_headlines.latest_total_figures(rows, grown, window)
    assert latest.key == "trade.latest_total" and latest.value == facts.IMF_DOTS_TOTAL_2020
    assert "+106.8% on the year before" in latest.text
    assert cagr.key == "trade.cagr_total" and not cagr.headline


def test_julmay_check_recomputes_the_ministers_34_percent(frames: dict[str, pd.DataFrame]) -> None:
    sentence, figure, ids = trade_headlines.julmay_check(frames["trade_observations"])
    assert "+34.0%, which matches the stated +34%" in sentence and figure.value == 34.0 and ids




def test_claims_key_figure_says_every_verdict(frames: dict[str, pd.DataFrame], facts) -> None:
    figure = article.supported_figure(article.check_all(frames))
    verdicts = list(facts.CLAIM_VERDICTS.values())
    assert figure.key == "claims.supported" and figure.value == verdicts.count("supported")
    assert f"{verdicts.count('partly supported')} partly supported" in figure.text


def test_trade_summary_states_the_series_the_mirror_gap_and_the_latest_figure_with_its_coverage(
        frames: dict[str, pd.DataFrame]) -> None:
    obs = frames["trade_observations"]
    window = trade_headlines.Window.of(params.validate_section("trade", {}, ROOT))
    rows = series.with_total_and_balance(series.annual(obs, "calendar", 1992, 2025))
    gap = series.mirror_gap(obs, "IMF DOTS")
    sentences = trade_headlines.summary(rows, trade_headlines.growth_series(rows, window), window, obs, gap,
                                        frames["pakistan_totals"])
    assert 3 <= len(sentences) <= 5
    # where trade stands comes first, from the State Bank's own series, full year against full year
    assert sentences[0].startswith("On the State Bank of Pakistan's record of goods settled through banks, trade "
                                   "with Russia peaked at 1,099 USD m in FY2023-24")
    assert "in FY2024-25 it was 244 USD m, down 78%" in sentences[0]
    assert sentences[1].startswith("In July 2025–March 2026 (FY2025-26) it was 54 USD m, down 76%")
    assert "0.3% in FY2024-25" in sentences[2]
    assert sentences[3].startswith("Over the long run, two-way trade averaged 112 USD m a year in 1992–1994")
    # the press pair whose base cannot be squared is not a headline sentence
    assert not any("236" in s or "77.3%" in s for s in sentences)
    # without the State Bank's totals no share is claimed
    bare = trade_headlines.summary(rows, trade_headlines.growth_series(rows, window), window, obs, gap)
    assert not any("share" in s for s in bare)


def test_recent_chart_keeps_goods_and_services_apart_and_joins_only_the_like_for_like_pair(
        frames: dict[str, pd.DataFrame], text_too_small) -> None:
    from pakru.present import svg

    obs, sources = frames["trade_observations"], frames["sources"]
    points = recent.recent_totals(obs)
    pair = recent.like_for_like(points)
    assert [points.loc[i, "value"] for i in pair] == [1040.0, 236.0]
    fig, alt = recent.recent_chart(obs, sources)
    ax = fig.axes[-1]
    # no line at all: the July–May pair's base cannot be squared with the same report's full year
    joined = [line for line in ax.get_lines() if len(line.get_xdata()) > 1]
    assert joined == []
    # four marker kinds: goods / goods and services, full year / part of the year
    assert len(ax.collections) == 4
    assert text_too_small(fig) == []
    assert "mix goods with goods and services and peak at 1,810 USD m in FY2023-24" in " ".join(
        fig._suptitle.get_text().split())
    assert "Jul 2024–May 2025 (FY2024-25) 236 (goods and services)" in alt
    text = svg.figure_svg(fig, alt)
    assert ("<title>FY2023-24: 1,810.0 USD million (goods and services, SBP) [trd-arabnews-2025-07-02-sbp]</title>"
            in text)


def test_trade_charts_carry_tooltips_and_legible_text(frames: dict[str, pd.DataFrame], text_too_small) -> None:
    from pakru.present import svg

    obs, sources = frames["trade_observations"], frames["sources"]
    window = trade_headlines.Window.of(params.validate_section("trade", {}, ROOT))
    rows = series.with_total_and_balance(series.annual(obs, "calendar", 1992, 2025))
    fig, alt = trade_headlines.annual_chart(rows, trade_headlines.growth_series(rows, window), window, sources)
    assert text_too_small(fig) == []
    assert "<title>2020: 762.4 USD million (IMF DOTS, Pakistan&#x27;s records, total) [trd-imf-dots-pak]" in \
        svg.figure_svg(fig, alt)
    # line ends labelled with their last value (a rounded figure says so), no legend
    ends = [t.get_text() for t in fig.axes[0].texts]
    assert "IMF DOTS, Pakistan's records: 762" in ends and "Russian official, Russia's records: about 1,100" in ends
    assert fig.axes[0].get_legend() is None and "IMF DOTS, Pakistan-reported, 2020: 762" in alt
    flows, flows_alt = trade_headlines.flows_chart(rows, window, sources)
    assert text_too_small(flows) == [] and "a surplus in 8 of 10 in Russia's" in flows_alt
    assert "<title>2020: 146.2 USD million (IMF DOTS, Pakistan-reported, exports) [trd-imf-dots-pak]" in \
        svg.figure_svg(flows, flows_alt)
    gap = series.mirror_gap(obs, "IMF DOTS")
    mirror = trade_charts.mirror_chart(gap, "t", "s")
    assert text_too_small(mirror) == []
    labels = [t.get_text() for ax in mirror.axes for t in ax.texts]
    assert labels.count("Pakistan") == 2 and labels.count("Russia") == 2  # direct labels, no legend
    assert "<title>2020: 146.2 USD million (Pakistan → Russia, as Pakistan reports it)" in svg.figure_svg(mirror, "m")
    # in 2020 both records of Russia → Pakistan end near 600: their names are pushed apart
    names = {t.get_text(): t.get_position()[1] for t in mirror.axes[1].texts}
    assert names["Pakistan"] != names["Russia"] and abs(names["Pakistan"] - names["Russia"]) == 14


def test_recent_finding_names_the_peak_and_why_the_july_may_pair_is_not_used(
        frames: dict[str, pd.DataFrame]) -> None:
    assert recent.recent_finding(frames["trade_observations"]) == (
        "Press-quoted totals since FY2020-21 peak at 1,810 USD m for FY2023-24 (goods and services); 3 of the 9 "
        "include services. The only same-months pair, 1,040 and 236 USD m for July–May, comes from a report whose "
        "full-year figure cannot be squared with it (see where the figures disagree), so the change is taken from "
        "the State Bank's own workbook instead.")
