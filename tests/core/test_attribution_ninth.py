"""Reporting cues the ninth round read on PolNeAR train: passive verbs, controlled infinitives,
speakers the parser made a second subject, "it" for a document, "according to" over a whole
sentence, asides set off by punctuation.

* A speech verb in the passive names who was asked or told, not who speaks: "nurses have been
  asked to work ..." is not the nurses' claim, and a parenthetical "managers say" around it is
  the source; "by officials" names the speaker.
* "Aides are quick to point out that ...": the cue is the infinitive of an adjective, its
  speaker the copula's subject, and the claim headed by the copula is what they point out.
* "..., said Maria Lopez, a senator": when the parser read a verb of the words as a noun and
  made them a second subject of "said", the subject after the verb speaks.
* "The council's report ... It says that ...", "Acme posted a loss. It said ...": a source "it"
  stands for a document or an organisation just named as a clause's subject, as it stands for an
  organisation that just spoke.
* "A raised $3.1m, and B had $2m in cash, according to its filings": "according to X" that
  opens or closes a sentence speaks for every conjunct, whichever verb the parser hung it on.
* "If the talks fail, the union said, workers will strike": the parser hangs the fronted clause
  on the aside "the union said", which still reports the sentence around it.
* A cue clause that is a complement and not an aside ("backs the practice sometimes called
  gerrymandering", misread as a clause) does not make its noun the speaker of the sentence.

The sentences are written for these tests; the classes were read on PolNeAR train 500:700.
"""

from __future__ import annotations

import pytest

from tests.core.claim_lookup import first_claim


def _speaker(claim) -> str:  # type: ignore[no-untyped-def]
    att = claim.attribution
    return "" if att is None or att.kind == "article" else (att.speaker or "")


@pytest.mark.parametrize(
    "text,content,speaker",
    [
        ("In most cases, hospital managers say, nurses have been asked to work extra shifts without pay.",
         "extra shifts", "hospital managers"),
        ("She was told by officials that the plant would close in March.", "plant would close", "officials"),
        ("Aides to the governor are quick to point out that she has won three of the last four elections.",
         "three of the last four", "Aides to the governor"),
        ('The rejection of the budget signals "the beginning of the end" for the coalition, said Maria Lopez, '
         "a senator from Ohio.", "end", "Maria Lopez"),
        ("The council's report was published on Monday. It says that 40 percent of the town's bridges need repair.",
         "40 percent", "report"),
        ("Even so, in May the campaign raised $3.1 million, and it had $2 million in cash at the end of June, "
         "according to its finance filings.", "raised $3.1 million", "finance filings"),
        ("According to the exit polls, 31% of voters put a priority on experience, and 58% of those voters "
         "backed the governor.", "58% of those voters", "exit polls"),
        ("If the talks fail, the union said, workers will strike on Monday.", "workers will strike", "union"),
        ("When the vote was held, the court ruled, the law had already expired.", "law had already expired", "court"),
        ("Acme posted a loss on Monday. It said that sales fell 5 percent in the quarter.", "sales fell", "Acme"),
        ('Thursday\'s memo from the panel seemed aimed at bolstering the inquiry. "So far, 59 of the 75 witnesses '
         'had never been interviewed by Congress," it stated.', "59 of the 75", "memo"),
    ],
)
def test_attribution_ninth_round_speakers(engine, text: str, content: str, speaker: str) -> None:
    claim, _ = first_claim(engine, text, content)
    assert speaker in _speaker(claim), claim.attribution


@pytest.mark.parametrize(
    "text,content,not_speaker",
    [
        # Who was told is not who speaks.
        ("Residents were told that the water was safe to drink.", "water was safe", "Residents"),
        # A complement clause is not an aside: the practice says nothing.
        ("It said that Cruz backs the practice sometimes called gerrymandering.", "gerrymandering", "practice"),
        # "It" is never a person named before it.
        ("Trump spoke in Ohio. It said that the mayor will resign.", "mayor will resign", "Trump"),
        # An act with a "to" complement stays the article's report.
        ("The union wants to cut wages by 4 percent.", "cut wages", "union"),
    ],
)
def test_attribution_ninth_round_no_speaker(engine, text: str, content: str, not_speaker: str) -> None:
    claim, _ = first_claim(engine, text, content)
    assert not_speaker not in _speaker(claim), claim.attribution
