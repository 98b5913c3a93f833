"""Claim types follow Full Fact's taxonomy."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text,contains,claim_type",
    [
        ("Unemployment fell to 4.1% in May.", "4.1%", "quantity"),
        ("They gathered almost half of the capital.", "half", "quantity"),
        ("The treaty includes a mutual defence clause.", "defence clause", "rule"),
        ("The new law bans smoking in cars carrying children.", "bans smoking", "rule"),
        ("Trade between the two countries will increase next year.", "will increase", "prediction"),
        ("The invasion of Ukraine has left Russia isolated from the West.", "isolated", "causation"),
        ("The floods were caused by a blocked drain.", "caused", "causation"),
        ("Norway is the largest oil producer in Western Europe.", "largest", "comparison"),
        ("Russia exports more wheat than any other country.", "more wheat", "comparison"),
        ("Antony Blinken is the US secretary of state.", "Blinken", "role"),
        ("Both sides deny this.", "deny", "event"),
        ("Police arrested two men in Leeds on Tuesday.", "arrested", "event"),
    ],
)
def test_claim_types_classify(engine, text: str, contains: str, claim_type: str) -> None:
    report = engine.check(text, published="2024-06-19", all=True)
    hits = [c for c in report.claims if contains in c.text and not c.embedded]
    assert hits, [c.text for c in report.claims]
    assert hits[0].type == claim_type
