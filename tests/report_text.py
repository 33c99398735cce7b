"""The visible prose of a rendered report, normalised for comparison between builds: the body only
(the appendices' long tables and access dates would make every import a text change), without the
edition line's date and commit, the 'What changed' box, or the text inside charts (tick labels and
tooltips: each chart counts by its title, its aria label); whitespace is collapsed and source ids
are written one way (``a; b``)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BREAK = "\x1e"  # where a block opens or closes (a line break inside a paragraph is a space)
# a line of the text ends where one of these opens or closes; inline markup (a figure's <data>, a
# citation's <a>) stays inside its sentence
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "header", "footer", "figure",
          "figcaption", "caption", "table", "tr", "td", "th", "summary", "details", "ul", "ol", "nav", "main"}
SKIPPED = ("script", "style", "head", "svg")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._open: list[tuple[str, bool]] = []  # tag, whether it starts a skipped part

    def _skipping(self) -> bool:
        return any(skip for _, skip in self._open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and "appendix" in (a.get("class") or "").split():
            self._stopped = True
        if getattr(self, "_stopped", False):
            return
        if tag == "img" and not self._skipping():
            self.lines.append(f"{BREAK}[chart: {a.get('alt') or ''}]{BREAK}")
        if tag == "svg" and "chart-wide" in (a.get("class") or "") and not self._skipping():
            self.lines.append(f"{BREAK}[chart: {a.get('aria-label') or ''}]{BREAK}")
        if tag in BLOCKS:
            self.lines.append(BREAK)
        if tag in VOID:
            return
        classes = (a.get("class") or "").split()
        skip = (tag in SKIPPED or "changes" in classes or "meta" in classes or "edition" in classes
                or a.get("id") == "about")
        self._open.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.lines.append(BREAK)
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self._skipping() and not getattr(self, "_stopped", False):
            self.lines.append(data)


def normalised_text(html: str) -> str:
    """One line per block of visible text, as described in the module docstring."""
    parser = _Text()
    parser.feed(html)
    out = []
    for chunk in "".join(parser.lines).split(BREAK):
        line = re.sub(r"\s+", " ", chunk).strip()
        line = re.sub(r"(?<=[a-z0-9])\s*;\s*(?=[a-z]+-)", "; ", line)  # source ids "a;b" and "a; b" alike
        if line:
            out.append(line)
    return "\n".join(out) + "\n"
