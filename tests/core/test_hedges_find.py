"""Hedges: the words that make a claim less than a flat assertion."""

from __future__ import annotations

import pytest

from claimcheck.analysis.hedges import HedgeFinder


@pytest.mark.parametrize(
    "text,hedge",
    [
        ("The minister reportedly resigned.", "reportedly"),
        ("The plant could close next year.", "could"),
        ("Crowds of apparently jubilant people gathered.", "apparently"),
        ("The vessel is thought to be Russian.", "is thought to"),
        ("Prices will rise, some say.", "some say"),
        ("There's an assumption that ammunition is being sent.", "assumption"),
        ("About 300 people attended.", "About"),
    ],
)
def test_hedges_found(nlp, text: str, hedge: str) -> None:
    doc = nlp(text)
    found = [doc[s:e].text for s, e in HedgeFinder(nlp.vocab).find(doc)]
    assert hedge in found


@pytest.mark.parametrize(
    "text,hedge",
    [
        # An allegation participle that modifies a noun hedges who is meant, not the claim about them.
        ("Dozens of suspected smugglers were arrested at the border.", None),
        ("Any driver suspected of using a phone can be stopped by police.", None),
        ("The alleged victim gave evidence on Monday.", None),
        # On the claim's own verb it hedges the claim.
        ("The minister is suspected of lying to parliament.", "suspected"),
        ("It is alleged that he took bribes.", "It is alleged"),
    ],
)
def test_hedges_allegation_on_a_noun_describes(nlp, text: str, hedge: str | None) -> None:
    doc = nlp(text)
    found = [doc[s:e].text for s, e in HedgeFinder(nlp.vocab).find(doc)]
    assert found == ([hedge] if hedge else [])


@pytest.mark.parametrize(
    "text",
    ["Theresa May resigned in May 2019.", "They talked about the budget.", "The parliament passed the bill."],
)
def test_hedges_not_found(nlp, text: str) -> None:
    doc = nlp(text)
    assert HedgeFinder(nlp.vocab).find(doc) == []


@pytest.mark.parametrize(
    "text",
    [
        "The plant could close; it is thought to be unsafe, some say, and up to 300 jobs may go.",
        "It is said that the minister reportedly feels like quitting, according to reports.",
        "Sort of a deal: as many as 40 people apparently seemed to agree, critics claim.",
        "Nothing hedged here at all.",
    ],
)
def test_hedges_scan_equals_spacy_matcher(nlp, text: str) -> None:
    """The direct scan is an optimisation of spaCy's Matcher: it must find exactly what the Matcher finds."""
    from spacy.matcher import Matcher

    from claimcheck.analysis.hedges import _PHRASES, _SINGLE_LEMMAS, _SINGLE_WORDS

    matcher = Matcher(nlp.vocab)
    matcher.add("WORD", [[{"LOWER": {"IN": _SINGLE_WORDS}}]])
    matcher.add("LEMMA", [[{"LEMMA": {"IN": _SINGLE_LEMMAS}}]])
    matcher.add("PHRASE", _PHRASES)
    doc = nlp(text)
    expected = sorted({(start, end) for _, start, end in matcher(doc)})
    assert sorted(set(HedgeFinder(nlp.vocab).matches(doc))) == expected


@pytest.mark.parametrize("n_keys", [0, 1, 7, 300])
def test_hedges_member_is_isin(n_keys):
    """The bisection that finds the tokens a hedge can start at answers as ``np.isin`` does."""
    import numpy as np

    from claimcheck.analysis.hedges import _member

    rng = np.random.default_rng(n_keys)
    keys = np.unique(rng.integers(0, 2**63, n_keys, dtype=np.uint64))
    values = rng.integers(0, 2**63, 200, dtype=np.uint64)
    if n_keys:
        values[::3] = rng.choice(keys, len(values[::3]))
    values[-1] = np.iinfo(np.uint64).max  # beyond every key
    assert (_member(values, keys) == np.isin(values, keys)).all()
