""""Seem" and "appear" say how a thing looks; a relative clause can report what its noun said.

"The climate appears to be destabilizing" does not make the climate the
speaker of a clause the parser hung off "appears", and "Ryan is feeling
pressure as members back the nominee" gives a reason, not Ryan's view.  Views
that are views keep their holder.  The sentences are written for these tests
(the class was read on PolNeAR train: every seem/appear/feel frame that gave a
speaker in the 200 articles read was the journalist's own voice).  "Thomas
Perez, who said he expects the deal to be signed" is mostly what Perez said, as
"Perez said he expects ..." is; "who was appointed by ..." stays a description.
"""

from __future__ import annotations

import pytest

from tests.core.claim_lookup import first_claim


@pytest.mark.parametrize(
    "text,content",
    [
        ("The river has risen two metres since March, the valley appears to be flooding, and the dams are "
         "starting to leak.", "two metres"),
        ("The mayor is clearly feeling some pressure as members of her own party have withdrawn their support "
         "for the budget.", "withdrawn their support"),
        ("The minister appeared nervous in the chamber, as she read out the figures for the third quarter.",
         "read out the figures"),
        ("The council seemed unprepared when the storm closed 14 schools in the district.", "14 schools"),
    ],
)
def test_attribution_appearance_names_no_speaker(engine, text: str, content: str) -> None:
    claim, _ = first_claim(engine, text, content)
    assert claim.attribution is None or claim.attribution.kind == "article", claim.attribution


@pytest.mark.parametrize(
    "text,content,speaker",
    [
        ("Hollis believes the new levy will raise \u00a32m for the harbour.", "levy", "Hollis"),
        ("Hollis feels that the harbour levy has cost the town 40 jobs.", "40 jobs", "Hollis"),
    ],
)
def test_attribution_views_keep_their_holder(engine, text: str, content: str, speaker: str) -> None:
    claim, _ = first_claim(engine, text, content)
    assert claim.attribution is not None and speaker in (claim.attribution.speaker or ""), claim.attribution


@pytest.mark.parametrize(
    "text,content,speaker",
    [
        ("The talks were chaired by Ann Hollis, who said she expects the agreement to be signed within a week.",
         "she expects the agreement", "Hollis"),
        ("The union hired Mr. Brandt, who estimated that a third of its members had lost overtime pay.",
         "a third of its members", "Brandt"),
    ],
)
def test_attribution_relative_clause_that_reports(engine, text: str, content: str, speaker: str) -> None:
    # "X, who said Y": what X said is a claim of its own (claims.py), and it is X's.
    report = engine.check(text, published="2024-06-19", all=True)
    claim = next(c for c in report.claims if c.text.startswith(content))
    assert claim.attribution is not None and speaker in (claim.attribution.speaker or ""), claim.attribution


def test_attribution_relative_clause_of_an_act_stays_the_articles(engine) -> None:
    claim, _ = first_claim(engine, "The inquiry was led by Judge Ann Hollis, who was appointed by the governor in 2019.",
                           "who was appointed")
    assert claim.attribution is None or claim.attribution.kind == "article", claim.attribution
