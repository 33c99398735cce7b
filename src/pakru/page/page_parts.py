"""The parts of the report page around the notebooks (the page is assembled by
:mod:`pakru.page.render`): the title block's lines, key findings, what changed, the data-and-sources
appendix and the run's colophon. Everything here comes from the executed notebooks, the data and
the manifest; every string from data is escaped.
"""

from __future__ import annotations

import html
from pathlib import Path
from collections.abc import Sequence
from typing import Any, Protocol

from . import appendix
from .findings import BOTTOM_LINE
from ..data import source_ids, vintage
from ..present import tables
from ..data.periods import compress_years, gaps

SIPRI_CREDIT = "Information from the SIPRI Arms Transfers Database"


class SectionShape(Protocol):
    """What the page needs of a section of ``report.yaml`` (the build's ``SectionSpec``)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def reads(self) -> tuple[str, ...]: ...


class ReportShape(Protocol):
    """What the page needs of ``report.yaml`` (the build's ``ReportSpec``); the page sits below
    the build, so it names the shape instead of importing it."""

    @property
    def title(self) -> str: ...
    @property
    def subtitle(self) -> str: ...
    @property
    def sections(self) -> Sequence[SectionShape]: ...


def _fmt_value(value: Any, unit: str) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    else:
        text = str(value)
    if unit == "percent":
        return text + "%"
    return f"{text} {unit}".strip() if unit else text


# what each dataset holds, as the "What changed" box names it (never its file name)
READER_NAMES = {
    "sources.csv": "List of sources", "trade/observations.csv": "Trade figures",
    "trade/composition.csv": "What is traded", "trade/pakistan_totals.csv": "Pakistan's trade with the world",
    "payments/events.csv": "Steps away from the dollar", "payments/cargoes.csv": "Crude oil and LPG cargoes",
    "payments/claims.csv": "Competing reports on payments", "payments/currency_shares.csv": "Currency shares",
    "payments/settlement_statements.csv": "Officials' statements on settlement currencies",
    "defence/events.csv": "Defence events", "defence/arms_transfers.csv": "Arms transfers (SIPRI register)",
    "defence/arms_imports_tiv.csv": "Arms imports by supplier (SIPRI values)",
}


def reader_name(dataset_path: str) -> str:
    """``"data/trade/observations.csv"`` -> ``"Trade figures"``."""
    key = dataset_path.removeprefix("data/")
    return READER_NAMES.get(key, key.rsplit("/", 1)[-1].removesuffix(".csv").replace("_", " ").capitalize())


def _changed_counts(counts: dict[str, int]) -> str:
    parts = [f"{n:,} {what}" for what, n in counts.items() if n]
    if not parts:
        return ""
    first = parts[0].split(" ", 1)
    parts[0] = f"{first[0]} {'entry' if first[0] == '1' else 'entries'} {first[1]}"
    return ", ".join(parts)


class FigureChangeShape(Protocol):
    """One figure in :class:`ChangesShape` (the build's ``pakru.build.changes.FigureChange``)."""

    @property
    def key(self) -> str: ...
    @property
    def kind(self) -> str: ...  # "moved", "new", "removed"
    @property
    def before(self) -> Any: ...
    @property
    def unit(self) -> str: ...
    @property
    def text(self) -> str: ...


class DatasetChangeShape(Protocol):
    @property
    def file(self) -> str: ...
    @property
    def added(self) -> int: ...
    @property
    def removed(self) -> int: ...
    @property
    def changed(self) -> int: ...


class SettingsShape(Protocol):
    @property
    def is_default(self) -> bool: ...
    def text(self) -> str: ...


class ChangesShape(Protocol):
    """What the page needs of the build's "What changed" record (``pakru.build.changes.Changes``):
    the page sits below the build, so it names the shape instead of importing it."""

    @property
    def settings(self) -> SettingsShape: ...
    @property
    def baseline(self) -> str | None: ...
    @property
    def baseline_started_utc(self) -> str: ...
    @property
    def first_edition(self) -> bool: ...
    @property
    def datasets(self) -> Sequence[DatasetChangeShape]: ...
    @property
    def figures(self) -> Sequence[FigureChangeShape]: ...


def reader_changes(changes: ChangesShape | None) -> list[str]:
    """The "What changed" box's lines, in a reader's words: which kind of figures gained or lost
    entries, and which key findings moved (by their sentence, with the old value) since the last
    edition built with the same settings, or that no kept edition shares this one's settings. No run
    ids, file names, keys or settings (the title block names those); ``[]`` on a first edition or
    when nothing a reader sees changed."""
    if changes is None:
        return []
    out = []
    for d in changes.datasets:
        said = _changed_counts({"added": d.added, "removed": d.removed, "changed": d.changed})
        if said:
            out.append(f"{reader_name(d.file)}: {said}.")
    unsaid = 0
    for f in changes.figures:
        if f.key == BOTTOM_LINE:  # the bottom line is the page's opening, not a figure to list as moved
            continue
        if not f.text:  # a fact without a sentence: its id is no reader's word
            unsaid += 1
            continue
        if f.kind == "new":
            out.append(f"New: {f.text}")
        elif f.kind == "moved":
            out.append(f"{str(f.text).rstrip('.')} (was {_fmt_value(f.before, f.unit)}).")
        else:
            out.append(f"No longer shown: {f.text or 'a key figure'}")
    if unsaid:
        out.append(f"{'Another figure' if unsaid == 1 else f'{unsaid} other figures'} in the report changed.")
    if changes.baseline is None and not changes.first_edition:
        # the settings themselves are the title block's ("Built with non-default settings: ...")
        out.append("No earlier edition was built with these settings, so nothing is compared.")
    return out


def _list(items: list[str], ordered: bool = True) -> str:
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + f"</{tag}>"


def changes_html(changes: list[str], since: str = "", compared: bool = True) -> str:
    """The "What changed" box from :func:`reader_changes`; '' (no box) when nothing changed.
    ``compared=False``: no earlier edition shares this one's settings, so the box only says so."""
    if not changes:
        return ""
    head = (f"Since the edition of {since}:" if since else "Since the previous edition:") if compared else \
        "About this edition:"
    body = f"<p>{html.escape(head)}</p>" + _list(changes, ordered=False)
    return (f'<aside class="box changes" aria-label="What changed since the last run"><h2>What changed</h2>'
            f"{body}</aside>")


def dataset_gaps(name: str, frame: Any) -> str:
    """Years without a figure, where a yearly series is expected; '' for event lists."""
    from ..trade import series

    if name == "trade_observations":
        parts = []
        for basis in ("calendar", "fiscal"):
            years = sorted(set(series.annual(frame, basis, 0, 9999)["year"]))
            if years:
                missing = gaps(years, years[0], years[-1])
                parts.append(f"no full-year {basis} figure: {compress_years(missing, basis == 'fiscal')}"
                             if missing else f"{basis}: none")
        return "; ".join(parts)
    if name == "arms_imports_tiv":
        years = sorted(int(y) for y in frame.loc[frame["supplier"] == "Total", "year"])
        missing = gaps(years, years[0], years[-1]) if years else []
        return ("years with no recorded deliveries: " + compress_years(missing)) if missing else ""
    return ""


def access_sentence(sources: Any) -> str:
    """When the sources were read for this report (the 'accessed' dates), in one sentence."""
    dates = sorted({str(d)[:10] for d in sources["accessed"].dropna()})
    if not dates:
        return ""
    when = f"on {dates[0]}" if len(dates) == 1 else f"between {dates[0]} and {dates[-1]}"
    return (f"Every source was read for this project {when} (its access date), from stored copies of the "
            "publishers' pages and files; each source's note in data/sources.csv says how it was read.")


def _frames(root: Path, spec: ReportShape) -> dict[str, Any]:
    from ..data import datasets as data
    from ..data.schema import DATASETS

    names = list(dict.fromkeys(n for s in spec.sections for n in (s.reads or tuple(DATASETS))))
    return {n: data.load(n, root) for n in names if n != "sources"}


def data_through(root: Path, spec: ReportShape) -> dict[str, str]:
    """:func:`pakru.data.vintage.data_through` of the datasets the report's sections read."""
    from ..data import datasets as data

    return vintage.data_through(_frames(root, spec), data.load("sources", root))


def sources_appendix(root: Path, spec: ReportShape) -> appendix.Appendix:
    """Every source the report's datasets cite, the coverage of each dataset, credit lines, citation."""
    from ..data import datasets as data
    from ..data.schema import DATASETS

    names = list(dict.fromkeys(n for s in spec.sections for n in (s.reads or tuple(DATASETS))))
    frames = {n: data.load(n, root) for n in names if n != "sources"}
    sources = data.load("sources", root).set_index("source_id")
    used = sorted({sid for f in frames.values() for sid in source_ids.of_frame(f)})
    sources_table = tables.sources_html(used, sources, "Sources, with publication and access dates ({n})")
    cov = []
    for name, frame in frames.items():
        span = ""
        for col in ("period_start", "date", "arrival_date"):
            if col in frame and frame[col].notna().any():
                span = f"{frame[col].min():%Y-%m}–{frame[col].max():%Y-%m}"
                break
        if not span:
            for col in ("year", "order_year"):
                if col in frame and frame[col].notna().any():
                    span = f"{int(frame[col].min())}–{int(frame[col].max())}"
                    break
        extra = ""
        if "basis" in frame:
            extra = "; bases: " + ", ".join(sorted(set(frame["basis"])))
        cov.append(f"<tr><td>{html.escape(DATASETS[name].path)}</td><td>{html.escape(DATASETS[name].title)}</td>"
                   f"<td>{len(frame)}</td><td>{html.escape(span + extra)}</td>"
                   f"<td>{html.escape(dataset_gaps(name, frame))}</td></tr>")
    coverage = ('<table class="text-cell"><caption>Coverage of each dataset (rows; first and last period)</caption>'
                "<thead><tr><th>file</th><th>what it holds</th><th>rows</th><th>coverage</th><th>gaps</th></tr>"
                "</thead><tbody>" + "".join(cov) + "</tbody></table>")
    body = (
        "<p>Every figure in this report comes from a dataset in <code>data/</code>; every row there names its "
        "source. Quality: primary = an official body or the data publisher's own file; secondary = a wire "
        "service or major newspaper; weak = a blog, re-post or outlet of uncertain reliability (used only "
        "where nothing better was found, and marked where shown). Gaps are gaps: a year without a figure is "
        "not a zero.</p>"
        f"<p>{html.escape(access_sentence(sources))}</p>"
        f"<p><strong>SIPRI:</strong> {SIPRI_CREDIT}. Shares of Pakistan's arms imports are computed for this report "
        "from SIPRI trend-indicator values; they are not SIPRI's figures.</p>"
        # the datasets' coverage is for a user of the data, not a reader of the print: the HTML keeps it
        '<h3 id="sources-coverage" class="print-omit">Coverage of each dataset</h3>'
        + appendix.details("sources-coverage-table", f"Coverage of each dataset ({len(cov)} datasets)", coverage,
                           printed=False)
        + '<h3 id="sources-list">Sources</h3>'
        + appendix.details("sources-table",
                           f"Every source the datasets cite, with links ({appendix.rows_text(len(used))})",
                           sources_table)
        + '<h3 id="sources-cite">How to cite</h3><p>pakru, <em>Pakistan and Russia: trade, payments and defence</em>, '
        "report built from the commit and on the date given in the title block; data as listed above, each "
        "under its publisher's terms.</p>")
    return appendix.Appendix("sources", "Data and sources", body)


APPENDIX_START = '<section class="report-section appendix"'


def cite_in_body(page: str, root: Path) -> str:
    """The page with every source id in the body's text (before the appendices) replaced by its
    publisher and year, linked to the source's row in the appendix (:func:`pakru.page.render.cite_ids`)."""
    import re

    from ..data import datasets as data
    from . import render

    body, sep, rest = page.partition(APPENDIX_START)
    anchors = set(re.findall(r'<tr id="(src-[^"]+)"', rest))
    return render.cite_ids(body, data.load("sources", root), anchors) + sep + rest


def long_date(stamp: Any) -> str:
    """``"2026-12-01T21:04:33+00:00"`` -> ``"1 December 2026"``."""
    import pandas as pd

    try:
        d = pd.Timestamp(str(stamp)[:10])
    except ValueError:
        return str(stamp)
    return f"{d.day} {d:%B %Y}"


def title_meta(manifest: dict[str, Any], through: dict[str, str]) -> list[tuple[str, str]]:
    """The title block's rows: the edition's date and how late each publisher's data run."""
    return [("Edition", long_date(manifest.get("started_utc", ""))),
            ("Data through", vintage.through_text(through))]


def refresh_notice_html(status: dict[str, Any]) -> str:
    """One plain line per failed refresh for the title block ('' when none failed)."""
    lines = vintage.refresh_notices(status or {})
    return "".join(f'<p class="refresh-notice">{html.escape(line)}</p>' for line in lines)


def about_appendix(manifest: dict[str, Any]) -> appendix.Appendix:
    nb_rows = "".join(
        f"<tr><td>{html.escape(n['notebook'])}</td><td>{html.escape(n['status'])}</td>"
        f"<td>{n['duration_s']:.1f}</td><td>{html.escape(n.get('reason', ''))}</td></tr>"
        for n in manifest.get("notebooks", []))
    params_rows = "".join(
        f"<tr><td>{html.escape(sec)}.{html.escape(k)}</td><td>{html.escape(str(v))}</td></tr>"
        for sec, vals in manifest.get("parameters", {}).items() for k, v in vals.items())
    pkg_rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(str(v))}</td></tr>"
                       for k, v in manifest.get("packages", {}).items())
    data_rows = "".join(f"<tr><td>{html.escape(k)}</td><td><code>{html.escape(v)}</code></td></tr>"
                        for k, v in manifest.get("data_sha256", {}).items())
    tables_ = [
        ("about-notebooks", "Notebooks: status and duration (seconds)", len(manifest.get("notebooks", [])),
         "<th>notebook</th><th>status</th><th>seconds</th><th>why</th>", nb_rows, "text-cell"),
        ("about-parameters", "Parameters", sum(len(v) for v in manifest.get("parameters", {}).values()),
         "<th>parameter</th><th>value</th>", params_rows, "text-cell"),
        ("about-packages", "Package versions", len(manifest.get("packages", {})),
         "<th>package</th><th>version</th>", pkg_rows, "text-cell"),
        ("about-checksums", "Data files read (SHA-256)", len(manifest.get("data_sha256", {})),
         "<th>file</th><th>SHA-256</th>", data_rows, "text-cell checksums"),
    ]
    params = ", ".join(f"{k}={v}" for k, v in (manifest.get("parameters_changed") or {}).items())
    vint = vintage.vintage_text(manifest.get("data_vintage_by_publisher")
                                or {"all sources": manifest.get("data_vintage", "unknown")})
    changes = manifest.get("changes") or []
    body = (f"<p>Run {html.escape(manifest.get('run', ''))}, started {html.escape(manifest.get('started_utc', ''))} "
            f"(UTC), from git commit <code>{html.escape(manifest.get('git_commit', ''))}</code>, with "
            f"{html.escape('parameters ' + params if params else 'the report defaults')}. The same record is "
            "in <code>manifest.json</code> beside this file.</p>"
            "<p><strong>Data refresh:</strong> "
            f"{html.escape(vintage.refresh_text(manifest.get('update_status') or {}))}</p>"
            f"<p><strong>Sources last read</strong> (the latest access date per publisher): {html.escape(vint)}.</p>"
            + (f"<p><strong>Against the previous run:</strong></p>{_list(changes, ordered=False)}" if changes else ""))
    body += ('<p class="print-only">The notebooks\' status, the parameters, the package versions and the data '
             "files' checksums are in the HTML edition and in manifest.json.</p>")
    for tid, caption, n, head, rows, cls in tables_:
        table = (f'<table class="{cls}"><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>'
                 f"<tbody>{rows}</tbody></table>")
        # a record of the run for its maintainers: the HTML keeps it, the print leaves it out
        body += appendix.details(tid, f"{caption} ({appendix.rows_text(n)})", table, printed=False)
    return appendix.Appendix("about", "About this run", body)
