"""What decides that a notebook runs again: the source hash covers the whole pakru package."""

from __future__ import annotations

import shutil
from pathlib import Path

import pakru
from pakru.build import fingerprint


def test_the_source_hash_covers_every_folder_of_the_package(tmp_path: Path, monkeypatch) -> None:
    # a copy of the package, so that a file can be changed without touching the checkout
    copy = tmp_path / "pakru"
    shutil.copytree(Path(pakru.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "__file__", str(copy / "build" / "fingerprint.py"))
    before = fingerprint.source_hash()
    # a change in a section's code (not in build/) must change the hash, or its notebook would be reused
    section = copy / "trade" / "facts.py"
    section.write_text(section.read_text() + "\n# changed\n")
    after_section = fingerprint.source_hash()
    assert after_section != before
    template = next((copy / "page" / "templates").rglob("*.j2"))
    template.write_text(template.read_text() + "\n")
    after_page = fingerprint.source_hash()
    assert after_page != after_section
    # a sentence edited in a section's template is a change too: the notebook that renders it runs again
    words = copy / "trade" / "text" / "lead.md.j2"
    words.write_text(words.read_text() + "\n")
    assert fingerprint.source_hash() != after_page


def _status(attempt: str, ok: bool = False, error: str = "update imf: cannot reach the IMF (gave up after 4 attempts)",
            success: str | None = "2026-11-20T05:00:00Z") -> dict:
    return {"format": 1, "sources": {"imf": {"publisher": "International Monetary Fund", "last_attempt_utc": attempt,
                                              "ok": ok, "exit_code": None if ok else 7, "error": None if ok else error,
                                              "last_success_utc": attempt if ok else success,
                                              "last_success": {"added": 0, "changed": 0, "datasets": {}}}}}


def test_a_refresh_that_only_tried_again_later_has_the_same_outcome() -> None:
    outcome = fingerprint.refresh_outcome
    assert outcome(_status("2026-12-01T05:30:00Z")) == outcome(_status("2026-12-02T05:30:00Z"))
    assert outcome(_status("2026-12-01T05:30:00Z", ok=True)) == outcome(_status("2026-12-02T05:30:00Z", ok=True))


def test_a_refresh_that_starts_failing_or_fails_for_a_new_reason_is_a_new_outcome() -> None:
    outcome = fingerprint.refresh_outcome
    failed = outcome(_status("2026-12-01T05:30:00Z"))
    assert outcome(_status("2026-12-01T05:30:00Z", ok=True)) != failed
    assert outcome(_status("2026-12-01T05:30:00Z", error="update imf: an answer in an unexpected shape")) != failed
    assert outcome(_status("2026-12-01T05:30:00Z", success=None)) != failed  # never refreshed at all
    assert outcome({"format": 1, "sources": {}}) == {}
