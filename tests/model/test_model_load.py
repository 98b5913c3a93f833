"""The shipped model: loads once and fast, is small, and carries its metadata."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.model import DEFAULT_MODEL, _read, load_model


def test_model_load_is_cached() -> None:
    assert load_model() is load_model()
    assert load_model(DEFAULT_MODEL) is load_model()


def test_model_load_is_fast_and_small() -> None:
    start = time.perf_counter()
    _read(DEFAULT_MODEL)  # uncached
    assert time.perf_counter() - start < 1.0
    assert DEFAULT_MODEL.stat().st_size < 25_000_000


@pytest.mark.parametrize("key", ["name", "version", "trained_on", "metrics", "licence", "calibration", "config"])
def test_model_load_info_has(key: str) -> None:
    assert load_model().info[key]


def test_model_load_calibration_metadata() -> None:
    info = load_model().info
    assert set(info["calibration"]) >= {"method", "a", "b"}
    table = info["metrics"]["reliability_ct24_dev"]
    assert [row["bin"] for row in table] == [f"{b / 10:.1f}-{(b + 1) / 10:.1f}" for b in range(10)]
    assert sum(row["count"] for row in table) == info["metrics"]["ct24_dev"]["n"]
    assert info["metrics"]["ct24_dev"]["at_0.5"]["f1"] > info["baseline"]["ct24_dev"]["at_0.5"]["f1"]
    assert "CheckThat!" in info["licence"]


def test_model_load_name() -> None:
    assert load_model().name == f"{load_model().info['name']}-{load_model().info['version']}"


@pytest.mark.parametrize(
    "content",
    [None, b"not a zip file", b"PK\x05\x06" + b"\x00" * 18],
    ids=["missing", "garbage", "empty-zip"],
)
def test_model_load_bad_file(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "model.npz"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ClaimcheckError) as info:
        load_model(path)
    assert info.value.code.value == "CC180"
