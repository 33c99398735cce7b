"""Where imported rows came from: the source registry row and the import log.

``data/sources.csv`` has a fixed schema with no column for a file's checksum, so each import is
logged in ``data/raw/imports.csv`` instead, one line per imported file and source:

    imported_utc,source_id,kind,file,sha256,url,added,changed

``imported_utc`` is an ISO 8601 UTC timestamp (``2026-11-29T04:50:12Z``); ``file`` the file's
name, or for ``pakru update`` the raw answer's path under ``data/`` (``raw/imf/2026-11-29/imts.csv``);
when one source's rows come from several answers, ``file`` names their folder and the count, and
``sha256`` is the SHA-256 of their SHA-256s joined by newlines (each answer's own is in the
``.json`` beside it); ``url`` is where the file came from (the request URL for one answer, the API's
base URL for several). A file already logged for a source is not logged again unless it changed rows, so a
repeated import leaves the log as it was. The registry row's ``accessed`` date moves to the
import date whenever an import adds or changes rows of that source; a new source gets a new row.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import datetime, UTC
from pathlib import Path

from .extract import SourceInfo
from .store import CsvText

IMPORT_LOG = Path("raw") / "imports.csv"
LOG_COLUMNS = ("imported_utc", "source_id", "kind", "file", "sha256", "url", "added", "changed")


@dataclass(frozen=True)
class Origin:
    """One imported file: what it is, its checksum and when it was imported."""

    kind: str
    file: str
    sha256: str
    url: str
    imported: datetime

    @property
    def utc_stamp(self) -> str:
        return self.imported.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def utc_date(self) -> str:
        return self.imported.astimezone(UTC).date().isoformat()


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def now_utc() -> datetime:
    return datetime.now(UTC)


def origin_of_file(kind: str, path: Path, url: str, when: datetime | None = None) -> Origin:
    return Origin(kind, path.name, sha256_of(path.read_bytes()), url, when or now_utc())


def registry_rows(sources: CsvText, info: SourceInfo, origin: Origin, wrote_rows: bool) -> tuple[
        tuple[dict[str, str], ...], str]:
    """The source registry after this import, and what happened to the row: ``created``,
    ``accessed`` (date moved), ``unchanged``, or ``absent`` (a new source whose rows were all
    left out, so no row is created)."""
    rows = [dict(r) for r in sources.rows]
    for row in rows:
        if row.get("source_id", "").strip() == info.source_id:
            if wrote_rows and row.get("accessed") != origin.utc_date:
                row["accessed"] = origin.utc_date
                return tuple(rows), "accessed"
            return tuple(rows), "unchanged"
    if not wrote_rows:
        # no row points to a new source yet: the registry gets no row nobody cites
        return tuple(rows), "absent"
    # readers meet this note in the sources appendix: what was read, in their words (the file name,
    # kind and checksum are in the import log, data/raw/imports.csv)
    note = info.note or f"Read from the publisher's file {origin.file}, as downloaded on {origin.utc_date}."
    rows.append({"source_id": info.source_id, "publisher": info.publisher, "title": info.title, "url": info.url,
                 "published": info.published, "accessed": origin.utc_date, "kind": info.kind, "quality": info.quality,
                 "licence": info.licence, "note": note})
    return tuple(rows), "created"


def log_bytes(existing: bytes | None, source_id: str, origin: Origin, added: int, changed: int) -> bytes | None:
    """The import log with this import appended, or None when it is already logged and changed nothing."""
    text = existing.decode("utf-8") if existing else ""
    if text:
        logged = {(r.get("source_id"), r.get("sha256")) for r in csv.DictReader(io.StringIO(text))}
        if (source_id, origin.sha256) in logged and not (added or changed):
            return None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if not text:
        writer.writerow(LOG_COLUMNS)
    writer.writerow([origin.utc_stamp, source_id, origin.kind, origin.file, origin.sha256, origin.url, added, changed])
    return (text + out.getvalue()).encode("utf-8")
