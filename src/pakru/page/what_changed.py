""""What changed" as the page tells it: the build's record (``pakru.build.changes.Changes``: news
against the last edition built with the same settings) turned into what a reader needs — which kind
of figures gained or lost entries, and each figure that moved, by the sentence the page states it
in, with its old value written in the house style. No run ids, file names, fact ids or settings (the
title block names the settings). The template ``after_front.html.j2`` writes the words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import Any, Protocol

from ..facts import Fact
from ..present import show, text

# what each dataset holds, as the box names it (never its file name)
READER_NAMES = {
    "sources.csv": "List of sources", "trade/observations.csv": "Trade figures",
    "trade/composition.csv": "What is traded", "trade/pakistan_totals.csv": "Pakistan's trade with the world",
    "trade/weighings.csv": "Conflicting trade figures weighed", "trade/drivers.csv": "What drove the trade peak",
    "payments/events.csv": "Steps away from the dollar", "payments/cargoes.csv": "Crude oil and LPG cargoes",
    "payments/claims.csv": "Competing reports on payments", "payments/currency_shares.csv": "Currency shares",
    "payments/settlement_statements.csv": "Officials' statements on settlement currencies",
    "payments/roles.csv": "Events behind the payment findings",
    "defence/events.csv": "Events in the relationship", "defence/arms_transfers.csv": "Arms transfers (SIPRI register)",
    "defence/arms_imports_tiv.csv": "Arms imports by supplier (SIPRI values)",
    "defence/supplier_shares.csv": "Arms suppliers' shares (SIPRI)",
    "defence/importer_standing.csv": "Pakistan among arms importers (SIPRI)",
    "overview/threads.csv": "Threads followed on the front page", "article/claims.csv": "The op-ed's claims",
    "article/evidence.csv": "Evidence weighed for the op-ed's theses",
}


class FigureChangeShape(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def kind(self) -> str: ...  # "moved", "new", "removed"
    @property
    def before(self) -> Any: ...
    @property
    def unit(self) -> str: ...
    @property
    def text(self) -> str: ...


class DatasetChangeShape(Protocol):
    @property
    def file(self) -> str: ...
    @property
    def added(self) -> int: ...
    @property
    def removed(self) -> int: ...
    @property
    def changed(self) -> int: ...


class ChangesShape(Protocol):
    """What the page needs of ``pakru.build.changes.Changes`` (the page sits below the build)."""

    @property
    def baseline(self) -> str | None: ...
    @property
    def baseline_started_utc(self) -> str: ...
    @property
    def first_edition(self) -> bool: ...
    @property
    def datasets(self) -> Sequence[DatasetChangeShape]: ...
    @property
    def figures(self) -> Sequence[FigureChangeShape]: ...


def reader_name(dataset_path: str) -> str:
    """``"data/trade/observations.csv"`` -> ``"Trade figures"``."""
    key = dataset_path.removeprefix("data/")
    return READER_NAMES.get(key, key.rsplit("/", 1)[-1].removesuffix(".csv").replace("_", " ").capitalize())


class _Sentences(HTMLParser):
    """The plain text of each paragraph or list item of a rendered text, with the facts it marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, list[tuple[int, str]]]] = []
        self._text: list[str] = []
        self._facts: list[tuple[int, str]] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "li"):
            self._depth += 1
        if tag == "data":
            fid = dict(attrs).get("data-fact")
            if fid:
                self._facts.append((len("".join(self._text)), fid))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "li") and self._depth:
            self._depth -= 1
            if not self._depth:
                self.blocks.append(("".join(self._text), self._facts))
                self._text, self._facts = [], []

    def handle_data(self, data: str) -> None:
        if self._depth:
            self._text.append(data)


def fact_sentences(executed: Sequence[dict[str, Any]]) -> dict[str, str]:
    """For each fact the page states in its text, the first sentence that states it (plain text)."""
    found: dict[str, str] = {}
    for nb in executed:
        for cell in nb.get("cells", []):
            for out in cell.get("outputs", []) or []:
                data = out.get("data") or {}
                if show.TEXT_MIME not in data or "text/html" not in data:
                    continue
                markup = data["text/html"]
                parser = _Sentences()
                parser.feed("".join(markup) if isinstance(markup, list) else markup)
                for block, facts in parser.blocks:
                    for at, fid in facts:
                        if fid in found:
                            continue
                        # the sentence around the figure: from the end of the one before to the next full stop
                        start = max(block.rfind(". ", 0, at) + 2, 0) if block.rfind(". ", 0, at) >= 0 else 0
                        stop = block.find(". ", at)
                        found[fid] = " ".join(block[start: stop + 1 if stop >= 0 else len(block)].split())
    return found


def _written(value: Any, unit: str) -> str:
    try:
        return text.fact_text(Fact("was", value, unit))
    except (ValueError, TypeError, KeyError, text.TextError):
        return f"{value} {unit}".strip()


def view(changes: ChangesShape | None, executed: Sequence[dict[str, Any]], since: str) -> dict[str, Any] | None:
    """What the template writes in the "What changed" box; None when there is nothing to say (a first
    edition, or nothing a reader sees changed)."""
    if changes is None:
        return None
    datasets = [{"name": reader_name(d.file),
                 "counts": [(n, what) for n, what in ((d.added, "added"), (d.removed, "removed"),
                                                      (d.changed, "changed")) if n]}
                for d in changes.datasets if d.added or d.removed or d.changed]
    sentences = fact_sentences(executed)
    figures, unsaid = [], 0
    for f in changes.figures:
        sentence = sentences.get(f.key) or f.text
        if f.kind != "moved" or not sentence:
            unsaid += 1  # new or gone figures come with new or changed words; counted, never named by id
            continue
        figures.append({"sentence": re.sub(r"\s+", " ", str(sentence)).strip(), "was": _written(f.before, f.unit)})
    no_baseline = changes.baseline is None and not changes.first_edition
    if not (datasets or figures or unsaid or no_baseline):
        return None
    return {"since": since, "datasets": datasets, "figures": figures, "unsaid": unsaid, "no_baseline": no_baseline}
