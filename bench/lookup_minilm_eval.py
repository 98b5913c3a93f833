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
  the next candidate.

Reported for each: AUC of the best candidate's score (a reworded query
whose best candidate is its target against every other best candidate),
recall@3 above the threshold chosen by ``lookup_calibrate.choose_threshold``
and at the zero-false-match threshold.  ``--apply`` also fits on the whole
tuning part and reports the parts given (already-seen parts: evaluation only).
MiniLM vectors are cached by text in ``--vectors``.

    .venv/bin/python bench/lookup_minilm_eval.py --apply heldout,untouched,fresh
"""

from __future__ import annotations

import argparse
import pickle
import random
from pathlib import Path

import numpy as np
from lookup_bench import DATA, bench_store, load_pairs, target_ids
from lookup_calibrate import choose_threshold, fit

from claimcheck.lookups.frames import split_frame
from claimcheck.lookups.match import Matcher, MatchModel
from claimcheck.lookups.minilm import minilm


def collect(matcher: Matcher, store, items: list[dict], top: int) -> list[dict]:
    """Each query's kept candidates: features, current probability, label, texts."""
    out = []
    for item in items:
        targets = target_ids(store, item.get("target"))
        query, hits = matcher.lookup_candidates(item["query"])
        if not hits:
            out.append({"item": item, "rows": np.zeros((0, 15)), "labels": [], "claims": [], "prob": np.zeros(0)})
            continue
        rows, _ = matcher.pairs(item["query"], query, hits)
        prob = matcher.model.probability(rows)
        keep = sorted(set(np.argsort(-prob)[:top].tolist()) | {i for i, (r, _) in enumerate(hits) if r.id in targets})
        out.append({"item": item, "rows": rows[keep], "prob": prob[keep],
                    "labels": [hits[i][0].id in targets for i in keep], "claims": [hits[i][0].claim for i in keep],
                    "query_claim": split_frame(item["query"]).claim})
    return out


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimcheck-bench-store.sqlite3"))
    parser.add_argument("--vectors", type=Path, default=Path("/tmp/claimcheck-minilm-vectors.pkl"))
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--apply", default="", help="already-seen parts to report after fitting on all of tune")
    parser.add_argument("--swaps", action="store_true", help="add the generated swaps to the tuning queries")
    args = parser.parse_args()
    store = bench_store(args.cache)
    matcher = Matcher(store)
    items = load_pairs(DATA / "lookup_pairs_tune.jsonl")
    if args.swaps:
        items += load_pairs(DATA / "lookup_pairs_tune_swaps.jsonl")
    entries = collect(matcher, store, items, args.top)
    applied = {part: collect(matcher, store, load_pairs(DATA / f"lookup_pairs_{part}.jsonl"), args.top)
               for part in filter(None, args.apply.split(","))}
    add_minilm(entries + [e for es in applied.values() for e in es], args.vectors)

    key = [e["item"].get("target") or e["item"].get("topic_of") or e["item"].get("near") or f"q{i}"
           for i, e in enumerate(entries)]
    groups = sorted(set(key))
    random.Random(12).shuffle(groups)
    fold_of = {g: i % args.folds for i, g in enumerate(groups)}
    real = [i for i, e in enumerate(entries) if e["item"].get("origin") != "generated-swap"]
    print(f"{len(entries)} tuning queries ({len(real)} real), top {args.top} candidates kept by the shipped model")
    print(report("shipped (in-sample)", [tops(entries, [e["prob"] for e in entries])[i] for i in real], None))
    print(report("minilm cosine", [tops(entries, [e["mini"] for e in entries])[i] for i in real], None))
    print(report("minilm whole", [tops(entries, [e["mini_whole"] for e in entries])[i] for i in real], None))
    fitted: dict[str, tuple] = {}
    for variant in ("current", "minilm-features", "current+minilm"):
        scores: list[np.ndarray] = [np.zeros(0)] * len(entries)
        for fold in range(args.folds):
            train = [e for e, k in zip(entries, key) if fold_of[k] != fold and e["labels"]]
            x = np.vstack([design(e, variant) for e in train])
            y = np.concatenate([np.asarray(e["labels"], dtype=float) for e in train])
            w, b, mean, scale = fit(x, y, args.l2)
            model = MatchModel(tuple(w), b, 0.5, tuple(mean), tuple(scale))
            for i, (e, k) in enumerate(zip(entries, key)):
                if fold_of[k] == fold and e["labels"]:
                    scores[i] = model.probability(design(e, variant))
        top = [tops(entries, scores)[i] for i in real]
        threshold = choose_threshold([(item, p, hit) for item, p, hit, _ in top])
        print(report(variant + " (cv)", top, threshold))
        x = np.vstack([design(e, variant) for e in entries if e["labels"]])
        y = np.concatenate([np.asarray(e["labels"], dtype=float) for e in entries if e["labels"]])
        w, b, mean, scale = fit(x, y, args.l2)
        fitted[variant] = (MatchModel(tuple(w), b, threshold, tuple(mean), tuple(scale)), threshold)
        if variant != "current":
            print("   weights (last two: minilm, margin):", ", ".join(f"{v:+.2f}" for v in w))
    for part, es in applied.items():
        print(f"-- {part} (already seen: evaluation only) --")
        print(report("shipped", tops(es, [e["prob"] for e in es]), matcher.model.threshold))
        for variant, (model, threshold) in fitted.items():
            print(report(variant, tops(es, [model.probability(design(e, variant)) if e["labels"] else np.zeros(0)
                                            for e in es]), threshold))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
