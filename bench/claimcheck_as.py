#!/usr/bin/env python3
"""A stand-in ``claimcheck`` command for the shared scorers, used by ``bench/quality.py``.

The shared scorers (``../shared/tools/score_news.py``) run
``CMD check --input-format jsonl --format jsonl --all FILE`` and judge the
JSON reports.  This command answers that call in one of two ways, so that the
scorers' own rules measure things other than the shipped build:

``--folds MAP.json``
    cross-validation: ``MAP.json`` maps a document id to a model file
    (``.npz`` written by ``train/train_checkworthy.py``); each document is
    checked by claimcheck with the model of the fold that held it out.
    Documents not in the map use the shipped model.
``--baseline``, ``--baseline-balanced``
    the TF-IDF + logistic regression sentence classifier
    (:mod:`bench.baseline`): every sentence becomes a "claim" whose score is
    the classifier's probability, as in the issue's baseline column.

Usage (what the scorers call)::

    python bench/claimcheck_as.py --folds MAP.json check --input-format jsonl --format jsonl --all FILE
    python bench/claimcheck_as.py --baseline check --input-format jsonl --format jsonl --all FILE
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def read_records(path: Path) -> list[dict[str, Any]]:
    """The jsonl input the scorers write: one ``{"id", "text", "published"?}`` a line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def fold_reports(records: list[dict[str, Any]], folds: dict[str, str]) -> list[dict[str, Any]]:
    """Each record checked by claimcheck with its fold's model (the shipped one when unmapped)."""
    from claimcheck.engine import Engine
    from claimcheck.model import _read

    engines: dict[str, Engine] = {}
    out = []
    for rec in records:
        path = folds.get(rec["id"], "")
        engine = engines.get(path)
        if engine is None:
            engine = engines[path] = Engine(config={"all": True})
            if path:
                # The engine loads the shipped model lazily; a fold's model replaces it.
                engine._model, engine._model_loaded = _read(Path(path)), True  # type: ignore[assignment]
        report = engine.check(rec["text"], published=rec.get("published"), doc_id=rec["id"])
        out.append(report.to_dict())
    return out


def baseline_reports(records: list[dict[str, Any]], balanced: bool) -> list[dict[str, Any]]:
    """Each record's sentences as claims scored by the TF-IDF baseline."""
    from bench.baseline import load_baseline, split_sentences

    model = load_baseline(balanced=balanced)
    out = []
    for rec in records:
        spans = split_sentences(rec["text"])
        texts = [rec["text"][a:b] for a, b in spans]
        scores = model(texts) if texts else []
        claims = [{"id": f"s{i}", "text": t, "start": a, "end": b, "score": round(float(s), 3),
                   "type": None, "attribution": {"speaker": None, "kind": "article"}}
                  for i, ((a, b), t, s) in enumerate(zip(spans, texts, scores))]
        out.append({"document": {"id": rec["id"]}, "claims": claims, "findings": []})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--folds", type=Path, help="JSON map: document id -> model file")
    mode.add_argument("--baseline", action="store_true", help="score sentences with the TF-IDF baseline")
    mode.add_argument("--baseline-balanced", action="store_true", help="the same with class-balanced weights")
    parser.add_argument("command", choices=["check"])
    parser.add_argument("--input-format", choices=["jsonl"], required=True)
    parser.add_argument("--format", choices=["jsonl"], required=True)
    parser.add_argument("--all", action="store_true")
    parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    records = read_records(args.path)
    if args.baseline or args.baseline_balanced:
        reports = baseline_reports(records, balanced=args.baseline_balanced)
    else:
        reports = fold_reports(records, json.loads(args.folds.read_text(encoding="utf-8")))
    for report in reports:
        sys.stdout.write(json.dumps(report) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
