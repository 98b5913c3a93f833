"""Do MiniLM's word vectors *in context* tell a swapped concept from a synonym? (tune part, cross-validated)

A same-topic sentence keeps a stored claim and swaps one concept ("a
mortgage" for "a college loan"); a sentence vector barely moves
(``lookup_minilm_eval.py``).  This compares the two sentences word piece by
word piece instead, for the best candidate only (one more encoder pass per
lookup): each stored piece's best cosine with a piece of the query's claim,
in context (BERTScore-like), and the worst of them.

The best candidate of each tuning query is taken from the current features'
model fitted out of fold (5 folds grouped by fact-check, as
``lookup_calibrate.py``); a second logistic model on that probability's
logit plus the piece features is fitted out of fold in the same folds, on
the real queries (the generated swaps are scored, and fitted only with
``--swap-weight``).  Reported:
recall@1 above the threshold at the thresholds letting k never-checked
queries through, for the first stage alone and with the piece features.

    .venv/bin/python bench/lookup_minilm_tokens.py
"""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path

import numpy as np
from lookup_bench import DATA, bench_store, load_pairs
from lookup_calibrate import fit
from lookup_minilm_eval import collect, folds_by_fact_check
from minilm_encoder import minilm

from claimcheck.lookups.features import STOPWORDS
from claimcheck.lookups.match import Matcher, MatchModel


def content(pieces: list[str]) -> list[int]:
    return [i for i, p in enumerate(pieces) if p.strip("#").isalnum() and len(p.strip("#")) > 2
            and p.strip("#") not in STOPWORDS]


def piece_features(query: tuple[list[str], np.ndarray], stored: tuple[list[str], np.ndarray]) -> list[float]:
    q_keep, s_keep = content(query[0]), content(stored[0])
    if not q_keep or not s_keep:
        return [0.0, 0.0, 0.0, 0.0]
    sim = stored[1][s_keep] @ query[1][q_keep].T
    recall = sim.max(axis=1)
    precision = sim.max(axis=0)
    worst = np.sort(recall)
    return [float(recall.mean()), float(precision.mean()), float(worst[0]), float(worst[min(1, len(worst) - 1)])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimcheck-bench-store.sqlite3"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--swap-weight", type=float, default=0.0,
                        help="weight of the generated swaps in the second stage's fit (0: scored only)")
    parser.add_argument("--pieces", type=Path, default=Path("/tmp/claimcheck-minilm-pieces.pkl"),
                        help="cache of the piece features by (query, stored claim)")
    args = parser.parse_args()
    store = bench_store(args.cache)
    matcher = Matcher(store)
    entries = collect(matcher, store, load_pairs(DATA / "lookup_pairs_tune.jsonl")
                      + load_pairs(DATA / "lookup_pairs_tune_swaps.jsonl"), 10)
    entries = [e for e in entries if e["labels"]]
    fold = folds_by_fact_check(entries, args.folds)
    swap = [e["item"].get("origin") == "generated-swap" for e in entries]
    oof: list[np.ndarray] = [np.zeros(0)] * len(entries)
    for f in range(args.folds):
        train = [e for e, fo, sw in zip(entries, fold, swap) if fo != f and not sw]
        w, b, mean, scale = fit(np.vstack([e["rows"] for e in train]),
                                np.concatenate([np.asarray(e["labels"], dtype=float) for e in train]))
        model = MatchModel(tuple(w), b, 0.5, tuple(mean), tuple(scale))
        for i, e in enumerate(entries):
            if fold[i] == f:
                oof[i] = model.probability(e["rows"])
    best = [int(np.argmax(s)) for s in oof]
    first = np.asarray([s[b] for s, b in zip(oof, best)])
    hit = np.asarray([e["labels"][b] for e, b in zip(entries, best)])
    reworded = np.asarray([e["item"]["kind"] == "reworded" for e in entries])
    cache: dict[tuple[str, str], list[float]] = pickle.loads(args.pieces.read_bytes()) if args.pieces.exists() else {}
    feats = []
    for n, (e, b) in enumerate(zip(entries, best)):
        pair = (e["query_claim"], e["claims"][b])
        if pair not in cache:
            q, s = minilm().token_states(list(pair))
            cache[pair] = piece_features(q, s)
        feats.append(cache[pair])
        if n % 200 == 0:
            print(f"  {n} of {len(entries)}", flush=True)
    args.pieces.write_bytes(pickle.dumps(cache))
    logit = np.log(np.clip(first, 1e-6, 1 - 1e-6) / np.clip(1 - first, 1e-6, 1))
    x = np.hstack([logit[:, None], np.asarray(feats)])
    y = (hit & reworded).astype(float)
    second = np.zeros(len(entries))
    weight = np.where(np.asarray(swap), args.swap_weight, 1.0)
    for f in range(args.folds):
        train = np.asarray([fo != f for fo in fold]) & (weight > 0)
        test = np.asarray([fo == f for fo in fold])
        w, b, mean, scale = fit(x[train], y[train], sample_weight=weight[train])
        second[test] = MatchModel(tuple(w), b, 0.5, tuple(mean), tuple(scale)).probability(x[test])
    w, b, mean, scale = fit(x[weight > 0], y[weight > 0], sample_weight=weight[weight > 0])
    print("second-stage weights (logit, recall, precision, worst, second worst):", ", ".join(f"{v:+.2f}" for v in w))
    real = ~np.asarray(swap)
    never = real & ~reworded
    for name, score in (("first stage (current features)", first), ("with piece features", second)):
        ranked = np.sort(score[never])[::-1]
        points = []
        for k in (2, 4, 6, 8, 12):
            t = ranked[k] + 1e-9
            recall = float(np.mean((score >= t) & hit & reworded & real) / np.mean(reworded & real))
            swaps = int(np.sum((score >= t) & np.asarray(swap)))
            points.append(f"{k}: {recall:.3f} (swaps {swaps}/{int(np.sum(swap))})")
        print(f"{name}: recall@1 above t at k never-checked allowed -> " + "; ".join(points))
    f = np.asarray(feats)
    for label, mask in (("rewordings' targets", reworded & hit & real), ("never-checked tops", never),
                        ("generated swaps' tops", np.asarray(swap))):
        print(f"  {label}: median recall {np.median(f[mask, 0]):.3f}, worst piece {np.median(f[mask, 2]):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
