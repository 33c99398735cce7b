"""What the page says around the notebooks, as values for its templates: the title block (edition,
version and commit, one "latest data" line, non-default settings, refresh failures, newer releases
due), what changed, the sources, the run's record and how to cite. Nothing here writes HTML; the
templates in ``templates/pakru/`` do.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from ..data import freshness, source_ids, vintage
from ..facts.model import publisher_name
from .assemble import letter

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
CSS = Path(__file__).parent / "templates" / "pakru" / "pakru.css"
SIPRI_CREDIT = "Information from the SIPRI Arms Transfers Database."
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


class SectionShape(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def reads(self) -> tuple[str, ...]: ...


class ReportShape(Protocol):
    """What the page needs of ``report.yaml`` (:class:`pakru.spec.params.ReportSpec`)."""

    @property
    def title(self) -> str: ...
    @property
    def subtitle(self) -> str: ...
    @property
    def author(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def licence(self) -> str: ...
    @property
    def sections(self) -> Sequence[SectionShape]: ...


def link(url: str) -> str:
    """An address as a link may carry it: characters a URL may not hold as they are (a publisher's
    "{this}" or a space) percent-encoded, everything else left as the publisher wrote it."""
    from urllib.parse import quote

    return quote(url, safe=":/?#[]@!$&'()*+,;=%~")


def long_date(value: Any) -> str:
    """``"2026-12-07T12:54:22+00:00"`` or a date -> ``"7 December 2026"``."""
    d = pd.Timestamp(str(value)[:10]) if not isinstance(value, date) else pd.Timestamp(value)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def latest_data(frames: dict[str, pd.DataFrame]) -> list[dict[str, Any]]:
    return [{"topic": h.series.topic, "label": h.label, "provisional": h.provisional,
             "publisher": h.series.publisher} for h in freshness.held(frames)]


def due_releases(frames: dict[str, pd.DataFrame], edition: date) -> list[dict[str, Any]]:
    return [{"publisher": d.series.publisher, "topic": d.series.topic, "held": d.held, "next_label": d.next_label,
             "due_by": long_date(d.due_by), "overdue": d.overdue, "how": d.series.how}
            for d in freshness.due(freshness.held(frames), edition)]


def sources_rows(frames: dict[str, pd.DataFrame], sources: pd.DataFrame) -> list[dict[str, Any]]:
    """Every source the report's datasets cite, in publisher order, for the sources appendix."""
    used = {sid for f in frames.values() for sid in source_ids.of_frame(f)}
    reg = sources.set_index("source_id") if "source_id" in sources.columns else sources
    rows = []
    for sid in sorted(used & set(reg.index), key=lambda s: (publisher_name(str(reg.at[s, "publisher"])).lower(), s)):
        r = reg.loc[sid]

        def day(v: Any) -> str:
            return "" if v is None or pd.isna(v) else str(v)[:10]

        rows.append({"id": sid, "anchor": "src-" + re.sub(r"[^A-Za-z0-9_-]+", "-", sid),
                     "publisher": str(r["publisher"]), "title": str(r["title"]), "url": link(str(r["url"])),
                     "published": day(r.get("published")), "accessed": day(r.get("accessed")),
                     "kind": str(r.get("kind") or ""), "quality": str(r.get("quality") or ""),
                     "note": "" if pd.isna(r.get("note")) else str(r.get("note") or "")})
    return rows


def accessed_span(sources: pd.DataFrame) -> str:
    """``"26 November and 7 December 2026"``: when the sources were read, first and last day."""
    days = pd.to_datetime(sources["accessed"]).dropna()
    if days.empty:
        return "dates not recorded"
    first, last = long_date(days.min()), long_date(days.max())
    return first if first == last else f"{first} and {last}"


def coverage_rows(frames: dict[str, pd.DataFrame]) -> list[dict[str, Any]]:
    from ..data.schema import DATASETS

    out = []
    for name, frame in frames.items():
        span = ""
        for col in ("period_start", "date", "arrival_date"):
            if col in frame and frame[col].notna().any():
                span = f"{pd.Timestamp(frame[col].min()):%Y-%m} to {pd.Timestamp(frame[col].max()):%Y-%m}"
                break
        if not span:
            for col in ("year", "order_year", "window_end"):
                if col in frame and frame[col].notna().any():
                    span = f"{int(frame[col].min())} to {int(frame[col].max())}"
                    break
        out.append({"title": DATASETS[name].title if name in DATASETS else name, "rows": len(frame), "span": span})
    return out


def citation(spec: ReportShape, manifest: dict[str, Any]) -> str:
    """A ready citation: author, year, title, edition, version and commit, address."""
    edition = long_date(manifest.get("started_utc") or date.today())
    year = str(manifest.get("started_utc") or date.today())[:4]
    version = (manifest.get("packages") or {}).get("pakru", "")
    commit = str(manifest.get("git_commit") or "")[:7]
    parts = [f"{spec.author or spec.title} ({year}). {spec.title}. Edition of {edition}"]
    if version:
        parts.append(f"version {version}")
    if commit:
        parts.append(f"commit {commit}")
    text = ", ".join(parts) + "."
    if spec.url:
        text += f" {spec.url}"
    return text


def run_tables(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"id": "run-notebooks", "caption": "Notebooks: status and duration (seconds)",
         "head": ["notebook", "status", "seconds", "why it ran"],
         "rows": [[n["notebook"], n["status"], f"{n.get('duration_s', 0):.1f}", n.get("reason", "")]
                  for n in manifest.get("notebooks", [])]},
        {"id": "run-parameters", "caption": "Parameters", "head": ["parameter", "value"],
         "rows": [[f"{sec}.{k}", str(v)] for sec, vals in (manifest.get("parameters") or {}).items()
                  for k, v in vals.items()]},
        {"id": "run-packages", "caption": "Package versions", "head": ["package", "version"],
         "rows": [[k, str(v)] for k, v in (manifest.get("packages") or {}).items()]},
        {"id": "run-checksums", "caption": "Data files read (SHA-256)", "head": ["file", "SHA-256"],
         "rows": [[k, v] for k, v in (manifest.get("data_sha256") or {}).items()]},
    ]


def json_ld(spec: ReportShape, manifest: dict[str, Any]) -> str:
    """schema.org metadata of the edition (data, not script); ``</`` escaped inside the script tag."""
    doc = {"@context": "https://schema.org", "@type": "Report", "name": spec.title,
           "author": {"@type": "Organization", "name": spec.author} if spec.author else None,
           "datePublished": str(manifest.get("started_utc") or "")[:10],
           "version": (manifest.get("packages") or {}).get("pakru", ""),
           "url": spec.url or None, "inLanguage": "en"}
    text = json.dumps({k: v for k, v in doc.items() if v}, ensure_ascii=False)
    return text.replace("</", "<\\/")


def page_values(spec: ReportShape, manifest: dict[str, Any], frames: dict[str, pd.DataFrame],
                sources: pd.DataFrame, changes: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the page's templates write around the notebooks."""
    started = manifest.get("started_utc") or date.today().isoformat()
    edition = pd.Timestamp(str(started)[:10]).date()
    status = manifest.get("update_status") or {}
    settings = sorted((manifest.get("parameters_changed") or {}).items())
    return {
        "title": spec.title, "subtitle": spec.subtitle, "author": spec.author,
        "edition": long_date(edition), "edition_iso": edition.isoformat(),
        "version": (manifest.get("packages") or {}).get("pakru", ""),
        "commit": str(manifest.get("git_commit") or ""), "run": manifest.get("run", ""),
        "csp": CSP, "css": CSS.read_text(encoding="utf-8"), "json_ld": json_ld(spec, manifest),
        "latest": latest_data(frames), "due": due_releases(frames, edition),
        "settings": [(k, ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v)) for k, v in settings],
        "refresh_notices": vintage.refresh_notices(status),
        "refresh_lines": vintage.refresh_lines(status) if status else [],
        "changes": changes,
        "sources": sources_rows(frames, sources),
        "accessed_span": accessed_span(sources),
        "coverage": coverage_rows(frames),
        "credits": [SIPRI_CREDIT] if any(n in frames for n in ("arms_transfers", "arms_imports_tiv")) else [],
        "citation": citation(spec, manifest),
        "licence_line": spec.licence,
        "run_tables": run_tables(manifest),
        "letter": letter,
        "print": False, "marks": False, "pages": {},
    }
