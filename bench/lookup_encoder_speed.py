"""CPU time of a cross-encoder pass per lookup pair, in numpy, for 6 layers and fewer (issue 9, twelfth round).

The second stage measured by ``bench/lookup_encoder_eval.py`` would run
MiniLM once per candidate in the band (the query and the stored claim read
together, so nothing can be precomputed at import).  This times
``bench/minilm_encoder.py``'s forward pass on the dumped pairs' word pieces
(``bench/lookup_pair_dump.py``: query, then the claimant and the claim), one
pair at a time as a lookup would, on one BLAS thread, for the first
``--layers`` layers, and prints the float16 size of the weights a package
would ship (the word embeddings and those layers).

    OPENBLAS_NUM_THREADS=1 python bench/lookup_encoder_speed.py --pairs /tmp/pairs.jsonl --folder MODEL_DIR
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from minilm_encoder import DIM, MiniLM


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, required=True)
    parser.add_argument("--folder", type=Path, help="the model folder (default: the installed package's)")
    parser.add_argument("--layers", default="6,4,2")
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()
    dump = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in dump if 0.3 <= r["p"] <= 0.98][:args.sample]
    model = MiniLM(args.folder)
    tokenizer = model._tokenizer
    pairs = [e.ids for e in tokenizer.encode_batch(
        [(r["query"], f"{r['claimant']}: {r['claim']}" if r["claimant"] else r["claim"]) for r in rows])]
    print(f"{len(pairs)} in-band pairs, {np.mean([len(p) for p in pairs]):.1f} word pieces on average")
    every = model._layers
    for layers in (int(v) for v in args.layers.split(",")):
        model._layers = every[:layers]
        model._forward(pairs[:5])
        times = []
        for ids in pairs:
            started = time.process_time()
            model._forward([ids])
            times.append(time.process_time() - started)
        times.sort()
        size = 2 * (sum(v.size for layer in model._layers for v in layer.values()) + model._words.size
                    + 512 * DIM)
        print(f"{layers} layers: {1000 * np.mean(times):.2f} ms CPU a pair (p95 {1000 * times[int(0.95 * len(times))]:.2f}), "
              f"float16 weights {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
