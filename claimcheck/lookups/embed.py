"""Sentence vectors for matching claims by meaning, offline and on a CPU.

The vectors come from WordLlama's ``l2_supercat`` static token embeddings
(256 dimensions, average-pooled, MIT licence), whose weights and tokenizer
ship inside the ``wordllama`` wheel: they are read from the installed
package folder, never from a model hub, so nothing is fetched at run time.  Embedding a claim is
a table look-up and a mean (about 0.2 ms), and the store keeps every stored
claim's vector, so a lookup embeds only its query.

:data:`MODEL_NAME` is written into each store; a store whose vectors were
made by another model is re-embedded when next opened for writing.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from claimcheck.errors import ClaimcheckError, ErrorCode

__all__ = ["DIM", "MODEL_NAME", "Embedder", "embedder", "from_blob", "to_blob"]

MODEL_NAME = "wordllama-l2_supercat-256"
DIM = 256
_CONFIG = "l2_supercat"

_lock = threading.Lock()
_instance: Embedder | None = None


class Embedder:
    """Unit-length sentence vectors from the packaged WordLlama weights.

    WordLlama's own loader imports its training configuration (about a
    second); the model is a token-embedding table averaged over the tokens,
    so it is read here directly from the files the wheel installs, with the
    same tokenizer settings (padding, no truncation, no special tokens).
    """

    name = MODEL_NAME
    dim = DIM

    def __init__(self) -> None:
        spec = importlib.util.find_spec("wordllama")
        if spec is None or spec.origin is None:  # a broken install, not a user error
            raise ClaimcheckError(ErrorCode.DATABASE, "the 'wordllama' package is missing; reinstall claimcheck")
        folder = Path(spec.origin).parent
        weights = folder / "weights" / f"{_CONFIG}_{DIM}.safetensors"
        tokenizer = folder / "tokenizers" / f"{_CONFIG}_tokenizer_config.json"
        try:
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer

            self._tokenizer = Tokenizer.from_file(str(tokenizer))
            table = load_file(str(weights))["embedding.weight"]
        except (OSError, KeyError, ImportError, Exception) as exc:
            raise ClaimcheckError(ErrorCode.DATABASE, f"cannot read the WordLlama weights in {folder} ({exc}); "
                                  "reinstall the 'wordllama' package") from exc
        self._tokenizer.enable_padding()
        self._tokenizer.no_truncation()
        self._table = np.ascontiguousarray(table.astype(np.float32))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """An ``(len(texts), DIM)`` float32 array of unit vectors (zeros for empty text)."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for start in range(0, len(texts), 64):
            encoded = self._tokenizer.encode_batch(list(texts[start:start + 64]), add_special_tokens=False)
            ids = np.clip(np.array([e.ids for e in encoded], dtype=np.int64), 0, len(self._table) - 1)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
            summed = np.einsum("bt,btd->bd", mask, self._table[ids])
            out[start:start + len(encoded)] = summed
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


def embedder() -> Embedder:
    """The process's embedder, loaded on first use (about 0.3 s)."""
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
