"""Claims reported by a finding or report verb stop at the verb, as they stop at "said that".

"The inquiry found that X": X is the claim and the inquiry its source, the way
"the minister said that X" gives X with the minister as speaker.  The sentences
are written for these tests (the class was read on PolNeAR train: a claim that
kept "... found that" was mostly its frame, and the reported clause under half).
"""

from __future__ import annotations

import pytest

from claimcheck.analysis.attribution_lexicon import FINDING_VERBS
from tests.core.claim_lookup import first_claim


@pytest.mark.parametrize(
    "text,content,cue,speaker",
    [
        ("A survey by the Hale Institute found that 42 households in the county had no heating last winter.",
         "42 households", "found", "Hale Institute"),
        ("Records held by the county clerk show that the council spent \u00a33m on consultants in 2019.",
         "\u00a33m", "show", "county clerk"),
        ("The inquiry concluded that the fire doors had not been inspected since 2015.",
         "fire doors", "concluded", "inquiry"),
        ("The appeal court ruled that the landlord had broken the tenancy law twice in 2021.",
         "tenancy law", "ruled", "appeal court"),
        ("Auditors determined that the trust had overspent its budget by \u00a312m.",
         "\u00a312m", "determined", "Auditors"),
        ("An independent review established that the pumps at the station had failed twice in 2020.",
         "pumps", "established", "independent review"),
    ],
)
def test_attribution_finding_verb_ends_the_frame(engine, text: str, content: str, cue: str, speaker: str) -> None:
    claim, _ = first_claim(engine, text, content)
    # The claim is the reported clause: the finding verb and its subject are the frame.
    assert cue not in claim.text.split(), claim.text
    assert claim.attribution is not None and speaker.lower() in (claim.attribution.speaker or "").lower(), claim.attribution


@pytest.mark.parametrize(
    "text,contains,first",
    [
        # no reported clause: the finding verb is the claim's own act
        ("Police found the missing boy in a barn near Leeds on Tuesday.", "missing boy", "Police"),
        ("The minister showed the letter to the committee on 3 May.", "letter", "The"),
        # a wh-clause asserts nothing of its own: the finding is the claim
        ("A review of the accounts shows how the charity spent \u00a32m in 2020.", "charity", "A"),
    ],
)
def test_attribution_finding_verb_without_a_clause_stays_the_claim(engine, text: str, contains: str, first: str) -> None:
    claim, _ = first_claim(engine, text, contains)
    assert claim.text.split()[0] == first, claim.text
    if first != "A":
        assert claim.attribution.kind == "article", claim.attribution


def test_attribution_finding_verbs_are_lemmas_outside_the_speech_lexicon() -> None:
    from claimcheck.analysis.lexicon import COGNITION_VERBS, SPEECH_VERBS

    assert FINDING_VERBS and all(v == v.lower() and " " not in v for v in FINDING_VERBS)
    assert not FINDING_VERBS & (SPEECH_VERBS | COGNITION_VERBS)
