"""Word alignment: how much of each claim the other covers, word by word, by meaning."""

from __future__ import annotations

import pytest

from claimcheck.lookups.align import alignment, word_vectors
from claimcheck.lookups.features import analyse

STORED = analyse("Unemployment has fallen from 10 percent to 8.5 percent today.")


def _cover(query: str, stored=STORED, leave_out: frozenset[str] = frozenset()) -> tuple[float, float]:
    return alignment(analyse(query), stored, lambda t: 1.0, leave_out)


def test_align_the_same_words_cover_each_other_fully() -> None:
    assert _cover("Unemployment has fallen from 10 percent to 8.5 percent today.") == pytest.approx((1.0, 1.0))


def test_align_a_synonym_covers_more_than_an_unrelated_word() -> None:
    synonym = _cover("Joblessness has fallen from 10 percent to 8.5 percent today.")
    unrelated = _cover("Rainfall has fallen from 10 percent to 8.5 percent today.")
    assert 0.0 < unrelated[0] < synonym[0] < 1.0
    assert unrelated[1] < synonym[1] < 1.0


def test_align_extra_words_lower_only_the_query_side() -> None:
    stored, query = _cover("Unemployment has fallen from 10 percent to 8.5 percent today in Ohio's rural counties.")
    assert stored == pytest.approx(1.0)
    assert query < 1.0


def test_align_left_out_words_count_on_neither_side() -> None:
    stored = analyse("Says Walker cut school funding.")
    assert _cover("Walker cut school funding.", stored)[0] == pytest.approx(1.0)
    assert _cover("Evers cut school funding.", stored)[0] < 1.0
    assert _cover("Evers cut school funding.", stored, frozenset({"walker", "ever"})) == pytest.approx((1.0, 1.0))


def test_align_empty_claims_cover_nothing() -> None:
    assert _cover("it is") == (0.0, 0.0)


def test_align_word_vectors_are_unit_length_and_cached() -> None:
    first = word_vectors(["mortgage", "loan", "mortgage"])
    assert first.shape[0] == 3
    assert (first[0] == first[2]).all()
    assert abs(float(first[1] @ first[1]) - 1.0) < 1e-5
    assert word_vectors([]).shape[0] == 0


def test_align_many_candidates_at_once_equal_one_by_one() -> None:
    from claimcheck.lookups.align import alignments

    query = analyse("Joblessness in Ohio has dropped from 10% to 8.5% now, Walker said.")
    candidates = [STORED, analyse("it is"), analyse("Says Walker cut Ohio school funding."),
                  analyse("Ohio unemployment fell."), analyse("Walker")]
    leave_out = [frozenset(), frozenset(), frozenset({"walker"}), frozenset({"ohio"}), frozenset({"walker"})]
    weight = {"ohio": 3.0, "walker": 2.0}.get
    batch = alignments(query, candidates, lambda t: weight(t, 1.0), leave_out)
    single = [alignment(query, c, lambda t: weight(t, 1.0), lo) for c, lo in zip(candidates, leave_out)]
    assert [v for pair in batch for v in pair] == pytest.approx([v for pair in single for v in pair])
    assert batch[1] == (0.0, 0.0) and batch[4] == (0.0, 0.0)
