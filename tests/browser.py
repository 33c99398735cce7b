"""Open a report in the system's headless Chromium, with the network blocked."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str:
    """The system Chromium; without it a browser test skips locally and fails in CI."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    message = "no Chromium on this machine (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class PageLog:
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@contextmanager
def open_offline(html: Path, width: int = 1280, height: int = 900,
                 bypass_csp: bool = False) -> Iterator[tuple[object, PageLog]]:
    """Yield (page, log) for ``html`` opened from disk; any request that is not file: or data:
    is aborted and logged."""
    from playwright.sync_api import sync_playwright

    log = PageLog()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        # bypass_csp only to inject a test tool (axe-core) into a page whose policy forbids scripts
        context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=bypass_csp)

        def route(r: object) -> None:
            url = r.request.url  # type: ignore[attr-defined]
            log.requests.append(url)
            if url.startswith(("file:", "data:")):
                r.continue_()  # type: ignore[attr-defined]
            else:
                log.blocked.append(url)
                r.abort()  # type: ignore[attr-defined]

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: log.console_errors.append(str(e)))
        page.goto(html.resolve().as_uri(), wait_until="load")
        try:
            yield page, log
        finally:
            browser.close()
