"""Matching quality of the local fact-check store.

Imports LIAR's training split into a temporary store, then looks up
``bench/data/lookup_queries.jsonl``: claims from that file reworded the way a
news article puts them (see ``bench/data/lookup_queries.md``) and distractor
sentences on the same topics that were never fact-checked.  Reports
recall@1/@3 of the original fact-check, how often a reworded query's best
match above the threshold is the wrong fact-check, and how many distractors
match anything above the threshold; with ``--sweep``, the same at several
thresholds.  Queries alternate between a "dev" and a "test" half: tune the
threshold on dev only and read the result on test.

    .venv/bin/python bench/lookup_quality.py --liar ../shared/data/factchecks/liar_train.tsv [--sweep]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimcheck.lookups.importers import import_file  # noqa: E402
from claimcheck.lookups.match import DEFAULT_THRESHOLD, Matcher  # noqa: E402
from claimcheck.lookups.store import Store  # noqa: E402

QUERIES = Path(__file__).parent / "data" / "lookup_queries.jsonl"


def evaluate(results: list[dict], threshold: float) -> dict[str, float]:
    """Figures for one threshold from the per-query results."""
    reworded = [r for r in results if r["kind"] == "reworded"]
    distractors = [r for r in results if r["kind"] == "distractor"]
    recall1 = sum(r["rank"] == 1 for r in reworded) / len(reworded)
    recall3 = sum(r["rank"] is not None and r["rank"] <= 3 for r in reworded) / len(reworded)
    found = sum(r["rank"] == 1 and r["top"] >= threshold for r in reworded) / len(reworded)
    wrong = sum(r["rank"] != 1 and r["top"] >= threshold for r in reworded) / len(reworded)
    false = sum(r["top"] >= threshold for r in distractors) / len(distractors)
    return {"queries": len(reworded), "distractors": len(distractors), "recall@1": recall1, "recall@3": recall3,
            "found_above_threshold": found, "wrong_top_above_threshold": wrong, "distractor_false_match": false}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--liar", default="../shared/data/factchecks/liar_train.tsv", help="LIAR train TSV")
    parser.add_argument("--queries", default=str(QUERIES))
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--sweep", action="store_true", help="also report a range of thresholds")
    parser.add_argument("--show", action="store_true", help="print misses and false matches")
    args = parser.parse_args()

    items = [json.loads(line) for line in Path(args.queries).read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.sqlite3")
        import_file(store, args.liar, "liar")
        matcher = Matcher(store)
        results = []
        started = time.perf_counter()
        for index, item in enumerate(items):
            matches = matcher.find(item["query"], limit=10)
            target = item.get("liar_id")
            target_claim = None
            if target:
                row = store.conn.execute("SELECT claim FROM factchecks WHERE dataset = 'liar' AND source_id = ?",
                                         (target,)).fetchone()
                target_claim = " ".join(row["claim"].casefold().split())
            rank = None
            for position, match in enumerate(matches, start=1):
                # LIAR repeats some statements under other ids: the same text counts as found.
                same = match.record.source_id == target or (
                    target_claim is not None and " ".join(match.record.claim.casefold().split()) == target_claim)
                if same:
                    rank = position
                    break
            results.append({"kind": item["kind"], "split": "dev" if index % 2 == 0 else "test", "rank": rank,
                            "top": matches[0].score if matches else 0.0, "query": item["query"],
                            "best": matches[0].record.claim if matches else None})
        elapsed = time.perf_counter() - started
        store.close()

    print(f"{len(items)} lookups in {elapsed:.2f} s ({1000 * elapsed / len(items):.1f} ms each) "
          f"against {sum(1 for _ in open(args.liar, encoding='utf-8'))} LIAR rows")
    for split in ("all", "dev", "test"):
        subset = [r for r in results if split == "all" or r["split"] == split]
        figures = evaluate(subset, args.threshold)
        print(f"{split:>4} @ threshold {args.threshold:.2f}: " + ", ".join(
            f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()))
    if args.sweep:
        for split in ("dev", "test"):
            subset = [r for r in results if r["split"] == split]
            for threshold in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65):
                f = evaluate(subset, threshold)
                print(f"  {split} t={threshold:.2f} found={f['found_above_threshold']:.3f} "
                      f"wrong={f['wrong_top_above_threshold']:.3f} distractors={f['distractor_false_match']:.3f}")
    if args.show:
        for r in results:
            if (r["kind"] == "reworded" and r["rank"] != 1) or (r["kind"] == "distractor" and r["top"] >= args.threshold):
                print(f"\n[{r['kind']} rank={r['rank']} top={r['top']:.3f}] {r['query']}\n   best: {r['best']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
