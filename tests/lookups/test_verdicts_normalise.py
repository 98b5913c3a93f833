"""Free-text and numeric ratings map to the six verdicts."""

from __future__ import annotations

import pytest

from claimcheck.lookups.verdicts import normalise_verdict, verdict_from_scale
from claimcheck.report import VERDICTS


@pytest.mark.parametrize(
    ("rating", "verdict"),
    [
        ("Pants on Fire!", "false"), ("pants-fire", "false"), ("False", "false"), ("FALSE.", "false"),
        ("barely-true", "mostly-false"), ("Mostly False", "mostly-false"), ("half-true", "mixed"),
        ("Half True", "mixed"), ("Mostly True", "mostly-true"), ("True", "true"),
        ("Four Pinocchios", "false"), ("Three Pinocchios", "mostly-false"), ("Two Pinocchios", "mixed"),
        ("One Pinocchio", "mostly-true"), ("Geppetto Checkmark", "true"),
        ("Misleading", "mostly-false"), ("Exaggerated", "mostly-false"), ("Missing context", "mixed"),
        ("Mixture", "mixed"), ("Partly false", "mixed"), ("Correct", "true"), ("Accurate", "true"),
        ("Falso", "false"), ("Faux", "false"), ("Falsch", "false"), ("Engañoso", "mostly-false"),
        ("Verdadero", "true"), ("Supported", "true"), ("Refuted", "false"),
        ("Conflicting Evidence/Cherrypicking", "mixed"), ("Not Enough Evidence", "unrated"),
        ("Unproven", "unrated"), ("Satire", "unrated"), ("Fake photo", "false"),
        ("False: the figure was 2 million, not 20 million", "false"),
        ("This is mostly accurate but omits context", "mostly-true"),
        ("Not true", "false"), ("", "unrated"), (None, "unrated"), ("Blue", "unrated"),
    ],
)
def test_verdicts_from_text(rating: str | None, verdict: str) -> None:
    assert normalise_verdict(rating) == verdict


@pytest.mark.parametrize(
    ("value", "best", "worst", "verdict"),
    [(1, 5, 1, "false"), (2, 5, 1, "mostly-false"), (3, 5, 1, "mixed"), (4, 5, 1, "mostly-true"),
     (5, 5, 1, "true"), (0, 10, 0, "false"), (10, 10, 0, "true"), (6, 5, 1, None), (None, 5, 1, None),
     (1, 1, 1, None)],
)
def test_verdicts_from_scale(value: float | None, best: float, worst: float, verdict: str | None) -> None:
    assert verdict_from_scale(value, best, worst) == verdict


def test_verdicts_text_wins_over_number() -> None:
    assert normalise_verdict("Half True", 5, 5, 1) == "mixed"
    assert normalise_verdict(None, 1, 5, 1) == "false"
    assert normalise_verdict("Blue", 1, 1, 1) == "unrated"  # a 1-of-1 placeholder scale says nothing
    assert set(VERDICTS) == {"false", "mostly-false", "mixed", "mostly-true", "true", "unrated"}
