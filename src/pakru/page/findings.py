"""What the page puts first: the bottom line under the title and the key findings.

Both come from the key figures the notebooks record (:mod:`pakru.present.key_figures`). The bottom
line is the overview notebook's record ``overview.bottom_line``; the key findings are the records
marked as headlines, at most two per section and eight in all, in report order, so that every
section gets a say before any one fills the list.
"""

from __future__ import annotations

import html
from typing import Any

BOTTOM_LINE = "overview.bottom_line"
MAX_FINDINGS = 8
PER_SECTION = 2


def headline_findings(key_figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """At most two per section (the first each notebook records), eight in all, in report order."""
    taken: dict[str, int] = {}
    out = []
    for f in key_figures:
        if not f.get("headline", True) or f.get("key") == BOTTOM_LINE:
            continue
        section = str(f["key"]).split(".")[0]
        if taken.get(section, 0) < PER_SECTION:
            taken[section] = taken.get(section, 0) + 1
            out.append(f)
    return out[:MAX_FINDINGS]


def findings_html(key_figures: list[dict[str, Any]]) -> str:
    headline = headline_findings(key_figures)
    if not headline:
        return ""
    items = "".join(f"<li>{html.escape(f['text'])}</li>" for f in headline)
    return ('<section class="key-findings" id="key-findings" aria-label="Key findings"><h2>Key findings</h2>'
            f"<ol>{items}</ol></section>")


def bottom_line_html(key_figures: list[dict[str, Any]]) -> str:
    """The bottom line as a paragraph under the title; '' when no notebook recorded one."""
    found = [f for f in key_figures if f.get("key") == BOTTOM_LINE and f.get("text")]
    if not found:
        return ""
    return ('<section class="bottom-line" id="bottom-line" aria-label="Bottom line"><h2>Bottom line</h2>'
            f"<p>{html.escape(found[0]['text'])}</p></section>")
