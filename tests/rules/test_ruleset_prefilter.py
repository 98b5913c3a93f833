"""The dependency-pattern prefilter never hides a match."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text,possible",
    [
        ("Germany will deliver 18 tanks to Ukraine by March.", True),
        ("The minister visited a school in Leeds.", False),
    ],
)
def test_ruleset_prefilter_dependency(nlp, text: str, possible: bool) -> None:
    from claimcheck.rules import load_rule_sets
    from claimcheck.rules.plugin import claimcheck_rule_packs

    ruleset = load_rule_sets(claimcheck_rule_packs(), {}, [])
    ruleset.prepare(nlp)
    doc = nlp(text)
    matchers = ruleset._matchers_for(doc)
    assert matchers.dependency_words.possible(doc) is possible
    if not possible:
        assert list(matchers.dependency(doc)) == []
