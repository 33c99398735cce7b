"""Merge rules shared by ``pakru import`` and ``pakru update``, and the diff they produce.

A row is identified by its dataset's key (:mod:`pakru.data.schema`) without the source column, plus
its source:

* a key not in the dataset: the row is **added**;
* the same key from the same source: the values are replaced (**changed**, old value kept in
  the diff) or found equal (**unchanged**);
* the same key from another source: both rows are kept. Where the dataset's key has no source
  column (currency shares, the SIPRI tables) two rows with one key cannot both be stored; the
  incoming row is then listed as a **conflict** and not merged, so an import never overwrites
  another source's figure.

Nothing is ever deleted. Annotation columns that people write by hand (notes, break flags) keep
their value on a row that already exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DataError
from ..data.schema import Schema

SOURCE_COLUMN = "source_id"


@dataclass(frozen=True)
class CellChange:
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class RowChange:
    key: tuple[str, ...]
    cells: tuple[CellChange, ...]


@dataclass(frozen=True)
class Conflict:
    key: tuple[str, ...]
    held_by: str  # source id of the row already stored
    offered_by: str


@dataclass(frozen=True)
class DatasetDiff:
    dataset: str
    path: str
    key_columns: tuple[str, ...]
    added: tuple[dict[str, str], ...]
    changed: tuple[RowChange, ...]
    unchanged: int
    conflicts: tuple[Conflict, ...] = ()

    @property
    def writes(self) -> bool:
        return bool(self.added or self.changed)


def identity_columns(schema: Schema) -> tuple[str, ...]:
    return tuple(c for c in schema.key if c not in schema.source_columns and c != SOURCE_COLUMN)


def _same(schema: Schema, column: str, old: str, new: str) -> bool:
    old, new = old.strip(), new.strip()
    if old == new:
        return True
    if not old or not new:
        return False
    kind = schema.column(column).kind
    if kind in ("number", "integer"):
        try:
            return float(old) == float(new)
        except ValueError:
            return False
    if kind == "boolean":
        truthy = {"true", "yes", "1"}
        return (old.lower() in truthy) == (new.lower() in truthy)
    return False


def merge_rows(schema: Schema, existing: tuple[dict[str, str], ...], incoming: tuple[dict[str, str], ...],
               keep_existing: frozenset[str], origin: str) -> tuple[tuple[dict[str, str], ...], DatasetDiff]:
    """Merge ``incoming`` into ``existing``; return the merged rows (existing order, new rows at
    the end) and the diff. ``origin`` names the imported file in errors."""
    ident_cols = identity_columns(schema)
    source_in_key = SOURCE_COLUMN in schema.key

    def ident(row: dict[str, str]) -> tuple[str, ...]:
        return tuple(row.get(c, "").strip() for c in ident_cols)

    merged = [dict(r) for r in existing]
    by_ident_source: dict[tuple[tuple[str, ...], str], int] = {}
    by_ident: dict[tuple[str, ...], int] = {}
    for i, row in enumerate(merged):
        by_ident_source[(ident(row), row.get(SOURCE_COLUMN, "").strip())] = i
        by_ident.setdefault(ident(row), i)

    added: list[dict[str, str]] = []
    changed: list[RowChange] = []
    conflicts: list[Conflict] = []
    unchanged = 0
    seen: set[tuple[tuple[str, ...], str]] = set()
    compared = [c for c in schema.column_names if c not in ident_cols and c != SOURCE_COLUMN and c not in keep_existing]
    for n, row in enumerate(incoming, start=1):
        key, source = ident(row), row.get(SOURCE_COLUMN, "").strip()
        if (key, source) in seen:
            raise DataError(origin, f"gives two rows for the key {', '.join(key)} of {schema.path}", row=n,
                            hint=f"the key is {', '.join(schema.key)}")
        seen.add((key, source))
        at = by_ident_source.get((key, source))
        if at is None and not source_in_key and key in by_ident:
            conflicts.append(Conflict(key, merged[by_ident[key]].get(SOURCE_COLUMN, ""), source))
            continue
        if at is None:
            new_row = {c: row.get(c, "") for c in schema.column_names}
            merged.append(new_row)
            added.append(new_row)
            by_ident_source[(key, source)] = len(merged) - 1
            by_ident.setdefault(key, len(merged) - 1)
            continue
        old_row = merged[at]
        cells = tuple(CellChange(c, old_row.get(c, ""), row.get(c, "")) for c in compared
                      if not _same(schema, c, old_row.get(c, ""), row.get(c, "")))
        if cells:
            for cell in cells:
                old_row[cell.column] = cell.new
            changed.append(RowChange(key + (source,), cells))
        else:
            unchanged += 1
    diff = DatasetDiff(schema.name, schema.path, ident_cols + (SOURCE_COLUMN,), tuple(added), tuple(changed),
                       unchanged, tuple(conflicts))
    return tuple(merged), diff


def describe(diff: DatasetDiff, limit: int = 20) -> list[str]:
    """The diff as lines for a terminal: a summary line, then added and changed rows."""
    lines = [f"data/{diff.path}: {len(diff.added)} added, {len(diff.changed)} changed, {diff.unchanged} unchanged"
             + (f", {len(diff.conflicts)} conflicting (not merged)" if diff.conflicts else "")]
    for row in diff.added[:limit]:
        lines.append("  + " + ", ".join(f"{c}={row.get(c, '')}" for c in diff.key_columns)
                     + _value_suffix(row))
    if len(diff.added) > limit:
        lines.append(f"  + … {len(diff.added) - limit} more added")
    for change in diff.changed[:limit]:
        what = "; ".join(f"{c.column}: {c.old} → {c.new}" for c in change.cells)
        lines.append(f"  ~ {', '.join(change.key)}: {what}")
    if len(diff.changed) > limit:
        lines.append(f"  ~ … {len(diff.changed) - limit} more changed")
    for conflict in diff.conflicts[:limit]:
        lines.append(f"  ! {', '.join(conflict.key)}: already held by source {conflict.held_by}; "
                     f"this dataset keeps one row per key, the row from {conflict.offered_by} was not merged")
    if len(diff.conflicts) > limit:
        lines.append(f"  ! … {len(diff.conflicts) - limit} more conflicts")
    return lines


def _value_suffix(row: dict[str, str]) -> str:
    for col in ("value", "share_pct", "tiv"):
        if row.get(col):
            return f": {col}={row[col]}"
    return ""
