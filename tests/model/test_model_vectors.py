"""Sentence vectors: unit mean embeddings read from the installed wordllama files, and models that use them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.model import DEFAULT_MODEL, _read
from claimcheck.model.vectors import VECTOR_MODEL, sentence_vectors


def test_model_vectors_unit_length_and_zero_for_empty() -> None:
    out = sentence_vectors().embed(["Unemployment fell to 3.5 percent.", "", "Thank you all for coming."])
    assert out.shape == (3, 256)
    assert np.allclose(np.linalg.norm(out[[0, 2]], axis=1), 1.0, atol=1e-5)
    assert not out[1].any()


def test_model_vectors_similar_texts_are_closer() -> None:
    a, b, c = sentence_vectors().embed(["Unemployment fell last year.", "Joblessness dropped last year.", "Thank you for coming tonight."])
    assert a @ b > a @ c


def _with_vectors(tmp_path: Path, weights: np.ndarray | None, model: str = VECTOR_MODEL) -> Path:
    """The shipped model's sparse part with ``weights`` as its vector weights (``None``: none)."""
    arrays = {k: v for k, v in np.load(DEFAULT_MODEL).items() if k not in ("vector_weights", "vector_model")}
    if weights is None:
        arrays["format_version"] = np.array(1)
    else:
        arrays.update(format_version=np.array(2), vector_weights=weights.astype(np.float32), vector_model=np.array(model))
    path = tmp_path / f"model-{'plain' if weights is None else 'vectors'}.npz"
    np.savez_compressed(path, **arrays)
    return path


def test_model_vectors_add_their_dot_product(tmp_path: Path, nlp) -> None:
    spans = [d[:] for d in nlp.pipe(["Crime in Chicago has doubled since 2015.", "Well, let me tell you something."])]
    plain = _read(_with_vectors(tmp_path, None)).logits(spans)
    weights = np.linspace(-1.0, 1.0, 256)
    with_vectors = _read(_with_vectors(tmp_path, weights)).logits(spans)
    expected = sentence_vectors().embed([s.text for s in spans]) @ weights.astype(np.float32)
    assert np.allclose(with_vectors - plain, expected, atol=1e-5)


def test_model_vectors_other_vectors_refused(tmp_path: Path) -> None:
    with pytest.raises(ClaimcheckError, match="sentence vectors"):
        _read(_with_vectors(tmp_path, np.zeros(256), "some-other-vectors"))

