"""What a publisher declares: the file kinds ``pakru import`` reads, and (for a publisher with an
API) how ``pakru update`` fetches and reads its answers.

Each publisher is one package under :mod:`pakru.intake.publishers` whose ``__init__`` holds one
:class:`Publisher`; :mod:`pakru.intake.publishers` lists them, and that list is the only registry
``import`` and ``update`` read. These are the types that declaration is made of.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from .extract import Extract, SourceInfo
from .fetch import Fetcher, Response
from .provenance import sha256_of


@dataclass(frozen=True)
class ImportOptions:
    source_id: str | None = None  # --source: the registry row the rows point to
    url: str | None = None        # --url: where the file came from (for a new registry row)
    flow: str | None = None       # --flow: exports/imports, for files that hold one flow
    published: str | None = None  # --published: the file's publication date (for a new registry row)


@dataclass(frozen=True)
class Kind:
    """One file format ``pakru import KIND FILE`` reads."""

    name: str
    datasets: tuple[str, ...]
    where: str  # one line: where to download such a file
    read: Callable[[Path, ImportOptions], Extract]


@dataclass(frozen=True)
class Snapshot:
    """One raw answer of an update, kept under ``data/raw/<source>/<UTC date>/<name>``."""

    name: str
    response: Response

    @property
    def sha256(self) -> str:
        return sha256_of(self.response.content)


@dataclass(frozen=True)
class Parsed:
    """One extract of an update, the kind it is logged as, and the answers it was read from."""

    kind: str
    extract: Extract
    snapshots: tuple[Snapshot, ...]


@dataclass(frozen=True)
class Api:
    """How ``pakru update <name>`` reaches a publisher: every request is made first (``fetch``), then
    every answer is read (``parse``); ``headers`` go only to ``base_url``'s origin (a key)."""

    fetch: Callable[[Fetcher], tuple[Snapshot, ...]]
    parse: Callable[[tuple[Snapshot, ...]], tuple[Parsed, ...]]
    base_url: Callable[[], str]
    describe: str  # one line for 'pakru update --help'
    headers: Callable[[], dict[str, str]] = dict


@dataclass(frozen=True)
class Publisher:
    """One publisher: its name for ``pakru update``, who it is, its file kinds, and either its API or,
    for a publisher of files only, what ``pakru update`` prints instead (how to download and import)."""

    name: str
    publisher: str
    kinds: tuple[Kind, ...]
    api: Api | None = None
    files_only: str = ""


def with_options(default: SourceInfo, options: ImportOptions) -> SourceInfo:
    """The kind's own source row, with what ``--source``, ``--published`` and ``--url`` override."""
    info = replace(default, source_id=options.source_id) if options.source_id else default
    info = replace(info, published=options.published) if options.published else info
    return replace(info, url=options.url) if options.url else info
