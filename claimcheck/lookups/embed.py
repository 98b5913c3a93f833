"""Sentence vectors for matching claims by meaning, offline and on a CPU.

The vectors come from WordLlama's ``l2_supercat`` static token embeddings
(256 dimensions, average-pooled, MIT licence), whose weights ship inside the
``wordllama`` wheel: they are loaded from the installed package folder with
downloads disabled, so nothing is fetched at run time.  Embedding a claim is
a table look-up and a mean (about 0.2 ms), and the store keeps every stored
claim's vector, so a lookup embeds only its query.

:data:`MODEL_NAME` is written into each store; a store whose vectors were
made by another model is re-embedded when next opened for writing.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claimcheck.errors import ClaimcheckError, ErrorCode

__all__ = ["DIM", "MODEL_NAME", "Embedder", "embedder", "from_blob", "to_blob"]

MODEL_NAME = "wordllama-l2_supercat-256"
DIM = 256
_CONFIG = "l2_supercat"

_lock = threading.Lock()
_instance: Embedder | None = None


class Embedder:
    """Unit-length sentence vectors from the packaged WordLlama weights."""

    name = MODEL_NAME
    dim = DIM

    def __init__(self) -> None:
        try:
            import wordllama
            from wordllama import WordLlama
        except ImportError as exc:  # a broken install, not a user error
            raise ClaimcheckError(ErrorCode.DATABASE, f"the 'wordllama' package is missing ({exc}); "
                                  "reinstall claimcheck") from exc
        # The wheel keeps its files in weights/ and tokenizers/ beside the
        # module; WordLlama looks for them under cache_dir with those names.
        folder = Path(wordllama.__file__).parent
        try:
            self._model: Any = WordLlama.load(config=_CONFIG, dim=DIM, cache_dir=folder, disable_download=True)
        except (FileNotFoundError, OSError) as exc:
            raise ClaimcheckError(ErrorCode.DATABASE, f"the WordLlama weights are not in {folder} ({exc}); "
                                  "reinstall the 'wordllama' package") from exc

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """An ``(len(texts), DIM)`` float32 array of unit vectors (zeros for empty text)."""
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        vectors = np.asarray(self._model.embed(list(texts), norm=False), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return vectors / norms


def embedder() -> Embedder:
    """The process's embedder, loaded on first use (about 0.5 s)."""
    global _instance
    with _lock:
        if _instance is None:
            _instance = Embedder()
        return _instance


def to_blob(vector: np.ndarray) -> bytes:
    """A vector as stored in SQLite: little-endian float16 (half the size, same ranking)."""
    return np.asarray(vector, dtype="<f2").tobytes()


def from_blob(blobs: Sequence[bytes]) -> np.ndarray:
    """Stored vectors back as an ``(n, DIM)`` float32 array."""
    if not blobs:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype="<f2").reshape(len(blobs), DIM).astype(np.float32)
