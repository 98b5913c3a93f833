"""Fit how the report's score combines the model with claim-level features, across domains.

The report's score of a claim is ``sigmoid(a * z + b)`` with
``z = w * z_model + (1 - w) * z_features`` (:mod:`claimcheck.analysis.scoring`).
A sentence counts as check-worthy when one of its claims scores 0.5 or more,
so a sentence's score is the highest of its claims'.  This module

* runs claimcheck's engine over labelled documents with a given model and
  records, for every claim, its offsets and the logits it was made of
  (:func:`record`);
* turns those into sentence-level rows for a given ``w`` (:func:`sentence_logits`);
* chooses ``w`` by leave-one-domain-out F1 at 0.5 and fits the Platt
  scalings (:func:`fit_combination`): one per genre -- ``speech`` on the
  debates, ``article`` on the news articles (BBC and US weighted equally) --
  and one for documents of unknown genre on all three domains weighted
  equally, so that 0.5 means the same on debates and news.

Used by ``train/train_checkworthy.py``; needs scikit-learn.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from claimcheck.model.combination import Combination


@dataclass
class ClaimParts:
    """One claim of a checked document: original offsets and score logits."""

    start: int
    end: int
    z_model: float
    z_features: float
    evidence: float
    genre: str = "unknown"


@dataclass
class LabelledSentence:
    """A labelled sentence of a document and the claims the engine found in it."""

    doc_id: str
    domain: str
    fold: int
    label: int
    claims: list[ClaimParts]


def record(model: Any, documents: Sequence[dict[str, Any]]) -> dict[str, list[ClaimParts]]:
    """Check ``documents`` (``{"id", "text", "published"?}``) with ``model``; the claims' logits by document id."""
    import claimcheck.analysis.enrich as enrich
    from claimcheck.engine import Engine

    captured: list[ClaimParts] = []
    last: list[Any] = []
    original_score = enrich.score_claim
    original_claim = enrich.ClaimBuilder._claim

    def score_claim(doc: Any, item: Any) -> Any:
        scored = original_score(doc, item)
        last[:] = [scored.parts, item.genre]
        return scored

    def claim(self: Any, cand: Any, probability: float | None) -> Any:
        made = original_claim(self, cand, probability)
        parts, genre = last
        captured.append(ClaimParts(made.start, made.end, float(parts.z_model), float(parts.z_features), float(parts.evidence), genre))
        return made

    engine = Engine(config={"all": True})
    engine._model, engine._model_loaded = model, True  # the model under test, not the shipped one
    out: dict[str, list[ClaimParts]] = {}
    enrich.score_claim, enrich.ClaimBuilder._claim = score_claim, claim  # type: ignore[method-assign]
    try:
        for doc in documents:
            captured.clear()
            engine.check(doc["text"], published=doc.get("published"), doc_id=doc["id"])
            out[doc["id"]] = list(captured)
    finally:
        enrich.score_claim, enrich.ClaimBuilder._claim = original_score, original_claim  # type: ignore[method-assign]
    return out


def sentence_logits(rows: Sequence[LabelledSentence], weight: float) -> np.ndarray:
    """Each sentence's highest combined logit ``z`` for model share ``weight`` (-inf without claims)."""
    out = np.full(len(rows), -math.inf)
    for i, row in enumerate(rows):
        for c in row.claims:
            w = weight * min(1.0, c.evidence)
            out[i] = max(out[i], w * c.z_model + (1 - w) * c.z_features)
    return out


def _platt(z: np.ndarray, y: np.ndarray, domains: np.ndarray) -> tuple[float, float]:
    """``a, b`` of a logistic fit of ``y`` on ``z``, each domain weighing the same in total."""
    from sklearn.linear_model import LogisticRegression

    keep = np.isfinite(z)
    weights = np.zeros(len(y))
    names = sorted(set(domains[keep]))
    for name in names:
        mask = keep & (domains == name)
        weights[mask] = len(y[keep]) / (len(names) * mask.sum())
    fit = LogisticRegression(C=1e6, solver="lbfgs", tol=1e-10, max_iter=10000)
    fit.fit(z[keep].reshape(-1, 1), y[keep], sample_weight=weights[keep])
    return float(fit.coef_[0, 0]), float(fit.intercept_[0])


def f1_at_half(y: np.ndarray, p: np.ndarray) -> float:
    """F1 of the positive class at 0.5."""
    pred = p >= 0.5
    tp = float(np.sum(pred & (y == 1)))
    fp = float(np.sum(pred & (y == 0)))
    fn = float(np.sum(~pred & (y == 1)))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def sentence_genre(row: LabelledSentence) -> str:
    """The genre the engine gave the sentence's document (``unknown`` without claims)."""
    return row.claims[0].genre if row.claims else "unknown"


def apply(rows: Sequence[LabelledSentence], combination: Combination) -> np.ndarray:
    """Sentence scores under ``combination``, each with its document's genre's scaling (0 for sentences without a claim)."""
    z = sentence_logits(rows, combination.model_weight)
    scaling = np.array([combination.scaling(sentence_genre(r)) for r in rows]).reshape(len(rows), 2)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.where(np.isfinite(z), 1.0 / (1.0 + np.exp(-(scaling[:, 0] * z + scaling[:, 1]))), 0.0)


def fit_combination(rows: Sequence[LabelledSentence], weights: Iterable[float]) -> tuple[Combination, list[dict[str, Any]]]:
    """The model share ``w`` with the best mean leave-one-domain-out F1 at 0.5, and the scalings.

    ``a, b`` (unknown genre) are fitted on all rows, each domain weighing the
    same; the ``speech`` scaling on the debates alone, the ``article`` scaling
    on the news domains alone.  A genre is the domain the rows come from, not
    what the engine detected: the detection only chooses among them at run time.

    Returns the combination and the table of candidates (each ``w`` with its
    held-out F1 per domain) for the model's metadata.
    """
    y = np.array([r.label for r in rows])
    domains = np.array([r.domain for r in rows])
    names = sorted(set(domains))
    table: list[dict[str, Any]] = []
    for w in weights:
        z = sentence_logits(rows, w)
        held: dict[str, float] = {}
        for name in names:
            a, b = _platt(z[domains != name], y[domains != name], domains[domains != name])
            mask = domains == name
            with np.errstate(over="ignore"):
                p = np.where(np.isfinite(z[mask]), 1.0 / (1.0 + np.exp(-(a * z[mask] + b))), 0.0)
            held[name] = round(f1_at_half(y[mask], p), 4)
        table.append({"model_weight": w, "held_out_f1": held, "mean": round(float(np.mean(list(held.values()))), 4)})
    best = max(table, key=lambda e: (e["mean"], -abs(e["model_weight"] - 0.5)))
    w = float(best["model_weight"])
    z = sentence_logits(rows, w)
    a, b = _platt(z, y, domains)
    spoken = domains == "debates"
    speech = _platt(z[spoken], y[spoken], domains[spoken]) if spoken.any() else (a, b)
    article = _platt(z[~spoken], y[~spoken], domains[~spoken]) if (~spoken).any() else (a, b)
    return Combination(w, round(a, 6), round(b, 6), (round(speech[0], 6), round(speech[1], 6)),
                       (round(article[0], 6), round(article[1], 6))), table
