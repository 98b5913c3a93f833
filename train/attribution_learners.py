"""Other learners for the cue decision, against the shipped logistic model, by the same cross-validation.

``train_attribution.py fit`` fits one logistic model over (claim, verb) pairs and
takes a claim's best verb when its probability clears a threshold.  This script
asks whether the decision is limited by that learner: on the same extracted
pairs, the same five folds over articles and the same judge (what the engine
would report for every claim scoring >= 0.5), it compares

* ``logistic``: the shipped learner (``train_attribution.train_model``);
* ``conditional``: a conditional logit, one softmax per claim over its verbs and
  "no verb" (score 0), fitted to put the probability on the verbs that give the
  gold speaker, or on "no verb" for a claim in the article's own voice; the
  decision is the same (the best verb, if its probability clears the threshold);

each optionally with conjoined features (``--conjoin lemma:rel``: the verb's lemma
with the claim's relation to it in the tree), claims weighted by one over the
square root of their verb count (``--claim-weight``: the judge counts claims, the
loss counts pairs), or without the claims inside a gold attribution that no verb
of theirs can get right (``--drop-hopeless``: their outcome is wrong whatever the
model says, so they only teach it to leave verbs alone)::

    python train/attribution_learners.py /tmp/attribution-pairs.jsonl --learner conditional

The run-time model stays a sum of weights over feature strings for every
learner here: nothing is written, this only measures.
"""

from __future__ import annotations

import argparse
import collections
import math
import pathlib
import random
from collections.abc import Callable
from typing import Any

import numpy as np

from train_attribution import judge, load, train_model, training_claims

Claim = dict[str, Any]


def conjoined(features: list[str], pairs: list[tuple[str, str]]) -> list[str]:
    """``features`` with one feature more per pair of kinds both present: ``lemma=say&rel=above``."""
    first: dict[str, str] = {}
    for f in features:
        if " " not in f and "=" in f:
            first.setdefault(f.split("=", 1)[0], f)
    return features + [f"{first[a]}&{first[b]}" for a, b in pairs if a in first and b in first]


def hopeless(claim: Claim) -> bool:
    """A claim inside a gold attribution none of whose verbs gives the gold speaker."""
    return bool(claim["inside"]) and not any(c["ok"] for c in claim["candidates"])


def ceiling(claims: list[Claim]) -> tuple[int, int, int]:
    """Of the judged claims (scoring >= 0.5) inside a gold attribution: how many there are, how many
    the rules get right, and how many could be right if each took the best of the rules' source and
    its verbs (the most any chooser among these verbs can reach, own voice aside)."""
    inside = [c for c in claims if c["inside"] and c["score"] >= 0.5]
    rules = sum(bool(c["rule_has"] and c["rule_ok"]) for c in inside)
    reachable = sum(bool((c["rule_has"] and c["rule_ok"]) or any(cand["ok"] for cand in c["candidates"])) for c in inside)
    return len(inside), rules, reachable


def _vocabulary(claims: list[Claim], min_count: int) -> dict[str, int]:
    counts = collections.Counter(f for c in claims for cand in c["candidates"] for f in set(cand["features"]))
    vocab = sorted(f for f, n in counts.items() if n >= min_count and f != "bias") + ["bias"]
    return {f: i for i, f in enumerate(vocab)}


def conditional_objective(x: Any, starts: np.ndarray, target: np.ndarray, c: float,
                          free: int) -> Callable[[np.ndarray], tuple[float, np.ndarray]]:
    """The conditional logit's loss and gradient in the weights.

    ``x`` has a row per verb, the verbs of a claim together from ``starts``; ``target`` is 1 for the
    verbs that give the gold speaker (a claim with none wants "no verb"). The loss is the negative
    log-probability of the target set plus ``|w|^2 / 2c``, the weight at column ``free`` unpenalised.
    """
    n = x.shape[0]
    group = np.repeat(np.arange(len(starts)), np.diff(np.append(starts, n)))
    wants_verb = np.add.reduceat(target, starts) > 0
    penalty = np.ones(x.shape[1])
    penalty[free] = 0.0
    xt = x.T.tocsr()

    def objective(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        top = np.maximum(np.maximum.reduceat(z, starts), 0.0)  # "no verb" scores 0
        e = np.exp(z - top[group])
        norm = np.exp(-top) + np.add.reduceat(e, starts)
        hit = np.where(wants_verb, np.add.reduceat(e * target, starts), np.exp(-top))
        loss = float(np.sum(np.log(norm) - np.log(hit)))
        aimed = np.where(wants_verb[group], e * target / hit[group], 0.0)
        grad = xt @ (e / norm[group] - aimed)
        return loss + 0.5 / c * float(np.sum(penalty * w * w)), grad + penalty * w / c

    return objective


def train_conditional(claims: list[Claim], c: float, min_count: int) -> dict[str, float]:
    """Fit the conditional logit on ``claims``; a weight per feature, as ``train_model`` returns."""
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    index = _vocabulary(claims, min_count)
    rows: list[int] = []
    cols: list[int] = []
    starts: list[int] = []
    target: list[float] = []
    for claim in claims:
        if not claim["candidates"]:
            continue
        starts.append(len(target))
        for cand in claim["candidates"]:
            cols += [index[f] for f in set(cand["features"]) if f in index]
            rows += [len(target)] * (len(cols) - len(rows))
            target.append(float(claim["inside"] and cand["ok"]))
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(target), len(index)))
    objective = conditional_objective(x, np.array(starts), np.array(target), c, index["bias"])
    w = minimize(objective, np.zeros(len(index)), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    return {f: float(w[i]) for f, i in index.items()}


def conditional_probabilities(weights: dict[str, float], claim: Claim) -> list[float]:
    """Each verb's share of the claim's softmax, "no verb" included."""
    z = [sum(weights.get(f, 0.0) for f in cand["features"]) for cand in claim["candidates"]]
    top = max(z + [0.0])
    norm = math.exp(-top) + sum(math.exp(v - top) for v in z)
    return [math.exp(v - top) / norm for v in z]


def logistic_probabilities(weights: dict[str, float], claim: Claim) -> list[float]:
    return [1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, sum(weights.get(f, 0.0) for f in cand["features"])))))
            for cand in claim["candidates"]]


def weighted_logistic(claims: list[Claim], c: float, min_count: int) -> dict[str, float]:
    """``train_model`` with each pair weighted by one over the square root of its claim's verb count."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    index = _vocabulary(claims, min_count)
    del index["bias"]
    rows: list[int] = []
    cols: list[int] = []
    ys: list[int] = []
    weights: list[float] = []
    for claim in claims:
        for cand in claim["candidates"]:
            cols += [index[f] for f in set(cand["features"]) if f in index]
            rows += [len(ys)] * (len(cols) - len(rows))
            ys.append(int(cand["ok"]))
            weights.append(1.0 / math.sqrt(len(claim["candidates"])))
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(ys), len(index)))
    sample = np.array(weights) * len(weights) / sum(weights)
    model = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0).fit(x, np.array(ys), sample_weight=sample)
    out = {f: float(model.coef_[0][i]) for f, i in index.items()}
    out["bias"] = float(model.intercept_[0])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pairs", type=pathlib.Path, help="the output of train_attribution.py extract")
    ap.add_argument("--learner", choices=("logistic", "conditional"), default="logistic")
    ap.add_argument("--conjoin", action="append", default=[], metavar="A:B", help="conjoin feature kinds A and B (repeatable)")
    ap.add_argument("--claim-weight", action="store_true", help="logistic only: weight pairs by 1/sqrt(verbs of the claim)")
    ap.add_argument("--drop-hopeless", action="store_true", help="leave out of training the claims no verb can get right")
    ap.add_argument("--c", type=float, default=0.3)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--veto", type=float, default=0.2)
    args = ap.parse_args()
    by_doc = load(args.pairs)
    pairs = [tuple(p.split(":", 1)) for p in args.conjoin]
    if pairs:
        for claims in by_doc.values():
            for claim in claims:
                for cand in claim["candidates"]:
                    cand["features"] = conjoined(cand["features"], pairs)  # type: ignore[arg-type]
    docs = sorted(by_doc)
    random.Random(0).shuffle(docs)  # the folds of train_attribution.fit
    folds = [docs[i::5] for i in range(5)]
    fitter = train_conditional if args.learner == "conditional" else weighted_logistic if args.claim_weight else train_model
    probabilities = conditional_probabilities if args.learner == "conditional" else logistic_probabilities
    judged: list[Claim] = []
    probs: list[list[float]] = []
    for k, fold in enumerate(folds):
        train = training_claims([c for j, f in enumerate(folds) if j != k for d in f for c in by_doc[d]], "fill")
        if args.drop_hopeless:
            train = [c for c in train if not hopeless(c)]
        weights = fitter(train, args.c, args.min_count)
        for d in fold:
            for claim in by_doc[d]:
                judged.append(claim)
                probs.append(probabilities(weights, claim))
    n, rules, reachable = ceiling(judged)
    print(f"inside a gold attribution: {n} judged claims; the rules right {rules / n:.3f}; "
          f"the rules or one of the claim's verbs right {reachable / n:.3f}")
    print("| learner | threshold | veto | speaker inside | own voice | all judged |\n|---|---|---|---|---|---|")
    name = args.learner + "".join(f" +{p}" for p in args.conjoin) + (" weighted" if args.claim_weight else "") + (
        " -hopeless" if args.drop_hopeless else "")
    for t in (0.4, 0.5, 0.6):
        a, n, b, o = judge(judged, probs, "fill", t, args.veto)
        print(f"| {name} | {t} | {args.veto} | {a / n:.3f} ({a}/{n}) | {b / o:.3f} ({b}/{o}) | {(a + b) / (n + o):.4f} |")


if __name__ == "__main__":
    main()
