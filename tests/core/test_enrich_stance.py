"""A claim that only reports a verdict somebody gave is kept below the line (enrich.stance_reasons)."""

from __future__ import annotations

import pytest

from claimcheck.analysis.enrich import JUDGEMENT_CEILING, STANCE
from claimcheck.analysis.lexicon import STANCE_VERBS
from tests.core.claim_lookup import first_claim


@pytest.mark.parametrize(
    "text,contains",
    [
        ("Opposition councillors condemned the closure of the Riverside library on Tuesday.", "condemned"),
        ("Senate Democrats decried the lack of detail in the Pentagon's budget request.", "decried"),
        ("Teachers' unions in Ohio praised the governor for his handling of the strike.", "praised"),
        ("Several Labour MPs criticised the Home Office over the delays.", "criticised"),
    ],
)
def test_enrich_stance_verdict_given_is_demoted(engine, text: str, contains: str) -> None:
    claim, _ = first_claim(engine, text, contains)
    assert claim.score <= JUDGEMENT_CEILING
    assert claim.reasons[0] == f"- {STANCE}"


@pytest.mark.parametrize(
    "text,contains",
    [
        # A figure in what is judged makes it checkable.
        ("The union praised the 5% pay rise agreed with Ford on Monday.", "praised"),
        # The same scene without a verb of judgement.
        ("Opposition councillors voted against the closure of the Riverside library on Tuesday.", "voted"),
        # Nothing judged after the verb: the thing judged is the subject.
        ("The closure of the Riverside library was widely condemned.", "condemned"),
    ],
)
def test_enrich_stance_leaves_other_claims(engine, text: str, contains: str) -> None:
    claim, _ = first_claim(engine, text, contains)
    assert not any(STANCE in r for r in claim.reasons)


def test_enrich_stance_verbs_are_lemmas() -> None:
    assert {"condemn", "praise", "decry", "denounce", "criticise", "criticize"} <= STANCE_VERBS
    assert all(v == v.lower() and " " not in v for v in STANCE_VERBS)
