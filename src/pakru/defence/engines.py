"""Russia's main arms channel to Pakistan, as SIPRI's register of deals shows it: the RD-93
engines of the JF-17 fighter that China and Pakistan build (:func:`pakru.defence.sipri.main_channel`),
told as a sentence and handed to the report as a key figure."""

from __future__ import annotations

import pandas as pd

from ..present.key_figures import KeyFigure
from . import sipri


def engine_sentence(transfers: pd.DataFrame) -> str:
    """Russia's main arms channel to Pakistan since 1992, from SIPRI's register ('' without it)."""
    top = sipri.main_channel(transfers)
    if top is None:
        return ""
    return (f"Russia's main arms channel to Pakistan is the RD-93 engine of the JF-17 fighter, which China and "
            f"Pakistan build: SIPRI's register of deals lists {top['delivered']} engines delivered in {top['years']}, "
            f"{top['tiv_delivered']:,.0f} of the {top['russia_tiv']:,.0f} million trend-indicator values (TIV, "
            f"SIPRI's volume index of major arms) the register credits to Russian deals ordered since 1992, about "
            f"{top['share_pct']:.0f}% (share computed for this report).")


def engine_figure(transfers: pd.DataFrame) -> KeyFigure | None:
    top = sipri.main_channel(transfers)
    if top is None:
        return None
    return KeyFigure("defence.engine_share_of_russian_tiv", round(float(top["share_pct"]), 1),
                     f"Russia's main arms channel to Pakistan is the RD-93 engine for the JF-17 fighter built with "
                     f"China: {top['delivered']} engines delivered in {top['years']}, about {top['share_pct']:.0f}% "
                     "of what SIPRI's register credits to Russia since 1992 (SIPRI Arms Transfers Database; share "
                     "computed for this report).", unit="percent", source_ids=top["source_ids"])
