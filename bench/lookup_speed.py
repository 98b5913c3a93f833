"""Speed of the local fact-check store: import and lookup.

1. Imports LIAR's training split (10,269 rows) end to end (read, parse,
   one transaction) into a fresh store: the "10,000 records in under 10 s" bar.
2. Grows a store to ``--records`` (default 100,000) fact-checks synthesised
   from LIAR and AVeriTeC claims with deterministic variations (other
   speakers, places and figures, so they are distinct records with realistic
   wording), then times lookups of the queries in ``bench/data/`` against it:
   the "under 50 ms" bar.  The baseline, measured in the same run, is the
   bare FTS5 BM25 query each lookup starts with; the ratio shows what the
   re-ranking costs.

    .venv/bin/python bench/lookup_speed.py --liar ../shared/data/factchecks/liar_train.tsv \
        --averitec ../shared/data/factchecks/averitec_dev.json [--records 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimcheck.lookups import roles  # noqa: E402
from claimcheck.lookups.features import analyse, fts_terms, stem  # noqa: E402
from claimcheck.lookups.importers import import_file, read_file  # noqa: E402
from claimcheck.lookups.match import CANDIDATES, Matcher, fts_query  # noqa: E402
from claimcheck.lookups.store import FactCheck, Store  # noqa: E402

DATA = Path(__file__).parent / "data"
SHARED = next((p / "shared" / "data" / "factchecks" for p in Path(__file__).resolve().parents
               if (p / "shared" / "data" / "factchecks").is_dir()), Path("../shared/data/factchecks"))
PEOPLE = ["Maria Lopez", "John Carter", "Aisha Khan", "Tom Becker", "Li Wei", "Sarah O'Neill", "Raj Patel",
          "Emma Schultz", "David Okafor", "Nina Petrova", "Carlos Mendes", "Hannah Berg"]
PLACES = ["Ohio", "Texas", "Florida", "Georgia", "Wisconsin", "Oregon", "Virginia", "Arizona", "Nevada",
          "Michigan", "Colorado", "Maine", "Kenya", "Nigeria", "India", "Brazil", "Germany", "Canada"]
PLACE_RE = re.compile(r"\b(" + "|".join(PLACES) + r")\b")
NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def vary(claim: str, rng: random.Random) -> str:
    """The claim with its places, figures and (sometimes) a named speaker changed."""
    claim = PLACE_RE.sub(lambda m: rng.choice(PLACES), claim)
    claim = NUMBER_RE.sub(lambda m: str(rng.randint(2, 980)), claim)
    if rng.random() < 0.4:
        claim = f"{rng.choice(PEOPLE)} says {claim[0].lower()}{claim[1:]}"
    return claim


def synthesise(base: list[FactCheck], count: int, seed: int = 7) -> list[FactCheck]:
    """``count`` distinct records derived from ``base`` (the originals first)."""
    rng = random.Random(seed)
    records: list[FactCheck] = []
    keys: set[str] = set()
    for record in base:
        if record.dedup_key() not in keys and len(records) < count:
            keys.add(record.dedup_key())
            records.append(record)
    round_ = 0
    while len(records) < count:
        round_ += 1
        for index, record in enumerate(base):
            if len(records) >= count:
                break
            records.append(FactCheck(
                claim=vary(record.claim, rng), verdict=record.verdict, dataset="synthetic", rating=record.rating,
                claimant=rng.choice(PEOPLE), claimant_title=record.claimant_title, publisher=record.publisher,
                url=f"https://synthetic.example/{round_}/{index}", language="en"))
    return records


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--liar", default=str(SHARED / "liar_train.tsv"))
    parser.add_argument("--averitec", default=str(SHARED / "averitec_dev.json"))
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the queries")
    parser.add_argument("--keep", type=Path, help="build the big store here and keep it (reused if it exists)")
    parser.add_argument("--skip-liar-import", action="store_true", help="skip timing the LIAR import")
    args = parser.parse_args()

    queries = [json.loads(line)["query"] for line in (DATA / "lookup_pairs_tune.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()][:200]
    with tempfile.TemporaryDirectory(dir=args.keep.parent if args.keep else None) as tmp:
        import_seconds = 0.0
        if not args.skip_liar_import:
            started = time.perf_counter()
            with Store(Path(tmp) / "import.sqlite3") as store:
                result = import_file(store, args.liar)
            import_seconds = time.perf_counter() - started
            print(f"import: {result.records} LIAR rows (read, parse, embed, one transaction) in "
                  f"{import_seconds:.2f} s ({result.records / import_seconds:,.0f} records/s)")

        big = args.keep or Path(tmp) / "big.sqlite3"
        if big.exists():
            store = Store(big)
            print(f"reusing {big}: {store.count():,} fact-checks")
        else:
            base = read_file(args.liar)[1] + read_file(args.averitec)[1]
            records = synthesise(base, args.records)
            store = Store(big)
            started = time.perf_counter()
            # One import of all records: one transaction, vectors and features made before it.
            store.import_records(records, file="synthetic", format="synthetic", sha256="-")
            build_seconds = time.perf_counter() - started
            size = big.stat().st_size / 1e6
            print(f"build: {store.count():,} fact-checks imported with vectors in one import in "
                  f"{build_seconds:.1f} s ({store.count() / build_seconds:,.0f} records/s), {size:.0f} MB")

        count = store.count()
        matcher = Matcher(store)
        for query in queries:  # warm the page cache and the stem cache once
            matcher.find(query)
        lookups: list[float] = []
        baseline: list[float] = []
        naive: list[float] = []
        for _ in range(args.repeat):
            analyse.cache_clear()  # time the query analysis too
            roles.clear_cache()  # and the parses of the candidates vetted by their roles
            for query in queries:
                t0 = time.perf_counter()
                matcher.find(query, limit=5)
                lookups.append((time.perf_counter() - t0) * 1000)
            for query in queries:
                # Baseline: the same FTS5 query without re-ranking.
                features = analyse(query)
                df = store.document_frequencies(stem(w) for w in fts_terms(features))
                t0 = time.perf_counter()
                store.search(fts_query(features, df, store.count()) or '""', CANDIDATES)
                baseline.append((time.perf_counter() - t0) * 1000)
                # Naive: every term OR-ed, no pruning of common ones.
                t0 = time.perf_counter()
                store.search(fts_query(features) or '""', CANDIDATES)
                naive.append((time.perf_counter() - t0) * 1000)
        store.close()

    median, p95, worst = statistics.median(lookups), percentile(lookups, 95), max(lookups)
    base_median = statistics.median(baseline)
    print(f"lookup: {len(lookups)} lookups of {len(queries)} article-style queries against {count:,} "
          f"fact-checks (BM25 top {CANDIDATES} re-ranked with vectors and the match model): median {median:.1f} ms, p95 {p95:.1f} ms, max {worst:.1f} ms")
    print(f"baseline (the same FTS5 BM25 top-{CANDIDATES} query, no re-ranking): median {base_median:.1f} ms, "
          f"p95 {percentile(baseline, 95):.1f} ms; lookup / baseline = {median / base_median:.2f}x")
    print(f"naive (all terms OR-ed, no pruning): median {statistics.median(naive):.1f} ms, "
          f"p95 {percentile(naive, 95):.1f} ms")
    ok = p95 < 50 and import_seconds < 10
    print("bars: lookup p95 < 50 ms and 10k import < 10 s:", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
