"""The shelf of kept runs: ``report/index.html``, written from each run's ``manifest.json``.

The page lists the runs newest first (date, commit, data vintage, status, a few headline figures,
links to the run's files) and a small table of how those figures moved across the runs. It is
self-contained and links only relatively, so the ``report/`` folder can be copied to any static
host as it is. Everything read from a manifest is escaped.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..present.numbers import fixed
from .frame import head_html

INDEX = "index.html"
RUNS = "runs"
LATEST = "latest"
RUN_LOG = "runs.log.jsonl"  # the build's log of outcomes (pakru.build.runs.RUN_LOG), one JSON line each
MAX_HEADLINES = 4
MISSING = "–"


@dataclass(frozen=True)
class Figure:
    key: str
    value: Any
    unit: str
    text: str


@dataclass(frozen=True)
class RunEntry:
    """One kept run as the shelf shows it."""

    name: str
    started_utc: str
    commit: str
    vintage: tuple[tuple[str, str], ...]  # (publisher or "", date)
    status: str
    error: str
    figures: tuple[Figure, ...]
    files: tuple[str, ...] = field(default=())  # which of report.html/report.pdf/manifest.json exist
    settings: tuple[tuple[str, str], ...] = ()  # non-default parameters: (name, value); () = the defaults
    refresh_failed: tuple[str, ...] = ()  # publishers whose latest refresh had failed when it was built


def format_value(value: Any, unit: str) -> str:
    """``1046.25, "USD million"`` -> ``"1,046.25 USD million"``; ``12.5, "percent"`` -> ``"12.5%"``;
    a calendar year stays ``"2016 year"``, not ``"2,016"``."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        text = str(value)
    elif isinstance(value, int):
        text = str(value) if unit in ("year", "years") and 1000 <= value <= 9999 else f"{value:,}"
    elif isinstance(value, float):
        text = fixed(value, 2).rstrip("0").rstrip(".")
    else:
        text = str(value)
    if unit == "percent":
        return text + "%"
    return f"{text} {unit}".strip()


def headline_figures(findings: list[dict[str, Any]], limit: int = MAX_HEADLINES) -> tuple[Figure, ...]:
    """The first headline figure of each section (``key`` is ``section.name``), in report order,
    then further ones until ``limit``: every section gets a say before any one fills the list."""
    usable = [f for f in findings if isinstance(f, dict) and f.get("key") and f.get("headline", True)]
    first, rest, seen = [], [], set()
    for f in usable:
        section = str(f["key"]).split(".")[0]
        (rest if section in seen else first).append(f)
        seen.add(section)
    chosen = (first + rest)[:limit]
    order = {id(f): i for i, f in enumerate(usable)}
    chosen.sort(key=lambda f: order[id(f)])
    return tuple(Figure(str(f["key"]), f.get("value"), str(f.get("unit") or ""), str(f.get("text") or ""))
                 for f in chosen)


def _vintage(raw: Any) -> tuple[tuple[str, str], ...]:
    if isinstance(raw, dict):
        return tuple((str(k), str(v)) for k, v in raw.items())  # the manifest keeps reading order
    return (("", str(raw)),) if raw else ()


def read_run(run_dir: Path) -> RunEntry:
    """The shelf entry of one run folder; a missing or unreadable manifest is shown, not raised."""
    files = tuple(n for n in ("report.html", "report.pdf", "manifest.json") if (run_dir / n).is_file())
    try:
        manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as err:
        reason = "no manifest.json" if isinstance(err, FileNotFoundError) else f"manifest.json unreadable: {err}"
        return RunEntry(run_dir.name, "", "", (), "unknown", reason.splitlines()[0], (), files)
    error = str(manifest.get("error") or "").strip()
    return RunEntry(
        name=run_dir.name,
        started_utc=str(manifest.get("started_utc") or ""),
        commit=str(manifest.get("git_commit") or ""),
        vintage=_vintage(manifest.get("data_vintage_by_publisher") or manifest.get("data_vintage")),
        status=str(manifest.get("status") or "unknown"),
        error=error.splitlines()[0] if error else "",
        figures=headline_figures(list(manifest.get("findings") or [])),
        files=files,
        settings=tuple((str(k), str(v)) for k, v in sorted((manifest.get("parameters_changed") or {}).items())),
        refresh_failed=_refresh_failed(manifest.get("update_status")),
    )


def _refresh_failed(status: Any) -> tuple[str, ...]:
    sources = status.get("sources") if isinstance(status, dict) else None
    if not isinstance(sources, dict):
        return ()
    return tuple(str(s.get("publisher") or name) for name, s in sorted(sources.items())
                 if isinstance(s, dict) and not s.get("ok", True))


def latest_run(report_dir: Path) -> str | None:
    """The name of the run ``report_dir/latest`` points to, if any."""
    link = report_dir / LATEST
    return link.resolve().name if link.is_symlink() and link.exists() else None


def last_check(report_dir: Path) -> dict[str, Any] | None:
    """The run log's newest entry (``time_utc``, ``outcome``, ``run``), if it can be read."""
    try:
        lines = (report_dir / RUN_LOG).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for line in reversed(lines):
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("time_utc"):
            return entry
    return None


def kept_runs(report_dir: Path) -> list[RunEntry]:
    """Every run folder under ``report_dir/runs``, newest first (run names are UTC timestamps)."""
    runs_dir = report_dir / RUNS
    if not runs_dir.is_dir():
        return []
    entries = [read_run(p) for p in runs_dir.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return sorted(entries, key=lambda e: (e.started_utc, e.name), reverse=True)


def _when(started_utc: str) -> str:
    return started_utc.replace("T", " ").replace("+00:00", "")[:16] + " UTC" if started_utc else MISSING


def _run_html(e: RunEntry, latest: str | None = None) -> str:
    esc = html.escape
    base = f"{RUNS}/{e.name}/"
    links = [f'<a href="{esc(base + n)}">{label}</a>' for n, label in
             (("report.html", "report (HTML)"), ("report.pdf", "report (PDF)"), ("manifest.json", "manifest"))
             if n in e.files]
    vintage = "; ".join(f"{esc(p)}: {esc(d)}" if p else esc(d) for p, d in e.vintage) or MISSING
    status = esc(e.status) + (f' — <span class="error">{esc(e.error)}</span>' if e.error else "")
    settings = "; ".join(f"{esc(k)} = {esc(v)}" for k, v in e.settings) or "the report's defaults"
    mark = ' <span class="latest">(the current edition: <a href="latest/report.html">latest</a>)</span>' \
        if e.name == latest else ""
    refresh = (f"<dt>Refresh failed</dt><dd>{esc(', '.join(e.refresh_failed))} (figures shown as stored)</dd>"
               if e.refresh_failed else "")
    figures = "".join(f"<li>{esc(f.text or f.key + ': ' + format_value(f.value, f.unit))}</li>" for f in e.figures)
    return (f'<li class="run status-{esc(e.status)}"><h2 id="run-{esc(e.name)}">{esc(_when(e.started_utc))}{mark}</h2>'
            f'<dl class="meta"><dt>Run</dt><dd>{esc(e.name)}</dd>'
            f"<dt>Commit</dt><dd><code>{esc(e.commit[:12] or MISSING)}</code></dd>"
            f"<dt>Data vintage</dt><dd>{vintage}</dd><dt>Settings</dt><dd>{settings}</dd>{refresh}"
            f"<dt>Status</dt><dd>{status}</dd></dl>"
            + (f'<ul class="figures">{figures}</ul>' if figures else "")
            + (f'<p class="links">{" · ".join(links)}</p>' if links else "") + "</li>")


def movement_html(entries: list[RunEntry]) -> str:
    """A table: one row per headline figure of the newest run that has any, one column per run."""
    lead = next((e for e in entries if e.figures), None)
    if lead is None or len(entries) < 2:
        return ""
    cols = [e for e in entries if e.status != "failed" or e.figures]
    head = "".join(f'<th scope="col">{html.escape(_when(e.started_utc))}</th>' for e in cols)
    rows = []
    for fig in lead.figures:
        cells = []
        for e in cols:
            match = next((f for f in e.figures if f.key == fig.key), None)
            cells.append(f"<td>{html.escape(format_value(match.value, match.unit) if match else MISSING)}</td>")
        rows.append(f'<tr><th scope="row">{html.escape(fig.key)}</th>{"".join(cells)}</tr>')
    return ('<div class="table-scroll" tabindex="0" role="region" aria-label="How the headline figures moved">'
            '<table><caption>How the headline figures moved (newest run first)</caption>'
            f'<thead><tr><th scope="col">figure</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


STYLE = """
*{box-sizing:border-box}
body{margin:0;color:#1b1b1b;font:1rem/1.5 "DejaVu Sans",Verdana,system-ui,sans-serif}
main{max-width:60rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}
a{color:#0072B2}
h1{font-size:1.7rem;margin:.2rem 0 .6rem}h2{font-size:1.15rem;margin:.2rem 0 .4rem}
ol.runs{list-style:none;padding:0}
li.run{border-top:1px solid #d9d9d9;padding:.8rem 0}
li.status-failed h2::after{content:" (failed)";color:#a00000}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:0;font-size:.9rem}
dl.meta dt{color:#555}dl.meta dd{margin:0;overflow-wrap:anywhere}
.error{color:#a00000}
.latest{font-size:.85rem;font-weight:normal}
p.checked{border-left:3px solid #0072B2;padding-left:.6rem}
ul.figures{margin:.4rem 0;padding-left:1.2rem;font-size:.92rem}
.table-scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.85rem;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border-bottom:1px solid #d9d9d9;padding:.25rem .6rem;text-align:right;vertical-align:top}
th[scope=row],thead th:first-child{text-align:left}
@media (max-width:40rem){main{padding:1rem .7rem}dl.meta{grid-template-columns:1fr}}
"""


def check_html(check: dict[str, Any] | None) -> str:
    """One line when the newest build made no new edition: when it checked, and that nothing changed."""
    if not check or not str(check.get("outcome", "")).startswith("no new edition"):
        return ""
    run = str(check.get("run") or "")
    anchor = f' (<a href="#run-{html.escape(run)}">{html.escape(run)}</a>)' if run else ""
    return (f'<p class="checked">Last checked {html.escape(_when(str(check["time_utc"])))}: nothing had changed, '
            f"so no new edition was made; the current edition is still the newest{anchor}.</p>")


def index_html(entries: list[RunEntry], title: str = "pakru reports", latest: str | None = None,
               check: dict[str, Any] | None = None) -> str:
    runs = "".join(_run_html(e, latest) for e in entries) or "<li>No runs are kept yet.</li>"
    return head_html(title, STYLE) + f"""
<main>
<h1>{html.escape(title)}: the kept runs</h1>
<p>Each run is a complete report built from the data and code of its commit; the newest is first.</p>
{check_html(check)}
{movement_html(entries)}
<ol class="runs">{runs}</ol>
</main>
</body>
</html>
"""


def write_index(report_dir: Path, title: str = "pakru reports") -> Path:
    """Write ``report_dir/index.html`` from ``report_dir/runs/*/manifest.json`` in one atomic step."""
    out = report_dir / INDEX
    tmp = report_dir / f".{INDEX}.{os.getpid()}.part"
    tmp.write_text(index_html(kept_runs(report_dir), title, latest_run(report_dir), last_check(report_dir)),
                   encoding="utf-8")
    os.replace(tmp, out)
    return out
