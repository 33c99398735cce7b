"""UN Comtrade as ``import`` and ``update`` see it: its source registry rows, its file kinds and
(where it has one) its API, in one :class:`~pakru.intake.publisher.Publisher` declaration."""

from __future__ import annotations

from pathlib import Path

from ....errors import ParameterError
from ...extract import Extract, SourceInfo
from ...publisher import Api, ImportOptions, Kind, Publisher, with_options
from . import api, fetch, rows

NAME = "United Nations Statistics Division (UN Comtrade)"
TERMS = "UN Comtrade terms of use"
LEGACY = SourceInfo("trd-comtrade-legacy-hs2", NAME, "UN Comtrade legacy API: goods trade by HS 2-digit chapter",
                    "https://comtrade.un.org/", licence=TERMS)


def plus_source(flow: str) -> SourceInfo:
    return SourceInfo(f"trd-comtrade-plus-{flow}", NAME,
                      f"UN Comtrade (Comtrade+): total goods {flow} by reporter and partner, annual (primaryValue)",
                      "https://comtradeplus.un.org/", licence=TERMS)


def _flow_of(path: Path, options: ImportOptions) -> str:
    if options.flow:
        return options.flow
    # Comtrade+ extracts hold one flow and do not say which: the file name usually does
    hits = [f for f in ("export", "import") if f in path.name.lower()]
    if len(hits) != 1:
        raise ParameterError(f"{path.name}: a reduced Comtrade+ extract holds one flow and its name does not "
                             "say which; pass --flow exports or --flow imports")
    return hits[0] + "s"


def read_extract(path: Path, options: ImportOptions) -> Extract:
    if rows.comtrade_layout(path) == "legacy":
        src = with_options(LEGACY, options)
        return Extract(src, rows.comtrade_legacy_rows(path, src.source_id))
    flow = _flow_of(path, options)
    src = with_options(plus_source(flow), options)
    return Extract(src, {"trade_observations": rows.comtrade_plus_observations(path, flow, src.source_id)})


def read_api_answer(path: Path, options: ImportOptions) -> Extract:
    return api.extract_from_json([path.read_bytes()], options.source_id, options.url)


PUBLISHER = Publisher(
    "comtrade", NAME,
    kinds=(Kind("comtrade", ("trade_observations", "trade_composition"),
                "UN Comtrade extract: Comtrade+ totals (date,value,reporter,partner; --flow) or legacy API CSV, "
                "comtradeplus.un.org", read_extract),
           Kind("comtrade-api", ("trade_observations", "trade_composition"),
                "UN Comtrade API JSON (comtradeapi.un.org, 'data' records), what 'pakru update comtrade' saves",
                read_api_answer)),
    api=Api(fetch.fetch, fetch.parse, api.base_url, headers=fetch.headers,
            describe=(f"UN Comtrade API: annual totals and HS chapters, each reporter; base URL $PAKRU_COMTRADE_URL "
                      f"(default {api.DEFAULT_URL}); $COMTRADE_API_KEY switches from the public preview to the full "
                      "API")))
