"""``data/datapackage.json``: a Data Package (v1) descriptor of the data, made from the schemas.

It is generated, not hand-written (``pakru datapackage``); a test regenerates it and checks the
committed file is identical, so the descriptor can never drift from the files it describes, and
another runs ``frictionless`` on it (tests/test_datapackage.py).

Table Schema cannot express a foreign key from a list of ids: ``also_source_ids`` holds several
source ids joined by ``;``, so it gets a pattern and a description instead of a foreign key, and
pakru's own loader checks that every id in it is in ``sources.csv`` (exit 3 otherwise).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import datasets as data, source_ids
from .schema import DATASETS, Schema

_TYPE = {"string": "string", "number": "number", "integer": "integer", "date": "date", "boolean": "boolean"}

# one source id as data.py accepts it, and a ";"-separated list of them (spaces around ";" are
# stripped by the loader, so they are allowed here too)
_ID = r"[a-z0-9][a-z0-9._-]*"
ID_LIST_PATTERN = rf"^{_ID}( *; *{_ID})*$"

_DESCRIPTION = (
    "Every figure in these files carries a source: source_id names one row of sources.csv "
    "(a foreign key), and also_source_ids, where present, names further rows of sources.csv "
    "separated by ';'. Table Schema has no foreign key for a list of ids, so that column is "
    "checked by pakru's own loader (`pakru check`) rather than by this descriptor."
)


def _is_id_list(column: str) -> bool:
    """Source-id columns whose name is plural hold several ids joined by ';'."""
    return column.endswith("_ids")


def _field(schema: Schema, name: str) -> dict[str, Any]:
    col = schema.column(name)
    out: dict[str, Any] = {"name": col.name, "type": _TYPE[col.kind]}
    if col.description:
        out["description"] = col.description
    constraints: dict[str, Any] = {}
    if col.required:
        constraints["required"] = True
    if col.choices:
        constraints["enum"] = list(col.choices)
    if col.minimum is not None:
        constraints["minimum"] = col.minimum
    if col.maximum is not None:
        constraints["maximum"] = col.maximum
    if name in schema.source_columns and _is_id_list(name):
        constraints["pattern"] = ID_LIST_PATTERN
        out["description"] = ((col.description + ". ") if col.description else "") + (
            "Further sources of the row: source ids of sources.csv separated by ';' (each one must be a "
            "source_id in sources.csv; pakru's loader checks it, a foreign key cannot)")
    if constraints:
        out["constraints"] = constraints
    return out


def _source_entries(ids: list[str], registry: dict[str, dict[str, Any]]) -> list[dict[str, str]]:
    """Data Package ``sources``: objects with a title and a path (the publisher's URL)."""
    out = []
    for sid in sorted(ids):
        row = registry[sid]
        out.append({"title": f"{row['publisher']}: {row['title']} [{sid}]", "path": str(row["url"])})
    return out


def descriptor(root: Path) -> dict[str, Any]:
    """The descriptor as a dict: every file, its schema, its row count and the sources it cites."""
    frames = data.load_all(root)
    registry = {str(r["source_id"]): r for r in frames["sources"].to_dict("records")}
    resources = []
    for name, schema in DATASETS.items():
        frame = frames[name]
        res: dict[str, Any] = {
            "name": name,
            "profile": "tabular-data-resource",
            "path": schema.path,
            "title": schema.title,
            "format": "csv",
            "encoding": "utf-8",
            "rows": len(frame),
            "schema": {
                "fields": [_field(schema, c) for c in schema.column_names],
                "primaryKey": list(schema.key),
            },
        }
        if schema.description:
            res["description"] = schema.description
        if schema.source_columns:
            res["schema"]["foreignKeys"] = [
                {"fields": col, "reference": {"resource": "sources", "fields": "source_id"}}
                for col in schema.source_columns if not _is_id_list(col)
            ]
            res["sources"] = _source_entries(source_ids.of_frame(frame), registry)
        resources.append(res)
    return {
        "profile": "tabular-data-package",
        "name": "pakru",
        "title": "Pakistan–Russia relations: trade, payments and defence, with sources",
        "description": _DESCRIPTION,
        "licenses": [{"name": "see README.md: each source keeps its publisher's terms"}],
        "resources": resources,
    }


def render(root: Path) -> str:
    return json.dumps(descriptor(root), indent=2, ensure_ascii=False) + "\n"


def write(root: Path) -> Path:
    path = root / "data" / "datapackage.json"
    path.write_text(render(root), encoding="utf-8")
    return path
