"""Fit how the report's score combines the model with claim-level features, across domains.

The report's score of a claim is ``sigmoid(a * z + b)`` with
``z = w * z_model + (1 - w) * z_features`` (:mod:`claimcheck.analysis.scoring`).
A sentence counts as check-worthy when one of its claims scores 0.5 or more,
so a sentence's score is the highest of its claims'.  This module

* runs claimcheck's engine over labelled documents with a given model and
  records, for every claim, its offsets and the logits it was made of
  (:func:`record`);
* turns those into sentence-level rows for a given ``w`` (:func:`sentence_logits`);
* fits the weights of the claim-level signals
  (:data:`claimcheck.analysis.scoring.SIGNALS`) in the units of the model's
  logit, shrunk towards their hand-set defaults (:func:`fit_signals`);
* chooses ``w`` and that shrinkage by leave-one-domain-out F1 at 0.5 and
  fits the Platt scalings (:func:`fit_combination`): one per genre --
  ``speech`` on the debates, ``article`` on the news articles (BBC and US
  weighted equally) -- and one for documents of unknown genre on every
  domain weighted equally (without the signals of one genre only,
  :data:`GENRE_ONLY_SIGNALS`), so that 0.5 means the same on debates and news.

Used by ``train/train_checkworthy.py``; needs scikit-learn.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from claimcheck.analysis.scoring import DEFAULT_WEIGHTS, SIGNALS
from claimcheck.model.combination import Combination

#: The genre whose scaling each domain of labelled sentences fits: CT24 dev and the later debates are
#: debate transcripts, BBC and US news-dev articles.
DOMAIN_GENRE = {"debates": "speech", "later": "speech", "bbc": "article", "us": "article"}
#: The hand-set signal weights, in :data:`SIGNALS` order: what the fit shrinks towards.
DEFAULTS = np.array([DEFAULT_WEIGHTS[name] for name in SIGNALS])
#: Signals that fire in one genre only (:func:`claimcheck.analysis.scoring._signals`).  A document
#: of unknown genre never shows them, so the scaling it gets is fitted on logits without them.
GENRE_ONLY_SIGNALS = ("article_rule", "article_hedged")


@dataclass
class ClaimParts:
    """One claim of a checked document: original offsets and score logits."""

    start: int
    end: int
    z_model: float
    z_features: float
    evidence: float
    genre: str = "unknown"
    signals: tuple[float, ...] = ()


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

    def claim(self: Any, cand: Any, probability: float | None, *rest: Any) -> Any:
        # Whatever else _claim takes (the candidate's span since speedS) passes through unchanged.
        made = original_claim(self, cand, probability, *rest)
        parts, genre = last
        captured.append(ClaimParts(made.start, made.end, float(parts.z_model), float(parts.z_features), float(parts.evidence),
                                   genre, tuple(parts.signals)))
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


def _weights_of(combination_signals: Sequence[tuple[str, float]] | None) -> np.ndarray | None:
    if not combination_signals:
        return None
    fitted = dict(combination_signals)
    return np.array([fitted.get(name, DEFAULT_WEIGHTS[name]) for name in SIGNALS])


def _representatives(rows: Sequence[LabelledSentence], weight: float, signal_weights: np.ndarray | None,
                     without: Sequence[str] = ()) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each sentence's highest claim under ``weight`` and ``signal_weights``: its ``z``, model part and signal part.

    Returns ``z`` (-inf without claims), ``u = w_s * z_model`` and
    ``X = (1 - w_s) * signals`` (rows of zeros without claims), where ``w_s``
    is the model's share for the claim's length; ``z = u + X . signal_weights``.
    ``signal_weights`` ``None`` takes the recorded ``z_features``.  The signals named in
    ``without`` are taken out of every claim's logit (their part of a recorded ``z_features`` at
    the hand-set weight).
    """
    drop = [SIGNALS.index(name) for name in without]
    drop_w = signal_weights if signal_weights is not None else DEFAULTS
    z = np.full(len(rows), -math.inf)
    u = np.zeros(len(rows))
    X = np.zeros((len(rows), len(SIGNALS)))
    for i, row in enumerate(rows):
        for c in row.claims:
            w = weight * min(1.0, c.evidence)
            feats = (1 - w) * np.asarray(c.signals, dtype=np.float64) if signal_weights is not None else None
            zf = float(feats @ signal_weights) if feats is not None and signal_weights is not None else (1 - w) * c.z_features
            if drop:
                zf -= (1 - w) * sum(drop_w[j] * c.signals[j] for j in drop)
            zc = w * c.z_model + zf
            if zc > z[i]:
                z[i], u[i] = zc, w * c.z_model
                X[i] = feats if feats is not None else 0.0
    return z, u, X


def sentence_logits(rows: Sequence[LabelledSentence], weight: float, signal_weights: np.ndarray | None = None,
                    without: Sequence[str] = ()) -> np.ndarray:
    """Each sentence's highest combined logit ``z`` for model share ``weight`` (-inf without claims).

    With ``signal_weights`` (:data:`SIGNALS` order) the features' logit is
    recomputed from the recorded signals; without, the recorded one is used.
    ``without`` names signals left out of it (:data:`GENRE_ONLY_SIGNALS`).
    """
    return _representatives(rows, weight, signal_weights, without)[0]


def _domain_weights(y: np.ndarray, domains: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Sample weights under which every domain among ``keep`` weighs the same in total (mean 1)."""
    weights = np.zeros(len(y))
    names = sorted(set(domains[keep]))
    for name in names:
        mask = keep & (domains == name)
        weights[mask] = keep.sum() / (len(names) * mask.sum())
    return weights


def _penalised_loss(theta: np.ndarray, A: np.ndarray, t: np.ndarray, sw: np.ndarray, penalty: float,
                    defaults: np.ndarray = DEFAULTS) -> tuple[float, np.ndarray]:
    """Weighted mean log loss of ``sigmoid(A @ theta)`` plus ``penalty / 2 * ||beta - c * defaults||^2``, and its gradient.

    ``theta = (c, beta)``: ``c`` multiplies the model's part (column 0), ``beta`` the signals fitted
    (``defaults`` holds their hand-set weights).
    """
    m = A @ theta
    ll = np.logaddexp(0.0, m) - t * m  # log(1 + e^m) - t m, stably
    p = 1.0 / (1.0 + np.exp(-m))
    r = theta.copy()
    r[1:] -= theta[0] * defaults
    r[0] = 0.0
    n = float(len(t))
    value = float(sw @ ll) / n + 0.5 * penalty * float(r @ r)
    grad = A.T @ (sw * (p - t)) / n + penalty * r
    grad[0] -= penalty * float(r[1:] @ defaults)
    return value, grad


def fit_signals(rows: Sequence[LabelledSentence], weight: float, penalty: float, rounds: int = 3,
                free: Sequence[str] | None = None) -> tuple[np.ndarray, float]:
    """Weights of the claim-level signals fitted on ``rows``, in the units of the model's logit.

    A logistic regression of the sentence labels on ``u`` (the model's part of
    a claim's logit) and the claim's signals, both with the share they have in
    ``z``: ``P = sigmoid(c * u + X . beta)``; the signals' weights are
    ``beta / c``, so that ``z`` keeps its form and its model part.  A sentence
    is represented by its highest claim, chosen again with the new weights
    (``rounds`` times, from the defaults).  The penalty
    ``penalty / 2 * ||beta - c * defaults||^2`` shrinks towards the hand-set
    weights rather than to zero, so that a rare signal keeps its default.
    Every domain weighs the same.  With ``free`` only the signals it names
    are fitted; the others keep their hand-set weights (their part joins the
    model's in ``u``).

    Returns the weights (:data:`SIGNALS` order) and ``c``.
    """
    from scipy.optimize import minimize

    y = np.array([r.label for r in rows], dtype=np.float64)
    domains = np.array([r.domain for r in rows])
    fitted = np.array([free is None or name in free for name in SIGNALS])
    current = DEFAULTS.copy()
    c = 1.0
    for _ in range(rounds):
        z, u, X = _representatives(rows, weight, current)
        keep = np.isfinite(z)
        sw = _domain_weights(y, domains, keep)[keep]
        fixed_part = X[:, ~fitted] @ DEFAULTS[~fitted]
        A = np.column_stack([(u + fixed_part)[keep], X[keep][:, fitted]])
        start = np.concatenate([[c], c * current[fitted]])
        result = minimize(_penalised_loss, start, args=(A, y[keep], sw, penalty, DEFAULTS[fitted]), jac=True, method="L-BFGS-B",
                          options={"maxiter": 2000, "gtol": 1e-9})
        theta = result.x
        c = float(theta[0])
        if c <= 0.05:  # the model's logit no longer explains the labels: keep the defaults
            return DEFAULTS.copy(), 1.0
        current = DEFAULTS.copy()
        current[fitted] = theta[1:] / c
    return current, c


def _platt(z: np.ndarray, y: np.ndarray, domains: np.ndarray) -> tuple[float, float]:
    """``a, b`` of a logistic fit of ``y`` on ``z``, each domain weighing the same in total."""
    from sklearn.linear_model import LogisticRegression

    keep = np.isfinite(z)
    weights = _domain_weights(y, domains, keep)
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
    z = sentence_logits(rows, combination.model_weight, _weights_of(combination.signals))
    scaling = np.array([combination.scaling(sentence_genre(r)) for r in rows]).reshape(len(rows), 2)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.where(np.isfinite(z), 1.0 / (1.0 + np.exp(-(scaling[:, 0] * z + scaling[:, 1]))), 0.0)


def _scaled(z: np.ndarray, ab: tuple[float, float]) -> np.ndarray:
    with np.errstate(over="ignore"):
        return np.where(np.isfinite(z), 1.0 / (1.0 + np.exp(-(ab[0] * z + ab[1]))), 0.0)


def fit_combination(rows: Sequence[LabelledSentence], weights: Iterable[float], penalties: Iterable[float | None] = (None,),
                    validate_only: Iterable[str] = (), tie: float = 0.0,
                    free: Sequence[str] | None = None, article_toward_speech: float = 0.0) -> tuple[Combination, list[dict[str, Any]]]:
    """The model share ``w`` and signal penalty with the best mean leave-one-domain-out F1 at 0.5, and the scalings.

    For each ``w`` and penalty (``None``: the hand-set signal weights, not
    fitted), each domain in turn is held out: the signal weights
    (:func:`fit_signals`) and the scaling ``a, b`` are fitted on the others,
    each domain weighing the same, and the held-out domain is scored.  With
    the chosen pair the weights are refitted on all rows; ``a, b`` (unknown
    genre) on all rows, each domain weighing the same; the ``speech`` scaling
    on the debates alone (:data:`DOMAIN_GENRE`), the ``article`` scaling on the
    news domains alone.  A genre is the domain the rows come from, not what
    the engine detected: the detection only chooses among them at run time.

    Domains in ``validate_only`` are only ever held out: they vote in the
    choice of ``w`` and penalty but are never fitted on (the later debates,
    whose years the model did not see, so that the choice favours what
    transfers without moving the debates' scaling off CT24's years).

    ``free`` names the signals whose weights are fitted (``None``: all of
    them); the others keep their hand-set weights.

    ``article_toward_speech`` shrinks the article scaling towards the speech
    scaling: ``(1 - s) * article + s * speech``, each of ``a`` and ``b``.  The
    article scaling is fitted on a few dozen articles of two news domains; the
    speech scaling on over a thousand debate sentences.  With one news domain
    held out, a scaling fitted on the other alone sits where that domain's
    share of check-worthy sentences puts it (US 51%, BBC 60%) and misreads the
    held-out one; the shrinkage is the usual estimator for a scaling fitted on
    little data (docs/measurements.md, "Tenth round: recall11").

    Candidates within ``tie`` of the best mean are a tie, won by the
    strongest shrinkage (the hand-set weights, then the largest penalty) and
    then by the share nearest 0.5: what is fitted must earn its place.

    Returns the combination and the table of candidates (each pair with its
    held-out F1 per domain) for the model's metadata.
    """
    validate = set(validate_only)
    held_rows = list(rows)
    rows = [r for r in rows if r.domain not in validate]
    y = np.array([r.label for r in rows])
    domains = np.array([r.domain for r in rows])
    y_held = np.array([r.label for r in held_rows])
    domains_held = np.array([r.domain for r in held_rows])
    penalties = list(penalties)
    table: list[dict[str, Any]] = []
    for w in weights:
        for penalty in penalties:
            held: dict[str, float] = {}
            for name in sorted(set(domains_held)):
                train = [r for r, d in zip(rows, domains) if d != name]
                signal_w = fit_signals(train, w, penalty, free=free)[0] if penalty is not None else None
                # A held-out debate shows no article's own signal: its scaling is fitted on logits without them.
                without = GENRE_ONLY_SIGNALS if DOMAIN_GENRE.get(name) == "speech" else ()
                z = sentence_logits(rows, w, signal_w, without)
                ab = _platt(z[domains != name], y[domains != name], domains[domains != name])
                mask = domains_held == name
                z_held = sentence_logits([held_rows[i] for i in np.flatnonzero(mask)], w, signal_w)
                held[name] = round(f1_at_half(y_held[mask], _scaled(z_held, ab)), 4)
            table.append({"model_weight": w, "signal_penalty": penalty, "held_out_f1": held,
                          "mean": round(float(np.mean(list(held.values()))), 4)})
    top = max(e["mean"] for e in table)
    near = [e for e in table if e["mean"] >= top - tie]
    best = max(near, key=lambda e: (math.inf if e["signal_penalty"] is None else e["signal_penalty"],
                                    -abs(e["model_weight"] - 0.5), e["mean"]))
    w, penalty = float(best["model_weight"]), best["signal_penalty"]
    signal_w = fit_signals(rows, w, float(penalty), free=free)[0] if penalty is not None else None
    z = sentence_logits(rows, w, signal_w)
    # The scaling of a document of unknown genre, which never shows an article's own signals: without them,
    # or the news rows they lift would move the line of a CT24 sentence checked alone.
    a, b = _platt(sentence_logits(rows, w, signal_w, GENRE_ONLY_SIGNALS), y, domains)
    genre = np.array([DOMAIN_GENRE.get(d, "article") for d in domains])
    spoken = genre == "speech"
    speech = _platt(z[spoken], y[spoken], domains[spoken]) if spoken.any() else (a, b)
    article = _platt(z[~spoken], y[~spoken], domains[~spoken]) if (~spoken).any() else (a, b)
    if article_toward_speech:
        s = article_toward_speech
        article = ((1 - s) * article[0] + s * speech[0], (1 - s) * article[1] + s * speech[1])
    signals = tuple((n, round(float(v), 6)) for n, v in zip(SIGNALS, signal_w)) if signal_w is not None else None
    return Combination(w, round(a, 6), round(b, 6), (round(speech[0], 6), round(speech[1], 6)),
                       (round(article[0], 6), round(article[1], 6)), signals), table
