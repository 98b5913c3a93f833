"""Text features: stems, synonym classes, numbers, years, names."""

from __future__ import annotations

import pytest

from claimcheck.lookups.features import analyse, stem


@pytest.mark.parametrize(
    ("a", "b"),
    [("taxes", "tax"), ("raised", "raise"), ("raising", "raises"), ("economies", "economy"), ("stopped", "stop"),
     ("rose", "increased"), ("jumped", "rise"), ("fell", "declined"), ("killed", "deaths"), ("jobs", "employment"),
     ("undocumented", "illegal"), ("children", "kids"), ("spent", "spending"), ("firearms", "guns")],
)
def test_features_stems_agree(a: str, b: str) -> None:
    assert stem(a) == stem(b)


@pytest.mark.parametrize(
    ("text", "numbers", "years"),
    [
        ("$1.4 trillion and $492 billion", {1.4e12, 4.92e11}, set()),
        ("$1.4tn and $492bn", {1.4e12, 4.92e11}, set()),
        ("1,200,000 people", {1.2e6}, set()),
        ("35 per cent of voters", {35.0}, set()),
        ("35% of voters", {35.0}, set()),
        ("in 2010 there were 2,000 people", {2000.0}, {2010}),
        ("from 10th to the eighth place", {10.0, 8.0}, set()),
        ("twenty-five states", {25.0}, set()),
        ("one in four children", {25.0}, set()),
        ("a 5 m wall", {5.0}, set()),
        ("no numbers here", set(), set()),
    ],
)
def test_features_numbers_and_years(text: str, numbers: set[float], years: set[int]) -> None:
    features = analyse(text)
    assert set(features.numbers) == numbers
    assert set(features.years) == years


def test_features_drop_reporting_frame_and_keep_names() -> None:
    features = analyse("Senator Elizabeth Warren told reporters on Tuesday that the U.S. economy grew.")
    assert {"told", "said", "that", "the"}.isdisjoint(features.stems)
    assert {"elizabeth", "warren", "us"} <= features.names
    assert "increase" in features.stems
    # Names are compared by stem, as the claim's words are ("acme" -> "acm" with Snowball).
    assert analyse("Jobs rose.", ("Acme Corp",)).names >= {stem("acme"), stem("corp")}
