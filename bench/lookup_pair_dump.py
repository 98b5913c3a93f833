"""Dump each paraphrase query's best candidates with the match model's out-of-fold probability.

The first step of measuring a second-stage pair classifier (issue 9: a
cross-encoder that reads the query and the stored claim together, see
``train/train_match_encoder.py``).  For every query of the fitted parts
(``bench/lookup_calibrate.py``'s: tune, heldout, untouched, fresh, sixth,
seventh, and the generated swaps), the shipped model's features of its BM25
candidates are computed, the logistic is refitted in the same five folds
grouped by fact-check (same seed, same part weights), and each query's
``--keep`` best candidates by out-of-fold probability are written, with the
target candidate added when it is among the 50 but not among the best, as
JSON lines: the query, its part, kind, origin and fold, the candidate's
claim and claimant, its label and its out-of-fold probability.

``--score-parts`` (default: the eighth) are dumped with the shipped model's
probability and fold -1: they are not fitted on and are only summarised by
the scripts that read the dump.  The blind parts are refused.

    python bench/lookup_pair_dump.py --out /tmp/pairs.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from lookup_bench import bench_store, candidate_rows, feature_matcher, fold_groups, load_pairs, part_queries
from lookup_calibrate import EARLIER, PART_WEIGHTS, PARTS, SWAPS, fit

from claimcheck.lookups.match import MatchModel, match_model


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimcheck-bench-store.sqlite3"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--keep", type=int, default=5, help="best candidates kept per query")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--score-parts", default="eighth", help="parts dumped with the shipped model, not fitted")
    args = parser.parse_args()
    scored = [p for p in args.score_parts.split(",") if p]
    if any(p.startswith("blind") for p in scored):
        parser.error("the blind parts are never read here: they are the lead's test")
    store = bench_store(args.cache)
    matcher = feature_matcher(store)
    queries = part_queries(PARTS) + [dict(item, part="tune_swaps") for item in load_pairs(SWAPS)]
    fitted = len(queries)
    queries += part_queries(scored)
    x_rows, rows, records = candidate_rows(store, matcher, queries)
    x = np.asarray(x_rows)
    y = np.asarray([label for _, label in rows], dtype=float)
    fold_of = fold_groups(queries[:fitted], args.folds, args.seed, EARLIER) + [-1] * (len(queries) - fitted)
    # Fitted as the shipped model is: the generated swaps scored, not fitted; the seventh at its weight.
    sw = np.asarray([0.0 if queries[q]["part"] in ("tune_swaps", *scored) else PART_WEIGHTS.get(queries[q]["part"], 1.0)
                     for q, _ in rows])
    prob = np.zeros(len(x))
    for fold in range(args.folds):
        train = np.asarray([fold_of[q] not in (fold, -1) for q, _ in rows])
        test = np.asarray([fold_of[q] == fold for q, _ in rows])
        w, b, mean, scale = fit(x[train], y[train], 1.0, sw[train])
        prob[test] = MatchModel(tuple(w), b, 0.5, tuple(mean), tuple(scale)).probability(x[test])
    unseen = np.asarray([fold_of[q] == -1 for q, _ in rows])
    if unseen.any():
        prob[unseen] = match_model().probability(x[unseen])
    by_query: dict[int, list[int]] = {}
    for i, (q, _) in enumerate(rows):
        by_query.setdefault(q, []).append(i)
    with args.out.open("w", encoding="utf-8") as out:
        for q, item in enumerate(queries):
            ranked = sorted(by_query.get(q, []), key=lambda i: -prob[i])
            keep = ranked[:args.keep] + [i for i in ranked[args.keep:] if rows[i][1]]
            for i in keep:
                record = records[i]
                out.write(json.dumps({
                    "q": q, "part": item["part"], "kind": item["kind"], "origin": item["origin"],
                    "fold": fold_of[q], "query": item["query"], "rank": ranked.index(i) + 1,
                    "id": record.id, "claim": record.claim, "claimant": record.claimant or "",
                    "title": record.claimant_title or "", "label": int(rows[i][1]), "p": round(float(prob[i]), 5),
                }) + "\n")
    print(f"{len(queries)} queries, {len(x)} pairs; wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
