"""The numpy all-MiniLM-L6-v2 encoder against the reference implementation's vectors."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimcheck.lookups.minilm import DIM, MAX_TOKENS, minilm

REFERENCE = Path(__file__).resolve().parent / "data" / "minilm_reference.json"


@pytest.fixture(scope="module")
def reference() -> dict:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


def test_minilm_matches_reference_vectors(reference: dict) -> None:
    vectors = minilm().embed(reference["sentences"])
    expected = np.asarray(reference["vectors"], dtype=np.float32)
    assert vectors.shape == (len(reference["sentences"]), DIM)
    cosines = (vectors * expected).sum(axis=1) / np.linalg.norm(expected, axis=1)
    assert cosines.min() > 0.9999, [s for s, c in zip(reference["sentences"], cosines) if c <= 0.9999]


def test_minilm_batch_order_and_padding_do_not_change_a_vector(reference: dict) -> None:
    sentences = reference["sentences"]
    alone = np.stack([minilm().embed([s])[0] for s in sentences[:6]])
    together = minilm().embed(sentences[:6][::-1])[::-1]
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_minilm_truncates_long_text_to_the_model_limit(reference: dict) -> None:
    long = max(reference["sentences"], key=len)
    assert len(minilm().token_ids([long])[0]) == MAX_TOKENS
    assert minilm().embed([])[0:0].shape == (0, DIM)
