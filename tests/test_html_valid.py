"""The W3C Nu HTML Checker (npm package vnu-jar, run with the system Java) finds no error in the
built report or in the shelf page. Skips locally without Java or vnu; fails in CI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from pakru.page import shelf

pytestmark = pytest.mark.slow
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def vnu_errors(*pages: Path) -> list[str]:
    """Every message of type "error" (or a fatal one) the checker gives, as ``file:line: message``."""
    java = shutil.which("java")
    if java is None:
        _missing("no java on this machine (apt-get install default-jre-headless)")
    if not VNU.is_file():
        _missing(f"the Nu HTML Checker is not installed at {VNU} (run `npm ci`)")
    proc = subprocess.run([java, "-jar", str(VNU), "--format", "json", *map(str, pages)],
                          capture_output=True, text=True, timeout=600)
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}" for m in messages
            if m["type"] in ("error", "non-document-error")]


def test_checker_catches_a_duplicate_id(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
                    '<body><p id="a">1</p><p id="a">2</p></body></html>', encoding="utf-8")
    errors = vnu_errors(page)
    assert len(errors) == 1 and "Duplicate ID" in errors[0]


def test_report_and_shelf_page_have_no_html_errors(built) -> None:
    report_dir = built[0] / "report"
    index = report_dir / "index.html"
    if not index.is_file():  # until the build writes the shelf itself
        shelf.write_index(report_dir)
    errors = vnu_errors(report_dir / "latest" / "report.html", index)
    assert errors == [], "\n".join(errors[:20])
