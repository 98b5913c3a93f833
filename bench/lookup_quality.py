"""Matching quality of the local fact-check store on the paraphrase set.

Looks up every query of a part of ``bench/data/lookup_pairs_*.jsonl`` (see
``bench/data/lookup_pairs.md``) in the benchmark store (LIAR train and half
of AVeriTeC dev, see ``lookup_bench.py``) and reports, overall and by where
the queries came from:

- recall@1 / recall@3: the reworded claim's fact-check is ranked first /
  in the first three;
- recall@3 >= t: the fact-check is among the first three *and* scores at or
  above the threshold (what ``check --lookup`` would show);
- found: ranked first with a match probability at or above the threshold;
- wrong: a reworded query whose best match above the threshold is another
  fact-check;
- false: a never-checked query (a figure changed, a claim the store does not
  hold, a same-topic sentence) with any match at or above the threshold.

Since the sixth round every non-blind part is fitted
(``bench/lookup_calibrate.py``), so only the blind parts, which the lead
runs, are clean tests:

    .venv/bin/python bench/lookup_quality.py --part heldout [--show]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from lookup_bench import DATA, bench_store, load_pairs, target_ids

from claimcheck.lookups.match import DEFAULT_THRESHOLD, DIRECTION_PENALTY, ROLE_PENALTY, Matcher


def summarise(results: list[dict], threshold: float) -> str:
    reworded = [r for r in results if r["kind"] == "reworded"]
    never = [r for r in results if r["kind"] == "distractor"]
    parts = []
    if reworded:
        n = len(reworded)
        parts.append(f"reworded {n}: recall@1 {sum(r['rank'] == 1 for r in reworded) / n:.3f}, "
                     f"recall@3 {sum(r['rank'] is not None and r['rank'] <= 3 for r in reworded) / n:.3f}, "
                     f"recall@3 >= t {sum(r['rank'] is not None and r['rank'] <= 3 and r['score'] >= threshold for r in reworded) / n:.3f}, "
                     f"found {sum(r['rank'] == 1 and r['top'] >= threshold for r in reworded) / n:.3f}, "
                     f"wrong {sum(r['rank'] != 1 and r['top'] >= threshold for r in reworded)}")
    if never:
        parts.append(f"never checked {len(never)}: false {sum(r['top'] >= threshold for r in never)}")
    return "; ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("tune", "heldout", "untouched", "fresh", "sixth", "seventh", "eighth", "blind", "blind2", "blind3", "ninth", "blind4"), default="tune")
    parser.add_argument("--queries", type=Path, help="another query file of the same form")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimcheck-bench-store.sqlite3"))
    parser.add_argument("--show", action="store_true", help="print misses and false matches")
    parser.add_argument("--role-penalty", type=float, default=ROLE_PENALTY,
                        help="log-odds a swap of roles costs a candidate (0: no roles vetting)")
    parser.add_argument("--direction-penalty", type=float, default=DIRECTION_PENALTY,
                        help="log-odds a turned verb costs a candidate (0: no direction vetting)")
    parser.add_argument("--by-how", action="store_true", help="also report by how the queries were written")
    args = parser.parse_args()
    items = load_pairs(args.queries or DATA / f"lookup_pairs_{args.part}.jsonl")
    store = bench_store(args.cache)
    matcher = Matcher(store, role_penalty=args.role_penalty, direction_penalty=args.direction_penalty)
    matcher.find("warm up the embedder")
    results = []
    times = []
    for item in items:
        targets = target_ids(store, item.get("target"))
        started = time.perf_counter()
        matches = matcher.find(item["query"], limit=10)
        times.append(time.perf_counter() - started)
        rank = next((k for k, m in enumerate(matches, 1) if m.record.id in targets), None)
        results.append({**item, "rank": rank, "top": matches[0].score if matches else 0.0,
                        "score": matches[rank - 1].score if rank else 0.0,
                        "best": matches[0].record.claim if matches else None})
    times.sort()
    print(f"{args.queries or args.part}: {len(items)} lookups against {store.count()} fact-checks, "
          f"median {1000 * times[len(times) // 2]:.1f} ms, p95 {1000 * times[int(0.95 * len(times))]:.1f} ms; "
          f"threshold {args.threshold:.3f}")
    print(f"  all: {summarise(results, args.threshold)}")
    by_origin: dict[str, list[dict]] = defaultdict(list)
    for r in results:
        by_origin[f"{r['origin']} ({r['how'][0] if r['kind'] == 'distractor' and r['how'] else r['kind']})"].append(r)
    for origin, subset in sorted(by_origin.items()):
        print(f"  {origin}: {summarise(subset, args.threshold)}")
    if args.by_how:
        by_how: dict[str, list[dict]] = defaultdict(list)
        for r in results:
            for how in r.get("how") or ():
                by_how[f"{r['kind']}: {how}"].append(r)
        for how, subset in sorted(by_how.items()):
            print(f"  {how}: {summarise(subset, args.threshold)}")
    if args.show:
        for r in results:
            if (r["kind"] == "reworded" and (r["rank"] != 1 or r["top"] < args.threshold)) or \
                    (r["kind"] == "distractor" and r["top"] >= args.threshold):
                print(f"\n[{r['kind']} rank={r['rank']} top={r['top']:.3f}] {r['query']}\n   best: {r['best']}")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
