"""Fit the lookup match model on the non-blind parts of the paraphrase set and choose its threshold.

Every query of the fitted parts (``--parts``: by default every non-blind
part but the seventh: tune, heldout, untouched, fresh and sixth) is looked up in the
benchmark store; each of its BM25 candidates becomes a row of
:data:`claimcheck.lookups.match.FEATURES`, labelled 1 when it is the
fact-check the query rewords and 0 otherwise (the other candidates are the
hard negatives: same words, same topic, another claim).  A logistic
regression (L2, standardised features) gives the match probability.  The
threshold comes from 5-fold cross-validation grouped by fact-check: the
out-of-fold probabilities of each query's best candidate are swept, and the
threshold with the lowest cost is kept, a false match (a never-checked
query, or a wrong best candidate, at or above it) costing
:data:`FALSE_COST` missed matches.

Until the sixth round only the tuning part was fitted; the held-out,
untouched and fresh parts had all been read by then, and fitting them too
(people's rewordings and same-topic sentences, which the generated tuning
rewordings underrepresent) gave better out-of-fold figures on every
hand-written part (``docs/lookups.md``, "Sixth round").  The blind parts
are never read: ``--parts`` refuses them.
The generated entity and concept swaps (``lookup_pairs_tune_swaps.jsonl``,
made from tuning rewordings by ``bench/build_lookup_swaps.py``) are scored
out of fold and reported; by default they are not fitted on
(``--swap-weight 0``): fitted on (``--swap-weight 1 --swap-kinds
entity-swap``) they halve the entity swaps matched but cost hand-written
rewordings.  The threshold is chosen on the real queries only.
The seventh part (eighth round: rewordings that name no claimant,
never-checked sentences that name it) is fitted since the ninth round, at
weight 0.3 (:data:`PART_WEIGHTS`, ``--part-weight seventh=W``); scored
out of fold only with ``--fit-parts tune,heldout,untouched,fresh,sixth``.
Adding it leaves the earlier parts' folds as they were, and "nested cost
over the earlier parts" says what a fit with it costs them
(``docs/lookups.md``, "Eighth round, data" and "Ninth round").
``--without`` leaves features out, for ablations.  Writes
``claimcheck/lookups/match_model.json``.

    .venv/bin/python bench/lookup_calibrate.py
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
from lookup_bench import DATA, bench_store, candidate_rows, feature_matcher, fold_groups, load_pairs, part_queries

from claimcheck.lookups import embed
from claimcheck.lookups.frames import split_frame
from claimcheck.lookups.match import DEFAULT_THRESHOLD, FEATURES, MODEL_FILE, VET_FLOOR, MatchModel
from claimcheck.lookups.roles import vet
from claimcheck.lookups.store import Store

FALSE_COST = 5.0
# The parts before the seventh: they keep their folds when a later part is
# added (see below), and a refit must not cost them more than the last one did.
EARLIER_PARTS = ("tune", "heldout", "untouched", "fresh", "sixth")
EARLIER = (*EARLIER_PARTS, "tune_swaps")
# The shipped model's parts (ninth round: the seventh too, at PART_WEIGHTS' weight).
PARTS = (*EARLIER_PARTS, "seventh")
# The seventh part is a stress part built against one artefact of the others
# (rewordings name the claimant, same-topic sentences do not); fitted at full
# weight it pulls the model off the earlier parts (nested cost over them
# 151 against 144), at 0.1-0.35 it does not (134-143) and its own cost
# falls 111 -> 71-81 (docs/lookups.md, "Ninth round").
PART_WEIGHTS = {"seventh": 0.3}
SWAPS = DATA / "lookup_pairs_tune_swaps.jsonl"


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0,
        sample_weight: np.ndarray | None = None) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Logistic regression by Newton's method on standardised features: weights, bias, mean, scale."""
    s = np.ones(len(y)) if sample_weight is None else sample_weight
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        grad = z.T @ (s * (p - y)) + penalty * w
        hess = (z * (s * p * (1 - p))[:, None]).T @ z + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1]), mean, scale


def tops(prob: np.ndarray, rows: list[tuple[int, bool]], queries: list[dict]) -> list[tuple[dict, float, bool]]:
    """Each query's best candidate: (query, probability, is it the target)."""
    best: dict[int, tuple[float, bool]] = {}
    for (q, label), p in zip(rows, prob):
        if q not in best or p > best[q][0]:
            best[q] = (float(p), label)
    return [(queries[q], *best.get(q, (0.0, False))) for q in range(len(queries))]


def target_scores(prob: np.ndarray, rows: list[tuple[int, bool]], queries: list[dict]) -> dict[int, float]:
    """Each reworded query's target score when the target is among its three best candidates (else -1)."""
    by_query: dict[int, list[tuple[float, bool]]] = {}
    for (q, label), p in zip(rows, prob):
        by_query.setdefault(q, []).append((float(p), label))
    return {q: max((p for p, label in sorted(c, key=lambda pc: -pc[0])[:3] if label), default=-1.0)
            for q, c in by_query.items() if queries[q]["kind"] == "reworded"}


HAND = ("handwritten", "lookup_queries")


def recall_table(top: list[tuple[dict, float, bool]], target: dict[int, float], queries: list[dict],
                 thresholds: tuple[float, ...]) -> list[str]:
    """Recall@3 above each threshold (all / hand-written rewordings) and the real never-checked queries matched."""
    real = [q for q, item in enumerate(queries) if item.get("origin") != "generated-swap"]
    reworded = [q for q in real if queries[q]["kind"] == "reworded"]
    hand = [q for q in reworded if queries[q]["origin"].startswith(HAND)]
    never = [q for q in real if queries[q]["kind"] == "distractor"]
    hand_never = [q for q in never if queries[q]["origin"].startswith(HAND)]
    lines = []
    for t in thresholds:
        lines.append(f"  t={t:.2f}: recall@3 >= t {sum(target.get(q, -1) >= t for q in reworded) / len(reworded):.3f} "
                     f"(hand-written {sum(target.get(q, -1) >= t for q in hand) / max(1, len(hand)):.3f} of {len(hand)}), "
                     f"never-checked matched {sum(top[q][1] >= t for q in never)} of {len(never)} "
                     f"(hand-written {sum(top[q][1] >= t for q in hand_never)} of {len(hand_never)}), "
                     f"swaps {sum(top[q][1] >= t for q, item in enumerate(queries) if item.get('origin') == 'generated-swap')}")
    return lines


def choose_threshold(top: list[tuple[dict, float, bool]]) -> float:
    """The threshold (0.30-0.98, step 0.01) costing least: misses plus :data:`FALSE_COST` per false match."""
    def cost(t: float) -> float:
        missed = sum(item["kind"] == "reworded" and not (hit and p >= t) for item, p, hit in top)
        false = sum((not hit) and p >= t for item, p, hit in top)
        return missed + FALSE_COST * false

    return min((round(0.30 + 0.01 * k, 2) for k in range(69)), key=lambda t: (cost(t), -t))


def rule_cost(top2: list[tuple[dict, float, bool, float]], threshold: float, close: tuple[float, float] | None = None
              ) -> tuple[float, int, int]:
    """Cost, misses and false matches of each query's best candidate (query, p, is target, runner-up's p).

    ``close`` = (gap, higher): a best candidate less than ``gap`` above the
    runner-up must reach ``higher`` instead of ``threshold`` (the second
    threshold rule of the eighth round).
    """
    missed = false = 0
    for item, p, hit, second in top2:
        need = close[1] if close is not None and p - second < close[0] else threshold
        missed += item["kind"] == "reworded" and not (hit and p >= need)
        false += (not hit) and p >= need
    return missed + FALSE_COST * false, missed, false


GRID = tuple(round(0.30 + 0.01 * k, 2) for k in range(69))
CLOSE_GRID = tuple((gap, higher) for gap in (0.05, 0.1, 0.2, 0.3, 0.5) for higher in (0.8, 0.85, 0.9, 0.95, 0.98))


def nested(top2: list[tuple[dict, float, bool, float]], fold: list[int], folds: int,
           rules: tuple[tuple[float, tuple[float, float] | None], ...],
           scored: Callable[[dict], bool] = lambda item: True) -> tuple[float, int, int]:
    """The cost when each fold's rule (threshold, optional close rule) is chosen on the other folds' queries.

    The pooled CV threshold is chosen on the very out-of-fold scores it is
    scored on, so its cost is optimistic; this is the honest comparison of
    rules with more free parameters. ``scored`` picks the queries counted
    (the rules are still chosen on every query of the other folds).
    """
    total = [0.0, 0, 0]
    for k in range(folds):
        train = [t for t, f in zip(top2, fold) if f != k]
        held = [t for t, f in zip(top2, fold) if f == k]
        rule = min(rules, key=lambda r: (rule_cost(train, *r)[0], -r[0]))
        total = [a + b for a, b in zip(total, rule_cost([t for t in held if scored(t[0])], *rule))]
    return total[0], int(total[1]), int(total[2])


def role_penalties(oof: np.ndarray, rows: list[tuple[int, bool]], record_ids: list[int], queries: list[dict],
                   store: Store, reversed_: np.ndarray, query_fold_of: dict[int, int], folds: int,
                   penalties: list[float], show: bool = False) -> None:
    """The roles vetting (:meth:`Matcher.vetted`) over the out-of-fold probabilities: where it fires, its cost.

    It reads only candidates scoring :data:`VET_FLOOR` or more, as the
    matcher does.  For each pair of penalties (a swap of roles, a turned
    verb): the cost at the shipped threshold, and with the threshold chosen
    within the folds; last, both penalties and the threshold chosen within
    the folds.
    """
    swapped = np.zeros(len(oof), dtype=bool)
    flipped = np.zeros(len(oof), dtype=bool)
    claims = {q: split_frame(item["query"]) for q, item in enumerate(queries)}
    for r in np.flatnonzero(oof >= VET_FLOOR - 0.5e-4):
        record = store.get(record_ids[r])
        q, label = rows[r]
        if record is None:
            continue
        swapped[r], flipped[r] = vet(claims[q].claim, record.claim, claims[q].speaker, record.claimant)
        if show and (swapped[r] or flipped[r]):
            print(f"  [{'roles swapped' if swapped[r] else 'verb turned'}: {'TRUE PAIR' if label else 'other claim'} "
                  f"{queries[q]['part']} {queries[q]['kind']} p={oof[r]:.2f}] {queries[q]['query']} || {record.claim}")
    labels = np.asarray([label for _, label in rows])
    # Every true pair, whatever its score: how often the vetting would fire on a rewording.
    true_fires = [0, 0]
    for r in np.flatnonzero(labels & (oof < VET_FLOOR - 0.5e-4)):
        record = store.get(record_ids[r])
        if record is not None:
            framed = claims[rows[r][0]]
            kinds = vet(framed.claim, record.claim, framed.speaker, record.claimant)
            true_fires = [a + b for a, b in zip(true_fires, kinds)]
            if show and any(kinds):
                print(f"  [{'roles swapped' if kinds[0] else 'verb turned'}: TRUE PAIR below the floor "
                      f"p={oof[r]:.2f}] {queries[rows[r][0]]['query']} || {record.claim}")
    print(f"  true pairs scoring under {VET_FLOOR} (never vetted): {int((labels & (oof < VET_FLOOR - 0.5e-4)).sum())}, "
          f"roles swapped on {true_fires[0]}, verb turned on {true_fires[1]}")
    real = [q for q, item in enumerate(queries) if item.get("origin") != "generated-swap"]
    in_band = oof >= VET_FLOOR - 0.5e-4
    for name, fires in (("roles swapped", swapped), ("verb turned", flipped)):
        print(f"  {name}: fires on {int((fires & labels).sum())} of {int((in_band & labels).sum())} true pairs and "
              f"{int((fires & ~labels).sum())} of {int((in_band & ~labels).sum())} other candidates scoring >= "
              f"{VET_FLOOR}; by part (true / other): " + ", ".join(
                  f"{part} {int((fires & labels & m).sum())}/{int((fires & ~labels & m).sum())}"
                  for part in sorted({item["part"] for item in queries})
                  for m in [np.asarray([queries[q]["part"] == part for q, _ in rows])]))
    logit = np.log(np.clip(oof, 1e-12, 1 - 1e-12) / np.clip(1 - oof, 1e-12, 1))
    fold = [query_fold_of[q] for q in real]
    tables = {}
    reversed_ = reversed_ & (oof >= VET_FLOOR - 0.5e-4)
    for role, turn, rev in ((a, b, c) for a in penalties for b in penalties for c in penalties):
        prob = 1 / (1 + np.exp(-(logit - role * swapped - turn * flipped - rev * reversed_)))
        seconds: dict[int, list[float]] = {}
        for (q, _), p in zip(rows, prob):
            seconds.setdefault(q, []).append(float(p))
        top = tops(prob, rows, queries)
        top2 = [(top[q][0], top[q][1], top[q][2], sorted(seconds.get(q, [0.0, 0.0]) + [0.0])[-2]) for q in real]
        tables[role, turn, rev] = top2
        hand = [t for t in top2 if t[0]["origin"].startswith(HAND)]
        at = rule_cost(top2, DEFAULT_THRESHOLD)
        print(f"  penalties roles {role:g}, verb {turn:g}, direction_reversed {rev:g}: cost at {DEFAULT_THRESHOLD:.2f} "
              f"{at[0]:g} ({at[1]} missed, {at[2]} false; hand-written {rule_cost(hand, DEFAULT_THRESHOLD)[0]:g}), threshold within the folds "
              "{:g} ({} missed, {} false)".format(*nested(top2, fold, folds, tuple((t, None) for t in GRID))))
    # The penalties and the threshold chosen together on the other folds.
    total = [0.0, 0, 0]
    chosen = []
    for k in range(folds):
        best = min(((pen, t) for pen in tables for t in GRID),
                   key=lambda pt: (rule_cost([x for x, f in zip(tables[pt[0]], fold) if f != k], pt[1])[0],
                                   sum(pt[0]), -pt[1]))
        chosen.append(best)
        held = [x for x, f in zip(tables[best[0]], fold) if f == k]
        total = [a + b for a, b in zip(total, rule_cost(held, best[1]))]
    print("  penalties and threshold chosen within the folds: {:g} ({} missed, {} false); chosen {}".format(
        total[0], int(total[1]), int(total[2]), ", ".join(f"{'+'.join(f'{v:g}' for v in p)}/{t:.2f}" for p, t in chosen)))


def figures(top: list[tuple[dict, float, bool]], threshold: float) -> str:
    reworded = [(p, hit) for item, p, hit in top if item["kind"] == "reworded"]
    never = [p for item, p, hit in top if item["kind"] == "distractor"]
    found = sum(hit and p >= threshold for p, hit in reworded) / max(1, len(reworded))
    wrong = sum((not hit) and p >= threshold for p, hit in reworded)
    false = sum(p >= threshold for p in never)
    return (f"found at top above threshold {found:.3f} of {len(reworded)}, wrong top above {wrong}, "
            f"never-checked above {false} of {len(never)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimcheck-bench-store.sqlite3"))
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--show", action="store_true", help="print the cross-validated misses and false matches")
    parser.add_argument("--no-swaps", action="store_true",
                        help="leave out the generated entity and concept swaps (lookup_pairs_tune_swaps.jsonl)")
    parser.add_argument("--swap-weight", type=float, default=0.0,
                        help="weight of a generated swap's pairs in the fit (its labels are noisier)")
    parser.add_argument("--without", default="", help="features to leave out (comma-separated), for ablations")
    parser.add_argument("--swap-kinds", default="entity-swap",
                        help="kinds of generated swap fitted on (the others are only scored, out of fold)")
    parser.add_argument("--dry-run", action="store_true", help="report cross-validated figures, write nothing")
    parser.add_argument("--parts", default=",".join(PARTS),
                        help="parts of the paraphrase set to fit on (comma-separated; never a blind part)")
    parser.add_argument("--pairs-cache", type=Path, help="keep the pairs' features in this .npz file and reuse them")
    parser.add_argument("--close-rule", action="store_true",
                        help="also score, with thresholds chosen within the folds, a second threshold for a best "
                             "candidate close to the runner-up")
    parser.add_argument("--fit-parts", default="",
                        help="of --parts, the ones fitted on (default: all); the others are only scored, out of fold")
    parser.add_argument("--part-weight", action="append", default=[], metavar="PART=W",
                        help="weight of a fitted part's pairs in the fit (default 1, seventh 0.3: PART_WEIGHTS)")
    parser.add_argument("--threshold", type=float,
                        help="write this threshold instead of the cross-validated one (when the CV cost is flat "
                             "around both; docs/lookups.md says why it was used)")
    parser.add_argument("--seed", type=int, default=12,
                        help="shuffle the folds with this seed (the shipped figures use 12; a change is read over several)")
    parser.add_argument("--costs-at", default="",
                        help="also print the cost at these thresholds (comma-separated), real and hand-written queries")
    parser.add_argument("--role-penalties", default="",
                        help="also score the roles vetting (claimcheck.lookups.roles) at these log-odds penalties "
                             "(comma-separated; every pair for a swap of roles and a turned verb), out of fold")
    args = parser.parse_args()
    parts = [p for p in args.parts.split(",") if p]
    part_weight = dict(PART_WEIGHTS, **{name: float(w) for name, w in (pw.split("=", 1) for pw in args.part_weight)})
    fit_parts = set(args.fit_parts.split(",")) if args.fit_parts else set(parts)
    if any(p.startswith("blind") for p in parts):
        parser.error("the blind parts are never read here: they are the lead's test")
    store = bench_store(args.cache)
    matcher = feature_matcher(store)
    queries = part_queries(parts)
    if not args.no_swaps and SWAPS.exists():
        queries += [dict(item, part="tune_swaps") for item in load_pairs(SWAPS)]
    fitted_swaps = set(args.swap_kinds.split(","))
    # The pairs' features take minutes to compute; --pairs-cache keeps them
    # for ablations, keyed by the queries and the feature names (delete it
    # after changing how a feature is computed).
    key = json.dumps([FEATURES, [item["query"] for item in queries]])
    cached = np.load(args.pairs_cache) if args.pairs_cache and args.pairs_cache.exists() else None
    if cached is not None and str(cached["key"]) == key and "ids" in cached:
        x = cached["x"]
        rows = [(int(q), bool(label)) for q, label in cached["rows"]]
        record_ids = [int(i) for i in cached["ids"]]
    else:
        x_rows, rows, records = candidate_rows(store, matcher, queries)
        record_ids = [record.id or 0 for record in records]
        x = np.asarray(x_rows)
        if args.pairs_cache:
            np.savez(args.pairs_cache, key=np.asarray(key), x=x, rows=np.asarray(rows, dtype=int),
                     ids=np.asarray(record_ids, dtype=int))
    for name in filter(None, args.without.split(",")):
        x[:, FEATURES.index(name)] = 0.0  # a constant column: weight 0 after standardising
    y = np.asarray([label for _, label in rows], dtype=float)
    sw = np.asarray([(part_weight.get(queries[q]["part"], 1.0) if queries[q]["part"] in fit_parts else 0.0) if queries[q].get("origin") != "generated-swap" else
                     args.swap_weight if queries[q]["how"][0] in fitted_swaps else 0.0 for q, _ in rows])
    print(f"{len(queries)} tuning queries, {len(x)} pairs ({int(y.sum())} positive)")

    # Folds by fact-check (the generated swaps made from a query fall in its fold too);
    # the earlier parts keep their folds when a part is added.
    fold_of = fold_groups(queries, args.folds, args.seed, EARLIER)
    oof = np.zeros(len(x))
    for fold in range(args.folds):
        train = np.asarray([fold_of[q] != fold for q, _ in rows])
        w, b, mean, scale = fit(x[train], y[train], args.l2, sw[train])
        oof[~train] = MatchModel(tuple(w), b, 0.5, tuple(mean), tuple(scale)).probability(x[~train])
    top = tops(oof, rows, queries)
    # The threshold is chosen on the real queries: a generated swap costs a
    # false match only through the fit (some swaps cannot be told apart from
    # a rewording by any feature, e.g. a name that opens the sentence, and
    # hundreds of them would set the threshold alone).
    threshold = choose_threshold([t for t in top if t[0].get("origin") != "generated-swap"])
    print(f"cross-validated ({args.folds} folds by fact-check): threshold {threshold:.3f}; {figures(top, threshold)}")
    swaps = [t for t in top if t[0].get("origin") == "generated-swap"]
    real = [t for t in top if t[0].get("origin") != "generated-swap"]
    missed = sum(item["kind"] == "reworded" and not (hit and p >= threshold) for item, p, hit in real)
    false_real = sum((not hit) and p >= threshold for item, p, hit in real)
    for kind in ("entity-swap", "concept-swap"):
        n = sum(item["how"][0] == kind for item, _, _ in swaps)
        print(f"  {kind}: {sum(item['how'][0] == kind and p >= threshold for item, p, _ in swaps)} of {n} above the threshold")
    print(f"  cost on the real queries: {missed} missed + {FALSE_COST:g} x {false_real} false = "
          f"{missed + FALSE_COST * false_real:g}")
    target = target_scores(oof, rows, queries)
    for line in recall_table(top, target, queries, (0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9)):
        print(line)
    for origin in sorted({item["origin"] for item in queries}):
        print(f"  {origin}: {figures([t for t in top if t[0]['origin'] == origin], threshold)}")
    for part in parts:
        print(f"  part {part}: {figures([t for t in top if t[0]['part'] == part], threshold)}")
    # Per part and with thresholds chosen within the folds: a gain seen in one part only is no evidence.
    seconds: dict[int, list[float]] = {}
    for (q, _), p in zip(rows, oof):
        seconds.setdefault(q, []).append(float(p))
    top2 = [(item, p, hit, sorted(seconds.get(q, [0.0, 0.0]) + [0.0])[-2])
            for q, (item, p, hit) in enumerate(top) if item.get("origin") != "generated-swap"]
    query_fold = [fold_of[q] for q, (item, _, _) in enumerate(top) if item.get("origin") != "generated-swap"]
    for t in (float(v) for v in args.costs_at.split(",") if v):
        hand = [x for x in top2 if x[0]["origin"].startswith(HAND)]
        print(f"  cost at {t:.2f}: {rule_cost(top2, t)[0]:g} (hand-written {rule_cost(hand, t)[0]:g})")
    print("  cost by part (missed + 5 x false): " + ", ".join(
        f"{part} {'{:g} ({}/{})'.format(*rule_cost([t for t in top2 if t[0]['part'] == part], threshold))}"
        for part in parts))
    single = tuple((t, None) for t in GRID)
    print("  cost with the threshold chosen within the folds: {:g} ({} missed, {} false)".format(
        *nested(top2, query_fold, args.folds, single)))
    # The same thresholds (chosen within the folds on every part) scored on
    # each part and on the earlier parts together: a new part must not be
    # paid for by the old ones.
    def in_parts(*names: str) -> Callable[[dict], bool]:
        return lambda item: item["part"] in names

    print("  nested cost by part: " + ", ".join(
        f"{part} {'{:g} ({}/{})'.format(*nested(top2, query_fold, args.folds, single, in_parts(part)))}"
        for part in parts))
    print("  nested cost over the earlier parts ({}): {:g} ({} missed, {} false)".format(
        ",".join(p for p in parts if p in EARLIER),
        *nested(top2, query_fold, args.folds, single, in_parts(*EARLIER))))
    if args.close_rule:
        rules = single + tuple((t, c) for t in GRID for c in CLOSE_GRID if c[1] > t)
        print("  + a second threshold when the best two are close, chosen within the folds: {:g} ({} missed, {} false)"
              .format(*nested(top2, query_fold, args.folds, rules)))
    if args.role_penalties:
        for name in ("direction_reversed", "negation_differs"):
            # The window-based direction features (in the model) on the same candidates, for comparison.
            on = (x[:, FEATURES.index(name)] > 0) & (oof >= VET_FLOOR - 0.5e-4)
            print(f"  {name} (feature) on candidates scoring >= {VET_FLOOR}: {int((on & (y > 0)).sum())} true pairs, "
                  f"{int((on & (y == 0)).sum())} other candidates")
        role_penalties(oof, rows, record_ids, queries, store, x[:, FEATURES.index("direction_reversed")] > 0,
                       query_fold_of=fold_of, folds=args.folds,
                       penalties=[float(v) for v in args.role_penalties.split(",")], show=args.show)
    if args.show:
        for item, p, hit in top:
            if (item["kind"] == "distractor" and p >= threshold) or (item["kind"] == "reworded" and not (hit and p >= threshold)):
                print(f"  [{item['kind']} {item['origin']} p={p:.2f} top is target: {hit}] {item['query']}")

    w, b, mean, scale = fit(x, y, args.l2, sw)
    model = {
        "features": list(FEATURES), "weights": [round(float(v), 6) for v in w], "bias": round(b, 6),
        "mean": [round(float(v), 6) for v in mean], "scale": [round(float(v), 6) for v in scale],
        "threshold": round(args.threshold if args.threshold is not None else threshold, 3),
        "embedding_model": embed.MODEL_NAME,
        "fitted_on": f"bench/data/lookup_pairs_{{{','.join(p + (f' x {part_weight[p]:g}' if part_weight.get(p, 1.0) != 1.0 else '') for p in parts if p in fit_parts)}}}.jsonl{'' if args.no_swaps or args.swap_weight else ' (+ lookup_pairs_tune_swaps.jsonl, scored, not fitted)'}: "
                     f"{len(queries)} queries, {len(x)} pairs; "
                     + (f"threshold {args.threshold:g} given (CV's choice {threshold:.3f})" if args.threshold is not None
                        else f"threshold by {args.folds}-fold cross-validation grouped by fact-check"),
    }
    print("weights:", ", ".join(f"{n}={v:+.2f}" for n, v in zip(FEATURES, w)), f"bias={b:+.2f}")
    if args.dry_run:
        return 0
    MODEL_FILE.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
