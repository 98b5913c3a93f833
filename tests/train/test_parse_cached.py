"""The training's parse cache (``train/train_checkworthy.py``'s ``parse_cached``)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("scipy", reason="the training script needs the train extra")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from train.train_checkworthy import Dataset, parse_cached  # noqa: E402


def test_parse_cached_parses_each_text_then_reads_the_cache(tmp_path: Path) -> None:
    texts = ["Unemployment fell to 4.1% in March.", "We will win."]
    first = Dataset("tiny", ["1", "2"], texts, np.array([1, 0]))
    parse_cached(first, tmp_path, batch_size=8)
    assert [d.text for d in first.docs] == texts
    assert len(list(tmp_path.glob("tiny-*.spacy"))) == 1
    again = Dataset("tiny", ["1", "2"], texts, np.array([1, 0]))
    parse_cached(again, tmp_path, batch_size=8)
    assert [d.text for d in again.docs] == texts
