#!/usr/bin/env python3
"""How much the check-worthiness model adds to the parse, measured in one run.

Times, over the same N sentences (default 10,000) with the same pipeline,
``n_process=1`` and the same batch size:

  A. bare ``nlp.pipe``;
  B. ``nlp.pipe`` + ``model.predict`` on every parsed batch (one span per sentence);
  C. ``model.predict`` alone over the already-parsed docs (the model's own cost);

and prints the ratio B / A, C / A, the model's cold load time and the
process's peak memory.  The sentences are the repository's example article(s)
(``examples/*.txt``) split into sentences and cycled, or the lines of
``--sentences FILE``; no shared data is read.

Usage:
    .venv/bin/python bench/model_speed.py [--n 10000] [--batch-size 256] [--sentences FILE] [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.model import DEFAULT_MODEL, _read  # noqa: E402
from claimcheck.analysis.nlp import load_pipeline, pipeline_name  # noqa: E402


def sentences(path: Path | None, n: int) -> list[str]:
    """N sentences: the lines of ``path``, or the example articles split at sentence ends; cycled."""
    if path is not None:
        pool = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt")))
        pool = [s.strip() for s in re.split(r"(?<=[.?!\u201d\"])\s+", text) if len(s.split()) >= 3]
    if not pool:
        raise SystemExit("bench/model_speed.py: no sentences to time")
    return list(itertools.islice(itertools.cycle(pool), n))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--sentences", type=Path, help="a file with one sentence a line")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    texts = sentences(args.sentences, args.n)
    words = sum(len(t.split()) for t in texts)
    nlp = load_pipeline()

    t = time.perf_counter()
    model = _read(DEFAULT_MODEL)  # uncached: the cold load a new process pays
    load_s = time.perf_counter() - t

    # Warm up both paths so that neither pays first-call costs.
    for _ in nlp.pipe(texts[:200], batch_size=args.batch_size):
        pass
    model.predict([doc[:] for doc in nlp.pipe(texts[:50])])

    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=1):
        pass
    bare_s = time.perf_counter() - t

    t = time.perf_counter()
    docs = []
    batch = []
    for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=1):
        batch.append(doc)
        if len(batch) == args.batch_size:
            model.predict([d[:] for d in batch])
            docs.extend(batch)
            batch = []
    if batch:
        model.predict([d[:] for d in batch])
        docs.extend(batch)
    with_model_s = time.perf_counter() - t

    spans = [d[:] for d in docs]
    t = time.perf_counter()
    scores = model.predict(spans)
    predict_s = time.perf_counter() - t

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    result = {
        "pipeline": pipeline_name(nlp),
        "sentences": len(texts),
        "words": words,
        "batch_size": args.batch_size,
        "model_file_mb": round(DEFAULT_MODEL.stat().st_size / 1e6, 2),
        "model_load_s": round(load_s, 3),
        "bare_pipe_s": round(bare_s, 2),
        "pipe_plus_predict_s": round(with_model_s, 2),
        "ratio_pipe_plus_predict_over_bare": round(with_model_s / bare_s, 3),
        "predict_alone_s": round(predict_s, 3),
        "predict_share_of_parse": round(predict_s / bare_s, 4),
        "predict_us_per_sentence": round(1e6 * predict_s / len(texts), 1),
        "bare_words_per_s": round(words / bare_s),
        "mean_score": round(float(scores.mean()), 3),
        "peak_rss_mb": round(peak_mb),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:<36} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
