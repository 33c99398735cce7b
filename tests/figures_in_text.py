"""The figures a reader meets in the report's body, and where each comes from.

A figure in a body paragraph or list item must be an HTML ``<data value=… data-fact=…>`` element,
so it is a fact computed once; a bare number there was typed by hand or built outside the facts.
Years, dates, period labels, ordinals and names that hold digits (JF-17, RD-93, SRO 642) are not
figures. :func:`scan` returns both kinds; :func:`fact_values` every fact id with the values shown.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
# what is not a figure, matched on the text around a number (the number is group "n")
NOT_FIGURES = [
    # years and spans of years: 2023, 2021–25, 1992–2021, FY2023-24, 2025-Q1, the 1980s
    r"(?<![\d.,$])(?P<n>(1[89]|20)\d\d)s?(?:[–-]\d{2,4})?(?![\d%])",
    r"FY(?P<n>\d{4})[-–]\d\d",
    r"(?P<n>(1[89]|20)\d\d)[-–]Q[1-4]",
    r"(?<=\d{4})[-–](?P<n>\d{2,4})(?!\d)",           # the end of a span: 2021–25, FY2025-26
    # dates: 11 June 2023, June 11, 11–27 September
    rf"(?P<n>\d{{1,2}})(?:[–-]\d{{1,2}})?\s+(?:{MONTHS})\b",
    rf"\b(?:{MONTHS})\s+(?P<n>\d{{1,2}})\b(?!,?\d)",
    rf"\d{{1,2}}[–-](?P<n>\d{{1,2}})\s+(?:{MONTHS})\b",
    # ordinals: 10th, 2nd, 23rd
    r"(?P<n>\d+)(?:st|nd|rd|th)\b",
    # names holding digits: JF-17, RD-93, Mi-35M, Su-35, S-400, SRO 642, Druzhba-V, HS 27, G20, Q3
    r"[A-Za-z]+[-‑](?P<n>\d+)[A-Za-z]*",
    r"\b(?:SRO|SROs|No\.|Article|Resolution|HS|chapter|Chapter|Appendix|section|Section)\s+(?P<n>\d+)",
    r"[A-Za-z](?P<n>\d+)\b",
    r"\b(?P<n>\d+)\((?:I|i)\)",
]
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
BLOCKS = {"p", "li"}
SKIP = {"svg", "style", "script", "table", "figure", "pre", "code", "summary", "nav", "header", "footer", "changes"}


@dataclass
class Scan:
    marked: list[tuple[str, str, str]] = field(default_factory=list)  # (fact id, value, text)
    bare: list[str] = field(default_factory=list)                    # each bare figure with context


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = Scan()
        self.stack: list[str] = []
        self.data: list[tuple[str, str]] = []
        self.block_text: list[str] = []
        self.depth_block = 0
        self.stopped = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and "appendix" in (a.get("class") or ""):
            self.stopped = True
        if self.stopped:
            return
        # "What changed" speaks of editions (its old values are not facts of this one)
        self.stack.append("changes" if tag == "section" and "changes" in (a.get("class") or "") else tag)
        if tag == "data" and a.get("data-fact"):
            self.data.append((str(a.get("data-fact")), str(a.get("value"))))
            self.block_text.append("\x00")  # a marked figure's place in the paragraph
        if tag in BLOCKS:
            self.depth_block += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and "changes" in self.stack:
            tag = "changes"
        if self.stopped or tag not in self.stack:
            return
        while self.stack and self.stack[-1] != tag:
            self.stack.pop()
        self.stack.pop()
        if tag == "data" and self.data:
            fid, value = self.data.pop()
            self.scan.marked.append((fid, value, ""))
        if tag in BLOCKS:
            self.depth_block -= 1
            if self.depth_block == 0:
                self._check("".join(self.block_text))
                self.block_text = []

    def handle_data(self, text: str) -> None:
        if self.stopped or any(t in SKIP for t in self.stack) or not self.depth_block:
            return
        if self.data:  # inside <data>: the figure is marked
            return
        self.block_text.append(text)

    def _check(self, text: str) -> None:
        spans = []
        for pattern in NOT_FIGURES:
            for m in re.finditer(pattern, text):
                spans.append(m.span("n"))
        for m in NUMBER.finditer(text):
            if any(a <= m.start() < b for a, b in spans):
                continue
            ctx = " ".join(text[max(0, m.start() - 40): m.end() + 25].replace("\x00", "[fact]").split())
            self.scan.bare.append(f"{m.group(0)!r} in '…{ctx}…'")


def scan(page: str) -> Scan:
    """The marked and the bare figures in the body's paragraphs and list items (before the appendices)."""
    parser = _Parser()
    parser.feed(page)
    return parser.scan


def fact_values(page: str) -> dict[str, set[str]]:
    """Every fact id shown in the page (body and appendices) with the set of values it shows."""
    out: dict[str, set[str]] = defaultdict(set)
    for m in re.finditer(r"<data\b([^>]*)>", page):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', m.group(1)))
        if "data-fact" in attrs:
            out[attrs["data-fact"]].add(attrs.get("value", ""))
    return out
