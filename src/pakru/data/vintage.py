"""How fresh the report's data is: the latest access date per publisher group, and what the last
``pakru update`` did for each API source (when it last succeeded, whether its latest try failed
and why). Both go to the manifest and the report's title block.
"""

from __future__ import annotations

from typing import Any

# statistical publishers by a name their sources.csv entries carry; the rest group by kind
_NAMED = (("International Monetary Fund", "IMF"), ("UN Comtrade", "UN Comtrade"),
          ("Open Trade Statistics", "UN Comtrade"), ("SIPRI", "SIPRI"), ("SWIFT", "SWIFT"),
          ("Bank of Russia", "Bank of Russia"), ("State Bank of Pakistan", "State Bank of Pakistan"))
_KINDS = {"statistical database": "other statistics", "official statement": "officials",
          "news report": "press", "reference work": "reference works"}
_ORDER = ("IMF", "UN Comtrade", "SIPRI", "SWIFT", "Bank of Russia", "State Bank of Pakistan",
          "other statistics", "officials", "press", "reference works")


def publisher_group(publisher: str, kind: str) -> str:
    """The group a source's freshness is reported under: its statistical publisher, or its kind
    (a news report relaying a Bank of Russia note is press, not the Bank of Russia)."""
    if kind == "statistical database":
        for needle, group in _NAMED:
            if needle in publisher:
                return group
    return _KINDS.get(kind, kind or "other")


def by_publisher(sources: Any) -> dict[str, str]:
    """``{"IMF": "2026-11-20", ..., "press": "2026-11-27"}``: each group's latest access date, in a
    fixed reading order (statistics first)."""
    latest: dict[str, str] = {}
    for publisher, kind, accessed in zip(sources["publisher"], sources["kind"], sources["accessed"]):
        if accessed is None or accessed != accessed:  # missing (NaT/NaN)
            continue
        day = accessed.date().isoformat() if hasattr(accessed, "date") else str(accessed)[:10]
        group = publisher_group(str(publisher), str(kind))
        latest[group] = max(latest.get(group, ""), day)
    rank = {g: i for i, g in enumerate(_ORDER)}
    return dict(sorted(latest.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))


def vintage_text(groups: dict[str, str]) -> str:
    return "; ".join(f"{g} {d}" for g, d in groups.items()) if groups else "unknown"


def _when(stamp: Any) -> str:
    """``"2026-11-29T05:00:00Z"`` -> ``"2026-11-29 05:00 UTC"`` (the status file writes UTC)."""
    return str(stamp).replace("T", " ")[:16] + " UTC" if stamp else "at an unrecorded time"


def refresh_lines(status: dict[str, Any]) -> list[str]:
    """One sentence per API source in ``pakru update``'s status file; [] before the first update."""
    out = []
    for name, s in sorted((status.get("sources") or {}).items()):
        who = str(s.get("publisher") or name)
        done = (f"last refreshed {_when(s['last_success_utc'])}" if s.get("last_success_utc")
                else "never refreshed")
        if s.get("ok", True):
            out.append(f"{who}: {done}.")
        else:
            out.append(f"{who}: {done}; the latest refresh ({_when(s.get('last_attempt_utc'))}) failed"
                       f" (exit {s.get('exit_code')}): {s.get('error') or 'no reason recorded'}.")
    return out


def refresh_text(status: dict[str, Any]) -> str:
    lines = refresh_lines(status)
    return " ".join(lines) if lines else "no 'pakru update' recorded: the data as stored in data/"
