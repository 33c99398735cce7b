"""report.yaml's `reads:` lists every dataset a section's notebook loads.

The execution cache runs a notebook again only when a dataset in its `reads` list changes, so a
dataset loaded but not declared would leave a stale section. The notebooks are thin: they call the
section's package (``facts``, ``frames``), so the test calls the same functions with
``pakru.data.datasets.load`` recording every dataset asked for.
"""

from __future__ import annotations

import importlib

import pytest

from conftest import ROOT
from pakru.data import datasets
from pakru.spec import params

SPEC = params.load_spec(ROOT)
# the package each section's notebook calls, and the calls it makes
PACKAGES = {"overview": ("overview", ("facts", "frames", "threads")), "trade": ("trade", ("facts", "frames")),
            "payments": ("dedollarisation", ("facts", "frames")), "defence": ("defence", ("facts", "frames")),
            "claims": ("article", ("facts", "frames"))}


def loaded_by(package: str, calls: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> set[str]:
    asked: set[str] = set()
    real = datasets.load

    def load(name: str, *args: object, **kwargs: object) -> object:
        asked.add(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(datasets, "load", load)
    module = importlib.import_module(f"pakru.{package}")
    for call in calls:
        if hasattr(module, call):
            getattr(module, call)()
    return asked


def test_every_section_has_its_package_named_here() -> None:
    assert set(PACKAGES) == {s.id for s in SPEC.sections}


@pytest.mark.slow  # computes every section's facts and frames: seconds each
@pytest.mark.parametrize("section", [s.id for s in SPEC.sections])
def test_a_section_loads_only_datasets_it_declares(section: str, monkeypatch: pytest.MonkeyPatch) -> None:
    package, calls = PACKAGES[section]
    loaded = loaded_by(package, calls, monkeypatch)
    assert loaded, f"pakru.{package} loaded no dataset"
    undeclared = sorted(loaded - set(SPEC.section(section).reads))
    assert not undeclared, f"section '{section}' loads {undeclared}, not in its `reads:` in report/report.yaml"


def test_the_check_sees_an_undeclared_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = loaded_by("overview", ("threads",), monkeypatch)
    assert {"standing_threads", "payment_events", "defence_events"} <= loaded
