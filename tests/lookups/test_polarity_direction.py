"""Direction of a claim (up or down) and when two claims point opposite ways."""

from __future__ import annotations

import numpy as np
import pytest

from claimcheck.lookups.polarity import direction, direction_conflict


@pytest.mark.parametrize(("text", "expected"), [
    ("Sandy Pasch voted to increase school aid by nearly $300 million.", 1),
    ("Sandy Pasch voted to cut school aid by nearly $300 million.", -1),
    ("There are half a million fewer government employees now.", -1),
    ("Unemployment rose faster than it fell anywhere else.", 0),
    ("Over 40 percent of banks have been wiped out.", 0),
    ("Georgia ranks 49th for women in elected office.", 0),
])
def test_direction_reads_words_of_rise_and_fall(text: str, expected: int) -> None:
    assert direction(text) == expected


def test_direction_conflict_only_when_both_sides_point_opposite_ways() -> None:
    assert direction_conflict("Right-to-work states have much higher unemployment.",
                              "Right-to-work states have much lower unemployment.") == 1.0
    assert direction_conflict("Unemployment in right-to-work states is lower.",
                              "Right-to-work states have much lower unemployment.") == 0.0
    # A side that points nowhere never conflicts: a rewording may drop the comparison.
    assert direction_conflict("Right-to-work states and unemployment.", "Unemployment fell.") == 0.0


def test_direction_conflict_lowers_the_match_probability() -> None:
    from claimcheck.lookups.features import analyse
    from claimcheck.lookups.match import FEATURES, match_model, pair_features

    stored = analyse("The right-to-work states have much lower unemployment than the union states do.")
    query = analyse("Right-to-work states have much higher unemployment than union states do.")
    same = pair_features(query, stored, lambda s: 1.0, None, 0.9, 0.3, 1.0)
    flipped = pair_features(query, stored, lambda s: 1.0, None, 0.9, 0.3, 1.0, direction_conflict=1.0)
    assert dict(zip(FEATURES, flipped))["direction_conflict"] == 1.0
    model = match_model()
    assert model.probability(np.asarray([flipped]))[0] < model.probability(np.asarray([same]))[0]
