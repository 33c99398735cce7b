"""One import from start to finish: merge every dataset, validate all of them, then write.

Nothing is written until every merged dataset (and the source registry) passes the same checks
as ``pakru check``; then all files of the import are replaced together (:func:`store.replace_files`).
``pakru update`` plans one import for all the responses of one publisher, so a publisher is
applied all or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..data.datasets import validate_rows
from ..data.schema import DATASETS, SOURCES, Schema
from ..errors import DataError
from .extract import Extract
from .merge import DatasetDiff, describe, merge_rows
from .provenance import IMPORT_LOG, Origin, log_bytes, registry_rows
from .store import CsvText, csv_bytes, read_csv_text, replace_together


@dataclass(frozen=True)
class SourcePart:
    """What one extract did: its source's registry row and its diff per dataset."""

    source_id: str
    registry: str  # created / accessed / unchanged / absent
    diffs: tuple[DatasetDiff, ...]


@dataclass(frozen=True)
class ImportPlan:
    parts: tuple[SourcePart, ...]
    files: tuple[tuple[Path, bytes], ...]  # what apply() writes

    @property
    def diffs(self) -> tuple[DatasetDiff, ...]:
        return tuple(d for p in self.parts for d in p.diffs)

    @property
    def added(self) -> int:
        return sum(len(d.added) for d in self.diffs)

    @property
    def changed(self) -> int:
        return sum(len(d.changed) for d in self.diffs)

    @property
    def writes_data(self) -> bool:
        return any(d.writes for d in self.diffs)


# what a spreadsheet runs as a formula when it opens a CSV (OWASP's CSV-injection list)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def check_no_formulas(schema: Schema, rows: tuple[dict[str, str], ...], origin: str) -> None:
    """Refuse (exit 3) an incoming text cell that a spreadsheet would run as a formula.

    Refused rather than neutralised: prefixing a quote would change the publisher's text in
    ``data/``, and no real cell of these publishers starts so. A signed plain number (``-5``)
    is not a formula and passes.
    """
    text_columns = [c.name for c in schema.columns if c.kind == "string"]
    for n, row in enumerate(rows, start=1):
        for col in text_columns:
            cell = row.get(col, "")
            if cell.startswith(FORMULA_START) and not _PLAIN_NUMBER.match(cell):
                raise DataError(origin, f"a text cell for {schema.path} starts with {cell[0]!r}, which a spreadsheet "
                                "opening data/ would run as a formula", row=n, column=col,
                                hint="pakru refuses such cells; remove the leading character if the text is real")


def _numbered(rows: tuple[dict[str, str], ...]) -> list[dict[str, str]]:
    return [{"__row": str(i), **{k: v.strip() for k, v in r.items()}} for i, r in enumerate(rows, start=1)]


def plan_import(root: Path, extracts: tuple[tuple[Extract, Origin], ...],
                extra_files: tuple[tuple[Path, bytes], ...] = ()) -> ImportPlan:
    """Merge each extract in turn into the data under ``root``; raise DataError if the result
    is invalid. Nothing is written here."""
    data = root / "data"
    tables: dict[str, CsvText] = {}
    touched: set[str] = set()

    def table(name: str) -> CsvText:
        if name not in tables:
            schema = DATASETS[name]
            tables[name] = read_csv_text(data / schema.path, f"data/{schema.path}", schema.column_names)
        return tables[name]

    parts = []
    log_path = data / IMPORT_LOG
    log: bytes | None = log_path.read_bytes() if log_path.is_file() else None
    log_changed = False
    for extract, origin in extracts:
        diffs = []
        for name, rows in extract.rows.items():
            if not rows:
                continue
            schema = DATASETS[name]
            check_no_formulas(schema, rows, origin.file)
            current = table(name)
            rows_after, diff = merge_rows(schema, current.rows, rows, extract.keep_existing, origin.file)
            tables[name] = CsvText(current.header, rows_after, current.newline)
            diffs.append(diff)
            if diff.writes:
                touched.add(name)
        wrote = any(d.writes for d in diffs)
        sources = table("sources")
        source_rows, registry = registry_rows(sources, extract.source, origin, wrote)
        tables["sources"] = CsvText(sources.header, source_rows, sources.newline)
        if registry in ("created", "accessed"):
            touched.add("sources")
        added, changed = sum(len(d.added) for d in diffs), sum(len(d.changed) for d in diffs)
        new_log = None if registry == "absent" else log_bytes(log, extract.source.source_id, origin, added, changed)
        if new_log is not None:
            log, log_changed = new_log, True
        parts.append(SourcePart(extract.source.source_id, registry, tuple(diffs)))

    files_from = ", ".join(dict.fromkeys(o.file for _, o in extracts))
    shown_from = f" (after importing {files_from})"
    known = set(validate_rows(SOURCES, _numbered(table("sources").rows), f"data/{SOURCES.path}{shown_from}",
                              None)["source_id"])
    for name, merged in tables.items():
        if name != "sources":
            schema = DATASETS[name]
            validate_rows(schema, _numbered(merged.rows), f"data/{schema.path}{shown_from}", known)

    files: list[tuple[Path, bytes]] = list(extra_files)
    files += [(data / DATASETS[name].path, csv_bytes(tables[name])) for name in sorted(touched)]
    if log_changed and log is not None:
        files.append((log_path, log))
    return ImportPlan(tuple(parts), tuple(files))


def apply(plan: ImportPlan, root: Path, label: str = "") -> None:
    """Write the plan's files as one step (:mod:`.journal`); a target whose folder leads out of
    ``root`` (a symbolic link) is refused, as is a read-only target (exit 8, nothing written)."""
    if plan.files:
        replace_together(dict(plan.files), root / "data", root, label)


def describe_plan(plan: ImportPlan, dry_run: bool, label: str) -> list[str]:
    """The diff of every dataset, new sources, and one closing line saying what happened."""
    lines = [line for part in plan.parts for diff in part.diffs for line in describe(diff)]
    lines += [f"data/sources.csv: new source {p.source_id}" for p in plan.parts if p.registry == "created"]
    if plan.writes_data:
        lines.append(f"{label}: {plan.added} added, {plan.changed} changed" + (" (not written)" if dry_run else ""))
    else:
        lines.append(f"{label}: nothing to change (0 added, 0 changed); data/ already holds these rows")
    if dry_run:
        lines.append("dry run: nothing written")
    return lines
