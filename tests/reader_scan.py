"""What a reader must not meet in the body of the report (before the appendices): source ids,
file names, claim ids and key-figure keys, dataset column names, the package's own name."""

from __future__ import annotations

import csv
import html as html_lib
import re
from pathlib import Path

APPENDIX_START = '<section class="report-section appendix"'
# column names a reader would not say; plain words (value, year, product) are left out
EXTRA_COLUMNS = ("primaryValue", "cmdCode", "partnerCode", "reporterCode", "flowCode", "refYear")
KEY = re.compile(r"\b(?:general|defence|dedollarisation|trade|claims)\.[a-z][a-z0-9]*_[a-z0-9_]+\b|"
                 r"\b(?:general|defence|dedollarisation|trade)\.(?:anniversary|mi35|sco|barter|first_cargo)\b")


def body_text(page: str) -> str:
    """The visible text before the first appendix: no stylesheet, no head, no charts' SVG (their
    tooltips carry ids on purpose), no attributes."""
    body = page.split(APPENDIX_START)[0]
    body = re.sub(r"<(style|svg|head)\b.*?</\1>", " ", body, flags=re.S)
    # the title block's list of newer releases says how a maintainer brings each in (a command)
    body = re.sub(r'<details class="due".*?</details>', " ", body, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", body))


def source_ids(root: Path) -> set[str]:
    with (root / "data" / "sources.csv").open(encoding="utf-8") as fh:
        return {row["source_id"] for row in csv.DictReader(fh)}


def column_names() -> set[str]:
    from pakru.data.schema import DATASETS

    cols = {c for s in DATASETS.values() for c in s.column_names if "_" in c or re.search(r"[a-z][A-Z]", c)}
    return cols | set(EXTRA_COLUMNS)


def plumbing(text: str, ids: set[str], columns: set[str]) -> list[str]:
    """Each offending word with some context: ``["source id 'trd-x' in '…(trd-x)…'", …]``."""
    found = []

    def hit(kind: str, m: re.Match[str]) -> None:
        ctx = " ".join(text[max(0, m.start() - 50): m.end() + 30].split())
        found.append(f"{kind} {m.group(0)!r} in '…{ctx}…'")

    for m in re.finditer(r"(?<![A-Za-z0-9_-])(?:trd|pay|def)-[a-z0-9][a-z0-9-]*", text):
        if m.group(0) in ids or re.match(r"(?:trd|pay|def)-[a-z0-9]+-", m.group(0)):
            hit("source id", m)
    for m in re.finditer(r"[\w/.-]+\.csv\b", text):
        hit("file name", m)
    for m in KEY.finditer(text):
        hit("claim id or key", m)
    for col in sorted(columns):
        for m in re.finditer(rf"(?<![\w-]){re.escape(col)}(?![\w-])", text):
            hit("column name", m)
    for m in re.finditer(r"\bpakru\b", text, flags=re.I):
        hit("package name", m)
    return found
