"""Whether a change to the matcher leaves its matches unchanged, on every non-blind query.

Looks up each query of the non-blind parts of the paraphrase set (tune,
held-out, untouched, fresh, sixth and the generated swaps; never the blind
parts) in the benchmark store as ``check --lookup`` does (the three best at
or above the threshold, with the threshold as the floor that lets the
matcher skip work) and writes one JSON line per query: its part, text and
matches (record id, score).  Run it on the code before a change with
``--out``, then on the code after with ``--against`` that file: it exits 1 at
the first query whose matches differ.  ``--full`` also checks, query by
query, that the floor changes nothing against scoring every candidate.

    .venv/bin/python bench/lookup_match_identity.py --out /tmp/before.jsonl [--cache STORE]
    .venv/bin/python bench/lookup_match_identity.py --out /tmp/after.jsonl --against /tmp/before.jsonl --full
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from lookup_bench import DATA, bench_store, load_pairs

from claimcheck.lookups.match import DEFAULT_THRESHOLD, Matcher

PARTS = ("tune", "heldout", "untouched", "fresh", "sixth", "tune_swaps")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the JSON lines to write")
    parser.add_argument("--against", type=Path, help="an earlier --out to compare with")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimcheck-bench-store.sqlite3"))
    parser.add_argument("--full", action="store_true", help="also score every candidate and compare")
    args = parser.parse_args()
    earlier = [json.loads(line) for line in args.against.open(encoding="utf-8")] if args.against else None
    store = bench_store(args.cache)
    matcher = Matcher(store)
    queries = matches = 0
    cpu = 0.0
    with args.out.open("w", encoding="utf-8") as out:
        for part in PARTS:
            for item in load_pairs(DATA / f"lookup_pairs_{part}.jsonl"):
                started = time.process_time()
                found = [[m.record.id, m.score] for m in matcher.find(item["query"], limit=3,
                                                                       min_score=DEFAULT_THRESHOLD)]
                cpu += time.process_time() - started
                line = {"part": part, "query": item["query"], "matches": found}
                out.write(json.dumps(line) + "\n")
                if args.full:
                    every = [[m.record.id, m.score] for m in matcher.find(item["query"], limit=3)
                             if m.score >= DEFAULT_THRESHOLD]
                    if every != found:
                        print(f"the floor changed the matches of: {item['query']}\n  {found} against {every}")
                        return 1
                if earlier is not None and (queries >= len(earlier) or earlier[queries] != line):
                    print(f"query {queries + 1} ({part}) differs from {args.against}: {item['query']}\n"
                          f"  now {found}, then {earlier[queries]['matches'] if queries < len(earlier) else None}")
                    return 1
                queries += 1
                matches += len(found)
    store.close()
    print(f"{queries} queries, {matches} matches at or above {DEFAULT_THRESHOLD}; lookups {cpu:.1f} s of CPU"
          + (f"; the same as {args.against}" if earlier is not None else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
