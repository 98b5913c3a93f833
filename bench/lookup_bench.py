"""Shared pieces of the lookup benchmarks: the benchmark store and the paraphrase set.

The benchmark store holds LIAR's training split and the even-numbered half
of AVeriTeC's dev split (the odd half stays out: real claims that the store
never checked).  It is built once into ``--cache`` and reused.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimcheck.lookups.importers import read_file
from claimcheck.lookups.match import FEATURES, Matcher, MatchModel
from claimcheck.lookups.store import FactCheck, Store

DATA = Path(__file__).parent / "data"
SHARED = next((p / "shared" / "data" / "factchecks" for p in Path(__file__).resolve().parents
               if (p / "shared" / "data" / "factchecks").is_dir()), Path("../shared/data/factchecks"))


def bench_store(path: Path, liar: Path = SHARED / "liar_train.tsv",
                averitec: Path = SHARED / "averitec_dev.json") -> Store:
    """Open (building it first if needed) the benchmark store at ``path``."""
    fresh = not path.exists()
    store = Store(path)
    if fresh or store.count() == 0:
        fmt, records, digest = read_file(liar, "liar")
        store.import_records(records, file=str(liar), format=fmt, sha256=digest)
        fmt, records, digest = read_file(averitec, "averitec")
        for index, record in enumerate(records):
            record.source_id = str(index)  # AVeriTeC has no ids: its position names the claim here
        store.import_records([r for i, r in enumerate(records) if i % 2 == 0], file=str(averitec), format=fmt,
                             sha256=digest)
    return store


def load_pairs(path: Path) -> list[dict]:
    """The queries of a paraphrase file (``bench/data/lookup_pairs_*.jsonl``)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def part_queries(parts: Iterable[str]) -> list[dict]:
    """The queries of the named parts of the paraphrase set, in order, each marked with its ``part``."""
    return [dict(item, part=part) for part in parts for item in load_pairs(DATA / f"lookup_pairs_{part}.jsonl")]


def feature_matcher(store: Store) -> Matcher:
    """A matcher whose model weighs no feature (standardised as they are): its rows are the raw
    features a fit starts from (``lookup_calibrate.py``, ``lookup_pair_dump.py``)."""
    zeros = tuple([0.0] * len(FEATURES))
    return Matcher(store, model=MatchModel(zeros, 0.0, 0.5, zeros, tuple([1.0] * len(FEATURES))))


def target_ids(store: Store, target: str | None) -> set[int]:
    """Row ids that count as the target: the record, and records with the same text (LIAR repeats some)."""
    if not target:
        return set()
    dataset, source_id = target.split(":", 1)
    row = store.conn.execute("SELECT claim FROM factchecks WHERE dataset = ? AND source_id = ?",
                             (dataset, source_id)).fetchone()
    if row is None and dataset == "averitec":
        # An AVeriTeC item whose claim and article another item repeats was stored once.
        claim = json.loads((SHARED / "averitec_dev.json").read_text(encoding="utf-8"))[int(source_id)]["claim"]
        row = store.conn.execute("SELECT claim FROM factchecks WHERE dataset = ? AND claim = ?",
                                 (dataset, claim.strip())).fetchone()
    if row is None:
        raise SystemExit(f"target {target} is not in the benchmark store")
    text = " ".join(row["claim"].casefold().split())
    ids = {int(r["id"]) for r in store.conn.execute(
        "SELECT id, claim FROM factchecks WHERE claim = ? OR (dataset = ? AND source_id = ?)",
        (row["claim"], dataset, source_id))}
    ids |= {int(r["id"]) for r in store.conn.execute("SELECT id, claim FROM factchecks WHERE lower(claim) = ?", (text,))}
    return ids


def candidate_rows(store: Store, matcher: Matcher, queries: list[dict]
                   ) -> tuple[list[list[float]], list[tuple[int, bool]], list[FactCheck]]:
    """Every query's BM25 candidates as the matcher's feature rows: the rows, (query, is it the target)
    and the candidate records, in order (``lookup_calibrate.py`` fits on them, ``lookup_pair_dump.py`` dumps them)."""
    x_rows: list[list[float]] = []
    rows: list[tuple[int, bool]] = []
    records: list[FactCheck] = []
    for q, item in enumerate(queries):
        targets = target_ids(store, item.get("target"))
        query, hits = matcher.lookup_candidates(item["query"])
        features, _ = matcher.pairs(item["query"], query, hits)
        for (record, _), feats in zip(hits, features):
            x_rows.append(list(feats))
            rows.append((q, record.id in targets))
            records.append(record)
    return x_rows, rows, records


def fold_groups(queries: list[dict], folds: int, seed: int, earlier: tuple[str, ...]) -> list[int]:
    """Each query's fold, grouped by fact-check: a query, the other rewordings of its fact-check and the
    sentences written on its topic fall in one fold.  The ``earlier`` parts' groups are shuffled alone,
    first, so that adding a part leaves their folds as they were and a change in their cost is the
    fit's, not a reshuffle's; a later part's groups follow, shuffled in turn."""
    def group(q: int, item: dict) -> str:
        return item.get("target") or item.get("topic_of") or item.get("near") or f"query:{q}"
    rng = random.Random(seed)
    groups: list[str] = []
    for first in (True, False):
        batch = sorted({group(q, item) for q, item in enumerate(queries) if (item["part"] in earlier) == first}
                       - set(groups))
        rng.shuffle(batch)
        groups += batch
    fold_of_group = {g: i % folds for i, g in enumerate(groups)}
    return [fold_of_group[group(q, item)] for q, item in enumerate(queries)]
