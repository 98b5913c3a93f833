"""Anonymous sourcing found from the parse (claimcheck.analysis.anonymous), with or without a claim."""

from __future__ import annotations

import pytest

ANONYMOUS = "editorial.anonymous-attribution"


def _flagged(engine, text: str) -> list[str]:
    report = engine.check(text, published="2024-06-19", all=True)
    found = [f for f in report.findings if f.rule == ANONYMOUS]
    for finding in found:
        assert text[finding.start:finding.end] == finding.text  # offsets into the input
    return [f.text for f in found]


@pytest.mark.parametrize(
    "text,flagged",
    [
        # the reporting verb inside a relative clause
        ("The depot, which officials have estimated will cost $90m, opens in May.", "officials have estimated"),
        # an unnamed person attached to an institution is still unnamed
        ("A Downing Street source said the vote would be delayed.", "A Downing Street source said"),
        # a question asked by a vague group
        ("Several economists also questioned whether the bank had acted too late.", "Several economists also questioned"),
        # an unnamed person quoted by another outlet
        ("\u201cThe talks are over,\u201d the Daily Post quoted an insider as saying.", "quoted an insider"),
        ("Media reported that the striker had failed a medical.", "Media reported"),
        ("Reportedly, the club paid \u00a330m for the striker.", "Reportedly, the club paid"),
        ("Sources close to the coach said he would resign.", "Sources close to the coach said"),
    ],
)
def test_anonymous_vague_sources_are_flagged(engine, text: str, flagged: str) -> None:
    texts = _flagged(engine, text)
    assert any(flagged in t for t in texts), texts


@pytest.mark.parametrize(
    "text",
    [
        "The judge said the defendant had lied about his income.",
        "Prosecutors said the firm had hidden $5m from investors.",
        "Police said two men were arrested on Tuesday.",
        "The company's spokesman said sales rose 5% in March.",
        "Inspectors found that the kitchen had no hot water.",
    ],
)
def test_anonymous_named_or_identifiable_sources_are_not_flagged(engine, text: str) -> None:
    assert _flagged(engine, text) == []


def test_anonymous_source_is_reported_once_with_its_reporting_word(engine) -> None:
    texts = _flagged(engine, 'A Treasury source said: "The cut is coming in April."')
    assert texts == ["A Treasury source said"]
