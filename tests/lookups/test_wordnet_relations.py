"""WordNet relations between a stored claim's dropped words and the query's words in their place."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

from claimcheck.lookups import wordnet
from claimcheck.lookups.features import analyse
from claimcheck.lookups.match import FEATURES, pair_features


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("doctors", "physicians", wordnet.SAME),        # one synset, inflected forms
    ("deficit", "shortfall", wordnet.SAME),
    ("growth", "grew", wordnet.RELATED),            # a derivation across parts of speech
    ("cars", "vehicles", wordnet.RELATED),          # a hypernym
    ("prisoners", "inmates", wordnet.RELATED),
    ("increase", "decrease", wordnet.ANTONYM),
    ("cheaper", "expensive", wordnet.ANTONYM),
    ("teachers", "nurses", wordnet.SIBLING),        # two children of one parent: a swapped concept
    ("canada", "australia", wordnet.SIBLING),
    ("wisconsin", "ohio", wordnet.SIBLING),
    ("tattoo", "pills", None),
    ("qwertyuiop", "loan", None),                   # a word WordNet lacks
])
def test_wordnet_relation_of_two_words(a: str, b: str, expected: str | None) -> None:
    assert wordnet.relation(a, b) == expected
    assert wordnet.relation(b, a) == expected


def test_wordnet_irregular_forms_reach_their_lemma() -> None:
    assert wordnet.relation("geese", "goose") == wordnet.SAME
    assert wordnet.known("children")


def _replaced(query: str, stored: str, weight: dict[str, float] | None = None,
              leave_out: frozenset[str] = frozenset()) -> tuple[float, float, float]:
    w = weight or {}
    return wordnet.replaced(analyse(query), analyse(stored), lambda s: w.get(s, 1.0), leave_out)


def test_wordnet_replacements_tell_a_rewording_from_a_swap() -> None:
    stored = "Teachers earn less than they did a decade ago."
    reworded, swapped, unrelated = _replaced("Educators earn less than they did a decade ago.", stored)
    assert reworded > 0 and swapped == 0 and unrelated == 0
    reworded, swapped, unrelated = _replaced("Nurses earn less than they did a decade ago.", stored)
    assert swapped > 0 and reworded == 0 and unrelated == 0
    reworded, swapped, unrelated = _replaced("Tattoos earn less than they did a decade ago.", stored)
    assert unrelated > 0 and reworded == 0 and swapped == 0


def test_wordnet_replacements_are_weighted_shares_of_the_stored_words() -> None:
    stored = "Teachers earn less in Ohio."
    heavy = _replaced("Nurses earn less in Ohio.", stored, {"teacher": 3.0})
    light = _replaced("Nurses earn less in Ohio.", stored, {"teacher": 0.5})
    assert heavy[1] == pytest.approx(3.0 / 5.0)
    assert light[1] == pytest.approx(0.5 / 2.5)


def test_wordnet_repeated_or_left_out_words_are_no_replacements() -> None:
    assert _replaced("Teachers earn less in Ohio.", "Teachers earn less in Ohio.") == (0.0, 0.0, 0.0)
    # The claimant's words never count, and a query with nothing in their place replaces nothing.
    assert _replaced("Nurses earn less.", "Teachers earn less.", leave_out=frozenset({"teacher"})) == (0.0, 0.0, 0.0)
    assert _replaced("They earn less.", "Teachers earn less.") == (0.0, 0.0, 0.0)
    assert _replaced("", "") == (0.0, 0.0, 0.0)


def _pairwise(query: dict[str, str], candidate: dict[str, tuple[str, float]]) -> tuple[float, float, float]:
    """The definition, one relation per pair of words."""
    total = sum(w for _, w in candidate.values())
    others = [w for s, w in query.items() if s not in candidate and wordnet.known(w)]
    out = [0.0, 0.0, 0.0]
    for s, (word, weight) in candidate.items():
        if weight <= 0 or s in query or not others or not wordnet.known(word):
            continue
        kinds = {wordnet.relation(word, q) for q in others}
        k = 0 if kinds & {wordnet.SAME, wordnet.RELATED} else 1 if kinds & {wordnet.SIBLING, wordnet.ANTONYM} else 2
        out[k] += weight
    return (out[0] / total, out[1] / total, out[2] / total) if total > 0 and others else (0.0, 0.0, 0.0)


@pytest.mark.parametrize(("query", "stored"), [
    ("Nurses and doctors in Ohio earn less than a decade ago, cheaper pills", "Teachers earn more in Wisconsin"),
    ("Inmates grew vehicles and autos", "Prisoners growth cars trucks expensive qwertyuiop"),
    ("The Senate cut taxes on mortgages", "The House raised taxes on college loans"),
])
def test_wordnet_replacements_equal_the_pairwise_definition(query: str, stored: str) -> None:
    q, c = analyse(query), analyse(stored)
    by_stem = {s: (w, 1.0 + len(w) / 10) for s, w in wordnet._by_stem(c).items()}
    assert wordnet.replacements(wordnet._by_stem(q), by_stem) == pytest.approx(_pairwise(wordnet._by_stem(q), by_stem))
    weights = {s: w for s, (_, w) in by_stem.items()}
    leave_out = frozenset(list(weights)[:1])
    left = {s: (w, 0.0 if s in leave_out else x) for s, (w, x) in by_stem.items()}
    assert wordnet.replaced(q, c, weights.__getitem__, leave_out) == wordnet.replacements(wordnet._by_stem(q), left)


def test_wordnet_features_are_the_last_pair_features() -> None:
    assert FEATURES[-3:] == wordnet.WORDNET_FEATURES
    query, stored = analyse("Nurses earn less than a decade ago."), analyse("Teachers earn less than a decade ago.")
    row = pair_features(query, stored, lambda s: 1.0, None, 0.9, 0.5, 1.0)
    assert len(row) == len(FEATURES)
    assert row[-3:] == list(_replaced("Nurses earn less than a decade ago.", "Teachers earn less than a decade ago."))
    assert row[-2] > 0


def _builder():
    path = Path(__file__).resolve().parents[2] / "bench" / "build_wordnet_table.py"
    spec = importlib.util.spec_from_file_location("build_wordnet_table", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_wordnet_table", module)
    spec.loader.exec_module(module)
    return module


# A tiny dict folder in WordNet's format: "car" and "truck" are children of "motor vehicle",
# "auto" shares the synset of "car", "wreck" is derived from nothing, "big" / "small" are antonyms.
_DATA = {
    "noun": [
        "00000001 06 n 01 motor_vehicle 0 002 ~ 00000002 n 0000 ~ 00000003 n 0000 | a vehicle",
        "00000002 06 n 02 car 0 auto 0 001 @ 00000001 n 0000 | a car",
        "00000003 06 n 01 truck 0 001 @ 00000001 n 0000 | a truck",
    ],
    "verb": [], "adv": [],
    "adj": [
        "00000001 00 a 01 big 0 001 ! 00000002 a 0101 | large",
        "00000002 00 a 01 small 0 001 ! 00000001 a 0101 | not large",
    ],
}
_INDEX = {
    "noun": ["auto n 1 1 @ 1 0 00000002", "car n 1 1 @ 1 0 00000002", "motor_vehicle n 1 1 ~ 1 0 00000001",
             "truck n 1 1 @ 1 0 00000003"],
    "adj": ["big a 1 1 ! 1 0 00000001", "small a 1 1 ! 1 0 00000002"],
    "verb": [], "adv": [],
}


def _dict_folder(tmp_path: Path) -> Path:
    for pos in ("noun", "verb", "adj", "adv"):
        (tmp_path / f"data.{pos}").write_text("  1 licence line\n" + "".join(f"{x}  \n" for x in _DATA[pos]))
        (tmp_path / f"index.{pos}").write_text("  1 licence line\n" + "".join(f"{x}  \n" for x in _INDEX[pos]))
        (tmp_path / f"{pos}.exc").write_text("cars car\n" if pos == "noun" else "")
    return tmp_path


def test_wordnet_table_is_rebuilt_byte_for_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builder = _builder()
    (tmp_path / "dict").mkdir()
    folder = _dict_folder(tmp_path / "dict")
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    digest = builder.write(first, folder)
    assert builder.write(second, folder) == digest
    assert first.read_bytes() == second.read_bytes()
    assert hashlib.sha256(first.read_bytes()).hexdigest() == digest
    # The table read back gives the relations the dict files state.
    # (In this tiny table every parent is a root: let roots count as telling parents.)
    monkeypatch.setattr(wordnet, "_table", wordnet._Table(first))
    monkeypatch.setattr(wordnet, "GENERAL_DEPTH", 0)
    for cache in (wordnet._sets, wordnet._union, wordnet._known):
        cache.cache_clear()
    try:
        assert wordnet.relation("car", "auto") == wordnet.SAME
        assert wordnet.relation("cars", "truck") == wordnet.SIBLING
        assert wordnet.relation("big", "small") == wordnet.ANTONYM
        assert wordnet.relation("car", "motor") is None
    finally:
        for cache in (wordnet._sets, wordnet._union, wordnet._known):
            cache.cache_clear()


def test_wordnet_archive_is_mapped_as_numpy_reads_it(tmp_path) -> None:
    # The table is memory-mapped from the uncompressed archive (deflated members are read):
    # every array must equal what numpy.load gives, whatever its dtype, shape and header.
    import numpy as np

    from claimcheck.lookups.wordnet import TABLE_FILE, _mapped

    arrays = {"ints": np.arange(-5, 70_000, 7, dtype=np.int32), "bytes": np.array([b"ab", b"wordnet"]),
              "grid": np.arange(12, dtype="<i8").reshape(3, 4), "empty": np.zeros(0, dtype=np.int8),
              "text": np.array('[["a", 1]]')}
    for save, name in ((np.savez, "stored.npz"), (np.savez_compressed, "deflated.npz")):
        save(tmp_path / name, **arrays)
        mapped = _mapped(tmp_path / name)
        assert set(mapped) == set(arrays)
        for key, expected in arrays.items():
            assert mapped[key].dtype == expected.dtype and mapped[key].shape == expected.shape, key
            assert np.array_equal(mapped[key], expected), key
    with np.load(TABLE_FILE) as shipped:
        table = _mapped(TABLE_FILE)
        for key in shipped.files:
            assert np.array_equal(table[key], shipped[key]), key
