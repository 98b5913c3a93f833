"""Direction and negation: a reversed or denied claim told from a reworded one (hand-written pairs)."""

from __future__ import annotations

import pytest

from claimcheck.lookups.direction import DIRECTION_FEATURES, direction, direction_features
from claimcheck.lookups.features import analyse


def _features(query: str, stored: str) -> dict[str, float]:
    return dict(zip(DIRECTION_FEATURES, direction_features(query, stored, analyse(query).stems,
                                                           analyse(stored).stems)))


@pytest.mark.parametrize(("query", "stored"), [
    ("The mayor voted to cut school aid.", "The mayor voted to increase school aid."),
    ("The senator voted against the farm bill.", "The senator voted in favor of the farm bill."),
    ("The senator voted for the farm bill.", "The senator opposed the farm bill."),
    ("Under the plan, property taxes go down for most families.", "Under the plan, property taxes go up for most families."),
    ("The new gun law is less restrictive than the old one.", "The new gun law is more restrictive than the old one."),
    ("Crime is down 12 percent since 2010.", "Crime is up 12 percent since 2010."),
    ("Air quality in the city has gotten worse.", "Air quality in the city has improved."),
    ("Wages did not rise last year.", "Wages rose last year."),
    ("Perry pushed for a law that bars insurers from raising rates.", "Perry pushed for a law that lets insurers raise rates."),
    ("Factories are closing at the fastest pace in two decades.", "Factories are opening at the fastest pace in two decades."),
])
def test_direction_a_reversed_claim_is_reversed(query: str, stored: str) -> None:
    assert _features(query, stored)["direction_reversed"] == 1.0


@pytest.mark.parametrize(("query", "stored"), [
    # the same direction in other words
    ("Unemployment dropped to 5 percent.", "Unemployment fell to 5 percent."),
    ("Wages did not rise last year.", "Wages fell last year."),
    ("The senator backed the farm bill.", "The senator supported the farm bill."),
    # converses are left out of the lexicon: a rewording may take the other side
    ("About 40 percent of guns are sold without a background check.",
     "About 40 percent of guns are purchased without a background check."),
    ("The team lost to Ohio State.", "Ohio State won against the team."),
    # directional words that govern nothing the two claims share
    ("Gas prices rose in Ohio while the governor cut the state police.",
     "Gas prices rose in Ohio."),
    # "up" in a phrasal verb or a bound is no direction
    ("Women make up half of the workforce.", "Women make up 50 percent of the workforce."),
    ("Up to 40 percent of students drop out.", "As many as 40 percent of students drop out."),
])
def test_direction_a_rewording_is_not_reversed(query: str, stored: str) -> None:
    assert _features(query, stored)["direction_reversed"] == 0.0


def test_direction_a_denied_claim_differs_in_negation() -> None:
    assert _features("The governor has never signed a budget on time.",
                     "The governor signed a budget on time.")["negation_differs"] == 1.0
    # a denied directional word points the other way instead
    assert _features("The governor has never raised the sales tax.", "The governor raised the sales tax.") == {
        "direction_reversed": 1.0, "negation_differs": 0.0}
    assert _features("Texas does not require a background check for private gun sales.",
                     "Texas requires a background check for private gun sales.")["negation_differs"] == 1.0


def test_direction_negation_that_turns_a_directional_word_is_not_counted_twice() -> None:
    # "did not rise" is read as pointing down, so it agrees with "fell" and is no denial.
    assert _features("Wages did not rise last year.", "Wages fell last year.") == {
        "direction_reversed": 0.0, "negation_differs": 0.0}


def test_direction_the_same_negation_in_other_words_agrees() -> None:
    assert _features("Nobody in the county has health insurance through the exchange.",
                     "No one in the county has health insurance through the exchange.")["negation_differs"] == 0.0


def test_direction_negation_far_from_shared_words_is_ignored() -> None:
    assert _features("Texas added 100,000 jobs, though not in farming.",
                     "Texas added 100,000 jobs.")["negation_differs"] == 0.0


def test_direction_reads_folded_phrases_and_not_figures() -> None:
    # "went up" points up; a figure governs nothing (another figure is another feature).
    assert direction("Rents went up").pointers[0][:2] == (0, 1)
    assert direction("Rents rose 5 percent").pointers[0][2] == frozenset({"rent", "percent"})
    assert direction("It is what it is").pointers == ()
    assert _features("The Buffett Rule would raise under five billion dollars a year.",
                     "The Buffett Rule will bring in less than $5 billion per year.")["direction_reversed"] == 0.0


def test_direction_only_a_verb_negator_turns_a_directional_word() -> None:
    # "no fee increases" denies a noun: it says what "raises no fees" says.
    assert _features("The 2011-13 budget raises no fees.", "The 2011-13 state budget contains no fee increases.") == {
        "direction_reversed": 0.0, "negation_differs": 0.0}


def test_direction_words_governing_other_words_do_not_conflict() -> None:
    assert _features("Income per person is 9 percent under the US average and the state is growing poorer.",
                     "Per capita income is 9 percent below the national average; the state is getting poorer."
                     )["direction_reversed"] == 0.0


def test_direction_negators_without_apostrophes_and_ranks() -> None:
    assert _features("South Korea does not pay for the US troops there.",
                     "South Korea doesnt pay for the US troops there.")["negation_differs"] == 0.0
    assert _features("A study ranked Florida first in government corruption.",
                     "A study ranked Florida No. 1 in government corruption.")["negation_differs"] == 0.0


def test_direction_the_match_bound_holds_for_any_direction_and_wordnet_values() -> None:
    # Matcher.pairs reads the direction features only for candidates that could
    # still reach the floor: the bound must hold whatever they turn out to be.
    import itertools

    import numpy as np

    from claimcheck.lookups.match import _DIRECTION_AT, _WORDNET_AT, FEATURES, match_model
    from claimcheck.lookups.wordnet import WORDNET_FEATURES

    model = match_model()
    base = np.asarray(model.mean, dtype=float)
    base[_DIRECTION_AT] = 0.0
    base[_WORDNET_AT] = 0.0
    assert FEATURES[_DIRECTION_AT] == DIRECTION_FEATURES
    for floor in (0.3, 0.5, model.threshold, 0.9):
        reachable = model.could_reach(base[None, :], floor, DIRECTION_FEATURES + WORDNET_FEATURES)[0]
        for flags in itertools.product((0.0, 1.0), repeat=len(DIRECTION_FEATURES)):
            for shares in ((0.0, 0.0, 0.0), (1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0), (0.5, 0.5, 0.0)):
                row = base.copy()
                row[_DIRECTION_AT] = flags
                row[_WORDNET_AT] = shares
                if model.probability(row[None, :])[0] >= floor - 0.5e-4:
                    assert reachable, (floor, flags, shares)


@pytest.mark.parametrize(
    ("query", "stored"),
    [("There is no doubt that the new stadium cost taxpayers $500 million.",
      "The new stadium cost taxpayers $500 million."),
     ("The bill not only cuts the income tax but also repeals the estate tax.",
      "The bill cuts the income tax and repeals the estate tax.")],
)
def test_direction_a_negator_that_denies_nothing_is_no_denial(query: str, stored: str) -> None:
    # "no doubt" affirms; "not only X but Y" says X and Y.
    assert _features(query, stored)["negation_differs"] == 0.0
    assert _features("There is doubt that the new stadium cost taxpayers $500 million.",
                     "The new stadium did not cost taxpayers $500 million.")["negation_differs"] == 1.0
