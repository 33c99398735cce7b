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
