"""Open Trade Statistics community sums as rows of ``data/trade/composition.csv``."""

from __future__ import annotations

from pathlib import Path

from ...extract import shift_decimal
from ...rows import PAIR, bilateral_flow, composition, read_frame
from . import reader


def ots_composition(path: Path, source_id: str) -> tuple[dict[str, str], ...]:
    frame = read_frame(reader.read_ots_communities, path, drop_zero=True)
    rows = []
    for r in frame.itertuples():
        if {r.reporter_iso, r.partner_iso} != PAIR:
            continue
        flow = bilateral_flow(r.reporter_iso, r.trade_flow)
        what = "exports to Russia" if flow == "exports" else "imports from Russia"
        note = (f"OTS community sum for Pakistan's {what}; published in US dollars ({r.value_text}), "
                "divided by 1e6.")
        # OTS keeps one value per direction for the pair, so no country is the reporter
        rows.append(composition(flow, int(r.year), "unstated", "OTS group", "", r.community,
                                shift_decimal(r.value_text, -6), source_id, note))
    return tuple(rows)
