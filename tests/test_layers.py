"""The folders are the layers of the README: no module imports from a layer above its own.

Imports are read from the source with ``ast`` (every ``import`` and ``from`` statement, also those
inside functions and under ``TYPE_CHECKING``), so a lazy import up the layers counts as much as a
top-level one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "pakru"

# bottom to top, as in the README's folder table; one rank for the three sections
LAYERS: dict[str, int] = {
    "errors": 0,
    "spec": 1,
    "data": 1,
    "intake": 2,
    "facts": 3,
    "present": 3,
    "claims": 4,
    "trade": 5, "dedollarisation": 5, "defence": 5,
    "article": 6, "overview": 6,
    "page": 7,
    "build": 8,
    "cli": 9, "__init__": 9,
}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _dotted(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer_of(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imported(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every pakru import in the file."""
    here = _dotted(path)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("pakru"):
                continue
            if target == "pakru":  # `from .. import x`: x is the module meant
                found += [(node.lineno, f"pakru.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("pakru")]
    return found


def upward_imports() -> list[str]:
    bad = []
    for path in _modules():
        own = _layer_of(_dotted(path))
        for line, target in _imported(path):
            other = _layer_of(target)
            if other == "__version__":
                continue
            if LAYERS[other] > LAYERS[own]:
                bad.append(f"{path.relative_to(PACKAGE.parent)}:{line} ({own}) imports {target} ({other})")
    return bad


def test_every_folder_and_root_module_has_a_layer():
    names = {p.stem for p in PACKAGE.glob("*.py")} | {p.name for p in PACKAGE.iterdir() if p.is_dir()
                                                      and (p / "__init__.py").exists()}
    assert names <= set(LAYERS), f"not in a layer: {sorted(names - set(LAYERS))}"
    # the package's root holds only the edges; everything else lives in a folder
    assert {p.stem for p in PACKAGE.glob("*.py")} == {"__init__", "cli", "errors"}


def test_no_module_imports_from_a_layer_above_its_own():
    assert upward_imports() == []


@pytest.mark.parametrize("source, expected", [
    ("from ..page import render\n", "data/x.py (data) imports pakru.page (page)"),
    ("from .. import build\n", "data/x.py (data) imports pakru.build (build)"),
    ("def f():\n    from pakru.trade import series\n", "data/x.py (data) imports pakru.trade (trade)"),
])
def test_the_check_finds_an_upward_import(tmp_path, monkeypatch, source, expected):
    """The rule itself can fail: a data module that reaches up to the page, the build or a section."""
    import test_layers as me

    fake = tmp_path / "pakru"
    (fake / "data").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "data" / "__init__.py").write_text("")
    (fake / "data" / "x.py").write_text(source)
    monkeypatch.setattr(me, "PACKAGE", fake)
    found = me.upward_imports()
    assert len(found) == 1 and found[0].startswith("pakru/data/x.py:") and found[0].endswith(expected.split(" ", 1)[1])
