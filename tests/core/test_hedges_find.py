"""Hedges: the words that make a claim less than a flat assertion."""

from __future__ import annotations

import pytest

from claimcheck.hedges import HedgeFinder


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
    "text",
    ["Theresa May resigned in May 2019.", "They talked about the budget.", "The parliament passed the bill."],
)
def test_hedges_not_found(nlp, text: str) -> None:
    doc = nlp(text)
    assert HedgeFinder(nlp.vocab).find(doc) == []
