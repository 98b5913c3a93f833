"""Speaker frames: the claim is looked up without "X said that ...", the speaker kept apart."""

from __future__ import annotations

import pytest

from claimcheck.lookups.frames import split_frame


@pytest.mark.parametrize(
    ("text", "speaker", "claim"),
    [
        ("Ted Cruz argued that two in five illegal immigrants overstayed their visas.", "Ted Cruz",
         "Two in five illegal immigrants overstayed their visas."),
        ("On at least four occasions bullets fired from Mexico have crossed the border, Greg Abbott said.",
         "Greg Abbott", "On at least four occasions bullets fired from Mexico have crossed the border"),
        ("According to the Florida Chamber of Commerce, Nevada ranks first in foreclosures.",
         "the Florida Chamber of Commerce", "Nevada ranks first in foreclosures."),
        ("Julio Robaina earns the biggest salary of any mayor in Florida, according to a Common Sense Now ad.",
         "a Common Sense Now ad", "Julio Robaina earns the biggest salary of any mayor in Florida"),
        ("Each month, Ted Cruz said, the Bureau of Labor Statistics reports more people stopped looking for work.",
         "Ted Cruz", "Each month the Bureau of Labor Statistics reports more people stopped looking for work."),
        ("Sen. Ron Johnson told reporters on Tuesday that fewer than 4% of residents benefit.", "Sen. Ron Johnson",
         "Fewer than 4% of residents benefit."),
        ("A blog post alleged that Hillary Clinton co-sponsored a bill to jail flag burners.", "A blog post",
         "Hillary Clinton co-sponsored a bill to jail flag burners."),
        ("Jobless claims fell to a record low in June, said Labor Secretary Tom Perez.", "Labor Secretary Tom Perez",
         "Jobless claims fell to a record low in June"),
        # A speaker described in an aside, before or after the claim.
        ("Rob Portman, a Republican from Ohio, said that the deficit has doubled since 2009.",
         "Rob Portman, a Republican from Ohio", "The deficit has doubled since 2009."),
        ("Ohio Sen. Rob Portman, speaking on the Senate floor, said the deficit has doubled since 2009.",
         "Ohio Sen. Rob Portman, speaking on the Senate floor", "The deficit has doubled since 2009."),
        ("The deficit has doubled since 2009, said Rob Portman, a Republican from Ohio.", "Rob Portman",
         "The deficit has doubled since 2009"),
        # Where the speaker spoke, a colon, and whom they told, however many words it takes.
        ("Speaking in Ohio on Tuesday, Rob Portman said the deficit has doubled since 2009.", "Rob Portman",
         "The deficit has doubled since 2009."),
        ("Rob Portman said: the deficit has doubled since 2009.", "Rob Portman", "The deficit has doubled since 2009."),
        ("Rob Portman told Fox News on Sunday that the deficit has doubled since 2009.", "Rob Portman",
         "The deficit has doubled since 2009."),
    ],
)
def test_frames_speaker_and_claim_are_split(text: str, speaker: str, claim: str) -> None:
    framed = split_frame(text)
    assert framed.speaker == speaker
    assert framed.claim == claim


@pytest.mark.parametrize(
    "text",
    [
        "Factories are opening their doors at the fastest pace in almost two decades.",
        # What is left must still read as a claim (four words or more).
        "Obama said no.",
        # A speaker is short: this "speaker" is a clause.
        "The central bank kept interest rates unchanged for the sixth month running and said it would wait.",
        "Some of the hijackers used New Jersey drivers licenses to board those aircraft.",
        # Noun forms of reporting verbs are not frames.
        "Jobless claims fell to their lowest level since 1973 in the first week of June.",
        "Florida paid out two billion dollars more than expected in insurance claims.",
        # A participle set off by commas is no closing frame without a noun phrase after it.
        "Two men, charged with arson near Portland County, are members of a militia group.",
    ],
)
def test_frames_text_without_a_frame_is_left_whole(text: str) -> None:
    framed = split_frame(text)
    assert framed.speaker is None
    assert framed.claim == text
