"""Do WordNet relations between replaced words separate rewordings from same-topic swaps?

For every query of the tuning part (with the generated swaps), the BM25
candidates are scored by the shipped match model; the best ``--top`` of them
(and the target, when it is among the candidates) are kept with their
:data:`~claimcheck.lookups.match.FEATURES` and, for the stored claim's words
that the query's claim (speaker frame removed) does not repeat, how the query
replaced them (:func:`claimcheck.lookups.wordnet.replacements`: by a WordNet
rewording, only by a sibling or antonym, or by unrelated words).

Compared by 5-fold cross-validation grouped by fact-check on the tuning part
(the generated swaps scored out of fold, fitted on only with
``--swap-weight``), the threshold chosen as ``lookup_calibrate.py`` chooses
it: ``current`` (the shipped features, refitted per fold) against
``current+wordnet`` (the three WordNet shares added), and single-feature
ablations.  ``--apply`` then fits every variant on all of tune and reports
the parts given, old and new in the same run (already-seen parts: evaluation
only; never the blind parts).  Candidates are cached in ``--entries``.

    .venv/bin/python bench/lookup_wordnet_eval.py --cache STORE --apply heldout,untouched,fresh
"""

from __future__ import annotations

import argparse
import math
import pickle
from pathlib import Path

import numpy as np
from lookup_bench import DATA, bench_store, load_pairs, target_ids
from lookup_calibrate import choose_threshold, fit
from lookup_minilm_eval import curve, folds_by_fact_check, report, report_applied, tops

from claimcheck.lookups import wordnet
from claimcheck.lookups.features import analyse, stem
from claimcheck.lookups.frames import split_frame
from claimcheck.lookups.match import FEATURES, Matcher, MatchModel

BLIND = ("blind",)


def words_by_stem(words: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for word in words:
        out.setdefault(stem(word), word)
    return out


def collect(matcher: Matcher, store, items: list[dict], top: int) -> list[dict]:
    """Each query's kept candidates: features, shipped probability, label, and the words WordNet compares."""
    total = max(1, store.count())
    out = []
    for item in items:
        targets = target_ids(store, item.get("target"))
        query, hits = matcher.lookup_candidates(item["query"])
        claim = analyse(split_frame(item["query"]).claim)
        entry = {"item": item, "rows": np.zeros((0, len(FEATURES))), "labels": [], "claims": [], "prob": np.zeros(0),
                 "query_words": words_by_stem(claim.words), "cand_words": []}
        if hits:
            rows, _ = matcher.pairs(item["query"], query, hits)
            prob = matcher.model.probability(rows)
            keep = sorted(set(np.argsort(-prob)[:top].tolist()) | {i for i, (r, _) in enumerate(hits) if r.id in targets})
            _, feats = matcher._indexed([hits[i][0] for i in keep])
            claimants = [analyse(hits[i][0].claimant).stems if hits[i][0].claimant else frozenset() for i in keep]
            df = store.document_frequencies({s for f in feats for s in f.stems})
            idf = {t: math.log(1 + (total - min(n, total) + 0.5) / (min(n, total) + 0.5)) for t, n in df.items()}
            unseen = math.log(1 + (total + 0.5) / 0.5)
            cand_words = []
            for f, spoken in zip(feats, claimants):
                cand_words.append({s: (w, 0.0 if s in spoken else idf.get(s, unseen))
                                   for s, w in words_by_stem(f.words).items()})
            entry.update(rows=rows[keep], prob=prob[keep], labels=[hits[i][0].id in targets for i in keep],
                         claims=[hits[i][0].claim for i in keep], cand_words=cand_words)
        out.append(entry)
    return out


def most_telling(query: dict[str, str], candidate: dict[str, tuple[str, float]]) -> tuple[float, float]:
    """The largest single stored word's share replaced only by unrelated words, and only by siblings or antonyms."""
    total = sum(w for _, w in candidate.values())
    others = [w for s, w in query.items() if s not in candidate and wordnet.known(w)]
    if total <= 0 or not others:
        return 0.0, 0.0
    worst_unrelated = worst_swapped = 0.0
    for s, (word, weight) in candidate.items():
        if weight <= 0 or s in query or not wordnet.known(word):
            continue
        kinds = {wordnet.relation(word, q) for q in others}
        if kinds & {wordnet.SAME, wordnet.RELATED}:
            continue
        if kinds & {wordnet.SIBLING, wordnet.ANTONYM}:
            worst_swapped = max(worst_swapped, weight / total)
        else:
            worst_unrelated = max(worst_unrelated, weight / total)
    return worst_unrelated, worst_swapped


def add_wordnet(entries: list[dict]) -> None:
    for cache in (wordnet._sets, wordnet._union, wordnet._known):
        cache.cache_clear()
    for e in entries:
        e["wn"] = np.asarray([wordnet.replacements(e["query_words"], c) for c in e["cand_words"]]).reshape(-1, 3)
        most = np.asarray([most_telling(e["query_words"], c) for c in e["cand_words"]]).reshape(-1, 2)
        cosine = e["rows"][:, :1]
        # Columns 3-4: the most telling single replaced word; 5-6: unrelated and swapped shares times the cosine.
        dropped = e["wn"][:, :3].sum(axis=1, keepdims=True)
        fractions = np.divide(e["wn"][:, :3], dropped, out=np.zeros_like(e["wn"][:, :3]), where=dropped > 0)
        # 7-9: each kind's share of the dropped words WordNet knows (not of all the stored words).
        e["wn"] = np.hstack([e["wn"], most, cosine * e["wn"][:, 2:3], cosine * e["wn"][:, 1:2], fractions])


VARIANTS = {
    "current": None,
    "current+wordnet": (0, 1, 2),
    "current+wn_swapped": (1,),
    "current+wn_reworded": (0,),
    "current+wn_unrelated": (2,),
    "current+wordnet+most_telling": (0, 1, 2, 3, 4),
    "current+wordnet+x_cosine": (0, 1, 2, 5, 6),
    "current+wn_fractions": (7, 8, 9),
    "current+wordnet+fractions": (0, 1, 2, 7, 8, 9),
}


# The features without WordNet's (the shipped model's before this comparison).
BASE = len([f for f in FEATURES if f not in wordnet.WORDNET_FEATURES])


def design(e: dict, variant: str) -> np.ndarray:
    cols = VARIANTS[variant]
    base = e["rows"][:, :BASE]
    if cols is None:
        return base
    return np.hstack([base, e["wn"][:, list(cols)]])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimcheck-bench-store.sqlite3"))
    parser.add_argument("--entries", type=Path, default=Path("/tmp/claimcheck-wordnet-entries.pkl"))
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--swap-weight", type=float, default=0.0, help="weight of the generated swaps in the fit")
    parser.add_argument("--apply", default="", help="already-seen parts to report after fitting on all of tune")
    parser.add_argument("--general-depth", type=int, default=wordnet.GENERAL_DEPTH)
    parser.add_argument("--up", type=int, default=wordnet.UP)
    parser.add_argument("--show", action="store_true", help="print the never-checked queries matched on the applied parts")
    args = parser.parse_args()
    parts = [p for p in filter(None, args.apply.split(",")) if not p.startswith(BLIND)]
    wordnet.GENERAL_DEPTH, wordnet.UP = args.general_depth, args.up
    cached = pickle.loads(args.entries.read_bytes()) if args.entries.exists() else {}
    if cached.get("top") != args.top or not set(parts) <= set(cached.get("applied", {})):
        store = bench_store(args.cache)
        matcher = Matcher(store)
        items = load_pairs(DATA / "lookup_pairs_tune.jsonl") + load_pairs(DATA / "lookup_pairs_tune_swaps.jsonl")
        cached = {"top": args.top, "entries": collect(matcher, store, items, args.top),
                  "applied": {p: collect(matcher, store, load_pairs(DATA / f"lookup_pairs_{p}.jsonl"), args.top)
                              for p in parts},
                  "threshold": matcher.model.threshold}
        args.entries.write_bytes(pickle.dumps(cached))
    entries = cached["entries"]
    applied = {p: cached["applied"][p] for p in parts}
    add_wordnet(entries + [e for es in applied.values() for e in es])

    fold_of = folds_by_fact_check(entries, args.folds)
    is_swap = [e["item"].get("origin") == "generated-swap" for e in entries]
    real = [i for i, s in enumerate(is_swap) if not s]
    print(f"{len(entries)} tuning queries ({len(real)} real), top {args.top} candidates kept by the shipped model; "
          f"WordNet: general depth {wordnet.GENERAL_DEPTH}, up {wordnet.UP}, swap weight {args.swap_weight}")
    # Mean WordNet shares over the best candidate (by the shipped model), by kind of query.
    for name, pick in (("rewordings' targets (real)", lambda e: e["item"]["kind"] == "reworded"),
                       ("never-checked (real)", lambda e: e["item"]["kind"] == "distractor")):
        chosen = [e for i, e in enumerate(entries) if not is_swap[i] and pick(e) and len(e["prob"])]
        best = np.asarray([e["wn"][int(np.argmax(e["prob"]))] for e in chosen])
        print(f"  {name}: mean wn_reworded / wn_swapped / wn_unrelated of the best candidate "
              + " / ".join(f"{v:.3f}" for v in best.mean(axis=0)))
    for kind in ("entity-swap", "concept-swap"):
        chosen = [e for i, e in enumerate(entries) if is_swap[i] and e["item"]["how"][0] == kind and len(e["prob"])]
        best = np.asarray([e["wn"][int(np.argmax(e["prob"]))] for e in chosen])
        print(f"  generated {kind}: " + " / ".join(f"{v:.3f}" for v in best.mean(axis=0)))

    fitted: dict[str, tuple[MatchModel, float, list]] = {}
    for variant in VARIANTS:
        scores: list[np.ndarray] = [np.zeros(0)] * len(entries)
        for fold in range(args.folds):
            train = [(e, s) for e, f, s in zip(entries, fold_of, is_swap) if f != fold and e["labels"]
                     and (args.swap_weight > 0 or not s)]
            x = np.vstack([design(e, variant) for e, _ in train])
            y = np.concatenate([np.asarray(e["labels"], dtype=float) for e, _ in train])
            sw = np.concatenate([np.full(len(e["labels"]), args.swap_weight if s else 1.0) for e, s in train])
            w, b, mean, scale = fit(x, y, args.l2, sw)
            model = MatchModel(tuple(w), b, 0.5, tuple(mean), tuple(scale))
            for i, (e, f) in enumerate(zip(entries, fold_of)):
                if f == fold and e["labels"]:
                    scores[i] = model.probability(design(e, variant))
        every = tops(entries, scores)
        top = [every[i] for i in real]
        threshold = choose_threshold([(item, p, hit) for item, p, hit, _ in top])
        missed = sum(item["kind"] == "reworded" and not (hit and p >= threshold) for item, p, hit, _ in top)
        false = sum((not hit) and p >= threshold for item, p, hit, _ in top)
        hand = [t for t in top if t[0]["kind"] == "reworded" and t[0]["origin"] != "generated"]
        print(report(variant + " (cv)", top, threshold))
        print(f"   cost {missed} missed + 5 x {false} false = {missed + 5 * false}; hand-written rewordings "
              f"recall@3>=t {sum(t3 >= threshold and t3 > 0 for *_, t3 in hand) / max(1, len(hand)):.3f} of {len(hand)}")
        points = curve(top)
        swaps = [t for t, s in zip(every, is_swap) if s]
        for kind in ("entity-swap", "concept-swap"):
            ks = [t for t in swaps if t[0]["how"][0] == kind]
            print(f"   {kind} above t: {sum(p >= threshold for _, p, _, _ in ks)} of {len(ks)}; "
                  f"above the 6-allowed threshold: {sum(p >= points[3][1] for _, p, _, _ in ks)}")
        print("   never-checked allowed -> recall@3 (tune, cv):",
              "; ".join(f"{k}: {r:.3f} (t {t:.2f})" for k, t, r in points))
        fit_on = [(e, s) for e, s in zip(entries, is_swap) if e["labels"] and (args.swap_weight > 0 or not s)]
        x = np.vstack([design(e, variant) for e, _ in fit_on])
        y = np.concatenate([np.asarray(e["labels"], dtype=float) for e, _ in fit_on])
        sw = np.concatenate([np.full(len(e["labels"]), args.swap_weight if s else 1.0) for e, s in fit_on])
        w, b, mean, scale = fit(x, y, args.l2, sw)
        fitted[variant] = (MatchModel(tuple(w), b, threshold, tuple(mean), tuple(scale)), threshold, points)
        if variant != "current":
            print("   weights of the added features:", ", ".join(f"{v:+.2f}" for v in w[BASE:]))
    report_applied(applied, fitted, cached["threshold"], design,
                   (lambda e, best: f"wn={e['wn'][best].round(2).tolist()}") if args.show else None, "current")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
