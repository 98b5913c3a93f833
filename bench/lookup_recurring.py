"""Choose the recurring-claim rule's cosine and overlap bars on the tuning part of the paraphrase set.

A reworded query and the claim it rewords are the same claim (a pair that
should group); a never-checked query and its best BM25 candidate are not.
For each pair of bars the share of same-claim pairs grouped and the number
of other pairs grouped are printed, with the bars in
``claimcheck/lookups/recurring.py`` marked.  Never reads the held-out part.

    .venv/bin/python bench/lookup_recurring.py
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lookup_bench import DATA, bench_store, load_pairs, target_ids

from claimcheck.lookups import recurring
from claimcheck.lookups.embed import embedder
from claimcheck.lookups.features import analyse
from claimcheck.lookups.match import Matcher


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimcheck-bench-store.sqlite3"))
    args = parser.parse_args()
    store = bench_store(args.cache)
    matcher = Matcher(store)
    same, other = [], []
    for item in load_pairs(DATA / "lookup_pairs_tune.jsonl"):
        hits = matcher.retrieve(analyse(item["query"]))
        if not hits:
            continue
        targets = target_ids(store, item.get("target"))
        if item["kind"] == "reworded":
            pair = next(((item["query"], r.claim) for r, _ in hits if r.id in targets), None)
            if pair:
                same.append(pair)
        else:
            other.append((item["query"], hits[0][0].claim))
    model = embedder()

    def scored(pairs: list[tuple[str, str]]) -> list[tuple[float, bool]]:
        a = model.embed([p[0] for p in pairs])
        b = model.embed([p[1] for p in pairs])
        cos = (a * b).sum(axis=1)
        return [(float(c), recurring._same_claim(analyse(x), analyse(y))) for c, (x, y) in zip(cos, pairs)]

    s, o = scored(same), scored(other)
    print(f"{len(s)} same-claim pairs, {len(o)} other pairs (never-checked query, best candidate)")
    for bar in (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9):
        grouped = sum(c >= bar and ok for c, ok in s) / len(s)
        wrong = sum(c >= bar and ok for c, ok in o)
        mark = "  <- MIN_COSINE" if abs(bar - recurring.MIN_COSINE) < 1e-9 else ""
        print(f"  cosine >= {bar:.2f} (and overlap >= {recurring.MIN_OVERLAP}, figures agree): "
              f"same-claim pairs grouped {grouped:.3f}, other pairs grouped {wrong}{mark}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
