"""The shipped schedule and CI templates parse and say what the README promises: update before
build, pakru's own exit codes, a wall-clock limit above the build's, a sandboxed systemd service."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SERVICE = ROOT / "deploy" / "systemd" / "pakru-report.service"
TIMER = ROOT / "deploy" / "systemd" / "pakru-report.timer"
# `pakru build --timeout` default, per notebook, and the lock wait the service asks for
NOTEBOOK_TIMEOUT_S = 900
LOCK_WAIT_S = 600


def unit(path: Path) -> configparser.ConfigParser:
    # strict=False: systemd allows a key more than once (Environment=); the last one is kept here
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string(path.read_text())
    return parser


def environment(path: Path) -> dict[str, str]:
    """Every Environment= assignment of a unit (the key may repeat)."""
    out = {}
    for line in path.read_text().splitlines():
        if line.startswith("Environment="):
            for pair in line.removeprefix("Environment=").split():
                key, _, value = pair.partition("=")
                out[key] = value
    return out


def seconds(span: str) -> int:
    """A systemd or coreutils time span ("2h", "90min", "1h 30min", "45s", "7200") in seconds."""
    units = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400, "": 1}
    total = 0
    for number, suffix in re.findall(r"(\d+)\s*([a-z]*)", span):
        total += int(number) * units[suffix]
    return total


def workflow(name: str) -> dict:
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    wf["on"] = wf.pop(True) if True in wf else wf["on"]  # YAML 1.1 reads the key `on` as true
    return wf


def test_github_workflow_is_scheduled_dispatchable_and_keeps_artifacts() -> None:
    wf = workflow("report.yml")
    assert re.fullmatch(r"(\S+\s+){4}\S+", wf["on"]["schedule"][0]["cron"])
    assert "workflow_dispatch" in wf["on"]
    steps = wf["jobs"]["build"]["steps"]
    uploads = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert any(s["with"]["path"] == "report/latest/" and s.get("if") == "success()" for s in uploads)
    assert any(s["with"]["path"] == "report/runs/" and s.get("if") == "failure()" for s in uploads)
    assert any("make" in str(s.get("run", "")) for s in steps)


def test_report_workflow_updates_before_building_and_outlasts_the_build() -> None:
    job = workflow("report.yml")["jobs"]["build"]
    runs = [str(s.get("run", "")) for s in job["steps"]]
    # the script runs update then build, and fails the step with pakru's own code
    assert any(r.startswith("deploy/scheduled-build") and "pdf" in r for r in runs)
    assert job["timeout-minutes"] * 60 > LOCK_WAIT_S + 4 * NOTEBOOK_TIMEOUT_S
    assert any(".ci/system-packages" in r for r in runs)


def test_report_workflow_publishes_the_shelf_on_pages_after_the_build() -> None:
    wf = workflow("report.yml")
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"
    steps = wf["jobs"]["build"]["steps"]
    names = [str(s.get("uses") or s.get("run")) for s in steps]
    build = next(i for i, n in enumerate(names) if n.startswith("deploy/scheduled-build"))
    gather = next(i for i, s in enumerate(steps) if "_site" in str(s.get("run", "")))
    upload = next(i for i, n in enumerate(names) if n.startswith("actions/upload-pages-artifact"))
    assert build < gather < upload
    # the shelf, its runs and latest/ followed (cp -L): relative links from index.html resolve
    assert re.search(r"cp -R?L\b.*report/index\.html.*report/runs.*report/latest", steps[gather]["run"])
    assert steps[upload]["with"]["path"] == "_site/"
    pages = wf["jobs"]["pages"]
    assert pages["needs"] == "build" and pages["environment"]["name"] == "github-pages"
    assert any(str(s.get("uses", "")).startswith("actions/deploy-pages") for s in pages["steps"])


def test_report_workflow_restores_latest_and_the_kept_runs_before_the_build_and_keeps_them_after() -> None:
    # "What changed" reads report/latest and the kept runs' manifests: without them every published
    # edition would be "the first run"
    wf = workflow("report.yml")
    steps = wf["jobs"]["build"]["steps"]
    names = [str(s.get("uses") or s.get("run")) for s in steps]
    build = next(i for i, n in enumerate(names) if n.startswith("deploy/scheduled-build"))
    find = next(i for i, n in enumerate(names) if "gh run list" in n)
    download = next(i for i, n in enumerate(names) if n.startswith("actions/download-artifact"))
    unpack = next(i for i, n in enumerate(names) if "tar -xf" in n)
    pack = next(i for i, n in enumerate(names) if "tar -cf" in n)
    keep = next(i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("actions/upload-artifact")
                and s["with"]["name"] == steps[download]["with"]["name"])
    assert find < download < unpack < build < pack < keep
    assert "--status success" in names[find] and "--workflow report.yml" in names[find]
    assert steps[download]["with"]["run-id"] == "${{ steps.last.outputs.run_id }}"
    assert steps[download].get("continue-on-error") is True  # a first run, or an expired artifact
    for kept in ("report/runs", "report/latest", "report/runs.log.jsonl", "state"):
        assert kept in names[pack]
    assert steps[keep]["if"] == "success()" and steps[keep]["with"]["retention-days"] >= 30
    assert wf["permissions"]["actions"] == "read"


def test_pack_and_unpack_keep_latest_a_link_to_its_run(tmp_path: Path) -> None:
    wf = workflow("report.yml")
    steps = wf["jobs"]["build"]["steps"]
    pack = next(s["run"] for s in steps if "tar -cf" in str(s.get("run", "")))
    unpack = next(s["run"] for s in steps if "tar -xf" in str(s.get("run", "")))
    before, after = tmp_path / "before", tmp_path / "after"
    (before / "report" / "runs" / "R1").mkdir(parents=True)
    (before / "report" / "runs" / "R1" / "manifest.json").write_text("{}")
    (before / "report" / "latest").symlink_to("runs/R1")
    (before / "state").mkdir()
    (before / "state" / "update-status.json").write_text("{}")
    assert subprocess.run(["bash", "-eo", "pipefail", "-c", pack], cwd=before).returncode == 0
    (after / ".shelf").mkdir(parents=True)
    (before / "shelf.tar").rename(after / ".shelf" / "shelf.tar")
    assert subprocess.run(["bash", "-eo", "pipefail", "-c", unpack], cwd=after, capture_output=True).returncode == 0
    assert (after / "report" / "latest").is_symlink() and (after / "report" / "latest" / "manifest.json").is_file()
    assert (after / "state" / "update-status.json").is_file()
    # a first run: nothing to unpack, and the step still succeeds
    assert subprocess.run(["bash", "-eo", "pipefail", "-c", unpack], cwd=tmp_path / "before",
                          capture_output=True).returncode == 0


def test_cron_and_systemd_wait_for_data_and_the_lock() -> None:
    _, _, job = _cron()
    assert re.search(r"deploy/scheduled-build .*--wait \d+", job)
    assert re.search(r"--wait \d+", unit(SERVICE)["Service"]["ExecStart"])


def test_test_workflow_runs_make_test_on_push_and_pull_request() -> None:
    wf = workflow("tests.yml")
    assert "push" in wf["on"] and "pull_request" in wf["on"]
    (job,) = wf["jobs"].values()
    runs = [str(s.get("run", "")) for s in job["steps"]]
    assert any(s.get("with", {}).get("python-version") == "3.11" for s in job["steps"])
    # the same system packages as .ci/run, from the same script
    assert any(".ci/system-packages" in r for r in runs)
    assert any(re.match(r"make test\b(?!-)", r) for r in runs)
    assert "bash .ci/system-packages" in (ROOT / ".ci" / "run").read_text()


def test_ci_installs_java_systemd_and_keeps_the_npm_guard() -> None:
    script = (ROOT / ".ci" / "system-packages").read_text()
    assert "default-jre-headless" in script and "have java" in script
    assert "need+=(systemd)" in script and "have systemd-analyze" in script
    # apt's nodejs/npm conflict with a node installed otherwise: only when npm is missing
    assert "have npm || need+=(nodejs npm)" in script
    assert subprocess.run(["bash", "-n", str(ROOT / ".ci" / "system-packages")]).returncode == 0


def test_systemd_service_and_timer() -> None:
    service = unit(SERVICE)
    timer = unit(TIMER)
    assert service["Service"]["Type"] == "oneshot"
    assert environment(SERVICE)["TZ"] == "UTC"
    assert "--wait" in service["Service"]["ExecStart"]
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["Unit"] == "pakru-report.service"
    assert timer["Install"]["WantedBy"] == "timers.target"
    assert timer["Timer"]["OnCalendar"].endswith("UTC")


def test_service_updates_then_builds_with_the_checkouts_venv() -> None:
    svc = unit(SERVICE)["Service"]
    workdir = svc["WorkingDirectory"]
    exe = svc["ExecStart"].split()[0]
    assert exe == f"{workdir}/deploy/scheduled-build"
    assert environment(SERVICE)["PAKRU"] == f"{workdir}/.venv/bin/pakru"


def test_service_is_sandboxed() -> None:
    svc = unit(SERVICE)["Service"]
    workdir = svc["WorkingDirectory"]
    assert svc["NoNewPrivileges"] == "yes"
    assert svc["ProtectSystem"] == "strict"
    # the build writes report/ and the update writes data/; nothing else in the checkout
    assert set(svc["ReadWritePaths"].split()) == {f"{workdir}/report", f"{workdir}/data"}
    assert svc["PrivateTmp"] == "yes"
    assert svc["ProtectHome"] in ("yes", "read-only", "tmpfs")
    if svc["ProtectHome"] == "yes":
        assert not workdir.startswith(("/home/", "/root/"))
        # HOME is hidden: the tools' caches go to the service's cache directory
        assert environment(SERVICE)["HOME"] == "%C/" + svc["CacheDirectory"]
    assert svc["CapabilityBoundingSet"] == ""


def test_service_wall_clock_limit_is_above_the_builds_own() -> None:
    svc = unit(SERVICE)["Service"]
    wait = int(re.search(r"--wait (\d+)", svc["ExecStart"]).group(1))
    assert seconds(svc["TimeoutStartSec"]) > wait + 4 * NOTEBOOK_TIMEOUT_S


def _units_at(tmp_path: Path) -> Path:
    """The units with /opt/pakru replaced by this checkout, so that systemd-analyze finds the script."""
    workdir = unit(SERVICE)["Service"]["WorkingDirectory"]
    for src in (SERVICE, TIMER):
        (tmp_path / src.name).write_text(src.read_text().replace(workdir, str(ROOT)))
    return tmp_path / SERVICE.name


def test_systemd_analyze_verify_finds_nothing(tmp_path: Path) -> None:
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed (.ci/system-packages installs it)")
    service = _units_at(tmp_path)
    proc = subprocess.run(["systemd-analyze", "verify", service.name, TIMER.name], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    # verify exits 0 even for a directive it could not parse ("ignoring"): any output is a finding
    assert (proc.returncode, proc.stdout + proc.stderr) == (0, "")


def test_systemd_analyze_verify_would_report_a_bad_directive(tmp_path: Path) -> None:
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed (.ci/system-packages installs it)")
    service = _units_at(tmp_path)
    service.write_text(service.read_text().replace("ProtectSystem=strict", "ProtectSystem=bogus"))
    proc = subprocess.run(["systemd-analyze", "verify", service.name], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert "ProtectSystem" in proc.stdout + proc.stderr or "protect system" in proc.stderr


def test_timer_calendar_expression_is_valid() -> None:
    if not shutil.which("systemd-analyze"):
        pytest.skip("systemd-analyze is not installed")
    expr = unit(TIMER)["Timer"]["OnCalendar"]
    assert subprocess.run(["systemd-analyze", "calendar", expr], capture_output=True).returncode == 0


def _cron() -> tuple[list[str], list[str], str]:
    text = (ROOT / "deploy" / "cron.txt").read_text()
    comments = [ln for ln in text.splitlines() if ln.startswith("#")]
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    job = next(ln for ln in lines if not ln.startswith("CRON_TZ"))
    return lines, comments, job


def test_cron_line_uses_flock_and_utc() -> None:
    lines, _, job = _cron()
    assert "CRON_TZ=UTC" in lines
    fields = job.split(None, 5)
    for field, (low, high) in zip(fields[:5], [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)], strict=True):
        assert field == "*" or low <= int(field) <= high
    assert "flock -n" in fields[5] and "deploy/scheduled-build" in fields[5]


def test_cron_line_has_a_wall_clock_limit_above_the_builds() -> None:
    _, _, job = _cron()
    m = re.search(r"\btimeout (?:--kill-after=\S+ )?(\S+) deploy/scheduled-build", job)
    assert m, job
    assert seconds(m.group(1)) > 4 * NOTEBOOK_TIMEOUT_S


def test_cron_comment_names_the_file_the_line_logs_to() -> None:
    _, comments, job = _cron()
    log = re.search(r">> (\S+) 2>&1$", job).group(1)
    assert any(log in c for c in comments)
    # and does not claim the cron output goes to the run folder
    assert not any("logs go to the run folder" in c for c in comments)


def test_ci_and_the_test_workflow_need_nothing_beside_the_clone() -> None:
    # the importer tests' files are tests/fixtures: no ../shared, no switch to skip what is missing
    ci = (ROOT / ".ci" / "run").read_text()
    tests = (ROOT / ".github" / "workflows" / "tests.yml").read_text()
    for text in (ci, tests):
        assert "shared" not in text and "PAKRU_SHARED" not in text
    assert "CI" not in str(workflow("tests.yml")["jobs"]["test"].get("env", {}))
