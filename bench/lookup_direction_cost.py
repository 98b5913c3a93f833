"""What the direction features (ninth round) add to a lookup, measured in one process.

Looks up the tuning queries in a store (e.g. the 100,000-record store of
``lookup_speed.py --keep``) with the direction features on and off
(:func:`claimcheck.lookups.direction.direction_features` replaced by zeros),
query by query in alternating order after a warm-up pass, so that both see
the same caches and the same machine load.  The direction cache is cleared
before every lookup: each candidate's claim is read as if new, which is the
worst case.  Reports the median and p95 CPU time per lookup of each.

    .venv/bin/python bench/lookup_direction_cost.py --db /tmp/claimcheck-100k.sqlite3 [--floor 0.76]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import claimcheck.lookups.match as match  # noqa: E402
from claimcheck.lookups.direction import DIRECTION_FEATURES, direction  # noqa: E402
from claimcheck.lookups.store import Store  # noqa: E402

DATA = Path(__file__).parent / "data"


def _off(*args: object) -> tuple[float, ...]:
    return (0.0,) * len(DIRECTION_FEATURES)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the fact-check store")
    parser.add_argument("--floor", type=float, default=0.0,
                        help="min_score of the lookups (0: every candidate scored, as lookup_speed.py does; "
                             "the threshold: as check --lookup does)")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    store = Store(args.db)
    matcher = match.Matcher(store)
    lines = (DATA / "lookup_pairs_tune.jsonl").read_text(encoding="utf-8").splitlines()
    queries = [json.loads(line)["query"] for line in lines if line.strip()][: args.queries]
    real = match.direction_features
    for query in queries:  # warm-up: embedder, word vectors, WordNet, the analyser's cache
        matcher.find(query, limit=5, min_score=args.floor)
    times: dict[str, list[float]] = {"on": [], "off": []}
    for round_ in range(args.rounds):
        order = (("on", real), ("off", _off)) if round_ % 2 == 0 else (("off", _off), ("on", real))
        for query in queries:
            for name, function in order:
                match.direction_features = function  # type: ignore[assignment]
                direction.cache_clear()
                start = time.process_time()
                matcher.find(query, limit=5, min_score=args.floor)
                times[name].append(time.process_time() - start)
    match.direction_features = real
    for name, values in times.items():
        values.sort()
        print(f"direction features {name}: {len(values)} lookups, CPU median "
              f"{1000 * statistics.median(values):.2f} ms, p95 {1000 * values[int(0.95 * len(values))]:.2f} ms")
    ratio = statistics.median(times["on"]) / statistics.median(times["off"])
    print(f"on / off (median): {ratio:.3f} at floor {args.floor:g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
