"""The shipped schedule templates parse and say what the README promises."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=True, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string(path.read_text())
    return parser


def test_github_workflow_is_scheduled_dispatchable_and_keeps_artifacts() -> None:
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "report.yml").read_text())
    triggers = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads the key `on` as true
    assert re.fullmatch(r"(\S+\s+){4}\S+", triggers["schedule"][0]["cron"])
    assert "workflow_dispatch" in triggers
    steps = wf["jobs"]["build"]["steps"]
    uploads = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert any(s["with"]["path"] == "report/latest/" and s.get("if") == "success()" for s in uploads)
    assert any(s["with"]["path"] == "report/runs/" and s.get("if") == "failure()" for s in uploads)
    assert any("make" in str(s.get("run", "")) for s in steps)


def test_systemd_service_and_timer() -> None:
    service = unit(ROOT / "deploy" / "systemd" / "pakru-report.service")
    timer = unit(ROOT / "deploy" / "systemd" / "pakru-report.timer")
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["Environment"] == "TZ=UTC"
    assert "--wait" in service["Service"]["ExecStart"]
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["Unit"] == "pakru-report.service"
    assert timer["Install"]["WantedBy"] == "timers.target"
    assert timer["Timer"]["OnCalendar"].endswith("UTC")


def test_timer_calendar_expression_is_valid() -> None:
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed")
    expr = unit(ROOT / "deploy" / "systemd" / "pakru-report.timer")["Timer"]["OnCalendar"]
    assert subprocess.run(["systemd-analyze", "calendar", expr], capture_output=True).returncode == 0


def test_cron_line_uses_flock_and_utc() -> None:
    lines = [ln for ln in (ROOT / "deploy" / "cron.txt").read_text().splitlines() if ln and not ln.startswith("#")]
    assert "CRON_TZ=UTC" in lines
    job = next(ln for ln in lines if not ln.startswith("CRON_TZ"))
    fields = job.split(None, 5)
    for field, (low, high) in zip(fields[:5], [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]):
        assert field == "*" or low <= int(field) <= high
    assert "flock -n" in fields[5] and "make report" in fields[5]
