"""The visible text of a rendered report, normalised for comparison between builds: the title
block's run details, the 'What changed' box and the 'About this run' appendix (run date, commit,
durations) are left out; each chart counts by its alt text; whitespace is collapsed and source ids
are written one way (``a; b``)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SKIPPED = ("script", "style", "head")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._open: list[tuple[str, bool]] = []  # tag, whether it starts a skipped part

    def _skipping(self) -> bool:
        return any(skip for _, skip in self._open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "img" and not self._skipping():
            self.lines.append(f"[chart: {a.get('alt') or ''}]")
        if tag in VOID:
            return
        classes = (a.get("class") or "").split()
        skip = (tag in SKIPPED or "changes" in classes or "meta" in classes or a.get("id") == "about")
        self._open.append((tag, skip))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self._skipping():
            self.lines.append(data)


def normalised_text(html: str) -> str:
    """One line per block of visible text, as described in the module docstring."""
    parser = _Text()
    parser.feed(html)
    out = []
    for chunk in parser.lines:
        line = re.sub(r"\s+", " ", chunk).strip()
        line = re.sub(r"(?<=[a-z0-9])\s*;\s*(?=[a-z]+-)", "; ", line)  # source ids "a;b" and "a; b" alike
        if line:
            out.append(line)
    return "\n".join(out) + "\n"
