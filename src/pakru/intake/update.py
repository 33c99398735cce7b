"""``pakru update``: fetch from the publishers' APIs, keep the raw answers, merge them.

For each source in turn: every request is made (with retries, :mod:`.fetch`), every answer is
parsed and checked, the merged data are validated, and only then are the raw answers (under
``data/raw/<source>/<UTC date>/``, each with a ``.json`` naming its request URL and SHA-256) and
the data files written together. A source that fails leaves ``data/`` as it was; the next source
still runs. The outcome of each source goes to the status file (:data:`STATUS_FILE`).
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

from ..errors import DataFolderError, PakruError, ParameterError, clip
from .extract import NoData, ShapeError
from .fetch import Fetcher, PublisherError
from .plan import ImportPlan, apply, describe_plan, plan_import
from .provenance import Origin, now_utc, sha256_of
from .publisher import Parsed, Publisher, Snapshot
from .registry import UPDATE_SOURCES
from .status import STATUS_FILE, read_status, status_path
from .store import replace_files

UPDATE_HELP = ("fetch the latest data from the publishers (imf, comtrade APIs; sbp workbooks) and merge it "
               "into data/")
SOURCE_NAMES: tuple[str, ...] = tuple(UPDATE_SOURCES)


def _epilog() -> str:
    width = max(len(n) for n in SOURCE_NAMES)
    lines = ["sources:"]
    for p in UPDATE_SOURCES.values():
        what = p.api.describe if p.api else "files only: prints how to download and import them (pakru import)"
        lines.append(f"  {p.name:<{width}}  {what}")
    lines += ["",
              "raw answers are kept under data/raw/<source>/<UTC date>/; each source's outcome is written to "
              f"{STATUS_FILE.as_posix()} ($PAKRU_UPDATE_STATUS overrides the path)",
              "exit codes: 0 done, 2 bad usage, 3 merged data invalid (that source not written), "
              "7 a publisher unreachable or answering an error or an unexpected shape, or a workbook the reader "
              "could not read within its memory and time limits (that source not written; the others still applied)"]
    return "\n".join(lines)


EPILOG = _epilog()


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


def _parse(source: Publisher, snaps: tuple[Snapshot, ...]) -> tuple[Parsed, ...]:
    assert source.api is not None
    try:
        return source.api.parse(snaps)
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


def plan_source(root: Path, source: Publisher, when: datetime) -> ImportPlan:
    """Fetch and merge one source; nothing is written. Raises PublisherError or DataError."""
    api = source.api
    assert api is not None
    with Fetcher(source.name, headers=api.headers(), origin=api.base_url()) as fetcher:
        snaps = api.fetch(fetcher)
    parsed = _parse(source, snaps)
    data = root / "data"
    raw, where = _snapshot_files(data, source.name, snaps, when)
    extracts = []
    for kind, extract, used in ((p.kind, p.extract, p.snapshots) for p in parsed):
        if extract.row_count == 0:
            raise PublisherError(
                source.name, f"the answer holds no Pakistan–Russia rows for {extract.source.source_id}; not merged")
        files = [where[s.name].relative_to(data).as_posix() for s in used]
        label = files[0] if len(files) == 1 else f"{Path(files[0]).parent.as_posix()}/ ({len(files)} files)"
        sha = used[0].sha256 if len(used) == 1 else sha256_of("\n".join(s.sha256 for s in used).encode())
        url = used[0].response.url if len(used) == 1 else api.base_url()
        extracts.append((extract, Origin(kind, label, sha, url, when)))
    return plan_import(root, tuple(extracts), extra_files=raw)


def _record(root: Path, source: Publisher, when: datetime, error: PakruError | None,
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
    unknown = [n for n in names if n not in UPDATE_SOURCES]
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
    chosen = names or list(UPDATE_SOURCES)
    worst = 0
    for name in chosen:
        source = UPDATE_SOURCES[name]
        if source.api is None:
            print(f"{name}: {source.files_only}")
            continue
        when = now_utc()
        try:
            plan = plan_source(root, source, when)
            print("\n".join(describe_plan(plan, dry_run, name)), flush=True)
            if not dry_run:
                apply(plan, root, f"pakru update {name}")
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as caught:  # noqa: BLE001 - one source's failure must not stop the others
            err = _unexpected(name, caught)
            shown = str(err) if str(err).startswith(f"update {name}:") else f"update {name}: {err}"
            print(f"pakru: {shown}", file=sys.stderr, flush=True)
            worst = max(worst, err.exit_code)
            if not dry_run:
                _record(root, source, when, err, None, shown)
            continue
        if not dry_run:
            _record(root, source, when, None, plan)
    return worst

