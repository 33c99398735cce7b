"""``pakru update``: fetch from the publishers' APIs, keep the raw answers, merge them.

For each source in turn: every request is made (with retries, :mod:`.fetch`), every answer is
parsed and checked, the merged data are validated, and only then are the raw answers (under
``data/raw/<source>/<UTC date>/``, each with a ``.json`` naming its request URL and SHA-256) and
the data files written together. A source that fails leaves ``data/`` as it was; the next source
still runs. The outcome of each source goes to the status file (:data:`STATUS_FILE`).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from collections.abc import Callable

from ..errors import DataFolderError, PakruError, ParameterError, clip
from . import comtrade, imf, sbp
from .extract import Extract, NoData, ShapeError
from .fetch import Fetcher, PublisherError, Response
from .plan import ImportPlan, apply, describe_plan, plan_import
from .provenance import Origin, now_utc, sha256_of
from .status import STATUS_FILE, read_status, status_path
from .store import replace_files

# Outside data/ on purpose: a failed update must leave data/ byte for byte as it was, and the
# status of a failure is exactly what has to be written then.
UPDATE_HELP = ("fetch the latest data from the publishers (imf, comtrade APIs; sbp workbooks) and merge it "
               "into data/")

FILE_ONLY = {
    "sipri": ("SIPRI publishes files, not an API: download the trade register (recipient Pakistan, CSV) and the "
              "TIV table at https://armstrade.sipri.org/, then run 'pakru import sipri-register FILE' and "
              "'pakru import sipri-tiv FILE'."),
    "swift": ("SWIFT publishes the RMB Tracker as monthly PDF reports at https://www.swift.com/ (RMB Tracker page): "
              "transcribe the months into the CSV layout of the existing transcription, then run "
              "'pakru import swift-rmb FILE'."),
}


@dataclass(frozen=True)
class Snapshot:
    name: str  # file name under data/raw/<source>/<date>/
    response: Response

    @property
    def sha256(self) -> str:
        return sha256_of(self.response.content)


@dataclass(frozen=True)
class ApiSource:
    name: str
    fetch: Callable[[Fetcher], tuple[Snapshot, ...]]
    parse: Callable[[tuple[Snapshot, ...]], tuple[tuple[str, Extract, tuple[Snapshot, ...]], ...]]
    headers: Callable[[], dict[str, str]]
    base_url: Callable[[], str]
    publisher: str


def _fetch_imf(fetcher: Fetcher) -> tuple[Snapshot, ...]:
    base = imf.base_url()
    return tuple(Snapshot(f"{q.name}.csv", fetcher.get(base + q.path, dict(q.params), {"Accept": imf.ACCEPT_CSV}))
                 for q in imf.queries())


def _parse_imf(snaps: tuple[Snapshot, ...]) -> tuple[tuple[str, Extract, tuple[Snapshot, ...]], ...]:
    out = []
    for s in snaps:
        try:
            out.append(("imf-sdmx", imf.extract_from_csv(s.response.content), (s,)))
        except NoData as err:
            raise NoData(f"{s.name} ({s.response.url}): {err}") from None
    return tuple(out)


def _fetch_comtrade(fetcher: Fetcher) -> tuple[Snapshot, ...]:
    base = comtrade.base_url()
    keyed = bool(comtrade.api_key())
    return tuple(Snapshot(f"{q.name}.json", fetcher.get(base + q.path, dict(q.params)))
                 for q in comtrade.queries(keyed=keyed))


def _parse_comtrade(snaps: tuple[Snapshot, ...]) -> tuple[tuple[str, Extract, tuple[Snapshot, ...]], ...]:
    preview = not comtrade.api_key()
    extract = comtrade.extract_from_json([s.response.content for s in snaps], preview=preview)
    return (("comtrade-api", extract, snaps),)


def _not_found(err: PublisherError) -> bool:
    return re.search(r" answered HTTP 404\b", err.problem) is not None


def _fetch_sbp(fetcher: Fetcher) -> tuple[Snapshot, ...]:
    """The current workbooks (both required) and the archive workbooks, where SBP has them: an
    archive answering 404 is left out, any other failure fails the source."""
    base = sbp.base_url()
    snaps = []
    for book in sbp.WORKBOOKS:
        try:
            snaps.append(Snapshot(book.name, fetcher.get(base + book.path)))
        except PublisherError as err:
            if book.archive and _not_found(err):
                print(f"sbp: no archive workbook at {base + book.path} (HTTP 404); skipped")
                continue
            raise
    return tuple(snaps)


def _parse_sbp(snaps: tuple[Snapshot, ...]) -> tuple[tuple[str, Extract, tuple[Snapshot, ...]], ...]:
    out = []
    for s in snaps:
        try:
            extract = sbp.extract_from_workbook(s.response.content, s.name)
        except ShapeError as err:
            raise ShapeError(f"{s.name}: {err}") from None
        out.append(("sbp-country", extract, (s,)))
    return tuple(out)


API_SOURCES: dict[str, ApiSource] = {
    "imf": ApiSource("imf", _fetch_imf, _parse_imf, lambda: {}, imf.base_url, "International Monetary Fund"),
    "comtrade": ApiSource("comtrade", _fetch_comtrade, _parse_comtrade,
                          lambda: {"Ocp-Apim-Subscription-Key": comtrade.api_key()} if comtrade.api_key() else {},
                          comtrade.base_url, "United Nations Statistics Division (UN Comtrade)"),
    "sbp": ApiSource("sbp", _fetch_sbp, _parse_sbp, lambda: {}, sbp.base_url, "State Bank of Pakistan"),
}


SOURCE_NAMES: tuple[str, ...] = (*API_SOURCES, *FILE_ONLY)
EPILOG = "\n".join([
    "sources:",
    f"  imf       IMF SDMX 3.0 API: IMTS goods trade Pakistan<->Russia as each reports it (annual, "
    f"{imf.FIRST_YEAR}-latest) and COFER currency shares; base URL $PAKRU_IMF_URL (default {imf.DEFAULT_URL})",
    f"  comtrade  UN Comtrade API: annual totals and HS chapters, each reporter; base URL $PAKRU_COMTRADE_URL "
    f"(default {comtrade.DEFAULT_URL}); $COMTRADE_API_KEY switches from the public preview to the full API",
    f"  sbp       State Bank of Pakistan country-wise goods trade workbooks (export receipts, import payments; "
    f"the archive workbooks where present): the Russian Federation row and line I; base URL $PAKRU_SBP_URL "
    f"(default {sbp.DEFAULT_URL})",
    "  sipri     files only: prints how to download them and import them with 'pakru import'",
    "  swift     files only: prints how to download them and import them with 'pakru import'",
    "",
    "raw answers are kept under data/raw/<source>/<UTC date>/; each source's outcome is written to "
    f"{STATUS_FILE.as_posix()} ($PAKRU_UPDATE_STATUS overrides the path)",
    "exit codes: 0 done, 2 bad usage, 3 merged data invalid (that source not written), "
    "7 a publisher unreachable or answering an error or an unexpected shape (that source not written; "
    "the others still applied)",
])


def _snapshot_files(data: Path, source: str, snaps: tuple[Snapshot, ...], when: datetime
                    ) -> tuple[tuple[tuple[Path, bytes], ...], dict[str, Path]]:
    """The raw answers and their ``.json`` records as files to write, and where each answer goes."""
    folder = data / "raw" / source / when.date().isoformat()
    files = []
    where: dict[str, Path] = {}
    for snap in snaps:
        path = folder / snap.name
        if path.exists() and sha256_of(path.read_bytes()) != snap.sha256:
            # a second run on the same day that got a different answer keeps both
            stem, _, ext = snap.name.rpartition(".")
            path = folder / f"{stem}-{when.strftime('%H%M%S')}.{ext}"
        meta = {"url": snap.response.url, "sha256": snap.sha256, "bytes": len(snap.response.content),
                "fetched_utc": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "status": snap.response.status,
                "content_type": snap.response.content_type}
        files.append((path, snap.response.content))
        files.append((path.with_suffix(path.suffix + ".json"), (json.dumps(meta, indent=2) + "\n").encode()))
        where[snap.name] = path
    return tuple(files), where


def _parse(source: ApiSource, snaps: tuple[Snapshot, ...]) -> tuple[tuple[str, Extract, tuple[Snapshot, ...]], ...]:
    try:
        return source.parse(snaps)
    except PakruError:
        raise
    except NoData as err:
        raise PublisherError(source.name, clip(f"no data, nothing merged: {err}", 400)) from None
    except RecursionError:
        problem = "nested too deeply to read (a JSON or CSV answer this deep is not a publisher's)"
    except MemoryError:
        problem = "too large to read into memory"
    except (ShapeError, ValueError, ArithmeticError) as err:  # ArithmeticError: decimal.InvalidOperation
        problem = str(err) or type(err).__name__
    except Exception as err:  # noqa: BLE001 - the boundary: an answer that breaks a parser is the answer's fault
        problem = f"{type(err).__name__}: {err}"
    raise PublisherError(source.name, f"unexpected answer, not merged: {problem}")


def plan_source(root: Path, source: ApiSource, when: datetime) -> ImportPlan:
    """Fetch and merge one source; nothing is written. Raises PublisherError or DataError."""
    with Fetcher(source.name, headers=source.headers(), origin=source.base_url()) as fetcher:
        snaps = source.fetch(fetcher)
    parsed = _parse(source, snaps)
    data = root / "data"
    raw, where = _snapshot_files(data, source.name, snaps, when)
    extracts = []
    for kind, extract, used in parsed:
        if extract.row_count == 0:
            raise PublisherError(
                source.name, f"the answer holds no Pakistan–Russia rows for {extract.source.source_id}; not merged")
        files = [where[s.name].relative_to(data).as_posix() for s in used]
        label = files[0] if len(files) == 1 else f"{Path(files[0]).parent.as_posix()}/ ({len(files)} files)"
        sha = used[0].sha256 if len(used) == 1 else sha256_of("\n".join(s.sha256 for s in used).encode())
        url = used[0].response.url if len(used) == 1 else source.base_url()
        extracts.append((extract, Origin(kind, label, sha, url, when)))
    return plan_import(root, tuple(extracts), extra_files=raw)


def _record(root: Path, source: ApiSource, when: datetime, error: PakruError | None,
            plan: ImportPlan | None, shown: str | None = None) -> None:
    status = read_status(root)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    entry = {"last_success_utc": None, "last_success": None, **status["sources"].get(source.name, {})}
    entry.update({"publisher": source.publisher, "last_attempt_utc": stamp, "ok": error is None,
                  "exit_code": 0 if error is None else error.exit_code,
                  "error": None if error is None else clip(shown or str(error), 400)})
    if error is None and plan is not None:
        datasets = {d.path: {"added": len(d.added), "changed": len(d.changed)} for d in plan.diffs if d.writes}
        entry.update({"last_success_utc": stamp,
                      "last_success": {"added": plan.added, "changed": plan.changed, "datasets": datasets}})
    status["sources"][source.name] = entry
    replace_files({status_path(root): (json.dumps(status, indent=2, sort_keys=True) + "\n").encode()})


def check_sources(names: list[str]) -> None:
    unknown = [n for n in names if n not in API_SOURCES and n not in FILE_ONLY]
    if unknown:
        raise ParameterError(f"unknown source {unknown[0]!r}; sources: {', '.join(SOURCE_NAMES)}")


def _unexpected(name: str, err: BaseException) -> PakruError:
    """Any other failure of one source, as one line with exit 7 (8 for a folder that cannot be written)."""
    if isinstance(err, PakruError):
        return err
    if isinstance(err, OSError):
        return DataFolderError(f"update {name}: cannot write {err.filename or 'data/'}: {err.strerror or err}")
    if isinstance(err, MemoryError):
        return PublisherError(name, "an answer too large to hold in memory; not merged")
    return PublisherError(name, f"failed, not merged: {type(err).__name__}: {err}")


def run_update(root: Path, names: list[str], dry_run: bool) -> int:
    """Each source in turn; a source that fails, however it fails, is one line on stderr and its
    exit code in the status file, and the next source still runs. The caller holds the data lock."""
    check_sources(names)
    chosen = names or [*API_SOURCES, *FILE_ONLY]
    worst = 0
    for name in chosen:
        if name in FILE_ONLY:
            print(f"{name}: {FILE_ONLY[name]}")
            continue
        when = now_utc()
        try:
            plan = plan_source(root, API_SOURCES[name], when)
            print("\n".join(describe_plan(plan, dry_run, name)), flush=True)
            if not dry_run:
                apply(plan, root)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as caught:  # noqa: BLE001 - one source's failure must not stop the others
            err = _unexpected(name, caught)
            shown = str(err) if str(err).startswith(f"update {name}:") else f"update {name}: {err}"
            print(f"pakru: {shown}", file=sys.stderr, flush=True)
            worst = max(worst, err.exit_code)
            if not dry_run:
                _record(root, API_SOURCES[name], when, err, None, shown)
            continue
        if not dry_run:
            _record(root, API_SOURCES[name], when, None, plan)
    return worst

