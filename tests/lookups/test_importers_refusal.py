"""Corrupt or foreign files are refused with CC171 and leave the store unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.lookups.importers import import_file
from claimcheck.lookups.store import Store

LIAR_ROW = "2635.json\tfalse\tSays the group supports abortions.\tabortion\tdwayne-bohac\tRep\tTexas\trepublican\t0\t1\t0\t0\t0\ta mailer\n"


@pytest.mark.parametrize(
    ("content", "fmt", "message"),
    [
        (b"", "auto", "not a known fact-check format"),
        (b"hello, world\n", "auto", "not a known fact-check format"),
        (b'{"claims": [ {"text": "x", ', "auto", "not valid JSON"),
        (b'{"name": "a package.json"}', "auto", "neither ClaimReview"),
        (b"\xff\xfe\x00b\x00i\x00n", "auto", "not UTF-8"),
        (b"PK\x03\x04\x00\x00binary", "auto", "binary data"),
        (LIAR_ROW.encode() + b"2636.json\tfalse\tonly three\tcolumns\n", "auto", "line 2 has 4 tab-separated columns"),
        (LIAR_ROW.replace("\tfalse\t", "\tsomewhat-true\t").encode(), "liar", "unknown LIAR label 'somewhat-true'"),
        (LIAR_ROW.replace("2635.json", "abc").encode(), "liar", "not a LIAR statement id"),
        (json.dumps([{"claim": "x", "label": "Probably"}]).encode(), "auto", "unknown AVeriTeC label"),
        (json.dumps([{"label": "Supported"}]).encode(), "averitec", "item 0 has no 'claim'"),
        (json.dumps({"claims": [{"text": "x"}, {"claimant": "y"}]}).encode(), "auto", "claims[1] has no 'text'"),
        (json.dumps({"claims": []}).encode(), "auto", "holds no claim reviews"),
        (json.dumps({"@type": "ClaimReview", "url": "https://x.example"}).encode(), "auto", "has no claimReviewed"),
        (json.dumps({"@type": "WebPage"}).encode(), "claimreview", "no schema.org ClaimReview"),
        (json.dumps([1, 2, 3]).encode(), "google", "not a Fact Check Tools response"),
        (b"<html><script type='application/ld+json'>{oops}</script></html>", "auto", "JSON-LD block 1 is not valid"),
    ],
)
def test_importers_refuse_and_leave_store_unchanged(filled_store: Store, tmp_path: Path, content: bytes, fmt: str,
                                                    message: str) -> None:
    before = filled_store.stats()
    terms = filled_store.conn.execute("SELECT count(*), sum(df) FROM terms").fetchone()[:]
    path = tmp_path / "input.dat"
    path.write_bytes(content)
    with pytest.raises(ClaimcheckError) as info:
        import_file(filled_store, path, fmt)
    assert info.value.code.value == "CC171"
    assert message in info.value.message
    assert str(path) in info.value.message and "nothing was imported" in info.value.message
    assert "\n" not in str(info.value)
    after = filled_store.stats()
    assert after["factchecks"] == before["factchecks"] and after["imports"] == before["imports"]
    assert filled_store.conn.execute("SELECT count(*), sum(df) FROM terms").fetchone()[:] == terms


def test_importers_failure_inside_the_transaction_rolls_back(filled_store: Store, data_dir: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A database error half-way through an import keeps nothing of it."""
    before = filled_store.count()
    from claimcheck.lookups import store as store_module

    calls = {"n": 0}
    real = store_module.analyse

    def failing(text: str, *args: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        return real(text, *args)

    monkeypatch.setattr(store_module, "analyse", failing)
    with pytest.raises(RuntimeError):
        import_file(filled_store, data_dir / "claimreview_list.json")
    assert filled_store.count() == before
    assert filled_store.conn.execute("SELECT count(*) FROM imports WHERE format = 'claimreview'").fetchone()[0] == 0
    assert not filled_store.conn.in_transaction


@pytest.mark.parametrize("name", ["missing.json", ""])
def test_importers_missing_file_and_directory(store: Store, tmp_path: Path, name: str) -> None:
    with pytest.raises(ClaimcheckError) as info:
        import_file(store, tmp_path / name)
    assert info.value.code.value == ("CC101" if name else "CC102")
