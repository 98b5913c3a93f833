"""Generate same-topic hard negatives for the lookup model by swapping one entity or content noun.

Same-topic sentences that swap one entity or concept of a stored claim
("... larger than Australia's" beside the stored "... larger than Canada's";
"birth control pills" for "an abortion") were rare in the tuning data, so
nothing in the model learnt to penalise them.  This script makes them
systematically from the *tuning* rewordings only
(``bench/data/lookup_pairs_tune.jsonl``), inside the claim part of each
rewording (never its speaker frame), one change per sentence:

- ``entity-swap``: a named entity (spaCy's GPE, LOC, NORP, ORG or PERSON)
  that the stored claim also names is replaced by another entity with the
  same label taken from other stored claims;
- ``concept-swap``: a content noun that the stored claim also uses (the
  rarest such noun in the store) is replaced by a noun of the same tag
  (singular or plural) from the query's other BM25 candidates: a word from
  the same topic that the stored claim does not use.

Each becomes a never-checked query (``"kind": "distractor"``, ``"topic_of"``
the fact-check it was made from, ``"origin": "generated-swap"``) in
``bench/data/lookup_pairs_tune_swaps.jsonl``, read by
``bench/lookup_calibrate.py`` with the tuning part (its cross-validation
folds keep a swap with the rewordings of its fact-check).

    .venv/bin/python bench/build_lookup_swaps.py
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

from lookup_bench import DATA, bench_store, load_pairs, target_ids

from claimcheck.analysis.nlp import load_pipeline
from claimcheck.lookups.features import stem
from claimcheck.lookups.frames import split_frame
from claimcheck.lookups.match import Matcher

LABELS = ("GPE", "LOC", "NORP", "ORG", "PERSON")
SEED = 31


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimcheck-bench-store.sqlite3"))
    parser.add_argument("--out", type=Path, default=DATA / "lookup_pairs_tune_swaps.jsonl")
    parser.add_argument("--pool", type=int, default=3000, help="stored claims read for the entity pools")
    args = parser.parse_args()
    rng = random.Random(SEED)
    nlp = load_pipeline()
    store = bench_store(args.cache)
    matcher = Matcher(store)
    total = store.count()

    pool_rows = store.conn.execute("SELECT claim FROM factchecks ORDER BY id").fetchall()
    sample = rng.sample([r["claim"] for r in pool_rows], min(args.pool, len(pool_rows)))
    pools: dict[str, set[str]] = defaultdict(set)
    for doc in nlp.pipe(sample, batch_size=256):
        for ent in doc.ents:
            if ent.label_ in LABELS and 2 < len(ent.text) < 40 and "\n" not in ent.text:
                pools[ent.label_].add(ent.text)
    pool_lists = {label: sorted(texts) for label, texts in pools.items()}

    out: list[dict] = []
    for item in load_pairs(DATA / "lookup_pairs_tune.jsonl"):
        if item["kind"] != "reworded" or not item.get("target"):
            continue
        ids = target_ids(store, item["target"])
        stored = store.conn.execute(f"SELECT claim FROM factchecks WHERE id IN ({','.join('?' * len(ids))})",
                                    sorted(ids)).fetchone()["claim"]
        stored_lower = stored.lower()
        query = item["query"]
        claim = split_frame(query).claim
        offset = query.find(claim)
        if offset < 0:
            offset, claim = 0, query
        doc = nlp(claim)
        # Entity swap.
        ents = [e for e in doc.ents if e.label_ in LABELS and e.text.lower() in stored_lower]
        if ents:
            ent = rng.choice(ents)
            choices = [t for t in pool_lists.get(ent.label_, []) if t.lower() not in stored_lower
                       and t.lower() not in query.lower() and ent.text.lower() not in t.lower()]
            if choices:
                new = rng.choice(choices)
                start, end = offset + ent.start_char, offset + ent.end_char
                out.append({"kind": "distractor", "target": None, "topic_of": item["target"],
                            "query": query[:start] + new + query[end:], "how": ["entity-swap"],
                            "origin": "generated-swap"})
        # Concept swap: the query's rarest noun that the stored claim shares.
        stored_stems = {stem(w.lower()) for w in stored.split()}
        nouns = [t for t in doc if t.pos_ == "NOUN" and t.ent_type_ == "" and t.is_alpha and len(t) > 3
                 and stem(t.lower_) in stored_stems]
        if not nouns:
            continue
        df = store.document_frequencies(stem(t.lower_) for t in nouns)
        noun = min(nouns, key=lambda t: df.get(stem(t.lower_), total))
        features, hits = matcher.lookup_candidates(query)
        others = [r.claim for r, _ in hits if r.id not in ids][:5]
        replacements: list[str] = []
        query_stems = {stem(w.lower()) for w in query.split()}
        for other in nlp.pipe(others):
            replacements += [t.text.lower() for t in other if t.pos_ == "NOUN" and t.tag_ == noun.tag_
                             and t.is_alpha and len(t) > 3 and t.ent_type_ == ""
                             and stem(t.lower_) not in stored_stems and stem(t.lower_) not in query_stems]
        if replacements:
            new = rng.choice(sorted(set(replacements)))
            if noun.text[0].isupper():
                new = new.capitalize()
            start, end = offset + noun.idx, offset + noun.idx + len(noun.text)
            out.append({"kind": "distractor", "target": None, "topic_of": item["target"],
                        "query": query[:start] + new + query[end:], "how": ["concept-swap"],
                        "origin": "generated-swap"})
    args.out.write_text("".join(json.dumps(x) + "\n" for x in out), encoding="utf-8")
    kinds = defaultdict(int)
    for x in out:
        kinds[x["how"][0]] += 1
    print(f"wrote {len(out)} swapped sentences to {args.out}: {dict(kinds)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
