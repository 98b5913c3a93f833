"""The cue model's training pairs are read in claim order, whatever order ``extract`` wrote them in.

``extract`` writes claims as the report lists them, by score; if the fit read
them in that order, the cue model would change with the check-worthiness model
(liblinear's solution depends on the order of its rows).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from train.train_attribution import load, train_model  # noqa: E402


def _records(seed: int = 3) -> list[dict[str, object]]:
    rng = random.Random(seed)
    records: list[dict[str, object]] = []
    for doc in ("a", "b"):
        for n in range(40):
            cands = []
            for k in range(3):
                ok = rng.random() < 0.4
                feats = ["bias", f"lemma={rng.choice(['say', 'tell', 'find', 'show', 'add'])}",
                         f"dep={rng.choice(['nsubj', 'dobj', 'prep'])}"] + (["speechy"] if ok and rng.random() < 0.7 else [])
                cands.append({"verb": k, "source": [k], "features": feats, "ok": ok})
            records.append({"doc": doc, "claim": f"c{n}", "score": round(rng.random(), 3), "inside": True,
                            "rule_has": False, "rule_ok": False, "quoted": False, "rule_source": None,
                            "candidates": cands})
    return records


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_load_sorts_each_article_by_claim_number(tmp_path: Path) -> None:
    records = _records()
    by_score = sorted(records, key=lambda r: -float(r["score"]))  # type: ignore[arg-type]
    loaded = load(_write(tmp_path / "pairs.jsonl", by_score))
    assert [r["claim"] for r in loaded["a"]] == [f"c{n}" for n in range(40)]
    assert [r["claim"] for r in loaded["b"]] == [f"c{n}" for n in range(40)]


def test_fit_does_not_depend_on_the_order_extract_wrote(tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason="fitting needs the train extra")
    pytest.importorskip("scipy", reason="fitting needs the train extra")
    records = _records()
    first = load(_write(tmp_path / "one.jsonl", records))
    shuffled = records[:]
    random.Random(11).shuffle(shuffled)
    second = load(_write(tmp_path / "two.jsonl", shuffled))
    claims_one = [c for d in sorted(first) for c in first[d]]
    claims_two = [c for d in sorted(second) for c in second[d]]
    assert train_model(claims_one, 0.1, 1) == train_model(claims_two, 0.1, 1)
