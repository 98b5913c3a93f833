"""The plain-Python WordLlama tokenizer gives the ``tokenizers`` library's ids, and caches its tables."""

from __future__ import annotations

import importlib.util
import os
import random
from pathlib import Path

import numpy as np
import pytest

from claimcheck.lookups import embed
from claimcheck.lookups.bpe import BpeTokenizer

ROOT = Path(__file__).resolve().parents[2]
SOURCE = Path(importlib.util.find_spec("wordllama").origin).parent / "tokenizers" / "l2_supercat_tokenizer_config.json"  # type: ignore[union-attr, arg-type]


def _library_ids(texts: list[str]) -> list[list[int]]:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(SOURCE))
    return [tokenizer.encode(text, add_special_tokens=False).ids for text in texts]


def _corpus() -> list[str]:
    """Thousands of lines of the project's prose and test data, and random strings of many scripts."""
    lines: list[str] = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "tests").rglob("*.txt")),
                 *sorted((ROOT / "tests" / "lookups" / "data").iterdir())]:
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(9)
    alphabet = ("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:'\"!?-()$%&/ "
                "éèêëàâäôöûüçñß ΑΒΓαβγ АБВабв 中文字 テスト 한국 🙂👍🏽 \u00a0\u2009\u200b\t\n▁")
    pieces = [*alphabet, "<s>", "</s>", "<unk>", "  ", "the ", "tion", " percent", "▁▁"]
    lines += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 60))) for _ in range(2000)]
    return lines + ["", " ", "<s>", "a<s>b", "<s><s>", " </s> ", "x<unk>", "a" * 400, " " * 9, "\u2581lead"]


def test_bpe_same_ids_as_tokenizers(tmp_path: Path) -> None:
    texts = _corpus()
    assert len(texts) > 3000
    ours = BpeTokenizer(SOURCE, tmp_path)
    theirs = _library_ids(texts)
    assert [ours.encode(text) for text in texts] == theirs


def test_bpe_cache_is_written_reused_and_replaced_when_damaged(tmp_path: Path) -> None:
    first = BpeTokenizer(SOURCE, tmp_path)
    cached = list(tmp_path.glob("bpe-*.npz"))
    assert len(cached) == 1
    written = cached[0].stat().st_mtime_ns
    assert BpeTokenizer(SOURCE, tmp_path).encode("Unemployment fell.") == first.encode("Unemployment fell.")
    assert cached[0].stat().st_mtime_ns == written  # read, not rewritten
    cached[0].write_bytes(b"not a numpy archive")
    assert BpeTokenizer(SOURCE, tmp_path).encode("Unemployment fell.") == first.encode("Unemployment fell.")
    with np.load(cached[0]) as tables:
        assert len(tables["merge_keys"]) > 60_000


def test_bpe_cache_key_follows_the_source_file(tmp_path: Path) -> None:
    source = tmp_path / "tokenizer.json"
    source.write_bytes(SOURCE.read_bytes())
    cache = tmp_path / "cache"
    BpeTokenizer(source, cache)
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    BpeTokenizer(source, cache)
    assert len(list(cache.glob("bpe-*.npz"))) == 2


def test_bpe_refuses_another_kind_of_tokenizer(tmp_path: Path) -> None:
    source = tmp_path / "tokenizer.json"
    source.write_text('{"model": {"type": "WordPiece", "vocab": {}}, "normalizer": null, "pre_tokenizer": null}')
    with pytest.raises(ValueError, match="not a byte-fallback BPE"):
        BpeTokenizer(source, None)


def test_embedder_small_and_bulk_batches_agree() -> None:
    texts = [line for line in _corpus() if line.strip()]
    assert sum(map(len, texts)) > embed.BULK_CHARS
    model = embed.embedder()
    bulk = model.embed(texts)  # more than BULK_CHARS characters: the tokenizers library
    small = np.concatenate([model.embed(texts[i:i + 50]) for i in range(0, len(texts), 50)])
    assert np.array_equal(bulk, small)
