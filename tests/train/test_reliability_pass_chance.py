"""What the 10-bin reliability bar can show on a set (``bench/quality.py``'s ``pass_chance``)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.quality import pass_chance  # noqa: E402


def test_pass_chance_is_high_with_many_sentences_in_every_bin() -> None:
    scores = np.random.default_rng(1).uniform(0.0, 1.0, 20_000)  # about 2,000 a bin: rates within 0.03
    assert pass_chance(scores, draws=50) >= 0.95


def test_pass_chance_is_low_with_few_sentences_in_the_middle_bins() -> None:
    # CT24 dev's layout: most sentences near 0 or 1, 15-40 in each middle bin
    layout = [(699, 0.011), (38, 0.136), (40, 0.251), (17, 0.353), (17, 0.447), (15, 0.539), (15, 0.654), (21, 0.765), (35, 0.86), (135, 0.973)]
    scores = np.concatenate([np.full(n, mean) for n, mean in layout])
    assert pass_chance(scores) < 0.3
