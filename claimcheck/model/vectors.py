"""Sentence vectors for the check-worthiness model: mean static token embeddings.

The vectors are WordLlama's ``l2_supercat`` token embeddings (256
dimensions, MIT licence) averaged over a text's tokens and scaled to unit
length.  The weights and the tokenizer ship inside the ``wordllama`` wheel and
are read from the installed package folder, as
:mod:`claimcheck.lookups.embed` reads them, so nothing is fetched at run time.
They are loaded on first use (about 0.3 s) and only by models trained with
sentence vectors (``vector_weights`` in the model file).
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from claimcheck.errors import ClaimcheckError, ErrorCode, ExitCode

__all__ = ["VECTOR_MODEL", "SentenceVectors", "sentence_vectors"]

#: Written into a model file trained with these vectors; a model naming other vectors is refused.
VECTOR_MODEL = "wordllama-l2_supercat-256"
_CONFIG, _DIM = "l2_supercat", 256
#: Texts tokenized per call: padding to the longest of a batch wastes little at this size.
_BATCH = 64


class SentenceVectors:
    """Unit-length mean token embeddings of texts."""

    name = VECTOR_MODEL
    dim = _DIM

    def __init__(self) -> None:
        spec = importlib.util.find_spec("wordllama")
        if spec is None or spec.origin is None:
            raise ClaimcheckError(ErrorCode.MODEL, "the model needs the 'wordllama' package; reinstall claimcheck",
                                  ExitCode.INTERNAL_ERROR)
        folder = Path(spec.origin).parent
        try:
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer

            self._tokenizer = Tokenizer.from_file(str(folder / "tokenizers" / f"{_CONFIG}_tokenizer_config.json"))
            table = load_file(str(folder / "weights" / f"{_CONFIG}_{_DIM}.safetensors"))["embedding.weight"]
        except (OSError, KeyError, ImportError, ValueError) as exc:
            raise ClaimcheckError(ErrorCode.MODEL, f"cannot read the WordLlama weights in {folder} ({exc}); "
                                  "reinstall the 'wordllama' package", ExitCode.INTERNAL_ERROR) from None
        self._tokenizer.enable_padding()
        self._tokenizer.no_truncation()
        self._table = np.ascontiguousarray(table.astype(np.float32))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """An ``(len(texts), 256)`` float32 array of unit vectors (zeros for a text without tokens)."""
        out = np.zeros((len(texts), _DIM), dtype=np.float32)
        for start in range(0, len(texts), _BATCH):
            encoded = self._tokenizer.encode_batch(list(texts[start:start + _BATCH]), add_special_tokens=False)
            ids = np.clip(np.array([e.ids for e in encoded], dtype=np.int64), 0, len(self._table) - 1)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
            out[start:start + len(encoded)] = np.einsum("bt,btd->bd", mask, self._table[ids])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


@functools.lru_cache(maxsize=1)
def sentence_vectors() -> SentenceVectors:
    """The process's sentence vectors, loaded on first use."""
    return SentenceVectors()
