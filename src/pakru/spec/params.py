"""The report's sections and parameters, as declared in ``report/report.yaml``.

Parameters are validated here, before any kernel starts: a wrong name, type or value, or a
start after an end, is a :class:`~pakru.errors.ParameterError` (exit code 2) naming the parameter
and what is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..errors import ParameterError

SPEC_PATH = Path("report") / "report.yaml"


@dataclass(frozen=True)
class ParamSpec:
    name: str
    type: str
    default: Any
    help: str = ""
    choices: tuple[Any, ...] | None = None
    min: float | None = None
    max: float | None = None

    def allowed(self) -> str:
        """A short phrase saying what values are allowed."""
        if self.type == "list":
            return f"a comma-separated list of: {', '.join(map(str, self.choices or ()))}"
        if self.choices is not None:
            return "one of: " + ", ".join(map(str, self.choices))
        if self.type == "date":
            lo = f" from {self.min}" if self.min else ""
            hi = f" to {self.max}" if self.max else ""
            return f"an ISO date (YYYY-MM-DD){lo}{hi}"
        if self.min is not None or self.max is not None:
            return f"{'an integer' if self.type == 'int' else 'a number'} from {self.min} to {self.max}"
        return {"int": "an integer", "float": "a number", "bool": "true or false", "str": "text"}[self.type]

    def convert(self, raw: Any, where: str) -> Any:
        """Turn ``raw`` (a CLI string, or a YAML value) into this parameter's type, or raise."""
        def bad(why: str) -> ParameterError:
            return ParameterError(f"parameter '{where}': {raw!r} {why}; allowed: {self.allowed()}")

        value: Any
        if self.type == "int":
            if isinstance(raw, bool):
                raise bad("is not an integer")
            try:
                value = int(raw) if not isinstance(raw, float) or raw.is_integer() else None
            except (TypeError, ValueError):
                value = None
            if value is None:
                raise bad("is not an integer")
        elif self.type == "float":
            try:
                value = float(raw)
            except (TypeError, ValueError):
                raise bad("is not a number") from None
        elif self.type == "bool":
            if isinstance(raw, bool):
                value = raw
            elif str(raw).lower() in ("true", "yes", "1"):
                value = True
            elif str(raw).lower() in ("false", "no", "0"):
                value = False
            else:
                raise bad("is not true or false")
        elif self.type == "date":
            text = raw.isoformat() if isinstance(raw, date) else str(raw)
            try:
                date.fromisoformat(text)
            except ValueError:
                raise bad("is not an ISO date") from None
            if len(text) != 10:
                raise bad("is not an ISO date")
            value = text  # notebooks receive dates as ISO strings: papermill passes them as-is
        elif self.type == "list":
            if isinstance(raw, str) and raw.strip().startswith("["):
                # papermill passes `-p series '["a", "b"]'` through as text: read it as the list it spells
                try:
                    raw = yaml.safe_load(raw)
                except yaml.YAMLError:
                    raise bad("is not a list") from None
            if isinstance(raw, tuple):
                raw = list(raw)
            items = raw if isinstance(raw, list) else [s.strip() for s in str(raw).split(",") if s.strip()]
            unknown = [i for i in items if self.choices is not None and i not in self.choices]
            if unknown:
                raise ParameterError(f"parameter '{where}': {unknown[0]!r} is not allowed; "
                                     f"allowed: {self.allowed()}")
            if not items:
                raise bad("is empty")
            value = list(items)
        else:
            value = str(raw)
        if self.type != "list" and self.choices is not None and value not in self.choices:
            raise bad("is not allowed")
        if self.type in ("int", "float"):
            if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
                raise bad("is out of range")
        if self.type == "date":
            if (self.min and value < str(self.min)) or (self.max and value > str(self.max)):
                raise bad("is out of range")
        return value


@dataclass(frozen=True)
class SectionSpec:
    id: str
    title: str
    notebook: str
    parameters: dict[str, ParamSpec]
    # {"start_year": {"before_or_equal": "end_year"}}
    checks: dict[str, dict[str, str]] = field(default_factory=dict)
    # the datasets (names in pakru.data.schema.DATASETS) the notebook reads; a change to any other data
    # file does not make it run again. Empty means "all of them".
    reads: tuple[str, ...] = ()
    # this notebook's time limit in seconds; None: the build's --timeout
    timeout_s: float | None = None

    def defaults(self) -> dict[str, Any]:
        return {name: p.default for name, p in self.parameters.items()}


@dataclass(frozen=True)
class ReportSpec:
    title: str
    subtitle: str
    sections: tuple[SectionSpec, ...]
    # who a reader cites (a person or organisation), the report's address, its licence line
    author: str = ""
    url: str = ""
    licence: str = ""

    def section(self, section_id: str) -> SectionSpec:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def defaults(self) -> dict[str, dict[str, Any]]:
        return {s.id: s.defaults() for s in self.sections}


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys; in a parameters file that hides a mistake."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'; each name may appear once", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path, shown: str) -> Any:
    """Parse a YAML file strictly; every problem is one ParameterError naming the file (and the
    line and column for a syntax error)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ParameterError(f"{shown}: file not found") from None
    except IsADirectoryError:
        raise ParameterError(f"{shown}: is a folder, not a YAML file") from None
    except UnicodeDecodeError as err:
        line = path.read_bytes()[:err.start].count(b"\n") + 1
        raise ParameterError(f"{shown}, line {line}: is not UTF-8 text (byte 0x{err.object[err.start]:02x}); "
                             "save the file as UTF-8") from None
    except OSError as err:
        raise ParameterError(f"{shown}: cannot be read ({err.strerror or err})") from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f", line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        if isinstance(err, yaml.constructor.ConstructorError):  # valid syntax, a value we refuse
            raise ParameterError(f"{shown}{where}: {problem}") from None
        raise ParameterError(f"{shown}{where}: not valid YAML ({problem})") from None


def load_spec(root: Path) -> ReportSpec:
    """Read and check ``report/report.yaml`` under ``root``."""
    from . import schema as report_schema
    from ..data.schema import DATASETS

    path = root / SPEC_PATH
    shown = str(SPEC_PATH)
    if not path.is_file() and not path.is_dir():
        # the whole path: a wrong --root is the usual cause, and only the full path shows it
        raise ParameterError(f"{path}: not found; it declares the report's sections and parameters "
                             "(is --root, or the working directory, the project folder?)")
    raw = read_yaml(path, shown)
    report_schema.check(raw, root, shown, tuple(DATASETS))
    sections = []
    for sec in raw["sections"]:
        sid = sec["id"]
        params: dict[str, ParamSpec] = {}
        for name, p in (sec.get("parameters") or {}).items():
            choices = p.get("choices")
            spec = ParamSpec(name=name, type=p["type"], default=p.get("default"), help=p.get("help", ""),
                             choices=tuple(choices) if choices is not None else None,
                             min=p.get("min"), max=p.get("max"))
            # a default that fails its own rules would only surface at build time; stop here instead
            spec.convert(spec.default, f"{sid}.{name} (default in {shown})")
            params[name] = spec
        sections.append(SectionSpec(id=sid, title=sec["title"], notebook=sec["notebook"],
                                    parameters=params, checks=sec.get("checks") or {},
                                    reads=tuple(sec.get("reads") or ()), timeout_s=sec.get("timeout")))
    cite = raw.get("citation") or {}
    return ReportSpec(title=raw.get("title", ""), subtitle=raw.get("subtitle", ""), sections=tuple(sections),
                      author=str(cite.get("author", "")), url=str(cite.get("url") or ""),
                      licence=str(cite.get("licence") or ""))


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """``["a=1", "trade.b=x"]`` -> ``{"a": "1", "trade.b": "x"}``."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"parameter '{pair}': write it as NAME=VALUE (e.g. -p start_year=2010)")
        out[name.strip()] = value.strip()
    return out


def read_params_file(path: Path) -> dict[str, Any]:
    """A YAML file of ``name: value`` pairs; ``section: {name: value}`` sets one section only."""
    raw = read_yaml(path, f"--params-file {path}")
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ParameterError(f"--params-file {path}: expected 'name: value' lines")
    flat: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, dict):
            for name, v in value.items():
                flat[f"{key}.{name}"] = v
        else:
            flat[str(key)] = value
    return flat


def resolve(spec: ReportSpec, overrides: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The parameters each section runs with: defaults, then ``overrides``.

    A plain name applies to every section declaring it; ``section.name`` to that section only.
    """
    values = spec.defaults()
    all_names = {n for s in spec.sections for n in s.parameters}
    ordered = sorted(overrides.items(), key=lambda kv: "." in kv[0])  # section-specific wins
    for name, raw in ordered:
        if "." in name:
            sid, _, pname = name.partition(".")
            try:
                section = spec.section(sid)
            except KeyError:
                raise ParameterError(f"parameter '{name}': unknown section '{sid}'; sections: "
                                     f"{', '.join(s.id for s in spec.sections)}") from None
            if pname not in section.parameters:
                raise ParameterError(f"parameter '{name}': section '{sid}' has no parameter '{pname}'; "
                                     f"it has: {', '.join(section.parameters)}")
            values[sid][pname] = section.parameters[pname].convert(raw, name)
            continue
        if name not in all_names:
            raise ParameterError(f"parameter '{name}' is unknown; known parameters: {', '.join(sorted(all_names))} "
                                 "(see `pakru params`)")
        holders = [s for s in spec.sections if name in s.parameters]
        for section in holders:
            # a name shared by sections may be allowed in one and not another: say which
            where = name if len(holders) == 1 else f"{section.id}.{name}"
            try:
                values[section.id][name] = section.parameters[name].convert(raw, where)
            except ParameterError as err:
                if len(holders) == 1:
                    raise
                others = ", ".join(f"{s.id}.{name}" for s in holders)
                raise ParameterError(f"{err} (-p {name}=... sets {others}; use -p SECTION.{name}=VALUE "
                                     "to set one section only)") from None
    for section in spec.sections:
        for first, rule in section.checks.items():
            for relation, second in rule.items():
                a, b = values[section.id][first], values[section.id][second]
                if relation == "before_or_equal" and a > b:
                    raise ParameterError(f"parameter '{first}' ({a}) is after '{second}' ({b}) in section "
                                         f"'{section.id}'; {first} must not be after {second}")
    return values


def validate_section(section_id: str, values: dict[str, Any], root: Path | None = None) -> dict[str, Any]:
    """Check one section's values with the rules of report.yaml; for a notebook run on its own
    (JupyterLab, plain papermill), where `pakru build` has not checked them. Returns the values
    converted to their declared types; raises ParameterError naming the parameter."""
    if root is None:
        from ..data.datasets import project_root

        root = project_root()
    spec = load_spec(root)
    section = spec.section(section_id)
    overrides = {f"{section_id}.{k}": v for k, v in values.items() if k in section.parameters}
    return resolve(spec, overrides)[section_id]


def changed_from_defaults(spec: ReportSpec, values: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``{"trade.basis": "fiscal"}`` for every parameter that differs from its default."""
    out: dict[str, Any] = {}
    for section in spec.sections:
        for name, p in section.parameters.items():
            if values[section.id][name] != p.default:
                out[f"{section.id}.{name}"] = values[section.id][name]
    return out


def describe(spec: ReportSpec) -> str:
    """The text `pakru params` prints."""
    lines = []
    for section in spec.sections:
        lines.append(f"[{section.id}] {section.title}  ({section.notebook})")
        for p in section.parameters.values():
            lines.append(f"  {p.name:<22} {p.type:<5} default {p.default!r:<14} {p.allowed()}")
            if p.help:
                lines.append(f"  {'':<22} {p.help}")
    return "\n".join(lines)
