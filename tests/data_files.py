"""Reading a project copy's data files in tests: a digest of a folder (to prove a failed command
wrote nothing) and a file's rows."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path


def digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with its SHA-256."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def rows(root: Path, rel: str) -> list[dict[str, str]]:
    """The rows of ``data/<rel>`` in a project at ``root``."""
    with (root / "data" / rel).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
