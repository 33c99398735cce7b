"""The update status file: when ``pakru update`` last reached each publisher, and why its latest
try failed. ``pakru update`` writes it; ``pakru build`` reads it for the report's title block, and
its content is part of what decides whether the page must be rendered again. Kept apart from
:mod:`.update` so that the build reads it without importing the HTTP client or pandas."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

# outside data/: a failed update must leave data/ byte for byte as it was, yet record its failure
STATUS_FILE = Path("state") / "update-status.json"


def status_path(root: Path) -> Path:
    """``$PAKRU_UPDATE_STATUS``, or ``state/update-status.json`` in the project."""
    env = os.environ.get("PAKRU_UPDATE_STATUS")
    return Path(env) if env else root / STATUS_FILE


def read_status(root: Path) -> dict[str, Any]:
    """The status file (format below); ``{"format": 1, "sources": {}}`` before the first update.

    ``sources`` maps each API source (``imf``, ``comtrade``) to::

        {"publisher": "International Monetary Fund",
         "last_attempt_utc": "2026-11-29T05:00:00Z",   # every run that was not a dry run
         "ok": false, "exit_code": 7,                  # of the last attempt
         "error": "update imf: cannot reach ...",      # one line, null when ok
         "last_success_utc": "2026-11-28T05:00:00Z",   # null until one succeeds
         "last_success": {"added": 6, "changed": 1,    # rows the last successful update wrote
                          "datasets": {"payments/currency_shares.csv": {"added": 1, "changed": 1}}}}
    """
    path = status_path(root)
    try:
        status = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(status, dict) and isinstance(status.get("sources"), dict):
            return status
    except (OSError, ValueError):
        pass
    return {"format": 1, "sources": {}}
