"""Cue frames mined from PolNeAR train and the quotation and colon sources added with them.

Each case is a hand-written sentence of one class of error found on PolNeAR train
(acts reported with a complement, frames whose claim is mostly the reported part,
"As X reported, ...", quotations whose frame holds no claim, names before a colon,
embedded claims inside a cue's content).
"""

from __future__ import annotations

import pytest

from claimcheck.analysis.attribution_cues import CueIndex, frame_of
from claimcheck.analysis.attribution_frames import MINED_CUE_FRAMES
from tests.core.claim_lookup import first_claim


_claim = first_claim


@pytest.mark.parametrize(
    "text,verb,frame",
    [
        ("She declined to say whether the plant would close.", "declined", "to"),
        ("He called for an inquiry into the overspend.", "called", "prep:for"),
        ("The mayor criticized the council for the delay.", "criticized", "obj"),
        ("The plan was criticized as reckless.", "criticized", "passive"),
        ("She said that the plant would close.", "said", "clause"),
    ],
)
def test_attribution_frame_of_names_the_complement(nlp, text: str, verb: str, frame: str) -> None:
    doc = nlp(text)
    assert frame_of(next(t for t in doc if t.text == verb)) == frame


def test_attribution_mined_frames_are_lemma_and_complement() -> None:
    kinds = {key.split(" ", 1)[1].split(":")[0] for key in MINED_CUE_FRAMES}
    assert kinds <= {"clause", "to", "obj", "prep", "passive", "none"}
    assert all(key == key.lower() and len(key.split()) == 2 for key in MINED_CUE_FRAMES)


def test_attribution_passive_subject_is_never_a_frame_source(nlp) -> None:
    # "The plan was criticized as reckless": the plan is what was criticized, not who spoke.
    doc = nlp("The plan was criticized as reckless by nobody in particular.")
    assert not [c for c in CueIndex(doc).all() if doc[c.verb].text == "criticized" and doc[c.source[0]].text == "plan"]


@pytest.mark.parametrize(
    "text,contains,speaker",
    [
        # an act reported with a complement (mined frames)
        ("Mr Hale called for a public inquiry into the \u00a340m overspend at the hospital trust.", "public inquiry", "Hale"),
        ("Councillor Mary Dunn criticized the board for spending \u00a32m on consultants last year.", "\u00a32m", "Mary Dunn"),
        # a frame whose claim is mostly what it reports, beyond the object
        ("The survey showed Mr Cole losing support after the debate on Sunday, with 40 percent backing him before and 31 percent afterwards.",
         "losing support", "survey"),
        # "As X reported, ..."
        ("As the Gazette reported, the factory will close in March with the loss of 300 jobs.", "300 jobs", "Gazette"),
        # a name right before a colon introduces the quotation
        ("JOBS FIGURES - Jane Porter: \u201cUnemployment in the region rose to 6.1% in May.\u201d", "6.1%", "Jane Porter"),
        # a quotation whose frame holds no claim, the parser taking the quotation for the subject
        ("\u201cThe accounts were never audited. Not a single one,\u201d said Dr Anil Patel, who chaired the committee.",
         "never audited", "Anil Patel"),
    ],
)
def test_attribution_frames_and_quotation_sources(engine, text: str, contains: str, speaker: str) -> None:
    claim, _ = _claim(engine, text, contains)
    assert claim.attribution is not None, claim.text
    assert speaker.lower() in (claim.attribution.speaker or "").lower(), claim.attribution


def test_attribution_claim_mostly_its_source_stays_in_the_article_voice(engine) -> None:
    # Most of the claim is who acted, not what was reported: the article's report of an act.
    text = ("Felicia Ward, president of the Riverside Institute, a think tank in Leeds, and Tom Hale, "
            "co-founder of the polling firm Hale Data, applauded the plan.")
    claim, _ = _claim(engine, text, "Felicia Ward")
    assert claim.attribution.kind == "article"


def test_attribution_vague_actor_of_a_frame_is_not_the_claims_source(engine) -> None:
    # "Officials declined to say ..." reports an act: the claim stays the article's, not a claim
    # resting on unnamed sources (whether the actor itself is flagged is analysis/anonymous.py's call).
    claim, _ = _claim(engine, "Officials declined to say whether the depot had cost \u00a33m.", "declined")
    assert claim.attribution.kind == "article"
    claim, _ = _claim(engine, "Councillor Mary Dunn declined to say whether the depot had cost \u00a33m.", "declined")
    assert claim.attribution.speaker == "Mary Dunn"


def test_attribution_embedded_claim_inside_a_cue_takes_its_source(engine) -> None:
    report = engine.check("The Gallup poll showed Senator Jane Moss of Ohio at 12 percent in March.", all=True)
    embedded = [c for c in report.claims if c.embedded and "Jane Moss" in c.text]
    assert embedded and all("poll" in (c.attribution.speaker or "").lower() for c in embedded), [(c.text, c.attribution) for c in report.claims]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_attribution_colon_block_ends_with_its_paragraph(engine, gap: str) -> None:
    # "X argued that:" introduces the next paragraph only, whether paragraphs are lines or
    # blank-line separated; what follows is the article's again.
    text = gap.join([
        "Housing costs rose again this spring.",
        "Dr Mara Quinn, who wrote the report, argued that:",
        "\u201cRents in the city rose by 14% in 2023, the fastest rise in a decade.\u201d",
        "The council approved 1,200 new homes on the river site in March.",
        "Building work on the site will start in 2025.",
    ])
    quoted, report = _claim(engine, text, "14%")
    assert "Mara Quinn" in (quoted.attribution.speaker or ""), quoted.attribution
    own = next(c for c in report.claims if "1,200" in c.text)
    assert own.attribution.kind == "article", own.attribution
