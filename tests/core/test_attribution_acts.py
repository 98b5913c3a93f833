"""Speech acts: a clause headed by a verb of alleging, announcing, promising, warning or judging
gives its agent as the claim's speaker.

"The ministry denied any involvement in the attack": that the ministry denied it is the
article's report, but what is checked is the denial, against the ministry's words, so the
ministry is the speaker (the cue names the act).  The agent speaks only for what the act says:

* a negated or modal act ("has not endorsed", "will testify") says nothing yet;
* a clause that is mostly the act and its adjuncts ("insisted on Thursday during a tour of the
  morning shows") stays the article's;
* a passive act names its "by" agent, never who was accused;
* a vague agent ("Some accused the mayor of ...") is an unnamed source;
* a common noun with a name in apposition ("One superdelegate, Nancy Worley,") is that person.

The sentences are written for these tests (general English speech-act verbs, not words read on
any corpus); the class was read on PolNeAR train 700:840.
"""

from __future__ import annotations

import pytest

from tests.core.claim_lookup import first_claim


#: (sentence, words of the claim, the speaker expected, or None for the article's own voice)
CASES = [
    ("The ministry denied any involvement in the attack on the embassy.", "involvement", "ministry"),
    ("The central bank warned of a sharp slowdown in growth next year.", "slowdown", "central bank"),
    ("Senator Maria Lopez pledged to build two new hospitals in the state by 2027.", "hospitals", "Maria Lopez"),
    ("The minister was criticised by the auditors for the cost of the new airport terminal.", "terminal", "auditors"),
    ("Some accused the mayor of ignoring repeated warnings about the floods.", "ignoring", "Some"),
    ("One superdelegate, Nancy Worley, pledged to back the former secretary of state at the convention.",
     "convention", "Nancy Worley"),
    ("Senator Patrick Toomey has not endorsed the nominee for the federal court.", "nominee", None),
    ("James Comey will testify before the committee about the decision on Thursday.", "committee", None),
    ("Tim Kaine insisted on Thursday during a whistle stop tour of the morning news shows.", "tour", None),
    ("Gazprom was accused of illegally taking part in the auction.", "auction", None),
]


@pytest.mark.parametrize("text,content,speaker", CASES)
def test_speech_act_agent(engine, text: str, content: str, speaker: str | None) -> None:
    claim, _ = first_claim(engine, text, content)
    att = claim.attribution
    if speaker is None:
        assert att.kind == "article", att
    else:
        assert att.kind != "article" and speaker in (att.speaker or ""), att
