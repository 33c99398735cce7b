"""The claims check's tables, one tidy frame each, from the facts (:func:`pakru.article.facts`) and
the article's claims (``data/article/claims.csv``):

- ``claims``: one row per claim in the article's order: order, claim_id, claim, topic,
  article_quote, verdict, source_ids (``"a; b"``). The body's table and the lead read it.
- ``appendix``: the claims with the article's words, verdict and source_ids, for the appendix.
- ``theses``: one row per question about the theses: question, verdict, period (what the verdict
  weighs), confidence, source_ids.

A table's ``source_ids`` column is shown as the publishers and years, linked to the sources
appendix (:func:`pakru.present.show.table`), never as ids.
- ``evidence``: the dated events weighed for the theses (``data/article/evidence.csv``) with their
  periods, sources (source_ids) and the sources the text cites for each (cited_ids: the row's own
  choice, else the event's source).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..data import source_ids
from ..facts import Facts
from . import theses
from .inputs import Inputs, load


def claims_frame(d: Inputs, f: Facts) -> pd.DataFrame:
    rows = []
    for _, c in d.claims.sort_values("order").iterrows():
        verdict = f.get(f"claims.{c['claim_id']}.verdict")
        ids = verdict.source_ids if verdict is not None else ()
        rows.append({"order": int(c["order"]), "claim_id": c["claim_id"], "claim": c["claim"], "topic": c["topic"],
                     "article_quote": "" if pd.isna(c["article_quote"]) else str(c["article_quote"]),
                     "verdict": verdict.value if verdict is not None else "", "source_ids": source_ids.join(ids)})
    return pd.DataFrame(rows, columns=["order", "claim_id", "claim", "topic", "article_quote", "verdict",
                                       "source_ids"])


def appendix_frame(claims: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"claim": claims["claim"], "the article's words": claims["article_quote"],
                         "verdict": claims["verdict"], "source_ids": claims["source_ids"]})


def theses_frame(f: Facts) -> pd.DataFrame:
    labels = theses.verdict_words()["questions"]
    rows = []
    for q in theses.QUESTIONS:
        verdict = f.get(f"theses.{q}.verdict")
        if verdict is None:
            continue
        rows.append({"question": labels[q], "verdict": verdict.value,
                     "period": verdict.period.label if verdict.period else "",
                     "confidence": f[f"theses.{q}.confidence"].value,
                     "source_ids": source_ids.join(verdict.source_ids)})
    return pd.DataFrame(rows, columns=["question", "verdict", "period", "confidence", "source_ids"])


def evidence_frame(d: Inputs, f: Facts) -> pd.DataFrame:
    rows = []
    for _, r in d.evidence.iterrows():
        fact = f.get(r["fact"])
        if fact is not None:
            cited = r.get("source_ids")
            cited = source_ids.join(source_ids.split(cited)) if isinstance(cited, str) and cited.strip() \
                else source_ids.join(fact.source_ids[:1])
            figure = r.get("figure_fact")
            rows.append({"question": r["question"], "side": r["side"], "label": r["label"], "fact": r["fact"],
                         "figure_fact": figure if isinstance(figure, str) and figure.strip() else "",
                         "period": fact.period.label if fact.period else "", "date": fact.value,
                         "source_ids": source_ids.join(fact.source_ids), "cited_ids": cited, "reason": r["reason"]})
    frame = pd.DataFrame(rows, columns=["question", "side", "label", "fact", "figure_fact", "period", "date",
                                        "source_ids", "cited_ids", "reason"])
    return frame.sort_values("date", kind="stable").reset_index(drop=True)  # the text reads them in date order


def frames(p: Any = None, f: Facts | None = None, inputs: Inputs | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the claims check, for the parameters ``p`` and the facts ``f`` (default:
    computed, as :func:`pakru.article.facts` does)."""
    if p is None:
        from . import parameters

        p = parameters()
    d = inputs if inputs is not None else load(p.as_of_year)
    if f is None:
        from .facts import facts

        f = facts(p, inputs=d)
    claims = claims_frame(d, f)
    return {"claims": claims, "appendix": appendix_frame(claims), "theses": theses_frame(f),
            "evidence": evidence_frame(d, f)}
