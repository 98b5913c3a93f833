"""The WordLlama tokenizer in plain Python, for the few sentences a check looks up.

The sentence vectors (:mod:`claimcheck.lookups.embed`) average token
embeddings, so a lookup needs the token ids of its query.  Reading the
tokenizer with the ``tokenizers`` library parses a 1.8 MB JSON file and
builds its vocabulary and 61,249 merges: about 0.1-0.2 s of every
``check --lookup`` run, for some fifteen short sentences.  This module
gives the same ids from a compact copy of what the tokenizer uses (the
single-character tokens, the byte tokens and the merges packed into
integer arrays), made once from the JSON file and kept in the user cache
folder (:func:`claimcheck.rules.lemma_cache.cache_dir`) under a key made of
the file's path, size and modification time, so an upgraded ``wordllama``
gets a fresh copy.  A cache that cannot be read or written only costs the
next run the conversion.

Only the kind of tokenizer WordLlama ships is read (a ``BPE`` model with
byte fallback, no pre-tokenizer, the normalizer ``Prepend("▁")`` then
``Replace(" ", "▁")``); anything else raises :class:`ValueError` and the
caller uses ``tokenizers``.  The merge loop is the one ``tokenizers`` runs
(``Word::merge_all``: a heap ordered by merge rank, then position), so the
ids are the same for every text: ``tests/lookups/test_bpe_tokenizer.py``
compares both on thousands of sentences.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import json
import os
import re
import tempfile
from pathlib import Path

import numpy as np

__all__ = ["BpeTokenizer"]

#: Bump when the cached layout changes (2: the merges sorted by pair).
FORMAT = 2
# Ids fit in 15 bits (the Llama vocabulary has 32,000 tokens): a merge's
# pair is one int key and its (rank, new id) one int value.
_BITS = 15
_MASK = (1 << _BITS) - 1
_SPACE = "\u2581"
_TABLES = ("merge_keys", "merge_values", "chars", "char_ids", "byte_ids", "added")


class BpeTokenizer:
    """Token ids of texts, as ``tokenizers`` gives them with ``add_special_tokens=False``.

    Args:
        source: the ``tokenizers`` JSON file.
        cache: the folder for the converted copy (``None``: do not cache).

    Raises:
        ValueError: the file is not a tokenizer of the kind described above.
        OSError: it cannot be read.
    """

    def __init__(self, source: Path, cache: Path | None = None) -> None:
        tables = _read_cache(source, cache) if cache is not None else None
        if tables is None:
            tables = _convert(source)
            if cache is not None:
                _write_cache(source, cache, tables)
        self._merges = _Merges(tables["merge_keys"], tables["merge_values"])
        self._chars: dict[str, int] = dict(zip(map(chr, tables["chars"].tolist()), tables["char_ids"].tolist()))
        self._bytes: list[int] = tables["byte_ids"].tolist()
        added = json.loads(str(tables["added"][()]))
        self._added: dict[str, int] = {content: int(token_id) for content, token_id in added}
        # ``tokenizers`` finds added tokens leftmost-longest in the raw text.
        self._split = re.compile("|".join(re.escape(t) for t in sorted(self._added, key=len, reverse=True))) \
            if self._added else None

    def encode(self, text: str) -> list[int]:
        """The token ids of one text."""
        if self._split is None:
            return self._segment(text)
        ids: list[int] = []
        start = 0
        for match in self._split.finditer(text):
            ids += self._segment(text[start:match.start()])
            ids.append(self._added[match.group()])
            start = match.end()
        ids += self._segment(text[start:])
        return ids

    def _segment(self, text: str) -> list[int]:
        if not text:
            return []
        symbols: list[int] = []
        for char in _SPACE + text.replace(" ", _SPACE):
            token = self._chars.get(char)
            if token is not None:
                symbols.append(token)
            else:  # byte fallback: every byte has a token in this vocabulary
                symbols.extend(self._bytes[b] for b in char.encode("utf-8"))
        return self._merge(symbols)

    def _merge(self, symbols: list[int]) -> list[int]:
        """Apply the merges, lowest rank first and leftmost among equals (``Word::merge_all``)."""
        merges = self._merges
        count = len(symbols)
        nexts = list(range(1, count + 1))
        nexts[-1] = -1
        prevs = list(range(-1, count - 1))
        alive = [True] * count
        queue: list[tuple[int, int, int]] = []
        for pos in range(count - 1):
            merge = merges.get(symbols[pos] << _BITS | symbols[pos + 1])
            if merge is not None:
                queue.append((merge >> _BITS, pos, merge & _MASK))
        heapq.heapify(queue)
        while queue:
            _, pos, new = heapq.heappop(queue)
            if not alive[pos]:
                continue
            right = nexts[pos]
            if right == -1:
                continue
            # An entry made before a neighbour merged: skip it unless the
            # pair now there makes the same token.
            merge = merges.get(symbols[pos] << _BITS | symbols[right])
            if merge is None or merge & _MASK != new:
                continue
            symbols[pos] = new
            alive[right] = False
            after = nexts[right]
            nexts[pos] = after
            if after != -1:
                prevs[after] = pos
            before = prevs[pos]
            if before >= 0:
                merge = merges.get(symbols[before] << _BITS | new)
                if merge is not None:
                    heapq.heappush(queue, (merge >> _BITS, before, merge & _MASK))
            if after != -1:
                merge = merges.get(new << _BITS | symbols[after])
                if merge is not None:
                    heapq.heappush(queue, (merge >> _BITS, pos, merge & _MASK))
        return [token for token, kept in zip(symbols, alive) if kept]


class _Merges:
    """The merges by pair, looked up by bisection in the sorted table, each pair's answer kept.

    A check tokenizes a few hundred words, which ask about a few thousand
    pairs: building a dictionary of all 61,249 merges took longer (15 ms of
    CPU) than bisecting for the pairs asked about.
    """

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        # Memoryviews: bisect and indexing then give Python ints without numpy scalars.
        self._keys = np.ascontiguousarray(keys, dtype=np.int64).data.cast("B").cast("q")
        self._values = np.ascontiguousarray(values, dtype=np.int64).data.cast("B").cast("q")
        self._known: dict[int, int | None] = {}

    def get(self, pair: int) -> int | None:
        """The (rank, new id) of a pair of ids, packed as :func:`_convert` packs it; ``None``: no merge."""
        try:
            return self._known[pair]
        except KeyError:
            at = bisect.bisect_left(self._keys, pair)
            found = self._values[at] if at < len(self._keys) and self._keys[at] == pair else None
            self._known[pair] = found
            return found


def _convert(source: Path) -> dict[str, np.ndarray]:
    """The tables :class:`BpeTokenizer` uses, read from the ``tokenizers`` JSON file."""
    data = json.loads(source.read_text(encoding="utf-8"))
    model = data.get("model") or {}
    normalizer = data.get("normalizer") or {}
    expected_normalizer = {"type": "Sequence", "normalizers": [
        {"type": "Prepend", "prepend": _SPACE},
        {"type": "Replace", "pattern": {"String": " "}, "content": _SPACE}]}
    if (model.get("type") != "BPE" or not model.get("byte_fallback") or model.get("dropout")
            or model.get("continuing_subword_prefix") or model.get("end_of_word_suffix") or model.get("ignore_merges")
            or data.get("pre_tokenizer") is not None or normalizer != expected_normalizer):
        raise ValueError(f"{source} is not a byte-fallback BPE tokenizer of the kind this reader knows")
    vocab: dict[str, int] = model["vocab"]
    if max(vocab.values()) > _MASK or len(model["merges"]) > (1 << 31) >> _BITS:
        raise ValueError(f"{source} has too many tokens or merges for the packed tables")
    byte_ids = [vocab.get(f"<0x{b:02X}>") for b in range(256)]
    if any(i is None for i in byte_ids):
        raise ValueError(f"{source} lacks a byte token, so its unknown-token path would be needed")
    added = data.get("added_tokens") or []
    if any(t.get("normalized") or t.get("lstrip") or t.get("rstrip") or t.get("single_word") for t in added):
        raise ValueError(f"{source} has added tokens this reader does not handle")
    # Later merges of the same pair replace earlier ones, as in the library's map.
    merges: dict[int, int] = {}
    for rank, merge in enumerate(model["merges"]):
        left, right = merge.split(" ") if isinstance(merge, str) else merge
        merges[vocab[left] << _BITS | vocab[right]] = rank << _BITS | vocab[left + right]
    chars = [(token, i) for token, i in vocab.items() if len(token) == 1]
    pairs = sorted(merges)
    return {
        "merge_keys": np.array(pairs, dtype=np.int64),
        "merge_values": np.array([merges[pair] for pair in pairs], dtype=np.int64),
        "chars": np.array([ord(c) for c, _ in chars], dtype=np.int64),
        "char_ids": np.array([i for _, i in chars], dtype=np.int64),
        "byte_ids": np.array(byte_ids, dtype=np.int64),
        "added": np.array(json.dumps([[t["content"], t["id"]] for t in added])),
    }


def _cache_path(source: Path, cache: Path) -> Path:
    stat = source.stat()
    key = hashlib.sha256(json.dumps([FORMAT, str(source.resolve()), stat.st_size, stat.st_mtime_ns]).encode())
    return cache / f"bpe-{source.stem}-{key.hexdigest()[:24]}.npz"


def _read_cache(source: Path, cache: Path) -> dict[str, np.ndarray] | None:
    try:
        with np.load(_cache_path(source, cache), allow_pickle=False) as stored:
            tables = {name: stored[name] for name in _TABLES}
    except (OSError, ValueError, KeyError, EOFError):
        return None
    if len(tables["chars"]) != len(tables["char_ids"]) or len(tables["merge_keys"]) != len(tables["merge_values"]) \
            or len(tables["byte_ids"]) != 256 or not bool(np.all(np.diff(tables["merge_keys"]) > 0)):
        return None  # damaged (or not sorted for bisection): convert again
    return tables


def _write_cache(source: Path, cache: Path, tables: dict[str, np.ndarray]) -> None:
    temporary: str | None = None
    try:
        path = _cache_path(source, cache)
        cache.mkdir(parents=True, exist_ok=True)
        # Written aside and renamed: a concurrent run never reads half a file.
        with tempfile.NamedTemporaryFile("wb", dir=cache, delete=False, suffix=".tmp") as handle:
            temporary = handle.name
            np.savez(handle, **tables)  # type: ignore[arg-type]
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
