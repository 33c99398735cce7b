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
    if kind in ("statistical database", "statistical release"):
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


# --- how late the data run: "data through" per publisher -------------------------------------------
# a compiler named in a dataset is the publisher of its figures, whoever relayed them
COMPILERS = {"SBP": "State Bank of Pakistan", "PBS": "Pakistan Bureau of Statistics",
             "MoC": "Ministry of Commerce, Pakistan"}
_READER_GROUPS = {"press": "news reports", "officials": "official statements"}
_THROUGH_ORDER = ("IMF", "UN Comtrade", "State Bank of Pakistan", "Pakistan Bureau of Statistics", "SIPRI",
                  "SWIFT", "Bank of Russia")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def period_label(start: Any, end: Any) -> str:
    """A period as a reader names it: ``"2020"`` (a calendar year), ``"FY2024-25"`` (July–June),
    else the month it ends in (``"March 2026"``)."""
    import pandas as pd

    e = pd.Timestamp(end)
    s = pd.Timestamp(start) if start is not None and not pd.isna(start) else None
    if s is not None and (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year:
        return str(e.year)
    if s is not None and (s.month, s.day, e.month, e.day) == (7, 1, 6, 30) and e.year == s.year + 1:
        return f"FY{s.year}-{e.year % 100:02d}"
    return f"{_MONTHS[e.month - 1]} {e.year}"


def _row_periods(frame: Any) -> list[tuple[Any, str]]:
    """(end timestamp, label) of each row of a dataset, from whichever period columns it has."""
    import pandas as pd

    if "period_end" in frame:
        starts = frame["period_start"] if "period_start" in frame else [None] * len(frame)
        return [(pd.Timestamp(e), period_label(s, e)) if not pd.isna(e) else (None, "")
                for s, e in zip(starts, frame["period_end"])]
    for col in ("date", "arrival_date"):
        if col in frame:
            precision = frame["precision"] if "precision" in frame else ["day"] * len(frame)
            out = []
            for d, p in zip(frame[col], precision):
                if pd.isna(d):
                    out.append((None, ""))
                    continue
                d = pd.Timestamp(d)
                out.append((d, str(d.year) if p in ("year", "decade") else f"{_MONTHS[d.month - 1]} {d.year}"))
            return out
    if "delivery_years" in frame:  # a register of deals: the last year anything was delivered
        import re

        years = [max((int(y) for y in re.findall(r"\d{4}", str(c))), default=None) for c in frame["delivery_years"]]
        return [(pd.Timestamp(year=y, month=12, day=31), str(y)) if y else (None, "") for y in years]
    for col in ("year", "window_end", "order_year"):
        if col in frame:
            return [(pd.Timestamp(year=int(y), month=12, day=31), str(int(y))) if not pd.isna(y) else (None, "")
                    for y in frame[col]]
    return [(None, "")] * len(frame)


def _provisional(row: Any) -> bool:
    return any("provisional" in str(row.get(c, "")).lower() for c in ("qualifier", "note", "status"))


# datasets that hold one publisher's figures whatever page relayed them (SIPRI's shares are read
# from press reports of its release)
DATASET_PUBLISHER = {"supplier_shares": "SIPRI", "arms_transfers": "SIPRI", "arms_imports_tiv": "SIPRI"}


def data_through(frames: dict[str, Any], sources: Any) -> dict[str, str]:
    """``{"IMF": "2020", "State Bank of Pakistan": "FY2023-24", "SIPRI": "2025", ...}``: for each
    publisher, the latest period its figures in ``frames`` (dataset name -> frame) cover, with
    ``" (provisional)"`` where that latest row says so. A row's publisher is the compiler its
    dataset names (``compiler`` column), else the publisher of its (first) source, grouped as
    :func:`publisher_group` does; news and official statements come last. Pure: nothing is read."""
    import pandas as pd

    reg = sources.set_index("source_id") if "source_id" in sources else sources
    best: dict[tuple[str, str], tuple[Any, str]] = {}
    for name, frame in frames.items():
        if name == "sources" or frame is None or not len(frame) or "source_id" not in frame:
            continue
        periods = _row_periods(frame)
        records = frame.to_dict("records")
        for rec, (end, label) in zip(records, periods):
            if end is None:
                continue
            compiler = rec.get("compiler")
            if name in DATASET_PUBLISHER:  # the publisher's own figures, whoever relayed them
                group = DATASET_PUBLISHER[name]
            elif isinstance(compiler, str) and compiler:
                group = COMPILERS.get(compiler, compiler)
            else:
                sid = str(rec.get("source_id") or "").split(";")[0].strip()
                if sid not in reg.index:
                    continue
                group = publisher_group(str(reg.at[sid, "publisher"]), str(reg.at[sid, "kind"]))
                group = _READER_GROUPS.get(group, group)
            if group in ("reference works", "official statements", "news reports"):
                # histories, statements and news: not a publisher's data that run to a period
                continue
            label += " (provisional)" if _provisional(rec) else ""
            key = (group, topic_of(name))
            if key not in best or end > best[key][0]:
                best[key] = (pd.Timestamp(end), label)
    rank = {g: i for i, g in enumerate(_THROUGH_ORDER)}
    late = {g: len(rank) + 10 + i for i, g in enumerate(("official statements", "news reports"))}
    out: dict[str, str] = {}
    for group in sorted({g for g, _ in best}, key=lambda g: (rank.get(g, late.get(g, len(rank))), g)):
        mine = sorted(((end, label, topic) for (g, topic), (end, label) in best.items() if g == group), reverse=True)
        if group in late:  # news and statements: how recent the latest one is, whatever its topic
            mine = mine[:1]
        elif len(mine) > 1:  # a statistical publisher cited for an event is not its data's vintage
            mine = [m for m in mine if not m[2].endswith("events")] or mine[:1]
        # one topic: its period alone; several (the IMF's trade and its reserve shares): each named
        out[group] = mine[0][1] if len(mine) == 1 else ", ".join(f"{label} ({topic})" for _, label, topic in mine)
    return out


_TOPICS = (("trade", "trade"), ("pakistan_totals", "trade"), ("currency", "currency shares"),
           ("arms_imports", "import values"), ("arms_transfers", "register of deals"),
           ("supplier_shares", "supplier shares"), ("cargo", "oil cargoes"), ("payment", "payments"),
           ("settlement", "payments"), ("defence", "defence events"))


def topic_of(dataset: str) -> str:
    """What a dataset is about, in a word or two (``trade_observations`` -> ``"trade"``)."""
    return next((topic for needle, topic in _TOPICS if needle in dataset), dataset.replace("_", " "))


def through_text(groups: dict[str, str]) -> str:
    """``"IMF: 2020; SIPRI: 2025"`` for the title block."""
    return "; ".join(f"{g}: {label}" for g, label in groups.items()) if groups else "unknown"


def _day(stamp: Any) -> str:
    """``"2026-12-01T05:00:00Z"`` -> ``"1 Dec 2026"``."""
    import pandas as pd

    d = pd.Timestamp(str(stamp)[:10])
    return f"{d.day} {d:%b %Y}"


def refresh_notices(status: dict[str, Any]) -> list[str]:
    """One plain sentence per API source whose latest refresh failed, for the title block:
    ``"IMF figures could not be refreshed on 1 Dec 2026; shown as of 28 Nov 2026."``. The error,
    its exit code and the URL stay out (they go to the run's appendix, :func:`refresh_lines`)."""
    out = []
    for name, s in sorted((status.get("sources") or {}).items()):
        if s.get("ok", True):
            continue
        who = str(s.get("publisher") or name)
        short = next((g for needle, g in _NAMED if needle in who), who)
        when = f" on {_day(s['last_attempt_utc'])}" if s.get("last_attempt_utc") else ""
        since = (f"shown as of {_day(s['last_success_utc'])}" if s.get("last_success_utc")
                 else "shown as stored with the report")
        out.append(f"{short} figures could not be refreshed{when}; {since}.")
    return out
