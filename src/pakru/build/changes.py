"""What changed in an edition: news kept apart from settings.

Two questions, two records:

- **settings** (:func:`settings_of`): which of this edition's parameters differ from the report's
  defaults. It is a property of the edition alone, never of the one before it: a default build after
  an ad-hoc one is a default build.
- **news** (:func:`compare`): what moved against the last successful edition *built with the same
  parameters* (:func:`baseline`): data files, the rows of each dataset, and the key figures that
  moved, appeared or disappeared. Because both editions share their parameters, a figure that moved
  only because a parameter changed is never listed; when no earlier edition used these parameters,
  the record says so instead of comparing with another setting.

Everything here is pure: manifests (``manifest.json`` as parsed) in, frozen records out. The figures
compared are generic records of (key, value, unit, text): the facts the notebooks publish
(``findings`` in the manifest, :func:`pakru.page.write.findings`), or a list of typed facts stored
the same way (``facts``, keyed by ``id``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from ..data import rowdiff
from ..present.numbers import fixed

# manifest lists that hold figures, and the field that names each one
FIGURE_LISTS = (("findings", "key"), ("facts", "id"))


@dataclass(frozen=True)
class Figure:
    """One figure an edition states: a stable key (``trade.latest_total``), its value and unit,
    and the sentence that quotes it."""

    key: str
    value: Any
    unit: str = ""
    text: str = ""


@dataclass(frozen=True)
class FigureChange:
    """A figure that ``moved`` (``before`` → ``after``), is ``new``, or was ``removed``. ``text``
    is the figure's sentence in this edition (for a removed one: as it was)."""

    key: str
    kind: str  # "moved", "new", "removed"
    before: Any
    after: Any
    unit: str
    text: str


@dataclass(frozen=True)
class DatasetChange:
    """Rows of one data file added, removed and changed (by the schema's key)."""

    file: str  # "data/trade/observations.csv"
    added: int
    removed: int
    changed: int


@dataclass(frozen=True)
class Setting:
    name: str  # "trade.basis"
    value: Any


@dataclass(frozen=True)
class Settings:
    """This edition's parameters that differ from the report's defaults (``()``: all defaults)."""

    non_default: tuple[Setting, ...] = ()

    @property
    def is_default(self) -> bool:
        return not self.non_default

    def text(self) -> str:
        """``"trade.basis=fiscal, trade.reporter=PAK"``; ``""`` for the defaults."""
        return ", ".join(f"{s.name}={s.value}" for s in self.non_default)


@dataclass(frozen=True)
class Changes:
    """What an edition says changed. ``baseline`` is the run compared with (the last successful
    edition built with the same parameters), ``None`` when there is none: ``first_edition`` tells
    a first edition from one whose settings no kept edition shared."""

    settings: Settings
    baseline: str | None
    baseline_started_utc: str
    first_edition: bool
    data_files: tuple[str, ...] = ()
    datasets: tuple[DatasetChange, ...] = ()
    figures: tuple[FigureChange, ...] = ()

    @property
    def has_news(self) -> bool:
        return bool(self.data_files or self.datasets or self.figures)


def settings_of(manifest: Mapping[str, Any]) -> Settings:
    """The edition's own non-default parameters, from its ``parameters_changed``."""
    changed = manifest.get("parameters_changed") or {}
    return Settings(tuple(Setting(str(k), v) for k, v in sorted(changed.items())))


def figures_of(manifest: Mapping[str, Any]) -> tuple[Figure, ...]:
    """Every figure the edition states, in its order (key figures, then facts)."""
    out = []
    for field, id_field in FIGURE_LISTS:
        for item in manifest.get(field) or []:
            if isinstance(item, Mapping) and item.get(id_field):
                out.append(Figure(str(item[id_field]), item.get("value"), str(item.get("unit") or ""),
                                  str(item.get("text") or "")))
    return tuple(out)


def baseline(manifest: Mapping[str, Any], editions: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The newest successful edition among ``editions`` built with exactly ``manifest``'s
    parameters (``manifest`` itself excluded), or ``None``."""
    own = manifest.get("run")
    same = [e for e in editions if e.get("status") == "succeeded" and e.get("run") != own
            and e.get("parameters") == manifest.get("parameters")]
    # run names are UTC timestamps: the largest is the newest
    return max(same, key=lambda e: (str(e.get("started_utc") or ""), str(e.get("run") or "")), default=None)


def compare(manifest: Mapping[str, Any], base: Mapping[str, Any] | None, first_edition: bool = False) -> Changes:
    """News in ``manifest`` against ``base`` (see :func:`baseline`); settings always from ``manifest``."""
    settings = settings_of(manifest)
    if base is None:
        return Changes(settings, None, "", first_edition)
    old_data, new_data = base.get("data_sha256") or {}, manifest.get("data_sha256") or {}
    files = tuple(sorted(f for f in set(old_data) | set(new_data) if old_data.get(f) != new_data.get(f)))
    datasets: tuple[DatasetChange, ...] = ()
    if base.get("data_rows") and manifest.get("data_rows"):
        datasets = tuple(DatasetChange(name, c["added"], c["removed"], c["changed"]) for name, c in
                         rowdiff.changed_datasets(base["data_rows"], manifest["data_rows"]).items())
    return Changes(settings, str(base.get("run") or ""), str(base.get("started_utc") or ""), False, files, datasets,
                   figure_changes(figures_of(base), figures_of(manifest)))


def figure_changes(before: Iterable[Figure], after: Iterable[Figure]) -> tuple[FigureChange, ...]:
    """Figures moved or new (in ``after``'s order), then those removed (in ``before``'s order)."""
    old = {f.key: f for f in before}
    now = {f.key: f for f in after}
    out = []
    for f in now.values():
        was = old.get(f.key)
        if was is None:
            out.append(FigureChange(f.key, "new", None, f.value, f.unit, f.text))
        elif was.value != f.value:
            out.append(FigureChange(f.key, "moved", was.value, f.value, f.unit or was.unit, f.text))
    out.extend(FigureChange(f.key, "removed", f.value, None, f.unit, f.text) for f in old.values() if f.key not in now)
    return tuple(out)


def changes_for(manifest: Mapping[str, Any], editions: Iterable[Mapping[str, Any]]) -> Changes:
    """:func:`compare` with the :func:`baseline` found among ``editions`` (the kept runs' manifests)."""
    editions = list(editions)
    earlier = [e for e in editions if e.get("status") == "succeeded" and e.get("run") != manifest.get("run")]
    return compare(manifest, baseline(manifest, earlier), first_edition=not earlier)


def format_value(value: Any, unit: str) -> str:
    """``762.4, "USD million"`` -> ``"762.4 USD million"``; ``5.0, "percent"`` -> ``"5%"``."""
    if value is None:
        return "n/a"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = fixed(value, 2).rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    else:
        text = str(value)
    if unit == "percent":
        return text + "%"
    return f"{text} {unit}".strip() if unit else text


def summary_lines(changes: Changes) -> list[str]:
    """The lines the terminal, ``build.log`` and the run's "About this run" give (keys and files,
    for the maintainers): settings first, then the news against the baseline."""
    out = []
    if not changes.settings.is_default:
        out.append(f"Built with non-default settings: {changes.settings.text()}.")
    if changes.baseline is None:
        out.append("This is the first run: there is nothing to compare with." if changes.first_edition else
                   "No earlier edition was built with these settings: there is nothing to compare with.")
        return out
    news = []
    if changes.data_files:
        news.append("Data files changed: " + ", ".join(changes.data_files) + ".")
    news.extend(rowdiff.sentence(d.file, {"added": d.added, "removed": d.removed, "changed": d.changed})
                for d in changes.datasets)
    for f in changes.figures:
        if f.kind == "new":
            news.append(f"New key figure {f.key}: {format_value(f.after, f.unit)}.")
        elif f.kind == "moved":
            news.append(f"{f.key}: {format_value(f.before, f.unit)} → {format_value(f.after, f.unit)}.")
        else:
            news.append(f"Key figure {f.key} removed (was {format_value(f.before, f.unit)}).")
    if not news:
        return [*out, f"Nothing in the data or the key figures changed since run {changes.baseline}."]
    return [*out, f"Compared with run {changes.baseline}, the last edition built with the same settings:", *news]


def to_json(changes: Changes) -> dict[str, Any]:
    """The record as the manifest keeps it (``what_changed``)."""
    return asdict(changes)
