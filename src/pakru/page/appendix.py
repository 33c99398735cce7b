"""The report's appendices: long tables lifted out of the section bodies, and the lettered
appendix sections that hold them after the body.

A notebook marks a long table with ``<div class="pakru-appendix" data-caption=… data-rows=…>``
(:func:`pakru.present.shown.appendix_block`). The body keeps one line linking to the table; the table
itself goes into a ``<details>`` in its section's appendix, whose ``<summary>`` says what it holds
and how many rows, so the page needs no script and a reader opens only the tables they check.
"""

from __future__ import annotations

import html
import re
import string
from dataclasses import dataclass

# nbconvert re-serialises the notebook's HTML, so an attribute may come back in either quotes
_START = re.compile(r'<div class="pakru-appendix"([^>]*)>')
_ATTR = re.compile(r"""\b(data-[a-z]+)=(?:"([^"]*)"|'([^']*)')""")
_DIV = re.compile(r"<(/?)div\b")


@dataclass(frozen=True)
class Table:
    """One table lifted from a section: its details id, caption (plain text), rows and markup, and
    whether the PDF prints it (the HTML always holds it)."""

    id: str
    caption: str
    rows: int
    markup: str
    printed: bool = True


@dataclass(frozen=True)
class Appendix:
    """One lettered appendix: its id, title (without the letter) and body markup (h3 and below)."""

    id: str
    title: str
    body: str


def letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA": appendices never run out of letters."""
    letters = string.ascii_uppercase
    return letters[index] if index < 26 else letter(index // 26 - 1) + letters[index % 26]


def rows_text(rows: int) -> str:
    return f"{rows:,} row" + ("" if rows == 1 else "s")


def _blocks(fragment: str) -> list[tuple[int, int, dict[str, str], str]]:
    """(start, end, data attributes, inner markup) of each marked block, nested divs counted."""
    out = []
    pos = 0
    while (m := _START.search(fragment, pos)) is not None:
        attrs = {a.group(1): html.unescape(a.group(2) if a.group(2) is not None else a.group(3))
                 for a in _ATTR.finditer(m.group(1))}
        depth, end = 1, len(fragment)
        for d in _DIV.finditer(fragment, m.end()):
            depth += -1 if d.group(1) else 1
            if depth == 0:
                end = d.start()
                break
        close = fragment.find(">", end) + 1 or len(fragment)
        out.append((m.start(), close, attrs, fragment[m.end():end]))
        pos = close
    return out


def lift(fragment: str, section_id: str, appendix_letter: str) -> tuple[str, list[Table]]:
    """The fragment with each marked table replaced by a link line, and the tables lifted out."""
    tables: list[Table] = []
    pieces: list[str] = []
    pos = 0
    for start, end, attrs, inner in _blocks(fragment):
        rows = int(attrs.get("data-rows") or 0)
        caption = attrs.get("data-caption", "Table")
        printed = attrs.get("data-print") != "omit" and not caption.startswith(SECTION_SOURCES)
        table = Table(f"{section_id}-appendix-{len(tables) + 1}", caption, rows, inner, printed)
        tables.append(table)
        pieces += [fragment[pos:start],
                   f'<p class="appendix-link{"" if table.printed else " print-omit"}">'
                   f'Table: <a href="#{table.id}">{html.escape(table.caption)}</a> '
                   f"({rows_text(rows)}), in Appendix {appendix_letter}.</p>"]
        pos = end
    pieces.append(fragment[pos:])
    return "".join(pieces), tables


def has_tables(fragment: str) -> bool:
    return _START.search(fragment) is not None


def details(table_id: str, summary: str, markup: str, printed: bool = True) -> str:
    """A closed ``<details>`` holding ``markup``; ``summary`` is plain text (escaped here). One
    the PDF leaves out carries the class ``print-omit``."""
    cls = "appendix-table" if printed else "appendix-table print-omit"
    return (f'<details class="{cls}" id="{table_id}"><summary>{html.escape(summary)}</summary>'
            f"{markup}</details>")


# a section's own list of sources repeats rows of the full list (Appendix E): the HTML keeps it, print
# leaves it out (the printed full list keeps every source the body cites)
SECTION_SOURCES = "Sources of the "


def tables_html(tables: list[Table]) -> str:
    return "".join(details(t.id, f"{t.caption} ({rows_text(t.rows)})", t.markup, t.printed) for t in tables)


def section_html(appendix: Appendix, appendix_letter: str) -> str:
    title = f"Appendix {appendix_letter}. {appendix.title}"
    return (f'<section class="report-section appendix" id="{appendix.id}" aria-label="{html.escape(title)}">'
            f'<h2>{html.escape(title)}</h2>{appendix.body}</section>')
