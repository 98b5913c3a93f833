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
import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claimcheck.errors import ClaimcheckError, ErrorCode
from claimcheck.lookups.bpe import BpeTokenizer

__all__ = ["DIM", "MODEL_NAME", "Embedder", "embedder", "from_blob", "to_blob"]

MODEL_NAME = "wordllama-l2_supercat-256"
DIM = 256
_CONFIG = "l2_supercat"
#: Batches of more characters than this (about 0.2 s of the Python tokenizer, as
#: long as the library takes to load) are tokenized by ``tokenizers``.
BULK_CHARS = 100_000

_lock = threading.Lock()
_instance: Embedder | None = None


class Embedder:
    """Unit-length sentence vectors from the packaged WordLlama weights.

    WordLlama's own loader imports its training configuration (about a
    second); the model is a token-embedding table averaged over the tokens,
    so it is read here directly from the files the wheel installs, with the
    same tokenizer settings (no truncation, no special tokens).  The table
    is mapped from the ``.safetensors`` file, not read: a lookup touches
    only the rows of its query's tokens.  A few texts are tokenized by
    :class:`~claimcheck.lookups.bpe.BpeTokenizer` (the same ids, without
    the ``tokenizers`` library's 0.1-0.2 s load); a batch of more than
    :data:`BULK_CHARS` characters (an import) by ``tokenizers``, which is
    faster per text.
    """

    name = MODEL_NAME
    dim = DIM

    def __init__(self) -> None:
        spec = importlib.util.find_spec("wordllama")
        if spec is None or spec.origin is None:  # a broken install, not a user error
            raise ClaimcheckError(ErrorCode.DATABASE, "the 'wordllama' package is missing; reinstall claimcheck")
        self._folder = Path(spec.origin).parent
        self._tokenizer_file = self._folder / "tokenizers" / f"{_CONFIG}_tokenizer_config.json"
        self._bulk: Any = None
        self._bpe: BpeTokenizer | None = None
        # The project's cache folder; its module is in the rules package,
        # which the embedder's importers (the model, the store) need not load.
        from claimcheck.rules.lemma_cache import cache_dir

        try:
            self._table = _map_weights(self._folder / "weights" / f"{_CONFIG}_{DIM}.safetensors")
            try:
                self._bpe = BpeTokenizer(self._tokenizer_file, cache_dir())
            except ValueError:  # another kind of tokenizer: the library reads it
                self._bulk_tokenizer()
        except (OSError, KeyError, ValueError, ImportError) as exc:
            raise self._broken(exc) from exc

    def _broken(self, exc: BaseException) -> ClaimcheckError:
        return ClaimcheckError(ErrorCode.DATABASE, f"cannot read the WordLlama weights in {self._folder} ({exc}); "
                               "reinstall the 'wordllama' package")

    def _bulk_tokenizer(self) -> Any:
        if self._bulk is None:
            try:
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_file(str(self._tokenizer_file))
            except Exception as exc:  # the library raises its own exception type
                raise self._broken(exc) from exc
            tokenizer.no_truncation()
            self._bulk = tokenizer
        return self._bulk

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's token ids (no special tokens added)."""
        if self._bpe is not None and sum(map(len, texts)) <= BULK_CHARS:
            return [self._bpe.encode(text) for text in texts]
        return [e.ids for e in self._bulk_tokenizer().encode_batch(list(texts), add_special_tokens=False)]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """An ``(len(texts), DIM)`` float32 array of unit vectors (zeros for empty text)."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        every = self.token_ids(texts)
        for start in range(0, len(texts), 64):
            encoded = every[start:start + 64]
            # Padded to the batch's longest with id 0 and masked, as the
            # ``tokenizers`` padding did: the same sums, bit for bit.
            width = max(map(len, encoded), default=0)
            ids = np.zeros((len(encoded), width), dtype=np.int64)
            mask = np.zeros((len(encoded), width), dtype=np.float32)
            for row, token_ids in enumerate(encoded):
                ids[row, :len(token_ids)] = token_ids
                mask[row, :len(token_ids)] = 1.0
            rows = self._table[np.clip(ids, 0, len(self._table) - 1)].astype(np.float32)
            out[start:start + len(encoded)] = np.einsum("bt,btd->bd", mask, rows)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


def _map_weights(path: Path) -> np.ndarray:
    """The ``embedding.weight`` table of a ``.safetensors`` file, memory-mapped (float16)."""
    with path.open("rb") as handle:
        size = int.from_bytes(handle.read(8), "little")
        header = json.loads(handle.read(size))
    entry = header["embedding.weight"]
    if entry["dtype"] != "F16" or len(entry["shape"]) != 2 or entry["shape"][1] != DIM:
        raise ValueError(f"unexpected embedding table {entry}")
    first, last = entry["data_offsets"]
    rows = entry["shape"][0]
    if last - first != rows * DIM * 2:
        raise ValueError(f"embedding table of {last - first} bytes for shape {entry['shape']}")
    return np.memmap(path, dtype="<f2", mode="r", offset=8 + size + first, shape=(rows, DIM))


def embedder() -> Embedder:
    """The process's embedder, loaded on first use (a few milliseconds once its tokenizer is cached)."""
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
