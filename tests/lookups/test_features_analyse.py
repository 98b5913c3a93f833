"""Text features: stems, synonym classes, numbers, years, names."""

from __future__ import annotations

import pytest

from claimcheck.lookups.features import Features, analyse, stem


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
        # Spans of years, ranges sharing a multiplier, year spans, spelled-out hundreds.
        ("the fastest pace in almost two decades", {20.0}, set()),
        ("over the past decade", {10.0}, set()),
        ("cut the deficit in its second decade", {10.0}, set()),
        ("the first bipartisan bill in a quarter-century", {25.0}, set()),
        ("25 to 30 million people", {25e6, 30e6}, set()),
        ("between 500,000 and 1 million jobs", {5e5, 1e6}, set()),
        ("income change, 2009-13", set(), {2009, 2013}),
        ("from 2009 to 2013, the top 1% gained", {1.0}, {2009, 2013}),
        ("two hundred and eighty-two districts", {282.0}, set()),
        # Shares written with hyphens, and "half the".
        ("a one-in-three chance", {33.3}, set()),
        ("half the kids coming out of college", {50.0}, set()),
        ("half a million jobs", {5e5}, set()),
        # "an hour and a quarter" is a duration, not a share; "the first half of" is no share.
        ("an hour and a quarter more than in 1935", {75.0}, {1935}),
        ("in the first half of 2015", set(), {2015}),
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


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("two in five voters", "40 percent of voters"),
        ("nine times out of ten", "90% of the time"),
        ("one in four children", "25 per cent of children"),
        ("a third of the stimulus", "one-third of the stimulus"),
        ("seven states", "7 states"),
        ("the seventh largest", "the 7th largest"),
        ("$31 million", "31 million dollars"),
        ("$3-million for a projector", "3 million dollars for a projector"),
        ("half a million jobs", "500,000 jobs"),
        ("three hundred thousand stress balls", "300,000 stress balls"),
        ("ninety-five per cent of the time", "95 percent of the time"),
        ("after three decades of inaction", "after 30 years of inaction"),
        ("a one-in-three chance", "a one in three chance"),
        ("a one in twelve chance", "a 1-in-12 chance"),
        ("Half the kids", "50 percent of kids"),
        # Durations by value, and "half of" before any noun.
        ("an hour and a quarter longer", "an hour and 15 minutes longer"),
        ("one hour, 15 minutes", "75 minutes"),
        ("an hour and a half", "90 minutes"),
        ("two and a half hours", "150 minutes"),
        ("half an hour", "30 minutes"),
        ("a year and a half", "18 months"),
        ("half of Florida's campaigns", "50 percent of Florida's campaigns"),
        # News agencies' multipliers and the British "pc", never a figure cut short.
        ("a $2.3bln deficit", "a $2.3 billion deficit"),
        ("3 mln people", "3 million people"),
        ("$1.2 trn in debt", "$1.2 trillion in debt"),
        ("inflation of 2.5pc", "inflation of 2.5 per cent"),
    ],
)
def test_features_numbers_agree_by_value(a: str, b: str) -> None:
    assert analyse(a).numbers == analyse(b).numbers and analyse(a).numbers


@pytest.mark.parametrize("text", ["ranks 4th out of 40 cities", "in 2010 out of 2012", "one of the ten"])
def test_features_ranks_and_years_are_not_shares(text: str) -> None:
    assert not any(n != int(n) or n in (10.0, 2.5) for n in analyse(text).numbers if n not in (4, 40, 10))
    assert 10.0 not in analyse("ranks 4th out of 40 cities").numbers


def test_features_round_trip_through_json() -> None:
    from claimcheck.lookups.features import Features

    features = analyse("Says Texas ranks 44th nationally in education funding per pupil since 2010, Wendy Davis said.")
    assert Features.from_json(features.to_json()) == features


@pytest.mark.parametrize(("text", "expected"), [
    ("1/3 of our kids drop out", {33.3}),
    ("2/3 of voters", {66.7}),
    ("3/4 of them", {75.0}),
    ("open 24/7", {24.0, 7.0}),
    ("after 9/11", {9.0, 11.0}),
    ("the second-highest rate", {2.0}),
    ("the second most expensive", {2.0}),
    ("a second term", set()),
])
def test_analyse_slash_fractions_and_second_before_a_superlative(text: str, expected: set[float]) -> None:
    assert set(analyse(text).numbers) == expected


def test_features_a_figure_said_twice_is_kept_twice() -> None:
    twice = analyse("Over the past 10 years the district has added more people over the last 10 years than 3 cities.")
    assert twice.numbers == {10.0, 3.0} and twice.repeated == (10.0,)
    assert twice.figures() == [3.0, 10.0, 10.0]
    assert analyse("Over the past decade it added 40 people.").repeated == ()
    # Stores written before figures were counted read back with none repeated.
    assert Features.from_json('[["rent"],[],[5.0],[],["rent"]]').repeated == ()
    assert Features.from_json(twice.to_json()) == twice


@pytest.mark.parametrize(("a", "b"), [
    ("Nevada was ranked first in unemployment.", "Nevada was ranked No. 1 in unemployment."),
    ("Texas ranks first among the states in executions.", "Texas ranks 1st among the states in executions."),
    ("Florida is first in the nation for free prekindergarten.", "Florida is No. 1 in the nation for free prekindergarten."),
    ("Overdoses are the number one accidental killer.", "Overdoses are the No. 1 accidental killer."),
    ("Heroin is the number-one cause of death.", "Heroin is the #1 cause of death."),
    ("Florida is the world's top travel destination.", "Florida is the world's No. 1 travel destination."),
    ("He was the top ROTC officer in the nation.", "He was the No. 1 ROTC officer in the nation."),
    ("Wisconsin ranked second in the survey.", "Wisconsin ranked No. 2 in the survey."),
    ("Florida students are second in the world in reading.", "Florida students are No. 2 in the world in reading."),
    ("the second-highest incarceration rate", "the No. 2 incarceration rate"),
    ("Romney came in first in Iowa.", "Romney came in No. 1 in Iowa."),
    ("Texas took the top spot.", "Texas took the No. 1 spot."),
])
def test_features_ranks_are_read_by_value(a: str, b: str) -> None:
    assert analyse(a).numbers == analyse(b).numbers and analyse(a).numbers


@pytest.mark.parametrize("text", [
    "Top officials at the Port Authority earn more than the governors.",
    "Obama wants to raise the top rate.",
    "Trump is one of the top threats facing the global economy.",
    "New Jersey is in the top third of the states.",
    "the top airports in the world",
    "It was a mistake in the first place.",
    "They are running for the top spots.",
    "the first time in Texas history",
    "a second term",
])
def test_features_top_and_first_that_are_no_rank_of_one(text: str) -> None:
    assert 1.0 not in analyse(text).numbers and 2.0 not in analyse(text).numbers


@pytest.mark.parametrize(("a", "b"), [
    ("decreased by 2 thirds", "decreased by two-thirds"),
    ("three-fifths of voters", "60 percent of voters"),
    ("nine tenths of the land", "90% of the land"),
])
def test_features_any_fraction_in_words_is_a_share(a: str, b: str) -> None:
    assert analyse(a).numbers == analyse(b).numbers and analyse(a).approximate


@pytest.mark.parametrize("text", ["two-tenths of a percent", "three-fifths of a vote", "four thirds"])
def test_features_fractions_of_a_unit_are_no_shares(text: str) -> None:
    assert not analyse(text).approximate


def test_features_shares_in_words_are_approximate() -> None:
    assert analyse("Three times out of four, he voted with Bush.").approximate == {75.0}
    assert analyse("more than a third of kids").approximate == {33.3}
    assert analyse("nearly half of the voters and 1/3 of the rest").approximate == {50.0, 33.3}
    # Figures in digits stand for themselves.
    assert analyse("76 percent of the time, 48% of voters, 2,000 people").approximate == frozenset()
    shares = analyse("two in five voters, and half the kids")
    assert Features.from_json(shares.to_json()) == shares
    # Stores written before shares were kept apart read back with none.
    assert Features.from_json('[["rent"],[],[5.0],[],["rent"],[]]').approximate == frozenset()


def test_share_tolerance_is_half_the_gap_to_the_nearest_simple_fraction() -> None:
    from claimcheck.lookups.features import share_tolerance

    # Three quarters: 7/9 (77.8) and 5/7 (71.4) are the nearest other fractions.
    assert share_tolerance(75.0) == pytest.approx((77.78 - 75.0) / 2, abs=0.01)
    # A half: 4/9 and 5/9.
    assert share_tolerance(50.0) == pytest.approx((50.0 - 44.44) / 2, abs=0.01)
    # A third: 3/10.
    assert share_tolerance(33.3) == pytest.approx((33.3 - 30.0) / 2, abs=0.01)
    assert share_tolerance(90.0) == pytest.approx((90.0 - 88.89) / 2, abs=0.01)
