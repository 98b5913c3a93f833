"""Does a cross-encoder's logit, as a second stage, improve the lookup decision? (issue 9, twelfth round)

Reads the pairs of ``bench/lookup_pair_dump.py`` (each query's best
candidates, the first stage's out-of-fold probability, the fold) and the
cross-encoder's out-of-fold logits of ``train/train_match_encoder.py``.  For
the candidates whose first-stage probability lies in ``--band`` (the only
ones a lookup would run the encoder on), a second-stage logistic over
``logit(p)`` and the encoder's logit gives the new probability; the others
keep theirs.  The second stage is fitted on the other folds' pairs and the
threshold chosen within the folds too (``lookup_calibrate.nested``), so the
cost (misses + 5 x false matches) is compared with the first stage's, scored
the same way, in the same run.  Parts dumped with fold -1 (the eighth,
never fitted) are scored with a second stage fitted on every fold and the
pooled threshold, next to the shipped model at its shipped threshold:
summary lines only (recall@3 >= t, false matches).

    python bench/lookup_encoder_eval.py --pairs /tmp/pairs.jsonl --logits /tmp/logits.npz
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from lookup_calibrate import GRID, choose_threshold, fit, nested, rule_cost

from claimcheck.lookups.match import DEFAULT_THRESHOLD

PARTS = ("tune", "heldout", "untouched", "fresh", "sixth", "seventh")


def logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(q / (1 - q))


def second_stage(dump: list[dict], p: np.ndarray, z: np.ndarray, band: tuple[float, float],
                 train: np.ndarray, apply: np.ndarray, swaps: bool) -> np.ndarray:
    """p with the in-band pairs of ``apply`` rescored by a logistic fitted on the in-band pairs of ``train``."""
    inside = (p >= band[0]) & (p <= band[1]) & ~np.isnan(z)
    x = np.stack([logit(p), np.nan_to_num(z)], axis=1)
    y = np.asarray([r["label"] for r in dump], dtype=float)
    fitted = train & inside & (swaps | np.asarray([r["part"] != "tune_swaps" for r in dump]))
    w, b, mean, scale = fit(x[fitted], y[fitted], 1.0)
    out = p.copy()
    rescored = apply & inside
    out[rescored] = 1 / (1 + np.exp(-(((x[rescored] - mean) / scale) @ w + b)))
    return out


def per_query(dump: list[dict], score: np.ndarray) -> dict[int, tuple[dict, float, bool, float, float]]:
    """Each query's (row, best score, best is target, runner-up's score, target's score if among the best 3 else -1)."""
    by_q: dict[int, list[int]] = {}
    for i, r in enumerate(dump):
        by_q.setdefault(r["q"], []).append(i)
    out = {}
    for q, rows in by_q.items():
        ranked = sorted(rows, key=lambda i: -score[i])
        second = float(score[ranked[1]]) if len(ranked) > 1 else 0.0
        target = max((float(score[i]) for i in ranked[:3] if dump[i]["label"]), default=-1.0)
        out[q] = (dump[ranked[0]], float(score[ranked[0]]), bool(dump[ranked[0]]["label"]), second, target)
    return out


def summary(queries: list[tuple[dict, float, bool, float, float]], t: float) -> str:
    """recall@3 >= t of the rewordings and the never-checked queries matched at or above t."""
    reworded = [x for x in queries if x[0]["kind"] == "reworded"]
    never = [x for x in queries if x[0]["kind"] == "distractor"]
    return (f"recall@3 >= t {sum(x[4] >= t for x in reworded) / max(1, len(reworded)):.3f} of {len(reworded)}, "
            f"false {sum(x[1] >= t for x in never)} of {len(never)}, wrong top {sum((not x[2]) and x[1] >= t for x in reworded)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, required=True)
    parser.add_argument("--logits", type=Path, required=True)
    parser.add_argument("--band", default="0.3,0.98", help="first-stage probabilities the encoder rescores (lo,hi)")
    parser.add_argument("--swaps", action="store_true", help="fit the second stage on the generated swaps too")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    band = tuple(float(v) for v in args.band.split(","))
    dump = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines()]
    z = np.load(args.logits)["logits"].astype(float)
    p = np.asarray([r["p"] for r in dump])
    fold = np.asarray([r["fold"] for r in dump])
    def out_of_fold(z: np.ndarray) -> np.ndarray:
        new = p.copy()
        for k in range(args.folds):
            new = np.where(fold == k, second_stage(dump, p, z, band, (fold >= 0) & (fold != k), fold == k, args.swaps),
                           new)
        return new

    inside = (p >= band[0]) & (p <= band[1])
    print(f"band {band}: {int(inside.sum())} of {len(p)} dumped pairs rescored "
          f"({int((inside & (fold >= 0)).sum())} fitted, {int((inside & (fold < 0)).sum())} unseen)")
    # The encoder alone, on the in-band pairs: does it rank the target above the wrong candidates?
    ok = inside & ~np.isnan(z) & (fold >= 0)
    labels = np.asarray([r["label"] for r in dump])
    # And on the decision itself: a rewording's target at the top against a
    # never-checked query's best candidate, both in the band.
    best = np.zeros(len(dump), dtype=bool)
    for x in per_query(dump, p).values():
        best[dump.index(x[0])] = True
    never = np.asarray([r["kind"] == "distractor" for r in dump])
    swap = np.asarray([r["part"] == "tune_swaps" for r in dump])
    unseen_ok = inside & ~np.isnan(z) & (fold < 0)
    for name, s in (("first stage", logit(p)), ("encoder", z)):
        for what, pos, neg in (("in-band fitted pairs", s[ok & (labels == 1)], s[ok & (labels == 0)]),
                               ("best in band: targets / never-checked", s[ok & best & (labels == 1)],
                                s[ok & best & never & ~swap]),
                               ("the same / generated swaps", s[ok & best & (labels == 1)], s[ok & best & swap]),
                               ("the same, unseen parts", s[unseen_ok & best & (labels == 1)],
                                s[unseen_ok & best & never])):
            auc = float(np.mean(pos[:, None] > neg[None, :]) + 0.5 * np.mean(pos[:, None] == neg[None, :]))
            print(f"  AUC of {name}, {what}: {auc:.3f} ({len(pos)} / {len(neg)})")
    # The control: the same second stage with the encoder's logit at 0, a
    # recalibration of the first stage in the band, which alone moves the cost.
    recalibrated = np.where(np.isnan(z), np.nan, 0.0)
    variants = (("first stage", p, None), ("recalibrated (control)", out_of_fold(recalibrated), recalibrated),
                ("+ encoder", out_of_fold(z), z))
    for name, score, used in variants:
        queries = per_query(dump, score)
        real = [(q, x) for q, x in sorted(queries.items()) if x[0]["part"] in PARTS]
        top2 = [x[:4] for _, x in real]
        query_fold = [x[0]["fold"] for _, x in real]
        single = tuple((t, None) for t in GRID)
        cost, missed, false = nested(top2, query_fold, args.folds, single)
        pooled = choose_threshold([x[:3] for x in top2])
        print(f"{name}: cost with the threshold chosen within the folds {cost:g} ({missed} missed, {false} false); "
              f"pooled threshold {pooled:.2f}, cost {rule_cost(top2, pooled)[0]:g}")
        print("  nested cost by part: " + ", ".join(
            "{} {:g} ({}/{})".format(part, *nested(top2, query_fold, args.folds, single,
                                                    lambda item, part=part: item["part"] == part))
            for part in PARTS))
        for part in PARTS:
            print(f"  {part} at {pooled:.2f}: {summary([x for _, x in real if x[0]['part'] == part], pooled)}")
        swaps = [x for x in queries.values() if x[0]["part"] == "tune_swaps"]
        print(f"  generated swaps at or above {pooled:.2f}: {sum(x[1] >= pooled for x in swaps)} of {len(swaps)}")
        if used is None:
            unseen = [x for x in queries.values() if x[0]["fold"] < 0]
            if unseen:
                print(f"  unseen parts, shipped model at {DEFAULT_THRESHOLD:.2f}: {summary(unseen, DEFAULT_THRESHOLD)}; "
                      f"at {pooled:.2f}: {summary(unseen, pooled)}")
        else:
            full = second_stage(dump, p, used, band, fold >= 0, fold < 0, args.swaps)
            unseen = [x for x in per_query(dump, full).values() if x[0]["fold"] < 0]
            if unseen:
                print(f"  unseen parts, second stage fitted on every fold, at {pooled:.2f}: {summary(unseen, pooled)}; "
                      f"at {DEFAULT_THRESHOLD:.2f}: {summary(unseen, DEFAULT_THRESHOLD)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
