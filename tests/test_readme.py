"""The README's Python examples run as written (an analyst copies them first)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _examples() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", readme, flags=re.S)


def test_the_readme_has_python_examples() -> None:
    assert _examples(), "the README shows how to reach the facts and frames from Python"


@pytest.mark.slow
def test_the_readme_examples_run() -> None:
    import matplotlib

    matplotlib.use("Agg")
    for code in _examples():
        namespace: dict[str, object] = {}
        exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own README's examples
