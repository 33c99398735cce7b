"""Which rows of each dataset changed between two runs, from a small digest kept in the manifest.

Each dataset's digest maps a short hash of a row's key (the schema's primary key) to a short
hash of the whole row, so the next run can tell rows added, removed and changed without keeping
the previous data: a few tens of kilobytes for the whole of ``data/``.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from .schema import DATASETS

_DIGITS = 12  # 48 bits: a collision among a few thousand rows is out of reach


def _short(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:_DIGITS]


def digests(data_dir: Path) -> dict[str, dict[str, str]]:
    """``{"data/trade/observations.csv": {key hash: row hash, ...}, ...}`` for every dataset file."""
    out: dict[str, dict[str, str]] = {}
    for schema in DATASETS.values():
        path = data_dir / schema.path
        if not path.is_file():
            continue
        rows: dict[str, str] = {}
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                key = "\x1f".join(str(row.get(k) or "") for k in schema.key)
                rows[_short(key)] = _short("\x1f".join(f"{c}={v}" for c, v in sorted(row.items(), key=str)))
        out[f"data/{schema.path}"] = rows
    return out


def changed_datasets(old: dict[str, dict[str, str]], new: dict[str, dict[str, str]]) -> dict[str, dict[str, int]]:
    """``{file: {"added": n, "removed": n, "changed": n}}`` for each file whose rows differ."""
    out = {}
    for name in sorted(set(old) | set(new)):
        before, after = old.get(name, {}), new.get(name, {})
        counts = {"added": sum(1 for k in after if k not in before),
                  "removed": sum(1 for k in before if k not in after),
                  "changed": sum(1 for k, h in after.items() if k in before and before[k] != h)}
        if any(counts.values()):
            out[name] = counts
    return out


def sentence(name: str, counts: dict[str, int]) -> str:
    """``"data/trade/observations.csv: 3 rows added, 1 changed."``"""
    parts = [f"{n:,} row{'' if n == 1 else 's'} {what}" if i == 0 else f"{n:,} {what}"
             for i, (what, n) in enumerate((w, counts[w]) for w in ("added", "removed", "changed") if counts[w])]
    return f"{name}: " + ", ".join(parts) + "."
