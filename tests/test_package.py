"""pakru is a real package: its wheel carries the nbconvert template, installs (not editable) into a
fresh virtual environment, and that installation builds the report from a copy of the project."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

# one worker builds the wheel and the venv for all of them (make test runs two, --dist loadgroup)
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("package")]

TEMPLATE_FILES = sorted(p.relative_to(ROOT / "src").as_posix()
                        for p in (ROOT / "src" / "pakru" / "page" / "templates").rglob("*") if p.is_file())


def _build_wheel(out: Path) -> Path:
    """The wheel of a clean copy of the sources: a build/ folder left in the checkout can hold files
    that the package data no longer names, and would hide a template missing from the wheel."""
    src = out / "src-copy"
    shutil.copytree(ROOT / "src", src / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    # no build isolation: the dev extra brings setuptools, so the test needs no package index
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                           "--wheel-dir", str(out / "dist"), str(src)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = (out / "dist").glob("pakru-*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_wheel(tmp_path_factory.mktemp("wheel"))


def _dependency_env(venv: Path) -> dict[str, str]:
    """The environment to run the installed pakru in. The dependencies' code comes through the .pth
    line, and their data files (nbconvert's base templates, the kernel spec) through JUPYTER_PATH,
    as a `pip install` with dependencies would have put them into the venv's own share/jupyter."""
    env = {k: v for k, v in os.environ.items() if k not in ("PAKRU_ROOT", "PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    return env


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed. Its dependencies come from this test's environment
    (nothing is downloaded): their code through a .pth line, which adds a folder but runs none of
    the .pth files in it, so the editable install of the checkout stays invisible there."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "_pakru_test_deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    # pip itself comes through the .pth line too; run by the new interpreter, it installs there
    proc = subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return venv


def test_wheel_carries_the_nbconvert_template(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "pakru/page/templates/pakru/conf.json" in TEMPLATE_FILES  # the checkout has the template
    assert set(TEMPLATE_FILES) <= names, sorted(set(TEMPLATE_FILES) - names)
    assert "pakru/py.typed" in names


def test_installed_package_is_the_wheel_not_the_checkout(installed: Path) -> None:
    proc = subprocess.run([str(installed / "bin" / "python"), "-c", "import pakru; print(pakru.__file__)"],
                          capture_output=True, text=True, check=True, cwd=installed)
    assert Path(proc.stdout.strip()).is_relative_to(installed)


def test_installed_pakru_builds_the_report_from_a_copy_of_the_project(installed: Path, tmp_path: Path) -> None:
    import yaml

    project = copy_project(tmp_path / "project")
    # one section with charts is enough to show the wheel's template at work (the whole report is
    # built by tests/test_build.py): it keeps this test to a third of the time
    spec = project / "report" / "report.yaml"
    raw = yaml.safe_load(spec.read_text(encoding="utf-8"))
    raw["sections"] = [s for s in raw["sections"] if s["id"] == "defence"]
    spec.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    proc = subprocess.run([str(installed / "bin" / "pakru"), "build"], cwd=project, env=_dependency_env(installed),
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stderr
    html = (project / "report" / "latest" / "report.html").read_text(encoding="utf-8")
    assert "Traceback" not in proc.stderr
    # the charts went through pakru's own template (a figure of its own; the lab template's SVG
    # output carries a data-mime-type, pakru's does not)
    assert re.search(r'<figure class="chart[^"]*"', html) and "<svg" in html
    assert 'data-mime-type="image/svg+xml"' not in html
    # nothing to run (the citation metadata is JSON-LD: data, not code)
    assert all('type="application/ld+json"' in tag for tag in re.findall(r"<script\b[^>]*>", html))
