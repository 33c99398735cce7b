"""``data/datapackage.json``: a Frictionless-style descriptor of the data, made from the schemas.

It is generated, not hand-written (``pakru datapackage``); a test regenerates it and checks the
committed file is identical, so the descriptor can never drift from the files it describes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import data
from .schema import DATASETS, Schema

_TYPE = {"string": "string", "number": "number", "integer": "integer", "date": "date", "boolean": "boolean"}


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
    if constraints:
        out["constraints"] = constraints
    return out


def descriptor(root: Path) -> dict[str, Any]:
    """The descriptor as a dict: every file, its schema, its row count and the sources it cites."""
    frames = data.load_all(root)
    resources = []
    for name, schema in DATASETS.items():
        frame = frames[name]
        res: dict[str, Any] = {
            "name": name,
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
                for col in schema.source_columns
            ]
            res["sources"] = sorted(data.source_ids_of(frame))
        resources.append(res)
    return {
        "profile": "tabular-data-package",
        "name": "pakru",
        "title": "Pakistan–Russia relations: trade, payments and defence, with sources",
        "licenses": [{"name": "see README.md: each source keeps its publisher's terms"}],
        "resources": resources,
    }


def render(root: Path) -> str:
    return json.dumps(descriptor(root), indent=2, ensure_ascii=False) + "\n"


def write(root: Path) -> Path:
    path = root / "data" / "datapackage.json"
    path.write_text(render(root), encoding="utf-8")
    return path
