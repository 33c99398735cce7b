"""How tall a chart prints: the PDF sets a chart's desktop drawing at the A4 text width, but never
taller than the print stylesheet's ``max-height`` (pakru.css), so a drawing taller than that ratio of
its width prints scaled down, and its smallest text with it (tests/test_report.py measures the
built page; the section tests check each chart as it is drawn)."""

from __future__ import annotations

import re

A4_TEXT_WIDTH_PT = (210 - 2 * 14) / 25.4 * 72
PRINT_MAX_HEIGHT_PT = 128 / 25.4 * 72
FULL_SIZE_RATIO = PRINT_MAX_HEIGHT_PT / A4_TEXT_WIDTH_PT  # about 0.70: taller than this prints smaller


def saved_size(fig) -> tuple[float, float]:
    """The width and height (pt) of the figure's SVG as the page holds it."""
    from pakru.present import svg

    found = re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', svg.figure_svg(fig, "alt"))
    assert found, "no size on the SVG"
    return float(found.group(1)), float(found.group(2))


def height_ratio(fig) -> float:
    width, height = saved_size(fig)
    return height / width
