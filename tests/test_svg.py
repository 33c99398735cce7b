"""Charts as inline SVG with a native tooltip per point or bar, on a small synthetic figure."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import matplotlib.pyplot as plt
import pytest

from pakru.present import svg

NS = {"svg": "http://www.w3.org/2000/svg"}


def _figure() -> tuple[plt.Figure, object]:
    fig, ax = plt.subplots(figsize=(4, 3))
    line, = ax.plot([2020, 2021, 2022, 2023], [1.0, float("nan"), 3.0, 4.5], marker="o")
    svg.annotate_points(line, ["2020: 1.0 USD m [imf-a]", "2021: no figure", "2022: 3.0 USD m [imf-b]",
                               "2023: 4.5 USD m <est> & co [pbs-c]"])
    bars = ax.bar([2021.5, 2022.5], [2.0, 2.5], width=0.3)
    svg.annotate_points(bars, ["FY2021-22: 2.0 [sbp-1]", "FY2022-23: 2.5 [sbp-2]"])
    return fig, line


def _titles(text: str) -> list[str]:
    root = ET.fromstring(text)
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}title")]


def test_each_drawn_point_and_bar_has_its_own_title() -> None:
    fig, _ = _figure()
    text = svg.figure_svg(fig, alt="Trade rose from 1.0 to 4.5 USD m")
    plt.close(fig)
    titles = _titles(text)
    assert sorted(titles) == sorted(["2020: 1.0 USD m [imf-a]", "2022: 3.0 USD m [imf-b]",
                                     "2023: 4.5 USD m <est> & co [pbs-c]", "FY2021-22: 2.0 [sbp-1]",
                                     "FY2022-23: 2.5 [sbp-2]"])  # the NaN point is not drawn, so no title
    root = ET.fromstring(text)
    for group in root.iter("{http://www.w3.org/2000/svg}g"):
        title = group.find("svg:title", NS)
        if title is not None:  # the title sits in the group that draws exactly one point or bar
            assert group.get("id", "").startswith(svg.TIP)
            drawn = [e for e in group.iter() if e.tag.endswith(("}path", "}use"))]
            assert drawn, title.text


def test_svg_is_labelled_and_has_no_prolog() -> None:
    fig, _ = _figure()
    text = svg.figure_svg(fig, alt='Trade "rose" <fast>')
    plt.close(fig)
    assert text.startswith("<svg ") and "<?xml" not in text and "DOCTYPE" not in text and "<metadata" not in text
    root = ET.fromstring(text)
    assert root.get("role") == "group" and root.get("aria-label") == 'Trade "rose" <fast>'
    assert "<text" in text  # svg.fonttype none: words stay text, not paths


def test_same_figure_gives_the_same_bytes_and_is_left_unchanged() -> None:
    fig, line = _figure()
    first = svg.figure_svg(fig, alt="x")
    second = svg.figure_svg(fig, alt="x")
    assert first == second
    assert line.get_marker() == "o" and len(fig.axes[0].lines) == 1
    plt.close(fig)


def test_inline_prefixes_every_id_and_reference() -> None:
    fig, _ = _figure()
    text = svg.figure_svg(fig, alt="x")
    plt.close(fig)
    out = svg.inline(text, "trade-fig2")
    ids = re.findall(r'\bid="([^"]+)"', out)
    assert ids and all(i.startswith("trade-fig2-") for i in ids)
    refs = re.findall(r'(?:href="#|url\(#)([^")]+)', out)
    assert refs and set(refs) <= set(ids)


def test_label_count_must_match_the_points() -> None:
    fig, ax = plt.subplots()
    line, = ax.plot([1, 2, 3], [1, 2, 3])
    with pytest.raises(ValueError, match="3 points but 2 labels"):
        svg.annotate_points(line, ["a", "b"])
    plt.close(fig)


def test_scatter_points_get_titles_too() -> None:
    fig, ax = plt.subplots()
    dots = ax.scatter([1, 2], [3, 4])
    svg.annotate_points(dots, ["first 3", "second 4"])
    titles = _titles(svg.figure_svg(fig, alt="x"))
    plt.close(fig)
    assert sorted(titles) == ["first 3", "second 4"]


def test_path_data_is_rounded_to_a_hundredth_of_a_point_on_one_line() -> None:
    text = '<path d="M 0 72.3 \nC 0.079561 72.3 -0.001 72.26839 0.212132 72.212132 \nz"/>'
    assert svg.compact_paths(text) == '<path d="M 0 72.3 C 0.08 72.3 0 72.27 0.21 72.21 z"/>'
